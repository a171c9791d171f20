import { escapeHtml } from './html.js'
import { linkDisplay } from './link-display.js'
import type { PageText } from './page-text.js'

/** The link box shared by the safety and block pages: display form, registrable domain highlighted, punycode. */
export function renderLinkBlock(url: string, text: PageText): string {
  const shown = linkDisplay(url)
  const puny =
    shown.punycode === null
      ? ''
      : `<p class="puny">${escapeHtml(text.punycodeLabel)}<span lang="und">${escapeHtml(shown.punycode)}</span></p>`
  return (
    `<p class="link" lang="und">${escapeHtml(shown.before)}<strong>${escapeHtml(shown.domain)}</strong>${escapeHtml(shown.after)}</p>` +
    puny
  )
}
