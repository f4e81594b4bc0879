import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/** Where a SQLite adapter keeps its tables: a file it opens, or a connection it borrows. */
export type SqliteConnectionOptions =
  | {
      /** Database file; its directory is created if missing. `:memory:` for throwaway stores. */
      path: string;
      /** How long a write waits for another process holding the lock (ms). Default 5000. */
      busyTimeoutMs?: number;
    }
  | {
      /**
       * An open connection (WAL mode expected) to share with the caller and the other adapters.
       * One connection per process and file matters: a commit on another connection to the same
       * file makes this one drop its whole page cache and read pages back from disk.
       * The caller closes it.
       */
      database: Database.Database;
      /** How long the store's writer waits for another connection holding the lock (ms). Default 5000. */
      busyTimeoutMs?: number;
    };

export interface SqliteConnection {
  db: Database.Database;
  /** True when the connection belongs to the caller (`close()` must leave it open). */
  borrowed: boolean;
}

export function openConnection(options: SqliteConnectionOptions): SqliteConnection {
  if ('database' in options) return { db: options.database, borrowed: true };
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const db = new Database(options.path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -16000'); // 16 MB of page cache (the default is 2 MB)
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
  return { db, borrowed: false };
}
