import { describe, expect, it } from 'vitest';
import { runStateMachine } from './run-state-machine.ts';
import { detailsOf, jsonata, types } from './test/helpers.ts';

describe('JSONata mode', () => {
  it('passes data through Output and keeps variables with Assign, evaluated at state entry', async () => {
    const run = await runStateMachine(
      jsonata({
        Init: { Type: 'Pass', Assign: { x: 1, y: 2 }, Next: 'Swap' },
        // Parallel assignment: both right-hand sides see the values at entry, so x and y swap.
        Swap: { Type: 'Pass', Assign: { x: '{% $y %}', y: '{% $x %}' }, Output: '{% $x %}', Next: 'Read' },
        Read: {
          Type: 'Pass',
          Output: {
            x: '{% $x %}',
            y: '{% $y %}',
            before: '{% $states.input %}',
            list: ['{% $x + 10 %}', 'lit'],
          },
          End: true,
        },
      }),
      {},
    );
    expect(run.status).toBe('SUCCEEDED');
    expect(run.output).toEqual({ x: 2, y: 1, before: 1, list: [12, 'lit'] });
    const exited = run.history.filter((e) => e.type === 'PassStateExited').map(detailsOf);
    expect(exited[1].assignedVariables).toEqual({ x: '2', y: '1' });
  });

  it('records history in GetExecutionHistory shape with ids and previousEventId', async () => {
    const run = await runStateMachine(jsonata({ A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Succeed' } }), {
      a: 1,
    });
    expect(types(run.history)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    expect(run.history.map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(run.history.map((e) => e.previousEventId)).toEqual([0, 0, 2, 3, 4, 5]);
    expect(run.history[0].timestamp).toBeInstanceOf(Date);
    expect(detailsOf(run.history[1])).toEqual({
      name: 'A',
      input: '{"a":1}',
      inputDetails: { truncated: false },
    });
    expect(detailsOf(run.history[5])).toEqual({ output: '{"a":1}', outputDetails: { truncated: false } });
  });

  it("routes a Choice by Condition, running the matching rule's Assign", async () => {
    const machine = jsonata({
      Decide: {
        Type: 'Choice',
        Choices: [
          { Condition: '{% $states.input.n > 10 %}', Assign: { size: 'big' }, Next: 'Done' },
          { Condition: '{% $states.input.n > 5 %}', Assign: { size: 'medium' }, Next: 'Done' },
        ],
        Default: 'Done',
        Assign: { size: 'small' },
      },
      Done: { Type: 'Pass', Output: '{% $size %}', End: true },
    });
    expect((await runStateMachine(machine, { n: 20 })).output).toBe('big');
    expect((await runStateMachine(machine, { n: 7 })).output).toBe('medium');
    expect((await runStateMachine(machine, { n: 1 })).output).toBe('small');
  });

  it('fails with States.NoChoiceMatched when nothing matches and there is no Default', async () => {
    const run = await runStateMachine(
      jsonata({
        C: { Type: 'Choice', Choices: [{ Condition: '{% false %}', Next: 'X' }] },
        X: { Type: 'Succeed' },
      }),
      {},
    );
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('States.NoChoiceMatched');
  });

  it('waits on the virtual clock: Seconds and Timestamp', async () => {
    const run = await runStateMachine(
      jsonata({
        W1: { Type: 'Wait', Seconds: '{% $states.input.delay %}', Next: 'W2' },
        W2: { Type: 'Wait', Timestamp: '2030-01-01T00:00:00Z', End: true },
      }),
      { delay: 3600 },
    );
    expect(run.status).toBe('SUCCEEDED');
    const entered = run.history.find((e) => e.type === 'WaitStateEntered')!;
    const exited = run.history.find((e) => e.type === 'WaitStateExited')!;
    expect(exited.timestamp.getTime() - entered.timestamp.getTime()).toBe(3_600_000);
    expect(run.history.at(-1)!.timestamp.toISOString()).toBe('2030-01-01T00:00:00.000Z');
  });

  it("fails with the Fail state's Error and Cause expressions", async () => {
    const run = await runStateMachine(
      jsonata({ F: { Type: 'Fail', Error: '{% "Custom." & $states.input.kind %}', Cause: 'because' } }),
      { kind: 'Oops' },
    );
    expect(run).toMatchObject({ status: 'FAILED', error: 'Custom.Oops', cause: 'because' });
    expect(types(run.history)).toEqual(['ExecutionStarted', 'FailStateEntered', 'ExecutionFailed']);
  });

  it('raises States.QueryEvaluationError naming the expression and field when a result is undefined', async () => {
    const run = await runStateMachine(
      jsonata({ P: { Type: 'Pass', Output: { a: '{% $states.input.missing %}' }, End: true } }),
      {},
    );
    expect(run.error).toBe('States.QueryEvaluationError');
    expect(run.cause).toContain("'$states.input.missing'");
    expect(run.cause).toContain('Output');
  });

  it('provides AWS functions and the context object', async () => {
    const run = await runStateMachine(
      jsonata({
        P: {
          Type: 'Pass',
          Output: {
            parts: '{% $partition([1,2,3,4,5], 2) %}',
            range: '{% $range(0, 10, 5) %}',
            hash: '{% $hash("abc", "SHA-256") %}',
            parsed: '{% $parse(\'{"a":1}\') %}',
            uuid: '{% $length($uuid()) %}',
            seeded: '{% $random(7) = $random(7) %}',
            state: '{% $states.context.State.Name %}',
            execution: '{% $states.context.Execution.Name %}',
          },
          End: true,
        },
      }),
      {},
    );
    expect(run.output).toMatchObject({
      parts: [[1, 2], [3, 4], [5]],
      range: [0, 5, 10],
      hash: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      parsed: { a: 1 },
      uuid: 36,
      seeded: true,
      state: 'P',
    });
  });
});
