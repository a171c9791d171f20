import type { Context } from '../context.js'
import { signClickToken } from '../core/click-token.js'
import { shanghaiDay } from '../core/shanghai-day.js'
import { displayForm, extract, type LinkSpan, type Share } from '../core/links/index.js'
import {
  evaluatePolicy,
  type Decision,
  type GroupSettings,
  type UserPreferences,
} from '../core/policy/index.js'
import { openInApp } from '../core/providers/index.js'
import type { Grade, Scenario, Verdict } from '../core/vocabulary.js'
import { countLink, sampleInspect } from './counters.js'
import { caseActionIndex } from './case-actions.js'
import { gradesReady, providerGrade } from './grades.js'
import { currentPolicy } from './policy.js'
import { getGroupSettings, getUserPreferences } from './preferences.js'
import { registryOf } from './reference-data.js'
import { assessLink, prepareSafety, type SafetyPrep } from './safety.js'

/** Click tokens live a week: long enough for a chat scroll-back, short enough to limit replay. */
export const CLICK_TOKEN_TTL_S = 7 * 24 * 3600

export interface InspectInput {
  text: string
  scenario: Scenario
  userId?: string | undefined
  groupId?: string | undefined
  clientVersion?: string | undefined
  at?: Date | undefined
}

export interface InspectedLink extends LinkSpan {
  display: string
  verdict: Verdict
  grade: Grade
  decision: Decision
  /** The deep link offered for open-in-app, when the decision allows it and the provider has an app. */
  appUrl: string | null
  goUrl: string
}

export interface InspectResult {
  links: InspectedLink[]
  shares: Share[]
  policyVersion: string
}

/**
 * Loads what deciding needs in memory (grades, the complaint desk's case actions) before the first
 * decision; afterwards this resolves at once.
 */
export async function decisionStateReady(ctx: Context): Promise<void> {
  await Promise.all([gradesReady(ctx), caseActionIndex(ctx).ready()])
}

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
  await decisionStateReady(ctx)
  const at = input.at ?? ctx.now()
  const registry = registryOf(ctx)
  const compiled = await currentPolicy(ctx)
  const { links, shares } = extract(input.text, registry)
  if (links.length === 0) return { links: [], shares, policyVersion: compiled.version }
  const [prefs, group, prep] = await Promise.all([
    input.userId ? getUserPreferences(ctx, input.userId) : null,
    input.groupId ? getGroupSettings(ctx, input.groupId) : null,
    prepareSafety(
      ctx,
      links.map((link) => link.url),
      at,
    ),
  ])
  const exp = Math.floor(ctx.now().getTime() / 1000) + CLICK_TOKEN_TTL_S
  const base = ctx.config.http.publicUrl
  const day = shanghaiDay(at)
  const out = links.map((link): InspectedLink => {
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
    const token = signClickToken(ctx.signingKey, {
      url: link.url,
      scenario: input.scenario,
      action: decision.action,
      policyVersion: decision.policyVersion,
      exp,
    })
    return {
      ...link,
      display: displayForm(link.url),
      verdict,
      grade,
      decision,
      appUrl:
        decision.openInApp && decision.action !== 'block' && link.provider
          ? openInApp(registry, link.provider, link.url)
          : null,
      goUrl: `${base}/go/${token}`,
    }
  })
  return { links: out, shares, policyVersion: compiled.version }
}
