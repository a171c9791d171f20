import { useState, type FormEvent } from 'react'
import { api } from '../api.js'
import { ErrorNote } from '../common.js'
import { COMPLAINT_CATEGORIES } from '../console/types.js'
import { useI18n } from '../i18n.js'
import { useDemo } from './demo-context.js'
import { Dialog } from './dialog.js'
import { DEMO_USER, type DemoScenario, type InspectedLink } from './types.js'

export interface ReportReceipt {
  id: string
  status: string
  caseId: string
  duplicate: boolean
  warning?: { code: string; message: string }
}

/** The report dialog (外链投诉): category, optional text, and the message as evidence. */
export function ReportDialog({
  link,
  scenario,
  messageText,
  onClose,
  onReported,
}: {
  link: InspectedLink
  scenario: DemoScenario
  messageText: string
  onClose(): void
  onReported(receipt: ReportReceipt): void
}) {
  const { t } = useI18n()
  const demo = useDemo()
  const [category, setCategory] = useState<string>('fraud')
  const [text, setText] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const receipt = await api<ReportReceipt>('/v1/reports', {
        method: 'POST',
        key: demo.key,
        body: {
          reporterId: DEMO_USER,
          url: link.url,
          scenario,
          category,
          ...(text.trim() ? { text } : {}),
          evidence: { messageText, sentAt: new Date().toISOString() },
        },
      })
      onReported(receipt)
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Dialog title={t('report.title')} onClose={onClose}>
      <p className="url">{link.display}</p>
      <form onSubmit={(e) => void submit(e)}>
        <fieldset>
          <legend>{t('report.category')}</legend>
          <div className="choices">
            {COMPLAINT_CATEGORIES.map((c) => (
              <label key={c} className="inline">
                <input
                  type="radio"
                  name="category"
                  value={c}
                  checked={category === c}
                  onChange={() => setCategory(c)}
                />{' '}
                {t(`complaint.${c}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <label htmlFor="report-text">{t('report.text')}</label>
        <textarea
          id="report-text"
          rows={3}
          maxLength={2000}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <p className="hint">{t('report.evidence')}</p>
        {error ? <ErrorNote error={error} what={t('report.api')} /> : null}
        <button type="submit" className="primary" disabled={busy}>
          {t('report.submit')}
        </button>
      </form>
    </Dialog>
  )
}

/** The appeal dialog shown on a block page that a reviewed case caused. */
export function AppealDialog({
  caseId,
  onClose,
  onFiled,
}: {
  caseId: string
  onClose(): void
  onFiled(): void
}) {
  const { t } = useI18n()
  const demo = useDemo()
  const [text, setText] = useState('')
  const [error, setError] = useState<unknown>(null)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setError(null)
    try {
      await api(`/v1/cases/${encodeURIComponent(caseId)}/appeals`, {
        method: 'POST',
        key: demo.key,
        body: { by: 'sharer', text },
      })
      onFiled()
    } catch (caught) {
      setError(caught)
    }
  }
  return (
    <Dialog title={t('appeal.fileTitle')} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <label htmlFor="appeal-text">{t('appeal.why')}</label>
        <textarea id="appeal-text" rows={4} required value={text} onChange={(e) => setText(e.target.value)} />
        {error ? <ErrorNote error={error} what={t('appeal.api')} /> : null}
        <button type="submit" className="primary" disabled={text.trim() === ''}>
          {t('appeal.file')}
        </button>
      </form>
    </Dialog>
  )
}
