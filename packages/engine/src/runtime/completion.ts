import { type Tx, emit } from './commit.ts';
import { type StateCompletion, completeState, effectiveInput } from './dataflow.ts';
import type { StateNode } from './definition.ts';
import type { Execution } from './execution.ts';
import { details } from './history.ts';
import { checkPayload, toJson } from './json.ts';
import type { Live } from './live.ts';

// How a state ends: StateExited and on to the next state, or the thread ends (the execution
// for the main thread; a finished child wakes its Parallel/Map parent).

export async function complete(
  ex: Execution,
  live: Live,
  node: StateNode,
  tx: Tx,
  completion: StateCompletion,
  next: string | undefined,
): Promise<boolean> {
  const s = live.s;
  const outputText = toJson(completion.output);
  checkPayload(outputText, ex.deps.maxPayloadBytes, node.name);
  emit(
    tx.batch,
    s,
    `${node.type}StateExited`,
    details.stateExited(node.name, outputText, completion.assigned),
  );
  if (completion.assigned && Object.keys(completion.assigned).length) {
    s.vars = { ...s.vars, ...completion.assigned };
    live.visible = { ...live.outer, ...s.vars };
    tx.batch.vars.push(s);
  }
  s.retries = undefined;
  s.task = undefined;
  s.dueAt = undefined;
  s.children = undefined;
  if (next === undefined || node.type === 'Succeed')
    return threadSucceeded(ex, live, tx, completion.output, outputText);
  s.state = next;
  s.input = completion.output;
  s.phase = 'enter';
  live.inputText = outputText;
  // Committed by the thread's driver before the next step: one await per transition.
  tx.batch.threads.push(s);
  return true;
}

/** A Task/Parallel/Map result goes through the state's Output/Assign (or JSONPath fields). */
export async function finishWithResult(
  ex: Execution,
  live: Live,
  node: StateNode,
  tx: Tx,
  result: unknown,
): Promise<boolean> {
  const s = live.s;
  s.children = undefined;
  const env = ex.env(live);
  const effective = effectiveInput(node, s.input, env);
  return complete(
    ex,
    live,
    node,
    tx,
    await completeState(node, s.input, effective, result, true, env),
    node.next,
  );
}

export async function threadSucceeded(
  ex: Execution,
  live: Live,
  tx: Tx,
  output: unknown,
  outputText: string,
): Promise<boolean> {
  const s = live.s;
  if (!s.parent) {
    emit(tx.batch, s, 'ExecutionSucceeded', details.output(outputText));
    await ex.finish(tx, { status: 'SUCCEEDED', output: outputText });
    return false;
  }
  const parent = ex.threads.get(s.parent);
  if (s.item && parent)
    emit(tx.batch, s, 'MapIterationSucceeded', { name: parent.s.state, index: s.item.index });
  s.phase = 'done';
  s.outcome = { ok: true, output };
  tx.batch.threads.push(s);
  await ex.flush(tx, live);
  ex.wakeParent(live);
  return false;
}

export async function threadFailed(
  ex: Execution,
  live: Live,
  tx: Tx,
  error: string,
  cause: string | undefined,
): Promise<boolean> {
  const s = live.s;
  if (!s.parent) {
    emit(tx.batch, s, 'ExecutionFailed', details.error(error, cause));
    await ex.finish(tx, { status: 'FAILED', error: error || undefined, cause });
    return false;
  }
  const parent = ex.threads.get(s.parent);
  const outcome: { ok: false; error: string; cause?: string; failedAt?: number } = {
    ok: false,
    error,
    cause,
  };
  if (s.item && parent) {
    const failed = emit(tx.batch, s, 'MapIterationFailed', { name: parent.s.state, index: s.item.index });
    const before = failed.prev;
    failed.onId = [
      () => {
        outcome.failedAt = typeof before === 'number' ? before : before.event.id;
      },
    ];
  }
  s.phase = 'done';
  s.outcome = outcome;
  s.task = undefined;
  tx.batch.threads.push(s);
  await ex.flush(tx, live);
  ex.wakeParent(live);
  return false;
}
