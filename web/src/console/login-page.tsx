import { useState, type FormEvent } from 'react'
import { ErrorNote, LangToggle } from '../common.js'
import { useI18n } from '../i18n.js'
import { whoami, type Principal } from './session.js'

export function LoginPage({ onLogin }: { onLogin(key: string, principal: Principal): void }) {
  const { t } = useI18n()
  const [key, setKey] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      onLogin(key.trim(), await whoami(key.trim()))
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="login-shell">
      <header className="login-header">
        <span className="brand">{t('app.brand')}</span>
        <LangToggle />
      </header>
      <main id="main" className="login">
        <h1>{t('login.title')}</h1>
        <p>{t('login.intro')}</p>
        <form onSubmit={(e) => void submit(e)}>
          <label htmlFor="api-key">{t('login.key')}</label>
          <input
            id="api-key"
            name="key"
            type="password"
            autoComplete="off"
            spellCheck={false}
            required
            value={key}
            onChange={(e) => setKey(e.target.value)}
            placeholder="htk_…"
            aria-describedby="api-key-help"
          />
          <p id="api-key-help" className="hint">
            {t('login.keyHelp')}
          </p>
          <button type="submit" className="primary" disabled={busy || key.trim() === ''}>
            {t('login.submit')}
          </button>
        </form>
        {error ? <ErrorNote error={error} /> : null}
      </main>
    </div>
  )
}
