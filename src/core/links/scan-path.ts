import {
  KIND_CJK,
  KIND_STOP,
  STOP,
  classifyNonAscii,
  isAsciiStop,
  isHighSurrogate,
  isLowSurrogate,
  virtualCode,
} from './char-class.js'

const OPENERS = [0x28, 0x5b, 0x7b] // ( [ {
const CLOSERS = [0x29, 0x5d, 0x7d] // ) ] }

/**
 * Find where a link's path, query and fragment end, starting at `p` (just after the authority).
 * Ends at whitespace, `< > "`, CJK or full-width punctuation, emoji, an unbalanced `) ] }`, a CJK
 * character right after an ASCII character other than `/ = ? & #`, and a `,` followed by `http(s)://`.
 */
export function scanPath(text: string, p: number, fullWidth: boolean): number {
  const n = text.length
  const depth = [0, 0, 0]
  let i = p
  // The last ASCII character read, or 0 after a non-ASCII one; `/` counts as "just after the host".
  let lastAscii = 0x2f
  while (i < n) {
    const c = virtualCode(text.charCodeAt(i), fullWidth)
    if (c < 128) {
      if (isAsciiStop(c)) break
      const closer = CLOSERS.indexOf(c)
      if (closer >= 0) {
        if (depth[closer] === 0) break
        depth[closer]!--
      } else {
        const opener = OPENERS.indexOf(c)
        if (opener >= 0) depth[opener]!++
        else if (c === 0x2c && startsHttp(text, i + 1, fullWidth)) break
      }
      lastAscii = c
      i++
      continue
    }
    if (c === STOP) break
    const kind = classifyNonAscii(c)
    if (kind === KIND_STOP) break
    if (kind === KIND_CJK && lastAscii !== 0 && !continuesIntoCjk(lastAscii)) break
    lastAscii = 0
    i += isHighSurrogate(c) && i + 1 < n && isLowSurrogate(text.charCodeAt(i + 1)) ? 2 : 1
  }
  return i
}

/** `/ = ? & #` introduce a value, so CJK right after them is part of the URL (`?wd=胡同`). */
function continuesIntoCjk(c: number): boolean {
  return c === 0x2f || c === 0x3d || c === 0x3f || c === 0x26 || c === 0x23
}

/** Whether `http://` or `https://` (any case) starts at `i`. */
export function startsHttp(text: string, i: number, fullWidth: boolean): boolean {
  return schemeLength(text, i, fullWidth) > 0
}

/** Length of an `http://` / `https://` prefix at `i` (any letter case), or 0. */
export function schemeLength(text: string, i: number, fullWidth: boolean): number {
  if (i + 7 > text.length) return 0
  const c0 = virtualCode(text.charCodeAt(i), fullWidth) | 0x20
  if (c0 !== 0x68) return 0
  if ((virtualCode(text.charCodeAt(i + 1), fullWidth) | 0x20) !== 0x74) return 0
  if ((virtualCode(text.charCodeAt(i + 2), fullWidth) | 0x20) !== 0x74) return 0
  if ((virtualCode(text.charCodeAt(i + 3), fullWidth) | 0x20) !== 0x70) return 0
  let j = i + 4
  if ((virtualCode(text.charCodeAt(j), fullWidth) | 0x20) === 0x73) j++
  if (virtualCode(text.charCodeAt(j), fullWidth) !== 0x3a) return 0
  if (virtualCode(text.charCodeAt(j + 1), fullWidth) !== 0x2f) return 0
  if (virtualCode(text.charCodeAt(j + 2), fullWidth) !== 0x2f) return 0
  return j + 3 - i
}

// Trailing . , ; : ! ? * ' " are sentence punctuation, not part of the link.
const TRIMMED = new Set([0x2e, 0x2c, 0x3b, 0x3a, 0x21, 0x3f, 0x2a, 0x27, 0x22])

/**
 * Drop trailing sentence punctuation from `[start, end)`, never cutting into `[start, floor)`.
 * Closing brackets need no trimming here: `scanPath` already stops at an unbalanced one.
 */
export function trimEnd(text: string, floor: number, end: number, fullWidth: boolean): number {
  let e = end
  while (e > floor && TRIMMED.has(virtualCode(text.charCodeAt(e - 1), fullWidth))) e--
  return e
}
