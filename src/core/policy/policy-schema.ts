import { z } from 'zod'
import { ACTIONS, CARD_STYLES, GRADES, SCENARIOS, VERDICTS } from '../vocabulary.js'

// Categories and reason codes are plain strings here so that the validator can report them with their
// own codes (policy_unknown_category, policy_unknown_reason) instead of a generic schema error.
const ReasonCodes = z.array(z.string().min(1)).describe('Reason codes from the published catalogue')

export const PresentationSchema = z
  .strictObject({
    card: z.enum(CARD_STYLES).optional().describe('How the link card is shown: full, compact or none'),
    openInApp: z
      .boolean()
      .optional()
      .describe('Offer the provider app deep link, equally for every provider'),
  })
  .describe('Presentation flags; platform policy can never force the system browser or a copy step')

export const RolloutSchema = z.strictObject({
  percent: z.number().min(0).max(100).describe('Share of users (by stable hash into 10,000 buckets)'),
})

export const ClientVersionRangeSchema = z
  .strictObject({
    min: z.string().min(1).optional().describe('Lowest client version that matches (inclusive)'),
    below: z.string().min(1).optional().describe('First client version that no longer matches (exclusive)'),
  })
  .describe('Client version range; a request without a client version matches every range')

export const RuleMatchSchema = z
  .strictObject({
    scenarios: z.array(z.enum(SCENARIOS)).min(1).optional(),
    categories: z.array(z.string().min(1)).min(1).optional(),
    verdicts: z.array(z.enum(VERDICTS)).min(1).optional(),
    grades: z.array(z.enum(GRADES)).min(1).optional(),
    rollout: RolloutSchema.optional(),
    clientVersion: ClientVersionRangeSchema.optional(),
  })
  .describe('Every given field must match; an omitted field matches anything')

export const RuleSchema = z.strictObject({
  id: z.string().min(1),
  description: z.string().optional(),
  match: RuleMatchSchema.optional(),
  action: z.enum(ACTIONS),
  reasons: ReasonCodes.optional(),
  presentation: PresentationSchema.optional(),
  preferences: z
    .enum(['apply', 'stricter-only'])
    .optional()
    .describe('"stricter-only": users and group owners may not loosen what this rule decides'),
})

/** A fixed outcome (no match): the floor entries, outside-phase and outdated-client behaviour. */
export const OutcomeSchema = z.strictObject({
  action: z.enum(ACTIONS),
  reasons: ReasonCodes,
  presentation: PresentationSchema.optional(),
})

export const PhaseSchema = z.strictObject({
  id: z.string().min(1),
  description: z.string().optional(),
  from: z.string().describe('ISO 8601 start; no offset means Asia/Shanghai (+08:00)'),
  to: z.string().optional().describe('ISO 8601 end (exclusive); by default the phase runs until the next'),
  minClientVersion: z.string().optional().describe('Older clients get the policy "previous" behaviour'),
  preferencesEffective: z.boolean().describe('Whether self-selection may loosen decisions in this phase'),
  rules: z.array(RuleSchema).describe('First matching rule decides; no match means open'),
})

export const ScenarioBoundsSchema = z.strictObject({
  loosestUser: z.enum(ACTIONS).describe('The most open action a user preference may reach'),
  loosestGroup: z.enum(ACTIONS).describe('The most open action a group owner setting may reach'),
})

export const ExemptionSchema = z.strictObject({
  id: z.string().min(1),
  provider: z.string().min(1).describe('Provider id; exemptions are the only place a provider is named'),
  scenarios: z.array(z.enum(SCENARIOS)).min(1).optional(),
  categories: z.array(z.string().min(1)).min(1).optional(),
  action: z
    .enum(['open', 'warn'])
    .describe('Replaces the platform rule; never beats case actions or the floor'),
  reasons: ReasonCodes.min(1),
  statement: z.string().min(1).describe('Why the exemption exists, as published in the transparency report'),
  from: z.string().optional(),
  until: z.string().optional(),
})

export const PolicyDocumentSchema = z
  .strictObject({
    version: z.string().min(1),
    description: z.string().optional(),
    salt: z.string().min(1).describe('Rollout hash salt; changing it reshuffles every cohort'),
    presentation: z.strictObject({ card: z.enum(CARD_STYLES), openInApp: z.boolean() }),
    floor: z
      .strictObject({ malicious: OutcomeSchema, suspicious: OutcomeSchema })
      .describe('The safety floor: nothing may be more open than this'),
    outsidePhases: OutcomeSchema.describe('Before the first phase and in gaps between phases'),
    previous: OutcomeSchema.describe('For clients below the phase minClientVersion'),
    preferenceBounds: z.strictObject({
      direct: ScenarioBoundsSchema,
      group: ScenarioBoundsSchema,
      feed: ScenarioBoundsSchema,
      channel: ScenarioBoundsSchema,
    }),
    standingRules: z
      .array(RuleSchema)
      .default([])
      .describe('Apply in every phase; every matching rule applies and the strictest wins'),
    phases: z.array(PhaseSchema).min(1),
    exemptions: z.array(ExemptionSchema).default([]),
  })
  .describe('Hutong policy document')

export type Presentation = z.infer<typeof PresentationSchema>
export type Rule = z.infer<typeof RuleSchema>
export type RuleMatch = z.infer<typeof RuleMatchSchema>
export type Outcome = z.infer<typeof OutcomeSchema>
export type Phase = z.infer<typeof PhaseSchema>
export type ScenarioBounds = z.infer<typeof ScenarioBoundsSchema>
export type Exemption = z.infer<typeof ExemptionSchema>
export type PolicyDocument = z.input<typeof PolicyDocumentSchema>

/** A policy document that passed `validatePolicy`. */
export type Policy = z.output<typeof PolicyDocumentSchema>
