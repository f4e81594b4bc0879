// `npm run bench`: runs every benchmark and rewrites bench/RESULTS.md with the machine and date.
// Pass names to run a subset: `npm run bench -- runtime compile`.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Measurement, machine, table } from './harness.ts';

const suites: Record<string, () => Promise<{ run: () => Promise<Measurement[]> }>> = {
  runtime: () => import('./runtime.bench.ts'),
  compile: () => import('./compile.bench.ts'),
  schedules: () => import('./schedules.bench.ts'),
  events: () => import('./events.bench.ts'),
  conditions: () => import('./conditions.bench.ts'),
  webhook: () => import('./webhook.bench.ts'),
  editor: () => import('./editor.bench.ts'),
};

const here = dirname(fileURLToPath(import.meta.url));
const resultsFile = join(here, 'RESULTS.md');
const wanted = process.argv.slice(2).filter((a) => a in suites);

// A subset run replaces only its own sections; the others keep their earlier figures and dates.
const sections = new Map<string, string>();
if (existsSync(resultsFile)) {
  for (const part of readFileSync(resultsFile, 'utf8')
    .split(/^(?=## )/m)
    .slice(1)) {
    sections.set(part.slice(3, part.indexOf('\n')).trim(), part.trimEnd());
  }
}
for (const name of wanted.length ? wanted : Object.keys(suites)) {
  console.log(`\n## ${name}`);
  const { run } = await suites[name]();
  const results = await run();
  sections.set(
    name,
    `## ${name}\n\nMachine: ${machine()}\nDate: ${new Date().toISOString()}\n\n${table(results)}`,
  );
}

const header = `# Benchmark results\n\nWritten by \`npm run bench\`. Every figure is the median of several runs on a shared, noisy 2-core machine;\ncompare within a table (each has its baseline measured in the same run), not across days.`;
const ordered = Object.keys(suites)
  .filter((n) => sections.has(n))
  .map((n) => sections.get(n));
writeFileSync(resultsFile, `${header}\n\n${ordered.join('\n\n')}\n`);
console.log('\nwrote bench/RESULTS.md');
