// `npm start`: installs what is missing, then runs the server on its embedded defaults
// (local runtime, SQLite in FLOWDECK_DATA_DIR, default ./.flowdeck).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('node_modules/.package-lock.json') || !existsSync('node_modules/better-sqlite3')) {
  console.log('Installing dependencies (first start only)…');
  const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (install.status !== 0) process.exit(install.status ?? 1);
}
// The browser editor is served from packages/editor/dist; build it when missing or stale.
const editor = spawnSync('node', ['packages/editor/scripts/build-if-missing.mjs'], { stdio: 'inherit' });
if (editor.status !== 0) console.warn('The editor could not be built; the API still starts.');
const server = spawnSync('node', ['--import', 'tsx', 'packages/api/src/server.ts'], { stdio: 'inherit' });
process.exit(server.status ?? 0);
