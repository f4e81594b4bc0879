import { randomUUID } from 'node:crypto';
import type {
  Clock,
  ExecutionRecord,
  ExecutionStatus,
  StateMachineRecord,
  Store,
  TaskHandlers,
} from '../ports.ts';
import {
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  InvalidArn,
  InvalidExecutionInput,
  InvalidName,
  InvalidOutput,
  StateMachineAlreadyExists,
  StateMachineDoesNotExist,
  TaskDoesNotExist,
} from './api-errors.ts';
import { systemClock } from './clock.ts';
import { loadDefinition } from './definition.ts';
import { Execution, type ExecutionDeps } from './execution.ts';
import { type ApiHistoryEvent, toApiEvent } from './history.ts';
import { MAX_PAYLOAD_BYTES, exceedsLimit } from './json.ts';

// The local Step Functions: AWS's API names and shapes over a Store, so the run inspector and
// the API read the same data from this runtime and from AWS.

export interface RuntimeOptions {
  store: Store;
  tasks: TaskHandlers;
  clock?: Clock;
  region?: string;
  accountId?: string;
  /** Payload limit in bytes (default 256 KiB, as AWS). */
  maxPayloadBytes?: number;
}

export interface DescribeExecutionOutput {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  input: string;
  inputDetails: { included: boolean };
  output?: string;
  outputDetails?: { included: boolean };
  error?: string;
  cause?: string;
}

export type { ApiHistoryEvent };

export interface ExecutionListItem {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
}

export interface Runtime {
  createStateMachine(input: { name: string; definition: string | object }): Promise<{
    stateMachineArn: string;
    creationDate: Date;
  }>;
  updateStateMachine(input: {
    stateMachineArn: string;
    definition: string | object;
  }): Promise<{ updateDate: Date }>;
  startExecution(input: { stateMachineArn: string; name?: string; input?: string }): Promise<{
    executionArn: string;
    startDate: Date;
  }>;
  describeExecution(input: { executionArn: string }): Promise<DescribeExecutionOutput>;
  getExecutionHistory(input: {
    executionArn: string;
    maxResults?: number;
    nextToken?: string;
    reverseOrder?: boolean;
  }): Promise<{ events: ApiHistoryEvent[]; nextToken?: string }>;
  stopExecution(input: { executionArn: string; error?: string; cause?: string }): Promise<{ stopDate: Date }>;
  listExecutions(input?: {
    stateMachineArn?: string;
    statusFilter?: ExecutionStatus;
    maxResults?: number;
    nextToken?: string;
  }): Promise<{ executions: ExecutionListItem[]; nextToken?: string }>;
  sendTaskSuccess(input: { taskToken: string; output: string }): Promise<Record<string, never>>;
  sendTaskFailure(input: {
    taskToken: string;
    error?: string;
    cause?: string;
  }): Promise<Record<string, never>>;
  sendTaskHeartbeat(input: { taskToken: string }): Promise<Record<string, never>>;
  /** Resumes every RUNNING execution found in the store (after a restart). Returns how many. */
  recover(): Promise<number>;
  /** Resolves once the execution has ended, with its description. */
  waitForExecution(executionArn: string): Promise<DescribeExecutionOutput>;
  /** Stops timers and in-flight work without writing; the store stays open (its owner closes it). */
  close(): Promise<void>;
}

const NAME_FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/;

/** AWS names: 1–80 characters, no whitespace, brackets, wildcards, control characters or punctuation. */
function isValidName(name: string): boolean {
  if (name.length < 1 || name.length > 80 || NAME_FORBIDDEN.test(name)) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return false;
  }
  return true;
}

export function createRuntime(options: RuntimeOptions): Runtime {
  const store = options.store;
  const clock = options.clock ?? systemClock;
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '123456789012';
  const maxPayloadBytes = options.maxPayloadBytes ?? MAX_PAYLOAD_BYTES;
  const live = new Map<string, Execution>();
  const tokens = new Map<string, Execution>();
  const starting = new Set<string>();
  let closed = false;

  const deps: ExecutionDeps = {
    store,
    tasks: options.tasks,
    clock,
    region,
    accountId,
    maxPayloadBytes,
    registerToken: (token, execution) => tokens.set(token, execution),
    unregisterToken: (token) => tokens.delete(token),
    onFinished: (execution) => live.delete(execution.arn),
  };

  const checkName = (name: string, what: string) => {
    if (typeof name !== 'string' || !isValidName(name))
      throw new InvalidName(`Invalid ${what} name: '${name}'`);
  };

  const describe = (ex: ExecutionRecord): DescribeExecutionOutput => {
    const out: DescribeExecutionOutput = {
      executionArn: ex.executionArn,
      stateMachineArn: ex.stateMachineArn,
      name: ex.name,
      status: ex.status,
      startDate: new Date(ex.startDate),
      input: ex.input,
      inputDetails: { included: true },
    };
    if (ex.stopDate !== undefined) out.stopDate = new Date(ex.stopDate);
    if (ex.output !== undefined) {
      out.output = ex.output;
      out.outputDetails = { included: true };
    }
    if (ex.error !== undefined) out.error = ex.error;
    if (ex.cause !== undefined) out.cause = ex.cause;
    return out;
  };

  // StartExecution needs its state machine every time. AWS documents that executions started
  // within a few seconds of an UpdateStateMachine may still use the previous definition, so a
  // one-second cache keeps its contract and spares a store read per start; this runtime's own
  // create and update replace the entry at once.
  const machines = new Map<string, { machine: StateMachineRecord; until: number }>();
  const stateMachine = async (arn: string): Promise<StateMachineRecord | undefined> => {
    const cached = machines.get(arn);
    if (cached && cached.until > clock.now()) return cached.machine;
    const machine = await store.getStateMachine(arn);
    if (machine) remember(machine);
    else machines.delete(arn);
    return machine;
  };
  const remember = (machine: StateMachineRecord) => {
    if (machines.size >= 1000) machines.clear();
    machines.set(machine.stateMachineArn, { machine, until: clock.now() + 1000 });
  };

  const getExecution = async (executionArn: string) => {
    if (typeof executionArn !== 'string' || !executionArn.startsWith('arn:'))
      throw new InvalidArn(`Invalid Arn: '${executionArn}'`);
    const ex = await store.getExecution(executionArn);
    if (!ex) throw new ExecutionDoesNotExist(`Execution Does Not Exist: '${executionArn}'`);
    return ex;
  };

  const restore = async (ex: ExecutionRecord): Promise<Execution | undefined> => {
    if (live.has(ex.executionArn) || ex.status !== 'RUNNING') return live.get(ex.executionArn);
    const threads = await store.listThreads(ex.executionArn);
    const last = await store.getHistory(ex.executionArn, { reverseOrder: true, maxResults: 1 });
    if (live.has(ex.executionArn)) return live.get(ex.executionArn);
    const execution = Execution.restore(
      deps,
      ex,
      loadDefinition(ex.definition),
      threads,
      last.items[0]?.id ?? 0,
    );
    live.set(ex.executionArn, execution);
    return execution;
  };

  /** The execution waiting on a token, loading it from the store if this process has not. */
  const executionForToken = async (taskToken: string): Promise<Execution> => {
    if (typeof taskToken !== 'string' || taskToken.length < 1 || taskToken.length > 1024)
      throw new TaskDoesNotExist('Task Token is invalid.');
    let execution = tokens.get(taskToken);
    if (!execution) {
      const record = await store.getTaskToken(taskToken);
      const ex = record && (await store.getExecution(record.executionArn));
      if (ex) await restore(ex);
      execution = tokens.get(taskToken);
    }
    if (!execution) throw new TaskDoesNotExist('Task Does Not Exist');
    return execution;
  };

  return {
    async createStateMachine({ name, definition }) {
      checkName(name, 'state machine');
      const def = loadDefinition(definition);
      const stateMachineArn = `arn:aws:states:${region}:${accountId}:stateMachine:${name}`;
      const existing = await store.getStateMachine(stateMachineArn);
      if (existing) {
        if (existing.definition !== def.text)
          throw new StateMachineAlreadyExists(`State Machine Already Exists: '${stateMachineArn}'`);
        return { stateMachineArn, creationDate: new Date(existing.creationDate) };
      }
      const creationDate = clock.now();
      const machine: StateMachineRecord = {
        stateMachineArn,
        name,
        definition: def.text,
        type: 'STANDARD',
        creationDate,
      };
      await store.commit({ stateMachines: [machine] });
      remember(machine);
      return { stateMachineArn, creationDate: new Date(creationDate) };
    },

    async updateStateMachine({ stateMachineArn, definition }) {
      const existing = await store.getStateMachine(stateMachineArn);
      if (!existing) throw new StateMachineDoesNotExist(`State Machine Does Not Exist: '${stateMachineArn}'`);
      const def = loadDefinition(definition);
      const machine = { ...existing, definition: def.text };
      await store.commit({ stateMachines: [machine] });
      remember(machine);
      return { updateDate: new Date(clock.now()) };
    },

    async startExecution({ stateMachineArn, name, input }) {
      if (closed) throw new Error('The runtime is closed.');
      const sm = await stateMachine(stateMachineArn);
      if (!sm) throw new StateMachineDoesNotExist(`State Machine Does Not Exist: '${stateMachineArn}'`);
      const executionName = name ?? randomUUID();
      checkName(executionName, 'execution');
      const inputText = input ?? '{}';
      let parsed: unknown;
      try {
        parsed = JSON.parse(inputText);
      } catch {
        throw new InvalidExecutionInput(
          'Invalid State Machine Execution Input: the input must be valid JSON.',
        );
      }
      if (exceedsLimit(inputText, maxPayloadBytes))
        throw new InvalidExecutionInput(
          `The execution input exceeds the maximum of ${maxPayloadBytes} bytes.`,
        );
      const executionArn = `arn:aws:states:${region}:${accountId}:execution:${sm.name}:${executionName}`;
      const existing = starting.has(executionArn) ? undefined : await store.getExecution(executionArn);
      if (starting.has(executionArn) || existing) {
        // StartExecution is idempotent for a RUNNING execution with the same input (Standard).
        if (existing && existing.status === 'RUNNING' && existing.input === inputText)
          return { executionArn, startDate: new Date(existing.startDate) };
        throw new ExecutionAlreadyExists(`Execution Already Exists: '${executionArn}'`);
      }
      starting.add(executionArn);
      try {
        const startDate = clock.now();
        const record: ExecutionRecord = {
          executionArn,
          stateMachineArn,
          name: executionName,
          status: 'RUNNING',
          input: inputText,
          startDate,
          definition: sm.definition,
        };
        const def = loadDefinition(sm.definition);
        const execution = await Execution.start(deps, record, def, parsed);
        if (!execution.ended) live.set(executionArn, execution);
        return { executionArn, startDate: new Date(startDate) };
      } finally {
        starting.delete(executionArn);
      }
    },

    async describeExecution({ executionArn }) {
      return describe(await getExecution(executionArn));
    },

    async getExecutionHistory({ executionArn, maxResults, nextToken, reverseOrder }) {
      await getExecution(executionArn);
      const page = await store.getHistory(executionArn, { maxResults, nextToken, reverseOrder });
      const events = page.items.map(toApiEvent);
      return page.nextToken ? { events, nextToken: page.nextToken } : { events };
    },

    async stopExecution({ executionArn, error, cause }) {
      const ex = await getExecution(executionArn);
      if (ex.status !== 'RUNNING') return { stopDate: new Date(ex.stopDate ?? clock.now()) };
      const execution = live.get(executionArn) ?? (await restore(ex));
      await execution?.terminate('ABORTED', 'ExecutionAborted', error, cause);
      const after = await getExecution(executionArn);
      return { stopDate: new Date(after.stopDate ?? clock.now()) };
    },

    async listExecutions(query = {}) {
      const page = await store.listExecutions({
        stateMachineArn: query.stateMachineArn,
        status: query.statusFilter,
        maxResults: query.maxResults,
        nextToken: query.nextToken,
      });
      const executions = page.items.map((ex) => {
        const item: ExecutionListItem = {
          executionArn: ex.executionArn,
          stateMachineArn: ex.stateMachineArn,
          name: ex.name,
          status: ex.status,
          startDate: new Date(ex.startDate),
        };
        if (ex.stopDate !== undefined) item.stopDate = new Date(ex.stopDate);
        return item;
      });
      return page.nextToken ? { executions, nextToken: page.nextToken } : { executions };
    },

    async sendTaskSuccess({ taskToken, output }) {
      let result: unknown;
      try {
        result = JSON.parse(output);
      } catch {
        throw new InvalidOutput('Invalid Output: the output must be valid JSON.');
      }
      const execution = await executionForToken(taskToken);
      if (!execution.deliverToken(taskToken, { ok: true, result }))
        throw new TaskDoesNotExist('Task Does Not Exist');
      return {};
    },

    async sendTaskFailure({ taskToken, error, cause }) {
      const execution = await executionForToken(taskToken);
      const delivered = execution.deliverToken(taskToken, {
        ok: false,
        error: error ?? 'States.TaskFailed',
        cause,
      });
      if (!delivered) throw new TaskDoesNotExist('Task Does Not Exist');
      return {};
    },

    async sendTaskHeartbeat({ taskToken }) {
      const execution = await executionForToken(taskToken);
      if (!execution.heartbeat(taskToken)) throw new TaskDoesNotExist('Task Does Not Exist');
      return {};
    },

    async recover() {
      let count = 0;
      for (const ex of await store.listRunningExecutions()) {
        if (live.has(ex.executionArn)) continue;
        await restore(ex);
        count++;
      }
      return count;
    },

    async waitForExecution(executionArn) {
      const execution = live.get(executionArn);
      if (execution) {
        await execution.whenFinished();
        // Its end was committed by this process: no need to read it back.
        const end = execution.landedEnd;
        if (end) return describe(end);
      }
      return describe(await getExecution(executionArn));
    },

    async close() {
      closed = true;
      await Promise.all([...live.values()].map((e) => e.detach()));
      live.clear();
      tokens.clear();
    },
  };
}
