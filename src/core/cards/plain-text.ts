// Card fields are plain text: whatever a page puts in them, no markup, controls or bidi overrides survive.

const TAG = /<\/?[a-zA-Z!?][^<>]*>/g
// C0/C1 controls except tab/newline (collapsed below), plus bidi embeddings, overrides and isolates
// (Unicode TR9), which can make a title read differently from its bytes.
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g

/**
 * A trimmed, single-line, tag-free version of `value`, or null when nothing readable is left.
 * @example
 * toPlainText('  <b>Hi</b>\n there\u202e ') // 'Hi there'
 */
export function toPlainText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null
  let text = value
  for (let previous = ''; previous !== text;) {
    previous = text
    text = text.replace(TAG, '')
  }
  text = text.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim()
  return text === '' ? null : text
}

const segmenter = new Intl.Segmenter('und', { granularity: 'grapheme' })

/**
 * Cuts `text` to at most `max` user-perceived characters (UAX #29 grapheme clusters), ending with `…` when cut,
 * so an emoji ZWJ sequence or a letter with combining marks is never split.
 * @example
 * truncateGraphemes('👨‍👩‍👧‍👦👨‍👩‍👧‍👦', 1) // '…'
 */
export function truncateGraphemes(text: string, max: number): string {
  // Every grapheme is at least one UTF-16 unit, so a short string cannot be over the limit.
  if (text.length <= max) return text
  if (max <= 0) return ''
  const kept: string[] = []
  let count = 0
  for (const { segment } of segmenter.segment(text)) {
    count += 1
    if (count > max)
      return `${kept
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`
    kept.push(segment)
  }
  return text
}
