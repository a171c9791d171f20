import type { Command } from 'commander'
import { callServer, output, withContext } from './runtime.js'
import { createApiKey, listApiKeys, revokeApiKey, type ApiKeyInfo } from '../services/keys.js'

interface RemoteOptions {
  server?: string
  key?: string
  json?: boolean
}

function remote(command: Command): Command {
  return command
    .option('--server <url>', 'run against a running Hutong instead of the local store')
    .option('--key <key>', 'admin API key for --server')
    .option('--json', 'print the result as JSON')
}

export function keysCommand(program: Command): void {
  const keys = program.command('keys').description('manage API keys')
  remote(keys.command('create'))
    .description('create a key; the key alone is printed on the last line')
    .requiredOption(
      '--role <role>',
      'platform | reviewer | admin | auditor | flagger | provider:<providerId>',
    )
    .option('--name <name>', 'a label for the key')
    .action(async (options: RemoteOptions & { role: string; name?: string }) => {
      const created = options.server
        ? await callServer<{ key: string; info: ApiKeyInfo }>(
            options.server,
            options.key,
            'POST',
            '/v1/keys',
            { role: options.role, ...(options.name ? { name: options.name } : {}) },
          )
        : await withContext((ctx) =>
            createApiKey(ctx.db, { role: options.role, name: options.name, actor: 'cli' }),
          )
      if (options.json) output(true, created, () => '')
      else
        process.stdout.write(
          `created ${created.info.role} key ${created.info.id} (${created.info.name})\n${created.key}\n`,
        )
    })
  remote(keys.command('list'))
    .description('list keys (never the keys themselves)')
    .action(async (options: RemoteOptions) => {
      const items = options.server
        ? (await callServer<{ items: ApiKeyInfo[] }>(options.server, options.key, 'GET', '/v1/keys')).items
        : await withContext((ctx) => listApiKeys(ctx.db))
      output(
        options.json === true,
        items,
        () =>
          items
            .map(
              (k) =>
                `${k.id}  ${k.keyPrefix}…  ${k.role.padEnd(16)} ${k.revokedAt ? 'revoked' : 'active '}  ${k.name}`,
            )
            .join('\n') || 'no keys',
      )
    })
  remote(keys.command('revoke'))
    .description('revoke a key by id or shown prefix')
    .argument('<id>', 'key id or prefix (htk_xxxxxx)')
    .action(async (id: string, options: RemoteOptions) => {
      const info = options.server
        ? await callServer<ApiKeyInfo>(
            options.server,
            options.key,
            'DELETE',
            `/v1/keys/${encodeURIComponent(id)}`,
          )
        : await withContext((ctx) => revokeApiKey(ctx.db, id, 'cli'))
      output(options.json === true, info, () => `revoked ${info.id} (${info.role})`)
    })
}
