import { describe, expect, it } from 'vitest';
import { TaskFailure } from './errors.ts';
import { runStateMachine } from './run-state-machine.ts';

describe('JSONPath mode', () => {
  it('applies InputPath → Parameters → task → ResultSelector → ResultPath → OutputPath', async () => {
    const seen: unknown[] = [];
    const run = await runStateMachine(
      {
        StartAt: 'T',
        States: {
          T: {
            Type: 'Task',
            Resource: 'arn:aws:lambda:us-east-1:123456789012:function:price',
            InputPath: '$.order',
            Parameters: { 'sku.$': '$.sku', 'exec.$': '$$.Execution.Name', fixed: 1 },
            ResultSelector: { 'total.$': '$.amount' },
            ResultPath: '$.price',
            OutputPath: '$.price',
            End: true,
          },
        },
      },
      { order: { sku: 'A1' }, other: true },
      {
        tasks: {
          price: async (input) => {
            seen.push(input);
            return { amount: 42, currency: 'EUR' };
          },
        },
      },
    );
    expect(seen[0]).toMatchObject({ sku: 'A1', fixed: 1 });
    expect(run.output).toEqual({ total: 42 });
    expect(run.history.map((e) => e.type)).toContain('LambdaFunctionSucceeded');
  });

  it('keeps the input with ResultPath null and places {Error, Cause} with a Catch ResultPath', async () => {
    const run = await runStateMachine(
      {
        StartAt: 'Keep',
        States: {
          Keep: { Type: 'Pass', Result: { ignored: true }, ResultPath: null, Next: 'T' },
          T: {
            Type: 'Task',
            Resource: 'boom',
            Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Done' }],
            End: true,
          },
          Done: { Type: 'Pass', End: true },
        },
      },
      { a: 1 },
      {
        tasks: {
          boom: async () => {
            throw new TaskFailure('Custom.Error', 'why');
          },
        },
      },
    );
    expect(run.output).toEqual({ a: 1, error: { Error: 'Custom.Error', Cause: 'why' } });
  });

  it('routes Choice rules and keeps Pass Result literal (.$ keys verbatim)', async () => {
    const machine = {
      StartAt: 'C',
      States: {
        C: {
          Type: 'Choice',
          Choices: [
            {
              And: [
                { Variable: '$.n', IsPresent: true },
                { Variable: '$.n', NumericGreaterThan: 10 },
              ],
              Next: 'Big',
            },
            { Variable: '$.name', StringMatches: 'log-*', Next: 'Log' },
          ],
          Default: 'Small',
        },
        Big: { Type: 'Pass', Result: { 'size.$': '$.n' }, End: true },
        Log: { Type: 'Pass', Result: 'log', End: true },
        Small: { Type: 'Pass', Parameters: { 'size.$': '$.n' }, End: true },
      },
    };
    expect((await runStateMachine(machine, { n: 11 })).output).toEqual({ 'size.$': '$.n' });
    expect((await runStateMachine(machine, { name: 'log-1' })).output).toBe('log');
    expect((await runStateMachine(machine, { n: 2, name: 'x' })).output).toEqual({ size: 2 });
    // AWS: a Variable that points at a missing field fails the execution.
    expect((await runStateMachine(machine, { n: 2 })).error).toBe('States.Runtime');
  });

  it('fails with States.Runtime when InputPath matches nothing (not catchable by States.ALL)', async () => {
    const run = await runStateMachine(
      {
        StartAt: 'T',
        States: {
          T: {
            Type: 'Task',
            Resource: 'x',
            InputPath: '$.missing',
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'D' }],
            End: true,
          },
          D: { Type: 'Succeed' },
        },
      },
      {},
      { tasks: { x: async () => 1 } },
    );
    expect(run.error).toBe('States.Runtime');
  });

  it('runs a Map with ItemsPath/ItemSelector and waits with SecondsPath', async () => {
    const run = await runStateMachine(
      {
        StartAt: 'W',
        States: {
          W: { Type: 'Wait', SecondsPath: '$.delay', Next: 'M' },
          M: {
            Type: 'Map',
            ItemsPath: '$.items',
            ItemSelector: { 'v.$': '$$.Map.Item.Value', 'i.$': '$$.Map.Item.Index' },
            Iterator: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
            ResultPath: '$.out',
            End: true,
          },
        },
      },
      { delay: 60, items: ['a', 'b'] },
    );
    expect(run.output).toEqual({
      delay: 60,
      items: ['a', 'b'],
      out: [
        { v: 'a', i: 0 },
        { v: 'b', i: 1 },
      ],
    });
  });

  it('runs a Parallel with Parameters, ResultSelector and ResultPath, and a plain Lambda ARN with Lambda events', async () => {
    const run = await runStateMachine(
      {
        StartAt: 'Fan',
        States: {
          Fan: {
            Type: 'Parallel',
            Parameters: { 'v.$': '$.v' },
            Branches: [
              {
                StartAt: 'L',
                States: {
                  L: {
                    Type: 'Task',
                    Resource: 'arn:aws:lambda:us-east-1:123456789012:function:double',
                    End: true,
                  },
                },
              },
              { StartAt: 'P', States: { P: { Type: 'Pass', Result: 'fixed', End: true } } },
            ],
            ResultSelector: { 'doubled.$': '$[0]', 'other.$': '$[1]' },
            ResultPath: '$.fan',
            End: true,
          },
        },
      },
      { v: 21 },
      { tasks: { double: async (input) => (input as { v: number }).v * 2 } },
    );
    expect(run.output).toEqual({ v: 21, fan: { doubled: 42, other: 'fixed' } });
    const lambdaEvents = run.history.map((e) => e.type).filter((t) => t.startsWith('LambdaFunction'));
    expect(lambdaEvents).toEqual([
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
    ]);
  });

  it('assigns variables from the result before ResultSelector and reads them with $name', async () => {
    const run = await runStateMachine(
      {
        StartAt: 'T',
        States: {
          T: {
            Type: 'Task',
            Resource: 'r',
            Assign: { 'raw.$': '$.value' },
            ResultSelector: { fixed: 1 },
            Next: 'P',
          },
          P: { Type: 'Pass', Parameters: { 'raw.$': '$raw', 'sel.$': '$.fixed' }, End: true },
        },
      },
      {},
      { tasks: { r: async () => ({ value: 7 }) } },
    );
    expect(run.output).toEqual({ raw: 7, sel: 1 });
  });
});
