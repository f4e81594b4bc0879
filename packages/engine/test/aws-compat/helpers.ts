// Shared helpers for the AWS-compatibility suite: run a definition and read its history the way
// GetExecutionHistory answers it.
import { type ApiHistoryEvent, runStateMachine, TaskFailure } from '@flowdeck/engine';

export { runStateMachine, TaskFailure };

export const LAMBDA_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:fn';

/** Event types in order. */
export function types(history: ApiHistoryEvent[]): string[] {
  return history.map((e) => e.type);
}

/** The `…EventDetails` member of an event, whatever its name. */
export function detailsOf(event: ApiHistoryEvent | undefined): Record<string, any> {
  if (!event) return {};
  const key = Object.keys(event).find((k) => k.endsWith('EventDetails'));
  return (key ? event[key] : {}) as Record<string, any>;
}

/** The events of one type. */
export function eventsOf(history: ApiHistoryEvent[], type: string): ApiHistoryEvent[] {
  return history.filter((e) => e.type === type);
}

/** Seconds between two events (virtual clock). */
export function secondsBetween(a: ApiHistoryEvent, b: ApiHistoryEvent): number {
  return (b.timestamp.getTime() - a.timestamp.getTime()) / 1000;
}

/** A machine whose states use JSONata. */
export function jsonata(States: Record<string, unknown>, StartAt = Object.keys(States)[0]) {
  return { QueryLanguage: 'JSONata', StartAt, States };
}

/** A JSONPath machine. */
export function jsonpath(States: Record<string, unknown>, StartAt = Object.keys(States)[0]) {
  return { StartAt, States };
}

/** A handler that fails the given number of times with `error`, then answers `result`. */
export function failing(times: number, error: string, result: unknown = 'ok', cause = 'boom') {
  let calls = 0;
  const handler = async () => {
    calls += 1;
    if (calls <= times) throw new TaskFailure(error, cause);
    return result;
  };
  return Object.assign(handler, { calls: () => calls });
}
