import { createInterface } from 'node:readline'
import type { Command } from 'commander'
import { extract } from '../core/links/index.js'
import { loadRegistryFromYamlText as loadRegistry } from '../core/providers/index.js'
import { readDataFile } from '../services/reference-data.js'
import { HutongError } from '../errors.js'

export function extractCommand(program: Command): void {
  program
    .command('extract')
    .description('read messages on stdin; print {"links":[…],"shares":[…]} per input line')
    .option('--json-lines', 'each input line is a JSON string (so a message can hold newlines)')
    .action(async (options: { jsonLines?: boolean }) => {
      // Pure core over the shipped registry: no store needed, so this runs beside a live server.
      const registry = loadRegistry(readDataFile('providers.yaml'))
      if (!registry.ok)
        throw new HutongError('invalid_data', 'data/providers.yaml is invalid', { issues: registry.issues })
      const lines = createInterface({ input: process.stdin, crlfDelay: Infinity })
      let lineNo = 0
      for await (const line of lines) {
        lineNo++
        let text = line
        if (options.jsonLines) {
          if (line.trim() === '') continue
          try {
            text = JSON.parse(line) as string
          } catch {
            throw new HutongError('invalid_input', `line ${lineNo} is not a JSON string`)
          }
          if (typeof text !== 'string')
            throw new HutongError('invalid_input', `line ${lineNo} is not a JSON string`)
        }
        process.stdout.write(JSON.stringify(extract(text, registry.value)) + '\n')
      }
    })
}
