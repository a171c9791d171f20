// Every table, one file each. drizzle-kit generates migrations from this list:
//   flock /tmp/hutong-drizzle.lock npx drizzle-kit generate --name <what>
export { apiKey } from './api-key.js'
export { ledgerEvent } from './ledger-event.js'
export { policyVersion } from './policy-version.js'
export { userPreference, groupSetting } from './preferences.js'
export { linkCount } from './link-count.js'
export { inspectSample } from './inspect-sample.js'
