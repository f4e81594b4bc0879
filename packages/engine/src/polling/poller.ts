import jsonLogic, { type RulesLogic } from 'json-logic-js';
import type { SeenStore } from './seen-store.ts';

// "Every N minutes, start a run for each new item (that meets a condition)." The poller is the
// core of that trigger; the host calls poll() on its schedule and starts one run per item.
// First poll: everything is recorded as seen and nothing is emitted, so turning a trigger on
// against a feed of 50 old posts does not start 50 runs.

export interface PollerOptions<T> {
  /** Identifies this poller's seen-set (e.g. the workflow's trigger id). */
  id: string;
  seenStore: SeenStore;
  /** The source's current items, in source order. */
  fetchItems: () => Promise<T[]>;
  /** The item's identity: a property name (dots go deeper) or a function. Default `id`. */
  itemKey?: string | ((item: T) => unknown);
  /** json-logic rule an item must meet to be emitted ("when a condition is met"). */
  filter?: RulesLogic;
  /** Keys kept per poller (never fewer than one fetch). Default 1000. */
  maxSeen?: number;
}

export interface Poller<T> {
  /** New items since the last poll, in source order; [] on the first poll. */
  poll(): Promise<T[]>;
}

export function createPoller<T>(options: PollerOptions<T>): Poller<T> {
  const maxSeen = Math.max(1, options.maxSeen ?? 1000);
  const keyOf = keyFunction(options.itemKey ?? 'id');
  if (
    options.filter !== undefined &&
    !jsonLogic.is_logic(options.filter) &&
    typeof options.filter !== 'boolean'
  ) {
    throw new TypeError('The poller filter must be a json-logic rule.');
  }
  return {
    async poll() {
      const items = await options.fetchItems();
      const keyed = items.map((item) => ({ item, key: keyOf(item) }));
      const { fresh, firstPoll } = await options.seenStore.markSeen(
        options.id,
        keyed.map((k) => k.key),
        maxSeen,
      );
      if (firstPoll || fresh.length === 0) return [];
      const isFresh = new Set(fresh);
      const emitted: T[] = [];
      for (const { item, key } of keyed) {
        if (!isFresh.delete(key)) continue; // the same key twice in one fetch: the first wins
        if (options.filter === undefined || jsonLogic.truthy(jsonLogic.apply(options.filter, item as object)))
          emitted.push(item);
      }
      return emitted;
    },
  };
}

function keyFunction<T>(itemKey: string | ((item: T) => unknown)): (item: T) => string {
  const read =
    typeof itemKey === 'function'
      ? itemKey
      : (item: T) =>
          itemKey
            .split('.')
            .reduce<unknown>(
              (v, part) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined),
              item,
            );
  return (item) => {
    const key = read(item);
    // No key: the item's content is its identity (an edited item then counts as new).
    if (key === undefined || key === null || key === '') return `json:${JSON.stringify(item)}`;
    return typeof key === 'string' ? key : JSON.stringify(key);
  };
}
