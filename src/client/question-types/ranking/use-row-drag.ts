import { ref, type Ref } from 'vue'
import { dropIndex } from './ranking-order'

/**
 * Reordering rows of a list by dragging a handle, with pointer events so mouse, pen and touch
 * all work (the handle has `touch-action: none`, so a drag on a phone does not scroll the page).
 * The row follows the pointer live through `move`; `drop` fires once, when the pointer lets go.
 */
export function useRowDrag(list: Ref<HTMLElement | null>, handlers: { move: (from: number, to: number) => void; drop: (index: number) => void }) {
  const dragging = ref<number | null>(null)
  let pointerId: number | null = null

  function start(index: number, event: PointerEvent): void {
    if (event.button !== 0 || dragging.value !== null) return
    event.preventDefault()
    dragging.value = index
    pointerId = event.pointerId
    ;(event.currentTarget as Element | null)?.setPointerCapture?.(event.pointerId)
  }

  function follow(event: PointerEvent): void {
    if (dragging.value === null || event.pointerId !== pointerId || !list.value) return
    const rows = [...list.value.children].map((row) => row.getBoundingClientRect())
    const to = dropIndex(event.clientY, rows, dragging.value)
    if (to !== dragging.value) {
      handlers.move(dragging.value, to)
      dragging.value = to
    }
  }

  function end(event: PointerEvent): void {
    if (dragging.value === null || event.pointerId !== pointerId) return
    const index = dragging.value
    dragging.value = null
    pointerId = null
    handlers.drop(index)
  }

  return { dragging, start, follow, end }
}
