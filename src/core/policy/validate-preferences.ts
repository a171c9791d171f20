import { ACTION_RANK } from './action-order.js'
import type { Policy } from './policy-schema.js'
import {
  GroupSettingsSchema,
  UserPreferencesSchema,
  type GroupSettings,
  type PreferenceChoice,
  type UserPreferences,
} from './preferences.js'
import { zodIssues } from './zod-issues.js'
import { fail, ok, type Issue, type Result } from '../result.js'
import { isCategory, type Action, type Scenario } from '../vocabulary.js'

type Path = (string | number)[]

function checkChoices(
  choices: Readonly<Record<string, PreferenceChoice>>,
  loosest: Action,
  who: string,
  scenario: Scenario,
  path: Path,
  issues: Issue[],
): void {
  for (const [category, choice] of Object.entries(choices)) {
    const at = [...path, category]
    if (category !== '*' && !isCategory(category)) {
      issues.push({
        code: 'preference_unknown_category',
        path: at,
        message: `"${category}" is not a link category`,
      })
    } else if (choice === 'open' && ACTION_RANK.open < ACTION_RANK[loosest]) {
      issues.push({
        code: 'preference_out_of_bounds',
        path: at,
        message: `in ${scenario}, ${who} may loosen links only as far as "${loosest}"`,
      })
    }
  }
}

/**
 * Check user preferences against the policy's bounds: "open" where users may only go as far as warn is
 * `preference_out_of_bounds`; stricter choices are always allowed.
 * @example validatePreferences(policy, { byScenario: { feed: { '*': 'open' } } }) // preference_out_of_bounds
 */
export function validatePreferences(policy: Policy, prefs: unknown): Result<UserPreferences> {
  const parsed = UserPreferencesSchema.safeParse(prefs)
  if (!parsed.success) return fail(...zodIssues(parsed.error, 'preference_invalid'))
  const issues: Issue[] = []
  for (const [scenario, choices] of Object.entries(parsed.data.byScenario) as [
    Scenario,
    Record<string, PreferenceChoice>,
  ][]) {
    const loosest = policy.preferenceBounds[scenario].loosestUser
    checkChoices(choices, loosest, 'users', scenario, ['byScenario', scenario], issues)
  }
  const muted = new Set(parsed.data.mutedProviders)
  parsed.data.trustedProviders.forEach((id, i) => {
    if (muted.has(id)) {
      issues.push({
        code: 'preference_conflict',
        path: ['trustedProviders', i],
        message: `"${id}" is both trusted and muted`,
      })
    }
  })
  return issues.length > 0 ? fail(...issues) : ok(parsed.data)
}

/**
 * Check a group owner's defaults against the `group` scenario's bounds.
 * @example validateGroupSettings(policy, { defaults: { '*': 'warn' } }) // ok
 */
export function validateGroupSettings(policy: Policy, settings: unknown): Result<GroupSettings> {
  const parsed = GroupSettingsSchema.safeParse(settings)
  if (!parsed.success) return fail(...zodIssues(parsed.error, 'preference_invalid'))
  const issues: Issue[] = []
  const loosest = policy.preferenceBounds.group.loosestGroup
  checkChoices(parsed.data.defaults, loosest, 'group owners', 'group', ['defaults'], issues)
  return issues.length > 0 ? fail(...issues) : ok(parsed.data)
}
