// The receiver's half of webhook signing, shared with the server's sender (src/core/complaints), which is
// pure and needs only node:crypto.
export {
  SIGNATURE_TOLERANCE_SECONDS,
  signWebhook,
  verifyWebhookSignature,
  type SignatureCheck,
} from '../core/complaints/webhook-signature.js'
