// Group commit: every commit requested during one turn of the event loop is applied in a single
// SQLite transaction (one WAL append, one lock), and each caller's promise settles only after that
// transaction has committed. A commit that fails on its own is rolled back to its savepoint and
// rejects alone; the others in the batch still land.

interface Pending<T> {
  item: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitter<T> {
  submit(item: T): Promise<void>;
  /** Applies whatever is pending now, synchronously (used by close()). */
  flush(): void;
}

/**
 * `applyBatch` runs the whole batch in one transaction and returns, per item, `undefined` or the
 * error that rolled that item back. If it throws, the transaction did not commit: every caller
 * in the batch is rejected with that error.
 */
export function createGroupCommitter<T>(
  applyBatch: (items: T[]) => (unknown | undefined)[],
): GroupCommitter<T> {
  let pending: Pending<T>[] = [];
  let scheduled = false;

  function flush(): void {
    scheduled = false;
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    let outcomes: (unknown | undefined)[];
    try {
      outcomes = applyBatch(batch.map((p) => p.item));
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    batch.forEach((p, i) => {
      if (outcomes[i] === undefined) p.resolve();
      else p.reject(outcomes[i]);
    });
  }

  return {
    submit(item) {
      return new Promise<void>((resolve, reject) => {
        pending.push({ item, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          // setImmediate runs after every promise continuation of the current turn, so commits
          // made by many executions advancing "at once" share one transaction.
          setImmediate(flush);
        }
      });
    },
    flush,
  };
}
