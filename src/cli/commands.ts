import type { Command } from 'commander'
import { keysCommand } from './keys.js'
import { ledgerCommand } from './ledger.js'
import { migrateCommand } from './migrate.js'
import { serveCommand } from './serve.js'

/** Every CLI command, in help order. Add a feature's command here; one file per command. */
export const COMMANDS: ((program: Command) => void)[] = [serveCommand, migrateCommand, keysCommand, ledgerCommand]
