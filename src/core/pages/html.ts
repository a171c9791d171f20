import { createHash } from 'node:crypto'
import type { PageLanguage } from './language.js'

/**
 * Escapes text for HTML element content and double-quoted attribute values (HTML §13.1.2.6).
 * @example escapeHtml('<a href="x">') // '&lt;a href=&quot;x&quot;&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c)
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

// One small stylesheet for every page, allowed by its hash so the CSP needs no 'unsafe-inline'.
const STYLE = [
  'body{margin:0;font:16px/1.6 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#1f2328;background:#f6f7f9}',
  'main{max-width:34rem;margin:0 auto;padding:2rem 1.25rem}',
  'h1{font-size:1.35rem;margin:0 0 1rem}',
  '.link{padding:.75rem 1rem;background:#fff;border:1px solid #d0d7de;border-radius:8px;word-break:break-all;font-family:ui-monospace,Menlo,monospace}',
  '.link strong{color:#0b5cad;background:#e8f1fb;border-radius:3px}',
  '.puny{font-size:.9rem;color:#57606a}',
  'ul{padding-left:1.25rem}',
  '.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin:1.5rem 0}',
  '.button{display:inline-block;padding:.6rem 1.2rem;border-radius:8px;text-decoration:none;border:1px solid #d0d7de;color:#1f2328;background:#fff}',
  '.primary{background:#1a7f37;border-color:#1a7f37;color:#fff}',
  '.minor{font-size:.9rem;color:#57606a}',
  'a:focus-visible{outline:3px solid #0969da;outline-offset:2px}',
].join('')

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64')

/** The Content-Security-Policy of every page here: nothing loads, nothing runs, nothing frames it. */
export const PAGE_CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`

/**
 * A whole page around already-escaped body markup, with `lang` set and the shared stylesheet.
 * @example renderDocument({ lang: 'en', title: 'Link expired', body: '<p>…</p>' })
 */
export function renderDocument(page: { lang: PageLanguage; title: string; body: string }): string {
  return (
    `<!DOCTYPE html><html lang="${page.lang}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer">' +
    `<title>${escapeHtml(page.title)}</title><style>${STYLE}</style></head>` +
    `<body><main>${page.body}</main></body></html>`
  )
}
