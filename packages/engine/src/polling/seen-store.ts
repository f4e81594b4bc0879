// The SeenStore port: per poller, the keys of the items already seen. Bounded: it keeps the
// `maxSeen` most recently seen keys, and never fewer than the keys of the current fetch, so an
// item still in the source can never be forgotten and come back as "new".

export interface MarkSeenResult {
  /** The keys that had not been seen before, in the order given. */
  fresh: string[];
  /** True when nothing had ever been recorded for this poller (the first poll). */
  firstPoll: boolean;
}

export interface SeenStore {
  /**
   * Records `keys` (one fetch, source order) as seen, atomically: two pollers racing on the same
   * id each get a key as fresh at most once between them. Then trims the set to
   * `max(maxSeen, keys.length)` most recently seen keys.
   */
  markSeen(pollerId: string, keys: string[], maxSeen: number): Promise<MarkSeenResult>;
  /** Forgets a poller entirely (its next poll is a first poll again). */
  forget(pollerId: string): Promise<void>;
  /** How many keys are kept for a poller (for tests and the UI). */
  count(pollerId: string): Promise<number>;
  close(): Promise<void>;
}

/** SeenStore in memory; same contract as SQLite, nothing survives the process. */
export function createMemorySeenStore(): SeenStore {
  // Map insertion order = recency: a key seen again is deleted and re-inserted at the end.
  const sets = new Map<string, Map<string, true>>();
  return {
    async markSeen(pollerId, keys, maxSeen) {
      const firstPoll = !sets.has(pollerId);
      const set = sets.get(pollerId) ?? new Map<string, true>();
      sets.set(pollerId, set);
      const fresh: string[] = [];
      const inBatch = new Set<string>();
      for (const key of keys) {
        if (inBatch.has(key)) continue;
        inBatch.add(key);
        if (set.has(key)) set.delete(key);
        else fresh.push(key);
        set.set(key, true);
      }
      const bound = Math.max(maxSeen, inBatch.size);
      for (const key of set.keys()) {
        if (set.size <= bound) break;
        set.delete(key);
      }
      return { fresh, firstPoll };
    },
    async forget(pollerId) {
      sets.delete(pollerId);
    },
    async count(pollerId) {
      return sets.get(pollerId)?.size ?? 0;
    },
    async close() {},
  };
}
