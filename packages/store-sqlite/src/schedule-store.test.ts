import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScheduler, createVirtualClock, systemClock } from '@flowdeck/engine';
import { advanceTo, recordFires, scheduleStoreContract } from '@flowdeck/engine/schedule-store-contract';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteScheduleStore } from './schedule-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'flowdeck-schedules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshPath = () => join(dir, `s${n++}`, 'flowdeck.db');
const T = (iso: string) => Date.parse(iso);

scheduleStoreContract('sqlite', () => createSqliteScheduleStore({ path: freshPath() }));

describe('SQLite schedules on disk', () => {
  it('records its own migration without touching the core schema_version', async () => {
    const path = freshPath();
    await createSqliteScheduleStore({ path }).close();
    await createSqliteScheduleStore({ path }).close(); // second open: nothing to migrate
    const db = new Database(path, { readonly: true });
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
        name: string;
      }[]
    ).map((r) => r.name);
    const ledger = db.prepare('SELECT component, version FROM component_schema_version').all();
    db.close();
    expect(tables).toEqual(['component_schema_version', 'schedules']);
    expect(ledger).toEqual([{ component: 'schedules', version: 1 }]);
  });

  it('a scheduler restarted on the same file does not fire a slot again and fires what fell due', async () => {
    const path = freshPath();
    const clock = createVirtualClock(T('2025-01-01T00:00:00Z'));
    const firstStore = createSqliteScheduleStore({ path });
    const first = recordFires(clock);
    const a = createScheduler({
      store: firstStore,
      clock,
      fire: first.fire,
      ownerId: 'host-a',
      rescanMs: 3_600_000,
    });
    await a.upsert({ id: 'hourly', expression: 'cron(0 * * * ? *)' });
    await a.upsert({ id: 'every-20', expression: 'rate(20 minutes)', missedPolicy: 'skip' });
    await a.upsert({ id: 'launch', expression: 'at(2025-01-01T01:30:00)' });
    await a.upsert({ id: 'later', expression: 'at(2025-01-01T04:10:00)', payload: { post: 7 } });
    a.start();
    await advanceTo(clock, '2025-01-01T01:45:00Z');
    await a.stop();
    await firstStore.close();

    // Down until 04:05; a new store connection and scheduler on the same file.
    await advanceTo(clock, '2025-01-01T04:05:00Z');
    const secondStore = createSqliteScheduleStore({ path });
    const second = recordFires(clock);
    const b = createScheduler({
      store: secondStore,
      clock,
      fire: second.fire,
      ownerId: 'host-a',
      rescanMs: 3_600_000,
    });
    b.start();
    await advanceTo(clock, '2025-01-01T04:30:00Z');
    await b.stop();

    // By slot, then id (simultaneous slots fire in no promised order).
    const slots = (list: { id: string; slot: string }[]) =>
      list
        .map((f) => `${f.slot.slice(11, 16)} ${f.id}`)
        .sort()
        .map((s) => s.split(' ').reverse().join(' '));
    expect(slots(first.fired)).toEqual([
      'every-20 00:00',
      'hourly 00:00',
      'every-20 00:20',
      'every-20 00:40',
      'every-20 01:00',
      'hourly 01:00',
      'every-20 01:20',
      'launch 01:30',
      'every-20 01:40',
    ]);
    expect(slots(second.fired)).toEqual(['hourly 04:00', 'later 04:10', 'every-20 04:20']);
    expect(second.fired.find((f) => f.id === 'hourly')?.context.missedSlots).toBe(2);
    expect(second.fired.find((f) => f.id === 'later')?.payload).toEqual({ post: 7 });
    expect((await secondStore.get('launch'))?.nextFireAt).toBeUndefined();
    await secondStore.close();
  });

  it('two schedulers with their own connections to one file fire each slot exactly once', async () => {
    const path = freshPath();
    const clock = createVirtualClock(T('2025-01-01T00:00:00Z'));
    const stores = [createSqliteScheduleStore({ path }), createSqliteScheduleStore({ path })];
    const fired: string[][] = [[], []];
    const schedulers = stores.map((store, i) =>
      createScheduler({
        store,
        clock,
        ownerId: `p${i}`,
        maxConcurrentFires: 16,
        fire: async (s, t) => {
          fired[i].push(`${s.id}@${t.toISOString()}`);
          await Promise.resolve();
        },
      }),
    );
    for (let i = 0; i < 150; i++)
      await schedulers[i % 2].upsert({ id: `s${i}`, expression: 'rate(1 minute)' });
    for (const s of schedulers) s.start();
    await advanceTo(clock, '2025-01-01T00:09:30Z');
    await Promise.all(schedulers.map((s) => s.stop()));
    const all = [...fired[0], ...fired[1]];
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(150 * 10);
    expect(fired[0].length).toBeGreaterThan(0);
    expect(fired[1].length).toBeGreaterThan(0);
    for (const s of stores) await s.close();
  });

  it('two processes on one file fire each slot exactly once', async () => {
    const path = freshPath();
    // Create the tables first so the two children do not start by racing on the migration.
    const store = createSqliteScheduleStore({ path });
    const here = dirname(fileURLToPath(import.meta.url));
    const children = [0, 1].map((i) => {
      const out = join(dirname(path), `fired-${i}.json`);
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(here, 'schedule-race-child.ts'), path, `proc-${i}`, out],
        {
          stdio: ['pipe', 'pipe', 'inherit'],
        },
      );
      return { child, out, ready: lineFrom(child, 'ready') };
    });
    await Promise.all(children.map((c) => c.ready));

    // Everything due 300 ms from now, then a per-second cron for a few seconds.
    const editor = createScheduler({ store, clock: systemClock, ownerId: 'editor', fire: async () => {} });
    const start = Date.now() + 300;
    for (let i = 0; i < 200; i++)
      await editor.upsert({ id: `r${i}`, expression: 'rate(1 hour)', startDate: start });
    for (let i = 0; i < 10; i++)
      await editor.upsert({ id: `c${i}`, expression: '* * * * * *', endDate: start + 2500 });
    // Wait until every schedule is done in the store and each last claimed slot has been fired by
    // a child (a busy machine delays fires; a fixed sleep made this test flaky).
    const seen = new Set<string>();
    for (const c of children)
      onLines(c.child, (line) => line.startsWith('fired ') && seen.add(line.slice(6)));
    const done = async () => {
      for (let i = 0; i < 200; i++) if (!seen.has(`r${i}@${new Date(start).toISOString()}`)) return false;
      for (let i = 0; i < 10; i++) {
        const record = await store.get(`c${i}`);
        if (record?.nextFireAt !== undefined || record?.lastFiredAt === undefined) return false;
        if (!seen.has(`c${i}@${new Date(record.lastFiredAt).toISOString()}`)) return false;
      }
      return true;
    };
    const deadline = Date.now() + 20_000;
    while (!(await done()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const fired: string[] = [];
    for (const c of children) {
      c.child.stdin?.write('stop\n');
      await new Promise((resolve) => c.child.once('exit', resolve));
      fired.push(...(JSON.parse(readFileSync(c.out, 'utf8')) as string[]));
    }
    expect(new Set(fired).size).toBe(fired.length);
    for (let i = 0; i < 200; i++)
      expect(fired.filter((f) => f.startsWith(`r${i}@`))).toEqual([`r${i}@${new Date(start).toISOString()}`]);
    // Every per-second slot between creation and the end date fired once, and the store agrees.
    for (let i = 0; i < 10; i++) {
      const record = await store.get(`c${i}`);
      const mine = fired.filter((f) => f.startsWith(`c${i}@`));
      expect(mine.length).toBeGreaterThanOrEqual(2);
      // The two children's lists are concatenated: the latest slot is the largest ISO time, not the last entry.
      expect([...mine].sort().at(-1)).toBe(`c${i}@${new Date(record?.lastFiredAt as number).toISOString()}`);
      expect(record?.nextFireAt).toBeUndefined();
    }
    await store.close();
  }, 40_000);
});

function onLines(child: ChildProcess, listener: (line: string) => void): void {
  let buffer = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    lines.forEach(listener);
  });
}

function lineFrom(child: ChildProcess, expected: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      if (buffer.split('\n').includes(expected)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before "${expected}"`)));
  });
}
