// logic.wait_for_event compiles to a `.waitForTaskToken` Task: the node runner's payload carries
// the evaluated pattern and the token, a matching event continues along `received`, and a
// timeout (the bus's Events.Timeout) along `timed_out`.
import { describe, expect, it } from 'vitest';
import { createLocalEventBus, type LocalEventBus } from '../events/local-bus.ts';
import { createMemoryEventArchiveStore } from '../events/memory-archive.ts';
import { createRuntime, createVirtualClock } from '../runtime/index.ts';
import { createMemoryStore } from '../store/memory.ts';
import { compileWorkflow } from './compile.ts';
import { aslProblems, graph, testCatalog } from './test-support.ts';

const waitGraph = (timeoutSeconds?: number) =>
  graph()
    .node('start', 'trigger.manual')
    .node('wait_paid', 'logic.wait_for_event', {
      pattern: { source: ['shop'], detail: { orderId: ['{% $trigger.orderId %}'] } },
      ...(timeoutSeconds === undefined ? {} : { timeoutSeconds }),
    })
    .node('thank', 'social.post', { text: "{% 'paid ' & $string($wait_paid.detail.amount) %}" })
    .node('remind', 'social.post', { text: "{% 'unpaid: ' & $wait_paid.error %}" })
    .edge('start', 'wait_paid')
    .edge('wait_paid', 'thank', 'received')
    .edge('wait_paid', 'remind', 'timed_out')
    .build();

interface Payload {
  nodeId: string;
  type: string;
  params: { pattern: unknown; timeoutSeconds: number; text?: string };
  taskToken?: string;
}

function setup() {
  const clock = createVirtualClock(Date.UTC(2026, 2, 1, 9));
  const posted: string[] = [];
  const waitsRegistered: Payload[] = [];
  let bus!: LocalEventBus;
  let registered!: () => void;
  const waiting = new Promise<void>((resolve) => {
    registered = resolve;
  });
  const runtime = createRuntime({
    store: createMemoryStore(),
    clock,
    tasks: {
      'flowdeck-node-runner': async (input) => {
        const payload = input as Payload;
        if (payload.type === 'logic.wait_for_event') {
          waitsRegistered.push(payload);
          await bus.waitForEvent({ ...payload.params, taskToken: payload.taskToken! });
          registered();
          return undefined;
        }
        posted.push(payload.params.text ?? '');
        return { ok: true };
      },
    },
  });
  bus = createLocalEventBus({
    archive: createMemoryEventArchiveStore(),
    clock,
    account: '000000000000',
    region: 'local',
    deliver: async () => {},
    taskTokens: runtime,
  });
  return { clock, runtime, bus, posted, waitsRegistered, waiting };
}

async function start(runtime: ReturnType<typeof createRuntime>, definition: object, input: object) {
  const { stateMachineArn } = await runtime.createStateMachine({ name: 'order', definition });
  const { executionArn } = await runtime.startExecution({ stateMachineArn, input: JSON.stringify(input) });
  return executionArn;
}

describe('logic.wait_for_event', () => {
  it('compiles to a valid callback Task that catches both timeouts into timed_out', () => {
    const { definition } = compileWorkflow(waitGraph(600), testCatalog);
    expect(aslProblems(definition)).toEqual([]);
    const state = definition.States.wait_paid as Record<string, unknown>;
    expect(state).toMatchObject({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      TimeoutSeconds: 600,
      Next: 'thank',
      Catch: [{ ErrorEquals: ['States.Timeout', 'Events.Timeout'], Next: 'remind' }],
    });
    expect((state.Arguments as { Payload: unknown }).Payload).toMatchObject({
      type: 'logic.wait_for_event',
      params: { timeoutSeconds: 600 },
      taskToken: '{% $states.context.Task.Token %}',
    });
  });

  it('resumes along received with the matching event when it arrives', async () => {
    const { runtime, bus, posted, waitsRegistered, waiting } = setup();
    const { definition } = compileWorkflow(waitGraph(), testCatalog);
    const arn = await start(runtime, definition, { orderId: 'o-7' });
    await waiting;
    expect(waitsRegistered[0].params).toEqual({
      pattern: { source: ['shop'], detail: { orderId: ['o-7'] } },
      timeoutSeconds: 86_400,
    });
    await bus.putEvents([
      { Source: 'shop', DetailType: 'paid', Detail: JSON.stringify({ orderId: 'o-8', amount: 1 }) },
      { Source: 'shop', DetailType: 'paid', Detail: JSON.stringify({ orderId: 'o-7', amount: 42 }) },
    ]);
    const done = await runtime.waitForExecution(arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(posted).toEqual(['paid 42']);
    await bus.close();
    await runtime.close();
  });

  it('continues along timed_out when nothing matches in time', async () => {
    const { runtime, bus, posted } = setup();
    const { definition } = compileWorkflow(waitGraph(60), testCatalog);
    const done = await runtime.waitForExecution(await start(runtime, definition, { orderId: 'o-9' }));
    expect(done.status).toBe('SUCCEEDED');
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatch(/^unpaid: (States|Events)\.Timeout$/);
    await bus.close();
    await runtime.close();
  });
});
