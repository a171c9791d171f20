import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { compilePolicy, type CompiledPolicy } from '../src/core/policy/compile-policy.js'
import type { Decision, PolicyInput } from '../src/core/policy/decision.js'
import { evaluatePolicy } from '../src/core/policy/evaluate-policy.js'
import { loadReasonCatalogueFromYamlText } from '../src/core/policy/reason-catalogue.js'
import { validatePolicy } from '../src/core/policy/validate-policy.js'
import { CATEGORIES, GRADES, SCENARIOS, VERDICTS } from '../src/core/vocabulary.js'
import { opsPerSecond, type BenchResult } from './harness.js'

function compiled(groupRolloutPercent: number): CompiledPolicy {
  const catalogue = loadReasonCatalogueFromYamlText(readFileSync('data/reasons.yaml', 'utf8'))
  if (!catalogue.ok) throw new Error('reasons.yaml does not load')
  const doc = parse(readFileSync('data/default-policy.yaml', 'utf8'))
  doc.phases[1].rules[1].match.rollout.percent = groupRolloutPercent
  const policy = validatePolicy(doc, catalogue.value)
  if (!policy.ok) throw new Error('default-policy.yaml does not validate')
  return compilePolicy(policy.value, catalogue.value)
}

// A realistic spread: mostly clean links, some preferences, a few unsafe links and case actions.
function inputs(n: number): PolicyInput[] {
  const at = new Date('2026-11-22T12:00+08:00')
  return Array.from({ length: n }, (_, i) => ({
    link: {
      provider: i % 7 === 0 ? null : `p${i % 40}`,
      category: CATEGORIES[i % CATEGORIES.length]!,
      verdict: i % 50 === 0 ? VERDICTS[2 + (i % 2)]! : VERDICTS[i % 2]!,
      grade: GRADES[(i * 7) % GRADES.length]!,
      ...(i % 97 === 0
        ? {
            caseActions: [
              {
                action: 'warn',
                reason: 'CASE_PENDING_REVIEW',
                scope: 'link',
                caseId: `c${i}`,
                automated: true,
              },
            ] as const,
          }
        : {}),
    },
    scenario: SCENARIOS[i % SCENARIOS.length]!,
    at,
    userId: `user-${i}`,
    clientVersion: '8.0.16',
    ...(i % 5 === 0
      ? {
          userPreferences: {
            byScenario: { group: { '*': 'open' as const }, feed: { news: 'hide-card' as const } },
            trustedProviders: ['p3'],
            mutedProviders: ['p9'],
            systemBrowser: i % 10 === 0,
          },
        }
      : {}),
  }))
}

// The baseline builds a decision-sized object per input (same fields, a trace and a reasons array):
// the ratio says how much more than bare allocation a decision costs.
function baselineDecision(input: PolicyInput): Decision {
  return {
    action: 'open',
    reasons: [],
    policyVersion: input.scenario,
    phaseId: 'phase-2',
    card: 'full',
    openInApp: true,
    external: false,
    trace: ['phase phase-2', input.link.category],
  }
}

export async function run(): Promise<BenchResult[]> {
  const batch = inputs(4096)
  // Decisions escape into a ring so that neither loop can be optimised into doing nothing.
  const ring = new Array<Decision | undefined>(1024)
  let sink = 0
  const loop = (decide: (input: PolicyInput) => Decision) => () => {
    for (let i = 0; i < batch.length; i++) {
      const d = decide(batch[i]!)
      ring[i & 1023] = d
      sink += d.trace.length
    }
  }
  const baseline = await opsPerSecond(loop(baselineDecision), 2_000, batch.length)
  const results: BenchResult[] = []
  for (const [label, percent] of [
    ['default policy', 100],
    ['30% group rollout (SHA-256 per group link)', 30],
  ] as const) {
    const policy = compiled(percent)
    const rate = await opsPerSecond(
      loop((input) => evaluatePolicy(policy, input)),
      2_000,
      batch.length,
    )
    results.push({
      name: `policy decisions/s in-process, ${label}`,
      value: rate,
      unit: 'decisions/s',
      baseline: 'decision-sized object construction',
      baselineValue: baseline,
      ratio: rate / baseline,
      target: '≥ 1,000,000 decisions/s',
    })
  }
  if (sink === 0) throw new Error('nothing was decided')
  return results
}

if (import.meta.url === `file://${process.argv[1]}`) for (const r of await run()) console.log(r)
