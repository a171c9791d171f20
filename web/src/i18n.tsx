import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { MESSAGES, type MessageKey } from './messages.js'

export type Lang = 'zh' | 'en'

const STORAGE_KEY = 'hutong.lang'

interface I18n {
  lang: Lang
  setLang(lang: Lang): void
  /** The message for `key` in the current language, with `{name}` placeholders filled in. */
  t(key: MessageKey, vars?: Record<string, string | number>): string
  /** Picks the zh or en text of a bilingual value (reason catalogue entries and the like). */
  pick(value: { zh?: string | undefined; en?: string | undefined }): string
}

const I18nContext = createContext<I18n | null>(null)

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh'
  } catch {
    return 'zh'
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang)
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en'
  }, [lang])
  const setLang = useCallback((next: Lang) => {
    setLangState(next)
    try {
      localStorage.setItem(STORAGE_KEY, next)
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  }, [])
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => {
        const text = MESSAGES[key][lang]
        return vars
          ? text.replace(/\{(\w+)\}/g, (_m, name: string) => String(vars[name] ?? `{${name}}`))
          : text
      },
      pick: (v) => (lang === 'zh' ? (v.zh ?? v.en ?? '') : (v.en ?? v.zh ?? '')),
    }),
    [lang, setLang],
  )
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export function useI18n(): I18n {
  const value = useContext(I18nContext)
  if (!value) throw new Error('useI18n outside I18nProvider')
  return value
}
