// `npm start`: installs what is missing, then runs the server on its embedded defaults
// (local runtime, SQLite in FLOWDECK_DATA_DIR, default ./.flowdeck).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('node_modules/.package-lock.json') || !existsSync('node_modules/better-sqlite3')) {
  console.log('Installing dependencies (first start only)…');
  const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (install.status !== 0) process.exit(install.status ?? 1);
}
const server = spawnSync('node', ['--import', 'tsx', 'packages/api/src/server.ts'], { stdio: 'inherit' });
process.exit(server.status ?? 0);
