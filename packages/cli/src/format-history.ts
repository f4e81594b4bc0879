// One readable line per history event: id, time since the start, type, state name, short detail.

const DETAIL_WIDTH = 90;

/** A stored event (epoch ms) or an API one (`Date`), as runStateMachine returns them. */
export interface AnyHistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: number | Date;
  type: string;
  [details: string]: unknown;
}

export function formatHistory(events: AnyHistoryEvent[]): string[] {
  const names = stateNames(events);
  const start = Number(events[0]?.timestamp ?? 0);
  const rows = events.map((e) => ({
    id: String(e.id),
    time: `+${((Number(e.timestamp) - start) / 1000).toFixed(3)}s`,
    type: e.type,
    state: names.get(e.id) ?? '',
    detail: shortDetail(e),
  }));
  const width = (key: 'id' | 'time' | 'type' | 'state') => Math.max(0, ...rows.map((r) => r[key].length));
  const [wId, wTime, wType, wState] = [
    width('id'),
    width('time'),
    width('type'),
    Math.min(width('state'), 30),
  ];
  return rows.map((r) =>
    [r.id.padStart(wId), r.time.padStart(wTime), r.type.padEnd(wType), r.state.padEnd(wState), r.detail]
      .join('  ')
      .trimEnd(),
  );
}

/**
 * Step Functions names the state only on *StateEntered/*StateExited and Map iteration events.
 * Other events (TaskScheduled, TaskSucceeded, …) belong to the state of the event they follow,
 * found through previousEventId, which also keeps parallel branches apart. The end of a
 * Parallel or Map (ParallelStateSucceeded, MapStateFailed, …) follows the last event of a
 * branch, so each event also remembers its enclosing Parallel/Map ("owner").
 */
function stateNames(events: AnyHistoryEvent[]): Map<number, string> {
  const names = new Map<number, string>();
  const owners = new Map<number, string | undefined>();
  const ownerOfContainer = new Map<string, string | undefined>();
  const byId = new Map(events.map((e) => [e.id, e]));
  for (const e of events) {
    const prev = byId.get(e.previousEventId);
    const prevName = names.get(e.previousEventId);
    const opensScope = prev !== undefined && CONTAINER_START.test(prev.type);
    let owner = opensScope ? prevName : owners.get(e.previousEventId);
    let name: string | undefined;
    const details = eventDetails(e);
    if (e.type.startsWith('Execution')) name = undefined;
    else if (typeof details?.name === 'string') name = details.name;
    else if (CONTAINER_END.test(e.type)) {
      name = owner;
      owner = name === undefined ? undefined : ownerOfContainer.get(name);
    } else if (!e.type.endsWith('StateEntered')) name = prevName;
    if (name !== undefined && CONTAINER_START.test(e.type) && !e.type.startsWith('MapIteration')) {
      ownerOfContainer.set(name, owner);
    }
    if (name !== undefined) names.set(e.id, name);
    owners.set(e.id, owner);
  }
  return names;
}

const CONTAINER_START = /^(ParallelStateStarted|MapStateStarted|MapIterationStarted)$/;
const CONTAINER_END = /^(Parallel|Map)State(Succeeded|Failed|Aborted)$/;

function eventDetails(e: AnyHistoryEvent): Record<string, unknown> | undefined {
  for (const [key, value] of Object.entries(e)) {
    if (key.endsWith('EventDetails') && value && typeof value === 'object')
      return value as Record<string, unknown>;
  }
  return undefined;
}

function shortDetail(e: AnyHistoryEvent): string {
  const d = eventDetails(e);
  if (!d) return '';
  let text = '';
  if (d.error !== undefined || d.cause !== undefined) {
    text = [d.error, d.cause].filter((x) => x !== undefined && x !== '').join(': ');
  } else if (d.output !== undefined) text = `output ${compact(d.output)}`;
  else if (d.input !== undefined) text = `input ${compact(d.input)}`;
  else if (d.resource !== undefined) {
    // AWS splits `arn:aws:states:::lambda:invoke` into resourceType `lambda` + resource `invoke`.
    const arn = String(d.resource).startsWith('arn:');
    text = `resource ${d.resourceType && !arn ? `${d.resourceType}:` : ''}${d.resource}`;
  } else if (d.index !== undefined) text = `index ${d.index}`;
  else if (d.length !== undefined) text = `${d.length} items`;
  return text.length > DETAIL_WIDTH ? `${text.slice(0, DETAIL_WIDTH - 1)}…` : text;
}

/** History payloads are JSON text; show them on one line. */
function compact(value: unknown): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  try {
    return JSON.stringify(JSON.parse(value));
  } catch {
    return value;
  }
}
