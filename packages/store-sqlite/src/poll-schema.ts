import type { ComponentMigration } from './schedule-schema.ts';

// Poll seen-sets, migrated on the `component_schema_version` ledger as component "poll".
export const POLL_MIGRATIONS: readonly ComponentMigration[] = [
  {
    version: 1,
    description: 'poll seen-sets: keys per poller with a recency sequence',
    sql: `
      -- One row per poller that has polled at least once (an empty first fetch counts).
      CREATE TABLE poll_state (
        poller_id TEXT PRIMARY KEY,
        next_seq  INTEGER NOT NULL
      );
      -- seq grows each time a key is seen; the smallest seqs are trimmed first.
      CREATE TABLE poll_seen (
        poller_id TEXT NOT NULL,
        item_key  TEXT NOT NULL,
        seq       INTEGER NOT NULL,
        PRIMARY KEY (poller_id, item_key)
      ) WITHOUT ROWID;
      CREATE INDEX poll_seen_by_seq ON poll_seen (poller_id, seq);
    `,
  },
];
