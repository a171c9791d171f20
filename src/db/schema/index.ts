export { apiKey } from './api-key.js'
export { ledgerEvent } from './ledger-event.js'
