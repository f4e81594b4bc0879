// What the runtime reads from its store on the hot path (start → run → wait), and what it may
// answer from memory without breaking Step Functions' contract.
import { describe, expect, it } from 'vitest';
import type { Clock, Store } from '../ports.ts';
import { createMemoryStore } from '../store/memory.ts';
import { systemClock } from './clock.ts';
import { createRuntime } from './runtime.ts';
import { jsonata } from './test/helpers.ts';

/** A memory store that counts reads by method. */
function countingStore() {
  const inner = createMemoryStore();
  const reads = { getStateMachine: 0, getExecution: 0 };
  const store: Store = {
    ...inner,
    commit: (changes) => inner.commit(changes),
    getStateMachine: (arn) => {
      reads.getStateMachine++;
      return inner.getStateMachine(arn);
    },
    getExecution: (arn) => {
      reads.getExecution++;
      return inner.getExecution(arn);
    },
  };
  return { store, reads, inner };
}

/** The system clock, moved forward by hand. */
function shiftedClock(): Clock & { shift(ms: number): void } {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    setTimer: (dueAt, fire) => systemClock.setTimer(dueAt - offset, fire),
    shift(ms) {
      offset += ms;
    },
  };
}

const says = (text: string) => jsonata({ Say: { Type: 'Pass', Output: text, End: true } });

describe('runtime store reads', () => {
  it('answers waitForExecution from the end it committed, equal to what the store holds', async () => {
    const { store, reads } = countingStore();
    const runtime = createRuntime({ store, tasks: {}, clock: systemClock });
    const { stateMachineArn } = await runtime.createStateMachine({ name: 'sm', definition: says('done') });
    const { executionArn } = await runtime.startExecution({ stateMachineArn, input: '{}' });
    const before = reads.getExecution;
    const waited = await runtime.waitForExecution(executionArn);
    expect(reads.getExecution).toBe(before);
    expect(waited).toEqual(await runtime.describeExecution({ executionArn }));
    expect(waited.status).toBe('SUCCEEDED');
    expect(waited.output).toBe('"done"');
  });

  it('reads a state machine once per second of starts, and sees its own update at once', async () => {
    const { store, reads } = countingStore();
    const clock = shiftedClock();
    const runtime = createRuntime({ store, tasks: {}, clock });
    const { stateMachineArn } = await runtime.createStateMachine({ name: 'sm', definition: says('v1') });
    const outputOfNewRun = async () => {
      const { executionArn } = await runtime.startExecution({ stateMachineArn, input: '{}' });
      return (await runtime.waitForExecution(executionArn)).output;
    };
    expect(await outputOfNewRun()).toBe('"v1"');
    expect(await outputOfNewRun()).toBe('"v1"');
    expect(reads.getStateMachine).toBe(1); // createStateMachine's existence check only

    await runtime.updateStateMachine({ stateMachineArn, definition: says('v2') });
    expect(await outputOfNewRun()).toBe('"v2"');
  });

  it("picks up another runtime's update of the same store within a second, as AWS allows", async () => {
    const { store } = countingStore();
    const clock = shiftedClock();
    const runtime = createRuntime({ store, tasks: {}, clock });
    const other = createRuntime({ store, tasks: {}, clock });
    const { stateMachineArn } = await runtime.createStateMachine({ name: 'sm', definition: says('v1') });
    const outputOfNewRun = async () => {
      const { executionArn } = await runtime.startExecution({ stateMachineArn, input: '{}' });
      return (await runtime.waitForExecution(executionArn)).output;
    };
    expect(await outputOfNewRun()).toBe('"v1"');
    await other.updateStateMachine({ stateMachineArn, definition: says('v2') });
    clock.shift(1001);
    expect(await outputOfNewRun()).toBe('"v2"');
  });
});
