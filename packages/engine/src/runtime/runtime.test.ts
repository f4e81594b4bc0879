import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../store/memory.ts';
import {
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  InvalidExecutionInput,
  TaskDoesNotExist,
} from './api-errors.ts';
import { createVirtualClock } from './clock.ts';
import { InvalidDefinitionError } from './errors.ts';
import { createRuntime } from './runtime.ts';
import { detailsOf, jsonata, types } from './test/helpers.ts';

const waitThenTask = jsonata({
  Publish: {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Arguments: { FunctionName: 'publish', Payload: '{% $states.input %}' },
    Output: '{% $states.result.Payload %}',
    Next: 'Later',
  },
  Later: { Type: 'Wait', Seconds: 7 * 24 * 3600, Next: 'Report' },
  Report: {
    Type: 'Pass',
    Output: { published: '{% $states.input %}', at: '{% $states.context.State.EnteredTime %}' },
    End: true,
  },
});

/** Lets pending commits and timers settle without the clock reaching far-off timers. */
const settle = () => new Promise((r) => setTimeout(r, 20));

describe('createRuntime: AWS API shapes', () => {
  it('starts, describes, lists and pages history like Step Functions', async () => {
    const runtime = createRuntime({
      store: createMemoryStore(),
      tasks: { publish: async (p) => p },
      clock: createVirtualClock(),
    });
    const { stateMachineArn } = await runtime.createStateMachine({
      name: 'weekly',
      definition: JSON.stringify(waitThenTask),
    });
    expect(stateMachineArn).toBe('arn:aws:states:us-east-1:123456789012:stateMachine:weekly');
    const { executionArn, startDate } = await runtime.startExecution({
      stateMachineArn,
      name: 'run-1',
      input: '{"post":1}',
    });
    expect(executionArn).toBe('arn:aws:states:us-east-1:123456789012:execution:weekly:run-1');
    expect(startDate).toBeInstanceOf(Date);
    await expect(
      runtime.startExecution({ stateMachineArn, name: 'run-1', input: '{"other":1}' }),
    ).rejects.toBeInstanceOf(ExecutionAlreadyExists);
    await expect(runtime.startExecution({ stateMachineArn, input: '{bad' })).rejects.toBeInstanceOf(
      InvalidExecutionInput,
    );
    const done = await runtime.waitForExecution(executionArn);
    expect(done).toMatchObject({ status: 'SUCCEEDED', name: 'run-1', input: '{"post":1}', stateMachineArn });
    expect(JSON.parse(done.output!).published).toEqual({ post: 1 });
    expect(done.stopDate).toBeInstanceOf(Date);

    const page1 = await runtime.getExecutionHistory({ executionArn, maxResults: 4 });
    expect(page1.events.map((e) => e.id)).toEqual([1, 2, 3, 4]);
    const page2 = await runtime.getExecutionHistory({
      executionArn,
      maxResults: 4,
      nextToken: page1.nextToken,
    });
    expect(page2.events[0].id).toBe(5);
    const reversed = await runtime.getExecutionHistory({ executionArn, reverseOrder: true, maxResults: 1 });
    expect(reversed.events[0].type).toBe('ExecutionSucceeded');
    const scheduled = page1.events.find((e) => e.type === 'TaskScheduled')!;
    expect(detailsOf(scheduled)).toMatchObject({
      resourceType: 'lambda',
      resource: 'invoke',
      region: 'us-east-1',
    });
    expect(JSON.parse(detailsOf(scheduled).parameters)).toEqual({
      FunctionName: 'publish',
      Payload: { post: 1 },
    });
    const succeeded = [...page1.events, ...page2.events].find((e) => e.type === 'TaskSucceeded')!;
    expect(JSON.parse(detailsOf(succeeded).output)).toMatchObject({
      Payload: { post: 1 },
      StatusCode: 200,
      ExecutedVersion: '$LATEST',
    });

    const list = await runtime.listExecutions({ stateMachineArn, statusFilter: 'SUCCEEDED' });
    expect(list.executions.map((e) => e.name)).toEqual(['run-1']);
    await expect(runtime.describeExecution({ executionArn: `${executionArn}-nope` })).rejects.toBeInstanceOf(
      ExecutionDoesNotExist,
    );
    await runtime.close();
  });

  it('rejects an invalid definition listing every problem with its path', async () => {
    const runtime = createRuntime({ store: createMemoryStore(), tasks: {} });
    const bad = {
      QueryLanguage: 'JSONata',
      StartAt: 'Missing',
      States: {
        A: { Type: 'Pass', Next: 'Nowhere' },
        B: { Type: 'Task', End: true, Output: '{% $states.input. %}', InputPath: '$.x' },
        C: { Type: 'Bogus' },
      },
    };
    const error = await runtime.createStateMachine({ name: 'bad', definition: bad }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidDefinitionError);
    const paths = (error as InvalidDefinitionError).problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'StartAt',
        'States.A.Next',
        'States.B.Resource',
        'States.B.Output',
        'States.B.InputPath',
        'States.C.Type',
      ]),
    );
  });
});

describe('history while running', () => {
  it('shows a slow task as started while its handler works', async () => {
    let finish!: (v: unknown) => void;
    const runtime = createRuntime({
      store: createMemoryStore(),
      clock: createVirtualClock(),
      tasks: { publish: () => new Promise((r) => (finish = r)) },
    });
    const { stateMachineArn } = await runtime.createStateMachine({ name: 'm', definition: waitThenTask });
    const { executionArn } = await runtime.startExecution({ stateMachineArn });
    await settle();
    const during = await runtime.getExecutionHistory({ executionArn });
    expect(types(during.events)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
    ]);
    finish({ ok: true });
    expect((await runtime.waitForExecution(executionArn)).status).toBe('SUCCEEDED');
    await runtime.close();
  });
});

describe('stopExecution', () => {
  it('aborts the running task through its signal and marks the execution ABORTED', async () => {
    let signal: AbortSignal | undefined;
    let started!: () => void;
    const running = new Promise<void>((r) => {
      started = r;
    });
    const runtime = createRuntime({
      store: createMemoryStore(),
      clock: createVirtualClock(),
      tasks: {
        publish: (_input, ctx) => {
          signal = ctx.signal;
          started();
          return new Promise(() => {});
        },
      },
    });
    const { stateMachineArn } = await runtime.createStateMachine({ name: 'm', definition: waitThenTask });
    const { executionArn } = await runtime.startExecution({ stateMachineArn });
    await running;
    await runtime.stopExecution({ executionArn, error: 'User.Cancelled', cause: 'changed my mind' });
    expect(signal?.aborted).toBe(true);
    const d = await runtime.describeExecution({ executionArn });
    expect(d).toMatchObject({ status: 'ABORTED', error: 'User.Cancelled', cause: 'changed my mind' });
    const history = await runtime.getExecutionHistory({ executionArn, reverseOrder: true, maxResults: 1 });
    expect(history.events[0].type).toBe('ExecutionAborted');
    await runtime.close();
  });
});

describe('durability', () => {
  it('resumes a Wait after a restart on the same store; the succeeded task never runs again', async () => {
    const store = createMemoryStore();
    const clock = createVirtualClock();
    let publishes = 0;
    const tasks = {
      publish: async (p: unknown) => {
        publishes++;
        return p;
      },
    };
    // A clock whose timers never fire models a process that dies while waiting.
    const frozen = { now: () => clock.now(), setTimer: () => () => {} };
    const first = createRuntime({ store, tasks, clock: frozen });
    const { stateMachineArn } = await first.createStateMachine({ name: 'm', definition: waitThenTask });
    const { executionArn } = await first.startExecution({ stateMachineArn });
    await settle();
    expect(publishes).toBe(1);
    const history = await first.getExecutionHistory({ executionArn });
    expect(types(history.events).at(-1)).toBe('WaitStateEntered');
    await first.close();

    const second = createRuntime({ store, tasks, clock });
    await second.recover();
    const done = await second.waitForExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(publishes).toBe(1);
    const all = await second.getExecutionHistory({ executionArn, maxResults: 1000 });
    expect(all.events.map((e) => e.id)).toEqual(all.events.map((_, i) => i + 1));
    expect(types(all.events).filter((t) => t === 'TaskScheduled')).toHaveLength(1);
    await second.close();
  });

  it('resumes a Parallel whose branches were mid-way at the restart', async () => {
    const store = createMemoryStore();
    const clock = createVirtualClock();
    const frozen = { now: () => clock.now(), setTimer: () => () => {} };
    const definition = jsonata({
      Fan: {
        Type: 'Parallel',
        Branches: [
          { StartAt: 'Quick', States: { Quick: { Type: 'Pass', Output: 'quick', End: true } } },
          {
            StartAt: 'Slow',
            States: {
              Slow: { Type: 'Wait', Seconds: 60, Next: 'Then' },
              Then: { Type: 'Pass', Output: 'slow', End: true },
            },
          },
        ],
        End: true,
      },
    });
    const first = createRuntime({ store, tasks: {}, clock: frozen });
    const { stateMachineArn } = await first.createStateMachine({ name: 'm', definition });
    const { executionArn } = await first.startExecution({ stateMachineArn });
    await settle();
    await first.close();
    const second = createRuntime({ store, tasks: {}, clock });
    await second.recover();
    const done = await second.waitForExecution(executionArn);
    expect(JSON.parse(done.output!)).toEqual(['quick', 'slow']);
    const history = await second.getExecutionHistory({ executionArn, maxResults: 1000 });
    expect(types(history.events).filter((t) => t === 'ParallelStateStarted')).toHaveLength(1);
    await second.close();
  });

  it('keeps variables across a restart', async () => {
    const store = createMemoryStore();
    const clock = createVirtualClock();
    const frozen = { now: () => clock.now(), setTimer: () => () => {} };
    const definition = jsonata({
      Remember: { Type: 'Pass', Assign: { x: 41, label: '{% $states.input.label %}' }, Next: 'Sleep' },
      Sleep: { Type: 'Wait', Seconds: 3600, Next: 'Use' },
      Use: { Type: 'Pass', Output: '{% $label & ":" & $string($x + 1) %}', End: true },
    });
    const first = createRuntime({ store, tasks: {}, clock: frozen });
    const { stateMachineArn } = await first.createStateMachine({ name: 'm', definition });
    const { executionArn } = await first.startExecution({ stateMachineArn, input: '{"label":"answer"}' });
    await settle();
    await first.close();
    const second = createRuntime({ store, tasks: {}, clock });
    await second.recover();
    const done = await second.waitForExecution(executionArn);
    expect(JSON.parse(done.output!)).toBe('answer:42');
    expect(await store.listThreads(executionArn)).toEqual([]);
    await second.close();
  });

  it('resumes a retry back-off and a half-finished Map after a restart', async () => {
    const store = createMemoryStore();
    const clock = createVirtualClock();
    const frozen = { now: () => clock.now(), setTimer: () => () => {} };
    const ran: number[] = [];
    let failOnce = true;
    const tasks = {
      item: async (n: unknown) => {
        ran.push(n as number);
        if (n === 3 && failOnce) {
          failOnce = false;
          throw new Error('flaky');
        }
        return (n as number) * 10;
      },
    };
    const definition = jsonata({
      Each: {
        Type: 'Map',
        MaxConcurrency: 0,
        ItemProcessor: {
          StartAt: 'T',
          States: {
            T: {
              Type: 'Task',
              Resource: 'item',
              Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 60 }],
              End: true,
            },
          },
        },
        End: true,
      },
    });
    const first = createRuntime({ store, tasks, clock: frozen });
    const { stateMachineArn } = await first.createStateMachine({ name: 'm', definition });
    const { executionArn } = await first.startExecution({ stateMachineArn, input: '[1,2,3]' });
    await settle();
    await first.close();
    expect(ran.sort()).toEqual([1, 2, 3]);

    const second = createRuntime({ store, tasks, clock });
    await second.recover();
    const done = await second.waitForExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual([10, 20, 30]);
    expect(ran.sort()).toEqual([1, 2, 3, 3]); // only the retried item ran again
    await second.close();
  });
});

describe('task tokens', () => {
  const callback = (extra: object = {}) =>
    jsonata({
      Approve: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Arguments: { FunctionName: 'ask', Payload: { token: '{% $states.context.Task.Token %}' } },
        ...extra,
        End: true,
      },
    });

  it('completes the state with the output sent by sendTaskSuccess', async () => {
    const tokens: string[] = [];
    const runtime = createRuntime({
      store: createMemoryStore(),
      clock: createVirtualClock(),
      tasks: {
        ask: async (payload, ctx) => {
          tokens.push(ctx.taskToken!);
          expect((payload as { token: string }).token).toBe(ctx.taskToken);
        },
      },
    });
    const { stateMachineArn } = await runtime.createStateMachine({ name: 'm', definition: callback() });
    const { executionArn } = await runtime.startExecution({ stateMachineArn });
    await settle();
    expect(tokens).toHaveLength(1);
    await runtime.sendTaskHeartbeat({ taskToken: tokens[0] });
    await runtime.sendTaskSuccess({ taskToken: tokens[0], output: '{"approved":true}' });
    const done = await runtime.waitForExecution(executionArn);
    expect(JSON.parse(done.output!)).toEqual({ approved: true });
    await expect(runtime.sendTaskSuccess({ taskToken: tokens[0], output: '{}' })).rejects.toBeInstanceOf(
      TaskDoesNotExist,
    );
    await expect(runtime.sendTaskHeartbeat({ taskToken: 'unknown' })).rejects.toBeInstanceOf(
      TaskDoesNotExist,
    );
    await runtime.close();
  });

  it('accepts SendTaskSuccess after a restart, loading the waiting execution from the store', async () => {
    const store = createMemoryStore();
    const asked: string[] = [];
    const tasks = {
      ask: async (_p: unknown, ctx: { taskToken?: string }) => {
        asked.push(ctx.taskToken!);
      },
    };
    const first = createRuntime({ store, clock: createVirtualClock(), tasks });
    const { stateMachineArn } = await first.createStateMachine({ name: 'm', definition: callback() });
    const { executionArn } = await first.startExecution({ stateMachineArn });
    await settle();
    await first.close();

    const second = createRuntime({ store, clock: createVirtualClock(), tasks });
    await second.sendTaskSuccess({ taskToken: asked[0], output: '"yes"' });
    const done = await second.waitForExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toBe('yes');
    expect(asked).toHaveLength(1); // the worker was not asked again
    await second.close();
  });

  it('fails with the error sent by sendTaskFailure', async () => {
    let token = '';
    const runtime = createRuntime({
      store: createMemoryStore(),
      clock: createVirtualClock(),
      tasks: {
        ask: async (_p, ctx) => {
          token = ctx.taskToken!;
        },
      },
    });
    const { stateMachineArn } = await runtime.createStateMachine({ name: 'm', definition: callback() });
    const { executionArn } = await runtime.startExecution({ stateMachineArn });
    await settle();
    await runtime.sendTaskFailure({ taskToken: token, error: 'Rejected', cause: 'no' });
    expect(await runtime.waitForExecution(executionArn)).toMatchObject({
      status: 'FAILED',
      error: 'Rejected',
      cause: 'no',
    });
    await runtime.close();
  });

  it('fails with States.HeartbeatTimeout when no heartbeat arrives in time', async () => {
    const runtime = createRuntime({
      store: createMemoryStore(),
      clock: createVirtualClock(),
      tasks: { ask: async () => {} },
    });
    const { stateMachineArn } = await runtime.createStateMachine({
      name: 'm',
      definition: callback({ HeartbeatSeconds: 60 }),
    });
    const { executionArn } = await runtime.startExecution({ stateMachineArn });
    expect(await runtime.waitForExecution(executionArn)).toMatchObject({
      status: 'FAILED',
      error: 'States.HeartbeatTimeout',
    });
    await runtime.close();
  });
});
