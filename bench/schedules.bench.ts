// 10,000 schedules due at the same moment, on SQLite, with the real clock: all must fire.
// Reports fires per second (first slot → last fire) and the p99 lateness of a fire (time `fire`
// ran − scheduled time). Baseline in the same run: 10,000 plain setTimeouts due at one moment,
// the floor of what Node's timers give on this machine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScheduler, systemClock } from '@flowdeck/engine';
import { createSqliteScheduleStore } from '@flowdeck/store-sqlite';
import { type Measurement, measure } from './harness.ts';

const SCHEDULES = 10_000;
const RUNS = 3;

interface Outcome {
  firesPerSecond: number;
  p99LatenessMs: number;
}

function p99(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)];
}

async function schedulerRun(): Promise<Outcome> {
  const dir = mkdtempSync(join(tmpdir(), 'flowdeck-bench-schedules-'));
  const store = createSqliteScheduleStore({ path: join(dir, 'flowdeck.db') });
  const lateness: number[] = [];
  let lastFire = 0;
  let done: () => void = () => {};
  const allFired = new Promise<void>((resolve) => {
    done = resolve;
  });
  const scheduler = createScheduler({
    store,
    clock: systemClock,
    ownerId: 'bench',
    fire: async (_schedule, scheduledTime) => {
      const now = Date.now();
      lateness.push(now - scheduledTime.getTime());
      lastFire = now;
      if (lateness.length === SCHEDULES) done();
    },
  });
  // Every schedule's first slot is the same instant, a little after they are all saved.
  const due = Date.now() + 4000 + SCHEDULES / 5;
  for (let i = 0; i < SCHEDULES; i++)
    await scheduler.upsert({ id: `s${i}`, expression: 'rate(1 hour)', startDate: due, payload: { i } });
  if (Date.now() >= due) throw new Error('saving the schedules took longer than the lead time; raise it');
  scheduler.start();
  await allFired;
  await scheduler.stop();
  const unsettled = (await store.list()).filter((r) => r.inFlight || r.lastFiredAt !== due).length;
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  if (unsettled > 0) throw new Error(`${unsettled} schedules were not recorded as fired`);
  return { firesPerSecond: SCHEDULES / (Math.max(1, lastFire - due) / 1000), p99LatenessMs: p99(lateness) };
}

async function baselineRun(): Promise<Outcome> {
  const due = Date.now() + 1000;
  const lateness: number[] = [];
  let lastFire = 0;
  await new Promise<void>((resolve) => {
    for (let i = 0; i < SCHEDULES; i++) {
      setTimeout(() => {
        const now = Date.now();
        lateness.push(now - due);
        lastFire = now;
        if (lateness.length === SCHEDULES) resolve();
      }, due - Date.now());
    }
  });
  return { firesPerSecond: SCHEDULES / (Math.max(1, lastFire - due) / 1000), p99LatenessMs: p99(lateness) };
}

export async function run(): Promise<Measurement[]> {
  const scheduler: Outcome[] = [];
  const baseline: Outcome[] = [];
  for (let i = 0; i < RUNS; i++) {
    scheduler.push(await schedulerRun());
    baseline.push(await baselineRun());
  }
  const pick = (list: Outcome[], key: keyof Outcome) => {
    let i = 0;
    return () => list[i++][key];
  };
  return [
    await measure(
      'scheduler: 10k due at once on SQLite, fires',
      'fires/s',
      RUNS,
      pick(scheduler, 'firesPerSecond'),
      'claim + fire + confirm, each a SQLite CAS',
    ),
    await measure(
      'scheduler: p99 lateness of a fire',
      'ms',
      RUNS,
      pick(scheduler, 'p99LatenessMs'),
      'AWS promises 60 s precision',
    ),
    await measure(
      'baseline: 10k setTimeouts due at once',
      'fires/s',
      RUNS,
      pick(baseline, 'firesPerSecond'),
      'no store, no claim',
    ),
    await measure('baseline: p99 lateness of a setTimeout', 'ms', RUNS, pick(baseline, 'p99LatenessMs')),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
