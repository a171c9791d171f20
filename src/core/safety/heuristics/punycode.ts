// Punycode decoding per RFC 3492 §6.2, for turning `xn--` labels back into what a person sees.
const BASE = 36
const T_MIN = 1
const T_MAX = 26
const SKEW = 38
const DAMP = 700
const INITIAL_BIAS = 72
const INITIAL_N = 128

function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : delta >> 1
  d += Math.floor(d / points)
  let k = 0
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN))
    k += BASE
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW))
}

function digitOf(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 22
  if (code >= 0x41 && code <= 0x5a) return code - 0x41
  if (code >= 0x61 && code <= 0x7a) return code - 0x61
  return BASE
}

/**
 * Decodes one label (`xn--…` or plain ASCII); `null` when the punycode is malformed.
 * @example decodeLabel('xn--80ak6aa92e') // 'аррӏе' (Cyrillic)
 */
export function decodeLabel(label: string): string | null {
  if (!label.toLowerCase().startsWith('xn--')) return label
  const input = label.slice(4)
  const delimiter = input.lastIndexOf('-')
  const output =
    delimiter > 0 ? Array.from(input.slice(0, delimiter), (char) => char.codePointAt(0) ?? 0) : []
  let n = INITIAL_N
  let i = 0
  let bias = INITIAL_BIAS
  for (let index = delimiter > 0 ? delimiter + 1 : 0; index < input.length;) {
    const oldI = i
    for (let w = 1, k = BASE; ; k += BASE) {
      if (index >= input.length) return null
      const digit = digitOf(input.charCodeAt(index++))
      if (digit >= BASE) return null
      i += digit * w
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias
      if (digit < t) break
      w *= BASE - t
      if (i > 0x7fffffff) return null
    }
    bias = adapt(i - oldI, output.length + 1, oldI === 0)
    n += Math.floor(i / (output.length + 1))
    i %= output.length + 1
    if (n > 0x10ffff) return null
    output.splice(i, 0, n)
    i++
  }
  return String.fromCodePoint(...output)
}

/**
 * Decodes every label of a hostname.
 * @example toUnicodeHost('xn--fsqu00a.test') // '例子.test'
 */
export function toUnicodeHost(host: string): string {
  return host
    .split('.')
    .map((label) => decodeLabel(label) ?? label)
    .join('.')
}
