import { useEffect, type RefObject } from 'react'

/**
 * A dialog's buttons change with its state, and the focused one may leave with it. When it did (the
 * browser puts focus on the body, Radix then on the dialog frame), focus the new state's main control,
 * marked `data-step-focus`, so a keyboard user is not left on the frame.
 */
export function useFocusWhenLost(container: RefObject<HTMLElement | null>, state: string) {
  useEffect(() => {
    const active = document.activeElement
    const lost = !active || active === document.body || active.getAttribute('role') === 'dialog'
    if (lost) container.current?.querySelector<HTMLElement>('[data-step-focus]')?.focus()
  }, [container, state])
}
