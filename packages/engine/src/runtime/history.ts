import type { HistoryEvent } from '../ports.ts';
import type { StateType } from './definition.ts';

/** A history event as GetExecutionHistory returns it (timestamp as a Date). */
export interface ApiHistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: Date;
  type: string;
  [details: string]: unknown;
}

// History events in GetExecutionHistory's shape. Stored with `timestamp` as epoch ms; the API
// turns it into a Date.

/** Frozen and shared: stores may keep it by reference. */
export const NOT_TRUNCATED = Object.freeze({ truncated: false } as const);

/** The `…EventDetails` member name AWS uses for an event type. */
export function detailsKey(type: string): string {
  let key = DETAILS_KEYS.get(type);
  if (key === undefined) {
    if (type.endsWith('StateEntered')) key = 'stateEnteredEventDetails';
    else if (type.endsWith('StateExited')) key = 'stateExitedEventDetails';
    else key = `${type[0].toLowerCase()}${type.slice(1)}EventDetails`;
    DETAILS_KEYS.set(type, key);
  }
  return key;
}

/** Event types are a small fixed set: their member names are worked out once. */
const DETAILS_KEYS = new Map<string, string>();

export function makeEvent(
  id: number,
  previousEventId: number,
  timestamp: number,
  type: string,
  details?: Record<string, unknown>,
): HistoryEvent {
  const event: HistoryEvent = { timestamp, type, id, previousEventId };
  if (details) event[detailsKey(type)] = freezeDetails(details);
  return event;
}

/**
 * Freezes an event's details (and any object inside them) when the event is made: nothing
 * changes them afterwards, and the memory store keeps frozen records by reference instead of
 * deep-copying them at every commit. The event itself is frozen once numbered (commit.ts).
 */
function freezeDetails(details: Record<string, unknown>): Record<string, unknown> {
  for (const k in details) {
    const v = details[k];
    if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) deepFreeze(v);
  }
  return Object.freeze(details);
}

function deepFreeze(value: object): void {
  for (const k in value) {
    const v = (value as Record<string, unknown>)[k];
    if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) deepFreeze(v);
  }
  Object.freeze(value);
}

export const details = {
  executionStarted: (input: string, roleArn: string) => ({
    input,
    inputDetails: NOT_TRUNCATED,
    roleArn,
  }),
  stateEntered: (name: string, input: string) => ({ name, input, inputDetails: NOT_TRUNCATED }),
  stateExited: (name: string, output: string, assigned?: Record<string, unknown>) => {
    const d: Record<string, unknown> = { name, output, outputDetails: NOT_TRUNCATED };
    if (assigned) {
      d.assignedVariables = Object.fromEntries(
        Object.entries(assigned).map(([k, v]) => [k, JSON.stringify(v)]),
      );
      d.assignedVariablesDetails = NOT_TRUNCATED;
    }
    return d;
  },
  output: (output: string) => ({ output, outputDetails: NOT_TRUNCATED }),
  error: (error: string, cause?: string) => {
    const d: Record<string, string> = {};
    if (error) d.error = error;
    if (cause !== undefined) d.cause = cause;
    return d;
  },
};

export function enteredType(type: StateType): string {
  return `${type}StateEntered`;
}

export function exitedType(type: StateType): string {
  return `${type}StateExited`;
}

/** The API shape: timestamps as Date. */
export function toApiEvent(event: HistoryEvent): ApiHistoryEvent {
  return { ...event, timestamp: new Date(event.timestamp) };
}
