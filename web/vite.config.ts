import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const root = fileURLToPath(new URL('.', import.meta.url))

// One SPA for /console/* and /demo/*; Hutong serves index.html for both and the hashed assets at /assets/.
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    // ECharts is loaded lazily by the chart pages only (src/chart.tsx), so it never delays the first load.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    // `npx vite --config web/vite.config.ts` with a Hutong server on :8080 for development.
    proxy: {
      '/v1': 'http://127.0.0.1:8080',
      '/go': 'http://127.0.0.1:8080',
      '/img': 'http://127.0.0.1:8080',
    },
  },
})
