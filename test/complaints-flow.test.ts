import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyWebhookSignature } from '../src/core/complaints/webhook-signature.js'
import { SCENARIOS } from '../src/core/vocabulary.js'
import { drainWebhooks } from '../src/services/webhooks.js'
import { BACKENDS } from './support/backends.js'
import { auth, startDesk, startReceiver, type DeskHarness } from './complaints-support.js'

const LINK = 'https://item.jd.com/100012043978.html'

for (const backend of BACKENDS) {
  describe(`complaint desk end to end: ${backend.name}`, () => {
    let h: DeskHarness
    let platformHook: Awaited<ReturnType<typeof startReceiver>>
    let providerHook: Awaited<ReturnType<typeof startReceiver>>
    beforeAll(async () => {
      h = await startDesk(backend)
      platformHook = await startReceiver()
      providerHook = await startReceiver()
    })
    afterAll(async () => {
      await h.close()
      await platformHook.close()
      await providerHook.close()
    })

    const inspect = async (scenario: string) => {
      const response = await h.app.inject({
        method: 'POST',
        url: '/v1/inspect',
        headers: auth(h.keys.platform),
        payload: { text: `看看这个 ${LINK}?utm_source=wx`, scenario },
      })
      expect(response.statusCode).toBe(200)
      return response.json().links[0].decision as { action: string; reasons: { code: string }[] }
    }

    it('runs reports → case → block → inspect → appeal → reversal → status → webhooks → ledger', async () => {
      const platformSetup = await h.app.inject({
        method: 'PUT',
        url: '/v1/webhooks',
        headers: auth(h.keys.admin),
        payload: { url: `${platformHook.url}/hutong` },
      })
      expect(platformSetup.statusCode).toBe(200)
      const platformSecret = platformSetup.json().secret as string
      expect(platformSecret).toMatch(/^whsec_/)
      const providerSecret = 'provider-secret-0123456789abcdef'
      const providerSetup = await h.app.inject({
        method: 'PUT',
        url: '/v1/providers/jd/webhook',
        headers: auth(h.keys.provider),
        payload: { url: `${providerHook.url}/jd`, secret: providerSecret },
      })
      expect(providerSetup.statusCode).toBe(200)
      expect(providerSetup.json().secret).toBeUndefined()
      expect(
        (
          await h.app.inject({
            method: 'PUT',
            url: '/v1/providers/jd/webhook',
            headers: auth(h.keys.otherProvider),
            payload: { url: `${providerHook.url}/x` },
          })
        ).statusCode,
      ).toBe(403)

      const before = Object.fromEntries(
        await Promise.all(SCENARIOS.map(async (s) => [s, (await inspect(s)).action] as const)),
      )

      // 1. Three reporters report the same link (with different tracking parameters).
      const reportIds: string[] = []
      for (const [i, suffix] of ['', '?utm_source=a', '?utm_campaign=b#top'].entries()) {
        const response = await h.app.inject({
          method: 'POST',
          url: '/v1/reports',
          headers: auth(h.keys.platform),
          payload: {
            reporterId: `user-${i}`,
            url: LINK + suffix,
            scenario: 'group',
            category: 'fraud',
            text: '假冒客服，骗取验证码',
          },
        })
        expect(response.statusCode).toBe(202)
        expect(response.json()).toMatchObject({ status: 'received', duplicate: false })
        reportIds.push(response.json().id)
      }

      // 2. One case, reportCount 3.
      const list = await h.app.inject({
        url: '/v1/cases?state=open&sort=priority',
        headers: auth(h.keys.reviewer),
      })
      expect(list.statusCode).toBe(200)
      const items = list.json().items
      expect(items).toHaveLength(1)
      expect(items[0]).toMatchObject({
        url: LINK,
        domain: 'jd.com',
        provider: 'jd',
        reportCount: 3,
        distinctReporters: 3,
        categories: { fraud: 3 },
      })
      const caseId = items[0].id as string

      // 3. A reviewer blocks it with CONTENT_FRAUD.
      const decision = await h.app.inject({
        method: 'POST',
        url: `/v1/cases/${caseId}/decision`,
        headers: auth(h.keys.reviewer),
        payload: {
          action: 'block',
          scope: 'url',
          ground: 'terms',
          reason: 'CONTENT_FRAUD',
          explanation: '页面冒充京东客服索取验证码',
          facts: '3 reports; page asks for SMS codes',
        },
      })
      expect(decision.statusCode).toBe(200)
      expect(decision.json().statement).toMatchObject({
        decision: 'block',
        ground: 'terms',
        category: 'fraud',
        automatedDecision: 'not_automated',
        visibility: 'access_disabled',
        scope: { type: 'url', target: LINK, scenarios: 'all' },
      })

      // 4. Inspect blocks it in every scenario, citing the reason.
      for (const scenario of SCENARIOS) {
        const d = await inspect(scenario)
        expect(d.action).toBe('block')
        expect(d.reasons.map((r) => r.code)).toContain('CONTENT_FRAUD')
      }

      // 5. The provider appeals; another provider may not.
      expect(
        (
          await h.app.inject({
            method: 'POST',
            url: `/v1/cases/${caseId}/appeals`,
            headers: auth(h.keys.otherProvider),
            payload: { by: 'provider', text: 'not ours' },
          })
        ).statusCode,
      ).toBe(403)
      const filed = await h.app.inject({
        method: 'POST',
        url: `/v1/cases/${caseId}/appeals`,
        headers: auth(h.keys.provider),
        payload: { by: 'provider', text: '该商品页已核实为正品自营页面' },
      })
      expect(filed.statusCode).toBe(201)
      const appealId = filed.json().id as string
      const pending = await h.app.inject({
        url: '/v1/appeals?state=pending',
        headers: auth(h.keys.reviewer2),
      })
      expect(pending.json().items.map((a: { id: string }) => a.id)).toEqual([appealId])

      // 6. The same reviewer is refused.
      const same = await h.app.inject({
        method: 'POST',
        url: `/v1/appeals/${appealId}/decision`,
        headers: auth(h.keys.reviewer),
        payload: { outcome: 'reversed', response: 'ok' },
      })
      expect(same.statusCode).toBe(409)
      expect(same.json().error).toBe('appeal_same_reviewer')

      // 7. A second reviewer reverses.
      const reversed = await h.app.inject({
        method: 'POST',
        url: `/v1/appeals/${appealId}/decision`,
        headers: auth(h.keys.reviewer2),
        payload: { outcome: 'reversed', response: '复核后确认为官方页面' },
      })
      expect(reversed.statusCode).toBe(200)
      expect(reversed.json().state).toBe('reversed')

      // 8. Inspect gives the default action again.
      for (const scenario of SCENARIOS) expect((await inspect(scenario)).action).toBe(before[scenario])

      // 9. The reporter's status shows the outcome.
      const status = await h.app.inject({
        url: `/v1/reports/${reportIds[0]}`,
        headers: auth(h.keys.platform),
      })
      expect(status.statusCode).toBe(200)
      expect(status.json()).toMatchObject({
        status: 'reversed',
        caseId,
        outcome: { decision: 'block', reason: 'CONTENT_FRAUD', lifted: 'appeal_reversed' },
        appeal: { state: 'reversed' },
      })

      // 10. Webhooks were delivered, with valid signatures.
      expect(await drainWebhooks(h.ctx)).toMatchObject({ retrying: 0, dead: 0 })
      const check = (hook: typeof platformHook, secret: string) =>
        hook.received.map((r) => {
          expect(
            verifyWebhookSignature(secret, r.headers['hutong-signature'] as string, r.body, new Date()).ok,
          ).toBe(true)
          expect(
            verifyWebhookSignature(
              'wrong-secret',
              r.headers['hutong-signature'] as string,
              r.body,
              new Date(),
            ).ok,
          ).toBe(false)
          const body = JSON.parse(r.body) as { id: string; event: string }
          expect(r.headers['hutong-delivery']).toBe(body.id)
          return body.event
        })
      expect(check(platformHook, platformSecret).sort()).toEqual([
        'appeal.decided',
        'case.decision',
        'report.received',
        'report.received',
        'report.received',
      ])
      expect(check(providerHook, providerSecret).sort()).toEqual(['appeal.decided', 'case.decision'])

      // 11. The ledger verifies, records every step, and never names a reporter.
      const verify = await h.app.inject({ url: '/v1/ledger/verify', headers: auth(h.keys.auditor) })
      expect(verify.json()).toMatchObject({ ok: true })
      const ledger = await h.app.inject({ url: '/v1/ledger?limit=1000', headers: auth(h.keys.auditor) })
      const kinds = ledger.json().items.map((e: { kind: string }) => e.kind)
      for (const kind of ['report.received', 'case.decision', 'appeal.filed', 'appeal.decision'])
        expect(kinds).toContain(kind)
      expect(ledger.body).not.toContain('user-0')
    })
  })
}
