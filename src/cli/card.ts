import type { Command } from 'commander'
import { getCard, type Card } from '../services/cards.js'
import { callServer, withContext } from './runtime.js'

export function cardCommand(program: Command): void {
  program
    .command('card')
    .description(
      'fetch the preview card of a link, as GET /v1/cards does; prints JSON, or {error, message} and exits 1',
    )
    .argument('<url>', 'the link')
    .option('--server <url>', 'ask a running Hutong instead of fetching here')
    .option('--key <key>', 'platform API key for --server')
    .action(async (url: string, options: { server?: string; key?: string }) => {
      const card = options.server
        ? await callServer<Card>(
            options.server,
            options.key,
            'GET',
            `/v1/cards?url=${encodeURIComponent(url)}`,
          )
        : await withContext((ctx) => getCard(ctx, url))
      process.stdout.write(JSON.stringify(card, null, 2) + '\n')
    })
}
