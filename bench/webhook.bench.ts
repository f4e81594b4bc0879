// Sync webhook throughput over real HTTP: the API server (`packages/api/src/server.ts`) runs in
// its own process on a temp data directory, logging one line per request (LOG_LEVEL=info) to a
// file; this process signs up, deploys webhook (sync) → condition → transform → respond, then
// drives it with autocannon (raw sockets, far cheaper than fetch, which would steal the
// server's CPU on a 2-core box) at concurrency 1, 10 and 50. Every run is durably recorded
// (SQLite, WAL) before its answer; after the server stops, the bench opens both databases and
// checks that every answered run is there, SUCCEEDED, with its app `runs` row.
//
// Each figure is the median of BENCH_WEBHOOK_RUNS (3) runs of BENCH_WEBHOOK_SECONDS (5) s. The
// note gives p50/p99 latency, the client's and the server's CPU (share of one core) and the
// load average, since other work on the machine skews the figures.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import type { Measurement } from './harness.ts';

const SERVER = fileURLToPath(new URL('../packages/api/src/server.ts', import.meta.url));
const SECONDS = Number(process.env.BENCH_WEBHOOK_SECONDS ?? 5);
const RUNS = Number(process.env.BENCH_WEBHOOK_RUNS ?? 3);

export async function startServer() {
  const dataDir = mkdtempSync(join(tmpdir(), 'flowdeck-bench-'));
  const port = 30_000 + Math.floor(Math.random() * 10_000);
  const log = openSync(join(dataDir, 'server.log'), 'w');
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : []),
      '--import',
      'tsx',
      SERVER,
    ],
    {
      env: { ...process.env, PORT: String(port), FLOWDECK_DATA_DIR: dataDir, LOG_LEVEL: 'info' },
      stdio: ['ignore', log, 'inherit'],
    },
  );
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
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
    pid: child.pid!,
    dataDir,
    async stop() {
      const exited = new Promise((r) => child.on('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
    remove() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function deploySyncWorkflow(base: string): Promise<string> {
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

/**
 * CPU seconds (user + system) a process has used, from /proc (Linux); undefined elsewhere. With
 * `thread`, only that thread's (the main thread's id is the process id).
 */
function processCpuSeconds(pid: number, thread?: number): number | undefined {
  try {
    const stat = readFileSync(thread ? `/proc/${pid}/task/${thread}/stat` : `/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in USER_HZ (100)
  } catch {
    return undefined;
  }
}

interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  failures: number;
  clientCpu: number;
  serverCpu: number | undefined;
  /** The server's main thread (HTTP, runtime): SQLite's writes run on a writer thread. */
  mainThreadCpu: number | undefined;
}

export async function load(url: string, serverPid: number, concurrency: number, seconds: number) {
  let i = 0;
  const latencies: number[] = [];
  let ok = 0;
  let failures = 0;
  const client0 = process.cpuUsage();
  const server0 = processCpuSeconds(serverPid);
  const main0 = processCpuSeconds(serverPid, serverPid);
  const t0 = performance.now();
  let instance!: autocannon.Instance;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url,
        connections: concurrency,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            // Alternate both branches of the condition.
            setupRequest: (req) => ({ ...req, body: `{"amount":${i++ % 200}}` }),
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
    if (status === 200) ok++;
    else failures++;
  });
  const result = await done;
  const wall = (performance.now() - t0) / 1000;
  const client = process.cpuUsage(client0);
  const server1 = processCpuSeconds(serverPid);
  const main1 = processCpuSeconds(serverPid, serverPid);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return {
    rps: latencies.length / result.duration,
    p50: pct(0.5),
    p99: pct(0.99),
    ok,
    failures: failures + result.errors + result.timeouts,
    clientCpu: (client.user + client.system) / 1e6 / wall,
    serverCpu: server0 === undefined || server1 === undefined ? undefined : (server1 - server0) / wall,
    mainThreadCpu: main0 === undefined || main1 === undefined ? undefined : (main1 - main0) / wall,
  } satisfies LoadResult;
}

/** Every answered run must be in the runtime store (SUCCEEDED) and in the app's runs table. */
function checkRecorded(dataDir: string, answered: number): string {
  // The runtime's store is in the app's database (runtime.db only in data dirs that predate that).
  const legacy = join(dataDir, 'runtime.db');
  const runtime = new Database(existsSync(legacy) ? legacy : join(dataDir, 'flowdeck.db'), {
    readonly: true,
  });
  const app = new Database(join(dataDir, 'flowdeck.db'), { readonly: true });
  try {
    const executions = runtime
      .prepare('SELECT status, count(*) AS n FROM executions GROUP BY status')
      .all() as { status: string; n: number }[];
    const runs = app.prepare('SELECT status, count(*) AS n FROM runs GROUP BY status').all() as {
      status: string;
      n: number;
    }[];
    const count = (rows: { status: string; n: number }[], status: string) =>
      rows.find((r) => r.status === status)?.n ?? 0;
    const succeeded = count(executions, 'SUCCEEDED');
    // A request the client gave up on at the end of a load may leave its run RUNNING (it resumes
    // at the next start); both tables must still agree.
    const agree = ['SUCCEEDED', 'RUNNING', 'FAILED'].every((s) => count(executions, s) === count(runs, s));
    if (succeeded < answered || !agree || count(executions, 'FAILED') > 0) {
      throw new Error(
        `Runs missing from the stores: ${answered} answered 200, executions ${JSON.stringify(executions)}, runs ${JSON.stringify(runs)}`,
      );
    }
    return `${succeeded} runs recorded for ${answered} answered`;
  } finally {
    runtime.close();
    app.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** Server CPU time per answered request: what the server costs, whatever else the machine runs. */
const cpuMsPerRequest = (x: LoadResult) =>
  x.serverCpu === undefined ? '?' : ((x.serverCpu * 1000) / x.rps).toFixed(2);
/** The main thread's share: the one that cannot use the second core. */
const mainMsPerRequest = (x: LoadResult) =>
  x.mainThreadCpu === undefined ? '?' : ((x.mainThreadCpu * 1000) / x.rps).toFixed(2);
const pctOfCore = (x: number | undefined) => (x === undefined ? '?' : `${Math.round(x * 100)}%`);

export async function run(): Promise<Measurement[]> {
  const server = await startServer();
  const out: Measurement[] = [];
  let answered = 0;
  try {
    const url = await deploySyncWorkflow(server.base);
    answered += (await load(url, server.pid, 10, 2)).ok; // warm-up (JIT, caches, page cache)
    for (const concurrency of [1, 10, 50]) {
      const results: LoadResult[] = [];
      const loads: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        loads.push(loadavg()[0]);
        const res = await load(url, server.pid, concurrency, SECONDS);
        answered += res.ok;
        results.push(res);
        console.log(
          `sync webhook c=${concurrency}: ${Math.round(res.rps)} req/s, p50 ${res.p50.toFixed(2)} ms, p99 ${res.p99.toFixed(2)} ms, ` +
            `${res.failures} not 200, client CPU ${pctOfCore(res.clientCpu)}, server CPU ${pctOfCore(res.serverCpu)} ` +
            `(${cpuMsPerRequest(res)} ms/request, main thread ${mainMsPerRequest(res)}), load ${loads[r].toFixed(1)}`,
        );
      }
      const rps = results.map((x) => x.rps).sort((a, b) => a - b);
      const mid = results.find((x) => x.rps === median(rps))!;
      const note =
        `p50 ${mid.p50.toFixed(1)} ms, p99 ${mid.p99.toFixed(1)} ms, ` +
        `${results.reduce((n, x) => n + x.failures, 0)} not 200; ` +
        `CPU client ${pctOfCore(median(results.map((x) => x.clientCpu)))}, server ${pctOfCore(median(results.map((x) => x.serverCpu ?? 0)))} of a core ` +
        `(${cpuMsPerRequest(mid)} ms/request, main thread ${pctOfCore(mid.mainThreadCpu)}, ${mainMsPerRequest(mid)} ms/request); ` +
        `load avg ${median(loads).toFixed(1)}`;
      out.push({
        name: `sync webhook, concurrency ${concurrency}`,
        unit: 'req/s',
        median: median(rps),
        min: rps[0],
        max: rps[rps.length - 1],
        runs: RUNS,
        note: concurrency === 10 ? `${note}; target ≥ 2,000 req/s` : note,
      });
    }
    await new Promise((r) => setTimeout(r, 1000)); // let the last in-flight runs finish
  } finally {
    await server.stop();
  }
  try {
    const recorded = checkRecorded(server.dataDir, answered);
    console.log(recorded);
    out[out.length - 1].note += `; ${recorded}`;
  } finally {
    server.remove();
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
