// `npm run test:e2e`: starts the real app, runs every e2e/specs/*.spec.ts test in a fresh browser
// context, keeps screenshots of each stage in e2e/artifacts/, and ends with
// "N passed, N failed, N skipped".
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot, startApp } from './app-process.ts';
import { launchChromium } from './browser.ts';
import { registry } from './harness.ts';

const TEST_TIMEOUT_MS = 90_000;
const filter = process.argv[2];
const artifacts = join(repoRoot, 'e2e/artifacts');
rmSync(artifacts, { recursive: true, force: true });

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
let passed = 0;
let failed = 0;
let skipped = 0;

const app = await startApp().catch((err) => {
  console.error(err);
  console.log('0 passed, 1 failed, 0 skipped');
  process.exit(1);
});
const browser = await launchChromium();
try {
  const specs = readdirSync(join(repoRoot, 'e2e/specs'))
    .filter((f) => f.endsWith('.spec.ts'))
    .sort();
  for (const file of specs) {
    const before = registry.length;
    await import(pathToFileURL(join(repoRoot, 'e2e/specs', file)).href);
    const tests = registry.slice(before);
    console.log(`\n${file}`);
    for (const t of tests) {
      if (filter && !`${file} ${t.name}`.includes(filter)) continue;
      if (t.skip) {
        skipped++;
        console.log(`  - ${t.name} (skipped: ${t.skip})`);
        continue;
      }
      const dir = join(artifacts, slug(file.replace('.spec.ts', '')), slug(t.name));
      mkdirSync(dir, { recursive: true });
      const context = await browser.newContext({
        viewport: { width: 1440, height: 900 },
        baseURL: app.baseUrl,
      });
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.baseUrl });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      let stage = 0;
      const shot = async (name: string) => {
        await page.screenshot({ path: join(dir, `${String(++stage).padStart(2, '0')}-${slug(name)}.png`) });
      };
      const started = Date.now();
      try {
        await Promise.race([
          t.fn({ page, context, browser, baseUrl: app.baseUrl, shot }),
          new Promise((_, reject) =>
            setTimeout(
              () => reject(new Error(`timed out after ${TEST_TIMEOUT_MS / 1000} s`)),
              TEST_TIMEOUT_MS,
            ),
          ),
        ]);
        if (errors.length) throw new Error(`uncaught errors in the page: ${errors.join('; ')}`);
        passed++;
        console.log(`  ✓ ${t.name} (${Date.now() - started} ms)`);
      } catch (err) {
        failed++;
        await page.screenshot({ path: join(dir, 'failure.png') }).catch(() => undefined);
        console.log(`  ✗ ${t.name}\n    ${(err as Error).stack ?? err}`.replace(/\n/g, '\n    '));
      } finally {
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  await app.stop();
}
console.log(`\nscreenshots: e2e/artifacts/`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed === 0 ? 0 : 1);
