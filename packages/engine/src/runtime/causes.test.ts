import { describe, expect, it } from 'vitest';
import { runStateMachine } from './run-state-machine.ts';
import { jsonata, types } from './test/helpers.ts';

// Errors the runtime raises while running a state carry AWS's prefix naming the state and the
// id of its StateEntered event.

describe('causes of runtime errors', () => {
  it('names the state and its StateEntered event for a JSONata expression that returns nothing', async () => {
    const run = await runStateMachine(
      jsonata({
        First: { Type: 'Pass', Next: 'E' },
        E: { Type: 'Pass', Output: { v: '{% $states.input.missing %}' }, End: true },
      }),
      {},
    );
    expect(run.error).toBe('States.QueryEvaluationError');
    expect(run.cause).toBe(
      "An error occurred while executing the state 'E' (entered at the event id #4). The JSONata expression '$states.input.missing' specified for the field 'Output/v' returned nothing (undefined).",
    );
    expect(run.history.find((e) => e.type === 'PassStateEntered' && e.id === 4)).toBeDefined();
  });

  it('gives the JSONata error code as AWS does for an expression that throws', async () => {
    const run = await runStateMachine(
      jsonata({ E: { Type: 'Pass', Output: '{% $abs("x") %}', End: true } }),
      {},
    );
    expect(run.cause).toMatch(
      /^An error occurred while executing the state 'E' \(entered at the event id #2\)\. The JSONata expression '\$abs\("x"\)' specified for the field 'Output' threw an error during evaluation\. T0410: /,
    );
  });

  it('prefixes a JSONPath States.Runtime error the same way', async () => {
    const run = await runStateMachine(
      { StartAt: 'P', States: { P: { Type: 'Pass', InputPath: '$.nope', End: true } } },
      { x: 'a' },
    );
    expect(run.error).toBe('States.Runtime');
    expect(run.cause).toMatch(
      /^An error occurred while executing the state 'P' \(entered at the event id #2\)\. \S/,
    );
  });

  it('puts the prefixed cause in the error output a Catch receives', async () => {
    const run = await runStateMachine(
      jsonata({
        E: {
          Type: 'Task',
          Resource: 'echo',
          Arguments: { v: '{% $states.input.missing %}' },
          Catch: [{ ErrorEquals: ['States.QueryEvaluationError'], Next: 'Caught' }],
          End: true,
        },
        Caught: { Type: 'Pass', End: true },
      }),
      {},
      { tasks: { echo: async (x) => x } },
    );
    expect(run.status).toBe('SUCCEEDED');
    expect((run.output as { Cause: string }).Cause).toMatch(
      /^An error occurred while executing the state 'E' \(entered at the event id #2\)\. The JSONata expression/,
    );
    expect(types(run.history)).toContain('TaskStateExited');
  });
});

describe('a Map iteration that fails', () => {
  it('aborts the sibling iterations still running (MapIterationAborted) before MapStateFailed', async () => {
    const run = await runStateMachine(
      jsonata({
        Each: {
          Type: 'Map',
          Items: '{% [1, 2, 3] %}',
          ItemProcessor: jsonata({ Work: { Type: 'Task', Resource: 'work', End: true } }),
          End: true,
        },
      }),
      {},
      {
        tasks: {
          work: async (n) => {
            if (n === 2) throw Object.assign(new Error('bad item'), { name: 'Item.Bad' });
            return new Promise(() => {});
          },
        },
      },
    );
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('Item.Bad');
    const seq = types(run.history);
    expect(seq.filter((t) => t === 'MapIterationAborted')).toHaveLength(2);
    expect(seq.indexOf('MapIterationFailed')).toBeLessThan(seq.indexOf('MapIterationAborted'));
    expect(seq.lastIndexOf('MapIterationAborted')).toBeLessThan(seq.indexOf('MapStateFailed'));
  });
});

describe('findings from the AWS compatibility suite', () => {
  it('a Parameters path with no match fails the execution with States.Runtime, uncatchable by States.ALL', async () => {
    const plain = await runStateMachine(
      { StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'JobName.$': '$.JobName' }, End: true } } },
      { flagged: false },
    );
    expect(plain.status).toBe('FAILED');
    expect(plain.error).toBe('States.Runtime');
    expect(plain.cause).toBe(
      "An error occurred while executing the state 'P' (entered at the event id #2). The JSONPath '$.JobName' specified for the field 'JobName.$' could not be found in the input '{\"flagged\":false}'",
    );
    const caught = await runStateMachine(
      {
        StartAt: 'T',
        States: {
          T: {
            Type: 'Task',
            Resource: 'arn:aws:states:::hello',
            ResultSelector: { 'a.$': '$.nope' },
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }],
            End: true,
          },
          Caught: { Type: 'Succeed' },
        },
      },
      {},
      { tasks: { 'arn:aws:states:::hello': async () => ({}) } },
    );
    expect(caught.status).toBe('FAILED');
    expect(caught.error).toBe('States.Runtime');
    expect(caught.cause).toContain(
      "The JSONPath '$.nope' specified for the field 'a.$' could not be found in the input '{}'",
    );
  });

  it('an expression that throws names the JSONata error in the cause, not [object Object]', async () => {
    const run = await runStateMachine(
      jsonata({ P: { Type: 'Pass', Output: '{% 1 + "a" %}', End: true } }),
      {},
    );
    expect(run.error).toBe('States.QueryEvaluationError');
    expect(run.cause).not.toContain('[object Object]');
    expect(run.cause).toContain('must evaluate to a number');
  });
});
