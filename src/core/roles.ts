/** Who an API key acts as. `provider:<id>` keys see only their own provider's data. */
export type Role = 'platform' | 'reviewer' | 'admin' | 'auditor' | 'flagger' | `provider:${string}`

export const BASE_ROLES = ['platform', 'reviewer', 'admin', 'auditor', 'flagger'] as const

const PROVIDER_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/

/** Parses a role name; null when it is not one. */
export function parseRole(value: string): Role | null {
  if ((BASE_ROLES as readonly string[]).includes(value)) return value as Role
  if (value.startsWith('provider:') && PROVIDER_ID.test(value.slice('provider:'.length))) return value as Role
  return null
}

/** The provider a role acts for, if it is a provider role. */
export function providerOfRole(role: Role): string | null {
  return role.startsWith('provider:') ? role.slice('provider:'.length) : null
}

/** Whether `role` satisfies a route's declared roles; `provider` there admits any provider role. */
export function roleAllowed(role: Role, allowed: readonly string[]): boolean {
  if (allowed.includes(role)) return true
  return role.startsWith('provider:') && allowed.includes('provider')
}
