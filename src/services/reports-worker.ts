import type { Context, SingletonKey } from '../context.js'
import { drainEvidence } from './evidence.js'
import { complaintsConfig } from './reports-config.js'
import { purgeExpiredReports } from './reports.js'
import { drainWebhooks } from './webhooks.js'

const WORKER: SingletonKey<{ stop(): void }> = Symbol('complaints-worker')

/**
 * Starts, once per context, the timer that sends due webhooks and captures evidence. Stopped when the
 * context closes; tests call `drainWebhooks` / `drainEvidence` directly instead.
 */
const PURGE_EVERY_MS = 3_600_000

export function startComplaintWorkers(
  ctx: Context,
  intervalMs = complaintsConfig(ctx).workerIntervalMs,
): void {
  if (intervalMs <= 0) return
  ctx.singleton(WORKER, () => {
    let busy = false
    let stopped = false
    let purgedAt = 0
    const timer = setInterval(() => {
      if (busy || stopped) return
      busy = true
      // Retention: report texts, evidence and reporter ids past the window are erased about hourly.
      const purge =
        Date.now() - purgedAt > PURGE_EVERY_MS ? ((purgedAt = Date.now()), purgeExpiredReports(ctx)) : null
      void Promise.all([drainWebhooks(ctx), drainEvidence(ctx), purge])
        .catch((error: unknown) => ctx.logger.warn({ err: error }, 'complaints worker pass failed'))
        .finally(() => {
          busy = false
        })
    }, intervalMs)
    timer.unref()
    const stop = () => {
      stopped = true
      clearInterval(timer)
    }
    ctx.onClose(stop)
    return { stop }
  })
}
