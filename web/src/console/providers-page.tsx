import { useState } from 'react'
import { api } from '../api.js'
import { Chart } from '../chart.js'
import { LoadView, useLoad } from '../common.js'
import { useI18n } from '../i18n.js'
import type { ConsoleSession } from './console-app.js'

interface ProviderItem {
  id: string
  nameZh: string
  nameEn: string
  categories: string[]
  domains: string[]
  hasApp?: boolean
}

type GradeCard = Record<string, unknown> & { grade?: string }
type GradeHistory = { items?: Record<string, unknown>[] } | Record<string, unknown>[]

/** Numeric series over time from whatever the grade history holds: every numeric field of each entry (or of its `metrics`). */
function seriesOf(history: GradeHistory): { times: string[]; series: Map<string, number[]> } {
  const items = Array.isArray(history) ? history : (history.items ?? [])
  const times: string[] = []
  const series = new Map<string, number[]>()
  items.forEach((item, index) => {
    const at = String(item.at ?? item.computedAt ?? item.day ?? index)
    times.push(at.slice(0, 10))
    const metrics = (
      typeof item.metrics === 'object' && item.metrics !== null ? item.metrics : item
    ) as Record<string, unknown>
    for (const [name, value] of Object.entries(metrics)) {
      if (typeof value !== 'number') continue
      const list = series.get(name) ?? Array<number>(index).fill(Number.NaN)
      list[index] = value
      series.set(name, list)
    }
  })
  return { times, series }
}

function GradePanel({ session, provider }: { session: ConsoleSession; provider: ProviderItem }) {
  const { t, lang } = useI18n()
  const card = useLoad(
    () => api<GradeCard>(`/v1/providers/${encodeURIComponent(provider.id)}/grade`, { key: session.key }),
    [provider.id],
  )
  const history = useLoad(
    () =>
      api<GradeHistory>(`/v1/providers/${encodeURIComponent(provider.id)}/grade/history`, {
        key: session.key,
      }),
    [provider.id],
  )
  const name = lang === 'zh' ? provider.nameZh : provider.nameEn
  return (
    <section className="grade-card" aria-labelledby={`grade-${provider.id}`}>
      <h2 id={`grade-${provider.id}`}>
        {t('providers.gradeCard')} · {name}
      </h2>
      <LoadView loaded={card} what={t('providers.gradeApi')}>
        {(g) => (
          <>
            <p className="grade-letter" data-testid="grade">
              {String(g.grade ?? '—')}
            </p>
            <details>
              <summary>{t('providers.gradeDetail')}</summary>
              <pre>{JSON.stringify(g, null, 2)}</pre>
            </details>
          </>
        )}
      </LoadView>
      {history.data ? <HistoryChart history={history.data} label={t('providers.trend', { name })} /> : null}
    </section>
  )
}

function HistoryChart({ history, label }: { history: GradeHistory; label: string }) {
  const { times, series } = seriesOf(history)
  if (times.length === 0 || series.size === 0) return null
  return (
    <Chart
      label={label}
      option={{
        tooltip: { trigger: 'axis' },
        legend: { type: 'scroll' },
        xAxis: { type: 'category', data: times },
        yAxis: { type: 'value' },
        series: [...series].map(([name, data]) => ({ name, type: 'line', data, connectNulls: true })),
      }}
    />
  )
}

export function ProvidersPage({ session }: { session: ConsoleSession }) {
  const { t, lang } = useI18n()
  const own = session.principal.role.startsWith('provider:')
    ? session.principal.role.slice('provider:'.length)
    : null
  const [filter, setFilter] = useState('')
  const [selected, setSelected] = useState<string | null>(own)
  const loaded = useLoad(() => api<{ items: ProviderItem[] }>('/v1/providers'), [])
  return (
    <section aria-labelledby="providers-title">
      <h1 id="providers-title">{t('providers.title')}</h1>
      <label htmlFor="provider-filter">{t('providers.filter')}</label>
      <input id="provider-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
      <LoadView loaded={loaded} what={t('nav.providers')}>
        {(data) => {
          const needle = filter.trim().toLowerCase()
          const items = data.items.filter(
            (p) =>
              needle === '' ||
              [p.id, p.nameZh, p.nameEn, ...p.domains, ...p.categories].some((s) =>
                s.toLowerCase().includes(needle),
              ),
          )
          const chosen = data.items.find((p) => p.id === selected)
          return (
            <>
              <p>{t('providers.count', { n: data.items.length })}</p>
              {chosen ? <GradePanel session={session} provider={chosen} /> : null}
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('providers.name')}</th>
                      <th scope="col">{t('providers.categories')}</th>
                      <th scope="col">{t('providers.domains')}</th>
                      <th scope="col">{t('providers.app')}</th>
                      <th scope="col">
                        <span className="sr-only">{t('common.actions')}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((p) => (
                      <tr key={p.id}>
                        <td>
                          {lang === 'zh' ? p.nameZh : p.nameEn} <span className="mono hint">{p.id}</span>
                        </td>
                        <td>{p.categories.map((c) => t(`category.${c}` as 'category.other')).join('、')}</td>
                        <td className="mono">
                          {p.domains.slice(0, 4).join(' ')}
                          {p.domains.length > 4 ? ' …' : ''}
                        </td>
                        <td>{p.hasApp ? t('common.yes') : t('common.no')}</td>
                        <td>
                          <button
                            type="button"
                            onClick={() => setSelected(p.id)}
                            aria-pressed={selected === p.id}
                            aria-label={`${t('providers.showGrade')} ${lang === 'zh' ? p.nameZh : p.nameEn}`}
                          >
                            {t('providers.showGrade')}
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )
        }}
      </LoadView>
    </section>
  )
}
