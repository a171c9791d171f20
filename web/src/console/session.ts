import { api } from '../api.js'

export interface Principal {
  keyId: string
  role: string
  name: string
}

const KEY_STORAGE = 'hutong.console.key'

/** The console key lives in sessionStorage: gone when the tab closes, never shared with other tabs. */
export function storedKey(): string | null {
  try {
    return sessionStorage.getItem(KEY_STORAGE)
  } catch {
    return null
  }
}

export function storeKey(key: string | null): void {
  try {
    if (key) sessionStorage.setItem(KEY_STORAGE, key)
    else sessionStorage.removeItem(KEY_STORAGE)
  } catch {
    // Storage unavailable: the key lasts until reload.
  }
}

export function whoami(key: string): Promise<Principal> {
  return api<Principal>('/v1/whoami', { key })
}

/** The base role of a principal: `provider:<id>` keys count as `provider`. */
export function baseRole(role: string): string {
  return role.startsWith('provider:') ? 'provider' : role
}

export type PageId = 'queue' | 'policy' | 'providers' | 'threats' | 'transparency' | 'ledger' | 'dialtest'

/** Which pages each role sees; the API enforces the same roles, this only hides what would be refused. */
export const PAGES: readonly { id: PageId; roles: readonly string[] }[] = [
  { id: 'queue', roles: ['reviewer', 'admin', 'auditor'] },
  { id: 'policy', roles: ['admin', 'reviewer', 'auditor', 'platform', 'provider', 'flagger'] },
  { id: 'providers', roles: ['admin', 'reviewer', 'auditor', 'platform', 'provider', 'flagger'] },
  { id: 'threats', roles: ['admin', 'auditor'] },
  { id: 'transparency', roles: ['admin', 'reviewer', 'auditor', 'platform', 'provider', 'flagger'] },
  { id: 'ledger', roles: ['admin', 'auditor'] },
  { id: 'dialtest', roles: ['admin', 'auditor', 'platform'] },
]

export function pagesFor(role: string): PageId[] {
  const base = baseRole(role)
  return PAGES.filter((page) => page.roles.includes(base)).map((page) => page.id)
}
