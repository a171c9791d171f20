import { escapeHtml, renderDocument } from './html.js'
import type { PageLanguage } from './language.js'
import { renderLinkBlock } from './link-block.js'
import type { PageReason } from './page-reason.js'
import { pageText } from './page-text.js'

export interface SafetyPageInput {
  lang: PageLanguage
  /** The canonical link the person is about to open. */
  url: string
  reasons: readonly PageReason[]
  /** A signed link that opens the page after this warning. */
  continueUrl: string
  backUrl: string
  /** A deep link into the provider's app, when the provider has one and policy allows it. */
  appUrl: string | null
  reportUrl: string
}

/**
 * The safety page (安全提示页) shown before a `warn` link: the link with its owner highlighted, the reasons
 * in plain words, 继续访问 and 返回, open-in-app when offered, and a way to report the link. No script.
 * @example renderSafetyPage({ lang: 'zh-CN', url, reasons, continueUrl, backUrl, appUrl: null, reportUrl })
 */
export function renderSafetyPage(input: SafetyPageInput): string {
  const text = pageText(input.lang)
  const reasons = input.reasons
    .map(
      (reason) =>
        `<li>${escapeHtml(reason.text)} <a class="minor" href="${escapeHtml(reason.ruleUrl)}">${escapeHtml(text.ruleLink)}</a></li>`,
    )
    .join('')
  const app =
    input.appUrl === null
      ? ''
      : `<a class="button" href="${escapeHtml(input.appUrl)}">${escapeHtml(text.openInApp)}</a>`
  const body =
    `<h1>${escapeHtml(text.safetyTitle)}</h1>` +
    renderLinkBlock(input.url, text) +
    `<p>${escapeHtml(text.safetyLead)}</p>` +
    (reasons === ''
      ? ''
      : `<section aria-labelledby="why"><h2 id="why">${escapeHtml(text.reasonsHeading)}</h2><ul>${reasons}</ul></section>`) +
    `<nav class="actions" aria-label="${escapeHtml(text.safetyTitle)}">` +
    `<a class="button primary" href="${escapeHtml(input.continueUrl)}" rel="noreferrer">${escapeHtml(text.continue)}</a>` +
    `<a class="button" href="${escapeHtml(input.backUrl)}">${escapeHtml(text.back)}</a>${app}</nav>` +
    `<p><a class="minor" href="${escapeHtml(input.reportUrl)}">${escapeHtml(text.report)}</a></p>`
  return renderDocument({ lang: input.lang, title: text.safetyTitle, body })
}
