import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  aggregateWindow,
  collectDailyStats,
  computeGrade,
  dayNumber,
  dayNumberAt,
  dayStart,
  dayText,
  gradeCard,
  gradeRank,
  nextGrade,
  policyGrade,
  type GradeState,
  type ProviderActivity,
  type ProviderGrade,
  type ReportRecord,
  type ViolationRecord,
} from '../src/core/grading/index.js'
import { compilePolicy } from '../src/core/policy/compile-policy.js'
import { evaluatePolicy } from '../src/core/policy/evaluate-policy.js'
import { loadPolicyFromYamlText } from '../src/core/policy/load-policy.js'
import { loadReasonCatalogueFromYamlText } from '../src/core/policy/reason-catalogue.js'
import type { Scenario } from '../src/core/vocabulary.js'

// Synthetic providers with known behaviour, simulated day by day through 2022 after three months of history.
// Each day: what the desk knows by 23:00 → reference collector → computeGrade → nextGrade, as the daily job will.
const HISTORY_FROM = dayNumber('2021-10-01') ?? 0
const GRADE_FROM = dayNumber('2022-01-01') ?? 0
const GRADE_TO = dayNumber('2022-12-31') ?? 0
const HOUR = 3_600_000
const d = (text: string) => dayNumber(text) ?? 0

/** Mulberry32: a small seeded generator, so every run simulates the same months. */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

function poisson(mean: number, random: () => number): number {
  if (mean <= 0) return 0
  if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(random)))
  const limit = Math.exp(-mean)
  let k = 0
  for (let p = random(); p > limit; p *= random()) k++
  return k
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
}

interface Behaviour {
  name: string
  seed: number
  links: (day: number) => number
  /** Violations per 10,000 links that day, or a fixed count. */
  violations: (day: number, links: number, random: () => number) => number
  /** Hours from notice to fix for a violation decided that day; null: never fixed. */
  fixHours: (day: number, index: number, random: () => number) => number | null
  domains: (day: number) => string[]
  upheldReportsPerViolation: number
  /** Share of violations reversed on appeal a week after the decision. */
  reversals?: number
  /** Share of violations that are an earlier case's subject confirmed again. */
  recurrence?: (day: number) => number
  /** Reports that reviewers reject, per day, reviewed two days later. */
  rejectedReports?: (day: number) => number
}

interface SimReport extends ReportRecord {
  reviewedAt: Date
}
interface SimViolation extends ViolationRecord {
  domain: string
  reversedAt?: Date
}
interface SimProvider {
  linksByDay: Map<number, number>
  shares: { day: number; domain: string; count: number }[]
  reports: SimReport[]
  violations: SimViolation[]
}

const at = (day: number, hour: number) => new Date(dayStart(day).getTime() + hour * HOUR)

function generate(b: Behaviour): SimProvider {
  const random = rng(b.seed)
  const sim: SimProvider = { linksByDay: new Map(), shares: [], reports: [], violations: [] }
  for (let day = HISTORY_FROM; day <= GRADE_TO; day++) {
    const links = b.links(day)
    const domains = b.domains(day)
    sim.linksByDay.set(day, links)
    for (const domain of domains) sim.shares.push({ day, domain, count: links / domains.length })
    const count = b.violations(day, links, random)
    for (let i = 0; i < count; i++) {
      const decidedAt = at(day, 8 + random() * 12)
      const noticedAt = new Date(decidedAt.getTime() + HOUR)
      const hours = b.fixHours(day, i, random)
      const domain = domains[Math.floor(random() * domains.length)] ?? 'unknown.example'
      const earlier =
        sim.violations.length > 0 && random() < (b.recurrence?.(day) ?? 0)
          ? sim.violations[Math.floor(random() * sim.violations.length)]
          : undefined
      const subject = earlier?.subject ?? `https://${domain}/item/${sim.violations.length}`
      const reversedAt =
        random() < (b.reversals ?? 0) ? new Date(decidedAt.getTime() + 7 * 24 * HOUR) : undefined
      const fixedAt = hours === null ? null : new Date(noticedAt.getTime() + hours * HOUR)
      // Stored in its final state; knownAt rolls it back to what was known on each simulated day.
      sim.violations.push({
        decidedAt,
        domain,
        subject,
        category: 'fraud',
        noticedAt,
        fixedAt,
        ...(reversedAt ? { reversed: true, reversedAt } : { reversed: false }),
      })
      const filed = new Date(decidedAt.getTime() - 6 * HOUR)
      sim.reports.push({
        filedAt: filed,
        weight: b.upheldReportsPerViolation,
        outcome: 'upheld',
        reviewedAt: decidedAt,
      })
    }
    const flood = b.rejectedReports?.(day) ?? 0
    // A flood of identical reports is one weighted record per day; the collector only sums weights.
    if (flood > 0)
      sim.reports.push({
        filedAt: at(day, 12),
        weight: flood,
        outcome: 'rejected',
        reviewedAt: at(day + 2, 12),
      })
  }
  return sim
}

/** What the desk knows at `t`: decisions made, fixes done and reviews finished by then. */
function knownAt(sim: SimProvider, t: Date, domain?: string): ProviderActivity {
  const ms = t.getTime()
  const today = dayNumberAt(t)
  let byDay = sim.linksByDay
  if (domain !== undefined) {
    byDay = new Map()
    for (const s of sim.shares) if (s.domain === domain) byDay.set(s.day, (byDay.get(s.day) ?? 0) + s.count)
  }
  return {
    sharedLinks: [...byDay]
      .filter(([day]) => day <= today)
      .map(([day, count]) => ({ day: dayText(day), count })),
    reports: sim.reports
      .filter((r) => r.filedAt.getTime() <= ms)
      .map((r) => (r.reviewedAt.getTime() <= ms ? r : { ...r, outcome: 'pending' as const })),
    violations: sim.violations
      .filter((v) => v.decidedAt.getTime() <= ms && (domain === undefined || v.domain === domain))
      .map((v) => asKnownAt(v, ms)),
  }
}

// Once every date on a violation has passed, the record no longer changes: hand back the same object.
function asKnownAt(v: SimViolation, ms: number): ViolationRecord {
  const settled = Math.max(
    v.noticedAt?.getTime() ?? 0,
    v.fixedAt?.getTime() ?? 0,
    v.reversedAt?.getTime() ?? 0,
  )
  if (settled <= ms) return v
  return {
    ...v,
    reversed: v.reversedAt !== undefined && v.reversedAt.getTime() <= ms,
    noticedAt: v.noticedAt && v.noticedAt.getTime() <= ms ? v.noticedAt : null,
    fixedAt: v.fixedAt && v.fixedAt.getTime() <= ms ? v.fixedAt : null,
  }
}

interface SimDay {
  day: number
  computed: ProviderGrade
  state: GradeState
  deciding: string
  rejectedReports: number
}

function run(sim: SimProvider): SimDay[] {
  const out: SimDay[] = []
  let state: GradeState | null = null
  for (let day = GRADE_FROM; day <= GRADE_TO; day++) {
    const t = at(day, 23)
    const days = collectDailyStats(knownAt(sim, t))
    const computed = computeGrade(days, t)
    state = nextGrade(state, computed, t)
    const card = gradeCard(state, computed)
    out.push({
      day,
      computed: computed.grade,
      state,
      deciding: card.decidingThreshold.metric,
      rejectedReports: aggregateWindow(days, t, 90).rejectedReports,
    })
  }
  return out
}

const steady = (perDay: number) => () => perDay
const rate = (per10k: number) => (_: number, links: number, random: () => number) =>
  poisson((links * per10k) / 10_000, random)
const oneDomain = (name: string) => () => [name]
const quickFix = (_: number, __: number, random: () => number) => 2 + random() * 10

const SPIKE_FROM = d('2022-03-10')
const SPIKE_TO = d('2022-03-14')
const STRAGGLERS_FIXED = new Date('2022-04-24T18:00+08:00')
const EVASION_FROM = d('2022-03-01')

const BEHAVIOURS: Behaviour[] = [
  {
    name: 'well-run',
    seed: 1,
    links: steady(30_000),
    violations: rate(0.2),
    fixHours: quickFix,
    domains: oneDomain('well-run.example'),
    upheldReportsPerViolation: 3,
    reversals: 0.2,
  },
  {
    name: 'spike-and-recovery',
    seed: 2,
    links: steady(20_000),
    violations: (day, links, random) =>
      day >= SPIKE_FROM && day <= SPIKE_TO ? 300 : rate(0.2)(day, links, random),
    // Five cases from the last spike day stay unfixed until 24 April: the rise must wait for them.
    fixHours: (day, i, random) =>
      day === SPIKE_TO && i < 5
        ? (STRAGGLERS_FIXED.getTime() - at(day, 20).getTime()) / HOUR
        : quickFix(day, i, random),
    domains: oneDomain('spike.example'),
    upheldReportsPerViolation: 2,
  },
  {
    name: 'slow-decline',
    seed: 3,
    links: steady(5_000),
    // From 0.2 per 10k on 1 January to 40 per 10k (0.4%) on 31 December, and slower fixes as it goes.
    violations: (day, links, random) =>
      rate(0.2 + Math.max(0, (39.8 * (day - GRADE_FROM)) / (GRADE_TO - GRADE_FROM)))(day, links, random),
    fixHours: (day) => 6 + Math.max(0, (200 * (day - GRADE_FROM)) / (GRADE_TO - GRADE_FROM)),
    domains: oneDomain('decline.example'),
    upheldReportsPerViolation: 3,
    // More and more of its violations are old cases coming back.
    recurrence: (day) => Math.max(0, Math.min(0.5, (day - GRADE_FROM) / 730)),
  },
  {
    name: 'low-volume',
    seed: 4,
    links: steady(20),
    violations: rate(5),
    fixHours: quickFix,
    domains: oneDomain('tiny.example'),
    upheldReportsPerViolation: 1,
  },
  {
    name: 'multi-domain-evader',
    seed: 5,
    links: steady(3_000),
    violations: (day, links, random) => rate(day >= EVASION_FROM ? 40 : 0.2)(day, links, random),
    fixHours: quickFix,
    // Twenty fresh registrable domains every week, each far below the minimum volume on its own.
    domains: (day) => Array.from({ length: 20 }, (_, k) => `w${Math.floor(day / 7)}d${k}.cn`),
    upheldReportsPerViolation: 2,
  },
  {
    name: 'report-flood-rejected',
    seed: 6,
    links: steady(20_000),
    violations: rate(0.2),
    fixHours: quickFix,
    domains: oneDomain('flooded.example'),
    upheldReportsPerViolation: 2,
    rejectedReports: (day) => (day >= d('2022-05-01') && day <= d('2022-06-30') ? 3_000 : 0),
  },
]

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const show = (g: ProviderGrade) => (g === 'insufficient_data' ? '—' : g)

function monthEnds(path: SimDay[]): ProviderGrade[] {
  return MONTHS.map((_, m) => {
    const last = Date.UTC(2022, m + 1, 1) / 86_400_000 - 1
    return path.find((p) => p.day === last)?.state.grade ?? 'insufficient_data'
  })
}

function table(paths: Map<string, SimDay[]>): string {
  const lines = [`| provider | ${MONTHS.join(' | ')} |`, `|---|${MONTHS.map(() => ':-:').join('|')}|`]
  for (const [name, path] of paths) lines.push(`| ${name} | ${monthEnds(path).map(show).join(' | ')} |`)
  return lines.join('\n')
}

const sims = new Map(BEHAVIOURS.map((b) => [b.name, generate(b)]))
const paths = new Map([...sims].map(([name, sim]) => [name, run(sim)]))
const path = (name: string): SimDay[] => paths.get(name) ?? []
const gradeOn = (name: string, day: string) => path(name).find((p) => p.day === d(day))?.state.grade

const catalogue = loadReasonCatalogueFromYamlText(readFileSync('data/reasons.yaml', 'utf8'))
const policyDoc = catalogue.ok
  ? loadPolicyFromYamlText(readFileSync('data/default-policy.yaml', 'utf8'), catalogue.value)
  : null
const policy = catalogue.ok && policyDoc?.ok ? compilePolicy(policyDoc.value, catalogue.value) : null
function decide(grade: ProviderGrade, scenario: Scenario, day: string) {
  if (!policy) throw new Error('default policy did not load')
  return evaluatePolicy(policy, {
    link: { provider: 'p', category: 'e-commerce', verdict: 'clean', grade: policyGrade(grade) },
    scenario,
    at: new Date(`${day}T12:00+08:00`),
  })
}

describe('grading simulation (2022, day by day)', () => {
  it('prints the provider × month-end grade table, and docs/grading.md shows the same table', () => {
    const text = table(paths)
    console.log(`\nMonth-end grades, 2022 (— = insufficient_data)\n${text}\n`)
    const doc = readFileSync('docs/grading.md', 'utf8')
    const between = /<!-- simulation-table:start -->\n([\s\S]*?)\n<!-- simulation-table:end -->/.exec(
      doc,
    )?.[1]
    expect(between).toBe(text)
  })

  it('never holds a grade better than the numbers: every fall takes effect the same day', () => {
    for (const [, p] of paths) {
      for (const s of p) {
        if (s.computed !== 'insufficient_data' && s.state.grade !== 'insufficient_data')
          expect(gradeRank(s.state.grade)).toBeGreaterThanOrEqual(gradeRank(s.computed))
      }
    }
  })

  it('every rise follows at least 14 consecutive clean days', () => {
    for (const [, p] of paths) {
      p.forEach((s, i) => {
        const before = p[i - 1]?.state.grade
        if (!before || before === s.state.grade || before === 'insufficient_data') return
        if (s.state.grade !== 'insufficient_data' && gradeRank(s.state.grade) > gradeRank(before)) return
        for (let k = 1; k <= 13; k++) expect(p[i - k]?.state.pendingUpgrade).toBeDefined()
      })
    }
  })

  it('keeps a well-run provider at A all year', () => {
    expect(new Set(path('well-run').map((p) => p.state.grade))).toEqual(new Set(['A']))
  })

  it('drops a spiking provider to D within three days, and lets it rise only after 14 clean days and the fixes', () => {
    expect(gradeOn('spike-and-recovery', '2022-03-09')).toBe('A')
    expect(gradeOn('spike-and-recovery', '2022-03-12')).toBe('D')
    // The 14th clean day after the surge faded is 8 April, but five spike cases stay unfixed until 24 April.
    const rise = path('spike-and-recovery').find((p) => p.day > SPIKE_TO && p.state.grade !== 'D')
    expect(rise && dayText(rise.day)).toBe('2022-04-24')
    expect(path('spike-and-recovery').find((p) => p.day === d('2022-04-20'))?.deciding).toBe('overdueCases')
    expect(rise?.state.grade).toBe('B')
    expect(path('spike-and-recovery').find((p) => p.day === d('2022-04-08'))?.state.pendingUpgrade).toEqual({
      to: 'B',
      cleanSince: '2022-03-26',
    })
    // When the spike leaves the 90-day window, A returns after another 14 clean days.
    expect(gradeOn('spike-and-recovery', '2022-06-12')).toBe('B')
    expect(gradeOn('spike-and-recovery', '2022-12-31')).toBe('A')
  })

  it('has the grade act only through policy: D warns in direct with GRADE_D, and A opens', () => {
    const atD = decide('D', 'direct', '2022-03-20')
    expect(atD.action).toBe('warn')
    expect(atD.reasons.map((r) => r.code)).toEqual(['GRADE_D'])
    const afterRecovery = decide(gradeOn('spike-and-recovery', '2022-12-31') ?? 'D', 'direct', '2022-12-31')
    expect(afterRecovery).toMatchObject({ action: 'open', reasons: [] })
    const atC = decide('C', 'group', '2022-08-01')
    expect(atC.reasons.map((r) => r.code)).toContain('GRADE_C')
    expect(decide('C', 'direct', '2022-08-01').action).toBe('open')
  })

  it('walks a slowly declining provider down through every grade without ever rising', () => {
    const grades = path('slow-decline').map((p) => p.state.grade)
    expect(grades[0]).toBe('A')
    expect(grades.at(-1)).toBe('D')
    expect(new Set(grades)).toEqual(new Set(['A', 'B', 'C', 'D']))
    grades.forEach((g, i) => {
      const prev = grades[i - 1]
      if (prev && g !== 'insufficient_data' && prev !== 'insufficient_data')
        expect(gradeRank(g)).toBeGreaterThanOrEqual(gradeRank(prev))
    })
  })

  it('gives a low-volume provider no grade and no effect', () => {
    expect(new Set(path('low-volume').map((p) => p.state.grade))).toEqual(new Set(['insufficient_data']))
    expect(decide('insufficient_data', 'direct', '2022-06-01')).toMatchObject({ action: 'open', reasons: [] })
  })

  it('catches a provider that spreads violations over twenty domains a week, though no single domain can be graded', () => {
    expect(gradeOn('multi-domain-evader', '2022-02-28')).toBe('A')
    expect(gradeOn('multi-domain-evader', '2022-03-31')).toBe('D')
    const sim = sims.get('multi-domain-evader')
    const t = at(GRADE_TO, 23)
    const lastWeek = Array.from({ length: 20 }, (_, k) => `w${Math.floor(GRADE_TO / 7)}d${k}.cn`)
    const perDomain = sim
      ? lastWeek.map((domain) => computeGrade(collectDailyStats(knownAt(sim, t, domain)), t).grade)
      : []
    expect(new Set(perDomain)).toEqual(new Set(['insufficient_data']))
  })

  it('ignores a two-month flood of reports that reviewers rejected: the path equals its twin without the flood', () => {
    const flood = path('report-flood-rejected')
    expect(Math.max(...flood.map((p) => p.rejectedReports))).toBeGreaterThan(100_000)
    const twin = run(
      generate({
        ...(BEHAVIOURS.find((b) => b.name === 'report-flood-rejected') as Behaviour),
        rejectedReports: () => 0,
      }),
    )
    expect(flood.map((p) => p.state)).toEqual(twin.map((p) => p.state))
    expect(new Set(flood.map((p) => p.state.grade))).toEqual(new Set(['A']))
  })
})
