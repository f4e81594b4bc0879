import type { TaskContext } from '../../ports.ts';
import type { VirtualClock } from '../clock.ts';
import { Batch, emit } from '../commit.ts';
import type { StateNode } from '../definition.ts';
import type { Execution } from '../execution.ts';
import { details } from '../history.ts';
import { cloneJson, toJson } from '../json.ts';
import { lambdaFailureOf } from '../lambda-errors.ts';
import type { Attempt, Live } from '../live.ts';
import { type ResolvedTask, failureOf, taskInput, wrapLambdaResult } from '../tasks.ts';

/** Calls the handler; settles on its result, a timeout, a heartbeat timeout, a token, or a stop. */
export function invoke(ex: Execution, live: Live, node: StateNode, resolved: ResolvedTask): Promise<Attempt> {
  const s = live.s;
  const task = s.task!;
  const clock = ex.deps.clock;
  return new Promise<Attempt>((resolve) => {
    let settled = false;
    let cancelHeartbeat: (() => void) | undefined;
    let cancelTimeout: (() => void) | undefined;
    // Created on first use: most handlers never look at their signal.
    let controller: AbortController | undefined;
    let abortReason: Error | undefined;
    const settle = (a: Attempt) => {
      if (settled) return;
      settled = true;
      cancelTimeout?.();
      cancelHeartbeat?.();
      live.onStop = undefined;
      live.tokenWaiter = undefined;
      if (!a.ok) {
        abortReason = new Error(a.error);
        controller?.abort(abortReason);
      }
      resolve(a);
    };
    live.onStop = () => {
      abortReason = new Error('Execution stopped');
      controller?.abort(abortReason);
      settle({ ok: false, error: 'States.Aborted' });
    };
    if (task.timeoutAt !== undefined)
      cancelTimeout = clock.setTimer(task.timeoutAt, () =>
        settle({ ok: false, error: 'States.Timeout', timedOut: true }),
      );
    if (task.token) {
      const armHeartbeat = () => {
        cancelHeartbeat?.();
        if (task.heartbeatSeconds)
          cancelHeartbeat = clock.setTimer(clock.now() + task.heartbeatSeconds * 1000, () =>
            settle({ ok: false, error: 'States.HeartbeatTimeout', timedOut: true }),
          );
      };
      armHeartbeat();
      live.tokenWaiter = { settle, heartbeat: armHeartbeat };
      if (live.pendingToken) {
        const pending = live.pendingToken;
        live.pendingToken = undefined;
        settle(pending);
        return;
      }
    }
    // A callback task whose handler already ran before a restart only waits for its token.
    if (task.token && task.submitted) return;
    if (resolved.missing || !resolved.handler) {
      settle({ ok: false, ...(resolved.missing ?? { error: 'States.Runtime', cause: 'No handler.' }) });
      return;
    }
    const ctx: TaskContext = {
      resource: node.raw.Resource,
      stateName: node.name,
      executionArn: ex.arn,
      taskToken: task.token,
      get signal() {
        if (!controller) {
          controller = new AbortController();
          if (abortReason) controller.abort(abortReason);
        }
        return controller.signal;
      },
    };
    // On a virtual clock, time runs at real speed while the handler works (see VirtualClock.hold).
    const release = (clock as Partial<VirtualClock>).hold?.();
    let running: Promise<unknown>;
    try {
      running = Promise.resolve(resolved.handler(cloneJson(taskInput(resolved, task.parameters)), ctx));
    } catch (err) {
      running = Promise.reject(err);
    }
    if (release) running.then(release, release);
    running.then(
      (result) => {
        // A callback task completes on SendTaskSuccess/Failure, not when the handler returns.
        if (!task.token)
          settle({ ok: true, result: resolved.wrapLambda ? wrapLambdaResult(result) : result });
        else if (!settled) taskSubmitted(ex, live, resolved, result);
      },
      (err) =>
        settle({
          ok: false,
          // A Lambda function's error: its errorType, and the Lambda error JSON as the cause.
          ...(resolved.inputFromPayload || resolved.plainLambda ? lambdaFailureOf(err) : failureOf(err)),
        }),
    );
  });
}

/**
 * A callback task's handler has handed the token out: TaskSubmitted (AWS) is committed with
 * the thread marked submitted, so a restart waits for the token instead of asking again.
 */
function taskSubmitted(ex: Execution, live: Live, resolved: ResolvedTask, result: unknown) {
  const task = live.s.task;
  if (live.stopped || ex.done || !task) return;
  task.submitted = true;
  let output: string;
  try {
    output = toJson(resolved.inputFromPayload ? wrapLambdaResult(result) : result);
  } catch {
    output = 'null';
  }
  const batch = new Batch(ex.now);
  emit(batch, live.s, 'TaskSubmitted', {
    resourceType: resolved.resourceType,
    resource: resolved.resource,
    ...details.output(output),
  });
  batch.threads.push(live.s);
  ex.commit(batch, live).catch(() => {});
}
