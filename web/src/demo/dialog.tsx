import { useEffect, useRef, type ReactNode } from 'react'
import { useI18n } from '../i18n.js'

/** A modal <dialog>: focus moves into it, Esc closes it, and focus returns to the opener. */
export function Dialog({
  title,
  onClose,
  children,
}: {
  title: string
  onClose(): void
  children: ReactNode
}) {
  const { t } = useI18n()
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null
    const dialog = ref.current
    dialog?.showModal()
    return () => {
      dialog?.close()
      opener?.focus()
    }
  }, [])
  return (
    <dialog ref={ref} aria-labelledby="dialog-title" onCancel={onClose} className="dialog">
      <h2 id="dialog-title">{title}</h2>
      {children}
      <button type="button" className="close" onClick={onClose} aria-label={t('common.close')}>
        ×
      </button>
    </dialog>
  )
}
