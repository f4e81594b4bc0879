// Applies a batch of commits to one SQLite connection: the whole batch in one transaction, each
// commit all-or-nothing. Plain JavaScript because it also runs as the writer thread's code
// (writer-thread.mjs), which Node loads without a TypeScript loader.

/**
 * @param {import('better-sqlite3').Database} db
 * @returns {(batch: [string, unknown][][]) => ({ message: string; code?: string } | null)[]}
 */
export function createBatchExecutor(db) {
  /** @type {Map<string, import('better-sqlite3').Statement>} */
  const statements = new Map();
  const statement = (sql) => {
    let s = statements.get(sql);
    if (!s) {
      s = db.prepare(sql);
      statements.set(sql, s);
    }
    return s;
  };
  const runItem = (item) => {
    for (const [sql, params] of item) {
      if (Array.isArray(params)) statement(sql).run(...params);
      else statement(sql).run(params);
    }
  };
  // Fast path: every commit of the batch in one transaction, no savepoints. If anything in it
  // fails, the transaction rolls back and the batch is replayed with each commit in its own
  // savepoint (nested better-sqlite3 transactions), so only the failing commit is rejected.
  const applyAll = db.transaction((batch) => {
    for (const item of batch) runItem(item);
  });
  const applyOne = db.transaction(runItem);
  const applyIsolated = db.transaction((batch) =>
    batch.map((item) => {
      try {
        applyOne(item);
        return null;
      } catch (error) {
        return errorInfo(error);
      }
    }),
  );
  /** Throws when the transaction itself could not commit (every commit of the batch failed). */
  return (batch) => {
    try {
      applyAll.immediate(batch);
      return batch.map(() => null);
    } catch (error) {
      if (batch.length === 1) return [errorInfo(error)];
      return applyIsolated.immediate(batch);
    }
  };
}

/** An error as data, so that it can cross from the writer thread. */
export function errorInfo(error) {
  return {
    message: error instanceof Error ? error.message : String(error),
    ...(error && typeof error.code === 'string' ? { code: error.code } : {}),
  };
}
