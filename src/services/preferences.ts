import { eq } from 'drizzle-orm'
import type { Context, SingletonKey } from '../context.js'
import { groupSetting, userPreference } from '../db/schema/index.js'
import {
  GroupSettingsSchema,
  UserPreferencesSchema,
  validateGroupSettings,
  validatePreferences,
  type GroupSettings,
  type UserPreferences,
} from '../core/policy/index.js'
import { InvalidInputError } from '../errors.js'
import { onChange, publishChange } from './bus.js'
import { appendLedger } from './ledger.js'
import { currentPolicy } from './policy.js'

export const PREFERENCES_CHANNEL = 'hutong_preferences'
const CACHE_MS = 30_000
const CACHE_MAX = 50_000

interface Cached<T> {
  value: T | null
  until: number
}

interface PreferenceCache {
  users: Map<string, Cached<UserPreferences>>
  groups: Map<string, Cached<GroupSettings>>
  subscribed: boolean
}

const CACHE: SingletonKey<PreferenceCache> = Symbol('preference-cache')

// Inspect reads preferences for every message; a short per-node cache keeps the database off the hot
// path, and a change is announced so other nodes drop their copy at once.
async function cacheOf(ctx: Context): Promise<PreferenceCache> {
  const cache = ctx.singleton(CACHE, () => ({ users: new Map(), groups: new Map(), subscribed: false }))
  if (!cache.subscribed) {
    cache.subscribed = true
    const forget = (payload: string): void => {
      const [kind, id] = [payload.slice(0, 1), payload.slice(2)]
      if (kind === 'u') cache.users.delete(id)
      else cache.groups.delete(id)
    }
    // After a database restart, changes may have been missed: forget everything.
    const resync = (): void => {
      cache.users.clear()
      cache.groups.clear()
    }
    await onChange(ctx, PREFERENCES_CHANNEL, forget, { onResync: resync })
  }
  return cache
}

function remember<T>(map: Map<string, Cached<T>>, id: string, value: T | null): T | null {
  if (map.size >= CACHE_MAX) map.clear()
  map.set(id, { value, until: Date.now() + CACHE_MS })
  return value
}

export async function getUserPreferences(ctx: Context, userId: string): Promise<UserPreferences | null> {
  const cache = await cacheOf(ctx)
  const hit = cache.users.get(userId)
  if (hit && hit.until > Date.now()) return hit.value
  const [row] = await ctx.db.select().from(userPreference).where(eq(userPreference.userId, userId))
  return remember(cache.users, userId, row ? UserPreferencesSchema.parse(row.preferences) : null)
}

export async function getGroupSettings(ctx: Context, groupId: string): Promise<GroupSettings | null> {
  const cache = await cacheOf(ctx)
  const hit = cache.groups.get(groupId)
  if (hit && hit.until > Date.now()) return hit.value
  const [row] = await ctx.db.select().from(groupSetting).where(eq(groupSetting.groupId, groupId))
  return remember(cache.groups, groupId, row ? GroupSettingsSchema.parse(row.settings) : null)
}

/** Replaces a user's choices, held within the policy's bounds. Not ledgered: a user's choices are private. */
export async function putUserPreferences(
  ctx: Context,
  userId: string,
  input: unknown,
): Promise<UserPreferences> {
  const { policy } = await currentPolicy(ctx)
  const checked = validatePreferences(policy, input)
  if (!checked.ok)
    throw new InvalidInputError(
      checked.issues[0]?.code ?? 'preference_invalid',
      'the preferences are not allowed',
      checked.issues,
    )
  const updatedAt = ctx.now()
  await ctx.db
    .insert(userPreference)
    .values({ userId, preferences: checked.value, updatedAt })
    .onConflictDoUpdate({ target: userPreference.userId, set: { preferences: checked.value, updatedAt } })
  remember((await cacheOf(ctx)).users, userId, checked.value)
  await publishChange(ctx, PREFERENCES_CHANNEL, `u:${userId}`).catch(() => undefined)
  return checked.value
}

/** Replaces a group's defaults; a ledger event records the change (group settings are visible to members). */
export async function putGroupSettings(
  ctx: Context,
  groupId: string,
  input: unknown,
  actor: string,
): Promise<GroupSettings> {
  const { policy } = await currentPolicy(ctx)
  const checked = validateGroupSettings(policy, input)
  if (!checked.ok)
    throw new InvalidInputError(
      checked.issues[0]?.code ?? 'preference_invalid',
      'the group settings are not allowed',
      checked.issues,
    )
  const updatedAt = ctx.now()
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(groupSetting)
      .values({ groupId, settings: checked.value, updatedAt, updatedBy: actor })
      .onConflictDoUpdate({
        target: groupSetting.groupId,
        set: { settings: checked.value, updatedAt, updatedBy: actor },
      })
    await appendLedger(tx, {
      kind: 'group.settings',
      actor,
      subject: `group:${groupId}`,
      payload: checked.value,
      at: updatedAt,
    })
  })
  remember((await cacheOf(ctx)).groups, groupId, checked.value)
  await publishChange(ctx, PREFERENCES_CHANNEL, `g:${groupId}`).catch(() => undefined)
  return checked.value
}
