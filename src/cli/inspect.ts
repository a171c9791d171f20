import type { Command } from 'commander'
import { SCENARIOS, type Scenario } from '../core/vocabulary.js'
import { inspectMessage, type InspectResult } from '../services/inspect.js'
import { callServer, output, UsageError, withContext } from './runtime.js'

export function parseScenario(value: string): Scenario {
  if (!(SCENARIOS as readonly string[]).includes(value))
    throw new UsageError(`unknown scenario "${value}": use ${SCENARIOS.join(', ')}`)
  return value as Scenario
}

export function parseAt(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined
  const at = new Date(value)
  if (Number.isNaN(at.getTime()))
    throw new UsageError(`invalid --at "${value}": use ISO 8601, e.g. 2021-10-01T12:00+08:00`)
  return at
}

function describe(result: InspectResult): string {
  if (result.links.length === 0) return `no links (policy ${result.policyVersion})`
  return result.links
    .map((link) => {
      const reasons = link.decision.reasons.map((r) => r.code).join(', ')
      return `${link.decision.action.toUpperCase().padEnd(5)} ${link.display}  [${link.provider ?? 'unregistered'} · ${link.category} · ${link.verdict}]${reasons ? `  ${reasons}` : ''}`
    })
    .join('\n')
}

export function inspectCommand(program: Command): void {
  program
    .command('inspect')
    .description('decide every link of a message, as POST /v1/inspect does')
    .argument('<text>', 'the message text')
    .option('--scenario <scenario>', SCENARIOS.join(' | '), 'direct')
    .option('--user <id>', 'the recipient, for rollout and preferences')
    .option('--group <id>', 'the group, for its settings')
    .option('--client-version <v>', 'the client version')
    .option('--at <iso>', 'evaluate as of this time, e.g. 2021-10-01T12:00+08:00')
    .option('--server <url>', 'ask a running Hutong instead of the local store')
    .option('--key <key>', 'platform API key for --server')
    .option('--json', 'print the result as JSON')
    .action(
      async (
        text: string,
        options: {
          scenario: string
          user?: string
          group?: string
          clientVersion?: string
          at?: string
          server?: string
          key?: string
          json?: boolean
        },
      ) => {
        const scenario = parseScenario(options.scenario)
        const at = parseAt(options.at)
        const input = {
          text,
          scenario,
          userId: options.user,
          groupId: options.group,
          clientVersion: options.clientVersion,
        }
        const result = options.server
          ? await callServer<InspectResult>(options.server, options.key, 'POST', '/v1/inspect', {
              ...input,
              ...(at ? { at: at.toISOString() } : {}),
            })
          : await withContext((ctx) => inspectMessage(ctx, { ...input, at }))
        output(options.json === true, result, () => describe(result))
      },
    )
}
