// A run's steps, rebuilt from its Step Functions history events: one entry per state the run
// entered, with input, output, error, attempts and times. Task events are tied to their state
// by walking `previousEventId` back to the state's `…StateEntered` event.
import { readableCause } from './cause.ts';

export interface HistoryEventLike {
  id: number;
  previousEventId: number;
  timestamp: Date | number;
  type: string;
  [details: string]: unknown;
}

export interface Step {
  nodeId: string;
  stateName: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  input: unknown;
  output: unknown;
  error: { error?: string; cause?: string } | null;
  attempts: number;
  startedAt: string;
  endedAt: string | null;
}

const parse = (text: unknown): unknown => {
  if (typeof text !== 'string') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};
const isoOf = (t: Date | number) => new Date(t).toISOString();
const FAILED = /(Failed|TimedOut)$/;

/** Maps a state name to the node it came from: the same id, or the longest id it starts with. */
export function nodeIdFor(stateName: string, nodeIds: string[]): string {
  if (nodeIds.includes(stateName)) return stateName;
  const prefix = nodeIds
    .filter((id) => stateName.startsWith(id) && /^[^a-z0-9]/.test(stateName.slice(id.length)))
    .sort((a, b) => b.length - a.length)[0];
  return prefix ?? stateName;
}

export function stepsFromHistory(
  events: HistoryEventLike[],
  nodeIds: string[],
  executionStatus: string,
): Step[] {
  const byId = new Map(events.map((e) => [e.id, e]));
  const steps: Step[] = [];
  const openByEnteredId = new Map<number, Step>();
  const enteredOf = (event: HistoryEventLike): number | undefined => {
    let cursor: HistoryEventLike | undefined = event;
    for (let hops = 0; cursor && hops < 10_000; hops++) {
      if (cursor.type.endsWith('StateEntered')) return cursor.id;
      if (cursor.type.endsWith('StateExited')) return undefined;
      cursor = byId.get(cursor.previousEventId);
    }
    return undefined;
  };
  for (const event of events) {
    if (event.type.endsWith('StateEntered')) {
      const d = event.stateEnteredEventDetails as { name: string; input?: string };
      // Helper states the compiler adds (`<id>__decide`, …) are part of their node's step.
      if (!nodeIds.includes(d.name) && nodeIdFor(d.name, nodeIds) !== d.name) continue;
      const step: Step = {
        nodeId: nodeIdFor(d.name, nodeIds),
        stateName: d.name,
        status: 'RUNNING',
        input: parse(d.input),
        output: null,
        error: null,
        attempts: 0,
        startedAt: isoOf(event.timestamp),
        endedAt: null,
      };
      steps.push(step);
      openByEnteredId.set(event.id, step);
      continue;
    }
    let enteredId: number | undefined;
    if (event.type.endsWith('StateExited')) {
      // the newest open entry of the same state (a Map or Parallel exit follows its children)
      const name = (event.stateExitedEventDetails as { name: string }).name;
      for (const [id, open] of openByEnteredId) if (open.stateName === name) enteredId = id;
    } else enteredId = enteredOf(event);
    const step = enteredId === undefined ? undefined : openByEnteredId.get(enteredId);
    if (!step) continue;
    if (event.type === 'TaskScheduled' || event.type === 'LambdaFunctionScheduled') step.attempts++;
    else if (event.type === 'TaskSucceeded' || event.type === 'LambdaFunctionSucceeded') step.error = null;
    else if (FAILED.test(event.type) && event.type !== 'ExecutionFailed') {
      const key = Object.keys(event).find((k) => k.endsWith('EventDetails'));
      const d = (key ? event[key] : {}) as { error?: string; cause?: string };
      step.error = { error: d.error, cause: readableCause(d.cause) };
    } else if (event.type.endsWith('StateExited')) {
      const d = event.stateExitedEventDetails as { output?: string };
      step.output = parse(d.output);
      step.status = step.error ? 'FAILED' : 'SUCCEEDED';
      step.endedAt = isoOf(event.timestamp);
      if (enteredId !== undefined) openByEnteredId.delete(enteredId);
    }
  }
  // States still open when the run ended failed (or were stopped with it).
  if (executionStatus !== 'RUNNING') {
    const last = events[events.length - 1];
    const runError =
      last?.type === 'ExecutionFailed' || last?.type === 'ExecutionTimedOut' ? last : undefined;
    for (const step of openByEnteredId.values()) {
      step.status = executionStatus === 'ABORTED' ? 'ABORTED' : 'FAILED';
      step.endedAt = last ? isoOf(last.timestamp) : null;
      if (!step.error && runError) {
        const d = (runError.executionFailedEventDetails ?? runError.executionTimedOutEventDetails ?? {}) as {
          error?: string;
          cause?: string;
        };
        step.error = { error: d.error, cause: readableCause(d.cause) };
      }
    }
  }
  return steps;
}

/** Variables assigned by top-level states before `untilEventId`, in order (for retry). */
export function assignedVariables(events: HistoryEventLike[], topLevel: Set<string>, untilEventId: number) {
  const vars: Record<string, unknown> = {};
  for (const event of events) {
    if (event.id >= untilEventId) break;
    if (!event.type.endsWith('StateExited')) continue;
    const d = event.stateExitedEventDetails as { name: string; assignedVariables?: Record<string, string> };
    if (!topLevel.has(d.name) || !d.assignedVariables) continue;
    for (const [k, v] of Object.entries(d.assignedVariables)) vars[k] = parse(v);
  }
  return vars;
}
