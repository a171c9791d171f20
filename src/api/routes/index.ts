import type { RouteModule } from '../app.js'
import { dialtestRoutes } from './dialtest.js'
import { healthRoutes } from './health.js'
import { inspectRoutes } from './inspect.js'
import { keyRoutes } from './keys.js'
import { ledgerRoutes } from './ledger.js'
import { policyRoutes } from './policy.js'
import { preferenceRoutes } from './preferences.js'

/** Every route module, in registration order. Add a feature's module here. */
export const ROUTE_MODULES: RouteModule[] = [
  healthRoutes,
  ledgerRoutes,
  keyRoutes,
  inspectRoutes,
  policyRoutes,
  preferenceRoutes,
  dialtestRoutes,
]
