import { readFileSync } from 'node:fs'
import { DEVIATIONS, type Deviation } from './deviations.js'

/** Peer suites from ../shared/data/peers (sources and licences in its SOURCES.md). */
export const PEERS_DIR = new URL('../fixtures/shared-data/peers/', import.meta.url).pathname

export function loadPeer<T>(file: string): T {
  return JSON.parse(readFileSync(`${PEERS_DIR}${file}`, 'utf8')) as T
}

/** The documented deviation for a case, if any. */
export function deviationFor(suite: string, id: string): Deviation | undefined {
  return DEVIATIONS.find((d) => d.suite === suite && d.id === id)
}
