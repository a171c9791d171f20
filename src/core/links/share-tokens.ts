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
// Cheap first checks, so most chat lines skip the costlier scans: a currency symbol or a parenthesis
// (one pass over the text, by table), and a CJK character followed by ten ASCII letters or digits.
const ANY_CURRENCY = /\p{Sc}/u
const CJK_THEN_ALNUM = /[\u3400-\u9fff][A-Za-z0-9]{10}/
const CURRENCY = 1
const PAREN = 2
/** BMP code unit → CURRENCY (Unicode \p{Sc}, from the regex engine's own tables) or PAREN. */
const FIRST_CHECK = new Uint8Array(0x10000)
// Built a block of 2,048 code units at a time (surrogates excluded), one regex pass per block.
for (let base = 0; base < 0x10000; base += 0x800) {
  if (base >= 0xd800 && base < 0xe000) continue
  const block = String.fromCharCode(...Array.from({ length: 0x800 }, (_, i) => base + i))
  for (const m of block.matchAll(/\p{Sc}/gu)) FIRST_CHECK[base + m.index] = CURRENCY
}
FIRST_CHECK[0x28] = PAREN
FIRST_CHECK[0xff08] = PAREN

/** Which delimiters occur: CURRENCY | PAREN bits. An astral currency sign is found by the regex. */
function delimitersIn(text: string): number {
  let found = 0
  let astral = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdfff) astral = true
    else found |= FIRST_CHECK[c]!
  }
  if (astral && (found & CURRENCY) === 0 && ANY_CURRENCY.test(text)) found |= CURRENCY
  return found
}

type RankedMatch = TokenMatch & { rank: number }

function add(all: RankedMatch[], provider: string, token: string, m: RegExpExecArray): void {
  all.push({ provider, token, start: m.index, end: m.index + m[0].length, rank: all.length })
}

/**
 * Find share tokens. Tokens without currency delimiters must mix letters and digits (and cases, for
 * the CJK-delimited form), which keeps order numbers and words from passing as tokens.
 * @example findTokens('￥3ggP09P71CF￥')[0]?.token // '3ggP09P71CF'
 */
export function findTokens(text: string): TokenMatch[] {
  const all: RankedMatch[] = []
  if (text.includes(':/！') || text.includes(':/!')) {
    for (const m of text.matchAll(JD_TOKEN)) add(all, 'jd', m[1]!, m)
  }
  if (text.includes('😆')) {
    for (const m of text.matchAll(XHS_TOKEN)) add(all, 'xiaohongshu', m[1]!, m)
  }
  const delimiters = delimitersIn(text)
  if ((delimiters & CURRENCY) !== 0) {
    for (const m of text.matchAll(CURRENCY_TOKEN)) {
      if (/[A-Za-z]/.test(m[1]!)) add(all, 'taobao', m[1]!, m)
    }
  }
  if ((delimiters & PAREN) !== 0) {
    for (const m of text.matchAll(PAREN_TOKEN)) {
      if (/\d/.test(m[1]!) && /[A-Za-z]/.test(m[1]!)) add(all, 'taobao', m[1]!, m)
    }
  }
  if (CJK_THEN_ALNUM.test(text)) {
    for (const m of text.matchAll(CJK_TOKEN)) {
      const token = m[2]!
      if (/\d/.test(token) && /[a-z]/.test(token) && /[A-Z]/.test(token)) add(all, 'taobao', token, m)
    }
  }
  if (all.length === 0) return []
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
