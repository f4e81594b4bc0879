// `npm run test:e2e`: the browser tests in e2e/ (Playwright library + Debian's Chromium), then
// the same plain summary line as `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const specs = existsSync('e2e/specs') ? readdirSync('e2e/specs').filter((f) => f.endsWith('.spec.ts')) : [];
if (specs.length === 0) {
  console.log('no browser specs yet');
  console.log('0 passed, 0 failed, 0 skipped');
  process.exit(0);
}
const run = spawnSync('node', ['--import', 'tsx', 'e2e/run.ts'], { stdio: 'inherit' });
process.exit(run.status ?? 1);
