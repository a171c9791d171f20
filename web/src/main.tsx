import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { ConsoleApp } from './console/console-app.js'
import { DemoApp } from './demo/demo-app.js'
import { I18nProvider } from './i18n.js'
import { useLocation } from './router.js'
import './styles.css'

function App() {
  const { path } = useLocation()
  return path.startsWith('/demo') ? <DemoApp /> : <ConsoleApp />
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <App />
    </I18nProvider>
  </StrictMode>,
)
