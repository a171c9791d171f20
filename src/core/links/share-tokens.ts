/** A share token found in text: 淘口令, 京口令 or a Xiaohongshu note token. */
export interface TokenMatch {
  provider: string
  token: string
  start: number
  end: number
}

// 淘口令 between currency symbols (￥ ¥ $ € £ ₤ …, Unicode \p{Sc}).
const CURRENCY_TOKEN = /\p{Sc}([A-Za-z0-9_]{6,20})\p{Sc}/gu
// 淘口令 in parentheses: `7(C8G93R9Dtxy)/ CA8888`.
const PAREN_TOKEN = /[(（]([A-Za-z0-9]{10,13})[)）]/g
// 淘口令 between two equal CJK characters: `啊5NKkX84wYdk啊`.
const CJK_TOKEN = /([\u3400-\u9fff])([A-Za-z0-9]{10,20})\1/gu
// 京口令: `20:/！29KUN73nQllwi！`.
const JD_TOKEN = /(?<![0-9])\d{1,3}:\/[！!]([A-Za-z0-9]{8,20})[！!]/g
// Xiaohongshu note token between 😆: `😆 35ajO3NDvPp 😆`.
const XHS_TOKEN = /😆\s{0,3}([A-Za-z0-9]{8,20})\s{0,3}😆/gu

/**
 * Find share tokens. Tokens without currency delimiters must mix letters and digits (and cases, for
 * the CJK-delimited form), which keeps order numbers and words from passing as tokens.
 * @example findTokens('￥3ggP09P71CF￥')[0]?.token // '3ggP09P71CF'
 */
export function findTokens(text: string): TokenMatch[] {
  const all: (TokenMatch & { rank: number })[] = []
  let rank = 0
  const add = (provider: string, token: string, start: number, end: number): void => {
    all.push({ provider, token, start, end, rank: rank++ })
  }
  if (text.includes(':/')) {
    for (const m of text.matchAll(JD_TOKEN)) add('jd', m[1]!, m.index, m.index + m[0].length)
  }
  if (text.includes('😆')) {
    for (const m of text.matchAll(XHS_TOKEN)) add('xiaohongshu', m[1]!, m.index, m.index + m[0].length)
  }
  for (const m of text.matchAll(CURRENCY_TOKEN)) {
    if (/[A-Za-z]/.test(m[1]!)) add('taobao', m[1]!, m.index, m.index + m[0].length)
  }
  for (const m of text.matchAll(PAREN_TOKEN)) {
    if (/\d/.test(m[1]!) && /[A-Za-z]/.test(m[1]!)) add('taobao', m[1]!, m.index, m.index + m[0].length)
  }
  for (const m of text.matchAll(CJK_TOKEN)) {
    const token = m[2]!
    if (/\d/.test(token) && /[a-z]/.test(token) && /[A-Z]/.test(token))
      add('taobao', token, m.index, m.index + m[0].length)
  }
  // Overlapping matches: the one found first (the more specific shape) wins; one sweep keeps this linear.
  all.sort((a, b) => a.start - b.start || a.rank - b.rank)
  const out: TokenMatch[] = []
  for (const m of all) {
    const last = out[out.length - 1]
    if (last !== undefined && m.start < last.end) continue
    out.push({ provider: m.provider, token: m.token, start: m.start, end: m.end })
  }
  return out
}
