import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import {
  HAS_CHROMIUM,
  screenshot,
  seriousViolations,
  setLang,
  startSession,
  type E2eServer,
  type E2eSession,
} from './support.js'

const DOUYIN = 'https://v.douyin.com/iRNBho6/'

/** Waits until every message of the open conversation has its decision. */
async function settled(page: Page): Promise<void> {
  await page.locator('.message').first().waitFor()
  await page.waitForFunction(() => !document.querySelector('.messages [aria-busy="true"]'))
}

describe.skipIf(!HAS_CHROMIUM)('demo chat in Chromium', () => {
  let session: E2eSession
  let server: E2eServer
  let browser: Browser
  let page: Page
  beforeAll(async () => {
    session = await startSession()
    ;({ server, browser } = session)
    page = await (await browser.newContext({ viewport: { width: 1024, height: 800 } })).newPage()
  }, 120_000)
  afterAll(async () => {
    await session?.close()
  })

  it('decides every message through the real inspect API, with cards, safety notes and open-in-app', async () => {
    await page.goto(`${server.url}/demo`)
    await settled(page)
    const jd = page.locator('.link-view[data-url^="https://item.jd.com/"]')
    expect(await jd.getAttribute('data-action')).toBe('open')
    expect(await jd.locator('.app-button').count()).toBe(1)
    expect(await page.locator('.link-view[data-url^="https://m.tb.cn/"]').getAttribute('data-action')).toBe(
      'open',
    )
    await screenshot(page, 'demo-direct-zh')
    // A pasted message is inspected as it is sent: in the group, a non-e-commerce link gets the safety page, with its reason.
    await page.getByRole('tab', { name: '相亲相爱一家人（群聊）' }).click()
    await page.getByLabel('输入消息').fill('你看 https://example.com/article')
    await page.getByRole('button', { name: '发送' }).click()
    await settled(page)
    const pasted = page.locator('.link-view[data-url="https://example.com/article"]')
    expect(await pasted.getAttribute('data-action')).toBe('warn')
    expect(await pasted.locator('.reasons').textContent()).toContain('POLICY_GROUP_NON_ECOMMERCE')
    await screenshot(page, 'demo-group-pasted-zh')
    for (const tab of ['相亲相爱一家人（群聊）', '朋友圈']) {
      await page.getByRole('tab', { name: tab }).click()
      await settled(page)
    }
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'demo-feed-zh')
  })

  it('a preference change in the settings page changes the decision in the group chat', async () => {
    await page.goto(`${server.url}/demo`)
    await page.getByRole('tab', { name: '相亲相爱一家人（群聊）' }).click()
    await settled(page)
    const douyin = page.locator(`.link-view[data-url="${DOUYIN}"]`)
    expect(await douyin.getAttribute('data-action')).toBe('warn')
    await screenshot(page, 'demo-group-before-zh')

    await page.getByRole('link', { name: '外链设置（自主选择）' }).click()
    await page.locator('#pref-group-short-video').selectOption('open')
    await screenshot(page, 'demo-settings-zh')
    expect(await seriousViolations(page)).toEqual([])
    await page.getByRole('button', { name: '保存设置' }).click()
    await page.getByText('已保存').waitFor()

    await page.getByRole('link', { name: '返回聊天' }).click()
    await page.getByRole('tab', { name: '相亲相爱一家人（群聊）' }).click()
    await expect.poll(() => douyin.getAttribute('data-action')).toBe('open')
    await screenshot(page, 'demo-group-after-zh')
  })

  it('reports a link through the report dialog', async () => {
    await page.goto(`${server.url}/demo`)
    await settled(page)
    const jd = page.locator('.link-view[data-url^="https://item.jd.com/"]')
    await jd.getByRole('button', { name: '投诉此链接' }).click()
    const dialog = page.getByRole('dialog', { name: '外链投诉' })
    await dialog.getByLabel('过度营销').check()
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'demo-report-dialog-zh')
    await dialog.getByRole('button', { name: '提交投诉' }).click()
    await expect.poll(() => jd.getByTestId('report-receipt').textContent()).toContain('投诉已受理')
  })

  it('is in English too, and fits a phone screen', async () => {
    const phone = await (
      await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })
    ).newPage()
    await phone.goto(`${server.url}/demo`)
    await setLang(phone, 'en')
    await phone.reload()
    await settled(phone)
    expect(await phone.getByRole('button', { name: 'Send' }).count()).toBe(1)
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow).toBeLessThanOrEqual(1)
    await screenshot(phone, 'demo-direct-en-phone')
    await phone.goto(`${server.url}/demo/settings`)
    await phone.getByRole('heading', { name: 'Link settings (self-selection)' }).waitFor()
    await screenshot(phone, 'demo-settings-en-phone')
    await setLang(page, 'en')
    await page.goto(`${server.url}/demo`)
    await settled(page)
    await screenshot(page, 'demo-direct-en')
    await setLang(page, 'zh')
    await phone.context().close()
  })
})
