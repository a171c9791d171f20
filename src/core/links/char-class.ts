/**
 * Character classes for the link scanner, by UTF-16 code unit. The scanner reads "virtual" codes:
 * in a full-width link (U+FF01–FF5E, NFKC-folded to ASCII) full-width forms read as ASCII and real
 * ASCII reads as a stop, so the two kinds never mix inside one link.
 */

/** Inside a full-width link, a real ASCII character ends it. */
export const STOP = 0xffff

export const KIND_STOP = 0
export const KIND_CJK = 2
export const KIND_OTHER = 3

/** Map a code unit to the code the scanner reasons about in the given mode. */
export function virtualCode(c: number, fullWidth: boolean): number {
  if (!fullWidth) return c
  if (c >= 0xff01 && c <= 0xff5e) return c - 0xfee0
  if (c === 0x3000) return 0x20
  if (c < 0x80) return STOP
  return c
}

// ASCII table: 1 = letter or digit, 2 = host punctuation (- _ .), 0 = other.
const ASCII = new Uint8Array(128)
for (let c = 48; c <= 57; c++) ASCII[c] = 1
for (let c = 65; c <= 90; c++) ASCII[c] = 1
for (let c = 97; c <= 122; c++) ASCII[c] = 1

export function isAsciiAlnum(c: number): boolean {
  return c < 128 && ASCII[c] === 1
}

export function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

/** Full-width letters and digits (Ａ-Ｚ ａ-ｚ ０-９), where a full-width link may start. */
export function isFullWidthAlnum(c: number): boolean {
  return (c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a)
}

/** ASCII characters that can never be inside a link: controls, space, `"`, `<`, `>`, DEL. */
export function isAsciiStop(c: number): boolean {
  return c <= 0x20 || c === 0x22 || c === 0x3c || c === 0x3e || c === 0x7f
}

/**
 * Classify a non-ASCII code unit: a stop (whitespace, CJK and full-width punctuation, symbols,
 * emoji), a CJK/kana/hangul character, or another letter-like character (kept, as in IDN labels).
 */
export function classifyNonAscii(c: number): number {
  if (c < 0x100) {
    // Latin-1: NBSP, punctuation and symbols (¥ « » · × ÷) stop; accented letters are letters.
    if (c <= 0xbf || c === 0xd7 || c === 0xf7) return KIND_STOP
    return KIND_OTHER
  }
  if (c < 0x1100) return KIND_OTHER
  if (c <= 0x11ff) return KIND_CJK // hangul jamo
  if (c < 0x2000) return c === 0x1680 ? KIND_STOP : KIND_OTHER
  // ZWNJ/ZWJ join letters in Indic and Arabic words; emoji ZWJ sequences already stop at the emoji.
  if (c === 0x200c || c === 0x200d) return KIND_OTHER
  if (c <= 0x2bff) return KIND_STOP // general punctuation “”‘’…, currency € ₤, arrows, symbols, dingbats, emoji
  if (c < 0x2e80) return KIND_OTHER
  if (c <= 0x2fff) return KIND_CJK // radicals
  if (c <= 0x303f) return KIND_STOP // CJK symbols and punctuation 、。〈〉《》「」『』【】〜 and U+3000
  if (c <= 0x31ff) return KIND_CJK // kana, bopomofo, hangul compatibility
  if (c <= 0x33ff) return KIND_STOP // enclosed CJK, compatibility squares
  if (c <= 0x9fff) return KIND_CJK
  if (c >= 0xa960 && c <= 0xa97f) return KIND_CJK
  if (c >= 0xac00 && c <= 0xd7af) return KIND_CJK
  if (c >= 0xd800 && c <= 0xdbff) {
    // High surrogates: emoji planes stop, CJK extension planes (U+20000–3FFFF) are CJK.
    if (c >= 0xd83c && c <= 0xd83e) return KIND_STOP
    if (c >= 0xd840 && c <= 0xd8bf) return KIND_CJK
    return KIND_OTHER
  }
  if (c >= 0xf900 && c <= 0xfaff) return KIND_CJK
  if (c >= 0xfe00 && c <= 0xfe6f) return KIND_STOP // variation selectors, vertical and small forms
  if (c === 0xfeff) return KIND_STOP
  if (c >= 0xff01 && c <= 0xff65) return KIND_STOP // full-width ASCII forms and half-width punctuation
  if (c >= 0xff66 && c <= 0xffdc) return KIND_CJK // half-width katakana and hangul
  if (c >= 0xffe0) return KIND_STOP // full-width signs ￥ ￠, specials ￼ �
  return KIND_OTHER
}

export function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff
}

export function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff
}
