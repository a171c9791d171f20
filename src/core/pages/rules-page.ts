import { escapeHtml } from './html.js'
import type { PageLanguage } from './language.js'
import { phaseSpans } from '../policy/phase-at.js'
import type { Policy, Rule } from '../policy/policy-schema.js'
import type { ReasonCatalogue } from '../policy/reason-catalogue.js'
import { labelOf } from '../transparency/labels.js'
import { renderPublicDocument } from '../transparency/public-document.js'

const T = {
  'zh-CN': {
    title: '外部链接规则',
    intro:
      '本页以通俗语言说明平台现行的外部链接规则、每条处置所引用的理由，以及整改阶段的时间表。规则只按场景、链接类别、安全结论和信用等级区分链接，从不点名任何平台或域名。',
    timeline: '阶段时间表',
    inForceNow: '现行',
    from: '自',
    until: '至',
    ongoing: '起长期有效',
    policy: '现行政策',
    version: '政策版本',
    defaults: (card: string, app: boolean) =>
      `默认展示：${card}${app ? '，并为每个平台同等提供“在应用中打开”' : ''}。平台政策从不强制使用系统浏览器，也不要求用户复制链接。`,
    floor: '安全底线（任何阶段都适用）',
    malicious: '被威胁情报认定为恶意的链接',
    suspicious: '有可疑特征的链接',
    standing: '信用分级规则（任何阶段都适用）',
    outside: '阶段之外',
    previous: '版本过低的客户端',
    exemptions: '已声明的例外',
    none: '无',
    catalogue: '理由目录',
    code: '代码',
    kind: '类别',
    text: '说明',
    cites: '依据',
    history: '政策版本历史',
    everything: '所有链接',
    links: '链接',
    rollout: (p: number) => `（灰度 ${p}% 用户）`,
    client: '客户端版本',
    reasons: '理由',
    prefs: (on: boolean) => (on ? '用户的自主选择在本阶段生效。' : '本阶段不支持用户放宽设置。'),
    otherwise: '其余链接直接打开。',
    grade: '信用等级',
    verdict: '安全结论',
    nav: ['规则', '透明度报告'],
  },
  en: {
    title: 'External link rules',
    intro:
      'This page states the platform rules for external links in plain words, the reasons every action cites, and the timeline of the rectification phases. Rules tell links apart only by scenario, link category, safety verdict and credit grade; they never name a provider or a domain.',
    timeline: 'Phase timeline',
    inForceNow: 'in force',
    from: 'from',
    until: 'until',
    ongoing: 'onwards',
    policy: 'The policy in force',
    version: 'Policy version',
    defaults: (card: string, app: boolean) =>
      `Default presentation: ${card}${app ? ', with "open in app" offered equally for every provider' : ''}. Platform policy never forces the system browser and never asks people to copy a link.`,
    floor: 'Safety floor (every phase)',
    malicious: 'Links a threat feed lists as malicious',
    suspicious: 'Links with suspicious traits',
    standing: 'Credit-grade rules (every phase)',
    outside: 'Outside the phases',
    previous: 'Outdated clients',
    exemptions: 'Declared exemptions',
    none: 'None',
    catalogue: 'Reason catalogue',
    code: 'Code',
    kind: 'Kind',
    text: 'Text',
    cites: 'Rests on',
    history: 'Policy versions',
    everything: 'All links',
    links: 'links',
    rollout: (p: number) => ` (rolled out to ${p}% of users)`,
    client: 'client versions',
    reasons: 'reasons',
    prefs: (on: boolean) =>
      on
        ? "Users' own choices (self-selection) take effect in this phase."
        : 'Users cannot loosen decisions in this phase.',
    otherwise: 'Any other link opens directly.',
    grade: 'grade',
    verdict: 'verdict',
    nav: ['Rules', 'Transparency report'],
  },
} as const

type Text = (typeof T)[PageLanguage]

/** One rule in plain words: who it matches, then what happens and why. */
function ruleSentence(rule: Rule, lang: PageLanguage, s: Text): string {
  const m = rule.match ?? {}
  const sep = lang === 'en' ? ', ' : '、'
  const parts: string[] = []
  if (m.scenarios) parts.push(m.scenarios.map((x) => labelOf(lang, x)).join(sep))
  if (m.categories) parts.push(`${m.categories.map((x) => labelOf(lang, x)).join(sep)} ${s.links}`)
  if (m.verdicts) parts.push(`${s.verdict} ${m.verdicts.join(sep)}`)
  if (m.grades) parts.push(`${s.grade} ${m.grades.join(sep)}`)
  if (m.clientVersion) parts.push(`${s.client} ${m.clientVersion.min ?? ''}–${m.clientVersion.below ?? ''}`)
  const who = parts.length === 0 ? s.everything : parts.join(' · ')
  const rollout = m.rollout ? s.rollout(m.rollout.percent) : ''
  const presentation = rule.presentation?.card ? ` · ${labelOf(lang, rule.presentation.card)}` : ''
  const reasons =
    rule.reasons && rule.reasons.length > 0
      ? ` <span class="muted">(${s.reasons}: ${rule.reasons.map((r) => `<code>${escapeHtml(r)}</code>`).join(' ')})</span>`
      : ''
  return `${escapeHtml(who)}${escapeHtml(rollout)}: <strong>${escapeHtml(labelOf(lang, rule.action))}</strong>${escapeHtml(presentation)}${reasons}`
}

const day = (ms: number): string =>
  new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') + ' (UTC+8)'

/**
 * The public rules page: the timeline of phases (marking the one in force at `now`), the policy in force
 * in plain words, the declared exemptions, the reason catalogue and the version history.
 * @example renderRulesPage({ lang: 'en', policy, catalogue, history: [], now: new Date() })
 */
export function renderRulesPage(input: {
  lang: PageLanguage
  policy: Policy
  catalogue: ReasonCatalogue
  history: readonly { version: string; publishedAt: string; note: string | null }[]
  now: Date
  providerName?: (id: string) => string
}): string {
  const { lang, policy, catalogue } = input
  const s = T[lang]
  const now = input.now.getTime()
  const spans = phaseSpans(policy)
  const timeline = spans
    .map((span) => {
      const current = span.from <= now && now < span.to
      const rules = span.phase.rules.map((rule) => `<li>${ruleSentence(rule, lang, s)}</li>`).join('')
      const when = `${s.from} ${day(span.from)}${Number.isFinite(span.to) ? ` ${s.until} ${day(span.to)}` : ` ${s.ongoing}`}`
      return (
        `<h3>${escapeHtml(span.phase.id)}${current ? ` · <strong>${s.inForceNow}</strong>` : ''}</h3><p class="muted">${escapeHtml(when)}${span.phase.minClientVersion ? ` · ${s.client} ≥ ${escapeHtml(span.phase.minClientVersion)}` : ''}</p>` +
        (span.phase.description ? `<p>${escapeHtml(span.phase.description)}</p>` : '') +
        `<ul>${rules}<li>${s.otherwise}</li></ul><p class="muted">${s.prefs(span.phase.preferencesEffective)}</p>`
      )
    })
    .join('')
  const outcome = (label: string, o: { action: string; reasons: readonly string[] }) =>
    `<li>${escapeHtml(label)}: <strong>${escapeHtml(labelOf(lang, o.action))}</strong> <span class="muted">(${o.reasons.map((r) => `<code>${escapeHtml(r)}</code>`).join(' ')})</span></li>`
  const provider = input.providerName ?? ((id: string) => id)
  const exemptions =
    policy.exemptions.length === 0
      ? `<p class="muted">${s.none}</p>`
      : `<ul>${policy.exemptions.map((e) => `<li><code>${escapeHtml(e.id)}</code> ${escapeHtml(provider(e.provider))}: <strong>${escapeHtml(labelOf(lang, e.action))}</strong> — ${escapeHtml(e.statement)}</li>`).join('')}</ul>`
  const reasons = catalogue.reasons
    .map(
      (r) =>
        `<tr id="${escapeHtml(r.code)}"><td><code>${escapeHtml(r.code)}</code></td><td>${escapeHtml(r.kind)}</td><td>${escapeHtml(lang === 'en' ? r.en : r.zh)}</td><td class="muted">${escapeHtml(r.cites)}</td></tr>`,
    )
    .join('')
  const history = input.history
    .map(
      (h) =>
        `<li><code>${escapeHtml(h.version)}</code> ${escapeHtml(h.publishedAt)}${h.note ? ` — ${escapeHtml(h.note)}` : ''}</li>`,
    )
    .join('')
  const body = [
    `<nav><a href="/rules?lang=${lang === 'en' ? 'en' : 'zh'}">${s.nav[0]}</a><a href="/transparency?lang=${lang === 'en' ? 'en' : 'zh'}">${s.nav[1]}</a></nav>`,
    `<h1>${s.title}</h1><p>${s.intro}</p>`,
    `<h2>${s.timeline}</h2>${timeline}`,
    `<h2>${s.policy}</h2><p>${s.version}: <code>${escapeHtml(policy.version)}</code></p>`,
    policy.description ? `<p>${escapeHtml(policy.description)}</p>` : '',
    `<p>${escapeHtml(s.defaults(labelOf(lang, policy.presentation.card), policy.presentation.openInApp))}</p>`,
    `<h3>${s.floor}</h3><ul>${outcome(s.malicious, policy.floor.malicious)}${outcome(s.suspicious, policy.floor.suspicious)}</ul>`,
    `<h3>${s.standing}</h3>${policy.standingRules.length === 0 ? `<p class="muted">${s.none}</p>` : `<ul>${policy.standingRules.map((r) => `<li>${ruleSentence(r, lang, s)}</li>`).join('')}</ul>`}`,
    `<ul>${outcome(s.outside, policy.outsidePhases)}${outcome(s.previous, policy.previous)}</ul>`,
    `<h3>${s.exemptions}</h3>${exemptions}`,
    `<h2>${s.catalogue} <span class="muted">${escapeHtml(catalogue.version)}</span></h2><table><tr><th>${s.code}</th><th>${s.kind}</th><th>${s.text}</th><th>${s.cites}</th></tr>${reasons}</table>`,
    `<h2>${s.history}</h2>${history === '' ? `<p class="muted">${s.none}</p>` : `<ul>${history}</ul>`}`,
  ].join('')
  return renderPublicDocument({ lang, title: s.title, body })
}
