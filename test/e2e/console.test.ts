import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import {
  HAS_CHROMIUM,
  login,
  screenshot,
  seriousViolations,
  setLang,
  startSession,
  type E2eServer,
  type E2eSession,
} from './support.js'

const PAGES = ['queue', 'policy', 'providers', 'threats', 'transparency', 'ledger', 'dialtest'] as const

describe.skipIf(!HAS_CHROMIUM)('console in Chromium', () => {
  let session: E2eSession
  let server: E2eServer
  let browser: Browser
  let page: Page
  beforeAll(async () => {
    session = await startSession()
    ;({ server, browser } = session)
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage()
  }, 120_000)
  afterAll(async () => {
    await session?.close()
  })

  it('serves the SPA shell at deep console and demo paths, with a strict CSP', async () => {
    for (const path of ['/console', '/console/cases/x', '/demo', '/demo/settings']) {
      const response = await fetch(server.url + path)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'")
      expect(await response.text()).toContain('<div id="root">')
    }
  })

  it('refuses an unknown key and logs in with a real one, showing the role', async () => {
    await page.goto(`${server.url}/console`)
    await page.getByLabel('API 密钥').fill('htk_not-a-key')
    await page.getByRole('button', { name: '登录' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('unauthorized')
    await screenshot(page, 'console-login-zh')
    await login(page, server.url, server.keys.admin)
    expect(await page.getByTestId('whoami').textContent()).toContain('管理员')
    // An auditor sees the ledger and the dial test, not the threat import or the review actions of a reviewer.
    const auditor = await (await browser.newContext()).newPage()
    await login(auditor, server.url, server.keys.auditor)
    const nav = await auditor.getByRole('navigation', { name: '控制台导航' }).textContent()
    expect(nav).toContain('台账')
    expect(nav).toContain('拨测')
    await auditor.context().close()
  })

  it('has every page in zh-CN and en, each without serious accessibility violations', async () => {
    for (const lang of ['zh', 'en'] as const) {
      await setLang(page, lang)
      for (const id of PAGES) {
        await page.goto(`${server.url}/console/${id}`)
        await page.locator('main h1').first().waitFor()
        await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'))
        expect(await page.locator('html').getAttribute('lang')).toBe(lang === 'zh' ? 'zh-CN' : 'en')
        await screenshot(page, `console-${id}-${lang}`)
        if (lang === 'zh') expect(await seriousViolations(page), `axe on /console/${id}`).toEqual([])
      }
    }
    await setLang(page, 'zh')
  })

  it('ledger page shows the verified hash chain', async () => {
    await page.goto(`${server.url}/console/ledger`)
    await expect.poll(() => page.getByTestId('ledger-verify').textContent()).toContain('校验通过')
  })

  it('policy editor shows validation errors inline; publishing a change shows up in the dial test', async () => {
    await page.goto(`${server.url}/console/policy`)
    const editor = page.locator('#policy-yaml')
    const original = await editor.inputValue()
    expect(original).toContain('p2-channel-open')
    await editor.fill(original.replace(/(id: p2-channel-open[\s\S]*?\n\s*action: )open/, '$1sometimes'))
    const issues = page.getByTestId('policy-issues')
    await expect.poll(() => issues.textContent(), { timeout: 10_000 }).toMatch(/第 \d+ 行/)
    await screenshot(page, 'console-policy-invalid-zh')

    const draft = original
      .replace(/^version: .*$/m, 'version: 2021.11-e2e.1')
      .replace(
        /(id: p2-channel-open[\s\S]*?\n(\s*)action: )open/,
        '$1warn\n$2reasons:\n$2  - POLICY_FEED_INTERSTITIAL',
      )
    await editor.fill(draft)
    await expect
      .poll(() => page.locator('#policy-issues').textContent(), { timeout: 10_000 })
      .toContain('2021.11-e2e.1')
    await page.getByRole('button', { name: '模拟' }).click()
    await page.getByTestId('simulation').waitFor()
    await screenshot(page, 'console-policy-simulation-zh')
    await page.getByLabel('发布说明').fill('e2e: channel links behind the safety page')
    await page.getByRole('button', { name: '发布' }).click()
    await expect.poll(() => page.getByTestId('policy-version').textContent()).toBe('2021.11-e2e.1')

    await page.goto(`${server.url}/console/dialtest`)
    await page
      .getByLabel('链接列表')
      .fill('https://item.jd.com/100012043978.html\nhttps://www.bilibili.com/video/BV1xx411c7mD')
    await page.getByRole('button', { name: /运行拨测/ }).click()
    const matrix = page.getByTestId('dialtest-matrix')
    await matrix.waitFor()
    expect(await page.getByTestId('dialtest-policy').textContent()).toBe('2021.11-e2e.1')
    const channelCells = await matrix.locator('td[data-scenario="channel"]').allTextContents()
    expect(channelCells).toHaveLength(2)
    for (const cell of channelCells) expect(cell).toContain('POLICY_FEED_INTERSTITIAL')
    const directCells = await matrix.locator('td[data-scenario="direct"]').allTextContents()
    for (const cell of directCells) expect(cell).toContain('直接打开')
    await screenshot(page, 'console-dialtest-after-publish-zh')
  })

  it('works at phone width', async () => {
    const phone = await (
      await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })
    ).newPage()
    await login(phone, server.url, server.keys.admin)
    await phone.goto(`${server.url}/console/dialtest`)
    await phone.locator('main h1').waitFor()
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow).toBeLessThanOrEqual(1)
    await screenshot(phone, 'console-dialtest-phone-zh')
    await phone.context().close()
  })
})
