import type Database from 'better-sqlite3';

/** One SQL statement and its parameters (positional, or named as an object). */
export type SqlStatement = [sql: string, params: unknown[] | Record<string, unknown>];
/** A commit: statements applied all-or-nothing. */
export type SqlCommit = SqlStatement[];
/** Why one commit was rolled back. */
export interface CommitErrorInfo {
  message: string;
  code?: string;
}

export function createBatchExecutor(
  db: Database.Database,
): (batch: SqlCommit[]) => (CommitErrorInfo | null)[];
export function errorInfo(error: unknown): CommitErrorInfo;
