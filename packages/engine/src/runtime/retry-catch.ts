import { CommitRefused, type Tx } from './commit.ts';
import { jsonPathScope, jsonataBindings } from './dataflow.ts';
import type { StateNode } from './definition.ts';
import { StatesError } from './errors.ts';
import { errorMatches } from './errors-match.ts';
import type { Execution } from './execution.ts';
import { evaluateTemplate } from './jsonata.ts';
import { applyResultPath, evaluatePayloadTemplate } from './jsonpath/index.ts';
import { type Live, STOPPED } from './live.ts';
import { decideRetry } from './retry.ts';
import { complete, threadFailed } from './completion.ts';
import { failureOf } from './tasks.ts';
import { armTimer } from './timers.ts';

// A state's failure: the first matching retrier schedules another attempt after its back-off;
// once retries are exhausted the first matching catcher moves on with the error as data; with
// neither the thread fails.

/** Runs `fn`; a failure goes to Retry/Catch (or fails the thread). */
export async function guard(
  ex: Execution,
  live: Live,
  node: StateNode,
  tx: Tx,
  fn: (tx: Tx) => Promise<boolean> | boolean,
): Promise<boolean> {
  try {
    return await fn(tx);
  } catch (err) {
    if (err === STOPPED || err instanceof CommitRefused) throw err;
    const f = await stateFailure(ex, live, tx, err);
    return handleError(ex, live, node, tx, f.error, f.cause);
  }
}

/** Errors the runtime raises itself while running a state: AWS names the state in their cause. */
const NAMES_THE_STATE = new Set(['States.Runtime', 'States.QueryEvaluationError']);

/**
 * A thrown value as an ASL error and cause. A `States.Runtime` or `States.QueryEvaluationError`
 * raised by the runtime gets AWS's prefix "An error occurred while executing the state '<name>'
 * (entered at the event id #<id>)." — if the StateEntered event is still in the step's batch,
 * the batch is committed first so the id is known (this happens on the failure path only).
 */
export async function stateFailure(
  ex: Execution,
  live: Live,
  tx: Tx,
  err: unknown,
): Promise<{ error: string; cause?: string }> {
  const f = failureOf(err);
  if (!(err instanceof StatesError) || !NAMES_THE_STATE.has(f.error)) return f;
  const s = live.s;
  if (tx.batch.events.some((p) => p.entered && p.owner === s)) await ex.flush(tx, live);
  const prefix = `An error occurred while executing the state '${s.state}' (entered at the event id #${s.enteredId ?? 0}).`;
  return { error: f.error, cause: f.cause ? `${prefix} ${f.cause}` : prefix };
}

export async function handleError(
  ex: Execution,
  live: Live,
  node: StateNode,
  tx: Tx,
  error: string,
  cause: string | undefined,
  /** A task result over the payload limit: its DataLimitExceeded is not terminal. */
  opts: { catchable?: boolean } = {},
): Promise<boolean> {
  const s = live.s;
  const terminal = opts.catchable ? false : undefined;
  if (node.retry.length) {
    const counts = s.retries ?? [];
    const decision = decideRetry(node.retry, counts, error, Math.random, terminal);
    if (decision.retry) {
      counts[decision.index] = (counts[decision.index] ?? 0) + 1;
      s.retries = counts;
      s.phase = 'retry';
      s.task = undefined;
      s.dueAt = ex.deps.clock.now() + decision.delayMs;
      tx.batch.threads.push(s);
      await ex.flush(tx, live);
      return armTimer(ex, live);
    }
  }
  const catcher = node.catch.find((c) => errorMatches(c.errorEquals, error, terminal));
  if (!catcher) return threadFailed(ex, live, tx, error, cause);
  const errorOutput: Record<string, unknown> = { Error: error };
  if (cause !== undefined) errorOutput.Cause = cause;
  let output: unknown;
  let assigned: Record<string, unknown> | undefined;
  try {
    const env = ex.env(live);
    if (node.queryLanguage === 'JSONata') {
      const bindings = jsonataBindings(env, s.input, { errorOutput });
      assigned = catcher.assign
        ? ((await evaluateTemplate(catcher.assign, bindings, 'Assign')) as Record<string, unknown>)
        : undefined;
      output = catcher.output ? await evaluateTemplate(catcher.output, bindings, 'Output') : errorOutput;
    } else {
      assigned =
        catcher.rawAssign !== undefined
          ? (evaluatePayloadTemplate(catcher.rawAssign, jsonPathScope(env, errorOutput), 'Assign') as Record<
              string,
              unknown
            >)
          : undefined;
      output = applyResultPath(s.input, errorOutput, catcher.resultPath);
    }
    return await complete(ex, live, node, tx, { output, assigned }, catcher.next);
  } catch (err) {
    if (err === STOPPED || err instanceof CommitRefused) throw err;
    const f = await stateFailure(ex, live, tx, err);
    return threadFailed(ex, live, tx, f.error, f.cause);
  }
}
