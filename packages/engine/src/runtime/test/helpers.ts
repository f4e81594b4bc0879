import type { ApiHistoryEvent } from '../history.ts';

/** Event types in order, for asserting history sequences. */
export function types(history: ApiHistoryEvent[]): string[] {
  return history.map((e) => e.type);
}

/** The details object of an event, whatever its member name. */
export function detailsOf(event: ApiHistoryEvent): Record<string, any> {
  const key = Object.keys(event).find((k) => k.endsWith('EventDetails'));
  return (key ? event[key] : {}) as Record<string, any>;
}

export function jsonata(States: Record<string, unknown>, StartAt = Object.keys(States)[0]) {
  return { QueryLanguage: 'JSONata', StartAt, States };
}
