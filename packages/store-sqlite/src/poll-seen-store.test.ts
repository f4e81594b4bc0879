import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPoller } from '@flowdeck/engine';
import { seenStoreContract } from '@flowdeck/engine/seen-store-contract';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteSeenStore } from './poll-seen-store.ts';
import { createSqliteScheduleStore } from './schedule-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'flowdeck-poll-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshPath = () => join(dir, `p${n++}`, 'flowdeck.db');

seenStoreContract('sqlite', () => createSqliteSeenStore({ path: freshPath() }));

describe('SQLite seen-sets on disk', () => {
  it('a poller restarted on the same file remembers what it saw', async () => {
    const path = freshPath();
    let items = [{ id: 'a' }, { id: 'b' }];
    const first = createSqliteSeenStore({ path });
    await createPoller({ id: 'feed', seenStore: first, fetchItems: async () => items }).poll();
    await first.close();

    items = [{ id: 'c' }, ...items];
    const again = createSqliteSeenStore({ path });
    expect(
      await createPoller({ id: 'feed', seenStore: again, fetchItems: async () => items }).poll(),
    ).toEqual([{ id: 'c' }]);
    await again.close();
  });

  it('shares a data file with the schedule store', async () => {
    const path = freshPath();
    const schedules = createSqliteScheduleStore({ path });
    const seen = createSqliteSeenStore({ path });
    expect(await seen.markSeen('p', ['x'], 5)).toEqual({ fresh: ['x'], firstPoll: true });
    expect(await schedules.list()).toEqual([]);
    await seen.close();
    await schedules.close();
  });
});
