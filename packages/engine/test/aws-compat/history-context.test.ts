// History events in GetExecutionHistory's shape
// (https://docs.aws.amazon.com/step-functions/latest/apireference/API_GetExecutionHistory.html, HelloWorld
// sample) and the context object
// (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html).
import { describe, expect, it } from 'vitest';
import {
  detailsOf,
  eventsOf,
  jsonata,
  jsonpath,
  LAMBDA_ARN,
  runStateMachine,
  TaskFailure,
  types,
} from './helpers.ts';

describe('history', () => {
  it('the HelloWorld Pass sample: four events, ids 1..4, previousEventId 0,0,2,3', async () => {
    const run = await runStateMachine(
      jsonpath({ HelloWorld: { Type: 'Pass', Result: 'Hello World!', End: true } }),
      {},
    );
    expect(types(run.history)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    expect(run.history.map((e) => [e.id, e.previousEventId])).toEqual([
      [1, 0],
      [2, 0],
      [3, 2],
      [4, 3],
    ]);
    expect(detailsOf(run.history[0])).toMatchObject({ input: '{}', inputDetails: { truncated: false } });
    expect(detailsOf(run.history[0]).roleArn).toMatch(/^arn:aws:iam::\d{12}:role\//);
    expect(detailsOf(run.history[2])).toEqual({
      name: 'HelloWorld',
      output: '"Hello World!"',
      outputDetails: { truncated: false },
    });
    expect(detailsOf(run.history[3])).toEqual({
      output: '"Hello World!"',
      outputDetails: { truncated: false },
    });
  });

  it('a Fail state writes FailStateEntered then ExecutionFailed {error, cause}, no exit event', async () => {
    const run = await runStateMachine(
      jsonpath({ F: { Type: 'Fail', Error: 'ErrorA', Cause: 'Kaiju attack' } }),
      {},
    );
    expect(run.status).toBe('FAILED');
    expect(types(run.history)).toEqual(['ExecutionStarted', 'FailStateEntered', 'ExecutionFailed']);
    expect(detailsOf(run.history[2])).toEqual({ error: 'ErrorA', cause: 'Kaiju attack' });
  });

  it('Fail ErrorPath/CausePath read the input, CausePath may be an intrinsic', async () => {
    // https://docs.aws.amazon.com/step-functions/latest/dg/state-fail.html
    const run = await runStateMachine(
      jsonpath({
        F: {
          Type: 'Fail',
          ErrorPath: '$.Error',
          CausePath:
            "States.Format('This is a custom error message for {}, caused by {}.', $.Error, $.Cause)",
        },
      }),
      { Error: 'Timeout', Cause: 'the network' },
    );
    expect(run.error).toBe('Timeout');
    expect(run.cause).toBe('This is a custom error message for Timeout, caused by the network.');
  });

  it('a Succeed state writes SucceedStateEntered/Exited and outputs its input', async () => {
    const run = await runStateMachine(jsonpath({ S: { Type: 'Succeed' } }), { a: 1 });
    expect(types(run.history)).toEqual([
      'ExecutionStarted',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    expect(run.output).toEqual({ a: 1 });
  });

  it('lambda:invoke writes TaskScheduled {resourceType lambda, resource invoke, region, parameters}', async () => {
    // LocalStack test_states_errors.snapshot.json: resource "invoke", resourceType "lambda".
    const run = await runStateMachine(
      jsonpath({
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'fn', Payload: { a: 1 } },
          End: true,
        },
      }),
      {},
      { tasks: { fn: async (p) => p } },
    );
    const scheduled = detailsOf(eventsOf(run.history, 'TaskScheduled')[0]);
    expect(scheduled).toMatchObject({ resourceType: 'lambda', resource: 'invoke' });
    expect(typeof scheduled.region).toBe('string');
    expect(JSON.parse(scheduled.parameters)).toEqual({ FunctionName: 'fn', Payload: { a: 1 } });
    expect(detailsOf(eventsOf(run.history, 'TaskStarted')[0])).toEqual({
      resourceType: 'lambda',
      resource: 'invoke',
    });
    expect((run.output as { Payload: unknown; StatusCode: number }).Payload).toEqual({ a: 1 });
    expect((run.output as { StatusCode: number }).StatusCode).toBe(200);
  });

  it('a plain Lambda ARN writes LambdaFunctionScheduled/Started/Succeeded', async () => {
    const run = await runStateMachine(
      jsonpath({ T: { Type: 'Task', Resource: LAMBDA_ARN, End: true } }),
      { a: 1 },
      {
        tasks: { fn: async () => 'ok' },
      },
    );
    expect(types(run.history)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(detailsOf(eventsOf(run.history, 'LambdaFunctionScheduled')[0])).toEqual({
      resource: LAMBDA_ARN,
      input: '{"a":1}',
      inputDetails: { truncated: false },
    });
  });

  it('timestamps never go backwards and ids are consecutive', async () => {
    const run = await runStateMachine(
      jsonpath({ W: { Type: 'Wait', Seconds: 5, Next: 'P' }, P: { Type: 'Pass', End: true } }),
      {},
    );
    run.history.forEach((e, i) => {
      expect(e.id).toBe(i + 1);
      if (i > 0) expect(e.timestamp.getTime()).toBeGreaterThanOrEqual(run.history[i - 1].timestamp.getTime());
    });
  });
});

describe('errors thrown by a Lambda function', () => {
  const invoke = jsonpath({
    T: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'fn', Payload: {} },
      End: true,
    },
  });

  it('a Lambda that throws gives error = errorType and cause = the Lambda error JSON', async () => {
    const run = await runStateMachine(
      invoke,
      {},
      {
        tasks: {
          fn: async () => {
            throw new Error('Some exception was raised.');
          },
        },
      },
    );
    expect(run.error).toBe('Error');
    expect(JSON.parse(run.cause!)).toMatchObject({
      errorType: 'Error',
      errorMessage: 'Some exception was raised.',
    });
  });

  it("keeps a custom error's name (the Node.js runtime's key order: errorType, errorMessage, trace)", async () => {
    class CustomError extends Error {
      override name = 'CustomError';
    }
    const run = await runStateMachine(
      jsonpath({ T: { Type: 'Task', Resource: LAMBDA_ARN, End: true } }),
      {},
      {
        tasks: {
          fn: async () => {
            throw new CustomError('This is a custom error!');
          },
        },
      },
    );
    const failed = detailsOf(eventsOf(run.history, 'LambdaFunctionFailed')[0]);
    expect(failed.error).toBe('CustomError');
    const cause = JSON.parse(failed.cause);
    expect(Object.keys(cause)).toEqual(['errorType', 'errorMessage', 'trace']);
    expect(cause.errorMessage).toBe('This is a custom error!');
    expect(cause.trace[0]).toBe('CustomError: This is a custom error!');
  });

  it('a thrown TaskFailure keeps its error name; its cause becomes the errorMessage', async () => {
    const run = await runStateMachine(
      jsonata({
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Arguments: { FunctionName: 'fn', Payload: {} },
          Catch: [
            {
              ErrorEquals: ['Vendor.Down'],
              Output: '{% $parse($states.errorOutput.Cause).errorMessage %}',
              Next: 'H',
            },
          ],
          End: true,
        },
        H: { Type: 'Pass', End: true },
      }),
      {},
      {
        tasks: {
          fn: async () => {
            throw new TaskFailure('Vendor.Down', 'try later');
          },
        },
      },
    );
    expect(run.output).toBe('try later');
  });

  it('a handler for a non-Lambda resource keeps the plain cause', async () => {
    const run = await runStateMachine(
      jsonpath({ T: { Type: 'Task', Resource: 'arn:aws:states:::work', End: true } }),
      {},
      {
        tasks: {
          'arn:aws:states:::work': async () => {
            throw new Error('boom');
          },
        },
      },
    );
    expect(run).toMatchObject({ error: 'Error', cause: 'boom' });
  });
});

describe('context object', () => {
  it('$$ carries Execution, State and StateMachine fields', async () => {
    const run = await runStateMachine(
      jsonpath({ Ctx: { Type: 'Pass', Parameters: { 'c.$': '$$' }, End: true } }),
      { a: 1 },
    );
    const c = (run.output as { c: any }).c;
    expect(c.Execution.Input).toEqual({ a: 1 });
    expect(c.Execution.Id).toBe(run.executionArn);
    expect(c.Execution.Id.endsWith(`:${c.Execution.Name}`)).toBe(true);
    expect(c.Execution.StartTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    expect(c.Execution.RedriveCount).toBe(0);
    expect(c.State).toMatchObject({ Name: 'Ctx', RetryCount: 0 });
    expect(c.State.EnteredTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    expect(c.StateMachine.Id).toMatch(/^arn:aws:states:[^:]+:\d{12}:stateMachine:/);
  });

  it('$$.State.EnteredTime moves with the state', async () => {
    const run = await runStateMachine(
      jsonpath({
        A: { Type: 'Pass', Parameters: { 'a.$': '$$.State.EnteredTime' }, Next: 'W' },
        W: { Type: 'Wait', Seconds: 60, Next: 'B' },
        B: { Type: 'Pass', Parameters: { 'a.$': '$.a', 'b.$': '$$.State.EnteredTime' }, End: true },
      }),
      {},
    );
    const { a, b } = run.output as { a: string; b: string };
    expect(Date.parse(b) - Date.parse(a)).toBe(60_000);
  });

  it('$states.context in JSONata is the same object', async () => {
    const run = await runStateMachine(
      jsonata({
        S: {
          Type: 'Pass',
          Output: { name: '{% $states.context.State.Name %}', id: '{% $states.context.Execution.Id %}' },
          End: true,
        },
      }),
      {},
    );
    expect(run.output).toEqual({ name: 'S', id: run.executionArn });
  });
});

describe("Step Functions' JSONata functions (https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html)", () => {
  const evalJ = async (expr: string) =>
    (await runStateMachine(jsonata({ S: { Type: 'Pass', Output: { v: `{% ${expr} %}` }, End: true } }), {}))
      .output as { v: unknown };

  it('$partition', async () => {
    expect((await evalJ('$partition([1,2,3,4], 2)')).v).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });
  it('$range', async () => {
    expect((await evalJ('$range(0, 10, 2)')).v).toEqual([0, 2, 4, 6, 8, 10]);
  });
  it('$hash', async () => {
    expect((await evalJ('$hash("input data", "SHA-1")')).v).toBe('aaff4a450a104cd177d28d18d74485e8cae074b7');
  });
  it('$uuid', async () => {
    expect((await evalJ('$uuid()')).v).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
  it('$parse', async () => {
    expect((await evalJ('$parse(\'{"a":[1,{"b":null}]}\')')).v).toEqual({ a: [1, { b: null }] });
  });
  it('$random with a seed is repeatable', async () => {
    const [a, b] = [await evalJ('$random(7)'), await evalJ('$random(7)')];
    expect(a.v).toBe(b.v);
    expect(a.v as number).toBeGreaterThanOrEqual(0);
    expect(a.v as number).toBeLessThan(1);
  });
});
