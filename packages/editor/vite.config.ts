// Dev: `npm run dev -w @flowdeck/editor` serves the editor with hot reload on :5173 and proxies
// /api and /hooks to the API (FLOWDECK_API, default http://localhost:3000).
// Build: `npm run build -w @flowdeck/editor` writes dist/, which the API serves at `/`.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.FLOWDECK_API ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  base: './',
  server: {
    port: 5173,
    proxy: { '/api': { target: api, changeOrigin: false }, '/hooks': { target: api } },
  },
  build: { outDir: 'dist', chunkSizeWarningLimit: 2000, sourcemap: false },
});
