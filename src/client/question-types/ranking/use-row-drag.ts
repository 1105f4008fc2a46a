import { onBeforeUnmount, ref, type Ref } from 'vue'
import { dropIndex } from './ranking-order'

/**
 * Reordering rows of a list by dragging a handle, with pointer events so mouse, pen and touch
 * all work (the handle has `touch-action: none`, so a drag on a phone does not scroll the page).
 * The row follows the pointer live through `move`; `drop` fires once, when the pointer lets go.
 * Moves and the release are followed on the window, not the handle: moving the row moves its
 * handle in the DOM, which drops any pointer capture the handle had.
 */
export function useRowDrag(list: Ref<HTMLElement | null>, handlers: { move: (from: number, to: number) => void; drop: (index: number) => void }) {
  const dragging = ref<number | null>(null)
  let pointerId: number | null = null

  function follow(event: PointerEvent): void {
    if (dragging.value === null || event.pointerId !== pointerId || !list.value) return
    const rows = [...list.value.children].map((row) => row.getBoundingClientRect())
    const to = dropIndex(event.clientY, rows, dragging.value)
    if (to !== dragging.value) {
      handlers.move(dragging.value, to)
      dragging.value = to
    }
  }

  function stopListening(): void {
    window.removeEventListener('pointermove', follow)
    window.removeEventListener('pointerup', end)
    window.removeEventListener('pointercancel', end)
  }

  function end(event: PointerEvent): void {
    if (dragging.value === null || event.pointerId !== pointerId) return
    const index = dragging.value
    dragging.value = null
    pointerId = null
    stopListening()
    handlers.drop(index)
  }

  function start(index: number, event: PointerEvent): void {
    if (event.button !== 0 || dragging.value !== null) return
    event.preventDefault()
    dragging.value = index
    pointerId = event.pointerId
    window.addEventListener('pointermove', follow)
    window.addEventListener('pointerup', end)
    window.addEventListener('pointercancel', end)
  }

  onBeforeUnmount(stopListening)
  return { dragging, start }
}
