import { z } from 'zod'
import type { RouteModule } from '../app.js'
import { actorOf } from '../auth.js'
import { errorResponses, jsonSchema } from '../schema.js'
import { FEED_FORMATS, MAX_LOOKUP_PREFIXES } from '../../core/safety/index.js'
import { importThreatFeed, lookupPrefixes, threatSources } from '../../services/threats.js'
import { HutongError, InvalidInputError } from '../../errors.js'

const importQuery = z.object({
  format: z.enum(FEED_FORMATS),
  source: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/i)
    .describe('the source name; re-importing it replaces its entries'),
})
const lookupBody = z.object({
  prefixes: z
    .array(z.string().regex(/^[0-9a-fA-F]{8,64}$/))
    .min(1)
    .max(MAX_LOOKUP_PREFIXES),
})

// Feeds can be large: the import route takes up to 64 MiB of text, streamed as it arrives.
const FEED_BODY_LIMIT = 64 * 1024 * 1024

/** Streams a body through, failing with `body_too_large` past the limit; the import then rolls back. */
async function* capped(stream: AsyncIterable<Uint8Array>, limit: number): AsyncGenerator<Uint8Array> {
  let bytes = 0
  for await (const chunk of stream) {
    bytes += chunk.byteLength
    if (bytes > limit)
      throw new HutongError('body_too_large', `a feed may be at most ${limit / 1024 / 1024} MiB`)
    yield chunk
  }
}

export const threatRoutes: RouteModule = (app, ctx) => {
  app.addContentTypeParser(
    ['text/plain', 'text/csv', 'application/octet-stream'],
    { bodyLimit: FEED_BODY_LIMIT },
    (_request, payload, done) => {
      done(null, payload)
    },
  )
  app.post(
    '/v1/threats/import',
    {
      bodyLimit: FEED_BODY_LIMIT,
      config: { roles: ['admin'] },
      schema: {
        tags: ['safety'],
        summary:
          'Import a threat feed (URLhaus CSV, PhishTank JSON/CSV, OpenPhish, plain list) as the body; replaces the source atomically',
        security: [{ bearer: [] }],
        querystring: jsonSchema(importQuery),
        response: errorResponses,
      },
    },
    async (request) => {
      const query = request.query as z.infer<typeof importQuery>
      const body = request.body as AsyncIterable<Uint8Array> | string | object | undefined
      if (body === undefined)
        throw new InvalidInputError(
          'feed_missing',
          'send the feed file as the request body (text/plain or application/octet-stream)',
        )
      const chunks =
        typeof body === 'string'
          ? [body]
          : Symbol.asyncIterator in body
            ? capped(body, FEED_BODY_LIMIT)
            : [JSON.stringify(body)]
      return importThreatFeed(ctx, {
        chunks,
        format: query.format,
        source: query.source,
        actor: actorOf(request),
      })
    },
  )
  app.get(
    '/v1/threats/feeds',
    {
      config: { roles: ['admin', 'reviewer', 'auditor'] },
      schema: {
        tags: ['safety'],
        summary: 'The imported feeds, their sizes and freshness',
        security: [{ bearer: [] }],
      },
    },
    async () => threatSources(ctx),
  )
  app.post(
    '/v1/threats/lookup',
    {
      config: { roles: ['public'] },
      schema: {
        tags: ['safety'],
        summary:
          'Private lookup: send 4-byte SHA-256 prefixes of a link’s expressions, get the full hashes that are listed; the link itself is never sent',
        body: jsonSchema(lookupBody),
        response: errorResponses,
      },
    },
    async (request) => ({
      fullHashes: await lookupPrefixes(ctx, (request.body as z.infer<typeof lookupBody>).prefixes),
    }),
  )
}
