/** Attribute values in the snippet: a municipality's name may hold quotes or an ampersand. */
function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** The widget's default height: room for a poll's form without a scroll bar of its own on most sites. */
const EMBED_HEIGHT_PX = 640

/**
 * The `<iframe>` a municipality puts on its website: the widget of its own slug on our origin,
 * full width, with a title for screen readers (WCAG 4.1.2) and no border of its own.
 */
export function embedSnippet(input: { appOrigin: string; slug: string; title: string }): string {
  const src = new URL(`/embed/${encodeURIComponent(input.slug)}`, input.appOrigin).href
  return `<iframe src="${attribute(src)}" title="${attribute(input.title)}" width="100%" height="${EMBED_HEIGHT_PX}" style="border: 0;" loading="lazy"></iframe>`
}
