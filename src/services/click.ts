import { createHmac } from 'node:crypto'
import { signedByAny } from '../core/mac.js'
import type { Context } from '../context.js'
import { verifyClickToken } from '../core/click-token.js'
import { canonicaliseLink, extract, type LinkSpan } from '../core/links/index.js'
import {
  renderBlockPage,
  renderInvalidLinkPage,
  renderSafetyPage,
  type InvalidLinkCode,
  type PageLanguage,
  type PageReason,
} from '../core/pages/index.js'
import { ACTION_RANK, type Decision, type ReasonRef } from '../core/policy/index.js'
import { openInApp } from '../core/providers/index.js'
import type { Action, Scenario } from '../core/vocabulary.js'
import { expandForClick } from './expand.js'
import { decideLink, decisionStateReady } from './inspect.js'
import { currentPolicy } from './policy.js'
import { prepareSafety } from './safety.js'
import { reasonCatalogueOf, registryOf } from './reference-data.js'

/** Where the safety and block pages send people to report or appeal: the platform's report entry. */
export const REPORT_PATH = '/demo/report'
/** Where 返回 leads; in-app browsers may intercept it and close. */
export const BACK_PATH = '/go/back'

/** What `/go/<token>` answers: a redirect (302, no referrer) or one of the pages. */
export type ClickOutcome =
  | { kind: 'redirect'; location: string; action: Action }
  | { kind: 'page'; status: 200 | 400 | 403; action: Action | 'invalid'; html: string }

/** The click-time decision: the stricter of the link's and (for redirecting links) its destination's. */
export interface ClickDecision {
  action: Action
  reasons: ReasonRef[]
  /** Where a redirect sends the person: the checked destination of a short link, else the link itself. */
  target: string
  link: LinkSpan
  /** Whether policy lets the page offer open-in-app (both decisions must allow it). */
  offerApp: boolean
}

function continueMac(key: string, token: string): Buffer {
  return createHmac('sha256', key).update(`go-continue\n${token}`).digest().subarray(0, 12)
}

/** The 继续访问 link of a safety page: the same token, re-verified and re-checked, plus a mark only Hutong can make. */
export function continueUrl(ctx: Context, token: string): string {
  return `${ctx.config.http.publicUrl}/go/${token}?continue=${continueMac(ctx.signingKey, token).toString('base64url')}`
}

function continueValid(ctx: Context, token: string, given: string | undefined): boolean {
  if (given === undefined) return false
  return signedByAny(ctx.verificationKeys, Buffer.from(given, 'base64url'), (key) => continueMac(key, token))
}

/** The one link a token names, as recognition sees it (provider, category, flags). */
function linkOf(ctx: Context, url: string): LinkSpan | null {
  if (canonicaliseLink(url) === null) return null
  const found = extract(url, registryOf(ctx)).links
  return found.find((link) => link.start === 0 && link.end === url.length) ?? found[0] ?? null
}

/**
 * Re-decides a link at click time: the policy in force now, the verdict now, and for a redirecting link its
 * final URL as well; the stricter decision wins, and its reasons go with it. No user is known at click time.
 * @example const decision = await recheckLink(ctx, 'https://t.cn/A6x', 'group')
 */
export async function recheckLink(
  ctx: Context,
  url: string,
  scenario: Scenario,
): Promise<ClickDecision | null> {
  const link = linkOf(ctx, url)
  if (link === null) return null
  const compiled = await currentPolicy(ctx)
  await decisionStateReady(ctx)
  const at = ctx.now()
  const decide = async (span: LinkSpan): Promise<Decision> =>
    decideLink(ctx, compiled, span, {
      scenario,
      at,
      prep: await prepareSafety(ctx, [span.url], at),
      prefs: null,
      group: null,
    }).decision
  const first = await decide(link)
  if (first.action === 'block')
    return { action: 'block', reasons: first.reasons, target: link.url, link, offerApp: false }
  const expansion = await expandForClick(ctx, link)
  const finalLink = expansion === null ? null : linkOf(ctx, expansion.finalUrl)
  if (expansion === null || finalLink === null)
    return { action: first.action, reasons: first.reasons, target: link.url, link, offerApp: first.openInApp }
  const second = await decide(finalLink)
  const target = expansion.source === 'expanded' ? finalLink.url : link.url
  const offerApp = first.openInApp && second.openInApp
  const rank = ACTION_RANK[second.action] - ACTION_RANK[first.action]
  if (rank > 0) return { action: second.action, reasons: second.reasons, target, link: finalLink, offerApp }
  if (rank < 0) return { action: first.action, reasons: first.reasons, target, link, offerApp }
  const codes = new Set(first.reasons.map((reason) => reason.code))
  const reasons = [...first.reasons, ...second.reasons.filter((reason) => !codes.has(reason.code))]
  return { action: first.action, reasons, target, link: finalLink, offerApp }
}

function pageReasons(ctx: Context, reasons: readonly ReasonRef[], lang: PageLanguage): PageReason[] {
  const catalogue = reasonCatalogueOf(ctx)
  return reasons.map((reason) => {
    const entry = catalogue.byCode.get(reason.code)
    const text = entry === undefined ? reason.code : lang === 'en' ? entry.en : entry.zh
    return {
      code: reason.code,
      text,
      ruleUrl: `${ctx.config.http.publicUrl}/rules#${encodeURIComponent(reason.code)}`,
    }
  })
}

/**
 * Answers one click on `/go/<token>`: a bad or expired token gets the 400 page (never a redirect); otherwise
 * the link is re-checked and opens (302), shows the safety page, or shows the block page.
 * @example const outcome = await handleClick(ctx, token, { lang: 'zh-CN' })
 */
export async function handleClick(
  ctx: Context,
  token: string,
  options: { lang: PageLanguage; continueMark?: string | undefined },
): Promise<ClickOutcome> {
  const lang = options.lang
  const invalid = (code: InvalidLinkCode): ClickOutcome => ({
    kind: 'page',
    status: 400,
    action: 'invalid',
    html: renderInvalidLinkPage(lang, code),
  })
  const claims = verifyClickToken(ctx.verificationKeys, token, Math.floor(ctx.now().getTime() / 1000))
  if (!claims.ok) return invalid((claims.issues[0]?.code ?? 'token_invalid') as InvalidLinkCode)
  const decision = await recheckLink(ctx, claims.value.url, claims.value.scenario)
  if (decision === null) return invalid('link_unreadable')
  const base = ctx.config.http.publicUrl
  const backUrl = `${base}${BACK_PATH}?lang=${lang === 'en' ? 'en' : 'zh-CN'}`
  const reportUrl = `${base}${REPORT_PATH}?url=${encodeURIComponent(decision.link.url)}`
  const reasons = pageReasons(ctx, decision.reasons, lang)
  switch (decision.action) {
    case 'open':
      return { kind: 'redirect', location: decision.target, action: 'open' }
    case 'warn': {
      if (continueValid(ctx, token, options.continueMark))
        return { kind: 'redirect', location: decision.target, action: 'warn' }
      const provider = decision.link.provider
      const appUrl =
        provider === null || !decision.offerApp ? null : openInApp(registryOf(ctx), provider, decision.target)
      const html = renderSafetyPage({
        lang,
        url: decision.target,
        reasons,
        continueUrl: continueUrl(ctx, token),
        backUrl,
        appUrl,
        reportUrl,
      })
      return { kind: 'page', status: 200, action: 'warn', html }
    }
    case 'block':
      return {
        kind: 'page',
        status: 403,
        action: 'block',
        html: renderBlockPage({
          lang,
          url: decision.link.url,
          reasons,
          appealUrl: `${reportUrl}&appeal=1`,
          backUrl,
        }),
      }
  }
}
