import { randomBytes } from 'node:crypto';
import type {
  Clock,
  ExecutionRecord,
  HistoryEvent,
  Store,
  StoreChanges,
  TaskContext,
  TaskHandlers,
  TaskTokenRecord,
  ThreadRecord,
} from '../ports.ts';
import {
  type StateEnv,
  completeState,
  effectiveInput,
  jsonPathScope,
  jsonataBindings,
  numberField,
  stateArguments,
} from './dataflow.ts';
import type { VirtualClock } from './clock.ts';
import type { Definition, Machine, StateNode } from './definition.ts';
import { StatesError } from './errors.ts';
import { errorMatches } from './errors-match.ts';
import { details, makeEvent } from './history.ts';
import { checkPayload, cloneJson, toJson } from './json.ts';
import { evaluateTemplate } from './jsonata.ts';
import {
  applyPath,
  applyResultPath,
  evaluateChoiceRule,
  evaluatePayloadTemplate,
  evaluateValuePath,
} from './jsonpath/index.ts';
import { decideRetry } from './retry.ts';
import { type ResolvedTask, failureOf, resolveTask, taskInput, wrapLambdaResult } from './tasks.ts';
import type { ChildrenState, ThreadState } from './thread.ts';

// The interpreter for one execution. Each thread (main path, Parallel branch, Map iteration)
// advances state by state; every transition's history events and thread changes go to the
// Store in one commit, and the thread only moves on once that commit has landed.

export interface ExecutionDeps {
  store: Store;
  tasks: TaskHandlers;
  clock: Clock;
  region: string;
  accountId: string;
  maxPayloadBytes: number;
  registerToken(token: string, execution: Execution): void;
  unregisterToken(token: string): void;
  onFinished(execution: Execution): void;
}

type Attempt =
  | { ok: true; result: unknown }
  | { ok: false; error: string; cause?: string; timedOut?: boolean };

/** A thread in memory: its persisted continuation plus what never goes to the store. */
interface Live {
  s: ThreadState;
  machine: Machine;
  /** Variables of the enclosing scopes (read-only here). */
  outer: Record<string, unknown>;
  /** outer + own variables, flat. */
  visible: Record<string, unknown>;
  /** JSON text of `s.input` when already known (saves a stringify per transition). */
  inputText?: string;
  kids?: Live[];
  /** Children finished so far, and the failed ones among them (kept as counters: O(1) checks). */
  kidsDone: number;
  kidsFailed: Live[];
  running: boolean;
  rewake: boolean;
  stopped: boolean;
  timerFired: boolean;
  cancelTimer?: () => void;
  onStop?: () => void;
  tokenWaiter?: { settle(a: Attempt): void; heartbeat(): void };
  pendingToken?: Attempt;
}

/** An event whose id is given when its batch is committed (ids follow commit order). */
interface PendingEvent {
  event: HistoryEvent;
  prev: number | PendingEvent;
  /** The thread whose `last` becomes this event's id. */
  owner?: ThreadState;
  /** Called with the id once assigned (rare: Parallel/Map start). */
  onId?: ((id: number) => void)[];
}

class Batch {
  events: PendingEvent[] = [];
  threads: ThreadState[] = [];
  deletes: string[] = [];
  /** Threads whose variables changed: their variables record is rewritten. */
  vars: ThreadState[] = [];
  tokens: TaskTokenRecord[] = [];
  deleteTokens: string[] = [];
  execution?: ExecutionRecord;
}

/** The batch a step is filling; `flush` commits it and starts the next. */
interface Tx {
  batch: Batch;
}

const LAMBDA_EVENTS = {
  ok: 'LambdaFunctionSucceeded',
  failed: 'LambdaFunctionFailed',
  timedOut: 'LambdaFunctionTimedOut',
};
const TASK_EVENTS = { ok: 'TaskSucceeded', failed: 'TaskFailed', timedOut: 'TaskTimedOut' };

/** Thread-record id suffix of a thread's variables. */
const VARS_SUFFIX = '#vars';

/** Thrown inside a thread that was stopped (execution aborted, sibling failed): unwinds quietly. */
const STOPPED = Symbol('stopped');

export class Execution {
  readonly arn: string;
  private done = false;
  private readonly threads = new Map<string, Live>();
  private chain: Promise<void> = Promise.resolve();
  private inFlight = 0;
  private readonly finished: Promise<void>;
  private resolveFinished!: () => void;
  private cancelTimeout?: () => void;
  private readonly ctxExecution: Record<string, unknown>;
  private readonly ctxStateMachine: Record<string, unknown>;

  private constructor(
    private readonly deps: ExecutionDeps,
    private record: ExecutionRecord,
    private readonly def: Definition,
    private readonly input: unknown,
    private seq: number,
  ) {
    this.arn = record.executionArn;
    this.finished = new Promise((resolve) => {
      this.resolveFinished = resolve;
    });
    const smName = record.stateMachineArn.split(':').pop()!;
    this.ctxExecution = {
      Id: record.executionArn,
      Input: input,
      Name: record.name,
      RoleArn: roleArn(deps.accountId),
      StartTime: new Date(record.startDate).toISOString(),
      RedriveCount: 0,
    };
    this.ctxStateMachine = { Id: record.stateMachineArn, Name: smName };
  }

  /** Writes ExecutionStarted with the main thread, then runs. */
  static async start(
    deps: ExecutionDeps,
    record: ExecutionRecord,
    def: Definition,
    input: unknown,
  ): Promise<Execution> {
    const exec = new Execution(deps, record, def, input, 0);
    const main: ThreadState = {
      id: 'main',
      path: [],
      state: def.machine.startAt,
      input,
      vars: {},
      last: 0,
      enteredAt: record.startDate,
      phase: 'enter',
    };
    const live = exec.adopt(main);
    live.inputText = record.input;
    const tx: Tx = { batch: new Batch() };
    // AWS quirk kept: the first state's StateEntered has previousEventId 0, like ExecutionStarted.
    exec.emit(
      tx.batch,
      null,
      'ExecutionStarted',
      details.executionStarted(record.input, roleArn(deps.accountId)),
      0,
    );
    tx.batch.execution = record;
    tx.batch.threads.push(main);
    await exec.commit(tx.batch);
    exec.launch();
    return exec;
  }

  /** Rebuilds an execution from its stored threads and resumes every one of them. */
  static restore(
    deps: ExecutionDeps,
    record: ExecutionRecord,
    def: Definition,
    threads: ThreadRecord[],
    lastEventId: number,
  ): Execution {
    const exec = new Execution(deps, record, def, JSON.parse(record.input), lastEventId);
    const vars = new Map<string, Record<string, unknown>>();
    for (const t of threads)
      if (t.threadId.endsWith(VARS_SUFFIX))
        vars.set(t.threadId.slice(0, -VARS_SUFFIX.length), t.state as Record<string, unknown>);
    const states = threads
      .filter((t) => !t.threadId.endsWith(VARS_SUFFIX))
      .map((t) => ({ ...(t.state as ThreadState), vars: vars.get(t.threadId) ?? {} }));
    // Parents before children, so a child can read its parent's variables.
    states.sort((a, b) => a.id.split('/').length - b.id.split('/').length);
    for (const s of states) {
      if (s.parent && !exec.threads.has(s.parent)) continue; // orphan of a finished parent
      exec.adopt(s);
    }
    for (const live of exec.threads.values()) live.kids?.sort((a, b) => (a.s.slot ?? 0) - (b.s.slot ?? 0));
    exec.launch();
    return exec;
  }

  get status() {
    return this.record.status;
  }

  whenFinished(): Promise<void> {
    return this.finished;
  }

  // ---------------------------------------------------------------------------------------------
  // Thread bookkeeping

  private adopt(s: ThreadState): Live {
    const parent = s.parent ? this.threads.get(s.parent) : undefined;
    const outer = parent ? parent.visible : {};
    const live: Live = {
      s,
      machine: this.machineAt(s.path),
      outer,
      visible: Object.keys(s.vars).length ? { ...outer, ...s.vars } : outer,
      kidsDone: 0,
      kidsFailed: [],
      running: false,
      rewake: false,
      stopped: false,
      timerFired: false,
    };
    this.threads.set(s.id, live);
    if (parent) {
      parent.kids ??= [];
      parent.kids.push(live);
      if (s.phase === 'done') this.countFinishedKid(parent, live);
    }
    if (s.task?.token) this.deps.registerToken(s.task.token, this);
    return live;
  }

  private machineAt(path: [string, number][]): Machine {
    let machine = this.def.machine;
    for (const [stateName, index] of path) {
      const node = machine.states.get(stateName)!;
      machine = index >= 0 ? node.branches[index] : node.processor!;
    }
    return machine;
  }

  private launch() {
    if (this.def.timeoutSeconds) {
      const due = this.record.startDate + this.def.timeoutSeconds * 1000;
      this.cancelTimeout = this.deps.clock.setTimer(due, () => {
        void this.terminate('TIMED_OUT', 'ExecutionTimedOut', 'States.Timeout', undefined).catch(() => {});
      });
    }
    for (const live of [...this.threads.values()]) if (live.s.phase !== 'done') void this.drive(live);
  }

  /** Runs a thread until it parks (timer, task token, children) or ends. Never throws. */
  private async drive(live: Live): Promise<void> {
    if (live.running) {
      live.rewake = true;
      return;
    }
    live.running = true;
    try {
      do {
        live.rewake = false;
        while (!live.stopped && !this.done && (await this.step(live))) {}
      } while (live.rewake && !live.stopped && !this.done);
    } catch (err) {
      if (err !== STOPPED) await this.internalFailure(err);
    } finally {
      live.running = false;
    }
  }

  private step(live: Live): Promise<boolean> | boolean {
    const node = live.machine.states.get(live.s.state);
    if (!node) throw new StatesError('States.Runtime', `The state '${live.s.state}' does not exist.`);
    switch (live.s.phase) {
      case 'enter':
        return this.enter(live, node);
      case 'attempt':
        return this.guard(live, node, { batch: new Batch() }, (tx) => this.attempt(live, node, tx));
      case 'task':
        return this.guard(live, node, { batch: new Batch() }, (tx) => this.runTask(live, node, tx));
      case 'wait':
        if (!live.timerFired) return this.armTimer(live);
        live.timerFired = false;
        return this.guard(live, node, { batch: new Batch() }, (tx) => this.exitWait(live, node, tx));
      case 'retry':
        return this.armTimer(live);
      case 'children':
        return this.guard(live, node, { batch: new Batch() }, (tx) => this.checkChildren(live, node, tx));
      case 'done':
        return false;
    }
  }

  private armTimer(live: Live): false {
    live.cancelTimer?.();
    live.cancelTimer = this.deps.clock.setTimer(live.s.dueAt ?? 0, () => {
      live.cancelTimer = undefined;
      if (live.stopped || this.done) return;
      if (live.s.phase === 'retry') live.s.phase = 'attempt';
      else live.timerFired = true;
      void this.drive(live);
    });
    return false;
  }

  // ---------------------------------------------------------------------------------------------
  // Events and commits

  private emit(
    batch: Batch,
    live: Live | null,
    type: string,
    detail?: Record<string, unknown>,
    prev?: number | PendingEvent,
  ): PendingEvent {
    const s = live?.s;
    if (prev === undefined) prev = s ? (lastEventOf(batch, s) ?? s.last) : 0;
    const pending: PendingEvent = { event: makeEvent(0, 0, 0, type, detail), prev, owner: s };
    batch.events.push(pending);
    return pending;
  }

  private commit(batch: Batch, owner?: Live): Promise<void> {
    if (owner?.stopped) return Promise.reject(STOPPED);
    const arn = this.arn;
    const changes: StoreChanges = {};
    if (batch.execution) changes.executions = [batch.execution];
    if (batch.events.length) {
      // Ids and timestamps are given here, in commit order, so stored order is id order even
      // when threads interleave.
      const now = this.deps.clock.now();
      for (const p of batch.events) {
        const id = ++this.seq;
        p.event.id = id;
        p.event.timestamp = now;
        p.event.previousEventId = typeof p.prev === 'number' ? p.prev : p.prev.event.id;
        if (p.owner) p.owner.last = id;
        if (p.onId) for (const f of p.onId) f(id);
      }
      changes.history = [{ executionArn: arn, events: batch.events.map((p) => p.event) }];
    }
    if (batch.threads.length)
      changes.threads = (batch.threads.length > 1 ? [...new Set(batch.threads)] : batch.threads).map(
        (state) => ({
          executionArn: arn,
          threadId: state.id,
          // Variables live in their own record, rewritten only when an Assign changes them.
          state: { ...state, vars: undefined },
        }),
      );
    if (batch.vars.length) {
      changes.threads ??= [];
      const deleted = new Set(batch.deletes);
      for (const state of batch.vars)
        if (!deleted.has(state.id))
          changes.threads.push({
            executionArn: arn,
            threadId: `${state.id}${VARS_SUFFIX}`,
            state: state.vars,
          });
    }
    if (batch.deletes.length)
      changes.deleteThreads = batch.deletes.flatMap((threadId) => [
        { executionArn: arn, threadId },
        { executionArn: arn, threadId: `${threadId}${VARS_SUFFIX}` },
      ]);
    if (batch.tokens.length) changes.taskTokens = batch.tokens;
    if (batch.deleteTokens.length) changes.deleteTaskTokens = batch.deleteTokens;
    // Commits land in the order they were made, which is also event-id order.
    const landed =
      this.inFlight === 0
        ? this.deps.store.commit(changes)
        : this.chain.then(() => this.deps.store.commit(changes));
    this.inFlight++;
    const done = () => {
      this.inFlight--;
    };
    this.chain = landed.then(done, done);
    return landed;
  }

  private async flush(tx: Tx, owner: Live): Promise<void> {
    const batch = tx.batch;
    tx.batch = new Batch();
    await this.commit(batch, owner);
  }

  // ---------------------------------------------------------------------------------------------
  // States

  /** What the state's expressions read; the context object is built only if one reads it. */
  private env(live: Live, extra?: Record<string, unknown>): StateEnv {
    return new LazyEnv(live.visible, () => this.contextObject(live, extra));
  }

  private contextObject(live: Live, extra?: Record<string, unknown>): Record<string, unknown> {
    const s = live.s;
    const context: Record<string, unknown> = {
      Execution: this.ctxExecution,
      State: {
        EnteredTime: new Date(s.enteredAt).toISOString(),
        Name: s.state,
        RetryCount: s.retries ? s.retries.reduce((a, b) => a + b, 0) : 0,
      },
      StateMachine: this.ctxStateMachine,
    };
    if (s.task?.token) context.Task = { Token: s.task.token };
    if (s.item) context.Map = { Item: { Index: s.item.index, Value: s.item.value } };
    if (extra) Object.assign(context, extra);
    return context;
  }

  private async enter(live: Live, node: StateNode): Promise<boolean> {
    const s = live.s;
    const tx: Tx = { batch: new Batch() };
    s.enteredAt = this.deps.clock.now();
    s.retries = undefined;
    const inputText = live.inputText ?? toJson(s.input);
    live.inputText = undefined;
    const type = node.type === 'Fail' ? 'FailStateEntered' : `${node.type}StateEntered`;
    this.emit(tx.batch, live, type, details.stateEntered(node.name, inputText));
    return this.guard(live, node, tx, (tx) => {
      checkPayload(inputText, this.deps.maxPayloadBytes, node.name);
      return this.run(live, node, tx);
    });
  }

  /** Runs `fn`; a failure goes to Retry/Catch (or fails the thread). */
  private async guard(
    live: Live,
    node: StateNode,
    tx: Tx,
    fn: (tx: Tx) => Promise<boolean> | boolean,
  ): Promise<boolean> {
    try {
      return await fn(tx);
    } catch (err) {
      if (err === STOPPED) throw err;
      const f = failureOf(err);
      return this.handleError(live, node, tx, f.error, f.cause);
    }
  }

  private async run(live: Live, node: StateNode, tx: Tx): Promise<boolean> {
    const s = live.s;
    const raw = s.input;
    switch (node.type) {
      case 'Pass': {
        const env = this.env(live);
        if (node.queryLanguage === 'JSONata')
          return this.complete(
            live,
            node,
            tx,
            await completeState(node, raw, raw, undefined, false, env),
            node.next,
          );
        const effective = effectiveInput(node, raw, env);
        let result =
          'Parameters' in node.raw
            ? evaluatePayloadTemplate(node.raw.Parameters, jsonPathScope(env, effective), 'Parameters')
            : effective;
        if ('Result' in node.raw) result = cloneJson(node.raw.Result);
        return this.complete(
          live,
          node,
          tx,
          await completeState(node, raw, effective, result, true, env),
          node.next,
        );
      }
      case 'Succeed': {
        const env = this.env(live);
        const effective = effectiveInput(node, raw, env);
        return this.complete(
          live,
          node,
          tx,
          await completeState(node, raw, effective, undefined, false, env),
          undefined,
        );
      }
      case 'Fail':
        return this.runFail(live, node, tx);
      case 'Choice':
        return this.runChoice(live, node, tx);
      case 'Wait':
        return this.startWait(live, node, tx);
      default:
        return this.attempt(live, node, tx);
    }
  }

  private async runFail(live: Live, node: StateNode, tx: Tx): Promise<boolean> {
    const raw = live.s.input;
    const env = this.env(live);
    const text = async (field: 'Error' | 'Cause'): Promise<string | undefined> => {
      let value: unknown;
      if (node.queryLanguage === 'JSONata') {
        const t = node.templates[field];
        if (!t) return undefined;
        value = await evaluateTemplate(t, jsonataBindings(env, raw), field);
      } else if (typeof node.raw[`${field}Path`] === 'string') {
        value = evaluateValuePath(node.raw[`${field}Path`], jsonPathScope(env, raw), `${field}Path`);
      } else value = node.raw[field];
      if (value !== undefined && typeof value !== 'string')
        throw new StatesError(
          node.queryLanguage === 'JSONata' ? 'States.QueryEvaluationError' : 'States.Runtime',
          `The value for the field '${field}' must be a STRING, got ${JSON.stringify(value)}.`,
        );
      return value as string | undefined;
    };
    let error: string | undefined;
    let cause: string | undefined;
    try {
      error = await text('Error');
      cause = await text('Cause');
    } catch (err) {
      const f = failureOf(err);
      return this.threadFailed(live, tx, f.error, f.cause);
    }
    // AWS leaves error (and cause) out when the Fail state names none.
    return this.threadFailed(live, tx, error ?? '', cause);
  }

  private async runChoice(live: Live, node: StateNode, tx: Tx): Promise<boolean> {
    const raw = live.s.input;
    const env = this.env(live);
    const effective = effectiveInput(node, raw, env);
    const jsonata = node.queryLanguage === 'JSONata';
    const bindings = jsonata ? jsonataBindings(env, raw) : undefined;
    const scope = jsonPathScope(env, effective);
    let matched: (typeof node.choices)[number] | undefined;
    for (let i = 0; i < node.choices.length && !matched; i++) {
      const rule = node.choices[i];
      if (jsonata) {
        const value = await evaluateTemplate(rule.condition!, bindings!, 'Condition');
        if (typeof value !== 'boolean')
          throw new StatesError(
            'States.QueryEvaluationError',
            `The Condition of Choices[${i}] must evaluate to a boolean, got ${JSON.stringify(value)}.`,
          );
        if (value) matched = rule;
      } else if (evaluateChoiceRule(rule.raw, scope)) matched = rule;
    }
    if (!matched && node.defaultNext === undefined)
      throw new StatesError('States.NoChoiceMatched', `No Matches! (state '${node.name}')`);
    const next = matched ? matched.next : node.defaultNext!;
    // A matching rule's Assign/Output replace the state's; the Default path uses the state's.
    let assigned: Record<string, unknown> | undefined;
    let output: unknown;
    if (jsonata) {
      const assignT = matched ? matched.assign : node.templates.Assign;
      const outputT = matched?.output ?? node.templates.Output;
      assigned = assignT
        ? ((await evaluateTemplate(assignT, bindings!, 'Assign')) as Record<string, unknown>)
        : undefined;
      output = outputT ? await evaluateTemplate(outputT, bindings!, 'Output') : raw;
    } else {
      const assignRaw = matched ? matched.raw.Assign : node.raw.Assign;
      assigned =
        assignRaw !== undefined
          ? (evaluatePayloadTemplate(assignRaw, scope, 'Assign') as Record<string, unknown>)
          : undefined;
      output =
        'OutputPath' in node.raw ? applyPath(node.raw.OutputPath, effective, scope, 'OutputPath') : effective;
    }
    return this.complete(live, node, tx, { output, assigned }, next);
  }

  private async startWait(live: Live, node: StateNode, tx: Tx): Promise<boolean> {
    const s = live.s;
    const env = this.env(live);
    const effective = effectiveInput(node, s.input, env);
    const jsonata = node.queryLanguage === 'JSONata';
    const now = this.deps.clock.now();
    let dueAt: number;
    if ('Seconds' in node.raw || 'SecondsPath' in node.raw) {
      const seconds = await numberField(node, 'Seconds', jsonata ? s.input : effective, env, {
        integer: true,
      });
      dueAt = now + (seconds ?? 0) * 1000;
    } else {
      let ts: unknown;
      if (jsonata && node.templates.Timestamp)
        ts = await evaluateTemplate(node.templates.Timestamp, jsonataBindings(env, s.input), 'Timestamp');
      else if (typeof node.raw.TimestampPath === 'string')
        ts = evaluateValuePath(node.raw.TimestampPath, jsonPathScope(env, effective), 'TimestampPath');
      else ts = node.raw.Timestamp;
      const parsed = typeof ts === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(ts) ? Date.parse(ts) : Number.NaN;
      if (Number.isNaN(parsed))
        throw new StatesError(
          jsonata ? 'States.QueryEvaluationError' : 'States.Runtime',
          `The Timestamp of state '${node.name}' must be an RFC 3339 timestamp such as 2016-08-18T17:33:00Z, got ${JSON.stringify(ts)}.`,
        );
      dueAt = parsed;
    }
    s.phase = 'wait';
    s.dueAt = dueAt;
    tx.batch.threads.push(s);
    await this.flush(tx, live);
    return this.armTimer(live);
  }

  private async exitWait(live: Live, node: StateNode, tx: Tx): Promise<boolean> {
    const s = live.s;
    s.dueAt = undefined;
    const env = this.env(live);
    const effective = effectiveInput(node, s.input, env);
    return this.complete(
      live,
      node,
      tx,
      await completeState(node, s.input, effective, undefined, false, env),
      node.next,
    );
  }

  // Task, Parallel, Map: one attempt (Retry re-enters here without a new StateEntered).
  private async attempt(live: Live, node: StateNode, tx: Tx): Promise<boolean> {
    const s = live.s;
    s.phase = 'attempt';
    if (node.type === 'Parallel') return this.startParallel(live, node, tx);
    if (node.type === 'Map') return this.startMap(live, node, tx);
    const token = node.raw.Resource.endsWith('.waitForTaskToken') ? newTaskToken() : undefined;
    s.task = { parameters: undefined, token };
    const env = this.env(live);
    const effective = effectiveInput(node, s.input, env);
    const parameters = await stateArguments(node, effective, env);
    const timeout = await numberField(node, 'TimeoutSeconds', effective, env, { integer: true, min: 1 });
    const heartbeat = await numberField(node, 'HeartbeatSeconds', effective, env, { integer: true, min: 1 });
    const paramsText = toJson(parameters);
    checkPayload(paramsText, this.deps.maxPayloadBytes, node.name);
    const resolved = resolveTask(this.deps.tasks, node.raw.Resource, parameters);
    if (resolved.plainLambda) {
      const d: Record<string, unknown> = {
        resource: node.raw.Resource,
        input: paramsText,
        inputDetails: { truncated: false },
      };
      if (timeout) d.timeoutInSeconds = timeout;
      this.emit(tx.batch, live, 'LambdaFunctionScheduled', d);
      this.emit(tx.batch, live, 'LambdaFunctionStarted');
    } else {
      const d: Record<string, unknown> = {
        resourceType: resolved.resourceType,
        resource: resolved.resource,
        region: this.deps.region,
        parameters: paramsText,
      };
      if (timeout) d.timeoutInSeconds = timeout;
      if (heartbeat) d.heartbeatInSeconds = heartbeat;
      this.emit(tx.batch, live, 'TaskScheduled', d);
      this.emit(tx.batch, live, 'TaskStarted', {
        resourceType: resolved.resourceType,
        resource: resolved.resource,
      });
    }
    s.phase = 'task';
    s.task = {
      parameters,
      token,
      timeoutAt: timeout ? this.deps.clock.now() + timeout * 1000 : undefined,
      heartbeatSeconds: heartbeat,
    };
    if (token) {
      tx.batch.tokens.push({ taskToken: token, executionArn: this.arn, threadId: s.id });
      this.deps.registerToken(token, this);
    }
    tx.batch.threads.push(s);
    if (token) {
      await this.flush(tx, live);
      return this.runTask(live, node, tx);
    }
    // Start the handler before writing TaskScheduled/Started: a handler that answers at once gets
    // one commit for the whole state; a slow one has them written while it works. (A crash before
    // either commit re-enters the state, as a crash during the task would.)
    const running = this.invoke(live, node, resolved);
    if (!(await settlesSoon(running))) await this.flush(tx, live);
    return this.runTask(live, node, tx, running, resolved);
  }

  private async runTask(
    live: Live,
    node: StateNode,
    tx: Tx,
    running?: Promise<Attempt>,
    known?: ResolvedTask,
  ): Promise<boolean> {
    const s = live.s;
    const task = s.task!;
    const resolved = known ?? resolveTask(this.deps.tasks, node.raw.Resource, task.parameters);
    let outcome = await (running ?? this.invoke(live, node, resolved));
    if (live.stopped) throw STOPPED;
    if (task.token) {
      tx.batch.deleteTokens.push(task.token);
      this.deps.unregisterToken(task.token);
    }
    let resultText: string | undefined;
    if (outcome.ok) {
      resultText = toJson(outcome.result);
      try {
        checkPayload(resultText, this.deps.maxPayloadBytes, node.name);
      } catch (err) {
        outcome = { ok: false, ...failureOf(err) };
      }
    }
    const names = resolved.plainLambda ? LAMBDA_EVENTS : TASK_EVENTS;
    const where = resolved.plainLambda
      ? {}
      : { resourceType: resolved.resourceType, resource: resolved.resource };
    if (!outcome.ok) {
      this.emit(tx.batch, live, outcome.timedOut ? names.timedOut : names.failed, {
        ...where,
        ...details.error(outcome.error, outcome.cause),
      });
      s.task = undefined;
      return this.handleError(live, node, tx, outcome.error, outcome.cause);
    }
    this.emit(tx.batch, live, names.ok, { ...where, ...details.output(resultText!) });
    s.task = undefined;
    // A JSON round trip: the result is plain JSON and the handler keeps no reference into it.
    const result = JSON.parse(resultText!);
    const env = this.env(live);
    const effective = effectiveInput(node, s.input, env);
    return this.complete(
      live,
      node,
      tx,
      await completeState(node, s.input, effective, result, true, env),
      node.next,
    );
  }

  /** Calls the handler; settles on its result, a timeout, a heartbeat timeout, a token, or a stop. */
  private invoke(live: Live, node: StateNode, resolved: ResolvedTask): Promise<Attempt> {
    const s = live.s;
    const task = s.task!;
    const clock = this.deps.clock;
    return new Promise<Attempt>((resolve) => {
      let settled = false;
      let cancelHeartbeat: (() => void) | undefined;
      let cancelTimeout: (() => void) | undefined;
      // Created on first use: most handlers never look at their signal.
      let controller: AbortController | undefined;
      let abortReason: Error | undefined;
      const settle = (a: Attempt) => {
        if (settled) return;
        settled = true;
        cancelTimeout?.();
        cancelHeartbeat?.();
        live.onStop = undefined;
        live.tokenWaiter = undefined;
        if (!a.ok) {
          abortReason = new Error(a.error);
          controller?.abort(abortReason);
        }
        resolve(a);
      };
      live.onStop = () => {
        abortReason = new Error('Execution stopped');
        controller?.abort(abortReason);
        settle({ ok: false, error: 'States.Aborted' });
      };
      if (task.timeoutAt !== undefined)
        cancelTimeout = clock.setTimer(task.timeoutAt, () =>
          settle({ ok: false, error: 'States.Timeout', timedOut: true }),
        );
      if (task.token) {
        const armHeartbeat = () => {
          cancelHeartbeat?.();
          if (task.heartbeatSeconds)
            cancelHeartbeat = clock.setTimer(clock.now() + task.heartbeatSeconds * 1000, () =>
              settle({ ok: false, error: 'States.HeartbeatTimeout', timedOut: true }),
            );
        };
        armHeartbeat();
        live.tokenWaiter = { settle, heartbeat: armHeartbeat };
        if (live.pendingToken) {
          const pending = live.pendingToken;
          live.pendingToken = undefined;
          settle(pending);
          return;
        }
      }
      // A callback task whose handler already ran before a restart only waits for its token.
      if (task.token && task.submitted) return;
      if (resolved.missing || !resolved.handler) {
        settle({ ok: false, ...(resolved.missing ?? { error: 'States.Runtime', cause: 'No handler.' }) });
        return;
      }
      const ctx: TaskContext = {
        resource: node.raw.Resource,
        stateName: node.name,
        executionArn: this.arn,
        taskToken: task.token,
        get signal() {
          if (!controller) {
            controller = new AbortController();
            if (abortReason) controller.abort(abortReason);
          }
          return controller.signal;
        },
      };
      // On a virtual clock, time runs at real speed while the handler works (see VirtualClock.hold).
      const release = (clock as Partial<VirtualClock>).hold?.();
      let running: Promise<unknown>;
      try {
        running = Promise.resolve(resolved.handler(cloneJson(taskInput(resolved, task.parameters)), ctx));
      } catch (err) {
        running = Promise.reject(err);
      }
      if (release) running.then(release, release);
      running.then(
        (result) => {
          // A callback task completes on SendTaskSuccess/Failure, not when the handler returns.
          if (!task.token)
            settle({ ok: true, result: resolved.wrapLambda ? wrapLambdaResult(result) : result });
          else if (!settled) this.taskSubmitted(live, resolved, result);
        },
        (err) => settle({ ok: false, ...failureOf(err) }),
      );
    });
  }

  /**
   * A callback task's handler has handed the token out: TaskSubmitted (AWS) is committed with
   * the thread marked submitted, so a restart waits for the token instead of asking again.
   */
  private taskSubmitted(live: Live, resolved: ResolvedTask, result: unknown) {
    const task = live.s.task;
    if (live.stopped || this.done || !task) return;
    task.submitted = true;
    let output: string;
    try {
      output = toJson(resolved.inputFromPayload ? wrapLambdaResult(result) : result);
    } catch {
      output = 'null';
    }
    const batch = new Batch();
    this.emit(batch, live, 'TaskSubmitted', {
      resourceType: resolved.resourceType,
      resource: resolved.resource,
      ...details.output(output),
    });
    batch.threads.push(live.s);
    this.commit(batch, live).catch(() => {});
  }

  // ---------------------------------------------------------------------------------------------
  // Parallel and Map: child threads

  private async startParallel(live: Live, node: StateNode, tx: Tx): Promise<boolean> {
    const s = live.s;
    const env = this.env(live);
    const effective = effectiveInput(node, s.input, env);
    const branchInput = await stateArguments(node, effective, env);
    const started = this.emit(tx.batch, live, 'ParallelStateStarted');
    s.phase = 'children';
    const children: ChildrenState = { kind: 'parallel', startedId: 0, maxConcurrency: 0 };
    s.children = children;
    tx.batch.threads.push(s);
    const kids = node.branches.map((branch, i) => {
      const kid: ThreadState = {
        id: `${s.id}/${i}`,
        parent: s.id,
        path: [...s.path, [node.name, i]],
        state: branch.startAt,
        input: branchInput,
        vars: {},
        last: 0,
        enteredAt: 0,
        phase: 'enter',
        slot: i,
      };
      tx.batch.threads.push(kid);
      return kid;
    });
    started.onId = [
      (id) => {
        children.startedId = id;
        for (const kid of kids) kid.last = id;
      },
    ];
    await this.flush(tx, live);
    for (const kid of kids) void this.drive(this.adopt(kid));
    return false;
  }

  private async startMap(live: Live, node: StateNode, tx: Tx): Promise<boolean> {
    const s = live.s;
    const env = this.env(live);
    const jsonata = node.queryLanguage === 'JSONata';
    const effective = effectiveInput(node, s.input, env);
    let items: unknown;
    if (jsonata)
      items = node.templates.Items
        ? await evaluateTemplate(node.templates.Items, jsonataBindings(env, s.input), 'Items')
        : s.input;
    else items = applyPath(node.raw.ItemsPath, effective, jsonPathScope(env, effective), 'ItemsPath');
    if (!Array.isArray(items))
      throw new StatesError(
        jsonata ? 'States.QueryEvaluationError' : 'States.Runtime',
        `The ${jsonata ? 'Items' : 'ItemsPath'} field of Map state '${node.name}' must give an array, got ${JSON.stringify(items)?.slice(0, 200)}.`,
      );
    const maxConcurrency =
      (await numberField(node, 'MaxConcurrency', effective, env, { integer: true })) ?? 0;
    const toleratedCount = await numberField(node, 'ToleratedFailureCount', effective, env, {
      integer: true,
    });
    const toleratedPercentage = await numberField(node, 'ToleratedFailurePercentage', effective, env);
    if (toleratedPercentage !== undefined && toleratedPercentage > 100)
      throw new StatesError('States.Runtime', 'ToleratedFailurePercentage must be between 0 and 100.');
    const selector = jsonata ? node.templates.ItemSelector : (node.raw.ItemSelector ?? node.raw.Parameters);
    const inputs: unknown[] = [];
    for (let i = 0; i < items.length; i++) {
      if (selector === undefined) {
        inputs.push(items[i]);
        continue;
      }
      const itemEnv = this.env(live, { Map: { Item: { Index: i, Value: items[i] } } });
      inputs.push(
        jsonata
          ? await evaluateTemplate(selector, jsonataBindings(itemEnv, s.input), 'ItemSelector')
          : evaluatePayloadTemplate(
              selector,
              jsonPathScope(itemEnv, effective),
              node.raw.ItemSelector ? 'ItemSelector' : 'Parameters',
            ),
      );
    }
    const started = this.emit(tx.batch, live, 'MapStateStarted', { length: items.length });
    s.phase = 'children';
    const children: ChildrenState = {
      kind: 'map',
      startedId: 0,
      inputs,
      items,
      maxConcurrency,
      toleratedCount,
      toleratedPercentage,
    };
    s.children = children;
    started.onId = [
      (id) => {
        children.startedId = id;
      },
    ];
    live.kids = [];
    tx.batch.threads.push(s);
    await this.flush(tx, live);
    return true; // checkChildren starts the iterations
  }

  /** A Parallel/Map state looks at its children: start more, fail, finish, or keep waiting. */
  private async checkChildren(live: Live, node: StateNode, tx: Tx): Promise<boolean> {
    const s = live.s;
    const c = s.children!;
    const kids = live.kids ?? [];
    const failed = live.kidsFailed;
    if (c.kind === 'parallel') {
      if (failed.length) {
        const first = failed[0].s.outcome as { error: string; cause?: string };
        this.emit(tx.batch, live, 'ParallelStateFailed', undefined, failed[0].s.last);
        this.dropChildren(live, tx);
        return this.handleError(live, node, tx, first.error, first.cause);
      }
      if (live.kidsDone < node.branches.length) return false;
      this.emit(
        tx.batch,
        live,
        'ParallelStateSucceeded',
        undefined,
        kids.reduce((m, k) => Math.max(m, k.s.last), 0),
      );
      const result = kids.map((k) => (k.s.outcome as { output: unknown }).output);
      this.dropChildren(live, tx);
      return this.finishWithResult(live, node, tx, result);
    }
    const total = c.items!.length;
    const tolerance = c.toleratedCount !== undefined || c.toleratedPercentage !== undefined;
    const exceeded =
      failed.length > (c.toleratedCount ?? (tolerance ? Number.POSITIVE_INFINITY : 0)) ||
      (c.toleratedPercentage !== undefined && (failed.length / total) * 100 > c.toleratedPercentage);
    if (failed.length && exceeded) {
      for (const k of kids)
        if (k.s.phase !== 'done')
          this.emit(tx.batch, null, 'MapIterationAborted', { name: node.name, index: k.s.slot }, k.s.last);
      this.emit(tx.batch, live, 'MapStateFailed', undefined, failed[0].s.last);
      this.dropChildren(live, tx);
      const first = failed[0].s.outcome as { error: string; cause?: string };
      if (tolerance)
        return this.handleError(
          live,
          node,
          tx,
          'States.ExceedToleratedFailureThreshold',
          `The specified tolerated failure threshold was exceeded (${failed.length} of ${total} iterations failed).`,
        );
      return this.handleError(live, node, tx, first.error, first.cause);
    }
    const running = kids.length - live.kidsDone;
    const room = c.maxConcurrency > 0 ? c.maxConcurrency - running : total;
    const started = kids.length;
    if (started < total && room > 0) {
      const processor = node.processor!;
      const fresh: ThreadState[] = [];
      for (let i = started; i < Math.min(total, started + room); i++) {
        const kid: ThreadState = {
          id: `${s.id}/${i}`,
          parent: s.id,
          path: [...s.path, [node.name, -1]],
          state: processor.startAt,
          input: c.inputs![i],
          vars: {},
          last: 0,
          enteredAt: 0,
          phase: 'enter',
          slot: i,
          item: { index: i, value: c.items![i] },
        };
        this.emit(tx.batch, null, 'MapIterationStarted', { name: node.name, index: i }, c.startedId).owner =
          kid;
        tx.batch.threads.push(kid);
        fresh.push(kid);
      }
      await this.flush(tx, live);
      for (const kid of fresh) void this.drive(this.adopt(kid));
      return false;
    }
    if (started < total || running > 0) return false;
    this.emit(
      tx.batch,
      live,
      'MapStateSucceeded',
      undefined,
      kids.length ? kids.reduce((m, k) => Math.max(m, k.s.last), 0) : undefined,
    );
    const result = kids.map((k) =>
      k.s.outcome!.ok ? k.s.outcome!.output : { Error: k.s.outcome!.error, Cause: k.s.outcome!.cause },
    );
    this.dropChildren(live, tx);
    return this.finishWithResult(live, node, tx, result);
  }

  private async finishWithResult(live: Live, node: StateNode, tx: Tx, result: unknown): Promise<boolean> {
    const s = live.s;
    s.children = undefined;
    const env = this.env(live);
    const effective = effectiveInput(node, s.input, env);
    return this.complete(
      live,
      node,
      tx,
      await completeState(node, s.input, effective, result, true, env),
      node.next,
    );
  }

  /** Stops and deletes every descendant of a thread (in the same commit as the caller's change). */
  private dropChildren(live: Live, tx: Tx) {
    for (const kid of live.kids ?? []) {
      this.dropChildren(kid, tx);
      this.stopThread(kid);
      this.threads.delete(kid.s.id);
      tx.batch.deletes.push(kid.s.id);
      if (kid.s.task?.token) {
        tx.batch.deleteTokens.push(kid.s.task.token);
        this.deps.unregisterToken(kid.s.task.token);
      }
    }
    live.kids = undefined;
    live.kidsDone = 0;
    live.kidsFailed = [];
  }

  private countFinishedKid(parent: Live, kid: Live) {
    parent.kidsDone++;
    if (kid.s.outcome && !kid.s.outcome.ok) parent.kidsFailed.push(kid);
  }

  private stopThread(live: Live) {
    live.stopped = true;
    live.cancelTimer?.();
    live.cancelTimer = undefined;
    live.onStop?.();
  }

  /** Wakes a parent whose child finished. */
  private wakeParent(live: Live) {
    const parent = live.s.parent ? this.threads.get(live.s.parent) : undefined;
    if (!parent || parent.stopped) return;
    this.countFinishedKid(parent, live);
    if (parent.s.phase === 'children') void this.drive(parent);
  }

  // ---------------------------------------------------------------------------------------------
  // Completion, errors

  private async complete(
    live: Live,
    node: StateNode,
    tx: Tx,
    completion: { output: unknown; assigned?: Record<string, unknown> },
    next: string | undefined,
  ): Promise<boolean> {
    const s = live.s;
    const outputText = toJson(completion.output);
    checkPayload(outputText, this.deps.maxPayloadBytes, node.name);
    this.emit(
      tx.batch,
      live,
      `${node.type}StateExited`,
      details.stateExited(node.name, outputText, completion.assigned),
    );
    if (completion.assigned && Object.keys(completion.assigned).length) {
      s.vars = { ...s.vars, ...completion.assigned };
      live.visible = { ...live.outer, ...s.vars };
      tx.batch.vars.push(s);
    }
    s.retries = undefined;
    s.task = undefined;
    s.dueAt = undefined;
    s.children = undefined;
    if (next === undefined || node.type === 'Succeed')
      return this.threadSucceeded(live, tx, completion.output, outputText);
    s.state = next;
    s.input = completion.output;
    s.phase = 'enter';
    live.inputText = outputText;
    tx.batch.threads.push(s);
    await this.flush(tx, live);
    return true;
  }

  private async handleError(
    live: Live,
    node: StateNode,
    tx: Tx,
    error: string,
    cause: string | undefined,
  ): Promise<boolean> {
    const s = live.s;
    if (node.retry.length) {
      const counts = s.retries ?? [];
      const decision = decideRetry(node.retry, counts, error);
      if (decision.retry) {
        counts[decision.index] = (counts[decision.index] ?? 0) + 1;
        s.retries = counts;
        s.phase = 'retry';
        s.task = undefined;
        s.dueAt = this.deps.clock.now() + decision.delayMs;
        tx.batch.threads.push(s);
        await this.flush(tx, live);
        return this.armTimer(live);
      }
    }
    const catcher = node.catch.find((c) => errorMatches(c.errorEquals, error));
    if (!catcher) return this.threadFailed(live, tx, error, cause);
    const errorOutput: Record<string, unknown> = { Error: error };
    if (cause !== undefined) errorOutput.Cause = cause;
    let output: unknown;
    let assigned: Record<string, unknown> | undefined;
    try {
      const env = this.env(live);
      if (node.queryLanguage === 'JSONata') {
        const bindings = jsonataBindings(env, s.input, { errorOutput });
        assigned = catcher.assign
          ? ((await evaluateTemplate(catcher.assign, bindings, 'Assign')) as Record<string, unknown>)
          : undefined;
        output = catcher.output ? await evaluateTemplate(catcher.output, bindings, 'Output') : errorOutput;
      } else {
        assigned =
          catcher.rawAssign !== undefined
            ? (evaluatePayloadTemplate(
                catcher.rawAssign,
                jsonPathScope(env, errorOutput),
                'Assign',
              ) as Record<string, unknown>)
            : undefined;
        output = applyResultPath(s.input, errorOutput, catcher.resultPath);
      }
      return await this.complete(live, node, tx, { output, assigned }, catcher.next);
    } catch (err) {
      if (err === STOPPED) throw err;
      const f = failureOf(err);
      return this.threadFailed(live, tx, f.error, f.cause);
    }
  }

  private async threadSucceeded(live: Live, tx: Tx, output: unknown, outputText: string): Promise<boolean> {
    const s = live.s;
    if (!s.parent) {
      this.emit(tx.batch, live, 'ExecutionSucceeded', details.output(outputText));
      await this.finish(tx, { status: 'SUCCEEDED', output: outputText });
      return false;
    }
    const parent = this.threads.get(s.parent);
    if (s.item && parent)
      this.emit(tx.batch, live, 'MapIterationSucceeded', { name: parent.s.state, index: s.item.index });
    s.phase = 'done';
    s.outcome = { ok: true, output };
    tx.batch.threads.push(s);
    await this.flush(tx, live);
    this.wakeParent(live);
    return false;
  }

  private async threadFailed(live: Live, tx: Tx, error: string, cause: string | undefined): Promise<boolean> {
    const s = live.s;
    if (!s.parent) {
      this.emit(tx.batch, live, 'ExecutionFailed', details.error(error, cause));
      await this.finish(tx, { status: 'FAILED', error: error || undefined, cause });
      return false;
    }
    const parent = this.threads.get(s.parent);
    if (s.item && parent)
      this.emit(tx.batch, live, 'MapIterationFailed', { name: parent.s.state, index: s.item.index });
    s.phase = 'done';
    s.outcome = { ok: false, error, cause };
    s.task = undefined;
    tx.batch.threads.push(s);
    await this.flush(tx, live);
    this.wakeParent(live);
    return false;
  }

  /** The execution's last commit: final record, every thread and token gone. */
  private async finish(tx: Tx, end: Partial<ExecutionRecord>): Promise<void> {
    if (this.done) throw STOPPED;
    this.done = true;
    this.record = { ...this.record, ...end, stopDate: this.deps.clock.now() };
    tx.batch.execution = this.record;
    for (const live of this.threads.values()) {
      if (live.s.task?.token) {
        tx.batch.deleteTokens.push(live.s.task.token);
        this.deps.unregisterToken(live.s.task.token);
      }
      tx.batch.deletes.push(live.s.id);
      this.stopThread(live);
    }
    this.threads.clear();
    this.cancelTimeout?.();
    try {
      await this.commit(tx.batch);
    } finally {
      this.deps.onFinished(this);
      this.resolveFinished();
    }
  }

  /** Stops the execution from outside: StopExecution (ABORTED) or its TimeoutSeconds (TIMED_OUT). */
  async terminate(
    status: 'ABORTED' | 'TIMED_OUT',
    type: 'ExecutionAborted' | 'ExecutionTimedOut',
    error: string | undefined,
    cause: string | undefined,
  ): Promise<void> {
    if (this.done) return;
    const tx: Tx = { batch: new Batch() };
    const main = this.threads.get('main');
    const d: Record<string, unknown> = {};
    if (error !== undefined) d.error = error;
    if (cause !== undefined) d.cause = cause;
    this.emit(tx.batch, null, type, d, main?.s.last ?? 0);
    await this.finish(tx, { status, error, cause });
  }

  /** A bug or a store failure inside the runtime: fail the execution rather than the process. */
  private async internalFailure(err: unknown): Promise<void> {
    if (this.done) return;
    const tx: Tx = { batch: new Batch() };
    const main = this.threads.get('main');
    const cause = err instanceof Error ? err.message : String(err);
    this.emit(tx.batch, null, 'ExecutionFailed', details.error('States.Runtime', cause), main?.s.last ?? 0);
    try {
      await this.finish(tx, { status: 'FAILED', error: 'States.Runtime', cause });
    } catch {
      // The store itself is failing; the execution stays RUNNING in it and recover() retries.
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Task tokens and shutdown

  /** Delivers SendTaskSuccess/Failure. False when no thread waits on this token. */
  deliverToken(token: string, outcome: Attempt): boolean {
    for (const live of this.threads.values()) {
      if (live.s.task?.token !== token || live.stopped) continue;
      if (live.tokenWaiter) live.tokenWaiter.settle(outcome);
      else live.pendingToken = outcome;
      return true;
    }
    return false;
  }

  heartbeat(token: string): boolean {
    for (const live of this.threads.values()) {
      if (live.s.task?.token !== token || live.stopped) continue;
      live.tokenWaiter?.heartbeat();
      return true;
    }
    return false;
  }

  /** Detaches from timers and tasks without writing anything (runtime.close()). */
  async detach(): Promise<void> {
    this.done = true;
    this.cancelTimeout?.();
    for (const live of this.threads.values()) this.stopThread(live);
    await this.chain;
    this.resolveFinished();
  }
}

function roleArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:role/flowdeck-local-runtime`;
}

function newTaskToken(): string {
  return randomBytes(48).toString('base64url');
}

/** The latest event of a thread in a batch not yet committed. */
function lastEventOf(batch: Batch, s: ThreadState): PendingEvent | undefined {
  for (let i = batch.events.length - 1; i >= 0; i--) if (batch.events[i].owner === s) return batch.events[i];
  return undefined;
}

class LazyEnv implements StateEnv {
  private built?: Record<string, unknown>;
  constructor(
    readonly vars: Record<string, unknown>,
    private readonly build: () => Record<string, unknown>,
  ) {}
  get context() {
    this.built ??= this.build();
    return this.built;
  }
}

/** True when the promise settles before the next macrotask (a handler that answers at once). */
function settlesSoon(promise: Promise<unknown>): Promise<boolean> {
  return new Promise((resolve) => {
    const later = setImmediate(() => resolve(false));
    promise.then(() => {
      clearImmediate(later);
      resolve(true);
    });
  });
}
