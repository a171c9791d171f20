import { escapeHtml, renderDocument } from './html.js'
import type { PageLanguage } from './language.js'
import { pageText, type PageText } from './page-text.js'

export type InvalidLinkCode = keyof PageText['invalidText']

/**
 * The page for a `/go` link that cannot be honoured (tampered, malformed or expired token): an
 * explanation and nothing to click through to, so it can never act as an open redirect.
 * @example renderInvalidLinkPage('en', 'token_expired')
 */
export function renderInvalidLinkPage(lang: PageLanguage, code: InvalidLinkCode): string {
  const text = pageText(lang)
  const body = `<h1>${escapeHtml(text.invalidTitle)}</h1><p>${escapeHtml(text.invalidText[code])}</p>`
  return renderDocument({ lang, title: text.invalidTitle, body })
}

/**
 * Where 返回 leads: a page saying the link was not opened. In-app browsers may intercept this URL and close.
 * @example renderBackPage('zh-CN')
 */
export function renderBackPage(lang: PageLanguage): string {
  const text = pageText(lang)
  return renderDocument({
    lang,
    title: text.backTitle,
    body: `<h1>${escapeHtml(text.backTitle)}</h1><p>${escapeHtml(text.backText)}</p>`,
  })
}
