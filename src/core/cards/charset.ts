// Charset labels and the meta prescan, after WHATWG Encoding §4.2 (labels) and WHATWG HTML §13.2.3.2
// ("prescan a byte stream to determine its encoding"), simplified to what Chinese, Japanese and Korean sites use.

/**
 * The WHATWG encoding name for a label, or null when TextDecoder does not know it.
 * GBK and GB2312 labels use the GB18030 decoder, a strict superset (WHATWG Encoding §10.1), so that pages
 * mislabelled as GB2312 but holding GBK or four-byte characters still decode.
 */
export function encodingForLabel(label: string): string | null {
  const trimmed = label.trim().replace(/^["']|["']$/g, '')
  if (trimmed === '') return null
  let encoding: string
  try {
    encoding = new TextDecoder(trimmed).encoding
  } catch {
    return null
  }
  return encoding === 'gbk' ? 'gb18030' : encoding
}

/** The `charset` parameter of a Content-Type value (RFC 9110 §8.3.2), or null. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (contentType === null || contentType === undefined) return null
  const match = /;\s*charset\s*=\s*("([^"]*)"|[^;\s]*)/i.exec(contentType)
  if (match === null) return null
  return match[2] ?? match[1] ?? null
}

const latin1 = new TextDecoder('latin1')
const META_TAG = /<meta\b([^>]*)>/gi
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?/g

/** The encoding declared by a `<meta>` in the first 1,024 bytes, or null. */
export function charsetFromMeta(bytes: Uint8Array): string | null {
  const head = latin1.decode(bytes.subarray(0, 1024)).replace(/<!--[\s\S]*?-->/g, '')
  for (const [, rawAttributes] of head.matchAll(META_TAG)) {
    const attributes = new Map<string, string>()
    for (const [, name, dq, sq, bare] of (rawAttributes ?? '').matchAll(ATTRIBUTE)) {
      const key = (name ?? '').toLowerCase()
      if (!attributes.has(key)) attributes.set(key, dq ?? sq ?? bare ?? '')
    }
    const label =
      attributes.get('charset') ??
      (attributes.get('http-equiv')?.toLowerCase() === 'content-type'
        ? /charset\s*=\s*["']?([^"';\s]+)/i.exec(attributes.get('content') ?? '')?.[1]
        : undefined)
    if (label === undefined) continue
    const encoding = encodingForLabel(label)
    if (encoding === null) continue
    // HTML §13.2.3.2: a meta claiming UTF-16 is read as UTF-8; x-user-defined as windows-1252.
    if (encoding === 'utf-16le' || encoding === 'utf-16be') return 'utf-8'
    if (encoding === 'x-user-defined') return 'windows-1252'
    return encoding
  }
  return null
}

/** The encoding named by a byte order mark, and the BOM's length. */
export function charsetFromBom(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8'
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be'
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le'
  return null
}
