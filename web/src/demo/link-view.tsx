import { useState } from 'react'
import { ActionBadge } from '../common.js'
import { useI18n } from '../i18n.js'
import { useDemo } from './demo-context.js'
import { LinkCard } from './link-card.js'
import { AppealDialog, ReportDialog, type ReportReceipt } from './report-dialog.js'
import { localGoUrl, type DemoScenario, type InspectedLink, type ReasonRef } from './types.js'

function ReasonList({ reasons }: { reasons: ReasonRef[] }) {
  const { pick, t } = useI18n()
  const demo = useDemo()
  if (reasons.length === 0) return null
  return (
    <ul className="reasons">
      {reasons.map((r) => {
        const entry = demo.reasons.get(r.code)
        return (
          <li key={r.code}>
            {entry ? pick(entry) : r.code}
            <span className="hint">
              {' '}
              ({r.code}
              {r.detail ? ` · ${r.detail}` : ''} · {t(`decidedBy.${r.decidedBy.type}`)})
            </span>
          </li>
        )
      })}
    </ul>
  )
}

/** One link of a message as the platform would show it, following Hutong's decision. */
export function LinkView({
  link,
  scenario,
  messageText,
  onChanged,
}: {
  link: InspectedLink
  scenario: DemoScenario
  messageText: string
  onChanged(): void
}) {
  const { t } = useI18n()
  const [reporting, setReporting] = useState(false)
  const [appealing, setAppealing] = useState(false)
  const [receipt, setReceipt] = useState<ReportReceipt | null>(null)
  const [appealed, setAppealed] = useState(false)
  const { action, reasons, external } = link.decision
  const go = localGoUrl(link.goUrl)
  const caseReason = reasons.find((r) => r.decidedBy.type === 'case')
  const caseId = caseReason && caseReason.decidedBy.type === 'case' ? caseReason.decidedBy.caseId : null
  return (
    <div className={`link-view action-${action}`} data-action={action} data-url={link.url}>
      {action === 'block' ? (
        <section className="block-page" aria-label={t('demo.blockPage')} data-testid="block-page">
          <h3>{t('demo.blocked')}</h3>
          <p className="url">{link.display}</p>
          <ReasonList reasons={reasons} />
          <p className="buttons">
            <a href={go} target="_blank" rel="noopener noreferrer">
              {t('demo.viewBlockPage')}
            </a>
            <a href="/v1/reasons?format=md" target="_blank" rel="noopener noreferrer">
              {t('demo.rules')}
            </a>
            {caseId && !appealed ? (
              <button type="button" onClick={() => setAppealing(true)}>
                {t('appeal.file')}
              </button>
            ) : null}
            {appealed ? <span role="status">{t('appeal.filed')}</span> : null}
          </p>
        </section>
      ) : (
        <>
          <LinkCard link={link} />
          <div className="link-row">
            <ActionBadge action={action} />
            <a className="open-link" href={go} target="_blank" rel="noopener noreferrer">
              {action === 'warn'
                ? t('demo.openViaSafety')
                : external
                  ? t('demo.openExternal')
                  : t('demo.open')}
            </a>
            {link.appUrl ? (
              <a className="app-button" href={link.appUrl}>
                {t('demo.openInApp')}
              </a>
            ) : null}
          </div>
          {action === 'warn' ? (
            <div className="safety-note">
              <p>{t('demo.safetyText')}</p>
              <ReasonList reasons={reasons} />
            </div>
          ) : null}
        </>
      )}
      <p className="link-tools">
        <button type="button" className="linklike" onClick={() => setReporting(true)}>
          {t('report.open')}
        </button>
        {receipt ? (
          <span role="status" data-testid="report-receipt">
            {t('report.received', { id: receipt.id.slice(0, 8) })}
            {receipt.duplicate ? ` · ${t('report.duplicate')}` : ''}
          </span>
        ) : null}
      </p>
      {reporting ? (
        <ReportDialog
          link={link}
          scenario={scenario}
          messageText={messageText}
          onClose={() => setReporting(false)}
          onReported={(r) => {
            setReceipt(r)
            setReporting(false)
          }}
        />
      ) : null}
      {appealing && caseId ? (
        <AppealDialog
          caseId={caseId}
          onClose={() => setAppealing(false)}
          onFiled={() => {
            setAppealed(true)
            setAppealing(false)
            onChanged()
          }}
        />
      ) : null}
    </div>
  )
}
