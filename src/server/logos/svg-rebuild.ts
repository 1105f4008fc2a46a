import { XMLParser } from 'fast-xml-parser'

/**
 * A municipality's SVG logo, parsed and written out again from an allowlist of elements and
 * attributes. Anything that can run or load something (scripts, foreignObject, event handlers,
 * links that leave the document, styles with @import or url() to elsewhere, DOCTYPEs with their
 * entities) makes the logo refused, so an admin learns it instead of finding a silently changed
 * picture; harmless extras editors add (metadata, comments, Inkscape's namespaced elements and
 * attributes) are left out of the rebuilt file.
 */

const ELEMENTS = new Set([
  'svg', 'g', 'defs', 'title', 'desc', 'symbol', 'use', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon',
  'text', 'tspan', 'linearGradient', 'radialGradient', 'stop', 'clipPath', 'mask', 'pattern', 'style',
])

/** Elements whose presence alone refuses the logo: they run code or embed other documents. */
const REFUSED_ELEMENTS = new Set(['script', 'foreignobject', 'iframe', 'embed', 'object', 'handler', 'listener', 'set', 'animate', 'animatetransform', 'animatemotion', 'image', 'a'])

const ATTRIBUTES = new Set([
  'xmlns', 'xmlns:xlink', 'version', 'id', 'class', 'viewBox', 'width', 'height', 'preserveAspectRatio', 'x', 'y', 'x1', 'y1', 'x2', 'y2',
  'cx', 'cy', 'r', 'rx', 'ry', 'fx', 'fy', 'd', 'points', 'transform', 'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width',
  'stroke-linecap', 'stroke-linejoin', 'stroke-miterlimit', 'stroke-dasharray', 'stroke-dashoffset', 'stroke-opacity', 'opacity',
  'offset', 'stop-color', 'stop-opacity', 'gradientUnits', 'gradientTransform', 'spreadMethod', 'patternUnits', 'patternTransform',
  'clip-path', 'clip-rule', 'clipPathUnits', 'mask', 'maskUnits', 'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor',
  'dominant-baseline', 'letter-spacing', 'dx', 'dy', 'display', 'visibility', 'style', 'href', 'xlink:href', 'role', 'aria-label',
  'aria-hidden', 'focusable', 'lang', 'xml:lang', 'xml:space',
])

export type SvgProblem = 'not_svg' | 'doctype' | 'script' | 'event_handler' | 'external_link' | 'external_style'

export class SvgRefused extends Error {
  constructor(readonly problem: SvgProblem, detail: string) {
    super(`${problem}: ${detail}`)
  }
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/** Decodes the XML entities (the five named ones and numeric ones); DOCTYPEs, which could define others, are refused before. */
function decode(raw: string): string {
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16))
    if (ref.startsWith('#')) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10))
    return NAMED_ENTITIES[ref] ?? whole
  })
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const escapeAttribute = (s: string) => escapeText(s).replace(/"/g, '&quot;')

/** A CSS text (a style element or attribute) may only point inside the logo: url(#id), no @import. */
function checkStyle(css: string, where: string): void {
  if (/@import/i.test(css)) throw new SvgRefused('external_style', `@import in ${where}`)
  if (/\\/.test(css)) throw new SvgRefused('external_style', `escapes in ${where}`)
  for (const match of css.matchAll(/url\s*\(\s*(['"]?)([^)'"]*)\1\s*\)/gi)) {
    if (!match[2]?.trim().startsWith('#')) throw new SvgRefused('external_style', `url() to outside the logo in ${where}`)
  }
  if (/expression\s*\(|javascript:/i.test(css)) throw new SvgRefused('script', `script in ${where}`)
}

function checkAttribute(element: string, name: string, value: string): void {
  if (/^on/i.test(name.replace(/^.*:/, ''))) throw new SvgRefused('event_handler', `${name} on <${element}>`)
  if (/(^|:)href$/i.test(name) && !value.trim().startsWith('#')) throw new SvgRefused('external_link', `${name}="${value.slice(0, 60)}" on <${element}>`)
  if (/javascript:|data:/i.test(value.replace(/\s/g, ''))) throw new SvgRefused('script', `${name} on <${element}>`)
  checkStyle(value, `${name} on <${element}>`)
}

type Node = Record<string, unknown>

function rebuildNodes(nodes: Node[], parent: string): string {
  return nodes.map((node) => rebuildNode(node, parent)).join('')
}

function rebuildNode(node: Node, parent: string): string {
  const name = Object.keys(node).find((k) => k !== ':@')
  if (name === undefined) return ''
  if (name === '#text') {
    const text = decode(String(node['#text']))
    if (parent === 'style') checkStyle(text, '<style>')
    return escapeText(text)
  }
  if (name === '#comment' || name.startsWith('?')) return ''
  const local = name.replace(/^.*:/, '').toLowerCase()
  if (REFUSED_ELEMENTS.has(local)) throw new SvgRefused('script', `<${name}>`)
  const attributes = (node[':@'] ?? {}) as Record<string, unknown>
  // Attributes are checked on every element, also those left out, so nothing dangerous is hidden in a dropped part.
  for (const [attr, value] of Object.entries(attributes)) checkAttribute(name, attr, decode(String(value)))
  const children = (node[name] ?? []) as Node[]
  if (!ELEMENTS.has(name)) {
    rebuildNodes(children, name) // checked, not kept
    return ''
  }
  const kept = Object.entries(attributes)
    .filter(([attr]) => ATTRIBUTES.has(attr))
    .map(([attr, value]) => ` ${attr}="${escapeAttribute(decode(String(value)))}"`)
    .join('')
  const inner = rebuildNodes(children, name)
  return inner === '' ? `<${name}${kept}/>` : `<${name}${kept}>${inner}</${name}>`
}

/** The rebuilt SVG, or a `SvgRefused` saying why the logo cannot be used. */
export function rebuildSvg(source: string): string {
  if (/<!DOCTYPE|<!ENTITY/i.test(source)) throw new SvgRefused('doctype', 'a DOCTYPE or entity declaration')
  let parsed: Node[]
  try {
    const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', allowBooleanAttributes: true, processEntities: false, parseTagValue: false, parseAttributeValue: false, trimValues: false, commentPropName: '#comment' })
    parsed = parser.parse(source, true) as Node[]
  } catch (error) {
    throw new SvgRefused('not_svg', error instanceof Error ? error.message.split('\n')[0]! : 'unreadable XML')
  }
  const roots = parsed.filter((n) => !Object.keys(n).some((k) => k === '#comment' || k.startsWith('?') || (k === '#text' && String(n[k]).trim() === '')))
  if (roots.length !== 1 || !('svg' in roots[0]!)) throw new SvgRefused('not_svg', 'the root element must be <svg>')
  const svg = rebuildNode(roots[0]!, '')
  // The rebuilt root always declares the SVG namespace, so browsers read it as SVG.
  return svg.includes('xmlns="http://www.w3.org/2000/svg"') ? svg : svg.replace(/^<svg/, '<svg xmlns="http://www.w3.org/2000/svg"')
}
