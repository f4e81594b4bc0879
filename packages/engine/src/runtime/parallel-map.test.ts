import { describe, expect, it } from 'vitest';
import { TaskFailure } from './errors.ts';
import { runStateMachine } from './run-state-machine.ts';
import { jsonata, types } from './test/helpers.ts';

const pass = (Output: unknown) => ({ StartAt: 'P', States: { P: { Type: 'Pass', Output, End: true } } });

describe('Parallel', () => {
  it('outputs the branch outputs in branch order; branches read outer variables', async () => {
    const run = await runStateMachine(
      jsonata({
        Init: { Type: 'Pass', Assign: { base: 10 }, Next: 'Fan' },
        Fan: {
          Type: 'Parallel',
          Arguments: { n: '{% $states.input.n %}' },
          Branches: [
            {
              StartAt: 'W',
              States: {
                W: { Type: 'Wait', Seconds: 5, Next: 'A' },
                A: { Type: 'Pass', Output: '{% $base + $states.input.n %}', End: true },
              },
            },
            pass('{% $base * $states.input.n %}'),
          ],
          End: true,
        },
      }),
      { n: 3 },
    );
    expect(run.output).toEqual([13, 30]);
    expect(types(run.history)).toContain('ParallelStateSucceeded');
  });

  it("fails with the failing branch's error, which a Catch on the Parallel can handle", async () => {
    const run = await runStateMachine(
      jsonata({
        Fan: {
          Type: 'Parallel',
          Branches: [
            pass(1),
            { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Branch.Broke', Cause: 'x' } } },
          ],
          Catch: [{ ErrorEquals: ['Branch.Broke'], Output: '{% $states.errorOutput %}', Next: 'Done' }],
          Next: 'Never',
        },
        Never: { Type: 'Succeed' },
        Done: { Type: 'Pass', End: true },
      }),
      {},
    );
    expect(run.output).toEqual({ Error: 'Branch.Broke', Cause: 'x' });
    expect(types(run.history)).toContain('ParallelStateFailed');
  });

  it("keeps sibling branches' variables apart and does not leak them outward", async () => {
    const run = await runStateMachine(
      jsonata({
        Init: { Type: 'Pass', Assign: { shared: 'outer' }, Next: 'Fan' },
        Fan: {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: 'A1',
              States: {
                A1: { Type: 'Pass', Assign: { mine: 'a' }, Next: 'A2' },
                A2: { Type: 'Pass', Output: '{% $mine & "/" & $shared %}', End: true },
              },
            },
            {
              StartAt: 'B1',
              States: {
                B1: { Type: 'Pass', Assign: { mine: 'b' }, Next: 'B2' },
                B2: { Type: 'Pass', Output: '{% $mine & "/" & $shared %}', End: true },
              },
            },
          ],
          Next: 'After',
        },
        After: {
          Type: 'Pass',
          Output: { branches: '{% $states.input %}', leaked: '{% $exists($mine) %}' },
          End: true,
        },
      }),
      {},
    );
    expect(run.output).toEqual({ branches: ['a/outer', 'b/outer'], leaked: false });
  });
});

describe('Map (inline)', () => {
  it('runs the processor per item with ItemSelector and $states.context.Map.Item', async () => {
    const run = await runStateMachine(
      jsonata({
        Each: {
          Type: 'Map',
          Items: '{% $states.input.posts %}',
          ItemSelector: {
            i: '{% $states.context.Map.Item.Index %}',
            title: '{% $states.context.Map.Item.Value.title %}',
          },
          ItemProcessor: {
            ProcessorConfig: { Mode: 'INLINE' },
            StartAt: 'P',
            States: {
              P: {
                Type: 'Pass',
                Output: '{% $string($states.input.i) & ":" & $states.input.title %}',
                End: true,
              },
            },
          },
          End: true,
        },
      }),
      { posts: [{ title: 'a' }, { title: 'b' }, { title: 'c' }] },
    );
    expect(run.output).toEqual(['0:a', '1:b', '2:c']);
    expect(types(run.history).filter((t) => t === 'MapIterationSucceeded')).toHaveLength(3);
  });

  it('never runs more than MaxConcurrency iterations at once', async () => {
    let inFlight = 0;
    let peak = 0;
    const run = await runStateMachine(
      jsonata({
        Each: {
          Type: 'Map',
          MaxConcurrency: 2,
          ItemProcessor: {
            StartAt: 'T',
            States: {
              T: {
                Type: 'Task',
                Resource: 'arn:aws:states:::lambda:invoke',
                Arguments: { FunctionName: 'slow', Payload: '{% $states.input %}' },
                Output: '{% $states.result.Payload %}',
                End: true,
              },
            },
          },
          End: true,
        },
      }),
      [1, 2, 3, 4, 5],
      {
        tasks: {
          slow: async (n) => {
            inFlight++;
            peak = Math.max(peak, inFlight);
            await new Promise((r) => setTimeout(r, 5));
            inFlight--;
            return (n as number) * 2;
          },
        },
      },
    );
    expect(run.output).toEqual([2, 4, 6, 8, 10]);
    expect(peak).toBe(2);
  });

  it('fails with the iteration error, or States.ExceedToleratedFailureThreshold past the tolerance', async () => {
    const machine = (extra: object) =>
      jsonata({
        Each: {
          Type: 'Map',
          ...extra,
          ItemProcessor: {
            StartAt: 'T',
            States: { T: { Type: 'Task', Resource: 'check', End: true } },
          },
          End: true,
        },
      });
    const tasks = {
      check: async (n: unknown) => {
        if ((n as number) % 2 === 0) throw new TaskFailure('Item.Bad', `item ${n}`);
        return n;
      },
    };
    expect((await runStateMachine(machine({}), [1, 2, 3], { tasks })).error).toBe('Item.Bad');
    const tolerated = await runStateMachine(machine({ ToleratedFailureCount: 1 }), [1, 2, 3], { tasks });
    expect(tolerated.status).toBe('SUCCEEDED');
    const exceeded = await runStateMachine(machine({ ToleratedFailureCount: 1 }), [1, 2, 3, 4], { tasks });
    expect(exceeded.error).toBe('States.ExceedToleratedFailureThreshold');
  });

  it('isolates iteration variables, and lets a Catch on the Map assign the outer scope', async () => {
    const run = await runStateMachine(
      jsonata({
        Init: { Type: 'Pass', Assign: { total: 0 }, Next: 'Each' },
        Each: {
          Type: 'Map',
          ItemProcessor: {
            StartAt: 'Own',
            States: {
              Own: { Type: 'Pass', Assign: { mine: '{% $states.input %}' }, Next: 'Check' },
              Check: {
                Type: 'Choice',
                Choices: [{ Condition: '{% $mine = 3 %}', Next: 'Boom' }],
                Default: 'Done',
              },
              Boom: {
                Type: 'Fail',
                Error: 'Three',
                Cause: '{% "saw " & $string($mine) & " with total " & $string($total) %}',
              },
              Done: { Type: 'Pass', Output: '{% $mine * 2 %}', End: true },
            },
          },
          Catch: [
            {
              ErrorEquals: ['Three'],
              Assign: { total: -1, why: '{% $states.errorOutput.Cause %}' },
              Next: 'After',
            },
          ],
          Next: 'After',
        },
        After: {
          Type: 'Pass',
          Output: { total: '{% $total %}', why: '{% $why %}', mine: '{% $exists($mine) %}' },
          End: true,
        },
      }),
      [1, 2, 3],
    );
    expect(run.output).toEqual({ total: -1, why: 'saw 3 with total 0', mine: false });
    expect(types(run.history)).toContain('MapIterationFailed');
    expect(types(run.history)).toContain('MapStateFailed');
  });

  it('gives [] for an empty array and fails with States.QueryEvaluationError for a non-array', async () => {
    const machine = jsonata({ Each: { Type: 'Map', ItemProcessor: pass(1), End: true } });
    expect((await runStateMachine(machine, [])).output).toEqual([]);
    expect((await runStateMachine(machine, { not: 'array' })).error).toBe('States.QueryEvaluationError');
  });
});
