import { useEffect, useState } from 'react'
import { api } from '../api.js'
import { ErrorNote, LoadView, useLoad } from '../common.js'
import { SCENARIOS } from '../console/types.js'
import { useI18n } from '../i18n.js'
import { Link } from '../router.js'
import { useDemo } from './demo-context.js'
import { DEMO_USER } from './types.js'

type Choice = 'open' | 'warn' | 'hide-card'
interface Preferences {
  byScenario: Partial<Record<(typeof SCENARIOS)[number], Record<string, Choice>>>
  trustedProviders: string[]
  mutedProviders: string[]
  systemBrowser: boolean
}

const CATEGORIES = [
  '*',
  'e-commerce',
  'short-video',
  'video',
  'social',
  'news',
  'local-services',
  'payments',
  'music',
  'other',
] as const

/** The user's self-selection settings (自主选择模式): per scenario and category, within the platform's bounds. */
export function SettingsPage({ onSaved }: { onSaved(): void }) {
  const { t } = useI18n()
  const demo = useDemo()
  const loaded = useLoad(
    () => api<Preferences>(`/v1/users/${DEMO_USER}/preferences`, { key: demo.key }),
    [demo.key],
  )
  const [prefs, setPrefs] = useState<Preferences | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [saved, setSaved] = useState(false)
  useEffect(() => {
    if (loaded.data) setPrefs(loaded.data)
  }, [loaded.data])
  const setChoice = (scenario: (typeof SCENARIOS)[number], category: string, value: string) => {
    setSaved(false)
    setPrefs((p) => {
      if (!p) return p
      const row = { ...(p.byScenario[scenario] ?? {}) }
      if (value === '') delete row[category]
      else row[category] = value as Choice
      return { ...p, byScenario: { ...p.byScenario, [scenario]: row } }
    })
  }
  const save = async () => {
    if (!prefs) return
    setError(null)
    try {
      await api(`/v1/users/${DEMO_USER}/preferences`, { method: 'PUT', key: demo.key, body: prefs })
      setSaved(true)
      onSaved()
    } catch (caught) {
      setError(caught)
    }
  }
  const list = (value: string) => value.split(/[,，\s]+/).filter(Boolean)
  return (
    <section aria-labelledby="settings-title" className="settings">
      <p>
        <Link href="/demo">← {t('demo.backToChat')}</Link>
      </p>
      <h1 id="settings-title">{t('settings.title')}</h1>
      <p>{t('settings.intro')}</p>
      <LoadView loaded={loaded} what={t('settings.title')}>
        {() =>
          prefs ? (
            <form
              onSubmit={(e) => {
                e.preventDefault()
                void save()
              }}
            >
              {SCENARIOS.map((scenario) => (
                <fieldset key={scenario}>
                  <legend>{t(`scenario.${scenario}`)}</legend>
                  <div className="choices">
                    {CATEGORIES.map((category) => {
                      const id = `pref-${scenario}-${category === '*' ? 'all' : category}`
                      return (
                        <div key={category} className="choice">
                          <label htmlFor={id}>
                            {category === '*' ? t('settings.allCategories') : t(`category.${category}`)}
                          </label>
                          <select
                            id={id}
                            value={prefs.byScenario[scenario]?.[category] ?? ''}
                            onChange={(e) => setChoice(scenario, category, e.target.value)}
                          >
                            <option value="">{t('settings.platformDefault')}</option>
                            <option value="open">{t('settings.open')}</option>
                            <option value="warn">{t('settings.warn')}</option>
                            <option value="hide-card">{t('settings.hideCard')}</option>
                          </select>
                        </div>
                      )
                    })}
                  </div>
                </fieldset>
              ))}
              <label className="inline">
                <input
                  type="checkbox"
                  checked={prefs.systemBrowser}
                  onChange={(e) => setPrefs({ ...prefs, systemBrowser: e.target.checked })}
                />{' '}
                {t('settings.systemBrowser')}
              </label>
              <label htmlFor="trusted">{t('settings.trusted')}</label>
              <input
                id="trusted"
                value={prefs.trustedProviders.join(', ')}
                onChange={(e) => setPrefs({ ...prefs, trustedProviders: list(e.target.value) })}
                placeholder="jd, taobao"
              />
              <label htmlFor="muted">{t('settings.muted')}</label>
              <input
                id="muted"
                value={prefs.mutedProviders.join(', ')}
                onChange={(e) => setPrefs({ ...prefs, mutedProviders: list(e.target.value) })}
              />
              <p className="hint">{t('settings.floor')}</p>
              {error ? <ErrorNote error={error} /> : null}
              <button type="submit" className="primary">
                {t('settings.save')}
              </button>
              {saved ? (
                <p className="ok" role="status">
                  {t('settings.saved')}
                </p>
              ) : null}
            </form>
          ) : null
        }
      </LoadView>
    </section>
  )
}
