import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react'
import { api } from '../api.js'
import { ErrorNote, LangToggle, useLoad } from '../common.js'
import type { ReasonEntry } from '../console/types.js'
import { useI18n } from '../i18n.js'
import { Link, useLocation } from '../router.js'
import { DemoContext, useDemo, type DemoContextValue } from './demo-context.js'
import { LinkView } from './link-view.js'
import { SettingsPage } from './settings-page.js'
import { DEMO_GROUP, DEMO_USER, type ChatMessage, type DemoScenario, type InspectResult } from './types.js'

const CONVERSATIONS: readonly DemoScenario[] = ['direct', 'group', 'feed']

// Seed messages from the 2021 reports: a JD product, a Taobao share text, a Douyin video, an unknown site.
const SEED: Record<DemoScenario, { from: string; text: string }[]> = {
  direct: [
    { from: 'friend', text: '这个不错 https://item.jd.com/100012043978.html' },
    { from: 'friend', text: '【淘宝】https://m.tb.cn/h.fE2Xk9A?tk=abc 「夏季新款连衣裙」点击链接直接打开' },
  ],
  group: [
    { from: 'aunt', text: '看看这个视频 https://v.douyin.com/iRNBho6/' },
    { from: 'uncle', text: '拼单 https://mobile.yangkeduo.com/goods.html?goods_id=1' },
  ],
  feed: [
    {
      from: 'colleague',
      text: '分享一篇文章 https://www.bilibili.com/read/cv1 还有 http://example.com/login',
    },
  ],
}

let nextId = 0
const newId = () => `m${++nextId}`

function useDemoSession(): { key: string | null; error: unknown } {
  const session = useLoad(() => api<{ key: string }>('/v1/demo/session', { method: 'POST' }), [])
  return { key: session.data?.key ?? null, error: session.error }
}

export function DemoApp() {
  const { t, lang } = useI18n()
  const { path } = useLocation()
  const session = useDemoSession()
  const reasons = useLoad(() => api<{ reasons: ReasonEntry[] }>('/v1/reasons'), [])
  const providers = useLoad(
    () =>
      api<{ items: { id: string; nameZh: string; nameEn: string }[] }>('/v1/providers').catch(() => ({
        items: [],
      })),
    [],
  )
  const context = useMemo<DemoContextValue | null>(() => {
    if (!session.key) return null
    const names = new Map((providers.data?.items ?? []).map((p) => [p.id, p]))
    return {
      key: session.key,
      reasons: new Map((reasons.data?.reasons ?? []).map((r) => [r.code, r])),
      providerName: (id) => {
        const p = id ? names.get(id) : undefined
        return p ? (lang === 'zh' ? p.nameZh : p.nameEn) : (id ?? t('demo.unknownSite'))
      },
    }
  }, [session.key, reasons.data, providers.data, lang, t])
  return (
    <div className="demo">
      <a className="skip" href="#main">
        {t('common.skip')}
      </a>
      <header className="topbar">
        <span className="brand">{t('demo.brand')}</span>
        <nav aria-label={t('demo.nav')}>
          <Link href="/demo" aria-current={path === '/demo' ? 'page' : undefined}>
            {t('demo.chat')}
          </Link>{' '}
          <Link href="/demo/settings" aria-current={path === '/demo/settings' ? 'page' : undefined}>
            {t('settings.title')}
          </Link>
        </nav>
        <LangToggle />
      </header>
      <main id="main" tabIndex={-1}>
        {session.error ? <ErrorNote error={session.error} what={t('demo.sessionApi')} /> : null}
        {context ? (
          <DemoContext.Provider value={context}>
            <Chat settings={path === '/demo/settings'} />
          </DemoContext.Provider>
        ) : session.error ? null : (
          <p aria-busy="true">{t('common.loading')}</p>
        )}
      </main>
    </div>
  )
}

function Chat({ settings }: { settings: boolean }) {
  const { t } = useI18n()
  const [active, setActive] = useState<DemoScenario>('direct')
  const [messages, setMessages] = useState<Record<DemoScenario, ChatMessage[]>>(() => ({
    direct: SEED.direct.map((m) => ({ ...m, id: newId(), result: null })),
    group: SEED.group.map((m) => ({ ...m, id: newId(), result: null })),
    feed: SEED.feed.map((m) => ({ ...m, id: newId(), result: null })),
  }))
  const [version, setVersion] = useState(0)
  const { key } = useDemo()

  const inspect = useCallback(
    (scenario: DemoScenario, text: string) =>
      api<InspectResult>('/v1/inspect', {
        method: 'POST',
        key,
        body: { text, scenario, userId: DEMO_USER, ...(scenario === 'group' ? { groupId: DEMO_GROUP } : {}) },
      }),
    [key],
  )
  // Re-decide every message whenever something that changes decisions happened (settings, a report, an appeal).
  useEffect(() => {
    let cancelled = false
    for (const scenario of CONVERSATIONS) {
      for (const message of messages[scenario]) {
        inspect(scenario, message.text).then(
          (result) =>
            !cancelled &&
            setMessages((all) => ({
              ...all,
              [scenario]: all[scenario].map((m) => (m.id === message.id ? { ...m, result } : m)),
            })),
          (error: unknown) =>
            !cancelled &&
            setMessages((all) => ({
              ...all,
              [scenario]: all[scenario].map((m) =>
                m.id === message.id ? { ...m, error: String(error) } : m,
              ),
            })),
        )
      }
    }
    return () => {
      cancelled = true
    }
    // Only a re-check request re-runs this; new messages are inspected when sent.
  }, [version, inspect])

  if (settings) return <SettingsPage onSaved={() => setVersion((v) => v + 1)} />
  return (
    <div className="chat">
      <nav className="conversations" aria-label={t('demo.conversations')}>
        <ul role="tablist">
          {CONVERSATIONS.map((c) => (
            <li key={c} role="presentation">
              <button
                type="button"
                role="tab"
                id={`tab-${c}`}
                aria-selected={active === c}
                aria-controls="conversation"
                onClick={() => setActive(c)}
              >
                {t(`demo.conv.${c}`)}
              </button>
            </li>
          ))}
        </ul>
        <button type="button" onClick={() => setVersion((v) => v + 1)}>
          {t('demo.recheck')}
        </button>
      </nav>
      <section id="conversation" role="tabpanel" aria-labelledby={`tab-${active}`} className="conversation">
        <h1 className="sr-only">{t(`demo.conv.${active}`)}</h1>
        <ol className="messages" aria-live="polite">
          {messages[active].map((m) => (
            <li key={m.id} className={`message from-${m.from === 'me' ? 'me' : 'other'}`}>
              <span className="sender">{t(`demo.who.${m.from}` as 'demo.who.me')}</span>
              <p className="text">{m.text}</p>
              {m.error ? <p className="notice error">{m.error}</p> : null}
              {m.result === null && !m.error ? <p aria-busy="true">{t('common.loading')}</p> : null}
              {m.result?.links.map((link) => (
                <LinkView
                  key={`${link.start}-${link.url}`}
                  link={link}
                  scenario={active}
                  messageText={m.text}
                  onChanged={() => setVersion((v) => v + 1)}
                />
              ))}
            </li>
          ))}
        </ol>
        <Composer
          onSend={async (text) => {
            const id = newId()
            setMessages((all) => ({
              ...all,
              [active]: [...all[active], { id, from: 'me', text, result: null }],
            }))
            const scenario = active
            try {
              const result = await inspect(scenario, text)
              setMessages((all) => ({
                ...all,
                [scenario]: all[scenario].map((m) => (m.id === id ? { ...m, result } : m)),
              }))
            } catch (error) {
              setMessages((all) => ({
                ...all,
                [scenario]: all[scenario].map((m) => (m.id === id ? { ...m, error: String(error) } : m)),
              }))
            }
          }}
        />
      </section>
    </div>
  )
}

function Composer({ onSend }: { onSend(text: string): Promise<void> }) {
  const { t } = useI18n()
  const [text, setText] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (text.trim() === '') return
    void onSend(text.trim())
    setText('')
  }
  return (
    <form className="composer" onSubmit={submit}>
      <label htmlFor="composer" className="sr-only">
        {t('demo.compose')}
      </label>
      <textarea
        id="composer"
        rows={2}
        value={text}
        placeholder={t('demo.placeholder')}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) submit(e)
        }}
      />
      <button type="submit" className="primary">
        {t('demo.send')}
      </button>
    </form>
  )
}
