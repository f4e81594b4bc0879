import type { Clock, ExecutionStatus, TaskHandlers } from '../ports.ts';
import { createMemoryStore } from '../store/memory.ts';
import { createVirtualClock } from './clock.ts';
import { type ApiHistoryEvent, createRuntime } from './runtime.ts';

export interface RunResult {
  status: ExecutionStatus;
  /** Parsed output (undefined unless SUCCEEDED). */
  output: unknown;
  error?: string;
  cause?: string;
  history: ApiHistoryEvent[];
  executionArn: string;
}

/**
 * Runs a definition once, in memory, to its end. The default clock is virtual: Waits and retry
 * back-offs take no real time.
 */
export async function runStateMachine(
  definition: string | object,
  input: unknown = {},
  options: { tasks?: TaskHandlers; clock?: Clock; maxPayloadBytes?: number } = {},
): Promise<RunResult> {
  const store = createMemoryStore();
  const runtime = createRuntime({
    store,
    tasks: options.tasks ?? {},
    clock: options.clock ?? createVirtualClock(),
    maxPayloadBytes: options.maxPayloadBytes,
  });
  try {
    const { stateMachineArn } = await runtime.createStateMachine({ name: 'local', definition });
    const { executionArn } = await runtime.startExecution({ stateMachineArn, input: JSON.stringify(input) });
    const done = await runtime.waitForExecution(executionArn);
    const history: ApiHistoryEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await runtime.getExecutionHistory({ executionArn, maxResults: 1000, nextToken });
      history.push(...page.events);
      nextToken = page.nextToken;
    } while (nextToken);
    return {
      status: done.status,
      output: done.output === undefined ? undefined : JSON.parse(done.output),
      error: done.error,
      cause: done.cause,
      history,
      executionArn,
    };
  } finally {
    await runtime.close();
    await store.close();
  }
}
