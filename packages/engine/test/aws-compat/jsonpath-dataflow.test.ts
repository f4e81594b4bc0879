// JSONPath input and output processing, checked against the examples of the Step Functions
// developer guide.
import { describe, expect, it } from 'vitest';
import { detailsOf, eventsOf, jsonpath, runStateMachine } from './helpers.ts';

const HELLO_INPUT = { comment: 'This is a test', details: 'Default example', who: 'Step Functions' };

/** A one-Task machine whose task answers `result`, with the given data-flow fields. */
function taskMachine(fields: Record<string, unknown>) {
  return jsonpath({ T: { Type: 'Task', Resource: 'arn:aws:states:::hello', End: true, ...fields } });
}

describe('ResultPath (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultpath.html)', () => {
  const tasks = { 'arn:aws:states:::hello': async () => 'Hello, Step Functions!' };

  it('"$" (the default) replaces the input with the result', async () => {
    const run = await runStateMachine(taskMachine({ ResultPath: '$' }), HELLO_INPUT, { tasks });
    expect(run.output).toBe('Hello, Step Functions!');
  });

  it('null discards the result and passes the input through', async () => {
    const run = await runStateMachine(taskMachine({ ResultPath: null }), HELLO_INPUT, { tasks });
    expect(run.output).toEqual(HELLO_INPUT);
  });

  it('"$.taskresult" includes the result with the input', async () => {
    const run = await runStateMachine(taskMachine({ ResultPath: '$.taskresult' }), HELLO_INPUT, { tasks });
    expect(run.output).toEqual({ ...HELLO_INPUT, taskresult: 'Hello, Step Functions!' });
  });

  it('a path to an existing node overwrites that node', async () => {
    // Same page: "Use ResultPath to update a node in the input with the result".
    const run = await runStateMachine(taskMachine({ ResultPath: '$.comment' }), HELLO_INPUT, { tasks });
    expect(run.output).toEqual({ ...HELLO_INPUT, comment: 'Hello, Step Functions!' });
  });

  it('applies to the raw state input, not to what InputPath selected', async () => {
    // https://docs.aws.amazon.com/step-functions/latest/dg/input-output-example.html
    const input = {
      comment: 'An input comment.',
      data: { val1: 23, val2: 17 },
      extra: 'foo',
      lambda: { who: 'AWS Step Functions' },
    };
    const run = await runStateMachine(
      taskMachine({ InputPath: '$.lambda', ResultPath: '$.data.lambdaresult', OutputPath: '$.data' }),
      input,
      { tasks: { 'arn:aws:states:::hello': async (i: any) => `Hello, ${i.who}!` } },
    );
    expect(run.output).toEqual({ val1: 23, val2: 17, lambdaresult: 'Hello, AWS Step Functions!' });
  });
});

describe('InputPath, Parameters, OutputPath (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-inputpath-params.html)', () => {
  it('InputPath selects part of the input', async () => {
    // The page's example: "$.dataset2" of { comment, dataset1, dataset2 } → { "val1": "a", "val2": "b", "val3": "c" }.
    const input = {
      comment: 'Example for InputPath.',
      dataset1: { val1: 1, val2: 2, val3: 3 },
      dataset2: { val1: 'a', val2: 'b', val3: 'c' },
    };
    const seen: unknown[] = [];
    const run = await runStateMachine(taskMachine({ InputPath: '$.dataset2', ResultPath: null }), input, {
      tasks: { 'arn:aws:states:::hello': async (i) => seen.push(i) },
    });
    expect(seen).toEqual([{ val1: 'a', val2: 'b', val3: 'c' }]);
    // ResultPath null passes the raw input, not the filtered one.
    expect(run.output).toEqual(input);
  });

  it('Parameters mixes static values, paths and the context object', async () => {
    // The page's "Parameters" example.
    const input = {
      comment: 'Example for Parameters.',
      product: {
        details: { color: 'blue', size: 'small', material: 'cotton' },
        availability: 'in stock',
        sku: '2317',
        cost: '$23',
      },
    };
    const seen: unknown[] = [];
    await runStateMachine(
      taskMachine({
        Parameters: {
          comment: 'Selecting what I care about.',
          MyDetails: {
            'size.$': '$.product.details.size',
            'exists.$': '$.product.availability',
            StaticValue: 'foo',
          },
          'name.$': '$$.State.Name',
        },
      }),
      input,
      { tasks: { 'arn:aws:states:::hello': async (i) => seen.push(i) } },
    );
    expect(seen).toEqual([
      {
        comment: 'Selecting what I care about.',
        MyDetails: { size: 'small', exists: 'in stock', StaticValue: 'foo' },
        name: 'T',
      },
    ]);
  });

  it('OutputPath selects part of the state output', async () => {
    const run = await runStateMachine(jsonpath({ P: { Type: 'Pass', OutputPath: '$.a.b', End: true } }), {
      a: { b: [1, 2] },
      c: 3,
    });
    expect(run.output).toEqual([1, 2]);
  });

  it('InputPath null and OutputPath null give an empty object', async () => {
    // https://docs.aws.amazon.com/step-functions/latest/dg/input-output-inputpath-params.html ("InputPath": null → {})
    const seen: unknown[] = [];
    const run = await runStateMachine(
      jsonpath({
        T: { Type: 'Task', Resource: 'arn:aws:states:::hello', InputPath: null, ResultPath: null, Next: 'P' },
        P: { Type: 'Pass', OutputPath: null, End: true },
      }),
      { a: 1 },
      { tasks: { 'arn:aws:states:::hello': async (i) => seen.push(i) } },
    );
    expect(seen).toEqual([{}]);
    expect(run.output).toEqual({});
  });

  it('Parameters on a Pass state build its output', async () => {
    // https://docs.aws.amazon.com/step-functions/latest/dg/state-pass.html (Parameters)
    const run = await runStateMachine(
      jsonpath({ P: { Type: 'Pass', Parameters: { 'x.$': '$.a', fixed: true }, End: true } }),
      { a: 'A' },
    );
    expect(run.output).toEqual({ x: 'A', fixed: true });
  });
});

describe('ResultSelector (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-inputpath-params.html#input-output-resultselector)', () => {
  it('reshapes the task result before ResultPath places it', async () => {
    const emrResult = {
      resourceType: 'elasticmapreduce',
      resource: 'createCluster.sync',
      output: { SdkHttpMetadata: { HttpStatusCode: 200 }, ClusterId: 'AKIAIOSFODNN7EXAMPLE' },
    };
    const run = await runStateMachine(
      taskMachine({
        ResultSelector: { 'ClusterId.$': '$.output.ClusterId', 'ResourceType.$': '$.resourceType' },
        ResultPath: '$.EMROutput',
      }),
      { a: 1 },
      { tasks: { 'arn:aws:states:::hello': async () => emrResult } },
    );
    expect(run.output).toEqual({
      a: 1,
      EMROutput: { ClusterId: 'AKIAIOSFODNN7EXAMPLE', ResourceType: 'elasticmapreduce' },
    });
  });
});

describe('Pass state (https://docs.aws.amazon.com/step-functions/latest/dg/state-pass.html)', () => {
  it("places Result at ResultPath: the page's georefOf example", async () => {
    const run = await runStateMachine(
      jsonpath({
        'No-op': {
          Type: 'Pass',
          Result: { x: 0.381018, y: 622.2269926397355 },
          ResultPath: '$.coords',
          End: true,
        },
      }),
      { georefOf: 'Home' },
    );
    expect(run.output).toEqual({ georefOf: 'Home', coords: { x: 0.381018, y: 622.2269926397355 } });
  });

  it('treats Result as a literal: keys ending in .$ are not evaluated', async () => {
    const run = await runStateMachine(
      jsonpath({ P: { Type: 'Pass', Result: { 'a.$': '$.x' }, End: true } }),
      { x: 1 },
    );
    expect(run.output).toEqual({ 'a.$': '$.x' });
  });

  it('without Result or Parameters passes its input to its output', async () => {
    const run = await runStateMachine(jsonpath({ P: { Type: 'Pass', End: true } }), { x: [1, { y: null }] });
    expect(run.output).toEqual({ x: [1, { y: null }] });
  });
});

describe('path failures stop the execution with States.Runtime', () => {
  // AWS answers these with ExecutionFailed { error: States.Runtime, cause: "An error occurred while
  // executing the state 'Glue StartJobRun' (entered at the event id #8). The JSONPath '$.JobName'
  // specified for the field 'JobName.$' could not be found in the input '{}'" } (recorded
  // GetExecutionHistory in a public repository; also LocalStack test_base_scenarios snapshots).
  it('an InputPath with no match fails with States.Runtime', async () => {
    const run = await runStateMachine(jsonpath({ P: { Type: 'Pass', InputPath: '$.nope', End: true } }), {
      a: 1,
    });
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('States.Runtime');
    expect(detailsOf(eventsOf(run.history, 'ExecutionFailed')[0]).error).toBe('States.Runtime');
  });
});
