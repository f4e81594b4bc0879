// "Wait for event" end to end with the local runtime: a `.waitForTaskToken` Task registers the
// wait, an event resumes the run with the event as the Task's result, or the timeout fails it.
import { describe, expect, it } from 'vitest';
import { createRuntime, createVirtualClock } from '../runtime/index.ts';
import { createMemoryStore } from '../store/index.ts';
import type { LocalEventBus } from './local-bus.ts';
import { entry, testBus } from './test-helpers.ts';

function setup() {
  const clock = createVirtualClock(Date.UTC(2026, 2, 1, 9));
  let bus!: LocalEventBus;
  let registered!: () => void;
  const waiting = new Promise<void>((resolve) => {
    registered = resolve;
  });
  const runtime = createRuntime({
    store: createMemoryStore(),
    clock,
    tasks: {
      waitForEvent: async (payload, ctx) => {
        const { pattern, timeoutSeconds } = payload as { pattern: unknown; timeoutSeconds: number };
        await bus.waitForEvent({ pattern, timeoutSeconds, taskToken: ctx.taskToken! });
        registered();
      },
    },
  });
  bus = testBus({ clock, taskTokens: runtime }).bus;
  const definition = {
    QueryLanguage: 'JSONata',
    StartAt: 'WaitForDeal',
    States: {
      WaitForDeal: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Arguments: {
          FunctionName: 'waitForEvent',
          Payload: {
            pattern: { source: ['crm'], detail: { dealId: ['{% $states.input.dealId %}'] } },
            timeoutSeconds: 3600,
          },
        },
        Output: { won: '{% $states.result.detail %}', eventId: '{% $states.result.id %}' },
        End: true,
      },
    },
  };
  return { clock, bus, runtime, definition, waiting };
}

async function started(runtime: ReturnType<typeof createRuntime>, definition: object, input: object) {
  const { stateMachineArn } = await runtime.createStateMachine({ name: 'deal', definition });
  const { executionArn } = await runtime.startExecution({ stateMachineArn, input: JSON.stringify(input) });
  return executionArn;
}

describe('wait for event with the local runtime', () => {
  it('resumes the run with the matching event as the task result', async () => {
    const { bus, runtime, definition, waiting } = setup();
    const arn = await started(runtime, definition, { dealId: 'd-42' });
    // Put the events as soon as the wait is registered: the virtual clock would otherwise jump
    // straight to the timeout, the only timer left.
    await waiting;
    const { Entries } = await bus.putEvents([
      entry('crm', 'deal.won', { dealId: 'd-41' }),
      entry('crm', 'deal.won', { dealId: 'd-42', amount: 900 }),
    ]);
    const done = await runtime.waitForExecution(arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual({
      won: { dealId: 'd-42', amount: 900 },
      eventId: (Entries[1] as { EventId: string }).EventId,
    });
    await bus.close();
    await runtime.close();
  });

  it('fails the run with Events.Timeout when no event comes', async () => {
    const { bus, runtime, definition } = setup();
    const arn = await started(runtime, definition, { dealId: 'never' });
    const done = await runtime.waitForExecution(arn);
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('Events.Timeout');
    expect(done.cause).toBe('No event matching the pattern arrived within 3600 seconds.');
    await bus.close();
    await runtime.close();
  });
});
