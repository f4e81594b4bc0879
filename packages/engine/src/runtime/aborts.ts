import { type Batch, type PendingEvent, emit } from './commit.ts';
import type { Live } from './live.ts';
import type { ThreadState } from './thread.ts';

/** State types that write a `<Type>StateAborted` event when the execution is stopped inside them. */
const ABORTABLE = new Set(['Task', 'Parallel', 'Map', 'Wait']);

/**
 * StopExecution inside running states: innermost first, each Task/Parallel/Map/Wait a thread is
 * in writes `<Type>StateAborted`, and each running Map iteration `MapIterationAborted`.
 */
export function emitAborted(all: Map<string, Live>, batch: Batch) {
  const threads = [...all.values()].filter((l) => l.s.phase !== 'done' && !l.stopped);
  threads.sort(
    (a, b) => b.s.id.split('/').length - a.s.id.split('/').length || (a.s.slot ?? 0) - (b.s.slot ?? 0),
  );
  for (const live of threads) {
    const s = live.s;
    const node = live.machine.states.get(s.state);
    if (node && s.phase !== 'enter' && ABORTABLE.has(node.type)) emit(batch, s, `${node.type}StateAborted`);
    if (s.item) {
      const parent = s.parent ? all.get(s.parent) : undefined;
      emit(batch, s, 'MapIterationAborted', { name: parent?.s.state ?? '', index: s.item.index });
    }
  }
}

/** The id (or pending event) a thread's next event follows. */
export function lastOf(batch: Batch, s: ThreadState): number | PendingEvent {
  for (let i = batch.events.length - 1; i >= 0; i--) if (batch.events[i].owner === s) return batch.events[i];
  return s.last;
}
