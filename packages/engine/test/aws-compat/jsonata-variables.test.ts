// JSONata states and workflow variables:
// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
// https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
import { describe, expect, it } from 'vitest';
import { detailsOf, eventsOf, failing, jsonata, runStateMachine } from './helpers.ts';

const R = 'arn:aws:states:::work';

describe('Arguments and Output', () => {
  it('a Task without Output outputs its result; Arguments build what the task receives', async () => {
    const seen: unknown[] = [];
    const run = await runStateMachine(
      jsonata({
        T: {
          Type: 'Task',
          Resource: R,
          Arguments: {
            id: '{% $states.input.order.id %}',
            count: '{% $count($states.input.order.items) %}',
            fixed: 'x',
          },
          End: true,
        },
      }),
      { order: { id: 'o-1', items: [1, 2, 3] } },
      { tasks: { [R]: async (i) => (seen.push(i), { ok: true }) } },
    );
    expect(seen).toEqual([{ id: 'o-1', count: 3, fixed: 'x' }]);
    expect(run.output).toEqual({ ok: true });
  });

  it('a Pass without Output outputs its input', async () => {
    const run = await runStateMachine(jsonata({ P: { Type: 'Pass', End: true } }), { a: 1 });
    expect(run.output).toEqual({ a: 1 });
  });

  it('Output reads $states.input and $states.result', async () => {
    const run = await runStateMachine(
      jsonata({
        T: {
          Type: 'Task',
          Resource: R,
          Output: { was: '{% $states.input.n %}', got: '{% $states.result.v %}' },
          End: true,
        },
      }),
      { n: 1 },
      { tasks: { [R]: async () => ({ v: 2 }) } },
    );
    expect(run.output).toEqual({ was: 1, got: 2 });
  });

  it('a whole-string expression can yield any JSON type', async () => {
    const run = await runStateMachine(
      jsonata({ P: { Type: 'Pass', Output: '{% [1, "two", {"three": 3}, true, null] %}', End: true } }),
      {},
    );
    expect(run.output).toEqual([1, 'two', { three: 3 }, true, null]);
  });

  it('strings without {% %} are literal', async () => {
    const run = await runStateMachine(
      jsonata({ P: { Type: 'Pass', Output: { a: '$states.input', b: 'x {% 1 %}' }, End: true } }),
      {},
    );
    expect(run.output).toEqual({ a: '$states.input', b: 'x {% 1 %}' });
  });

  it('$states.context carries the execution and state names', async () => {
    const run = await runStateMachine(
      jsonata({
        Step: {
          Type: 'Pass',
          Output: {
            state: '{% $states.context.State.Name %}',
            input: '{% $states.context.Execution.Input %}',
            machine: '{% $states.context.StateMachine.Name %}',
          },
          End: true,
        },
      }),
      { k: 'v' },
    );
    expect(run.output).toEqual({ state: 'Step', input: { k: 'v' }, machine: 'local' });
  });
});

describe('Assign and variables', () => {
  it('JSONPath states read variables as $name in Parameters and Choice', async () => {
    // https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html (JSONPath: "x.$": "$var")
    const run = await runStateMachine(
      {
        StartAt: 'A',
        States: {
          A: { Type: 'Pass', Assign: { 'v.$': '$.a', n: 3 }, Next: 'C' },
          C: { Type: 'Choice', Choices: [{ Variable: '$n', NumericEquals: 3, Next: 'B' }], Default: 'Z' },
          B: { Type: 'Pass', Parameters: { 'x.$': '$v', 'y.$': '$n' }, End: true },
          Z: { Type: 'Fail' },
        },
      },
      { a: 'A' },
    );
    expect(run.output).toEqual({ x: 'A', y: 3 });
  });

  it("a Map state's Assign and Output read the array of results", async () => {
    const run = await runStateMachine(
      jsonata({
        M: {
          Type: 'Map',
          Items: [1, 2],
          ItemProcessor: {
            StartAt: 'I',
            States: { I: { Type: 'Pass', Output: '{% $states.input * 2 %}', End: true } },
          },
          Assign: { s: '{% $sum($states.result) %}' },
          Output: '{% $states.result %}',
          Next: 'Z',
        },
        Z: { Type: 'Pass', Output: { s: '{% $s %}', r: '{% $states.input %}' }, End: true },
      }),
      {},
    );
    expect(run.output).toEqual({ s: 6, r: [2, 4] });
  });

  it('a variable is visible in every later state', async () => {
    const run = await runStateMachine(
      jsonata({
        A: { Type: 'Pass', Assign: { productName: 'product1', count: 42, available: true }, Next: 'B' },
        B: {
          Type: 'Pass',
          Output: '{% $productName & "/" & $string($count) & "/" & $string($available) %}',
          End: true,
        },
      }),
      {},
    );
    expect(run.output).toBe('product1/42/true');
  });

  it('Assign and Output of one state both see the values from state entry', async () => {
    // workflow-variables.html: new values become visible from the next state on.
    const run = await runStateMachine(
      jsonata({
        A: { Type: 'Pass', Assign: { x: 1 }, Next: 'B' },
        B: { Type: 'Pass', Assign: { x: 2, y: '{% $x %}' }, Output: { x: '{% $x %}' }, Next: 'C' },
        C: { Type: 'Pass', Output: { x: '{% $x %}', y: '{% $y %}' }, End: true },
      }),
      {},
    );
    expect(run.output).toEqual({ x: 2, y: 1 });
    const exitB = detailsOf(eventsOf(run.history, 'PassStateExited')[1]);
    expect(JSON.parse(exitB.output)).toEqual({ x: 1 });
  });

  it("a Task's Assign reads $states.result", async () => {
    const run = await runStateMachine(
      jsonata({
        T: { Type: 'Task', Resource: R, Assign: { id: '{% $states.result.id %}' }, Output: {}, Next: 'P' },
        P: { Type: 'Pass', Output: '{% $id %}', End: true },
      }),
      {},
      { tasks: { [R]: async () => ({ id: 'abc' }) } },
    );
    expect(run.output).toBe('abc');
  });

  it('StateExited records assignedVariables as JSON text', async () => {
    const run = await runStateMachine(
      jsonata({ A: { Type: 'Pass', Assign: { s: 'str', n: 1, o: { a: [1] } }, End: true } }),
      {},
    );
    const exited = detailsOf(eventsOf(run.history, 'PassStateExited')[0]);
    expect(exited.assignedVariables).toEqual({ s: '"str"', n: '1', o: '{"a":[1]}' });
    expect(exited.assignedVariablesDetails).toEqual({ truncated: false });
  });

  it('a Parallel branch reads outer variables, and its own assignments stay inside it', async () => {
    const run = await runStateMachine(
      jsonata({
        Init: { Type: 'Pass', Assign: { outer: 'o' }, Next: 'Par' },
        Par: {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: 'B1',
              States: {
                B1: { Type: 'Pass', Assign: { inner: 'i' }, Next: 'B2' },
                B2: { Type: 'Pass', Output: '{% $outer & $inner %}', End: true },
              },
            },
            { StartAt: 'C1', States: { C1: { Type: 'Pass', Output: '{% $outer %}', End: true } } },
          ],
          Next: 'After',
        },
        After: { Type: 'Pass', Output: { result: '{% $states.input %}', outer: '{% $outer %}' }, End: true },
      }),
      {},
    );
    expect(run.output).toEqual({ result: ['oi', 'o'], outer: 'o' });
  });

  it("the Parallel state's own Assign can read $states.result and write to the outer scope", async () => {
    const run = await runStateMachine(
      jsonata({
        Par: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Pass', Output: 1, End: true } } },
            { StartAt: 'B', States: { B: { Type: 'Pass', Output: 2, End: true } } },
          ],
          Assign: { total: '{% $sum($states.result) %}' },
          Next: 'Read',
        },
        Read: { Type: 'Pass', Output: '{% $total %}', End: true },
      }),
      {},
    );
    expect(run.output).toBe(3);
  });

  it('rejects assigning an outer variable from inside a Map iteration', async () => {
    const machine = jsonata({
      A: { Type: 'Pass', Assign: { x: 1 }, Next: 'M' },
      M: {
        Type: 'Map',
        Items: [1],
        ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', Assign: { x: 2 }, End: true } } },
        End: true,
      },
    });
    await expect(runStateMachine(machine, {})).rejects.toThrow(/x/);
  });

  it('names every offending path: a branch state, a Choice rule and a nested catcher (no shadowing)', async () => {
    const machine = jsonata({
      Par: {
        Type: 'Parallel',
        Branches: [
          {
            StartAt: 'C',
            States: {
              C: {
                Type: 'Choice',
                Choices: [{ Condition: true, Assign: { x: 1 }, Next: 'T' }],
                Default: 'T',
              },
              T: {
                Type: 'Task',
                Resource: R,
                Catch: [{ ErrorEquals: ['States.ALL'], Assign: { y: 1 }, Next: 'D' }],
                End: true,
              },
              D: { Type: 'Pass', End: true },
            },
          },
        ],
        Catch: [{ ErrorEquals: ['States.ALL'], Assign: { y: 0 }, Next: 'Done' }],
        Next: 'Done',
      },
      Done: { Type: 'Pass', Assign: { x: 0 }, End: true },
    });
    const err = await runStateMachine(machine, {}).catch((e: { problems: { path: string }[] }) => e);
    expect((err as { problems: { path: string }[] }).problems.map((p) => p.path)).toEqual([
      'States.Par.Branches[0].States.C.Choices[0].Assign.x',
      'States.Par.Branches[0].States.T.Catch[0].Assign.y',
    ]);
  });

  it('accepts sibling branches that use the same names, and a Map catcher that assigns the outer scope', async () => {
    const run = await runStateMachine(
      jsonata({
        Init: { Type: 'Pass', Assign: { seen: 0 }, Next: 'Par' },
        Par: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Pass', Assign: { v: 1 }, End: true } } },
            { StartAt: 'B', States: { B: { Type: 'Pass', Assign: { v: 2 }, End: true } } },
          ],
          Next: 'M',
        },
        M: {
          Type: 'Map',
          Items: [1],
          ItemProcessor: { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E' } } },
          Catch: [{ ErrorEquals: ['States.ALL'], Assign: { seen: '{% $seen + 1 %}' }, Next: 'Read' }],
          End: true,
        },
        Read: { Type: 'Pass', Output: '{% $seen %}', End: true },
      }),
      {},
    );
    expect(run.status).toBe('SUCCEEDED');
    expect(run.output).toBe(1);
  });

  it("a catcher's Assign and Output read $states.errorOutput", async () => {
    const run = await runStateMachine(
      jsonata({
        T: {
          Type: 'Task',
          Resource: R,
          Catch: [
            {
              ErrorEquals: ['States.ALL'],
              Assign: { lastError: '{% $states.errorOutput.Error %}' },
              Output: { cause: '{% $states.errorOutput.Cause %}', input: '{% $states.input %}' },
              Next: 'H',
            },
          ],
          End: true,
        },
        H: { Type: 'Pass', Output: { err: '{% $lastError %}', got: '{% $states.input %}' }, End: true },
      }),
      { a: 1 },
      { tasks: { [R]: failing(1, 'Vendor.Down', 'ok', 'try later') } },
    );
    expect(run.output).toEqual({ err: 'Vendor.Down', got: { cause: 'try later', input: { a: 1 } } });
  });

  it('a catcher without Output outputs {Error, Cause}', async () => {
    const run = await runStateMachine(
      jsonata({
        T: { Type: 'Task', Resource: R, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'H' }], End: true },
        H: { Type: 'Pass', End: true },
      }),
      { a: 1 },
      { tasks: { [R]: failing(1, 'E', 'ok', 'c') } },
    );
    expect(run.output).toEqual({ Error: 'E', Cause: 'c' });
  });

  it("a Choice rule's Assign runs when that rule matches", async () => {
    const machine = jsonata({
      C: {
        Type: 'Choice',
        Choices: [{ Condition: '{% $states.input.n > 10 %}', Assign: { size: 'big' }, Next: 'Done' }],
        Default: 'Small',
      },
      Small: { Type: 'Pass', Assign: { size: 'small' }, Next: 'Done' },
      Done: { Type: 'Pass', Output: '{% $size %}', End: true },
    });
    expect((await runStateMachine(machine, { n: 11 })).output).toBe('big');
    expect((await runStateMachine(machine, { n: 1 })).output).toBe('small');
  });

  it('Map iterations read outer variables and $states.context.Map.Item', async () => {
    const run = await runStateMachine(
      jsonata({
        Init: { Type: 'Pass', Assign: { prefix: 'item-' }, Next: 'M' },
        M: {
          Type: 'Map',
          Items: '{% $states.input.list %}',
          ItemSelector: {
            v: '{% $states.context.Map.Item.Value %}',
            i: '{% $states.context.Map.Item.Index %}',
          },
          ItemProcessor: {
            ProcessorConfig: { Mode: 'INLINE' },
            StartAt: 'Name',
            States: {
              Name: {
                Type: 'Pass',
                Output: '{% $prefix & $states.input.v & "@" & $string($states.input.i) %}',
                End: true,
              },
            },
          },
          End: true,
        },
      }),
      { list: ['a', 'b'] },
    );
    expect(run.output).toEqual(['item-a@0', 'item-b@1']);
  });

  it('Wait Seconds and Fail Error/Cause accept expressions', async () => {
    const run = await runStateMachine(
      jsonata({
        W: { Type: 'Wait', Seconds: '{% $states.input.delay %}', Next: 'F' },
        F: {
          Type: 'Fail',
          Error: '{% "Custom." & $states.input.kind %}',
          Cause: '{% "delay was " & $string($states.input.delay) %}',
        },
      }),
      { delay: 7, kind: 'Nope' },
    );
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('Custom.Nope');
    expect(run.cause).toBe('delay was 7');
    const [entered, exited] = [
      eventsOf(run.history, 'WaitStateEntered')[0],
      eventsOf(run.history, 'WaitStateExited')[0],
    ];
    expect((exited.timestamp.getTime() - entered.timestamp.getTime()) / 1000).toBe(7);
  });
});

describe('JSONata in other fields', () => {
  it('Wait Timestamp accepts an expression', async () => {
    const run = await runStateMachine(
      jsonata({ W: { Type: 'Wait', Timestamp: '{% $states.input.t %}', End: true } }),
      {
        t: '2024-01-01T00:01:00Z',
      },
    );
    const [entered, exited] = [
      eventsOf(run.history, 'WaitStateEntered')[0],
      eventsOf(run.history, 'WaitStateExited')[0],
    ];
    expect((exited.timestamp.getTime() - entered.timestamp.getTime()) / 1000).toBe(60);
  });

  it('TimeoutSeconds given a string by its expression is a States.QueryEvaluationError', async () => {
    const run = await runStateMachine(
      jsonata({ T: { Type: 'Task', Resource: R, TimeoutSeconds: '{% $states.input.t %}', End: true } }),
      { t: 'x' },
      { tasks: { [R]: async () => 1 } },
    );
    expect(run.error).toBe('States.QueryEvaluationError');
  });

  it("after retries are exhausted, the catcher's $states.errorOutput is {Error, Cause}", async () => {
    const run = await runStateMachine(
      jsonata({
        T: {
          Type: 'Task',
          Resource: R,
          Retry: [{ ErrorEquals: ['E'], MaxAttempts: 1 }],
          Catch: [{ ErrorEquals: ['E'], Output: '{% $states.errorOutput %}', Next: 'H' }],
          End: true,
        },
        H: { Type: 'Pass', End: true },
      }),
      {},
      { tasks: { [R]: failing(5, 'E', 'ok', 'c') } },
    );
    expect(run.output).toEqual({ Error: 'E', Cause: 'c' });
  });
});

describe('States.QueryEvaluationError', () => {
  it('an expression that returns nothing fails the state, naming the expression and the field', async () => {
    // Cause text recorded on AWS: "The JSONata expression '$states.input.pushLocation' specified for
    // the field 'Arguments/Input/pushLocation' returned nothing (undefined)."
    const run = await runStateMachine(
      jsonata({ P: { Type: 'Pass', Output: { v: '{% $states.input.absent %}' }, End: true } }),
      {},
    );
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('States.QueryEvaluationError');
    expect(run.cause).toContain(
      "The JSONata expression '$states.input.absent' specified for the field 'Output/v' returned nothing (undefined).",
    );
  });

  it('names nested fields with / and array positions with [i]', async () => {
    const run = await runStateMachine(
      jsonata({
        T: { Type: 'Task', Resource: R, Arguments: { a: ['{% $states.input.nope %}'] }, End: true },
      }),
      {},
      { tasks: { [R]: async () => 1 } },
    );
    expect(run.cause).toContain("specified for the field 'Arguments/a[0]' returned nothing (undefined).");
    const assign = await runStateMachine(
      jsonata({ P: { Type: 'Pass', Assign: { x: '{% $states.input.nope %}' }, End: true } }),
      {},
    );
    expect(assign.cause).toContain("specified for the field 'Assign/x' returned nothing (undefined).");
  });

  it('is caught by States.ALL on a Task', async () => {
    const run = await runStateMachine(
      jsonata({
        T: {
          Type: 'Task',
          Resource: R,
          Arguments: { x: '{% $states.input.nope %}' },
          Catch: [{ ErrorEquals: ['States.QueryEvaluationError'], Next: 'H' }],
          End: true,
        },
        H: { Type: 'Pass', Output: '{% $states.input.Error %}', End: true },
      }),
      {},
      { tasks: { [R]: async () => 1 } },
    );
    expect(run.status).toBe('SUCCEEDED');
    expect(run.output).toBe('States.QueryEvaluationError');
  });

  it('a non-boolean Condition is an error', async () => {
    const run = await runStateMachine(
      jsonata({
        C: { Type: 'Choice', Choices: [{ Condition: '{% "yes" %}', Next: 'D' }], Default: 'D' },
        D: { Type: 'Succeed' },
      }),
      {},
    );
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('States.QueryEvaluationError');
  });
});
