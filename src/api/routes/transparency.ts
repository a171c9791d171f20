import type { RouteModule } from '../app.js'

/** The public transparency report (filled in by issue 9). */
export const transparencyRoutes: RouteModule = () => undefined
