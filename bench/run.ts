import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { formatResult, type BenchResult } from './harness.js'

// Runs every bench/*.bench.ts (or those named on the command line) and prints ratios against same-run baselines.
const dir = fileURLToPath(new URL('.', import.meta.url))
const only = process.argv.slice(2)
const files = readdirSync(dir)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => only.length === 0 || only.some((name) => file.includes(name)))
  .sort()

let failed = false
for (const file of files) {
  process.stdout.write(`\n## ${file}\n`)
  try {
    const module = (await import(new URL(file, import.meta.url).href)) as {
      run: () => Promise<BenchResult[]>
    }
    for (const result of await module.run()) process.stdout.write(formatResult(result) + '\n')
  } catch (error) {
    failed = true
    process.stdout.write(`FAILED: ${(error as Error).stack ?? String(error)}\n`)
  }
}
process.exit(failed ? 1 : 0)
