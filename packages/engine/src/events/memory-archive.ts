// The in-memory EventArchiveStore: for tests and throwaway buses. Records are copied in and out
// so callers never share objects with the store (as with a real database).

import type {
  ArchivedEvent,
  DeliveryRecord,
  DeliveryStatus,
  EventArchiveStore,
  EventWaitRecord,
} from './archive-store.ts';

const copy = <T>(value: T): T => structuredClone(value);

export function createMemoryEventArchiveStore(): EventArchiveStore {
  // Kept sorted by (time, seq): appends are usually in time order, so insertion is cheap.
  const events: ArchivedEvent[] = [];
  const deliveries = new Map<string, DeliveryRecord>();
  const waits = new Map<string, EventWaitRecord>();
  let seq = 0;
  let closed = false;

  const before = (a: ArchivedEvent, b: ArchivedEvent) =>
    a.time < b.time || (a.time === b.time && a.seq < b.seq);
  const insert = (record: ArchivedEvent) => {
    let i = events.length;
    while (i > 0 && before(record, events[i - 1])) i--;
    events.splice(i, 0, record);
  };
  const open = () => {
    if (closed) throw new Error('The event archive store is closed.');
  };

  return {
    async commit(changes) {
      open();
      // Copy everything first so a bad record (not cloneable) changes nothing.
      const newEvents = (changes.events ?? []).map(copy);
      const newDeliveries = (changes.deliveries ?? []).map(copy);
      const newWaits = (changes.waits ?? []).map(copy);
      for (const e of newEvents) insert({ ...e, seq: ++seq });
      for (const d of newDeliveries) deliveries.set(d.id, d);
      for (const id of changes.deleteDeliveries ?? []) deliveries.delete(id);
      for (const w of newWaits) waits.set(w.taskToken, w);
      for (const token of changes.deleteWaits ?? []) waits.delete(token);
    },
    async listEvents({ busName, from, to, after, limit = 500 }) {
      open();
      const out: ArchivedEvent[] = [];
      for (const e of events) {
        if (out.length >= limit) break;
        if (e.busName !== busName || e.time < from || e.time >= to) continue;
        if (after && !(e.time > after.time || (e.time === after.time && e.seq > after.seq))) continue;
        out.push(copy(e));
      }
      return out;
    },
    async pruneEvents(busName, archivedBefore) {
      open();
      let removed = 0;
      for (let i = events.length - 1; i >= 0; i--) {
        if (events[i].busName === busName && events[i].archivedAt < archivedBefore) {
          events.splice(i, 1);
          removed++;
        }
      }
      return removed;
    },
    async countEvents(busName) {
      open();
      return events.filter((e) => e.busName === busName).length;
    },
    async listDeliveries(busName, status: DeliveryStatus) {
      open();
      return [...deliveries.values()]
        .filter((d) => d.busName === busName && d.status === status)
        .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .map(copy);
    },
    async listWaits(busName) {
      open();
      return [...waits.values()].filter((w) => w.busName === busName).map(copy);
    },
    async close() {
      closed = true;
    },
  };
}
