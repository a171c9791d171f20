/**
 * Damerau–Levenshtein distance (optimal string alignment: insert, delete, substitute, swap neighbours),
 * stopping early once it must exceed `max`; returns `max + 1` then.
 * @example editDistance('taobao', 'taboao', 2) // 1
 */
export function editDistance(a: string, b: string, max: number): number {
  const x = Array.from(a)
  const y = Array.from(b)
  if (Math.abs(x.length - y.length) > max) return max + 1
  let previous2: number[] = []
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j)
  for (let i = 1; i <= x.length; i++) {
    const current = [i]
    let rowMin = i
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost)
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) {
        value = Math.min(value, (previous2[j - 2] ?? 0) + 1)
      }
      current.push(value)
      rowMin = Math.min(rowMin, value)
    }
    if (rowMin > max) return max + 1
    previous2 = previous
    previous = current
  }
  return Math.min(previous[y.length] ?? max + 1, max + 1)
}
