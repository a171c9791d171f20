import type { RouteModule } from '../app.js'
import { appealRoutes } from './appeals.js'
import { auditorRoutes } from './auditor.js'
import { cardRoutes } from './cards.js'
import { caseRoutes } from './cases.js'
import { dialtestRoutes } from './dialtest.js'
import { goRoutes } from './go.js'
import { gradeRoutes } from './grades.js'
import { healthRoutes } from './health.js'
import { imageRoutes } from './images.js'
import { inspectRoutes } from './inspect.js'
import { keyRoutes } from './keys.js'
import { ledgerRoutes } from './ledger.js'
import { policyRoutes } from './policy.js'
import { preferenceRoutes } from './preferences.js'
import { threatRoutes } from './threats.js'
import { providerPortalRoutes } from './provider-portal.js'
import { publicPageRoutes } from './public-pages.js'
import { reportRoutes } from './reports.js'
import { transparencyRoutes } from './transparency.js'
import { webhookRoutes } from './webhooks.js'
import { webRoutes } from './web.js'

/** Every route module, in registration order. Add a feature's module here. */
export const ROUTE_MODULES: RouteModule[] = [
  healthRoutes,
  ledgerRoutes,
  keyRoutes,
  inspectRoutes,
  policyRoutes,
  preferenceRoutes,
  dialtestRoutes,
  threatRoutes,
  reportRoutes,
  caseRoutes,
  appealRoutes,
  webhookRoutes,
  providerPortalRoutes,
  webRoutes,
  cardRoutes,
  imageRoutes,
  goRoutes,
  transparencyRoutes,
  auditorRoutes,
  publicPageRoutes,
  gradeRoutes,
]
