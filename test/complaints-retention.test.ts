import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { report } from '../src/db/schema/index.js'
import { startComplaintWorkers } from '../src/services/reports-worker.js'
import { BACKENDS } from './support/backends.js'
import { auth, startDesk, type DeskHarness } from './complaints-support.js'

describe('report retention', () => {
  let h: DeskHarness
  let clock = new Date('2025-01-10T10:00:00+08:00')
  beforeAll(async () => {
    h = await startDesk(BACKENDS[0]!, { now: () => clock })
  })
  afterAll(async () => h.close())

  it('erases report text, evidence and reporter id past the retention window, in the background, keeping the counts', async () => {
    const submitted = await h.app.inject({
      method: 'POST',
      url: '/v1/reports',
      headers: auth(h.keys.platform),
      payload: {
        reporterId: 'user-retention-1',
        url: 'https://item.jd.com/100012043978.html',
        scenario: 'group',
        category: 'fraud',
        text: '说是退款，其实是钓鱼',
        evidence: { messageText: '点这里领退款 https://item.jd.com/100012043978.html' },
      },
    })
    expect(submitted.statusCode, submitted.body).toBe(202)
    const id = submitted.json().id as string
    const [fresh] = await h.ctx.db.select().from(report).where(eq(report.id, id))
    expect(fresh!.text).toBe('说是退款，其实是钓鱼')

    clock = new Date('2026-02-01T10:00:00+08:00') // past the default 365 days
    startComplaintWorkers(h.ctx, 20)
    await expect
      .poll(async () => (await h.ctx.db.select().from(report).where(eq(report.id, id)))[0]?.text, {
        timeout: 10_000,
      })
      .toBeNull()
    const [purged] = await h.ctx.db.select().from(report).where(eq(report.id, id))
    expect(purged).toMatchObject({ text: null, evidence: null, reporterId: null })
    const status = await h.app.inject({ url: `/v1/reports/${id}`, headers: auth(h.keys.platform) })
    expect(status.statusCode).toBe(200)
  })
})
