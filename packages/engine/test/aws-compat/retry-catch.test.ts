// Retry and Catch semantics: https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
// and the ASL specification, https://states-language.net/spec.html#errors
import { createVirtualClock } from '@flowdeck/engine';
import { describe, expect, it } from 'vitest';
import {
  detailsOf,
  eventsOf,
  failing,
  jsonpath,
  LAMBDA_ARN,
  runStateMachine,
  secondsBetween,
  TaskFailure,
  types,
} from './helpers.ts';

const R = 'arn:aws:states:::work';

function task(fields: Record<string, unknown>, next: Record<string, unknown> = {}) {
  return jsonpath({ T: { Type: 'Task', Resource: R, End: true, ...fields }, ...next });
}

/** Seconds from each TaskFailed to the TaskScheduled that follows it. */
function backoffs(history: Parameters<typeof secondsBetween>[0][]): number[] {
  const out: number[] = [];
  history.forEach((e, i) => {
    if (e.type !== 'TaskFailed') return;
    const next = history.slice(i + 1).find((n) => n.type === 'TaskScheduled');
    if (next) out.push(secondsBetween(e, next));
  });
  return out;
}

describe('Retry', () => {
  it("retries IntervalSeconds × BackoffRate^n: the guide's 3 s then 4.5 s example", async () => {
    const h = failing(2, 'MyError');
    const run = await runStateMachine(
      task({ Retry: [{ ErrorEquals: ['MyError'], IntervalSeconds: 3, MaxAttempts: 2, BackoffRate: 1.5 }] }),
      {},
      { tasks: { [R]: h } },
    );
    expect(run.status).toBe('SUCCEEDED');
    expect(h.calls()).toBe(3);
    expect(backoffs(run.history)).toEqual([3, 4.5]);
  });

  it('uses the defaults IntervalSeconds 1, BackoffRate 2.0, MaxAttempts 3', async () => {
    const h = failing(10, 'MyError');
    const run = await runStateMachine(
      task({ Retry: [{ ErrorEquals: ['MyError'] }] }),
      {},
      { tasks: { [R]: h } },
    );
    expect(run.status).toBe('FAILED');
    expect(h.calls()).toBe(4);
    expect(backoffs(run.history)).toEqual([1, 2, 4]);
  });

  it('caps each delay at MaxDelaySeconds', async () => {
    const h = failing(10, 'MyError');
    const run = await runStateMachine(
      task({
        Retry: [
          {
            ErrorEquals: ['MyError'],
            IntervalSeconds: 10,
            BackoffRate: 3,
            MaxAttempts: 4,
            MaxDelaySeconds: 40,
          },
        ],
      }),
      {},
      { tasks: { [R]: h } },
    );
    expect(backoffs(run.history)).toEqual([10, 30, 40, 40]);
  });

  it('JitterStrategy FULL keeps every delay within [0, the computed back-off]', async () => {
    const h = failing(10, 'MyError');
    const run = await runStateMachine(
      task({
        Retry: [
          {
            ErrorEquals: ['MyError'],
            IntervalSeconds: 8,
            BackoffRate: 2,
            MaxAttempts: 4,
            JitterStrategy: 'FULL',
          },
        ],
      }),
      {},
      { tasks: { [R]: h } },
    );
    const limits = [8, 16, 32, 64];
    const delays = backoffs(run.history);
    expect(delays).toHaveLength(4);
    delays.forEach((d, i) => {
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThanOrEqual(limits[i]);
    });
  });

  it('MaxAttempts 0 never retries', async () => {
    const h = failing(1, 'MyError');
    const run = await runStateMachine(
      task({ Retry: [{ ErrorEquals: ['MyError'], MaxAttempts: 0 }] }),
      {},
      { tasks: { [R]: h } },
    );
    expect(run.status).toBe('FAILED');
    expect(h.calls()).toBe(1);
  });

  it('keeps one attempt count per retrier', async () => {
    // Spec: "a retrier's MaxAttempts … counts the retries made by that retrier".
    const errors = ['A', 'B', 'A'];
    let i = 0;
    const handler = async () => {
      const e = errors[i++];
      if (e) throw new TaskFailure(e, 'x');
      return 'done';
    };
    const run = await runStateMachine(
      task({
        Retry: [
          { ErrorEquals: ['A'], MaxAttempts: 1, IntervalSeconds: 1 },
          { ErrorEquals: ['B'], MaxAttempts: 1, IntervalSeconds: 1 },
        ],
      }),
      {},
      { tasks: { [R]: handler } },
    );
    expect(i).toBe(3);
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('A');
  });

  it('uses the first retrier whose ErrorEquals matches', async () => {
    const h = failing(10, 'MyError');
    const run = await runStateMachine(
      task({
        Retry: [
          { ErrorEquals: ['MyError'], MaxAttempts: 1, IntervalSeconds: 7 },
          { ErrorEquals: ['States.ALL'], MaxAttempts: 5, IntervalSeconds: 1 },
        ],
      }),
      {},
      { tasks: { [R]: h } },
    );
    expect(h.calls()).toBe(2);
    expect(backoffs(run.history)).toEqual([7]);
  });

  it("States.TaskFailed matches a task's own error name", async () => {
    const h = failing(1, 'Vendor.RateLimited');
    const run = await runStateMachine(
      task({ Retry: [{ ErrorEquals: ['States.TaskFailed'] }] }),
      {},
      { tasks: { [R]: h } },
    );
    expect(run.status).toBe('SUCCEEDED');
    expect(h.calls()).toBe(2);
  });

  it('counts retries in $$.State.RetryCount', async () => {
    // https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html
    const seen: unknown[] = [];
    let n = 0;
    const handler = async (input: any) => {
      seen.push(input.retry);
      if (++n < 3) throw new TaskFailure('MyError', 'x');
      return 'ok';
    };
    await runStateMachine(
      task({ Parameters: { 'retry.$': '$$.State.RetryCount' }, Retry: [{ ErrorEquals: ['MyError'] }] }),
      {},
      { tasks: { [R]: handler } },
    );
    expect(seen).toEqual([0, 1, 2]);
  });

  it('writes no state exit between attempts: Scheduled/Started/Failed repeat', async () => {
    const h = failing(1, 'MyError');
    const run = await runStateMachine(
      task({ Retry: [{ ErrorEquals: ['MyError'] }] }),
      {},
      { tasks: { [R]: h } },
    );
    expect(types(run.history)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
  });
});

describe('Catch', () => {
  it('a task result over 256 KiB raises States.DataLimitExceeded that a catcher can handle', async () => {
    const big = async () => ({ s: 'x'.repeat(300_000) });
    for (const errorEquals of ['States.ALL', 'States.DataLimitExceeded']) {
      const run = await runStateMachine(
        task(
          { Catch: [{ ErrorEquals: [errorEquals], Next: 'Handler' }] },
          { Handler: { Type: 'Pass', End: true } },
        ),
        {},
        { tasks: { [R]: big } },
      );
      expect(run.status).toBe('SUCCEEDED');
      expect((run.output as { Error: string }).Error).toBe('States.DataLimitExceeded');
    }
  });

  it('the DataLimitExceeded cause names the resource', async () => {
    const run = await runStateMachine(
      jsonpath({
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'fn', Payload: {} },
          End: true,
        },
      }),
      {},
      { tasks: { fn: async () => 'x'.repeat(300_000) } },
    );
    expect(run.error).toBe('States.DataLimitExceeded');
    expect(run.cause).toBe(
      "The state/task 'lambda' returned a result with a size exceeding the maximum number of bytes service limit.",
    );
  });

  it('a plain Lambda ARN: LambdaFunctionFailed, and the cause names the ARN', async () => {
    const run = await runStateMachine(
      jsonpath({ T: { Type: 'Task', Resource: LAMBDA_ARN, End: true } }),
      {},
      { tasks: { fn: async () => 'x'.repeat(300_000) } },
    );
    expect(detailsOf(eventsOf(run.history, 'LambdaFunctionFailed')[0])).toEqual({
      error: 'States.DataLimitExceeded',
      cause: `The state/task '${LAMBDA_ARN}' returned a result with a size exceeding the maximum number of bytes service limit.`,
    });
  });

  it("without ResultPath, the catcher's output is {Error, Cause}", async () => {
    const run = await runStateMachine(
      task(
        { Catch: [{ ErrorEquals: ['MyError'], Next: 'Handler' }] },
        { Handler: { Type: 'Pass', End: true } },
      ),
      { keep: 1 },
      { tasks: { [R]: failing(1, 'MyError', 'ok', 'it broke') } },
    );
    expect(run.status).toBe('SUCCEEDED');
    expect(run.output).toEqual({ Error: 'MyError', Cause: 'it broke' });
  });

  it('ResultPath places the error output into the state input (the guide\'s "$.error-info")', async () => {
    const run = await runStateMachine(
      task(
        { Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error-info', Next: 'Handler' }] },
        { Handler: { Type: 'Pass', End: true } },
      ),
      { foo: 'bar' },
      { tasks: { [R]: failing(1, 'CustomError', 'ok', 'This is a custom error!') } },
    );
    expect(run.output).toEqual({
      foo: 'bar',
      'error-info': { Error: 'CustomError', Cause: 'This is a custom error!' },
    });
  });

  it('ResultPath null in a catcher passes the original input on', async () => {
    const run = await runStateMachine(
      task(
        { Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: null, Next: 'Handler' }] },
        { Handler: { Type: 'Pass', End: true } },
      ),
      { foo: 'bar' },
      { tasks: { [R]: failing(1, 'X') } },
    );
    expect(run.output).toEqual({ foo: 'bar' });
  });

  it('runs Retry first and Catch only after retries are exhausted', async () => {
    const h = failing(10, 'MyError');
    const run = await runStateMachine(
      task(
        {
          Retry: [{ ErrorEquals: ['MyError'], MaxAttempts: 2 }],
          Catch: [{ ErrorEquals: ['MyError'], Next: 'Handler' }],
        },
        { Handler: { Type: 'Pass', End: true } },
      ),
      {},
      { tasks: { [R]: h } },
    );
    expect(h.calls()).toBe(3);
    expect(run.status).toBe('SUCCEEDED');
  });

  it("a JSONPath catcher's Assign reads the error output as $", async () => {
    // https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html (Assign in a Catch)
    const run = await runStateMachine(
      task(
        {
          Catch: [
            {
              ErrorEquals: ['States.ALL'],
              Assign: { 'e.$': '$.Error', 'in.$': '$$.Execution.Input.k' },
              ResultPath: '$.err',
              Next: 'Handler',
            },
          ],
        },
        { Handler: { Type: 'Pass', Parameters: { 'e.$': '$e', 'in.$': '$in', 'all.$': '$' }, End: true } },
      ),
      { k: 'v' },
      { tasks: { [R]: failing(1, 'E', 'ok', 'c') } },
    );
    expect(run.output).toEqual({ e: 'E', in: 'v', all: { k: 'v', err: { Error: 'E', Cause: 'c' } } });
  });

  it('picks the first catcher that matches', async () => {
    const run = await runStateMachine(
      task(
        {
          Catch: [
            { ErrorEquals: ['Other'], Next: 'A' },
            { ErrorEquals: ['MyError', 'More'], Next: 'B' },
            { ErrorEquals: ['States.ALL'], Next: 'C' },
          ],
        },
        {
          A: { Type: 'Pass', Result: 'A', End: true },
          B: { Type: 'Pass', Result: 'B', End: true },
          C: { Type: 'Pass', Result: 'C', End: true },
        },
      ),
      {},
      { tasks: { [R]: failing(1, 'MyError') } },
    );
    expect(run.output).toBe('B');
  });

  it("records TaskFailed, then TaskStateExited with the error output, then the catcher's state", async () => {
    // LocalStack test_states_errors.snapshot.json (recorded on AWS): TaskFailed → TaskStateExited
    // { output: {Error, Cause} } → PassStateEntered.
    const run = await runStateMachine(
      task(
        { Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Handler' }] },
        { Handler: { Type: 'Pass', End: true } },
      ),
      {},
      { tasks: { [R]: failing(1, 'MyError', 'ok', 'why') } },
    );
    expect(types(run.history)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'TaskStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    const failed = detailsOf(eventsOf(run.history, 'TaskFailed')[0]);
    expect(failed).toMatchObject({ error: 'MyError', cause: 'why', resourceType: 'work' });
    expect(JSON.parse(detailsOf(eventsOf(run.history, 'TaskStateExited')[0]).output)).toEqual({
      Error: 'MyError',
      Cause: 'why',
    });
  });

  it('an uncaught task error fails the execution with its name and cause, without a state exit', async () => {
    const run = await runStateMachine(task({}), {}, { tasks: { [R]: failing(1, 'MyError', 'ok', 'why') } });
    expect(run.status).toBe('FAILED');
    expect(types(run.history)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'ExecutionFailed',
    ]);
    expect(detailsOf(run.history.at(-1))).toEqual({ error: 'MyError', cause: 'why' });
  });
});

describe('timeouts and the States.Timeout rules', () => {
  const hang = () => new Promise(() => {});
  const clock = () => createVirtualClock(Date.UTC(2024, 0, 1), { realTimeWhileHeld: false });

  it('TaskTimedOut comes TimeoutSeconds after TaskScheduled', async () => {
    const run = await runStateMachine(
      task({ TimeoutSeconds: 5 }),
      {},
      { tasks: { [R]: hang }, clock: clock() },
    );
    expect(
      secondsBetween(eventsOf(run.history, 'TaskScheduled')[0], eventsOf(run.history, 'TaskTimedOut')[0]),
    ).toBe(5);
    expect(secondsBetween(run.history[0], eventsOf(run.history, 'TaskStateEntered')[0])).toBe(0);
  });

  it('TimeoutSeconds fails the task with States.Timeout and a TaskTimedOut event', async () => {
    const run = await runStateMachine(
      task({ TimeoutSeconds: 5 }),
      {},
      { tasks: { [R]: hang }, clock: clock() },
    );
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('States.Timeout');
    const timedOut = eventsOf(run.history, 'TaskTimedOut');
    expect(timedOut).toHaveLength(1);
    // LocalStack test_timeouts.snapshot.json (recorded on AWS): TaskTimedOut { error: States.Timeout,
    // resource, resourceType }, then ExecutionFailed { error: States.Timeout } with no cause.
    expect(detailsOf(timedOut[0])).toEqual({
      error: 'States.Timeout',
      resource: 'work',
      resourceType: 'work',
    });
    expect(types(run.history).slice(-2)).toEqual(['TaskTimedOut', 'ExecutionFailed']);
    expect(detailsOf(run.history.at(-1))).toEqual({ error: 'States.Timeout' });
  });

  it('TaskScheduled records timeoutInSeconds', async () => {
    const run = await runStateMachine(task({ TimeoutSeconds: 5 }), {}, { tasks: { [R]: async () => 1 } });
    expect(detailsOf(eventsOf(run.history, 'TaskScheduled')[0]).timeoutInSeconds).toBe(5);
  });

  it('the machine-level TimeoutSeconds ends the execution TIMED_OUT', async () => {
    // LocalStack test_timeouts.snapshot.json test_global_timeout: describe_execution status TIMED_OUT.
    const run = await runStateMachine(
      { TimeoutSeconds: 10, StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } },
      {},
    );
    expect(run.status).toBe('TIMED_OUT');
    expect(types(run.history).at(-1)).toBe('ExecutionTimedOut');
    expect(secondsBetween(run.history[0], run.history.at(-1)!)).toBe(10);
  });

  it('States.TaskFailed does not match States.Timeout', async () => {
    const run = await runStateMachine(
      task(
        { TimeoutSeconds: 5, Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Handler' }] },
        { Handler: { Type: 'Succeed' } },
      ),
      {},
      { tasks: { [R]: hang }, clock: clock() },
    );
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('States.Timeout');
  });

  it('States.ALL matches States.Timeout', async () => {
    const run = await runStateMachine(
      task(
        { TimeoutSeconds: 5, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Handler' }] },
        { Handler: { Type: 'Pass', End: true } },
      ),
      {},
      { tasks: { [R]: hang }, clock: clock() },
    );
    expect(run.status).toBe('SUCCEEDED');
    expect((run.output as any).Error).toBe('States.Timeout');
  });
});
