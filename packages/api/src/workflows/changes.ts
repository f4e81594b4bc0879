// In-process copies of workflow rows (the webhook lookup by token, workflow names for platform
// events) hold while this counter stands still. Every route that updates or deletes a workflow row
// bumps it after writing, so a disabled, redeployed or deleted workflow is seen at the next
// request. (One process per data directory: docs/api.md, "Running".)
import type Database from 'better-sqlite3';
import { perDatabase } from '../db/per-database.ts';

const counterOf = perDatabase(() => ({ generation: 0 }));

/** Call after updating or deleting workflow rows (an organisation's deletion included). */
export function workflowsChanged(db: Database.Database): void {
  counterOf(db).generation++;
}

/** Changes whenever `workflowsChanged` is called; a cache built at another value is stale. */
export function workflowsGeneration(db: Database.Database): number {
  return counterOf(db).generation;
}

/** A map of values read from workflow rows, emptied whenever workflows change. */
export class WorkflowRowCache<V> {
  private readonly entries = new Map<string, V>();
  private generation = -1;

  constructor(
    private readonly db: Database.Database,
    /** Entries kept at most; past it the cache starts again empty. */
    private readonly limit = 10_000,
  ) {}

  get(key: string, read: () => V | undefined): V | undefined {
    const now = workflowsGeneration(this.db);
    if (now !== this.generation) {
      this.entries.clear();
      this.generation = now;
    }
    let value = this.entries.get(key);
    if (value === undefined) {
      value = read();
      if (value === undefined) return undefined; // misses are not kept: a new row is found at once
      if (this.entries.size >= this.limit) this.entries.clear();
      this.entries.set(key, value);
    }
    return value;
  }
}
