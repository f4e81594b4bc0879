// Sync webhook throughput over real HTTP: the API server (`packages/api/src/server.ts`) runs in
// its own process on a temp data directory; this process signs up, deploys webhook (sync) →
// condition → transform → respond, then posts at concurrency 1, 10 and 50. Every run is
// durably recorded (SQLite store, WAL) before its answer. Requests/s and p50/p99 latency.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Measurement } from './harness.ts';

const SERVER = fileURLToPath(new URL('../packages/api/src/server.ts', import.meta.url));
const DURATION_MS = 5000;

async function startServer() {
  const dataDir = mkdtempSync(join(tmpdir(), 'flowdeck-bench-'));
  const port = 30_000 + Math.floor(Math.random() * 10_000);
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : []),
      '--import',
      'tsx',
      SERVER,
    ],
    {
      env: { ...process.env, PORT: String(port), FLOWDECK_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (
      await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.on('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function deploySyncWorkflow(base: string): Promise<string> {
  const signup = await fetch(`${base}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: 'bench@example.com',
      password: 'benchmark pass',
      name: 'Bench',
      organization: 'Bench',
    }),
  });
  const cookie = signup.headers.get('set-cookie')!.split(';')[0];
  const headers = { 'content-type': 'application/json', cookie, 'x-flowdeck-client': 'bench' };
  const node = (id: string, type: string, params: object) => ({
    id,
    type,
    version: 1,
    position: { x: 0, y: 0 },
    params,
  });
  const graph = {
    schemaVersion: 1,
    nodes: [
      node('order', 'trigger.webhook', { responseMode: 'sync' }),
      node('big', 'logic.condition', { rule: { '>': [{ var: 'trigger.body.amount' }, 100] } }),
      node('vip', 'data.transform', { output: { tier: 'vip', amount: '{% $trigger.body.amount %}' } }),
      node('std', 'data.transform', { output: { tier: 'standard', amount: '{% $trigger.body.amount %}' } }),
    ],
    edges: [
      { id: 'e1', source: 'order', sourceHandle: null, target: 'big' },
      { id: 'e2', source: 'big', sourceHandle: 'true', target: 'vip' },
      { id: 'e3', source: 'big', sourceHandle: 'false', target: 'std' },
    ],
  };
  const wf = (await (
    await fetch(`${base}/api/v1/workflows`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'Bench', graph }),
    })
  ).json()) as { id: string };
  const deployed = (await (
    await fetch(`${base}/api/v1/workflows/${wf.id}/deploy`, { method: 'POST', headers })
  ).json()) as { webhookUrl: string };
  return deployed.webhookUrl.replace(/^https?:\/\/[^/]+/, base);
}

async function load(url: string, concurrency: number) {
  const latencies: number[] = [];
  let failures = 0;
  const end = performance.now() + DURATION_MS;
  let i = 0;
  const worker = async () => {
    while (performance.now() < end) {
      const started = performance.now();
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ amount: i++ % 200 }),
      });
      await res.arrayBuffer();
      if (res.status !== 200) failures++;
      latencies.push(performance.now() - started);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))];
  return {
    rps: latencies.length / seconds,
    p50: pct(0.5),
    p99: pct(0.99),
    failures,
    count: latencies.length,
  };
}

export async function run(): Promise<Measurement[]> {
  const server = await startServer();
  const out: Measurement[] = [];
  try {
    const url = await deploySyncWorkflow(server.base);
    await load(url, 10); // warm-up
    for (const concurrency of [1, 10, 50]) {
      const r = await load(url, concurrency);
      const note = `p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${r.count} requests, ${r.failures} not 200`;
      console.log(`sync webhook c=${concurrency}: ${Math.round(r.rps)} req/s, ${note}`);
      out.push({
        name: `sync webhook, concurrency ${concurrency}`,
        unit: 'req/s',
        median: r.rps,
        min: r.rps,
        max: r.rps,
        runs: 1,
        note: concurrency === 10 ? `${note}; target ≥ 2,000 req/s` : note,
      });
    }
  } finally {
    await server.stop();
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
