import type { Command } from 'commander'
import { output, withContext } from './runtime.js'

export function migrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations (start does this too)')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      // createContext applies migrations; report what the schema now holds.
      await withContext(async (ctx) => {
        const rows = (await ctx.store.query('SELECT name FROM schema_migration ORDER BY name')).rows
        const names = rows.map((row) => String(row.name))
        output(
          options.json === true,
          { migrations: names },
          () => `schema is current: ${names.length} migrations applied`,
        )
      })
    })
}
