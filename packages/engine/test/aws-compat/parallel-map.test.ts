// Parallel and inline Map:
// https://docs.aws.amazon.com/step-functions/latest/dg/state-parallel.html
// https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html
// History shapes from LocalStack test_timeouts.snapshot.json (recorded on AWS).
import { describe, expect, it } from 'vitest';
import { detailsOf, eventsOf, jsonpath, runStateMachine, TaskFailure, types } from './helpers.ts';

const R = 'arn:aws:states:::work';

describe('Parallel', () => {
  const machine = (branchB: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    jsonpath({
      Par: {
        Type: 'Parallel',
        Branches: [
          { StartAt: 'A', States: { A: { Type: 'Pass', Result: 'a', End: true } } },
          { StartAt: 'B', States: { B: branchB } },
        ],
        End: true,
        ...extra,
      },
      ...((extra.__states as object) ?? {}),
    });

  it('outputs the branch outputs in branch order, each branch getting the whole input', async () => {
    const run = await runStateMachine(machine({ Type: 'Pass', End: true }), { x: 1 });
    expect(run.output).toEqual(['a', { x: 1 }]);
  });

  it('records ParallelStateStarted and ParallelStateSucceeded around the branches', async () => {
    const run = await runStateMachine(
      jsonpath({
        Par: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }],
          End: true,
        },
      }),
      {},
    );
    expect(types(run.history)).toEqual([
      'ExecutionStarted',
      'ParallelStateEntered',
      'ParallelStateStarted',
      'PassStateEntered',
      'PassStateExited',
      'ParallelStateSucceeded',
      'ParallelStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('ResultSelector and ResultPath apply to the array of branch outputs', async () => {
    const run = await runStateMachine(
      jsonpath({
        Par: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Pass', Result: 1, End: true } } },
            { StartAt: 'B', States: { B: { Type: 'Pass', Result: 2, End: true } } },
          ],
          ResultSelector: { 'first.$': '$[0]', 'second.$': '$[1]' },
          ResultPath: '$.res',
          End: true,
        },
      }),
      { keep: true },
    );
    expect(run.output).toEqual({ keep: true, res: { first: 1, second: 2 } });
  });

  it("a failing branch fails the Parallel with the branch's own error name", async () => {
    const run = await runStateMachine(
      machine({ Type: 'Fail', Error: 'BranchError', Cause: 'branch cause' }),
      {},
    );
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('BranchError');
    expect(run.cause).toBe('branch cause');
    expect(eventsOf(run.history, 'ParallelStateFailed')).toHaveLength(1);
    expect(types(run.history).at(-1)).toBe('ExecutionFailed');
  });

  it('a Catch on the Parallel receives the branch error', async () => {
    const run = await runStateMachine(
      jsonpath({
        Par: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'B', States: { B: { Type: 'Fail', Error: 'BranchError', Cause: 'c' } } }],
          Catch: [{ ErrorEquals: ['BranchError'], ResultPath: '$.err', Next: 'H' }],
          End: true,
        },
        H: { Type: 'Pass', End: true },
      }),
      { in: 1 },
    );
    expect(run.output).toEqual({ in: 1, err: { Error: 'BranchError', Cause: 'c' } });
  });

  it('Retry on a Parallel re-runs every branch', async () => {
    let calls = 0;
    const run = await runStateMachine(
      jsonpath({
        Par: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'T', States: { T: { Type: 'Task', Resource: R, End: true } } }],
          Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 1 }],
          End: true,
        },
      }),
      {},
      {
        tasks: {
          [R]: async () => {
            calls += 1;
            if (calls === 1) throw new TaskFailure('Flaky', 'x');
            return calls;
          },
        },
      },
    );
    expect(run.output).toEqual([2]);
    expect(eventsOf(run.history, 'ParallelStateStarted')).toHaveLength(2);
  });
});

describe('Map (inline)', () => {
  const iterator = (states: Record<string, unknown>, startAt = Object.keys(states)[0]) => ({
    ProcessorConfig: { Mode: 'INLINE' },
    StartAt: startAt,
    States: states,
  });

  it('runs the processor once per item and outputs the results in item order', async () => {
    const run = await runStateMachine(
      jsonpath({
        M: {
          Type: 'Map',
          ItemsPath: '$.detail.shipped',
          ItemProcessor: iterator({ T: { Type: 'Task', Resource: R, End: true } }),
          End: true,
        },
      }),
      { detail: { shipped: [{ n: 3 }, { n: 1 }, { n: 2 }] } },
      { tasks: { [R]: async (i: any) => i.n * 10 } },
    );
    expect(run.output).toEqual([30, 10, 20]);
  });

  it('ItemSelector builds each item from $$.Map.Item.Index/Value and the state input', async () => {
    // The guide's ItemSelector example.
    const run = await runStateMachine(
      jsonpath({
        M: {
          Type: 'Map',
          ItemsPath: '$.items',
          ItemSelector: {
            'ContextIndex.$': '$$.Map.Item.Index',
            'ContextValue.$': '$$.Map.Item.Value',
            'who.$': '$.who',
          },
          ItemProcessor: iterator({ P: { Type: 'Pass', End: true } }),
          End: true,
        },
      }),
      { who: 'me', items: ['x', { y: 1 }] },
    );
    expect(run.output).toEqual([
      { ContextIndex: 0, ContextValue: 'x', who: 'me' },
      { ContextIndex: 1, ContextValue: { y: 1 }, who: 'me' },
    ]);
  });

  it('the legacy Iterator and Parameters fields still work', async () => {
    const run = await runStateMachine(
      jsonpath({
        M: {
          Type: 'Map',
          Parameters: { 'v.$': '$$.Map.Item.Value' },
          Iterator: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
          End: true,
        },
      }),
      [1, 2],
    );
    expect(run.output).toEqual([{ v: 1 }, { v: 2 }]);
  });

  it('an empty array gives an empty result', async () => {
    const run = await runStateMachine(
      jsonpath({
        M: { Type: 'Map', ItemProcessor: iterator({ P: { Type: 'Pass', End: true } }), End: true },
      }),
      [],
    );
    expect(run.status).toBe('SUCCEEDED');
    expect(run.output).toEqual([]);
  });

  it('MaxConcurrency 1 runs the items one after another', async () => {
    let active = 0;
    let most = 0;
    const run = await runStateMachine(
      jsonpath({
        M: {
          Type: 'Map',
          MaxConcurrency: 1,
          ItemProcessor: iterator({ T: { Type: 'Task', Resource: R, End: true } }),
          End: true,
        },
      }),
      [1, 2, 3],
      {
        tasks: {
          [R]: async (i) => {
            active += 1;
            most = Math.max(most, active);
            await new Promise((r) => setTimeout(r, 5));
            active -= 1;
            return i;
          },
        },
      },
    );
    expect(run.output).toEqual([1, 2, 3]);
    expect(most).toBe(1);
  });

  it('records MapStateStarted {length} and one MapIterationStarted/Succeeded {name, index} per item', async () => {
    const run = await runStateMachine(
      jsonpath({
        M: { Type: 'Map', ItemProcessor: iterator({ P: { Type: 'Pass', End: true } }), End: true },
      }),
      ['a', 'b'],
    );
    expect(detailsOf(eventsOf(run.history, 'MapStateStarted')[0])).toEqual({ length: 2 });
    expect(eventsOf(run.history, 'MapIterationStarted').map(detailsOf)).toEqual([
      { name: 'M', index: 0 },
      { name: 'M', index: 1 },
    ]);
    expect(
      eventsOf(run.history, 'MapIterationSucceeded')
        .map(detailsOf)
        .sort((a, b) => a.index - b.index),
    ).toEqual([
      { name: 'M', index: 0 },
      { name: 'M', index: 1 },
    ]);
    expect(types(run.history).slice(-4)).toEqual([
      'MapIterationSucceeded',
      'MapStateSucceeded',
      'MapStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it("a failed iteration fails the Map with the iteration's error: MapIterationFailed, MapStateFailed", async () => {
    const run = await runStateMachine(
      jsonpath({
        M: {
          Type: 'Map',
          ItemProcessor: iterator({
            C: { Type: 'Choice', Choices: [{ Variable: '$', NumericEquals: 2, Next: 'Bad' }], Default: 'Ok' },
            Bad: { Type: 'Fail', Error: 'ItemError', Cause: 'two' },
            Ok: { Type: 'Pass', End: true },
          }),
          MaxConcurrency: 1,
          End: true,
        },
      }),
      [1, 2, 3],
    );
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('ItemError');
    expect(detailsOf(eventsOf(run.history, 'MapIterationFailed')[0])).toEqual({ name: 'M', index: 1 });
    expect(types(run.history).slice(-2)).toEqual(['MapStateFailed', 'ExecutionFailed']);
    expect(detailsOf(run.history.at(-1))).toEqual({ error: 'ItemError', cause: 'two' });
  });

  it("a Catch on the Map receives the iteration's error", async () => {
    const run = await runStateMachine(
      jsonpath({
        M: {
          Type: 'Map',
          ItemProcessor: iterator({ F: { Type: 'Fail', Error: 'ItemError', Cause: 'c' } }),
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'H' }],
          End: true,
        },
        H: { Type: 'Pass', End: true },
      }),
      [1],
    );
    expect(run.output).toEqual({ Error: 'ItemError', Cause: 'c' });
  });
});

describe('siblings of a failed iteration or branch', () => {
  it('aborts the iterations still running when one fails (WaitStateAborted, MapIterationAborted)', async () => {
    const run = await runStateMachine(
      jsonpath({
        M: {
          Type: 'Map',
          ItemProcessor: {
            StartAt: 'C',
            States: {
              C: { Type: 'Choice', Choices: [{ Variable: '$', NumericEquals: 0, Next: 'F' }], Default: 'W' },
              F: { Type: 'Fail', Error: 'E' },
              W: { Type: 'Wait', Seconds: 100, End: true },
            },
          },
          End: true,
        },
      }),
      [0, 1],
    );
    // (Iteration 1's WaitStateEntered may land just after MapIterationFailed: commit order.)
    const order = types(run.history);
    expect(order.slice(-4)).toEqual([
      'WaitStateAborted',
      'MapIterationAborted',
      'MapStateFailed',
      'ExecutionFailed',
    ]);
    expect(order.indexOf('MapIterationFailed')).toBeLessThan(order.indexOf('WaitStateAborted'));
    // AWS links the aborted events and MapStateFailed to the failing event.
    const failing = eventsOf(run.history, 'FailStateEntered')[0].id;
    for (const type of ['MapIterationFailed', 'WaitStateAborted', 'MapIterationAborted', 'MapStateFailed'])
      expect(eventsOf(run.history, type)[0].previousEventId, type).toBe(failing);
    expect(detailsOf(eventsOf(run.history, 'MapIterationAborted')[0])).toEqual({ name: 'M', index: 1 });
  });

  it('aborts the other branches of a failed Parallel (WaitStateAborted before ParallelStateFailed)', async () => {
    const run = await runStateMachine(
      jsonpath({
        Par: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E', Cause: 'c' } } },
            { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 100, End: true } } },
          ],
          End: true,
        },
      }),
      {},
    );
    expect(types(run.history).slice(-3)).toEqual([
      'WaitStateAborted',
      'ParallelStateFailed',
      'ExecutionFailed',
    ]);
    const failing = eventsOf(run.history, 'FailStateEntered')[0].id;
    expect(eventsOf(run.history, 'WaitStateAborted')[0].previousEventId).toBe(failing);
    expect(eventsOf(run.history, 'ParallelStateFailed')[0].previousEventId).toBe(failing);
  });

  it('aborts a running Task nested in a sibling branch (innermost first)', async () => {
    const run = await runStateMachine(
      jsonpath({
        Par: {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: 'W',
              States: { W: { Type: 'Wait', Seconds: 1, Next: 'F' }, F: { Type: 'Fail', Error: 'E' } },
            },
            {
              StartAt: 'Inner',
              States: {
                Inner: {
                  Type: 'Parallel',
                  Branches: [
                    {
                      StartAt: 'T',
                      States: { T: { Type: 'Task', Resource: 'arn:aws:states:::hang', End: true } },
                    },
                  ],
                  End: true,
                },
              },
            },
          ],
          End: true,
        },
      }),
      {},
      { tasks: { 'arn:aws:states:::hang': () => new Promise(() => {}) } },
    );
    expect(types(run.history).slice(-4)).toEqual([
      'TaskStateAborted',
      'ParallelStateAborted',
      'ParallelStateFailed',
      'ExecutionFailed',
    ]);
  });
});
