import type { SqlCommit } from '@flowdeck/store-sqlite';
import type Database from 'better-sqlite3';
import { perDatabase } from './per-database.ts';

// Preparing a statement costs more than running it; every SQL text is prepared once per database.
const statementsOf = perDatabase(() => new Map<string, Database.Statement>());

export function prepared(db: Database.Database, sql: string): Database.Statement {
  const cache = statementsOf(db);
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

/** Applies a commit's statements in one transaction on `db`. */
export function runInTransaction(db: Database.Database, commit: SqlCommit): void {
  db.transaction(() => {
    for (const [sql, params] of commit) {
      if (Array.isArray(params)) prepared(db, sql).run(...params);
      else prepared(db, sql).run(params);
    }
  })();
}
