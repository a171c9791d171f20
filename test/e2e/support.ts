import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import { chromium, type Browser, type Page } from 'playwright-core'
import { buildApp } from '../../src/api/app.js'
import { testConfig } from '../../src/config/config.js'
import { createContext, type Context } from '../../src/context.js'
import { runSeeders } from '../../src/services/bootstrap.js'
import { createApiKey } from '../../src/services/keys.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const WEB = path.join(ROOT, 'web')
const DIST_INDEX = path.join(WEB, 'dist', 'index.html')
export const SCREENSHOTS = path.join(ROOT, 'test-artifacts', 'screenshots')

export const CHROMIUM = process.env.HUTONG_CHROMIUM ?? '/usr/bin/chromium'
/** CI installs Debian's chromium (.ci/run); elsewhere the browser tests skip when it is missing. */
export const HAS_CHROMIUM = existsSync(CHROMIUM)
if (!HAS_CHROMIUM && process.env.CI)
  throw new Error(`the e2e tests need Chromium at ${CHROMIUM} (apt-get install -y chromium)`)

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs)
  }
  return newest
}

/** Builds web/dist when it is missing or older than web/src (normally `npm run build:web` did it already). */
export function ensureWebBuild(): void {
  const built = existsSync(DIST_INDEX) ? statSync(DIST_INDEX).mtimeMs : 0
  const sources = Math.max(newestMtime(path.join(WEB, 'src')), statSync(path.join(WEB, 'index.html')).mtimeMs)
  if (built >= sources) return
  execFileSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'web/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    { cwd: ROOT, stdio: 'inherit' },
  )
}

export interface E2eServer {
  ctx: Context
  app: FastifyInstance
  url: string
  keys: Record<'admin' | 'reviewer' | 'reviewer2' | 'auditor' | 'platform', string>
  close(): Promise<void>
}

/** A real Hutong on 127.0.0.1 with embedded PGlite in a temporary directory, seeded, with one key per role. */
export async function startServer(): Promise<E2eServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hutong-e2e-'))
  const config = testConfig({ store: { kind: 'pglite', dataDir }, seed: true })
  const ctx = await createContext(config)
  await runSeeders(ctx)
  const app = await buildApp(ctx)
  const address = await app.listen({ host: '127.0.0.1', port: 0 })
  config.http.publicUrl = address
  const keys = {} as E2eServer['keys']
  for (const [name, role] of [
    ['admin', 'admin'],
    ['reviewer', 'reviewer'],
    ['reviewer2', 'reviewer'],
    ['auditor', 'auditor'],
    ['platform', 'platform'],
  ] as const) {
    keys[name] = (await createApiKey(ctx.db, { role, name: `e2e ${name}`, actor: 'test' })).key
  }
  return {
    ctx,
    app,
    url: address,
    keys,
    close: async () => {
      await app.close()
      await ctx.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** A built console, a running server and a browser, started together; `close` stops both. */
export interface E2eSession {
  server: E2eServer
  browser: Browser
  close(): Promise<void>
}

export async function startSession(): Promise<E2eSession> {
  ensureWebBuild()
  const [server, browser] = await Promise.all([startServer(), launchBrowser()])
  return {
    server,
    browser,
    close: async () => {
      await browser.close()
      await server.close()
    },
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  })
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true })
}

/** Sets the UI language the way a user would: the app reads it from localStorage on load. */
export async function setLang(page: Page, lang: 'zh' | 'en'): Promise<void> {
  await page.evaluate((l) => localStorage.setItem('hutong.lang', l), lang)
}

/** Logs into the console through the login form. */
export async function login(page: Page, base: string, key: string): Promise<void> {
  await page.goto(`${base}/console`)
  await page.getByLabel(/API 密钥|API key/).fill(key)
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click()
  await page.getByTestId('whoami').waitFor()
}

// The same text as axe-core's `axe.source`.
const AXE_SOURCE = readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8')

/** Runs axe-core in the page; returns the serious and critical violations. */
export async function seriousViolations(
  page: Page,
): Promise<{ id: string; impact: string; help: string; nodes: string[] }[]> {
  // Evaluated through the DevTools protocol, so the page's strict CSP (no inline scripts) does not block it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE)
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: unknown,
          ): Promise<{
            violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[]
          }>
        }
      }
    ).axe
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'minor',
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)),
    }))
  })
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}
