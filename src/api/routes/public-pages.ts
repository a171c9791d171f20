import type { RouteModule } from '../app.js'

/** Server-rendered public pages /rules and /transparency (filled in by issue 9). */
export const publicPageRoutes: RouteModule = () => undefined
