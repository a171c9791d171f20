import { z } from 'zod'
import { SCENARIOS } from '../vocabulary.js'

/** A self-selection choice for one scenario × category: open directly, show the safety page, or hide the card. */
export const PREFERENCE_CHOICES = ['open', 'warn', 'hide-card'] as const
export type PreferenceChoice = (typeof PREFERENCE_CHOICES)[number]

// Keys are a link category or '*' (every category); checked against the vocabulary by validatePreferences.
const ChoiceByCategorySchema = z.record(z.string().min(1), z.enum(PREFERENCE_CHOICES))

export const UserPreferencesSchema = z.strictObject({
  byScenario: z.partialRecord(z.enum(SCENARIOS), ChoiceByCategorySchema).default({}),
  trustedProviders: z.array(z.string().min(1)).max(1000).default([]),
  mutedProviders: z.array(z.string().min(1)).max(1000).default([]),
  systemBrowser: z.boolean().default(false),
})

export const GroupSettingsSchema = z.strictObject({
  defaults: ChoiceByCategorySchema.default({}),
})

/** A user's self-selection settings (自主选择). `byScenario[s][category | '*']` picks a choice. */
export type UserPreferences = z.output<typeof UserPreferencesSchema>
/** A group owner's defaults, which apply in the `group` scenario only. */
export type GroupSettings = z.output<typeof GroupSettingsSchema>

/**
 * A choice for a category: the exact category wins over '*'.
 * @example choiceFor({ '*': 'warn', 'e-commerce': 'open' }, 'e-commerce') // 'open'
 */
export function choiceFor(
  choices: Readonly<Record<string, PreferenceChoice>> | undefined,
  category: string,
): PreferenceChoice | undefined {
  if (choices === undefined) return undefined
  return choices[category] ?? choices['*']
}
