import type { RouteModule } from '../app.js'
import { fetchProxiedImage, ImageSignatureError } from '../../services/cards.js'

/** A day, like the cards the images belong to; the URL is signed and content-addressed by its target. */
const CACHE_CONTROL = 'public, max-age=86400'

/** The image proxy: card images are fetched on the server so recipients' addresses never reach image hosts. */
export const imageRoutes: RouteModule = (app, ctx) => {
  // A wildcard: the encoded image URL outgrows the router's 100-character parameter limit.
  app.get(
    '/img/*',
    {
      config: { roles: ['public'] },
      schema: {
        tags: ['cards'],
        summary:
          'A card image through the proxy: /img/<hmac>/<base64url url>; png, jpeg, gif or webp only, at most 5 MiB',
      },
    },
    async (request, reply) => {
      const rest = (request.params as { '*': string })['*']
      const slash = rest.indexOf('/')
      if (slash <= 0 || rest.length > 8192) throw new ImageSignatureError()
      const image = await fetchProxiedImage(ctx, rest.slice(0, slash), rest.slice(slash + 1))
      return reply
        .headers({
          'content-type': image.contentType,
          'content-security-policy': "default-src 'none'; sandbox",
          'x-content-type-options': 'nosniff',
          'cache-control': CACHE_CONTROL,
          'content-disposition': 'inline',
          'referrer-policy': 'no-referrer',
        })
        .send(Buffer.from(image.body.buffer, image.body.byteOffset, image.body.byteLength))
    },
  )
}
