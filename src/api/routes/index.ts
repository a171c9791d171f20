import type { RouteModule } from '../app.js'
import { healthRoutes } from './health.js'
import { keyRoutes } from './keys.js'
import { ledgerRoutes } from './ledger.js'

/** Every route module, in registration order. Add a feature's module here. */
export const ROUTE_MODULES: RouteModule[] = [healthRoutes, ledgerRoutes, keyRoutes]
