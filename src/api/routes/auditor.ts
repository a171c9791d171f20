import type { RouteModule } from '../app.js'

/** Read-only auditor routes (filled in by issue 9). */
export const auditorRoutes: RouteModule = () => undefined
