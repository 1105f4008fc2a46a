import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue'

/**
 * True once the page has painted after this component mounted. A part no one needs for the first
 * look (Voorlezen) renders only then, so its code is asked for after that paint instead of in the
 * middle of the first render, where it added a request to the chain before the largest paint.
 * `requestAnimationFrame` runs just before the next paint; the frame after it starts once that paint
 * is on its way to the screen (a browser shows a frame up to one frame after painting it, and the
 * largest paint is timed when shown), and a task queued from there runs after both.
 */
export function useAfterPaint(): Ref<boolean> {
  const painted = ref(false)
  let frame: number | undefined
  let task: ReturnType<typeof setTimeout> | undefined
  onMounted(() => {
    frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        task = setTimeout(() => {
          painted.value = true
        })
      })
    })
  })
  onBeforeUnmount(() => {
    if (frame !== undefined) cancelAnimationFrame(frame)
    if (task !== undefined) clearTimeout(task)
  })
  return painted
}
