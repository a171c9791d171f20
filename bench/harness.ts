/** One benchmark figure, always against a baseline measured in the same run. */
export interface BenchResult {
  name: string
  value: number
  unit: string
  baseline: string
  baselineValue: number
  /** value / baselineValue, in the direction the name states. */
  ratio: number
  target?: string
}

/** Runs `fn` repeatedly for about `ms` milliseconds (after a warm-up) and returns operations per second. */
export async function opsPerSecond(fn: () => unknown, ms = 1_000, batch = 1): Promise<number> {
  const warmUntil = performance.now() + Math.min(200, ms / 5)
  while (performance.now() < warmUntil) await fn()
  let ops = 0
  const start = performance.now()
  let now = start
  while (now - start < ms) {
    await fn()
    ops += batch
    now = performance.now()
  }
  return (ops * 1000) / (now - start)
}

export function formatResult(result: BenchResult): string {
  const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toPrecision(3))
  return `${result.name.padEnd(58)} ${fmt(result.value).padStart(12)} ${result.unit.padEnd(10)} vs ${result.baseline} ${fmt(result.baselineValue)} → ratio ${result.ratio.toFixed(2)}${result.target ? `  (target ${result.target})` : ''}`
}
