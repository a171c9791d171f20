import { escapeHtml, renderDocument } from './html.js'
import type { PageLanguage } from './language.js'
import { renderLinkBlock } from './link-block.js'
import type { PageReason } from './page-reason.js'
import { pageText } from './page-text.js'

export interface BlockPageInput {
  lang: PageLanguage
  url: string
  /** At least one: a block always states why (BRIEF §4). */
  reasons: readonly PageReason[]
  appealUrl: string
  backUrl: string
}

/**
 * The block page: the link, each reason with a link to the rule it rests on, and how to appeal. It has no
 * way through to the link itself.
 * @example renderBlockPage({ lang: 'en', url, reasons: [{ code: 'CONTENT_FRAUD', text, ruleUrl }], appealUrl, backUrl })
 */
export function renderBlockPage(input: BlockPageInput): string {
  const text = pageText(input.lang)
  const reasons = input.reasons
    .map(
      (reason) =>
        `<li>${escapeHtml(reason.text)} <a class="minor" href="${escapeHtml(reason.ruleUrl)}">${escapeHtml(text.ruleLink)}</a></li>`,
    )
    .join('')
  const body =
    `<h1>${escapeHtml(text.blockTitle)}</h1>` +
    `<p>${escapeHtml(text.blockLead)}</p>` +
    renderLinkBlock(input.url, text) +
    `<section aria-labelledby="why"><h2 id="why">${escapeHtml(text.reasonsHeading)}</h2><ul>${reasons}</ul></section>` +
    `<section aria-labelledby="appeal"><h2 id="appeal">${escapeHtml(text.appealHeading)}</h2><p>${escapeHtml(text.appealText)}</p>` +
    `<p><a class="button" href="${escapeHtml(input.appealUrl)}">${escapeHtml(text.appeal)}</a></p></section>` +
    `<nav class="actions" aria-label="${escapeHtml(text.back)}"><a class="button" href="${escapeHtml(input.backUrl)}">${escapeHtml(text.back)}</a></nav>`
  return renderDocument({ lang: input.lang, title: text.blockTitle, body })
}
