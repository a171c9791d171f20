import {
  KIND_STOP,
  classifyNonAscii,
  isAsciiAlnum,
  isAsciiLetter,
  isDigit,
  isHighSurrogate,
  virtualCode,
} from './char-class.js'

/** Where a host (and port) ends, or -1 when the text there is no valid host. */
export interface HostScan {
  hostEnd: number
  /** End of host plus `:port`. */
  authorityEnd: number
  /** Start of the last label, so the caller can read the TLD. */
  lastLabelStart: number
  labels: number
  ipv6: boolean
}

const DOT = 0x2e
const HYPHEN = 0x2d
const UNDERSCORE = 0x5f
const COLON = 0x3a
const MAX_HOST = 253
const MAX_LABEL = 63

/**
 * Scan a host after `scheme://` (RFC 3986 §3.2.2 reg-name / IP-literal, with IDN labels as WHATWG
 * URL §3.5 accepts them). A CJK character right after an ASCII TLD ends the host (`b23.tv哈哈`).
 */
export function scanSchemeHost(
  text: string,
  p: number,
  fullWidth: boolean,
  isTld: (label: string) => boolean,
): HostScan | null {
  const n = text.length
  if (p >= n) return null
  if (virtualCode(text.charCodeAt(p), fullWidth) === 0x5b) return scanIpv6(text, p, fullWidth)
  let i = p
  let labels = 0
  let lastLabelStart = p
  let hostEnd = -1
  for (;;) {
    const labelStart = i
    let ascii = true
    while (i < n && i - labelStart <= MAX_LABEL) {
      const c = virtualCode(text.charCodeAt(i), fullWidth)
      if (c < 128) {
        if (isAsciiAlnum(c) || c === HYPHEN || c === UNDERSCORE) {
          i++
          continue
        }
        break
      }
      const kind = classifyNonAscii(c)
      if (kind === KIND_STOP) break
      // `jd.com哈哈`: an ASCII label that is already a TLD does not continue into CJK text.
      if (ascii && labels > 0 && i > labelStart && isTld(readAscii(text, labelStart, i, fullWidth))) break
      ascii = false
      i += isHighSurrogate(c) && i + 1 < n ? 2 : 1
    }
    if (i === labelStart) break
    if (i - labelStart > MAX_LABEL) return null
    if (
      ascii &&
      (virtualCode(text.charCodeAt(labelStart), fullWidth) === HYPHEN ||
        virtualCode(text.charCodeAt(i - 1), fullWidth) === HYPHEN)
    ) {
      return null
    }
    labels++
    lastLabelStart = labelStart
    hostEnd = i
    if (i - p > MAX_HOST) return null
    if (
      i + 1 < n &&
      virtualCode(text.charCodeAt(i), fullWidth) === DOT &&
      isLabelStart(virtualCode(text.charCodeAt(i + 1), fullWidth))
    ) {
      i++
      continue
    }
    break
  }
  if (hostEnd < 0) return null
  const authorityEnd = scanPort(text, hostEnd, fullWidth)
  if (authorityEnd < 0) return null
  return { hostEnd, authorityEnd, lastLabelStart, labels, ipv6: false }
}

/**
 * Scan a scheme-less host: ASCII labels only (letters, digits, inner hyphens), at least two of them.
 * Scheme-less IDN is not recognised, since in Chinese text it cannot be told apart from prose.
 */
export function scanPlainHost(text: string, p: number, fullWidth: boolean): HostScan | null {
  const n = text.length
  let i = p
  let labels = 0
  let lastLabelStart = p
  let hostEnd = -1
  for (;;) {
    const labelStart = i
    while (i < n && i - labelStart <= MAX_LABEL) {
      const c = virtualCode(text.charCodeAt(i), fullWidth)
      if (isAsciiAlnum(c) || c === HYPHEN) i++
      else break
    }
    if (i === labelStart) break
    if (i - labelStart > MAX_LABEL) return null
    if (
      virtualCode(text.charCodeAt(labelStart), fullWidth) === HYPHEN ||
      virtualCode(text.charCodeAt(i - 1), fullWidth) === HYPHEN
    ) {
      return null
    }
    labels++
    lastLabelStart = labelStart
    hostEnd = i
    if (i - p > MAX_HOST) return null
    if (
      i + 1 < n &&
      virtualCode(text.charCodeAt(i), fullWidth) === DOT &&
      isAsciiAlnum(virtualCode(text.charCodeAt(i + 1), fullWidth))
    ) {
      i++
      continue
    }
    break
  }
  if (labels < 2) return null
  const tld = virtualCode(text.charCodeAt(lastLabelStart), fullWidth)
  if (!isAsciiLetter(tld)) return null
  const authorityEnd = scanPort(text, hostEnd, fullWidth)
  if (authorityEnd < 0) return null
  return { hostEnd, authorityEnd, lastLabelStart, labels, ipv6: false }
}

/**
 * Read `:port` after a host. Returns the authority end, or -1 for an invalid port (`:99999`, `:8a`).
 * A colon not followed by a digit is not a port: the link ends before it and the colon is trimmed.
 */
function scanPort(text: string, hostEnd: number, fullWidth: boolean): number {
  const n = text.length
  if (hostEnd >= n || virtualCode(text.charCodeAt(hostEnd), fullWidth) !== COLON) return hostEnd
  let i = hostEnd + 1
  let value = 0
  while (i < n && i - hostEnd <= 6) {
    const c = virtualCode(text.charCodeAt(i), fullWidth)
    if (!isDigit(c)) break
    value = value * 10 + (c - 48)
    i++
  }
  if (i === hostEnd + 1) {
    const c = i < n ? virtualCode(text.charCodeAt(i), fullWidth) : -1
    return isAsciiAlnum(c) ? -1 : hostEnd
  }
  if (value > 65535) return -1
  const next = i < n ? virtualCode(text.charCodeAt(i), fullWidth) : -1
  if (isAsciiAlnum(next) || next === DOT || next === UNDERSCORE || next === HYPHEN) return -1
  return i
}

function scanIpv6(text: string, p: number, fullWidth: boolean): HostScan | null {
  const n = text.length
  // An IPv6 literal with zone or embedded IPv4 fits in 64 characters; the bound keeps scanning linear.
  for (let i = p + 1; i < n && i - p <= 64; i++) {
    const c = virtualCode(text.charCodeAt(i), fullWidth)
    if (c === 0x5d) {
      if (i === p + 1) return null
      const authorityEnd = scanPort(text, i + 1, fullWidth)
      if (authorityEnd < 0) return null
      return { hostEnd: i + 1, authorityEnd, lastLabelStart: p, labels: 1, ipv6: true }
    }
    const hex = isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
    if (!hex && c !== COLON && c !== DOT) return null
  }
  return null
}

function isLabelStart(c: number): boolean {
  if (c < 128) return isAsciiAlnum(c) || c === UNDERSCORE
  return classifyNonAscii(c) !== KIND_STOP
}

/** The ASCII text of a range, folding full-width forms. */
export function readAscii(text: string, start: number, end: number, fullWidth: boolean): string {
  if (!fullWidth) return text.slice(start, end).toLowerCase()
  let out = ''
  for (let i = start; i < end; i++) out += String.fromCharCode(virtualCode(text.charCodeAt(i), true))
  return out.toLowerCase()
}
