// Dev: `npm run dev -w @flowdeck/editor` serves the editor with hot reload on :5173 and proxies
// /api and /hooks to the API (FLOWDECK_API, default http://localhost:3000).
// Build: `npm run build -w @flowdeck/editor` writes dist/, which the API serves at `/`.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.FLOWDECK_API ?? 'http://localhost:3000';
const nodeShim = fileURLToPath(new URL('./src/shims/node-builtins.ts', import.meta.url));

export default defineConfig({
  plugins: [react()],
  base: './',
  resolve: {
    // The engine and node library are isomorphic except for the runtime's crypto and the HTTP
    // node's address guard, which the editor never calls; these stubs keep them out of the bundle.
    alias: [{ find: /^node:(crypto|dns\/promises|net|http)$/, replacement: nodeShim }],
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: api, changeOrigin: false }, '/hooks': { target: api } },
  },
  build: { outDir: 'dist', chunkSizeWarningLimit: 2000, sourcemap: false },
});
