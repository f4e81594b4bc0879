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
  emitAbortedThreads([...all.values()], all, batch);
}

/**
 * A Map iteration or Parallel branch failed: the siblings still running (and everything nested
 * in them) are aborted the same way, each event linked to the failing event (`prev`), as AWS
 * links them.
 */
export function emitAbortedChildren(parent: Live, all: Map<string, Live>, batch: Batch, prev: number) {
  const below: Live[] = [];
  const collect = (live: Live) => {
    for (const kid of live.kids ?? []) {
      below.push(kid);
      collect(kid);
    }
  };
  collect(parent);
  emitAbortedThreads(below, all, batch, prev);
}

function emitAbortedThreads(list: Live[], all: Map<string, Live>, batch: Batch, prev?: number) {
  const threads = list.filter((l) => l.s.phase !== 'done' && !l.stopped);
  threads.sort(
    (a, b) => b.s.id.split('/').length - a.s.id.split('/').length || (a.s.slot ?? 0) - (b.s.slot ?? 0),
  );
  for (const live of threads) {
    const s = live.s;
    const node = live.machine.states.get(s.state);
    // Only a state whose StateEntered is in the history can be aborted.
    if (node && s.phase !== 'enter' && s.enteredId !== undefined && ABORTABLE.has(node.type))
      emit(batch, s, `${node.type}StateAborted`, undefined, prev);
    if (s.item) {
      const parent = s.parent ? all.get(s.parent) : undefined;
      emit(batch, s, 'MapIterationAborted', { name: parent?.s.state ?? '', index: s.item.index }, prev);
    }
  }
}

/** The event a failed child thread failed at (for a Map iteration, the one before MapIterationFailed). */
export function failingEventId(kid: Live): number {
  const o = kid.s.outcome;
  return (o && !o.ok && o.failedAt) || kid.s.last;
}

/** The id (or pending event) a thread's next event follows. */
export function lastOf(batch: Batch, s: ThreadState): number | PendingEvent {
  for (let i = batch.events.length - 1; i >= 0; i--) if (batch.events[i].owner === s) return batch.events[i];
  return s.last;
}
