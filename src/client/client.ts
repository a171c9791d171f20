import { randomUUID } from 'node:crypto'
import { createTransport, type TransportOptions } from './transport.js'
import type {
  Appeal,
  AppealDecisionRequest,
  AppealState,
  CaseDecisionRequest,
  CaseItem,
  CaseQuery,
  ChainCheck,
  DialTestRequest,
  ExtractResult,
  GroupSettings,
  Health,
  InspectRequest,
  InspectResult,
  LedgerEvent,
  LedgerPage,
  PolicyInput,
  PolicyState,
  PolicyValidation,
  PublishedPolicy,
  ReportReceipt,
  ReportRequest,
  SimulationSample,
  UserPreferences,
} from './types.js'

export type HutongClientOptions = TransportOptions

/** Per-call options. */
export interface CallOptions {
  signal?: AbortSignal
}

const seg = (value: string): string => encodeURIComponent(value)

/**
 * A typed client for the Hutong HTTP API: fetch only, with timeouts and retries (429, 503, and network
 * errors on requests that are safe to repeat) that honour Retry-After. Failures throw HutongApiError.
 * @example
 * const hutong = createHutongClient({ baseUrl: 'http://127.0.0.1:8080', apiKey: process.env.HUTONG_KEY })
 * const { links } = await hutong.inspect({ text: '看看 https://item.jd.com/1.html', scenario: 'group' })
 */
export function createHutongClient(options: HutongClientOptions) {
  const call = createTransport(options)
  const get = <T>(
    path: string,
    query?: Record<string, string | number | boolean | undefined>,
    o?: CallOptions,
  ) => call<T>('GET', path, { query, idempotent: true, signal: o?.signal })
  // Read-only POSTs (inspect, validate, simulate, dial test) are as safe to repeat as a GET.
  const ask = <T>(path: string, body: unknown, o?: CallOptions) =>
    call<T>('POST', path, { body, idempotent: true, signal: o?.signal })
  const act = <T>(method: string, path: string, body: unknown, idempotent: boolean, o?: CallOptions) =>
    call<T>(method, path, { body, idempotent, signal: o?.signal })

  const ledgerPage = (query: { after?: number; limit?: number } = {}, o?: CallOptions) =>
    get<LedgerPage>('/v1/ledger', query, o)

  return {
    /** Liveness; resolves with `unavailable` (not an error) while the database is down. */
    health: (o?: CallOptions) =>
      call<Health>('GET', '/healthz', { idempotent: true, signal: o?.signal, acceptStatus: [503] }),
    /** Decide every link of one message. */
    inspect: (message: InspectRequest, o?: CallOptions) => ask<InspectResult>('/v1/inspect', message, o),
    /** Decide up to 500 messages in one request; results in input order. */
    inspectBatch: async (messages: InspectRequest[], o?: CallOptions) =>
      (await ask<{ results: InspectResult[] }>('/v1/inspect/batch', { messages }, o)).results,
    /** Recognise links and share texts, without deciding. */
    extract: (text: string, o?: CallOptions) => ask<ExtractResult>('/v1/extract', { text }, o),
    /** Run links × scenarios through the public decision path (拨测). */
    dialtest: (request: DialTestRequest, o?: CallOptions) =>
      ask<{ rows: Record<string, unknown>[] }>('/v1/dialtest', request, o),
    policy: {
      get: (o?: CallOptions) => get<PolicyState>('/v1/policy', undefined, o),
      schema: (o?: CallOptions) => get<Record<string, unknown>>('/v1/policy/schema', undefined, o),
      validate: (input: PolicyInput, o?: CallOptions) =>
        ask<PolicyValidation>('/v1/policy/validate', input, o),
      simulate: (input: PolicyInput & { samples?: SimulationSample[] }, o?: CallOptions) =>
        ask<Record<string, unknown>>('/v1/policy/simulate', input, o),
      // Publishing twice is refused (409 policy_version_exists), so a network error is not retried blindly.
      publish: (input: PolicyInput, o?: CallOptions) =>
        act<PublishedPolicy>('POST', '/v1/policy', input, false, o),
    },
    reasons: (o?: CallOptions) =>
      get<{ version: string; reasons: Record<string, unknown>[] }>('/v1/reasons', undefined, o),
    preferences: {
      get: (userId: string, o?: CallOptions) =>
        get<UserPreferences>(`/v1/users/${seg(userId)}/preferences`, undefined, o),
      put: (userId: string, preferences: Partial<UserPreferences>, o?: CallOptions) =>
        act<UserPreferences>('PUT', `/v1/users/${seg(userId)}/preferences`, preferences, true, o),
    },
    groupSettings: {
      get: (groupId: string, o?: CallOptions) =>
        get<GroupSettings>(`/v1/groups/${seg(groupId)}/settings`, undefined, o),
      put: (groupId: string, settings: Partial<GroupSettings>, o?: CallOptions) =>
        act<GroupSettings>('PUT', `/v1/groups/${seg(groupId)}/settings`, settings, true, o),
    },
    ledger: {
      page: ledgerPage,
      verify: (o?: CallOptions) => get<ChainCheck>('/v1/ledger/verify', undefined, o),
      /** Every event after `after`, oldest first, fetched a page at a time. */
      events: async function* (
        query: { after?: number; pageSize?: number } = {},
        o?: CallOptions,
      ): AsyncGenerator<LedgerEvent> {
        let after: number | null = query.after ?? 0
        while (after !== null) {
          const page = await ledgerPage({ after, limit: query.pageSize ?? 500 }, o)
          yield* page.items
          after = page.next
        }
      },
    },
    reports: {
      /** Reports a link; the receipt comes once it is durably stored. A retried submission is stored once. */
      submit: (report: ReportRequest, o?: CallOptions) =>
        act<ReportReceipt>(
          'POST',
          '/v1/reports',
          { ...report, idempotencyKey: report.idempotencyKey ?? randomUUID() },
          true,
          o,
        ),
      get: (id: string, o?: CallOptions) =>
        get<Record<string, unknown> & { id: string; status: string }>(`/v1/reports/${seg(id)}`, undefined, o),
    },
    cases: {
      list: async (query: CaseQuery = {}, o?: CallOptions) =>
        (await get<{ items: CaseItem[] }>('/v1/cases', { ...query }, o)).items,
      get: (id: string, o?: CallOptions) =>
        get<Record<string, unknown> & { id: string }>(`/v1/cases/${seg(id)}`, undefined, o),
      claim: (id: string, o?: CallOptions) =>
        act<Record<string, unknown>>('POST', `/v1/cases/${seg(id)}/claim`, undefined, false, o),
      release: (id: string, o?: CallOptions) =>
        act<Record<string, unknown>>('DELETE', `/v1/cases/${seg(id)}/claim`, undefined, true, o),
      decide: (id: string, decision: CaseDecisionRequest, o?: CallOptions) =>
        act<Record<string, unknown>>('POST', `/v1/cases/${seg(id)}/decision`, decision, false, o),
    },
    appeals: {
      file: (caseId: string, appeal: { by: Appeal['by']; text: string }, o?: CallOptions) =>
        act<Appeal>('POST', `/v1/cases/${seg(caseId)}/appeals`, appeal, false, o),
      list: async (query: { state?: AppealState } = {}, o?: CallOptions) =>
        (await get<{ items: Appeal[] }>('/v1/appeals', { ...query }, o)).items,
      get: (id: string, o?: CallOptions) => get<Appeal>(`/v1/appeals/${seg(id)}`, undefined, o),
      decide: (id: string, decision: AppealDecisionRequest, o?: CallOptions) =>
        act<Appeal>('POST', `/v1/appeals/${seg(id)}/decision`, decision, false, o),
    },
  }
}

/** The client `createHutongClient` returns. */
export type HutongClient = ReturnType<typeof createHutongClient>
