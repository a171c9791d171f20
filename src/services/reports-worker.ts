import type { Context, SingletonKey } from '../context.js'
import { drainEvidence } from './evidence.js'
import { complaintsConfig } from './reports-config.js'
import { drainWebhooks } from './webhooks.js'

const WORKER: SingletonKey<{ stop(): void }> = Symbol('complaints-worker')

/**
 * Starts, once per context, the timer that sends due webhooks and captures evidence. Stopped when the
 * context closes; tests call `drainWebhooks` / `drainEvidence` directly instead.
 */
export function startComplaintWorkers(
  ctx: Context,
  intervalMs = complaintsConfig(ctx).workerIntervalMs,
): void {
  if (intervalMs <= 0) return
  ctx.singleton(WORKER, () => {
    let busy = false
    let stopped = false
    const timer = setInterval(() => {
      if (busy || stopped) return
      busy = true
      void Promise.all([drainWebhooks(ctx), drainEvidence(ctx)])
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
