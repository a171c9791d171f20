import type { Command } from 'commander'
import { pino } from 'pino'
import { buildApp } from '../api/app.js'
import { createContext } from '../context.js'
import { updateStoreLockUrl } from '../db/store-lock.js'
import { ensureFirstAdminKey, runSeeders } from '../services/bootstrap.js'
import { loadConfig } from './runtime.js'

export function serveCommand(program: Command): void {
  program
    .command('serve')
    .description('run the HTTP server (embedded PGlite unless HUTONG_DATABASE_URL is set)')
    .option('--port <port>', 'override HUTONG_PORT')
    .option('--host <host>', 'override HUTONG_HOST')
    .action(async (options: { port?: string; host?: string }) => {
      const config = loadConfig()
      if (options.host) config.http.host = options.host
      if (options.port) config.http.port = Number(options.port)
      const logger = pino({ level: config.log.level, redact: ['req.headers.authorization'] })
      const ctx = await createContext(config, { logger })
      await runSeeders(ctx)
      const adminKey = await ensureFirstAdminKey(ctx)
      const app = await buildApp(ctx)
      const address = await app.listen({ host: config.http.host, port: config.http.port })
      const url = address.replace('0.0.0.0', '127.0.0.1')
      // With HUTONG_PORT=0 the port is known only now; links must point at the real one.
      if (/:0$/.test(config.http.publicUrl)) config.http.publicUrl = url
      if (ctx.storeLock) updateStoreLockUrl(ctx.storeLock, url)
      const lines = [
        '',
        `Hutong (互通) is running on ${ctx.store.kind === 'pglite' ? `embedded PGlite in ${config.store.dataDir}` : 'PostgreSQL'}`,
        `  API       ${url}/v1`,
        `  Console   ${url}/console`,
        `  Demo      ${url}/demo`,
        `  API docs  ${url}/docs`,
        adminKey
          ? `  Admin key (shown once, keep it):\n  ${adminKey}`
          : '  Admin key: printed at first start; make another with `hutong keys create --role admin` while stopped',
        '',
      ]
      process.stdout.write(lines.join('\n') + '\n')
      let stopping = false
      const stop = (signal: string) => {
        if (stopping) return
        stopping = true
        logger.info({ signal }, 'shutting down')
        const force = setTimeout(() => process.exit(1), 10_000)
        force.unref()
        void app
          .close()
          .then(() => ctx.close())
          .then(() => {
            logger.info('stopped cleanly')
            process.exit(0)
          })
      }
      process.on('SIGINT', () => stop('SIGINT'))
      process.on('SIGTERM', () => stop('SIGTERM'))
    })
}
