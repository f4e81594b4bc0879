import { createRuntime, type Store, systemClock } from '@flowdeck/engine';
import { describeStoreContract, event, execution } from '@flowdeck/engine/store-contract';
import { describe, expect, it } from 'vitest';
import { useDynamoLocal } from '../test/dynamo-local.ts';
import { createDynamoStore } from './dynamo-store.ts';

const local = useDynamoLocal();
const open = async (): Promise<Store> =>
  createDynamoStore({ client: local.client(), tableName: await local.freshTable() });

describeStoreContract('DynamoDB store', open);

describe('DynamoDB store limits and conditions', () => {
  it('rejects a reused history event id and lands nothing else of that commit', async () => {
    const store = await open();
    const ex = execution('dup');
    await store.commit({
      executions: [ex],
      history: [{ executionArn: ex.executionArn, events: [event(1)] }],
    });
    const again = store.commit({
      executions: [{ ...ex, status: 'SUCCEEDED', output: '{}' }],
      history: [{ executionArn: ex.executionArn, events: [event(2), event(1, 'ExecutionSucceeded')] }],
    });
    await expect(again).rejects.toThrow(/history event id 1 is already used/);
    expect((await store.getExecution(ex.executionArn))?.status).toBe('RUNNING');
    expect((await store.getHistory(ex.executionArn)).items).toEqual([event(1)]);
    // A lone event is still create-only.
    await expect(
      store.commit({ history: [{ executionArn: ex.executionArn, events: [event(1, 'Other')] }] }),
    ).rejects.toMatchObject({ name: 'ConditionalCheckFailed' });
    await expect(
      store.commit({ history: [{ executionArn: ex.executionArn, events: [event(5), event(5)] }] }),
    ).rejects.toThrow(/appears twice/);
    await store.close();
  });

  it('refuses a change set of more than 100 items whole, with a named error', async () => {
    const store = await open();
    const ex = execution('big');
    const events = Array.from({ length: 100 }, (_, i) => event(i + 1));
    const commit = store.commit({ executions: [ex], history: [{ executionArn: ex.executionArn, events }] });
    await expect(commit).rejects.toMatchObject({ name: 'ChangeSetTooLarge' });
    await expect(commit).rejects.toThrow(/101 items/);
    expect(await store.getExecution(ex.executionArn)).toBeUndefined();
    // 100 items is still one transaction.
    await store.commit({
      executions: [ex],
      history: [{ executionArn: ex.executionArn, events: events.slice(0, 99) }],
    });
    expect((await store.getHistory(ex.executionArn, { maxResults: 1000 })).items).toHaveLength(99);
    await store.close();
  });

  it('refuses an execution record over 400 KB, naming it', async () => {
    const store = await open();
    const ex = execution('huge', { input: JSON.stringify({ text: 'x'.repeat(400 * 1024) }) });
    await expect(store.commit({ executions: [ex] })).rejects.toMatchObject({
      name: 'ItemTooLarge',
      message: expect.stringContaining(ex.executionArn),
    });
    expect(await store.getExecution(ex.executionArn)).toBeUndefined();
    await store.close();
  });

  it('applies an upsert and a delete of the same thread or token in one commit in order: deleted', async () => {
    const store = await open();
    const ex = execution('t');
    await store.commit({
      executions: [ex],
      threads: [
        { executionArn: ex.executionArn, threadId: 'main/0', state: { at: 'A' } },
        { executionArn: ex.executionArn, threadId: 'main', state: { at: 'B' } },
        { executionArn: ex.executionArn, threadId: 'main', state: { at: 'C' } },
      ],
      deleteThreads: [{ executionArn: ex.executionArn, threadId: 'main/0' }],
      taskTokens: [{ taskToken: 'tk', executionArn: ex.executionArn, threadId: 'main' }],
      deleteTaskTokens: ['tk'],
    });
    expect(await store.listThreads(ex.executionArn)).toEqual([
      { executionArn: ex.executionArn, threadId: 'main', state: { at: 'C' } },
    ]);
    expect(await store.getTaskToken('tk')).toBeUndefined();
    await store.close();
  });

  it('rejects a foreign or damaged paging token as InvalidToken', async () => {
    const store = await open();
    await store.commit({
      history: [{ executionArn: execution('p').executionArn, events: [event(1), event(2)] }],
    });
    const page = await store.getHistory(execution('p').executionArn, { maxResults: 1 });
    await expect(store.listExecutions({ nextToken: page.nextToken })).rejects.toMatchObject({
      name: 'InvalidToken',
    });
    await expect(
      store.getHistory(execution('p').executionArn, { nextToken: 'garbage' }),
    ).rejects.toMatchObject({
      name: 'InvalidToken',
    });
    await store.close();
  });
});

describe('the local runtime on DynamoDB', () => {
  it('runs a workflow, waits for a task token across a restart, and finishes it', async () => {
    const store = await open();
    const asked: string[] = [];
    const tasks = {
      ask: async (_payload: unknown, ctx: { taskToken?: string }) => {
        asked.push(ctx.taskToken!);
      },
      double: async (n: unknown) => (n as number) * 2,
    };
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          Items: '{% $states.input.items %}',
          ItemProcessor: {
            StartAt: 'Double',
            States: { Double: { Type: 'Task', Resource: 'double', End: true } },
          },
          Assign: { doubled: '{% $states.result %}' },
          Next: 'Approve',
        },
        Approve: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Arguments: { FunctionName: 'ask', Payload: { token: '{% $states.context.Task.Token %}' } },
          Output: '{% { "approved": $states.result.ok, "doubled": $doubled } %}',
          End: true,
        },
      },
    };
    const first = createRuntime({ store, tasks, clock: systemClock });
    const { stateMachineArn } = await first.createStateMachine({ name: 'approve', definition });
    const { executionArn } = await first.startExecution({ stateMachineArn, input: '{"items":[1,2,3,4,5]}' });
    for (let i = 0; i < 200 && asked.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(asked).toHaveLength(1);
    await first.close();

    const second = createRuntime({ store, tasks, clock: systemClock });
    expect(await second.recover()).toBe(1);
    await second.sendTaskSuccess({ taskToken: asked[0], output: '{"ok":true}' });
    const done = await second.waitForExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual({ approved: true, doubled: [2, 4, 6, 8, 10] });
    const history = await second.getExecutionHistory({ executionArn, maxResults: 1000 });
    expect(history.events.map((e) => e.id)).toEqual(history.events.map((_, i) => i + 1));
    expect(history.events.at(-1)?.type).toBe('ExecutionSucceeded');
    const listed = await second.listExecutions({ stateMachineArn, statusFilter: 'SUCCEEDED' });
    expect(listed.executions.map((e) => e.executionArn)).toEqual([executionArn]);
    await second.close();
    await store.close();
  });

  it('runs a Map far wider than one transaction (100 items): the runtime keeps commits within the budget', async () => {
    const store = await open();
    expect(store.maxItemsPerCommit).toBe(50);
    const runtime = createRuntime({
      store,
      tasks: { double: async (n: unknown) => (n as number) * 2 },
      clock: systemClock,
    });
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          Items: '{% $states.input %}',
          MaxConcurrency: 0,
          ItemProcessor: {
            StartAt: 'Double',
            States: { Double: { Type: 'Task', Resource: 'double', End: true } },
          },
          End: true,
        },
      },
    };
    const { stateMachineArn } = await runtime.createStateMachine({ name: 'wide', definition });
    const items = Array.from({ length: 150 }, (_, i) => i);
    const { executionArn } = await runtime.startExecution({ stateMachineArn, input: JSON.stringify(items) });
    const done = await runtime.waitForExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual(items.map((i) => i * 2));
    await runtime.close();
    await store.close();
  }, 60_000);
});
