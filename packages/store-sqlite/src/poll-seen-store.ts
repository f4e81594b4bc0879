import type { SeenStore } from '@flowdeck/engine';
import { openConnection, type SqliteConnectionOptions } from './connection.ts';
import { POLL_MIGRATIONS } from './poll-schema.ts';
import { migrateComponent } from './schedule-schema.ts';

export type SqliteSeenStoreOptions = SqliteConnectionOptions;

/** The engine's SeenStore on SQLite: each markSeen is one IMMEDIATE transaction. */
export function createSqliteSeenStore(options: SqliteSeenStoreOptions): SeenStore {
  const { db, borrowed } = openConnection(options);
  migrateComponent(db, 'poll', POLL_MIGRATIONS);

  const sql = {
    state: db.prepare('SELECT next_seq FROM poll_state WHERE poller_id = ?'),
    setState: db.prepare(
      'INSERT INTO poll_state (poller_id, next_seq) VALUES (?, ?) ON CONFLICT (poller_id) DO UPDATE SET next_seq = excluded.next_seq',
    ),
    has: db.prepare('SELECT 1 FROM poll_seen WHERE poller_id = ? AND item_key = ?'),
    upsert: db.prepare(
      'INSERT INTO poll_seen (poller_id, item_key, seq) VALUES (?, ?, ?) ON CONFLICT (poller_id, item_key) DO UPDATE SET seq = excluded.seq',
    ),
    count: db.prepare('SELECT count(*) AS n FROM poll_seen WHERE poller_id = ?'),
    // Everything older than the bound-th newest key goes.
    trim: db.prepare(
      `DELETE FROM poll_seen WHERE poller_id = @id AND seq < (
         SELECT seq FROM poll_seen WHERE poller_id = @id ORDER BY seq DESC LIMIT 1 OFFSET @bound - 1)`,
    ),
    forgetSeen: db.prepare('DELETE FROM poll_seen WHERE poller_id = ?'),
    forgetState: db.prepare('DELETE FROM poll_state WHERE poller_id = ?'),
  };

  const mark = db.transaction((pollerId: string, keys: string[], maxSeen: number) => {
    const state = sql.state.get(pollerId) as { next_seq: number } | undefined;
    let seq = state?.next_seq ?? 1;
    const fresh: string[] = [];
    const inBatch = new Set<string>();
    for (const key of keys) {
      if (inBatch.has(key)) continue;
      inBatch.add(key);
      if (!sql.has.get(pollerId, key)) fresh.push(key);
      sql.upsert.run(pollerId, key, seq++);
    }
    sql.setState.run(pollerId, seq);
    sql.trim.run({ id: pollerId, bound: Math.max(1, maxSeen, inBatch.size) });
    return { fresh, firstPoll: state === undefined };
  });

  let closed = false;
  const open = () => {
    if (closed) throw new Error('The seen store is closed.');
  };

  return {
    async markSeen(pollerId, keys, maxSeen) {
      open();
      return mark.immediate(pollerId, keys, maxSeen);
    },
    async forget(pollerId) {
      open();
      db.transaction(() => {
        sql.forgetSeen.run(pollerId);
        sql.forgetState.run(pollerId);
      })();
    },
    async count(pollerId) {
      open();
      return (sql.count.get(pollerId) as { n: number }).n;
    },
    async close() {
      if (closed) return;
      closed = true;
      if (!borrowed) db.close();
    },
  };
}
