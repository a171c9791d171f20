import { createHash } from 'node:crypto'
import { escapeHtml } from '../pages/html.js'

// One stylesheet for the wide public pages (rules, transparency, audit matrix), allowed by its hash so
// the CSP needs no 'unsafe-inline'. Charts are inline SVG styled by attributes, so nothing else loads.
const STYLE = [
  'body{margin:0;font:15px/1.6 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#1f2328;background:#f6f7f9}',
  'main{max-width:60rem;margin:0 auto;padding:1.5rem 1.25rem 3rem}',
  'h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:2rem 0 .5rem;border-bottom:1px solid #d0d7de;padding-bottom:.25rem}h3{font-size:1rem;margin:1.25rem 0 .25rem}',
  'nav{font-size:.9rem;margin-bottom:1rem}nav a{margin-right:1rem}',
  'table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;background:#fff;font-size:.9rem}',
  'th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#eef1f4}',
  'td.n{text-align:right;font-variant-numeric:tabular-nums}',
  '.muted{color:#57606a;font-size:.88rem}.big{font-size:1.6rem;font-weight:600}',
  '.open{background:#dafbe1}.warn{background:#fff8c5}.block{background:#ffebe9}.finding{outline:2px solid #cf222e}',
  'code{font-family:ui-monospace,Menlo,monospace;font-size:.85em;background:#eef1f4;padding:0 .2em;border-radius:3px}',
  'svg{max-width:100%;height:auto;display:block;margin:.25rem 0 1rem}',
  '.cards{display:flex;flex-wrap:wrap;gap:1rem}.card{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:.75rem 1rem;min-width:10rem}',
  'a:focus-visible{outline:3px solid #0969da;outline-offset:2px}',
].join('')

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64')

/** The CSP of the public pages: no scripts, no remote anything, the one hashed stylesheet. */
export const PUBLIC_PAGE_CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`

/**
 * A whole public page around already-escaped body markup. `embedCsp` repeats the CSP in a meta tag, for
 * pages saved to disk and opened without the server's header.
 * @example renderPublicDocument({ lang: 'en', title: 'Rules', body: '<h1>Rules</h1>' })
 */
export function renderPublicDocument(page: {
  lang: string
  title: string
  body: string
  embedCsp?: boolean
}): string {
  const csp =
    page.embedCsp === true ? `<meta http-equiv="Content-Security-Policy" content="${PUBLIC_PAGE_CSP}">` : ''
  return (
    `<!DOCTYPE html><html lang="${escapeHtml(page.lang)}"><head><meta charset="utf-8">${csp}` +
    '<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer">' +
    `<title>${escapeHtml(page.title)}</title><style>${STYLE}</style></head><body><main>${page.body}</main></body></html>`
  )
}
