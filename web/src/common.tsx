import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import { ApiError } from './api.js'
import { useI18n } from './i18n.js'

export interface Loaded<T> {
  data: T | null
  error: unknown
  loading: boolean
  reload(): void
}

/** Runs an async load on mount and whenever `deps` change; stale answers are dropped. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  })
  const [tick, setTick] = useState(0)
  const run = useRef(0)
  useEffect(() => {
    const id = ++run.current
    setState((s) => ({ ...s, loading: true }))
    load().then(
      (data) => id === run.current && setState({ data, error: null, loading: false }),
      (error: unknown) => id === run.current && setState({ data: null, error, loading: false }),
    )
  }, [...deps, tick])
  const reload = useCallback(() => setTick((n) => n + 1), [])
  return { ...state, reload }
}

export function LangToggle() {
  const { lang, setLang, t } = useI18n()
  return (
    // The label names the other language in that language (and says so with lang=), as language switchers do.
    <button
      type="button"
      className="lang"
      onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
      lang={lang === 'zh' ? 'en' : 'zh-CN'}
      title={t('lang.switch')}
    >
      {lang === 'zh' ? 'English' : '中文'}
    </button>
  )
}

/** The state a page shows when this server lacks the API behind it. */
export function NotAvailable({ what }: { what: string }) {
  const { t } = useI18n()
  return (
    <div className="notice unavailable" role="status">
      <strong>{t('common.unavailable')}</strong>
      <p>{t('common.unavailableDetail', { what })}</p>
    </div>
  )
}

/** Renders an API error in words; a 404 route becomes the not-available state. */
export function ErrorNote({ error, what }: { error: unknown; what?: string }) {
  const { t } = useI18n()
  if (error instanceof ApiError && error.unavailable) return <NotAvailable what={what ?? ''} />
  const message =
    error instanceof ApiError
      ? `${error.code}: ${error.message}`
      : error instanceof Error
        ? error.message
        : String(error)
  const forbidden = error instanceof ApiError && (error.status === 401 || error.status === 403)
  return (
    <div className="notice error" role="alert">
      <strong>{forbidden ? t('common.forbidden') : t('common.error')}</strong> <span>{message}</span>
    </div>
  )
}

/** Loading, error or the content of a load. */
export function LoadView<T>({
  loaded,
  what,
  children,
}: {
  loaded: Loaded<T>
  what?: string
  children: (data: T) => ReactNode
}) {
  const { t } = useI18n()
  if (loaded.error) return <ErrorNote error={loaded.error} {...(what === undefined ? {} : { what })} />
  if (loaded.data === null) return <p aria-busy="true">{t('common.loading')}</p>
  return <>{children(loaded.data)}</>
}

export function ActionBadge({ action }: { action: string | null }) {
  const { t } = useI18n()
  const known = action === 'open' || action === 'warn' || action === 'block'
  return (
    <span className={`badge action-${action ?? 'none'}`}>
      {known ? t(`action.${action}`) : (action ?? '—')}
    </span>
  )
}

export function formatTime(iso: string | null | undefined, lang: 'zh' | 'en'): string {
  if (!iso) return '—'
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return date.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'medium',
    timeStyle: 'short',
  })
}
