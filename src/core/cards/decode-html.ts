import { analyse } from 'chardet'
import { charsetFromBom, charsetFromContentType, charsetFromMeta, encodingForLabel } from './charset.js'

export type CharsetSource = 'bom' | 'header' | 'meta' | 'detected' | 'default'

export interface DecodedHtml {
  text: string
  /** The WHATWG name of the encoding used, e.g. `gb18030`, `big5`, `shift_jis`, `utf-8`. */
  charset: string
  source: CharsetSource
}

// chardet names → the only encodings detection may choose (issue 6: CJK legacy charsets and UTF-8).
const DETECTABLE: Record<string, string> = {
  'UTF-8': 'utf-8',
  GB18030: 'gb18030',
  Big5: 'big5',
  Shift_JIS: 'shift_jis',
  'EUC-JP': 'euc-jp',
  'EUC-KR': 'euc-kr',
}
const DETECTION_SAMPLE_BYTES = 64 * 1024
const MIN_CONFIDENCE = 50

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Decodes an HTML body, choosing the charset by BOM, then the HTTP header, then a meta tag in the first 1,024
 * bytes, then detection; never throws (undecodable bytes become U+FFFD).
 * @example
 * decodeHtml(bytes, 'text/html; charset=GBK') // { text: '<title>秋季…', charset: 'gb18030', source: 'header' }
 */
export function decodeHtml(bytes: Uint8Array, contentType: string | null | undefined): DecodedHtml {
  const bom = charsetFromBom(bytes)
  if (bom !== null) return { text: decode(bytes, bom), charset: bom, source: 'bom' }
  const headerLabel = charsetFromContentType(contentType)
  const header = headerLabel === null ? null : encodingForLabel(headerLabel)
  if (header !== null) return { text: decode(bytes, header), charset: header, source: 'header' }
  const meta = charsetFromMeta(bytes)
  if (meta !== null) return { text: decode(bytes, meta), charset: meta, source: 'meta' }
  const detected = detectCharset(bytes)
  if (detected !== null) return { text: decode(bytes, detected), charset: detected, source: 'detected' }
  // WHATWG HTML §13.2.3.2: with nothing to go on, the default for most locales is windows-1252.
  return { text: decode(bytes, 'windows-1252'), charset: 'windows-1252', source: 'default' }
}

function detectCharset(bytes: Uint8Array): string | null {
  const sample = bytes.subarray(0, DETECTION_SAMPLE_BYTES)
  if (isUtf8(sample)) return 'utf-8'
  for (const candidate of analyse(sample)) {
    const encoding = DETECTABLE[candidate.name]
    if (encoding !== undefined && candidate.confidence >= MIN_CONFIDENCE) return encoding
  }
  return null
}

function isUtf8(sample: Uint8Array): boolean {
  // A sample may end inside a character; three trailing bytes are the most a cut can leave dangling.
  for (let trim = 0; trim <= 3 && trim < sample.length; trim++) {
    try {
      strictUtf8.decode(sample.subarray(0, sample.length - trim))
      return true
    } catch {
      if (sample.length < DETECTION_SAMPLE_BYTES) return false
    }
  }
  return false
}

function decode(bytes: Uint8Array, encoding: string): string {
  try {
    return new TextDecoder(encoding).decode(bytes)
  } catch {
    return new TextDecoder('windows-1252').decode(bytes)
  }
}
