import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../store/memory.ts';
import { createVirtualClock } from './clock.ts';
import { createRuntime } from './runtime.ts';
import { detailsOf, jsonata, types } from './test/helpers.ts';

// StopExecution inside running states writes `<Type>StateAborted` for each state a thread is in
// (innermost first), MapIterationAborted for running iterations, then ExecutionAborted.

async function startAndStop(
  definition: object,
  tasks: Record<string, () => Promise<unknown>>,
  ready: Promise<void>,
) {
  const runtime = createRuntime({ store: createMemoryStore(), clock: createVirtualClock(), tasks });
  const { stateMachineArn } = await runtime.createStateMachine({ name: 'm', definition });
  const { executionArn } = await runtime.startExecution({ stateMachineArn, input: '{"items":[1,2]}' });
  await ready;
  await new Promise((r) => setImmediate(r)); // let the task's scheduling commit land
  await runtime.stopExecution({ executionArn, error: 'User.Cancelled', cause: 'stop' });
  const history = (await runtime.getExecutionHistory({ executionArn, maxResults: 1000 })).events;
  const described = await runtime.describeExecution({ executionArn });
  await runtime.close();
  return { history, described };
}

function hanging(count: number) {
  let started = 0;
  let release!: () => void;
  const ready = new Promise<void>((r) => {
    release = r;
  });
  const task = () => {
    if (++started === count) release();
    return new Promise<unknown>(() => {});
  };
  return { ready, task };
}

describe('StopExecution', () => {
  it('aborts a running Task: TaskStateAborted, then ExecutionAborted', async () => {
    const { ready, task } = hanging(1);
    const { history, described } = await startAndStop(
      jsonata({ Publish: { Type: 'Task', Resource: 'publish', End: true } }),
      { publish: task },
      ready,
    );
    expect(described.status).toBe('ABORTED');
    expect(types(history)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskStateAborted',
      'ExecutionAborted',
    ]);
    const [aborted, end] = history.slice(-2);
    expect(aborted.previousEventId).toBe(history[3].id);
    expect(end.previousEventId).toBe(aborted.id);
    expect(detailsOf(end)).toEqual({ error: 'User.Cancelled', cause: 'stop' });
  });

  it('aborts a Wait with WaitStateAborted', async () => {
    const runtime = createRuntime({ store: createMemoryStore(), clock: createVirtualClock(), tasks: {} });
    const definition = jsonata({ Later: { Type: 'Wait', Timestamp: '2999-01-01T00:00:00Z', End: true } });
    const { stateMachineArn } = await runtime.createStateMachine({ name: 'w', definition });
    const { executionArn } = await runtime.startExecution({ stateMachineArn });
    await new Promise((r) => setImmediate(r));
    await runtime.stopExecution({ executionArn });
    const history = (await runtime.getExecutionHistory({ executionArn })).events;
    expect(types(history)).toEqual([
      'ExecutionStarted',
      'WaitStateEntered',
      'WaitStateAborted',
      'ExecutionAborted',
    ]);
    await runtime.close();
  });

  it('aborts a Parallel innermost first: each branch task, then the Parallel state', async () => {
    const { ready, task } = hanging(2);
    const { history } = await startAndStop(
      jsonata({
        Both: {
          Type: 'Parallel',
          Branches: [
            jsonata({ A: { Type: 'Task', Resource: 'work', End: true } }),
            jsonata({ B: { Type: 'Task', Resource: 'work', End: true } }),
          ],
          End: true,
        },
      }),
      { work: task },
      ready,
    );
    const tail = types(history).slice(-4);
    expect(tail).toEqual([
      'TaskStateAborted',
      'TaskStateAborted',
      'ParallelStateAborted',
      'ExecutionAborted',
    ]);
  });

  it('aborts running Map iterations with MapIterationAborted before MapStateAborted', async () => {
    const { ready, task } = hanging(2);
    const { history } = await startAndStop(
      jsonata({
        Each: {
          Type: 'Map',
          Items: '{% $states.input.items %}',
          ItemProcessor: jsonata({ Work: { Type: 'Task', Resource: 'work', End: true } }),
          End: true,
        },
      }),
      { work: task },
      ready,
    );
    expect(types(history).slice(-6)).toEqual([
      'TaskStateAborted',
      'MapIterationAborted',
      'TaskStateAborted',
      'MapIterationAborted',
      'MapStateAborted',
      'ExecutionAborted',
    ]);
    const iterations = history.filter((e) => e.type === 'MapIterationAborted').map(detailsOf);
    expect(iterations).toEqual([
      { name: 'Each', index: 0 },
      { name: 'Each', index: 1 },
    ]);
  });
});
