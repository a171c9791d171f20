/**
 * `hutong/client`: the TypeScript SDK for the Hutong HTTP API. It needs only `fetch` and `node:crypto`.
 * @example
 * import { createHutongClient, verifyWebhookSignature } from 'hutong/client'
 */
export {
  createHutongClient,
  type CallOptions,
  type HutongClient,
  type HutongClientOptions,
} from './client.js'
export { HutongApiError, type ApiIssue } from './errors.js'
export { backoffMs, parseRetryAfter } from './transport.js'
export {
  SIGNATURE_TOLERANCE_SECONDS,
  signWebhook,
  verifyWebhookSignature,
  type SignatureCheck,
} from './webhooks.js'
export type * from './types.js'
