import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { HAS_CHROMIUM, login, screenshot, startSession, type E2eServer, type E2eSession } from './support.js'

const LINK = 'https://hongbao-lingqu.example.com/redpacket?id=42'

async function linkAction(demo: Page): Promise<string | null> {
  await demo.getByRole('button', { name: '重新检查全部链接' }).click()
  await demo.waitForFunction(() => !document.querySelector('.messages [aria-busy="true"]'))
  return demo.locator(`.link-view[data-url="${LINK}"]`).getAttribute('data-action')
}

describe.skipIf(!HAS_CHROMIUM)('a full case through the demo and the console', () => {
  let session: E2eSession
  let server: E2eServer
  let browser: Browser
  let casesRouteExists = false
  beforeAll(async () => {
    session = await startSession()
    ;({ server, browser } = session)
    casesRouteExists =
      server.app.hasRoute({ method: 'GET', url: '/v1/cases' }) &&
      server.app.hasRoute({ method: 'POST', url: '/v1/appeals/:id/decision' })
  }, 120_000)
  afterAll(async () => {
    await session?.close()
  })

  it('report in the demo → queue → block → the demo shows the block page → appeal → reversed by another reviewer', async (test) => {
    if (!casesRouteExists) test.skip()
    const demo = await (await browser.newContext({ viewport: { width: 900, height: 900 } })).newPage()
    await demo.goto(`${server.url}/demo`)
    await demo.getByLabel('输入消息').fill(`恭喜你获得现金红包，点击领取 ${LINK}`)
    await demo.getByRole('button', { name: '发送' }).click()
    const view = demo.locator(`.link-view[data-url="${LINK}"]`)
    await expect.poll(() => view.getAttribute('data-action')).toBe('open')

    // 1. The report, from the demo's dialog.
    await view.getByRole('button', { name: '投诉此链接' }).click()
    const dialog = demo.getByRole('dialog', { name: '外链投诉' })
    await dialog.getByLabel('欺诈').check()
    await dialog.getByLabel(/补充说明/).fill('假红包，要求输入银行卡号')
    await dialog.getByRole('button', { name: '提交投诉' }).click()
    await view.getByTestId('report-receipt').waitFor()

    // 2. It appears in the review queue.
    const reviewer = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage()
    await login(reviewer, server.url, server.keys.reviewer)
    await reviewer.goto(`${server.url}/console/queue`)
    const row = reviewer.locator('tr', { hasText: 'hongbao-lingqu.example.com' })
    await expect
      .poll(
        async () => {
          await reviewer.reload()
          await reviewer.locator('main h1').waitFor()
          return row.count()
        },
        { timeout: 15_000 },
      )
      .toBe(1)
    await screenshot(reviewer, 'console-queue-with-case-zh')

    // 3. Claim it and decide: block, with a statement of reasons.
    await row.getByRole('link').click()
    await reviewer.getByRole('button', { name: '认领' }).click()
    await expect.poll(() => reviewer.getByTestId('lease').textContent()).toContain('您')
    await reviewer.getByLabel('拦截').check()
    expect(await reviewer.locator('#decision-reason').inputValue()).toBe('CONTENT_FRAUD')
    await reviewer.getByLabel(/说明（将告知当事人）/).fill('仿冒红包页面，诱导填写银行卡信息。')
    await screenshot(reviewer, 'console-case-decision-zh')
    await reviewer.getByRole('button', { name: '提交决定' }).click()
    await reviewer.getByTestId('decision').first().waitFor()

    // 4. The demo now shows the block page, with the reason.
    await expect.poll(() => linkAction(demo), { timeout: 10_000 }).toBe('block')
    const block = view.getByTestId('block-page')
    expect(await block.textContent()).toContain('CONTENT_FRAUD')
    await screenshot(demo, 'demo-block-page-zh')

    // 5. The sharer appeals from the block page.
    await block.getByRole('button', { name: '申诉' }).click()
    const appealDialog = demo.getByRole('dialog', { name: '对拦截提出申诉' })
    await appealDialog.getByLabel('申诉理由').fill('这是我们公司的真实活动页面。')
    await appealDialog.getByRole('button', { name: '申诉' }).click()
    await view.getByText('已提交申诉').waitFor()

    // 6. The reviewer who decided may not decide the appeal…
    await reviewer.reload()
    const panel = reviewer.getByRole('article', { name: '申诉' })
    await panel.getByLabel('答复').fill('维持')
    await panel.getByRole('button', { name: '提交申诉决定' }).click()
    await expect.poll(() => panel.getByRole('alert').textContent()).toContain('appeal_same_reviewer')

    // 7. …a second reviewer reverses it.
    const second = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage()
    await login(second, server.url, server.keys.reviewer2)
    await second.goto(reviewer.url())
    const panel2 = second.getByRole('article', { name: '申诉' })
    await panel2.getByLabel('撤销原决定').check()
    await panel2.getByLabel('答复').fill('核实为真实活动，撤销拦截。')
    await screenshot(second, 'console-case-appeal-zh')
    await panel2.getByRole('button', { name: '提交申诉决定' }).click()
    await expect.poll(() => panel2.textContent()).toContain('撤销原决定')

    // 8. The demo opens the link again.
    await expect.poll(() => linkAction(demo), { timeout: 10_000 }).toBe('open')
    await screenshot(demo, 'demo-after-reversal-zh')
  })
})
