// RFC 3492 §6.2 decoding with the IDNA parameters (base 36, tmin 1, tmax 26, skew 38, damp 700).
const BASE = 36
const TMIN = 1
const TMAX = 26
const SKEW = 38
const DAMP = 700

function adapt(delta: number, numPoints: number, firstTime: boolean): number {
  let d = firstTime ? Math.floor(delta / DAMP) : delta >> 1
  d += Math.floor(d / numPoints)
  let k = 0
  while (d > ((BASE - TMIN) * TMAX) >> 1) {
    d = Math.floor(d / (BASE - TMIN))
    k += BASE
  }
  return k + Math.floor(((BASE - TMIN + 1) * d) / (d + SKEW))
}

function digitValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 22
  if (c >= 65 && c <= 90) return c - 65
  if (c >= 97 && c <= 122) return c - 97
  return -1
}

/**
 * Decode one punycode label body (without `xn--`) to Unicode, or null when it is malformed.
 * @example decodePunycodeLabel('fiqs8s') // '中国'
 */
export function decodePunycodeLabel(input: string): string | null {
  const output: number[] = []
  const basic = input.lastIndexOf('-')
  for (let j = 0; j < Math.max(basic, 0); j++) output.push(input.charCodeAt(j))
  let n = 128
  let i = 0
  let bias = 72
  for (let index = basic > 0 ? basic + 1 : 0; index < input.length;) {
    const oldi = i
    let w = 1
    for (let k = BASE; ; k += BASE) {
      if (index >= input.length) return null
      const digit = digitValue(input.charCodeAt(index++))
      if (digit < 0) return null
      i += digit * w
      if (i > 0x10ffff * 64) return null
      const t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias
      if (digit < t) break
      w *= BASE - t
    }
    bias = adapt(i - oldi, output.length + 1, oldi === 0)
    n += Math.floor(i / (output.length + 1))
    i %= output.length + 1
    if (n > 0x10ffff) return null
    output.splice(i, 0, n)
    i++
  }
  return String.fromCodePoint(...output)
}
