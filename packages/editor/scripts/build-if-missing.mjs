// `npm run build:if-missing -w @flowdeck/editor`: builds dist/ when it is absent or older than
// the sources (the editor's, the engine's and the node library's), so `npm start` serves a current editor without rebuilding on every start.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'index.html');

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

// The bundle includes the engine and the node library, so their sources count too.
const sources = Math.max(
  newest(join(root, 'src')),
  newest(join(root, '..', 'engine', 'src')),
  newest(join(root, '..', 'nodes', 'src')),
  statSync(join(root, 'index.html')).mtimeMs,
  statSync(join(root, 'vite.config.ts')).mtimeMs,
);
if (existsSync(built) && statSync(built).mtimeMs >= sources) {
  console.log('editor: dist/ is up to date');
  process.exit(0);
}
console.log('editor: building dist/ …');
const run = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
