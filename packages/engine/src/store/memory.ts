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
import { runningDeleteError } from './errors.ts';
import { newestFirst, pageOf } from './paging.ts';

/**
 * The in-memory Store: same contract as the SQLite one, nothing survives the process.
 * Records are deep-copied in and out so callers can never mutate stored state by accident.
 */
export function createMemoryStore(): Store {
  const stateMachines = new Map<string, StateMachineRecord>();
  const executions = new Map<string, ExecutionRecord>();
  const history = new Map<string, HistoryEvent[]>();
  const threads = new Map<string, Map<string, ThreadRecord>>();
  const tokens = new Map<string, TaskTokenRecord>();

  return {
    async commit(changes: StoreChanges) {
      // Copy everything first: a value that cannot be cloned throws here, before anything changed,
      // so the commit stays all-or-nothing.
      const c = cloneStorable(changes);
      for (const sm of c.stateMachines ?? []) stateMachines.set(sm.stateMachineArn, sm);
      for (const ex of c.executions ?? []) executions.set(ex.executionArn, ex);
      for (const { executionArn, events } of c.history ?? []) {
        const list = history.get(executionArn) ?? [];
        list.push(...events);
        history.set(executionArn, list);
      }
      for (const t of c.threads ?? []) {
        const byId = threads.get(t.executionArn) ?? new Map<string, ThreadRecord>();
        byId.set(t.threadId, t);
        threads.set(t.executionArn, byId);
      }
      for (const d of c.deleteThreads ?? []) threads.get(d.executionArn)?.delete(d.threadId);
      for (const t of c.taskTokens ?? []) tokens.set(t.taskToken, t);
      for (const token of c.deleteTaskTokens ?? []) tokens.delete(token);
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
      const all = history.get(arn) ?? [];
      const page = pageOf(query.reverseOrder ? [...all].reverse() : all, query.maxResults, query.nextToken);
      // Copy only the page handed out, not the whole history.
      return { ...page, items: page.items.map((e) => cloneStorable(e)) };
    },
    async listRunningExecutions() {
      return [...executions.values()].filter((e) => e.status === 'RUNNING').map((e) => ({ ...e }));
    },
    async listThreads(arn) {
      return [...(threads.get(arn)?.values() ?? [])].map((t) => cloneStorable(t));
    },
    async getTaskToken(token) {
      const t = tokens.get(token);
      return t && { ...t };
    },
    async deleteExecution(arn) {
      const ex = executions.get(arn);
      if (!ex) return;
      if (ex.status === 'RUNNING') throw runningDeleteError(arn);
      executions.delete(arn);
      history.delete(arn);
      threads.delete(arn);
      for (const [token, t] of tokens) if (t.executionArn === arn) tokens.delete(token);
    },
    async close() {},
  };
}
