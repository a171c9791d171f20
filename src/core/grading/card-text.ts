import type { WindowStats } from './aggregate-window.js'
import type { DecidingThreshold } from './compute-grade.js'
import type { GradingThresholds } from './grading-thresholds.js'
import type { MetricReading, SurgeReading } from './metrics.js'
import type { LetterGrade } from './provider-grade.js'
import { maxCountWithin } from './wilson.js'

/** Product text in Simplified Chinese (the default) and English. */
export interface LocalisedText {
  zh: string
  en: string
}

/** Every threshold a card can name: the metric lines, the volume floor, and the two hysteresis conditions. */
export type CardThresholdKey = DecidingThreshold['metric'] | 'cleanDaysToRise' | 'overdueCases'

export const THRESHOLD_LABELS: Readonly<Record<CardThresholdKey, LocalisedText>> = {
  violationRate: {
    zh: '确认违规率（每万次分享，95% 置信上限）',
    en: 'confirmed violation rate (per 10,000 shared links, 95% upper bound)',
  },
  complaintRate: {
    zh: '有效投诉率（加权，每万次分享，95% 置信上限）',
    en: 'upheld complaint rate (weighted, per 10,000 shared links, 95% upper bound)',
  },
  medianFixHours: { zh: '通知后整改时长中位数（小时）', en: 'median time from notice to fix (hours)' },
  recentViolationRate: {
    zh: '近期违规率（每万次分享，95% 置信下限）',
    en: 'recent violation rate (per 10,000 shared links, 95% lower bound)',
  },
  minLinks: { zh: '统计窗口内的分享量', en: 'shared links in the window' },
  cleanDaysToRise: { zh: '连续合规天数', en: 'consecutive clean days' },
  overdueCases: { zh: '逾期未整改的违规', en: 'violations left unfixed past the fix-time line' },
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/**
 * A number as people read it: whole when large, two decimals when small.
 * @example formatNumber(36.104) // '36.1'
 */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return '∞'
  return Math.abs(n) >= 100 ? Math.round(n).toString() : (Math.round(n * 100) / 100).toString()
}

/** One sentence saying why a threshold decided the grade. */
export function thresholdStatement(
  key: CardThresholdKey,
  comparison: DecidingThreshold['comparison'],
  reading: number,
  limit: number,
): LocalisedText {
  const label = THRESHOLD_LABELS[key]
  const r = formatNumber(reading)
  const l = formatNumber(limit)
  if (comparison === 'within')
    return {
      zh: `${label.zh}为 ${r}，在 A 级线 ${l} 以内`,
      en: sentence(`${label.en} is ${r}, within the grade A line of ${l}`),
    }
  if (comparison === 'below')
    return {
      zh: `${label.zh}为 ${r}，低于要求的 ${l}`,
      en: sentence(`${label.en} is ${r}, below the required ${l}`),
    }
  return {
    zh: `${label.zh}为 ${r}，超过了 ${l} 这条线`,
    en: sentence(`${label.en} is ${r}, above the line of ${l}`),
  }
}

/** What the numbers must do for one metric to reach `target`, or null when it already does. */
export function metricStep(
  m: MetricReading,
  target: LetterGrade,
  window: WindowStats,
  t: GradingThresholds,
): LocalisedText | null {
  if (m.grade === null || m.bound === null || target === 'D') return null
  const line = m.lines[target]
  if (m.bound <= line) return null
  const label = THRESHOLD_LABELS[m.key]
  if (m.key === 'medianFixHours') {
    return {
      zh: `${label.zh}需降到 ${formatNumber(line)} 以内（现为 ${formatNumber(m.bound)}，另有 ${window.unfixedCases} 起未整改）`,
      en: sentence(
        `${label.en} must come down to ${formatNumber(line)} or less (now ${formatNumber(m.bound)}; ${window.unfixedCases} still unfixed)`,
      ),
    }
  }
  const allowed = maxCountWithin(line / 10_000, window.sharedLinks, t.z)
  const unit =
    m.key === 'violationRate'
      ? { zh: '起成立的违规（重复违规加计）', en: 'standing violations (repeats weighted)' }
      : { zh: '份有效投诉（加权）', en: 'upheld weighted reports' }
  if (allowed < 0) {
    const needed = Math.ceil((t.z * t.z * 10_000) / Math.max(line, Number.MIN_VALUE))
    return {
      zh: `${label.zh}需在 ${formatNumber(line)} 以内；在当前分享量下无法证明，至少需要约 ${formatNumber(needed)} 次分享`,
      en: sentence(
        `${label.en} must be ${formatNumber(line)} or less; at this volume that cannot be shown — it takes about ${formatNumber(needed)} shared links`,
      ),
    }
  }
  return {
    zh: `${label.zh}需在 ${formatNumber(line)} 以内（现为 ${formatNumber(m.bound)}）：在当前分享量下，${window.windowDays} 天窗口内最多 ${allowed} ${unit.zh}（现为 ${formatNumber(m.sample)}）`,
    en: sentence(
      `${label.en} must be ${formatNumber(line)} or less (now ${formatNumber(m.bound)}): at this volume, at most ${allowed} ${unit.en} in the ${window.windowDays}-day window (now ${formatNumber(m.sample)})`,
    ),
  }
}

/** What ends a surge hold. */
export function surgeStep(surge: SurgeReading, t: GradingThresholds): LocalisedText | null {
  if (surge.grade === null || surge.lowerBound === null) return null
  const limit = surge.grade === 'D' ? t.violationRate.C : t.violationRate.B
  const label = THRESHOLD_LABELS.recentViolationRate
  return {
    zh: `${label.zh}为 ${formatNumber(surge.lowerBound)}，需回到 ${formatNumber(limit)} 以内：近 ${surge.windowDays} 天不再出现新的违规即可`,
    en: sentence(
      `${label.en} is ${formatNumber(surge.lowerBound)} and must fall to ${formatNumber(limit)} or less: ${surge.windowDays} days without new violations will do it`,
    ),
  }
}

/** The hysteresis conditions every rise must meet. */
export function hysteresisSteps(
  daysLeft: number,
  overdue: number,
  fixLine: number,
  t: GradingThresholds,
): LocalisedText[] {
  const steps: LocalisedText[] = []
  if (overdue > 0) {
    steps.push({
      zh: `整改 ${overdue} 起超过 ${formatNumber(fixLine)} 小时仍未整改的违规`,
      en: `Fix the ${overdue} violation(s) left unfixed for more than ${formatNumber(fixLine)} hours`,
    })
  }
  steps.push(
    daysLeft >= t.cleanDaysToRise
      ? {
          zh: `之后需连续 ${t.cleanDaysToRise} 个合规日`,
          en: `Then ${t.cleanDaysToRise} consecutive clean days`,
        }
      : {
          zh: `之后还需连续 ${daysLeft} 个合规日（共需 ${t.cleanDaysToRise} 天）`,
          en: `Then ${daysLeft} more consecutive clean day(s) (${t.cleanDaysToRise} in all)`,
        },
  )
  return steps
}
