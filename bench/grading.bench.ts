import type { BenchResult } from './harness.js'
import { opsPerSecond } from './harness.js'
import {
  computeGrade,
  dayNumber,
  dayText,
  gradeCard,
  nextGrade,
  type DailyStats,
} from '../src/core/grading/index.js'

// The daily recompute grades every provider from 730 daily rows. Baseline: one plain pass summing the same rows,
// the least any grading over them could cost. Target: 10,000 providers graded in under 10 s on one core.
function rows(): DailyStats[] {
  const last = dayNumber('2022-12-31') ?? 0
  return Array.from({ length: 730 }, (_, i) => ({
    day: dayText(last - 729 + i),
    sharedLinks: 20_000,
    weightedReports: 3,
    rejectedReports: 1,
    confirmedViolations: { fraud: i % 3, marketing: i % 7 === 0 ? 1 : 0 },
    reversedDecisions: i % 11 === 0 ? { fraud: 1 } : {},
    repeatViolations: i % 13 === 0 ? 1 : 0,
    fixHours: i % 3 === 0 ? [4, 9] : [6],
    unfixedCases: i > 720 ? 1 : 0,
  }))
}

export async function run(): Promise<BenchResult[]> {
  const days = rows()
  const at = new Date('2022-12-31T23:00+08:00')
  let sink = 0
  const baseline = await opsPerSecond(() => {
    let total = 0
    for (const d of days) total += d.sharedLinks + d.weightedReports + (d.confirmedViolations.fraud ?? 0)
    sink += total
  }, 1_500)
  const grade = await opsPerSecond(() => {
    const computed = computeGrade(days, at)
    sink += gradeCard(nextGrade(null, computed, at), computed).metrics.length
  }, 1_500)
  if (sink === Number.NEGATIVE_INFINITY) console.log(sink)
  return [
    {
      name: 'grading: computeGrade + nextGrade + gradeCard, 730 daily rows',
      value: grade,
      unit: 'providers/s',
      baseline: 'one summing pass over the same rows',
      baselineValue: baseline,
      ratio: grade / baseline,
      target: '≥ 1,000 providers/s (10k providers in 10 s)',
    },
  ]
}

if (import.meta.url === `file://${process.argv[1]}`) for (const r of await run()) console.log(r)
