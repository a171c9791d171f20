import type { Context, SingletonKey } from '../context.js'
import { signClickToken, type ClickClaims } from '../core/click-token.js'
import type { InspectedLink, InspectResult } from '../core/inspected-link.js'
import { HotCache } from '../core/hot-cache.js'
import { InspectJsonWriter } from '../core/inspect-json.js'
import { shanghaiDay } from '../core/shanghai-day.js'
import {
  displayForm,
  extract,
  type ExtractResult,
  type LinkSpan,
  type RememberedLink,
} from '../core/links/index.js'
import {
  evaluatePolicy,
  type CompiledPolicy,
  type Decision,
  type GroupSettings,
  type UserPreferences,
} from '../core/policy/index.js'
import { openInApp } from '../core/providers/index.js'
import {
  ACTIONS,
  SCENARIOS,
  type Action,
  type Grade,
  type Scenario,
  type Verdict,
} from '../core/vocabulary.js'
import { countLink, sampleInspect } from './counters.js'
import { caseActionIndex } from './case-actions.js'
import { gradesReady, providerGrade } from './grades.js'
import { currentPolicy, currentPolicyInMemory } from './policy.js'
import { getGroupSettings, getUserPreferences } from './preferences.js'
import { registryOf } from './reference-data.js'
import {
  assessLink,
  forgetHeuristicSignals,
  prepareSafety,
  prepareSafetyInMemory,
  type SafetyPrep,
} from './safety.js'

/**
 * Click tokens live a week, rounded up to the hour: long enough for a chat scroll-back, short enough to
 * limit replay. The rounding makes the claims of a hot link identical for an hour, so it is signed once.
 */
export const CLICK_TOKEN_TTL_S = 7 * 24 * 3600
const TOKEN_EXPIRY_STEP_S = 3600

/**
 * What inspect remembers between requests. Everything here is a pure function of its key and of
 * reference data that is fixed for the context's life, so an entry is never stale:
 * - a message's recognised links and shares, by its text: a message fanned out to a group's members,
 *   or forwarded from chat to chat, is recognised once;
 * - a link's canonical facts, by the text it is written as: a new message with a known link still has
 *   its text scanned, but the link is not canonicalised again;
 * - by URL: its display form, its open-in-app URL for its provider, and the click tokens signed for it
 *   (by scenario and action, for the current expiry hour and policy version);
 * - the JSON of what recurs in answers (core/inspect-json.ts).
 * Bounded in (estimated) bytes, a URL's tokens included; what has not been used lately goes first.
 */
interface InspectMemo {
  /** Texts seen once: a text is remembered with its links only when it comes back (a doorkeeper). */
  seen: HotCache<string, true>
  messages: HotCache<string, ExtractResult>
  /** A link's written text, as recognition judged it: new messages repeat old links. */
  linkTexts: HotCache<string, RememberedLink>
  links: HotCache<string, LinkMemo>
  json: InspectJsonWriter
}

/** What inspect remembers about one URL, kept under the URL alone: no key is built per request. */
interface LinkMemo {
  provider: string | null
  display: string
  appUrl: string | null
  /** Click tokens for one expiry and policy version, by scenario × action (tokenSlot). */
  tokenExp: number
  tokenPolicy: string
  tokens: (string | undefined)[]
  tokenCount: number
}

const MEMO: SingletonKey<InspectMemo> = Symbol('inspect-memo')
/** Longer messages are recognised afresh each time: they are rarely repeated and costly to hold. */
const MEMO_MAX_TEXT = 4096
/** Per generation; each memo holds two (core/hot-cache.ts). */
const MEMO_SEEN_BYTES = 2 * 1024 * 1024
const MEMO_MESSAGE_BYTES = 8 * 1024 * 1024
// Links are bounded in bytes, not entries: a URL may be up to 64 KiB long.
const MEMO_LINK_TEXT_BYTES = 8 * 1024 * 1024
const MEMO_LINK_BYTES = 16 * 1024 * 1024
/** UTF-16 bytes of a URL's entry: its display form, open-in-app link and tokens each about its length. */
const linkMemoCost = (entry: LinkMemo, url: string): number => (256 + url.length * 2) * (3 + entry.tokenCount)

function memoOf(ctx: Context): InspectMemo {
  return ctx.singleton(MEMO, () => ({
    seen: new HotCache<string, true>({
      limit: MEMO_SEEN_BYTES,
      cost: (_value, text) => 64 + text.length * 2,
    }),
    messages: new HotCache<string, ExtractResult>({
      limit: MEMO_MESSAGE_BYTES,
      // UTF-16 text plus a rough allowance for each recognised link or share.
      cost: (value, text) => 64 + text.length * 2 + 512 * (value.links.length + value.shares.length),
    }),
    linkTexts: new HotCache<string, RememberedLink>({
      limit: MEMO_LINK_TEXT_BYTES,
      cost: (link, raw) => 256 + (raw.length + (link.facts?.url.length ?? 0)) * 2,
    }),
    links: new HotCache<string, LinkMemo>({ limit: MEMO_LINK_BYTES, cost: linkMemoCost }),
    json: new InspectJsonWriter(),
  }))
}

/** Forgets everything inspect remembers, so the next message is handled cold (benchmarks). */
export function forgetInspectMemo(ctx: Context): void {
  const memo = memoOf(ctx)
  memo.seen.clear()
  memo.messages.clear()
  memo.linkTexts.clear()
  memo.links.clear()
  memo.json.clear()
  forgetHeuristicSignals(ctx)
}

function extractRemembered(ctx: Context, memo: InspectMemo, text: string): ExtractResult {
  if (text.length > MEMO_MAX_TEXT) return extract(text, registryOf(ctx), memo.linkTexts)
  const remembered = memo.messages.get(text)
  if (remembered !== undefined) return remembered
  const found = extract(text, registryOf(ctx), memo.linkTexts)
  // Most texts are seen once: they only mark that they were seen, so they never crowd out the rest.
  if (memo.seen.get(text) === undefined) {
    memo.seen.set(text, true)
    return found
  }
  // Shared by every later answer for the same text: frozen, so no caller can change it for the next.
  for (const link of found.links) Object.freeze(Object.freeze(link).flags)
  for (const share of found.shares) Object.freeze(share)
  Object.freeze(Object.freeze(found).links)
  Object.freeze(found.shares)
  memo.messages.set(text, found)
  return found
}

function linkMemo(ctx: Context, memo: InspectMemo, link: LinkSpan): LinkMemo {
  let found = memo.links.get(link.url)
  // A URL's provider can come from the share text around it: another provider, another entry.
  if (found === undefined || found.provider !== link.provider) {
    found = {
      provider: link.provider,
      display: displayForm(link.url),
      appUrl: link.provider === null ? null : openInApp(registryOf(ctx), link.provider, link.url),
      tokenExp: 0,
      tokenPolicy: '',
      tokens: [],
      tokenCount: 0,
    }
    memo.links.set(link.url, found)
  }
  return found
}

const tokenSlot = (scenario: Scenario, action: Action): number =>
  SCENARIOS.indexOf(scenario) * ACTIONS.length + ACTIONS.indexOf(action)

function clickToken(ctx: Context, memo: InspectMemo, link: LinkMemo, claims: ClickClaims): string {
  if (link.tokenExp !== claims.exp || link.tokenPolicy !== claims.policyVersion) {
    link.tokenExp = claims.exp
    link.tokenPolicy = claims.policyVersion
    link.tokens = []
    link.tokenCount = 0
  }
  const slot = tokenSlot(claims.scenario, claims.action)
  let token = link.tokens[slot]
  if (token === undefined) {
    token = signClickToken(ctx.signingKey, claims)
    link.tokens[slot] = token
    link.tokenCount++
    // Set again so that the memo counts the token against its bound.
    memo.links.set(claims.url, link)
  }
  return token
}

export interface InspectInput {
  text: string
  scenario: Scenario
  userId?: string | undefined
  groupId?: string | undefined
  clientVersion?: string | undefined
  at?: Date | undefined
}

export type { InspectedLink, InspectResult }

const DECISION_STATE: SingletonKey<{ loaded: boolean }> = Symbol('decision-state')

const decisionStateOf = (ctx: Context): { loaded: boolean } =>
  ctx.singleton(DECISION_STATE, () => ({ loaded: false }))

/**
 * Loads what deciding needs in memory (grades, the complaint desk's case actions) before the first
 * decision; afterwards this resolves at once.
 */
export async function decisionStateReady(ctx: Context): Promise<void> {
  const state = decisionStateOf(ctx)
  if (state.loaded) return
  await Promise.all([gradesReady(ctx), caseActionIndex(ctx).ready()])
  // Once loaded, grades and case actions stay in memory; reloads replace them whole.
  state.loaded = true
}

/**
 * The policy to decide with, when it and everything deciding needs are in memory: then inspect
 * decides without waiting on anything, not even a resolved promise.
 */
function decidingPolicyInMemory(ctx: Context): CompiledPolicy | null {
  return decisionStateOf(ctx).loaded ? currentPolicyInMemory(ctx) : null
}

async function loadDecidingPolicy(ctx: Context): Promise<CompiledPolicy> {
  await decisionStateReady(ctx)
  return currentPolicy(ctx)
}

const NO_CHOICES: [UserPreferences | null, GroupSettings | null] = [null, null]

/** Decides one link, given its facts; shared by inspect, the click re-check and the dial test. */
export function decideLink(
  ctx: Context,
  compiled: Awaited<ReturnType<typeof currentPolicy>>,
  link: LinkSpan,
  input: {
    scenario: Scenario
    at: Date
    prep: SafetyPrep
    userId?: string | undefined
    clientVersion?: string | undefined
    prefs: UserPreferences | null
    group: GroupSettings | null
    redirectChain?: readonly string[]
  },
): { verdict: Verdict; grade: Grade; decision: Decision } {
  const caseActions = caseActionIndex(ctx).forLink(link, input.at)
  const safety = assessLink(ctx, link, input.prep, caseActions, input.redirectChain)
  const grade = providerGrade(ctx, link.provider)
  const decision = evaluatePolicy(compiled, {
    link: {
      provider: link.provider,
      category: link.category,
      verdict: safety.verdict,
      grade,
      caseActions,
      safetySignals: safety.signals,
    },
    scenario: input.scenario,
    at: input.at,
    ...(input.userId === undefined ? {} : { userId: input.userId }),
    ...(input.clientVersion === undefined ? {} : { clientVersion: input.clientVersion }),
    ...(input.prefs ? { userPreferences: input.prefs } : {}),
    ...(input.group && input.scenario === 'group' ? { groupSettings: input.group } : {}),
  })
  return { verdict: safety.verdict, grade, decision }
}

/**
 * Inspect one message: recognise, classify, assess and decide every link, from memory. Counting is
 * batched in the background; the request never waits on the database for each link.
 */
export async function inspectMessage(ctx: Context, input: InspectInput): Promise<InspectResult> {
  const compiled = decidingPolicyInMemory(ctx) ?? (await loadDecidingPolicy(ctx))
  const now = ctx.now()
  const at = input.at ?? now
  const memo = memoOf(ctx)
  const { links, shares } = extractRemembered(ctx, memo, input.text)
  if (links.length === 0) return { links: [], shares, policyVersion: compiled.version }
  const [prefs, group] =
    input.userId || input.groupId
      ? await Promise.all([
          input.userId ? getUserPreferences(ctx, input.userId) : null,
          input.groupId ? getGroupSettings(ctx, input.groupId) : null,
        ])
      : NO_CHOICES
  const prep =
    prepareSafetyInMemory(ctx, links) ??
    (await prepareSafety(
      ctx,
      links.map((link) => link.url),
      at,
    ))
  const nowS = Math.floor(now.getTime() / 1000)
  const exp = Math.ceil((nowS + CLICK_TOKEN_TTL_S) / TOKEN_EXPIRY_STEP_S) * TOKEN_EXPIRY_STEP_S
  const base = ctx.config.http.publicUrl
  const day = shanghaiDay(at)
  const out: InspectedLink[] = []
  for (const link of links) {
    const { verdict, grade, decision } = decideLink(ctx, compiled, link, {
      scenario: input.scenario,
      at,
      prep,
      userId: input.userId,
      clientVersion: input.clientVersion,
      prefs,
      group,
    })
    countLink(ctx, {
      provider: link.provider,
      scenario: input.scenario,
      action: decision.action,
      category: link.category,
      day,
    })
    sampleInspect(ctx, {
      url: link.url,
      scenario: input.scenario,
      clientVersion: input.clientVersion ?? null,
      at,
    })
    const remembered = linkMemo(ctx, memo, link)
    const token = clickToken(ctx, memo, remembered, {
      url: link.url,
      scenario: input.scenario,
      action: decision.action,
      policyVersion: decision.policyVersion,
      exp,
    })
    // Every field named, in one order: one object shape for every link, and no copy of the span's fields.
    out.push({
      raw: link.raw,
      start: link.start,
      end: link.end,
      url: link.url,
      host: link.host,
      domain: link.domain,
      provider: link.provider,
      category: link.category,
      flags: link.flags,
      display: remembered.display,
      verdict,
      grade,
      decision,
      appUrl: decision.openInApp && decision.action !== 'block' ? remembered.appUrl : null,
      goUrl: `${base}/go/${token}`,
    })
  }
  return { links: out, shares, policyVersion: compiled.version }
}

/** An inspect answer as the JSON the API sends: ASCII, written by the context's writer (core/inspect-json.ts). */
export function inspectResultJson(ctx: Context, result: InspectResult): string {
  return memoOf(ctx).json.result(result)
}
