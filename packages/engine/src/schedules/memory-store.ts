import { dueAt, type ScheduleRecord, type ScheduleStore } from './store.ts';

/** ScheduleStore in memory: same contract as SQLite, nothing survives the process. */
export function createMemoryScheduleStore(): ScheduleStore {
  const records = new Map<string, ScheduleRecord>();
  const copy = (r: ScheduleRecord): ScheduleRecord => structuredClone(r);

  return {
    async get(id) {
      const r = records.get(id);
      return r && copy(r);
    },
    async list() {
      return [...records.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map(copy);
    },
    async compareAndSet(writes) {
      return writes.map(({ record, expectedVersion }) => {
        const current = records.get(record.id)?.version ?? 0;
        if (current !== expectedVersion) return false;
        records.set(record.id, { ...copy(record), version: expectedVersion + 1 });
        return true;
      });
    },
    async delete(id) {
      records.delete(id);
    },
    async listDue(now, limit) {
      const due: [number, ScheduleRecord][] = [];
      for (const r of records.values()) {
        const at = dueAt(r);
        if (at !== undefined && at <= now) due.push([at, r]);
      }
      due.sort((a, b) => a[0] - b[0] || (a[1].id < b[1].id ? -1 : 1));
      return due.slice(0, Math.max(0, limit)).map(([, r]) => copy(r));
    },
    async nextWakeAt() {
      let min: number | undefined;
      for (const r of records.values()) {
        const at = dueAt(r);
        if (at !== undefined && (min === undefined || at < min)) min = at;
      }
      return min;
    },
    async close() {},
  };
}
