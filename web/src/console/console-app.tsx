import { useState } from 'react'
import { LangToggle } from '../common.js'
import { useI18n } from '../i18n.js'
import { Link, navigate, useLocation } from '../router.js'
import { CasePage } from './case-page.js'
import { DialTestPage } from './dialtest-page.js'
import { LedgerPage } from './ledger-page.js'
import { LoginPage } from './login-page.js'
import { PolicyPage } from './policy-page.js'
import { ProvidersPage } from './providers-page.js'
import { QueuePage } from './queue-page.js'
import { pagesFor, storedKey, storeKey, whoami, type PageId, type Principal } from './session.js'
import { ThreatsPage } from './threats-page.js'
import { TransparencyPage } from './transparency-page.js'
import { useLoad } from '../common.js'

export interface ConsoleSession {
  key: string
  principal: Principal
}

function PageBody({
  page,
  session,
  caseId,
}: {
  page: PageId | 'case'
  session: ConsoleSession
  caseId: string | null
}) {
  switch (page) {
    case 'case':
      return <CasePage session={session} caseId={caseId ?? ''} />
    case 'queue':
      return <QueuePage session={session} />
    case 'policy':
      return <PolicyPage session={session} />
    case 'providers':
      return <ProvidersPage session={session} />
    case 'threats':
      return <ThreatsPage session={session} />
    case 'transparency':
      return <TransparencyPage />
    case 'ledger':
      return <LedgerPage session={session} />
    case 'dialtest':
      return <DialTestPage session={session} />
  }
}

export function ConsoleApp() {
  const { t } = useI18n()
  const { path } = useLocation()
  const [key, setKey] = useState<string | null>(storedKey)
  const [principal, setPrincipal] = useState<Principal | null>(null)
  // A stored key is re-checked on load: it may have been revoked since.
  const check = useLoad(async () => (key && !principal ? whoami(key) : null), [key])
  const who = principal ?? check.data
  const logout = () => {
    storeKey(null)
    setKey(null)
    setPrincipal(null)
    navigate('/console')
  }
  if (!key || (!who && check.error) || (!who && !check.loading)) {
    return (
      <LoginPage
        onLogin={(k, p) => {
          storeKey(k)
          setKey(k)
          setPrincipal(p)
        }}
      />
    )
  }
  if (!who) return <p aria-busy="true">{t('common.loading')}</p>
  const session = { key, principal: who }
  const pages = pagesFor(who.role)
  const segments = path.split('/').filter(Boolean)
  const requested = segments[1]
  const caseId = requested === 'cases' ? (segments[2] ?? null) : null
  const page: PageId | 'case' = caseId
    ? 'case'
    : (pages.find((p) => p === requested) ?? pages[0] ?? 'transparency')
  return (
    <div className="console">
      <a className="skip" href="#main">
        {t('common.skip')}
      </a>
      <header className="topbar">
        <span className="brand">{t('app.brand')}</span>
        <span className="who" data-testid="whoami">
          {who.name} ·{' '}
          <span className="role">
            {t(`role.${who.role.startsWith('provider:') ? 'provider' : who.role}` as 'role.admin')}
          </span>
        </span>
        <LangToggle />
        <button type="button" onClick={logout}>
          {t('login.logout')}
        </button>
      </header>
      <nav aria-label={t('nav.label')} className="sidenav">
        <ul>
          {pages.map((p) => (
            <li key={p}>
              <Link href={`/console/${p}`} aria-current={page === p ? 'page' : undefined}>
                {t(`nav.${p}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        <PageBody page={page} session={session} caseId={caseId} />
      </main>
    </div>
  )
}
