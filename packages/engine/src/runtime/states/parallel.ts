import { type Tx, emit } from '../commit.ts';
import { finishWithResult } from '../completion.ts';
import { effectiveInput, stateArguments } from '../dataflow.ts';
import type { StateNode } from '../definition.ts';
import type { Execution } from '../execution.ts';
import type { Live } from '../live.ts';
import { emitAbortedChildren, failingEventId } from '../aborts.ts';
import { handleError } from '../retry-catch.ts';
import type { ChildrenState, ThreadState } from '../thread.ts';

/** Parallel: one child thread per branch, all started in the ParallelStateStarted commit. */
export async function startParallel(ex: Execution, live: Live, node: StateNode, tx: Tx): Promise<boolean> {
  const s = live.s;
  const env = ex.env(live);
  const effective = effectiveInput(node, s.input, env);
  const branchInput = await stateArguments(node, effective, env);
  const started = emit(tx.batch, s, 'ParallelStateStarted');
  s.phase = 'children';
  const children: ChildrenState = { kind: 'parallel', startedId: 0, maxConcurrency: 0 };
  s.children = children;
  tx.batch.threads.push(s);
  const kids = node.branches.map((branch, i) => {
    const kid: ThreadState = {
      id: `${s.id}/${i}`,
      parent: s.id,
      path: [...s.path, [node.name, i]],
      state: branch.startAt,
      input: branchInput,
      vars: {},
      last: 0,
      enteredAt: 0,
      phase: 'enter',
      slot: i,
    };
    tx.batch.threads.push(kid);
    return kid;
  });
  started.onId = [
    (id) => {
      children.startedId = id;
      for (const kid of kids) kid.last = id;
    },
  ];
  await ex.flush(tx, live);
  for (const kid of kids) void ex.drive(ex.adopt(kid));
  return false;
}

/** A branch finished: the first failure fails the state; when all succeeded, their outputs in order. */
export async function checkParallel(ex: Execution, live: Live, node: StateNode, tx: Tx): Promise<boolean> {
  const kids = live.kids ?? [];
  const failed = live.kidsFailed;
  if (failed.length) {
    const first = failed[0].s.outcome as { error: string; cause?: string };
    // The branches still running are aborted; AWS links these events to the failing one.
    const at = failingEventId(failed[0]);
    emitAbortedChildren(live, ex.threads, tx.batch, at);
    emit(tx.batch, live.s, 'ParallelStateFailed', undefined, at);
    ex.dropChildren(live, tx);
    return handleError(ex, live, node, tx, first.error, first.cause);
  }
  if (live.kidsDone < node.branches.length) return false;
  emit(
    tx.batch,
    live.s,
    'ParallelStateSucceeded',
    undefined,
    kids.reduce((m, k) => Math.max(m, k.s.last), 0),
  );
  const result = kids.map((k) => (k.s.outcome as { output: unknown }).output);
  ex.dropChildren(live, tx);
  return finishWithResult(ex, live, node, tx, result);
}
