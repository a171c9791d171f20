import { escapeHtml } from './html.js'
import type { PageLanguage } from './language.js'
import type { CountTable } from '../transparency/count-table.js'
import { labelOf } from '../transparency/labels.js'
import { renderPublicDocument } from '../transparency/public-document.js'
import type { TransparencyReport } from '../transparency/report-types.js'

const T = {
  'zh-CN': {
    title: '互通透明度报告',
    period: '统计期间',
    ledger: '本报告的每个数字都可由治理台账重新计算：截至台账序号',
    suppressed: '少于 10 的数字不公布（显示为“<10”），以保护隐私。',
    reports: '投诉',
    received: '收到投诉',
    byCategory: '按投诉类型',
    byScenario: '按场景',
    topThree: (cats: string, pct: string) => `前三类投诉（${cats}）合计占 ${pct}。`,
    decisions: '处置决定',
    byAction: '按处置',
    byGround: '按依据',
    byDecisionCategory: '按类型',
    byDetection: '自动与人工',
    median: '从首次投诉到决定的时间中位数',
    hours: '小时',
    appeals: '申诉',
    filed: '提出申诉',
    byOutcome: '按结果',
    reversal: '撤销率',
    restrictions: '限制措施',
    byProvider: '按平台',
    byReason: '按理由',
    grades: '信用分级分布',
    feeds: '威胁情报源',
    feed: '来源',
    entries: '条目数',
    imported: '最近导入',
    age: '距期末',
    fresh: '状态',
    freshYes: '新鲜',
    freshNo: '过期',
    policy: '政策',
    inForce: '期末生效的政策版本',
    published: '期间发布的版本',
    exemptions: '已声明的例外',
    none: '无',
    count: '数量',
    share: '占比',
    nav: ['规则', '透明度报告'],
  },
  en: {
    title: 'Hutong transparency report',
    period: 'Period',
    ledger: 'Every number in this report can be recomputed from the governance ledger, through seq',
    suppressed: 'Numbers below 10 are not published (shown as "<10") to protect privacy.',
    reports: 'Reports',
    received: 'Reports received',
    byCategory: 'By complaint category',
    byScenario: 'By scenario',
    topThree: (cats: string, pct: string) => `The top three categories (${cats}) make ${pct} of reports.`,
    decisions: 'Decisions',
    byAction: 'By action',
    byGround: 'By ground',
    byDecisionCategory: 'By category',
    byDetection: 'Automated and human',
    median: 'Median time from first report to decision',
    hours: 'hours',
    appeals: 'Appeals',
    filed: 'Appeals filed',
    byOutcome: 'By outcome',
    reversal: 'Reversal rate',
    restrictions: 'Restrictions',
    byProvider: 'By provider',
    byReason: 'By reason',
    grades: 'Distribution of grades',
    feeds: 'Threat feeds',
    feed: 'Source',
    entries: 'Entries',
    imported: 'Last import',
    age: 'Age at period end',
    fresh: 'State',
    freshYes: 'fresh',
    freshNo: 'stale',
    policy: 'Policy',
    inForce: 'Policy version in force at the period end',
    published: 'Versions published in the period',
    exemptions: 'Declared exemptions',
    none: 'None',
    count: 'Count',
    share: 'Share',
    nav: ['Rules', 'Transparency report'],
  },
} as const

const pct = (share: number): string => `${(share * 100).toFixed(1)}%`
const num = (n: number | null): string => (n === null ? '&lt;10' : String(n))

/** A horizontal bar chart as inline SVG (no scripts, no fonts fetched); suppressed cells get no bar. */
function barChart(
  table: CountTable,
  lang: PageLanguage,
  label: (key: string) => string = (k) => labelOf(lang, k),
): string {
  const cells = table.cells.filter((c) => c.count !== 0)
  if (cells.length === 0) return ''
  const max = Math.max(1, ...cells.map((c) => c.count ?? 0))
  const row = 22
  const height = cells.length * row + 4
  const bars = cells
    .map((c, i) => {
      const y = i * row + 2
      const width = c.count === null ? 0 : Math.max(1, Math.round((c.count / max) * 380))
      const text = c.count === null ? '<10' : `${c.count}${c.share === null ? '' : ` (${pct(c.share)})`}`
      return (
        `<text x="0" y="${y + 15}" font-size="12" fill="#1f2328">${escapeHtml(label(c.key))}</text>` +
        `<rect x="170" y="${y + 3}" width="${width}" height="15" fill="${c.count === null ? '#d0d7de' : '#0969da'}"/>` +
        `<text x="${176 + width}" y="${y + 15}" font-size="12" fill="#57606a">${escapeHtml(text)}</text>`
      )
    })
    .join('')
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="640" height="${height}" viewBox="0 0 640 ${height}">${bars}</svg>`
}

function table(
  t: CountTable,
  lang: PageLanguage,
  heading: string,
  label: (key: string) => string = (k) => labelOf(lang, k),
): string {
  const s = T[lang]
  const rows = t.cells
    .map(
      (c) =>
        `<tr><td>${escapeHtml(label(c.key))}</td><td class="n">${num(c.count)}</td><td class="n">${c.share === null ? '' : pct(c.share)}</td></tr>`,
    )
    .join('')
  return (
    `<h3>${escapeHtml(heading)}</h3>${barChart(t, lang, label)}` +
    (t.cells.length === 0
      ? `<p class="muted">${s.none}</p>`
      : `<table><tr><th></th><th>${s.count}</th><th>${s.share}</th></tr>${rows}<tr><th>Σ</th><td class="n">${num(t.total)}</td><td></td></tr></table>`)
  )
}

/**
 * The public transparency page: every section of the report as tables with inline SVG bar charts.
 * `providerName` maps provider ids to display names (the registry); ids are shown otherwise. `standalone`
 * repeats the CSP in a meta tag for a saved file.
 * @example renderTransparencyPage({ report, lang: 'zh-CN' })
 */
export function renderTransparencyPage(input: {
  report: TransparencyReport
  lang: PageLanguage
  providerName?: (id: string) => string
  standalone?: boolean
}): string {
  const { report: r, lang } = input
  const s = T[lang]
  const provider = input.providerName ?? ((id: string) => id)
  const top = r.reports.topThree
  const feeds =
    r.threatFeeds.length === 0
      ? `<p class="muted">${s.none}</p>`
      : `<table><tr><th>${s.feed}</th><th>${s.entries}</th><th>${s.imported}</th><th>${s.age}</th><th>${s.fresh}</th></tr>${r.threatFeeds
          .map(
            (f) =>
              `<tr><td>${escapeHtml(f.source)}</td><td class="n">${f.entries ?? ''}</td><td>${escapeHtml(f.importedAt)}</td><td class="n">${f.ageHours} ${s.hours}</td><td>${f.fresh ? s.freshYes : s.freshNo}</td></tr>`,
          )
          .join('')}</table>`
  const exemptions =
    r.policy.exemptions.length === 0
      ? `<p class="muted">${s.none}</p>`
      : `<ul>${r.policy.exemptions.map((e) => `<li><code>${escapeHtml(e.id)}</code> ${escapeHtml(provider(e.provider))}: ${escapeHtml(labelOf(lang, e.action))} (${escapeHtml(e.reasons.join(', '))}) — ${escapeHtml(e.statement)}</li>`).join('')}</ul>`
  const body = [
    `<nav><a href="/rules?lang=${lang === 'en' ? 'en' : 'zh'}">${s.nav[0]}</a><a href="/transparency?lang=${lang === 'en' ? 'en' : 'zh'}">${s.nav[1]}</a></nav>`,
    `<h1>${s.title}</h1>`,
    `<p>${s.period}: <strong>${escapeHtml(r.period.from)}</strong> – <strong>${escapeHtml(r.period.to)}</strong></p>`,
    `<p class="muted">${s.ledger} ${r.ledger.throughSeq}${r.ledger.throughHash ? ` (<code>${escapeHtml(r.ledger.throughHash.slice(0, 16))}…</code>)` : ''}. ${s.suppressed}</p>`,
    `<h2>${s.reports}</h2><div class="cards"><div class="card">${s.received}<div class="big">${num(r.reports.received)}</div></div></div>`,
    top
      ? `<p>${escapeHtml(s.topThree(top.categories.map((c) => labelOf(lang, c)).join(lang === 'en' ? ', ' : '、'), pct(top.share)))}</p>`
      : '',
    table(r.reports.byCategory, lang, s.byCategory),
    table(r.reports.byScenario, lang, s.byScenario),
    `<h2>${s.decisions}</h2><div class="cards"><div class="card">${s.median}<div class="big">${r.decisions.medianHoursToDecision === null ? '—' : `${r.decisions.medianHoursToDecision} ${s.hours}`}</div></div></div>`,
    table(r.decisions.byAction, lang, s.byAction),
    table(r.decisions.byGround, lang, s.byGround),
    table(r.decisions.byCategory, lang, s.byDecisionCategory),
    table(r.decisions.byDetection, lang, s.byDetection),
    `<h2>${s.appeals}</h2><div class="cards"><div class="card">${s.filed}<div class="big">${num(r.appeals.filed)}</div></div><div class="card">${s.reversal}<div class="big">${r.appeals.reversalRate === null ? '—' : pct(r.appeals.reversalRate)}</div></div></div>`,
    table(r.appeals.byOutcome, lang, s.byOutcome),
    `<h2>${s.restrictions}</h2>`,
    table(r.restrictions.byProvider, lang, s.byProvider, provider),
    table(r.restrictions.byReason, lang, s.byReason, (k) => k),
    `<h2>${s.grades}</h2>`,
    table(r.grades.byGrade, lang, s.grades),
    `<h2>${s.feeds}</h2>${feeds}`,
    `<h2>${s.policy}</h2><p>${s.inForce}: ${r.policy.inForce ? `<code>${escapeHtml(r.policy.inForce.version)}</code> (${escapeHtml(r.policy.inForce.publishedAt)})` : s.none}</p>`,
    `<h3>${s.published}</h3>${r.policy.publishedInPeriod.length === 0 ? `<p class="muted">${s.none}</p>` : `<ul>${r.policy.publishedInPeriod.map((p) => `<li><code>${escapeHtml(p.version)}</code> ${escapeHtml(p.publishedAt)}${p.note ? ` — ${escapeHtml(p.note)}` : ''}</li>`).join('')}</ul>`}`,
    `<h3>${s.exemptions}</h3>${exemptions}`,
  ].join('')
  return renderPublicDocument({ lang, title: s.title, body, embedCsp: input.standalone === true })
}
