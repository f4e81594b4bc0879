import { describe, expect, it } from 'vitest';
import { createVirtualClock } from './clock.ts';
import { TaskFailure } from './errors.ts';
import { errorMatches } from './errors-match.ts';
import { decideRetry } from './retry.ts';
import { runStateMachine } from './run-state-machine.ts';
import { detailsOf, jsonata, types } from './test/helpers.ts';

const task = (extra: Record<string, unknown> = {}) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Arguments: { FunctionName: 'work', Payload: '{% $states.input %}' },
  Output: '{% $states.result.Payload %}',
  End: true,
  ...extra,
});

/** A handler that fails `failures` times with the given error, then returns `ok`. */
function flaky(failures: number, error = 'Vendor.RateLimited') {
  const calls: number[] = [];
  return {
    calls,
    handler: async () => {
      calls.push(calls.length + 1);
      if (calls.length <= failures) throw new TaskFailure(error, `attempt ${calls.length}`);
      return 'ok';
    },
  };
}

describe('error matching (AWS rules)', () => {
  it('States.ALL matches everything but States.Runtime and States.DataLimitExceeded', () => {
    expect(errorMatches(['States.ALL'], 'Custom')).toBe(true);
    expect(errorMatches(['States.ALL'], 'States.Timeout')).toBe(true);
    expect(errorMatches(['States.ALL'], 'States.Runtime')).toBe(false);
    expect(errorMatches(['States.ALL'], 'States.DataLimitExceeded')).toBe(false);
  });
  it('States.TaskFailed matches everything but States.Timeout', () => {
    expect(errorMatches(['States.TaskFailed'], 'Lambda.Unknown')).toBe(true);
    expect(errorMatches(['States.TaskFailed'], 'States.Timeout')).toBe(false);
  });
});

describe('Retry', () => {
  it('backs off IntervalSeconds × BackoffRate^n, capped by MaxDelaySeconds, then succeeds', async () => {
    const f = flaky(3);
    const run = await runStateMachine(
      jsonata({
        T: task({
          Retry: [
            {
              ErrorEquals: ['Vendor.RateLimited'],
              IntervalSeconds: 2,
              BackoffRate: 3,
              MaxAttempts: 5,
              MaxDelaySeconds: 10,
            },
          ],
        }),
      }),
      {},
      { tasks: { work: f.handler } },
    );
    expect(run.status).toBe('SUCCEEDED');
    expect(f.calls).toEqual([1, 2, 3, 4]);
    const scheduled = run.history.filter((e) => e.type === 'TaskScheduled').map((e) => e.timestamp.getTime());
    const failed = run.history.filter((e) => e.type === 'TaskFailed').map((e) => e.timestamp.getTime());
    expect(scheduled.slice(1).map((t, i) => (t - failed[i]) / 1000)).toEqual([2, 6, 10]);
    // A retry re-schedules the task without entering the state again.
    expect(types(run.history).filter((t) => t === 'TaskStateEntered')).toHaveLength(1);
  });

  it('uses defaults (1 s, ×2, 3 attempts) and then fails with the task error', async () => {
    const f = flaky(10);
    const run = await runStateMachine(
      jsonata({ T: task({ Retry: [{ ErrorEquals: ['States.ALL'] }] }) }),
      {},
      { tasks: { work: f.handler } },
    );
    expect(run).toMatchObject({ status: 'FAILED', error: 'Vendor.RateLimited' });
    expect(JSON.parse(run.cause!).errorMessage).toBe('attempt 4');
    expect(f.calls).toHaveLength(4);
  });

  it('never retries with MaxAttempts 0, and the first matching retrier decides', async () => {
    const f = flaky(10);
    const run = await runStateMachine(
      jsonata({
        T: task({
          Retry: [
            { ErrorEquals: ['Vendor.RateLimited'], MaxAttempts: 0 },
            { ErrorEquals: ['States.ALL'], MaxAttempts: 5 },
          ],
        }),
      }),
      {},
      { tasks: { work: f.handler } },
    );
    expect(run.status).toBe('FAILED');
    expect(f.calls).toHaveLength(1);
  });

  it('FULL jitter picks a delay between 0 and the computed back-off', () => {
    const retriers = [
      { errorEquals: ['X'], intervalSeconds: 4, maxAttempts: 3, backoffRate: 2, jitter: 'FULL' as const },
    ];
    expect(decideRetry(retriers, [1], 'X', () => 0.5)).toEqual({ retry: true, index: 0, delayMs: 4000 });
    expect(decideRetry(retriers, [3], 'X', () => 0.5)).toEqual({ retry: false });
  });
});

describe('Catch', () => {
  it("routes to the catcher with {Error, Cause} as output and runs only the catcher's Assign", async () => {
    const run = await runStateMachine(
      jsonata({
        T: task({
          End: undefined,
          Next: 'Never',
          Assign: { fromState: 1 },
          Catch: [
            {
              ErrorEquals: ['Vendor.Down'],
              Assign: { failedWith: '{% $states.errorOutput.Error %}' },
              Next: 'Handle',
            },
          ],
        }),
        Never: { Type: 'Succeed' },
        Handle: {
          Type: 'Pass',
          Output: { err: '{% $states.input %}', v: '{% $failedWith %}', s: '{% $exists($fromState) %}' },
          End: true,
        },
      }),
      { a: 1 },
      {
        tasks: {
          work: async () => {
            throw new TaskFailure('Vendor.Down', 'gone');
          },
        },
      },
    );
    const out = run.output as { err: { Error: string; Cause: string }; v: string; s: boolean };
    expect(out).toMatchObject({ err: { Error: 'Vendor.Down' }, v: 'Vendor.Down', s: false });
    expect(JSON.parse(out.err.Cause)).toMatchObject({ errorType: 'Vendor.Down', errorMessage: 'gone' });
    expect(types(run.history)).toContain('TaskStateExited');
  });

  it('names a thrown Error (a Lambda function) by its name, with the Lambda error JSON as cause', async () => {
    const run = await runStateMachine(
      jsonata({ T: task() }),
      {},
      {
        tasks: {
          work: async () => {
            throw new TypeError('bad thing');
          },
        },
      },
    );
    expect(run).toMatchObject({ status: 'FAILED', error: 'TypeError' });
    expect(JSON.parse(run.cause!)).toMatchObject({ errorType: 'TypeError', errorMessage: 'bad thing' });
    const failed = run.history.find((e) => e.type === 'TaskFailed')!;
    expect(detailsOf(failed)).toMatchObject({
      resourceType: 'lambda',
      resource: 'invoke',
      error: 'TypeError',
    });
  });
});

describe('timeouts', () => {
  it('fails a task with States.Timeout after TimeoutSeconds and aborts its signal', async () => {
    let aborted = false;
    const run = await runStateMachine(
      jsonata({
        T: task({ TimeoutSeconds: 30, Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'X' }] }),
        X: { Type: 'Succeed' },
      }),
      {},
      {
        // A hung handler: let virtual time jump past the timeout instead of waiting 30 real seconds.
        clock: createVirtualClock(undefined, { realTimeWhileHeld: false }),
        tasks: {
          work: (_input, ctx) =>
            new Promise((_, reject) =>
              ctx.signal.addEventListener('abort', () => {
                aborted = true;
                reject(new Error('aborted'));
              }),
            ),
        },
      },
    );
    // States.TaskFailed does not match States.Timeout, so the catcher does not apply.
    expect(run).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(types(run.history)).toContain('TaskTimedOut');
    expect(aborted).toBe(true);
  });

  it('times the execution out after the top-level TimeoutSeconds', async () => {
    const run = await runStateMachine(
      { ...jsonata({ W: { Type: 'Wait', Seconds: 100, End: true } }), TimeoutSeconds: 10 },
      {},
    );
    expect(run.status).toBe('TIMED_OUT');
    expect(types(run.history).at(-1)).toBe('ExecutionTimedOut');
  });
});

describe('payload limit', () => {
  it('a state output over the limit fails with States.DataLimitExceeded, which States.ALL does not catch', async () => {
    const run = await runStateMachine(
      jsonata({
        T: task({
          End: undefined,
          Next: 'X',
          Output: '{% $pad("", 300000, "x") %}',
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'X' }],
        }),
        X: { Type: 'Succeed' },
      }),
      {},
      { tasks: { work: async () => 'small' } },
    );
    expect(run).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
  });

  it('a task result over the limit is a DataLimitExceeded that States.ALL catches (recorded on AWS)', async () => {
    const run = await runStateMachine(
      jsonata({
        T: task({ End: undefined, Next: 'X', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'X' }] }),
        X: { Type: 'Succeed' },
      }),
      {},
      { tasks: { work: async () => 'x'.repeat(300_000) } },
    );
    expect(run).toMatchObject({ status: 'SUCCEEDED', output: { Error: 'States.DataLimitExceeded' } });
  });
});
