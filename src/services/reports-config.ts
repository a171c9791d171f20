import type { Context, SingletonKey } from '../context.js'
import { DEFAULT_COMPLAINTS_CONFIG, type ComplaintsConfig } from '../core/complaints/index.js'

const CONFIG: SingletonKey<{ value: ComplaintsConfig }> = Symbol('complaints-config')

/** The complaint desk's settings for this context: the documented defaults unless configured. */
export function complaintsConfig(ctx: Context): ComplaintsConfig {
  return ctx.singleton(CONFIG, () => ({ value: DEFAULT_COMPLAINTS_CONFIG })).value
}

/**
 * Overrides some of the desk's settings for this context (an embedding app, a test, an operator's CLI).
 * @example configureComplaints(ctx, { dailyLimit: 400 })
 */
export function configureComplaints(ctx: Context, patch: Partial<ComplaintsConfig>): ComplaintsConfig {
  const holder = ctx.singleton(CONFIG, () => ({ value: DEFAULT_COMPLAINTS_CONFIG }))
  holder.value = { ...holder.value, ...patch }
  return holder.value
}
