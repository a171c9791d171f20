import type { Command } from 'commander'
import { cardCommand } from './card.js'
import { complaintsCommand } from './complaints.js'
import { dialtestCommand } from './dialtest.js'
import { extractCommand } from './extract.js'
import { gradesCommand } from './grades.js'
import { inspectCommand } from './inspect.js'
import { keysCommand } from './keys.js'
import { ledgerCommand } from './ledger.js'
import { migrateCommand } from './migrate.js'
import { policyCommand } from './policy.js'
import { reportCommand } from './report.js'
import { serveCommand } from './serve.js'
import { threatsCommand } from './threats.js'

/** Every CLI command, in help order. Add a feature's command here; one file per command. */
export const COMMANDS: ((program: Command) => void)[] = [
  serveCommand,
  migrateCommand,
  keysCommand,
  ledgerCommand,
  extractCommand,
  inspectCommand,
  policyCommand,
  dialtestCommand,
  threatsCommand,
  cardCommand,
  reportCommand,
  gradesCommand,
  complaintsCommand,
]
