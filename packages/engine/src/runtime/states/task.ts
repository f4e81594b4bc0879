import { randomBytes } from 'node:crypto';
import { type Tx, emit } from '../commit.ts';
import { finishWithResult } from '../completion.ts';
import { effectiveInput, numberField, stateArguments } from '../dataflow.ts';
import type { StateNode } from '../definition.ts';
import type { Execution } from '../execution.ts';
import { NOT_TRUNCATED, details } from '../history.ts';
import { checkPayload, toJson } from '../json.ts';
import { type Attempt, type Live, STOPPED } from '../live.ts';
import { handleError } from '../retry-catch.ts';
import { type ResolvedTask, failureOf, resolveTask } from '../tasks.ts';
import { settlesSoon } from '../timers.ts';
import { invoke } from './task-invoke.ts';

// Task: evaluate the arguments, schedule and run the handler (task-invoke.ts), then the result
// goes through Output/Assign, or the failure through Retry/Catch.

const LAMBDA_EVENTS = {
  ok: 'LambdaFunctionSucceeded',
  failed: 'LambdaFunctionFailed',
  timedOut: 'LambdaFunctionTimedOut',
};
const TASK_EVENTS = { ok: 'TaskSucceeded', failed: 'TaskFailed', timedOut: 'TaskTimedOut' };

/** One attempt of a Task (Retry re-enters here without a new StateEntered). */
export async function startTask(ex: Execution, live: Live, node: StateNode, tx: Tx): Promise<boolean> {
  const s = live.s;
  const token = node.raw.Resource.endsWith('.waitForTaskToken') ? newTaskToken() : undefined;
  s.task = { parameters: undefined, token };
  const env = ex.env(live);
  const effective = effectiveInput(node, s.input, env);
  const parameters = await stateArguments(node, effective, env);
  const timeout = await numberField(node, 'TimeoutSeconds', effective, env, { integer: true, min: 1 });
  const heartbeat = await numberField(node, 'HeartbeatSeconds', effective, env, { integer: true, min: 1 });
  const paramsText = toJson(parameters);
  checkPayload(paramsText, ex.deps.maxPayloadBytes, node.name);
  const resolved = resolveTask(ex.deps.tasks, node.raw.Resource, parameters);
  if (resolved.plainLambda) {
    const d: Record<string, unknown> = {
      resource: node.raw.Resource,
      input: paramsText,
      inputDetails: NOT_TRUNCATED,
    };
    if (timeout) d.timeoutInSeconds = timeout;
    emit(tx.batch, s, 'LambdaFunctionScheduled', d);
    emit(tx.batch, s, 'LambdaFunctionStarted');
  } else {
    const d: Record<string, unknown> = {
      resourceType: resolved.resourceType,
      resource: resolved.resource,
      region: ex.deps.region,
      parameters: paramsText,
    };
    if (timeout) d.timeoutInSeconds = timeout;
    if (heartbeat) d.heartbeatInSeconds = heartbeat;
    emit(tx.batch, s, 'TaskScheduled', d);
    emit(tx.batch, s, 'TaskStarted', {
      resourceType: resolved.resourceType,
      resource: resolved.resource,
    });
  }
  s.phase = 'task';
  s.task = {
    parameters,
    token,
    timeoutAt: timeout ? ex.deps.clock.now() + timeout * 1000 : undefined,
    heartbeatSeconds: heartbeat,
  };
  if (token) {
    tx.batch.tokens.push({ taskToken: token, executionArn: ex.arn, threadId: s.id });
    ex.deps.registerToken(token, ex);
  }
  tx.batch.threads.push(s);
  if (token) {
    await ex.flush(tx, live);
    return runTask(ex, live, node, tx);
  }
  // Start the handler before writing TaskScheduled/Started: a handler that answers at once gets
  // one commit for the whole state; a slow one has them written while it works. (A crash before
  // either commit re-enters the state, as a crash during the task would.)
  const running = invoke(ex, live, node, resolved);
  if (!(await settlesSoon(running))) await ex.flush(tx, live);
  return runTask(ex, live, node, tx, running, resolved);
}

/** Waits for the task's outcome (invoking the handler if not yet running, e.g. after recovery). */
export async function runTask(
  ex: Execution,
  live: Live,
  node: StateNode,
  tx: Tx,
  running?: Promise<Attempt>,
  known?: ResolvedTask,
): Promise<boolean> {
  const s = live.s;
  const task = s.task!;
  const resolved = known ?? resolveTask(ex.deps.tasks, node.raw.Resource, task.parameters);
  let outcome = await (running ?? invoke(ex, live, node, resolved));
  if (live.stopped) throw STOPPED;
  if (task.token) {
    tx.batch.deleteTokens.push(task.token);
    ex.deps.unregisterToken(task.token);
  }
  let resultText: string | undefined;
  let tooLarge = false;
  if (outcome.ok) {
    resultText = toJson(outcome.result);
    // AWS names the service (`lambda` for lambda:invoke) or the Lambda ARN, not the state.
    const what = resolved.plainLambda ? node.raw.Resource : resolved.resourceType;
    try {
      checkPayload(resultText, ex.deps.maxPayloadBytes, what);
    } catch (err) {
      outcome = { ok: false, ...failureOf(err) };
      tooLarge = true;
    }
  }
  const names = resolved.plainLambda ? LAMBDA_EVENTS : TASK_EVENTS;
  if (!outcome.ok) {
    const where = resolved.plainLambda
      ? {}
      : { resourceType: resolved.resourceType, resource: resolved.resource };
    emit(tx.batch, s, outcome.timedOut ? names.timedOut : names.failed, {
      ...where,
      ...details.error(outcome.error, outcome.cause),
    });
    s.task = undefined;
    return handleError(ex, live, node, tx, outcome.error, outcome.cause, { catchable: tooLarge });
  }
  emit(
    tx.batch,
    s,
    names.ok,
    resolved.plainLambda
      ? { output: resultText!, outputDetails: NOT_TRUNCATED }
      : {
          resourceType: resolved.resourceType,
          resource: resolved.resource,
          output: resultText!,
          outputDetails: NOT_TRUNCATED,
        },
  );
  s.task = undefined;
  // A JSON round trip: the result is plain JSON and the handler keeps no reference into it.
  return finishWithResult(ex, live, node, tx, JSON.parse(resultText!));
}

function newTaskToken(): string {
  return randomBytes(48).toString('base64url');
}
