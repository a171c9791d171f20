import { desc } from 'drizzle-orm'
import type { Context } from '../context.js'
import { inspectSample } from '../db/schema/index.js'
import { extract } from '../core/links/index.js'
import { compilePolicy, evaluatePolicy, type CompiledPolicy } from '../core/policy/index.js'
import type { Action, Scenario } from '../core/vocabulary.js'
import { InvalidInputError } from '../errors.js'
import { assessLink, prepareSafety } from './safety.js'
import { providerGrade } from './grades.js'
import { decisionStateReady } from './inspect.js'
import { checkPolicy, currentPolicy } from './policy.js'
import { reasonCatalogueOf, registryOf } from './reference-data.js'

export interface SimulationSample {
  url: string
  scenario: Scenario
  clientVersion?: string | null | undefined
  at?: Date | undefined
}

export interface SimulationReport {
  currentVersion: string
  draftVersion: string
  total: number
  changed: number
  cells: {
    scenario: string
    category: string
    total: number
    changed: number
    transitions: Record<string, number>
    examples: { url: string; from: Action; to: Action; reasons: string[] }[]
  }[]
}

const EXAMPLES_PER_CELL = 5
const MAX_SAMPLES = 10_000

/**
 * Runs a draft policy and the current one over the same inputs and reports what changes, by
 * scenario × category. Samples carry no user ids, so rollout cohorts are evaluated as "no user".
 */
export async function simulatePolicy(
  ctx: Context,
  draft: unknown,
  supplied?: readonly SimulationSample[],
): Promise<SimulationReport> {
  const checked = checkPolicy(ctx, draft)
  if (!checked.ok)
    throw new InvalidInputError(
      checked.issues[0]?.code ?? 'policy_invalid',
      'the draft policy does not validate',
      checked.issues,
    )
  const next = compilePolicy(checked.value, reasonCatalogueOf(ctx))
  const current = await currentPolicy(ctx)
  await decisionStateReady(ctx)
  const samples =
    supplied ??
    (await ctx.db.select().from(inspectSample).orderBy(desc(inspectSample.id)).limit(MAX_SAMPLES)).map(
      (row) => ({
        url: row.url,
        scenario: row.scenario as Scenario,
        clientVersion: row.clientVersion,
        at: row.at,
      }),
    )
  const registry = registryOf(ctx)
  const links = samples.map((sample) => extract(sample.url, registry).links[0])
  const prep = await prepareSafety(
    ctx,
    links.flatMap((link) => (link ? [link.url] : [])),
    ctx.now(),
  )
  const cells = new Map<string, SimulationReport['cells'][number]>()
  let total = 0
  let changed = 0
  for (const [index, sample] of samples.entries()) {
    const link = links[index]
    if (!link) continue
    const at = sample.at ?? ctx.now()
    const facts = {
      provider: link.provider,
      category: link.category,
      grade: providerGrade(ctx, link.provider),
      ...assessLink(ctx, link, prep),
    }
    const decide = (policy: CompiledPolicy) =>
      evaluatePolicy(policy, {
        link: {
          provider: facts.provider,
          category: facts.category,
          verdict: facts.verdict,
          grade: facts.grade,
          safetySignals: facts.signals,
        },
        scenario: sample.scenario,
        at,
        ...(sample.clientVersion ? { clientVersion: sample.clientVersion } : {}),
      })
    const before = decide(current)
    const after = decide(next)
    const key = `${sample.scenario}\u0000${link.category}`
    const cell = cells.get(key) ?? {
      scenario: sample.scenario,
      category: link.category,
      total: 0,
      changed: 0,
      transitions: {},
      examples: [],
    }
    cells.set(key, cell)
    cell.total++
    total++
    if (before.action !== after.action || before.card !== after.card) {
      cell.changed++
      changed++
      const transition = `${before.action}→${after.action}`
      cell.transitions[transition] = (cell.transitions[transition] ?? 0) + 1
      if (cell.examples.length < EXAMPLES_PER_CELL)
        cell.examples.push({
          url: link.url,
          from: before.action,
          to: after.action,
          reasons: after.reasons.map((r) => r.code),
        })
    }
  }
  return {
    currentVersion: current.version,
    draftVersion: next.version,
    total,
    changed,
    cells: [...cells.values()].sort((a, b) => b.changed - a.changed || a.scenario.localeCompare(b.scenario)),
  }
}
