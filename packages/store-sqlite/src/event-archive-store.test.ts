import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createMemoryEventArchiveStore } from '@flowdeck/engine';
import {
  archivedEvent,
  delivery,
  describeEventArchiveContract,
  describeEventBusRestart,
  wait,
} from '@flowdeck/engine/event-archive-contract';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteEventArchiveStore } from './event-archive-store.ts';
import { createSqliteStore } from './sqlite-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'flowdeck-event-archive-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = () => join(dir, `archive-${n++}.db`);

describeEventArchiveContract('memory', () => createMemoryEventArchiveStore());
describeEventArchiveContract('SQLite', () => createSqliteEventArchiveStore({ path: file() }));
describeEventArchiveContract("SQLite on the runtime store's connection and group commits", () => {
  const shared = sharedConnection();
  return shared.archive;
});

/** The app's layout: one connection for the runtime store and the archive, commits through `write`. */
function sharedConnection() {
  const db = new Database(file());
  db.pragma('journal_mode = WAL');
  const store = createSqliteStore({ database: db });
  const writes: number[] = [];
  const inner = createSqliteEventArchiveStore({
    database: db,
    write: (commit) => {
      writes.push(writes.length);
      return store.write(commit);
    },
  });
  const archive = {
    ...inner,
    async close() {
      await inner.close();
      await store.close();
      db.close();
    },
  };
  return { db, store, archive, writes };
}

describe('SQLite event archive on disk', () => {
  it('finds everything again after a reopen', async () => {
    const path = file();
    const first = createSqliteEventArchiveStore({ path });
    await first.commit({
      events: [archivedEvent(1, 2000), archivedEvent(2, 1000)],
      deliveries: [delivery('d1')],
      waits: [wait('w1')],
    });
    await first.close();
    const second = createSqliteEventArchiveStore({ path });
    const events = await second.listEvents({ busName: 'default', from: 0, to: 10_000 });
    expect(events.map((e) => e.event.id)).toEqual(['e-2', 'e-1']);
    expect(await second.listDeliveries('default', 'PENDING')).toEqual([delivery('d1')]);
    expect(await second.listWaits('default')).toEqual([wait('w1')]);
    await second.commit({ events: [archivedEvent(3, 1000)] });
    const again = await second.listEvents({ busName: 'default', from: 0, to: 10_000 });
    expect(again.map((e) => e.event.id)).toEqual(['e-2', 'e-3', 'e-1']);
    await second.close();
  });

  it('shares a file with the runtime store without disturbing its schema', async () => {
    const path = file();
    const runtimeStore = createSqliteStore({ path });
    const archive = createSqliteEventArchiveStore({ path });
    await archive.commit({ events: [archivedEvent(1, 1000)] });
    expect(await runtimeStore.listRunningExecutions()).toEqual([]);
    expect(await archive.countEvents('default')).toBe(1);
    await archive.close();
    await runtimeStore.close();
  });

  it("commits through the runtime store's group commit when given its `write`", async () => {
    const { store, archive, writes } = sharedConnection();
    await Promise.all([
      archive.commit({ events: [archivedEvent(1, 1000)] }),
      store.write([]),
      archive.commit({ events: [archivedEvent(2, 1000)] }),
    ]);
    expect(writes).toHaveLength(2);
    expect(await archive.countEvents('default')).toBe(2);
    await archive.close();
  });

  it('uses its time indexes for replay ranges and pruning', async () => {
    const path = file();
    await createSqliteEventArchiveStore({ path }).close();
    const db = new Database(path, { readonly: true });
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
    expect(
      plan("SELECT * FROM event_archive WHERE bus_name = 'b' AND time >= 1 AND time < 2 ORDER BY time, seq"),
    ).toMatch(/USING INDEX event_archive_by_time/);
    expect(plan("DELETE FROM event_archive WHERE bus_name = 'b' AND archived_at < 5")).toMatch(
      /USING (COVERING )?INDEX event_archive_by_archived_at/,
    );
    db.close();
  });
});

describe('SQLite event archive across a restart', () => {
  describeEventBusRestart('SQLite', async () => {
    const path = file();
    return () => createSqliteEventArchiveStore({ path });
  });
});
