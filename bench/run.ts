// `npm run bench`: runs every benchmark and rewrites bench/RESULTS.md with the machine and date.
// Pass names to run a subset: `npm run bench -- runtime compile`.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Measurement, machine, table } from './harness.ts';

const suites: Record<string, () => Promise<{ run: () => Promise<Measurement[]> }>> = {
  runtime: () => import('./runtime.bench.ts'),
  compile: () => import('./compile.bench.ts'),
};

const wanted = process.argv.slice(2).filter((a) => a in suites);
const sections: string[] = [];
for (const name of wanted.length ? wanted : Object.keys(suites)) {
  console.log(`\n## ${name}`);
  const { run } = await suites[name]();
  sections.push(`## ${name}\n\n${table(await run())}`);
}

const here = dirname(fileURLToPath(import.meta.url));
const header = `# Benchmark results\n\nMachine: ${machine()}\nDate: ${new Date().toISOString()}\n\nEvery figure is the median of several runs on a shared, noisy machine; compare within a table, not across days.`;
writeFileSync(join(here, 'RESULTS.md'), `${header}\n\n${sections.join('\n\n')}\n`);
console.log('\nwrote bench/RESULTS.md');
