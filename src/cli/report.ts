import type { Command } from 'commander'

/** `hutong report …` (filled in by issue 9). */
export function reportCommand(_program: Command): void {}
