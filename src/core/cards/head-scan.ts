// Byte-level scans that work for every ASCII-compatible charset Hutong decodes: in GBK, GB18030, Big5,
// Shift_JIS and EUC-* a `<` (0x3C) byte is never part of a multi-byte character, so it always means `<`.

const LT = 0x3c
const HEAD_CLOSE = [0x2f, 0x68, 0x65, 0x61, 0x64] // "/head"

/** Index of the `<` of the first `</head` (ASCII case-insensitive), or -1. */
export function findHeadEnd(bytes: Uint8Array): number {
  for (let i = bytes.indexOf(LT); i !== -1; i = bytes.indexOf(LT, i + 1)) {
    if (i + HEAD_CLOSE.length >= bytes.length) return -1
    let match = true
    for (let k = 0; k < HEAD_CLOSE.length; k++) {
      // OR 0x20 folds ASCII upper case; '/' (0x2F) is unaffected.
      if ((bytes[i + 1 + k]! | 0x20) !== HEAD_CLOSE[k]) {
        match = false
        break
      }
    }
    if (match) return i
  }
  return -1
}

const latin1 = new TextDecoder('latin1')
const RICH_METADATA = /og:title|twitter:title|application\/ld\+json/i

/**
 * True once the head has been read and it carries rich metadata, so the body cannot add a better title;
 * a head without Open Graph, Twitter or JSON-LD keeps reading, since JSON-LD often sits in the body.
 * @example
 * fetcher.fetchPage(url, { stopAt: headMetadataComplete })
 */
export function headMetadataComplete(bytes: Uint8Array): boolean {
  const end = findHeadEnd(bytes)
  return end !== -1 && RICH_METADATA.test(latin1.decode(bytes.subarray(0, end)))
}

/** True once `</head>` has been read: enough to build a card if the body turns out to be too large. */
export function headRead(bytes: Uint8Array): boolean {
  return findHeadEnd(bytes) !== -1
}
