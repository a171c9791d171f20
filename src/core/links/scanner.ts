import {
  KIND_OTHER,
  STOP,
  classifyNonAscii,
  isAsciiAlnum,
  isAsciiStop,
  isFullWidthAlnum,
  isLowSurrogate,
  virtualCode,
} from './char-class.js'
import { readAscii, scanPlainHost, scanSchemeHost, type HostScan } from './scan-host.js'
import { scanPath, schemeLength, trimEnd } from './scan-path.js'

/** How a candidate was written: with `http(s)://`, starting `www.`, or a bare scheme-less host. */
export type CandidateKind = 'scheme' | 'www' | 'schemeless'

/** A span the scanner proposes; the caller validates and canonicalises it. */
export interface Candidate {
  start: number
  end: number
  kind: CandidateKind
  fullWidth: boolean
  hostStart: number
  hostEnd: number
  /** End of host and port: a scheme-less candidate with `end === authorityEnd` is a bare host. */
  authorityEnd: number
  /** The last host label, lower-case ASCII (full-width folded). */
  tld: string
  userinfo: boolean
  ipv6: boolean
}

/**
 * Scan `text` once, left to right, proposing link candidates to `accept`. When `accept` takes one
 * (returns true) scanning resumes after it; otherwise after the candidate's host. Every loop either
 * advances or jumps forward, and look-aheads are bounded, so time is linear in the input.
 */
export function scanLinks(
  text: string,
  accept: (candidate: Candidate) => boolean,
  isTld: (label: string) => boolean,
): void {
  const n = text.length
  let i = 0
  while (i < n) {
    const c = text.charCodeAt(i)
    let fullWidth: boolean
    if (c < 128) {
      if (!isAsciiAlnum(c)) {
        i++
        continue
      }
      fullWidth = false
    } else if (isFullWidthAlnum(c)) {
      fullWidth = true
    } else {
      i++
      continue
    }
    // Cheap pre-check: a host needs a `.` or `-` after its first run of letters and digits, and a
    // scheme a `:`; ordinary words have neither, so they are skipped without further work.
    let runEnd = i + 1
    while (runEnd < n && isRunChar(text.charCodeAt(runEnd), fullWidth)) runEnd++
    const after = runEnd < n ? virtualCode(text.charCodeAt(runEnd), fullWidth) : 0
    if (after !== 0x2e && after !== 0x2d && after !== 0x3a) {
      i = runEnd
      continue
    }
    let resume = i + 1
    if (canStart(text, i, fullWidth)) {
      const candidate = candidateAt(text, i, fullWidth, isTld)
      if (candidate !== null) {
        if (accept(candidate)) {
          i = candidate.end
          continue
        }
        resume = Math.max(resume, candidate.hostEnd)
      }
      // After a rejected `http(s)://`, nothing up to the next stop can start a link: its host or
      // path would follow another link's `://` (`http://✪df.ws/x` is not `df.ws/x`).
      if (candidate === null || candidate.kind === 'scheme') {
        const schemeLen = schemeLength(text, i, fullWidth)
        if (schemeLen > 0) resume = skipToken(text, i + schemeLen, fullWidth)
      }
    }
    // No link starts inside a run of letters and digits, so skip the rest of the run.
    i = resume
    while (i < n && isRunChar(text.charCodeAt(i), fullWidth)) i++
  }
}

/** The next whitespace, `< > "`, or CJK or full-width punctuation, or the end. */
function skipToken(text: string, p: number, fullWidth: boolean): number {
  let i = p
  while (i < text.length) {
    const c = virtualCode(text.charCodeAt(i), fullWidth)
    if (
      c < 128
        ? isAsciiStop(c)
        : c === STOP || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff65) || isUnicodeSpace(c)
    )
      break
    i++
  }
  return i
}

function isUnicodeSpace(c: number): boolean {
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0xfeff
  )
}

function isRunChar(c: number, fullWidth: boolean): boolean {
  return fullWidth ? isFullWidthAlnum(c) : isAsciiAlnum(c)
}

function candidateAt(
  text: string,
  i: number,
  fullWidth: boolean,
  isTld: (label: string) => boolean,
): Candidate | null {
  const schemeLen = schemeLength(text, i, fullWidth)
  if (schemeLen > 0) return schemeCandidate(text, i, i + schemeLen, fullWidth, isTld)
  const host = scanPlainHost(text, i, fullWidth)
  if (host === null) return null
  const next =
    host.authorityEnd < text.length ? virtualCode(text.charCodeAt(host.authorityEnd), fullWidth) : -1
  // `name@host` is an e-mail address, `file_name` an identifier: neither is a link.
  if (next === 0x40 || next === 0x5f) return null
  const www = readAscii(text, i, Math.min(i + 4, host.hostEnd), fullWidth) === 'www.'
  return finish(text, i, i, host, www ? 'www' : 'schemeless', fullWidth, false)
}

function schemeCandidate(
  text: string,
  start: number,
  afterScheme: number,
  fullWidth: boolean,
  isTld: (label: string) => boolean,
): Candidate | null {
  let hostStart = afterScheme
  const at = findUserinfoEnd(text, afterScheme, fullWidth)
  if (at >= 0) hostStart = at + 1
  const host = scanSchemeHost(text, hostStart, fullWidth, isTld)
  if (host === null) return null
  return finish(text, start, hostStart, host, 'scheme', fullWidth, at >= 0)
}

function finish(
  text: string,
  start: number,
  hostStart: number,
  host: HostScan,
  kind: CandidateKind,
  fullWidth: boolean,
  userinfo: boolean,
): Candidate {
  let end = host.authorityEnd
  const next = end < text.length ? virtualCode(text.charCodeAt(end), fullWidth) : -1
  if (next === 0x2f || next === 0x3f || next === 0x23) end = scanPath(text, end, fullWidth)
  end = trimEnd(text, host.hostEnd, end, fullWidth)
  // A trailing dot of the host itself (`jd.com.` at a sentence end) goes too.
  let hostEnd = host.hostEnd
  if (
    end === hostEnd &&
    hostEnd > hostStart &&
    virtualCode(text.charCodeAt(hostEnd - 1), fullWidth) === 0x2e
  ) {
    hostEnd--
    end--
  }
  return {
    start,
    end,
    kind,
    fullWidth,
    hostStart,
    hostEnd,
    authorityEnd: Math.min(host.authorityEnd, end),
    tld: host.ipv6 ? '' : readAscii(text, host.lastLabelStart, host.hostEnd, fullWidth),
    userinfo,
    ipv6: host.ipv6,
  }
}

// RFC 3986 §3.2.1 userinfo characters (unreserved, pct-encoded, sub-delims and ":"), minus the
// brackets and parentheses, which in chat are markup around a link rather than part of it.
const USERINFO = new Uint8Array(128)
for (const ch of "-._~!$&'*+,;=:%") USERINFO[ch.charCodeAt(0)] = 1

/** Position of the `@` that ends a userinfo part right after `scheme://`, or -1. */
function findUserinfoEnd(text: string, p: number, fullWidth: boolean): number {
  const n = text.length
  // Bounded look-ahead: userinfo longer than 256 characters is not worth the quadratic risk.
  for (let i = p; i < n && i - p <= 256; i++) {
    const c = virtualCode(text.charCodeAt(i), fullWidth)
    if (c === 0x40) return i > p ? i : -1
    if (c >= 128 || !(isAsciiAlnum(c) || USERINFO[c] === 1)) return -1
  }
  return -1
}

// Natural-language labels that may precede a link with a colon (`Link:https://…`); any other
// `word:` right before a link is read as another URI scheme (`mailto:`, `javascript:`).
const LABEL_WORDS = new Set([
  'url',
  'link',
  'links',
  'web',
  'website',
  'site',
  'homepage',
  'home',
  'address',
  'addr',
  'source',
  'src',
  'ref',
  'via',
  'see',
  'visit',
  'download',
  'here',
  'more',
  'details',
  'detail',
  'info',
  'docs',
  'doc',
  'demo',
  'repo',
  'page',
  'blog',
  'official',
  'mirror',
  'video',
  'article',
  'post',
  'share',
  'item',
  'product',
  'shop',
  'store',
  'app',
  'note',
  'tip',
  'tips',
  'from',
  'to',
  'at',
  'and',
  'or',
  'new',
  'old',
  'eg',
  'ie',
])

/**
 * A link never starts right after an ASCII letter or digit, `@`, a host or path character
 * (`- _ / \`, a dot inside a host), or another URI scheme's `:` (`mailto:`, `javascript:`).
 */
function canStart(text: string, i: number, fullWidth: boolean): boolean {
  if (i === 0) return true
  const raw = text.charCodeAt(i - 1)
  if (isAsciiAlnum(raw) || isFullWidthAlnum(raw)) return false
  // Nor right after another script's letter (`ELPAÍS.com` is not `S.com`); CJK before a link is fine.
  if (
    raw >= 128 &&
    !(raw >= 0xff01 && raw <= 0xff5e) &&
    classifyNonAscii(raw) === KIND_OTHER &&
    !isLowSurrogate(raw)
  )
    return false
  const p = fullWidth ? (raw >= 0xff01 && raw <= 0xff5e ? raw - 0xfee0 : raw) : raw
  switch (p) {
    case 0x40: // @
    case 0x24: // $ (a cashtag, `$BABA.US`)
    case 0x2d: // -
    case 0x5f: // _
    case 0x2f: // /
    case 0x5c: // \
      return false
    case 0x2e: {
      // `a.b` is inside a host; `...` (an ellipsis) may well come before a link.
      const before = i >= 2 ? text.charCodeAt(i - 2) : 0
      return (
        before === 0x2e ||
        before === 0xff0e ||
        !(isAsciiAlnum(before) || isFullWidthAlnum(before) || before === 0x2f || before === 0x2d)
      )
    }
    case 0x3a:
      return !followsScheme(text, i - 1)
    default:
      return true
  }
}

/** Whether the `:` at `colon` ends a URI scheme (`mailto:`) rather than a label word (`Link:`). */
function followsScheme(text: string, colon: number): boolean {
  let s = colon
  while (s > 0 && s > colon - 32) {
    const c = text.charCodeAt(s - 1)
    if (isAsciiAlnum(c) || c === 0x2b || c === 0x2e || c === 0x2d) s--
    else break
  }
  if (s === colon) return false
  const first = text.charCodeAt(s)
  if (!((first >= 65 && first <= 90) || (first >= 97 && first <= 122))) return false
  return !LABEL_WORDS.has(text.slice(s, colon).toLowerCase())
}
