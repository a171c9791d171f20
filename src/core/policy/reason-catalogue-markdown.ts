import type { ReasonCatalogue } from './reason-catalogue.js'

function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}

/**
 * Render the catalogue as a Markdown table (code, kind, zh, en, cites), in catalogue order.
 * @example renderReasonCatalogueMarkdown(catalogue).split('\n')[0] // '| code | kind | 中文 | English | cites |'
 */
export function renderReasonCatalogueMarkdown(catalogue: ReasonCatalogue): string {
  const lines = ['| code | kind | 中文 | English | cites |', '|---|---|---|---|---|']
  for (const r of catalogue.reasons) {
    lines.push(`| \`${r.code}\` | ${r.kind} | ${cell(r.zh)} | ${cell(r.en)} | ${cell(r.cites)} |`)
  }
  return `${lines.join('\n')}\n`
}
