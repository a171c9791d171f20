// Punycode (RFC 3492) decoding lives in core/links; here, the label and host forms the heuristics use.
import { decodePunycodeLabel } from '../../links/punycode.js'

/**
 * Decodes one label (`xn--…` or plain ASCII); `null` when the punycode is malformed.
 * @example decodeLabel('xn--80ak6aa92e') // 'аррӏе' (Cyrillic)
 */
export function decodeLabel(label: string): string | null {
  return label.toLowerCase().startsWith('xn--') ? decodePunycodeLabel(label.slice(4)) : label
}

/**
 * Decodes every label of a hostname.
 * @example toUnicodeHost('xn--fsqu00a.test') // '例子.test'
 */
export function toUnicodeHost(host: string): string {
  return host
    .split('.')
    .map((label) => decodeLabel(label) ?? label)
    .join('.')
}
