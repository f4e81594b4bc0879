import { type Tx, emit } from '../commit.ts';
import { finishWithResult } from '../completion.ts';
import { effectiveInput, stateArguments } from '../dataflow.ts';
import type { StateNode } from '../definition.ts';
import type { Execution } from '../execution.ts';
import type { Live } from '../live.ts';
import { emitAbortedChildren, failingEventId } from '../aborts.ts';
import { handleError } from '../retry-catch.ts';
import type { ChildrenState, ThreadState } from '../thread.ts';

/**
 * Parallel: one child thread per branch, all started in the ParallelStateStarted commit — or,
 * when that would pass the store's records-per-commit budget, started by checkParallel in lots.
 */
export async function startParallel(ex: Execution, live: Live, node: StateNode, tx: Tx): Promise<boolean> {
  const s = live.s;
  const env = ex.env(live);
  const effective = effectiveInput(node, s.input, env);
  const branchInput = await stateArguments(node, effective, env);
  const started = emit(tx.batch, s, 'ParallelStateStarted');
  s.phase = 'children';
  const together = node.branches.length + 2 <= ex.journal.budget;
  const children: ChildrenState = { kind: 'parallel', startedId: 0, maxConcurrency: 0 };
  if (!together) children.inputs = [branchInput];
  s.children = children;
  tx.batch.threads.push(s);
  live.kids = [];
  if (!together) {
    started.onId = [
      (id) => {
        children.startedId = id;
      },
    ];
    return true; // committed by the driver; then checkParallel starts the branches
  }
  const kids = node.branches.map((_, i) => {
    const kid = branchThread(s, node, i, branchInput, 0);
    tx.batch.threads.push(kid);
    return kid;
  });
  started.onId = [
    (id) => {
      children.startedId = id;
      for (const kid of kids) {
        kid.last = id;
        kid.gen = id;
      }
    },
  ];
  await ex.flush(tx, live);
  for (const kid of kids) void ex.drive(ex.adopt(kid));
  return false;
}

function branchThread(
  s: ThreadState,
  node: StateNode,
  i: number,
  input: unknown,
  startedId: number,
): ThreadState {
  return {
    id: `${s.id}/${i}`,
    parent: s.id,
    path: [...s.path, [node.name, i]],
    state: node.branches[i].startAt,
    input,
    vars: {},
    last: startedId,
    enteredAt: 0,
    phase: 'enter',
    slot: i,
    gen: startedId,
  };
}

/** Starts the branches not yet started, in commits the store can take (one record each). */
async function startBranches(ex: Execution, live: Live, node: StateNode, tx: Tx): Promise<void> {
  const s = live.s;
  const c = s.children!;
  const input = c.inputs![0];
  const perCommit = Math.max(1, ex.journal.budget - 1);
  let fresh: ThreadState[] = [];
  for (let i = (live.kids ?? []).length; i < node.branches.length; i++) {
    const kid = branchThread(s, node, i, input, c.startedId);
    tx.batch.threads.push(kid);
    fresh.push(kid);
    if (fresh.length >= perCommit || i === node.branches.length - 1) {
      await ex.flush(tx, live);
      for (const k of fresh) void ex.drive(ex.adopt(k));
      fresh = [];
    }
  }
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
  if ((live.kids ?? []).length < node.branches.length) {
    await startBranches(ex, live, node, tx);
    return false;
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
