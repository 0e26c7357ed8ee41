import * as RadixDialog from '@radix-ui/react-dialog'
import { useLayoutEffect, type ReactNode } from 'react'
import { CloseIcon } from './icons.tsx'
import { TOOLTIP_SHOWING } from './Timestamp.tsx'

/**
 * Our dialogs open from many buttons rather than from a Radix trigger, and one dialog can hand over
 * to the next, so focus goes back to whatever outside every dialog opened the first one.
 */
let focusBeforeDialogs: HTMLElement | null = null

function rememberFocusOutsideDialogs() {
  const active = document.activeElement
  if (active instanceof HTMLElement && !active.closest('[role="dialog"]')) focusBeforeDialogs = active
}

/** Back to where the dialogs began; when that control has gone (a CONNECT that a connect removed), to `fallback`. */
function restoreFocus(event: Event, fallback?: () => HTMLElement | null) {
  event.preventDefault()
  if (focusBeforeDialogs?.isConnected) focusBeforeDialogs.focus()
  else fallback?.()?.focus()
}

/** The console's one dialog frame: Radix supplies the focus trap, Esc and the ARIA wiring. */
export function Dialog({
  open,
  onOpenChange,
  title,
  description,
  returnFocus,
  size = 'normal',
  children
}: {
  open: boolean
  onOpenChange: (open: boolean) => void
  title: string
  description?: string
  /** Where focus goes on close when the control that opened the dialog is no longer on the page. */
  returnFocus?: () => HTMLElement | null
  /** Wide for a dialog that holds a table, such as the heartbeat history. */
  size?: 'normal' | 'wide'
  children: ReactNode
}) {
  useLayoutEffect(() => {
    if (open) rememberFocusOutsideDialogs()
  }, [open])
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="dialog-overlay" />
        <RadixDialog.Content
          className={size === 'wide' ? 'dialog dialog-wide' : 'dialog'}
          onCloseAutoFocus={(event) => restoreFocus(event, returnFocus)}
          // Esc on a time whose tooltip shows hides the tooltip (Timestamp does); only the next Esc closes.
          onEscapeKeyDown={(event) => {
            if (event.target instanceof Element && event.target.hasAttribute(TOOLTIP_SHOWING)) event.preventDefault()
          }}
          {...(description ? {} : { 'aria-describedby': undefined })}
        >
          <header className="dialog-header">
            <RadixDialog.Title className="dialog-title">{title}</RadixDialog.Title>
            <RadixDialog.Close className="icon-button" aria-label="Close">
              <CloseIcon />
            </RadixDialog.Close>
          </header>
          {description && <RadixDialog.Description className="dialog-description">{description}</RadixDialog.Description>}
          {children}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  )
}
