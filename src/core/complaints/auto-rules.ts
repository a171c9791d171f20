import type { ComplaintCategory, Verdict } from '../vocabulary.js'

/** A configurable automatic step: enough weighted reports of some categories → a temporary warn pending review. */
export interface AutoRule {
  id: string
  categories: readonly ComplaintCategory[]
  /** Sum of report weights over `categories` at or above which the rule fires. */
  minWeightedReports: number
  /** Omitted: any verdict. */
  verdicts?: readonly Verdict[]
  durationHours: number
}

export const DEFAULT_AUTO_RULES: readonly AutoRule[] = [
  {
    id: 'suspicious-malware-fraud',
    categories: ['malware', 'fraud'],
    minWeightedReports: 3,
    verdicts: ['suspicious', 'malicious'],
    durationHours: 72,
  },
  {
    id: 'mass-malware-fraud-illegal',
    categories: ['malware', 'fraud', 'illegal'],
    minWeightedReports: 10,
    durationHours: 24,
  },
]

/** What an auto-rule may look at for one case. */
export interface AutoRuleFacts {
  /** Weighted report sums per complaint category. */
  categoryWeights: Readonly<Record<string, number>>
  verdict: Verdict
  /** Held as a storm: never acted on automatically. */
  held: boolean
  /** A person has decided this case already (any decision, dismiss included). */
  humanDecided: boolean
  /** An automated action is already in force. */
  automatedActive: boolean
}

/**
 * The first auto-rule that fires for a case, or null. Storms, cases a person has decided, and cases
 * already under an automated action never fire.
 * @example firstFiringRule(DEFAULT_AUTO_RULES, { categoryWeights: { fraud: 3 }, verdict: 'suspicious', held: false, humanDecided: false, automatedActive: false })?.id // 'suspicious-malware-fraud'
 */
export function firstFiringRule(rules: readonly AutoRule[], facts: AutoRuleFacts): AutoRule | null {
  if (facts.held || facts.humanDecided || facts.automatedActive) return null
  for (const rule of rules) {
    if (rule.verdicts !== undefined && !rule.verdicts.includes(facts.verdict)) continue
    let weight = 0
    for (const category of rule.categories) weight += facts.categoryWeights[category] ?? 0
    // A little slack so that 3 × 1.0 is not lost to floating point.
    if (weight + 1e-9 >= rule.minWeightedReports) return rule
  }
  return null
}
