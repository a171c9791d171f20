import { useState } from 'react'
import { api } from '../api.js'
import { Chart } from '../chart.js'
import { LoadView, useLoad } from '../common.js'
import { useI18n } from '../i18n.js'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** A flat `{label: count}` object: what the report's breakdowns look like (issue 9). */
function isCounts(value: Json): value is Record<string, number> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length > 0 &&
    Object.values(value).every((v) => typeof v === 'number')
  )
}

function Breakdown({ path, value }: { path: string[]; value: Json }) {
  const { t } = useI18n()
  const title = path.join(' › ')
  if (isCounts(value)) {
    const entries = Object.entries(value)
    return (
      <figure className="breakdown">
        <figcaption>{title}</figcaption>
        <Chart
          label={`${title}: ${entries.map(([k, n]) => `${k} ${n}`).join(', ')}`}
          height={Math.max(160, entries.length * 26)}
          option={{
            grid: { left: 120, right: 24, top: 8, bottom: 24 },
            xAxis: { type: 'value' },
            yAxis: { type: 'category', data: entries.map(([k]) => k), inverse: true },
            series: [{ type: 'bar', data: entries.map(([, n]) => n), itemStyle: { color: '#0b6e4f' } }],
          }}
        />
      </figure>
    )
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return (
      <>
        {Object.entries(value).map(([k, v]) => (
          <Breakdown key={k} path={[...path, k]} value={v} />
        ))}
      </>
    )
  }
  if (Array.isArray(value)) {
    return (
      <details>
        <summary>
          {title} ({value.length})
        </summary>
        <pre>{JSON.stringify(value, null, 2)}</pre>
      </details>
    )
  }
  return (
    <p className="stat">
      <span>{title}</span> <strong>{value === null ? t('transparency.suppressed') : String(value)}</strong>
    </p>
  )
}

/** The public transparency report for a period, every breakdown as a chart with its numbers in the label. */
export function TransparencyPage() {
  const { t } = useI18n()
  const today = new Date().toISOString().slice(0, 10)
  const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10)
  const [from, setFrom] = useState(yearAgo)
  const [to, setTo] = useState(today)
  const report = useLoad(
    () => api<Record<string, Json>>('/v1/transparency', { query: { from, to } }),
    [from, to],
  )
  return (
    <section aria-labelledby="transparency-title">
      <h1 id="transparency-title">{t('transparency.title')}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('transparency.from')}
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('transparency.to')}
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </form>
      <p className="hint">{t('transparency.privacy')}</p>
      <LoadView loaded={report} what={t('transparency.api')}>
        {(data) => (
          <div className="dashboard">
            {Object.entries(data).map(([k, v]) => (
              <Breakdown key={k} path={[k]} value={v} />
            ))}
          </div>
        )}
      </LoadView>
    </section>
  )
}
