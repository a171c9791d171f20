import { createContext, useContext } from 'react'
import type { ReasonEntry } from '../console/types.js'

export interface DemoContextValue {
  key: string
  reasons: Map<string, ReasonEntry>
  providerName(id: string | null): string
}

export const DemoContext = createContext<DemoContextValue | null>(null)

export function useDemo(): DemoContextValue {
  const value = useContext(DemoContext)
  if (!value) throw new Error('useDemo outside DemoContext')
  return value
}
