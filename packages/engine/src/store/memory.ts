import type {
  ExecutionRecord,
  HistoryEvent,
  Page,
  StateMachineRecord,
  Store,
  StoreChanges,
  TaskTokenRecord,
  ThreadRecord,
} from '../ports.ts';
import { cloneStorable } from './clone.ts';
import { newestFirst, pageOf } from './paging.ts';

/** One execution's history: events already read back, and committed batches kept as JSON text. */
interface HistoryLog {
  events: HistoryEvent[];
  /** Batches not yet parsed, oldest first. */
  texts: string[];
}

/**
 * The in-memory Store: same contract as the SQLite one, nothing survives the process.
 * Callers can never mutate stored state: records are copied in and out. History and threads,
 * the bulk of what the runtime writes, are kept as JSON text (one string per batch instead of
 * a few objects per event: far less for the garbage collector to trace) and parsed on read.
 */
export function createMemoryStore(): Store {
  const stateMachines = new Map<string, StateMachineRecord>();
  const executions = new Map<string, ExecutionRecord>();
  const history = new Map<string, HistoryLog>();
  /** executionArn → threadId → JSON text of the thread's state. */
  const threads = new Map<string, Map<string, string>>();
  const tokens = new Map<string, TaskTokenRecord>();

  const readHistory = (arn: string): HistoryEvent[] => {
    const log = history.get(arn);
    if (!log) return [];
    if (log.texts.length) {
      for (const text of log.texts) for (const e of JSON.parse(text) as HistoryEvent[]) log.events.push(e);
      log.texts = [];
    }
    return log.events;
  };

  return {
    async commit(changes: StoreChanges) {
      // Encode everything first: a value that cannot be stored throws here, before anything
      // changed, so the commit stays all-or-nothing.
      const sms = changes.stateMachines && cloneStorable(changes.stateMachines);
      const exs = changes.executions && cloneStorable(changes.executions);
      const events = changes.history?.map((h) => ({ arn: h.executionArn, text: encode(h.events) }));
      const states = changes.threads?.map((t) => ({ t, text: encode(t.state) }));
      for (const sm of sms ?? []) stateMachines.set(sm.stateMachineArn, sm);
      for (const ex of exs ?? []) executions.set(ex.executionArn, ex);
      for (const { arn, text } of events ?? []) {
        let log = history.get(arn);
        if (!log) {
          log = { events: [], texts: [] };
          history.set(arn, log);
        }
        log.texts.push(text);
      }
      for (const { t, text } of states ?? []) {
        let byId = threads.get(t.executionArn);
        if (!byId) {
          byId = new Map();
          threads.set(t.executionArn, byId);
        }
        byId.set(t.threadId, text);
      }
      for (const d of changes.deleteThreads ?? []) threads.get(d.executionArn)?.delete(d.threadId);
      for (const t of changes.taskTokens ?? []) tokens.set(t.taskToken, { ...t });
      for (const token of changes.deleteTaskTokens ?? []) tokens.delete(token);
    },
    async getStateMachine(arn) {
      const sm = stateMachines.get(arn);
      return sm && { ...sm };
    },
    async getExecution(arn) {
      const ex = executions.get(arn);
      return ex && { ...ex };
    },
    async listExecutions(query): Promise<Page<ExecutionRecord>> {
      const all = [...executions.values()]
        .filter((e) => !query.stateMachineArn || e.stateMachineArn === query.stateMachineArn)
        .filter((e) => !query.status || e.status === query.status)
        .sort(newestFirst)
        .map((e) => ({ ...e }));
      return pageOf(all, query.maxResults, query.nextToken);
    },
    async getHistory(arn, query = {}) {
      const all = readHistory(arn);
      const page = pageOf(query.reverseOrder ? [...all].reverse() : all, query.maxResults, query.nextToken);
      // Copy only the page handed out, not the whole history.
      return { ...page, items: page.items.map((e) => cloneStorable(e)) };
    },
    async listRunningExecutions() {
      return [...executions.values()].filter((e) => e.status === 'RUNNING').map((e) => ({ ...e }));
    },
    async listThreads(arn) {
      const byId = threads.get(arn);
      if (!byId) return [];
      return [...byId].map(
        ([threadId, text]): ThreadRecord => ({
          executionArn: arn,
          threadId,
          state: JSON.parse(text),
        }),
      );
    },
    async getTaskToken(token) {
      const t = tokens.get(token);
      return t && { ...t };
    },
    async close() {},
  };
}

/** JSON text of a value to keep (like the SQLite store: BigInt throws, functions are dropped). */
function encode(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError('The store cannot keep a value that has no JSON form.');
  return text;
}
