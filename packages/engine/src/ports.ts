// Ports: the interfaces the engine needs from the outside world. Adapters live at the edge
// (memory and SQLite stores here for the local runtime, DynamoDB/S3 in packages/api).

/** Time source and timers. `systemClock` uses real time; `virtualClock` makes waits instant. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `fire` once `now() >= dueAt`. Returns a function that cancels the timer. */
  setTimer(dueAt: number, fire: () => void): () => void;
}

/** What a Task handler receives besides its input. */
export interface TaskContext {
  /** The state's `Resource`. */
  resource: string;
  stateName: string;
  executionArn: string;
  /** Set for `.waitForTaskToken` resources: the token the worker must send back. */
  taskToken?: string;
  /** Aborted when the state times out or the execution stops. */
  signal: AbortSignal;
}

/**
 * A Task implementation: resolves with the task result, or throws. A thrown `TaskFailure`
 * (see runtime/errors.ts) carries the ASL error name and cause; any other throw becomes
 * error name = `err.name` (for lambda: `Lambda.Unknown` style names are the caller's business).
 */
export type TaskHandler = (input: unknown, ctx: TaskContext) => Promise<unknown>;

/**
 * Maps a Task `Resource` (e.g. `arn:aws:states:::lambda:invoke`, an activity ARN) or a Lambda
 * `FunctionName` to its handler. The runtime looks up the Resource first, then (for
 * `lambda:invoke`) the FunctionName, whose result it wraps as `{ Payload, StatusCode: 200, ... }`.
 */
export type TaskHandlers = Record<string, TaskHandler>;

// ---------------------------------------------------------------------------------------------
// Store: the durable memory of the runtime. Every method may be async (DynamoDB) or answer from
// a synchronous engine (SQLite); `commit` is atomic: all changes land or none.

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface StateMachineRecord {
  stateMachineArn: string;
  name: string;
  /** ASL JSON text. */
  definition: string;
  type: 'STANDARD';
  /** epoch ms */
  creationDate: number;
}

export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  /** JSON text */
  input: string;
  /** JSON text, set when SUCCEEDED */
  output?: string;
  error?: string;
  cause?: string;
  /** epoch ms */
  startDate: number;
  stopDate?: number;
  /** ASL JSON text pinned at start, so a running execution keeps the definition it began with. */
  definition: string;
}

/**
 * One event in the shape of Step Functions' `GetExecutionHistory` (see runtime/history.ts for the
 * detail fields such as `stateEnteredEventDetails`). `timestamp` is epoch ms in storage.
 */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: number;
  type: string;
  [details: string]: unknown;
}

/** A runtime continuation ("thread": the main path, a Parallel branch or a Map iteration). */
export interface ThreadRecord {
  executionArn: string;
  threadId: string;
  /** Opaque JSON-serialisable state owned by the runtime. */
  state: unknown;
}

export interface TaskTokenRecord {
  taskToken: string;
  executionArn: string;
  threadId: string;
}

/** One atomic batch of writes. */
export interface StoreChanges {
  stateMachines?: StateMachineRecord[];
  /** Upserts (the whole record). */
  executions?: ExecutionRecord[];
  /** Appends; ids are unique per execution. */
  history?: { executionArn: string; events: HistoryEvent[] }[];
  /** Upserts. */
  threads?: ThreadRecord[];
  deleteThreads?: { executionArn: string; threadId: string }[];
  taskTokens?: TaskTokenRecord[];
  deleteTaskTokens?: string[];
}

export interface Page<T> {
  items: T[];
  /** Opaque; absent on the last page. */
  nextToken?: string;
}

export interface Store {
  commit(changes: StoreChanges): Promise<void>;
  /**
   * Most records one `commit` may write, if the store has a limit (DynamoDB's TransactWriteItems:
   * 100). Each put or delete of an execution, history event, thread or task token counts one. The
   * runtime keeps every commit within it (see runtime/commit-split.ts). Absent: unlimited.
   */
  readonly maxItemsPerCommit?: number;
  getStateMachine(stateMachineArn: string): Promise<StateMachineRecord | undefined>;
  getExecution(executionArn: string): Promise<ExecutionRecord | undefined>;
  /** Newest first (by startDate, then executionArn). */
  listExecutions(query: {
    stateMachineArn?: string;
    status?: ExecutionStatus;
    maxResults?: number;
    nextToken?: string;
  }): Promise<Page<ExecutionRecord>>;
  /** Oldest first unless `reverseOrder`. */
  getHistory(
    executionArn: string,
    query?: { maxResults?: number; nextToken?: string; reverseOrder?: boolean },
  ): Promise<Page<HistoryEvent>>;
  /** Every execution whose status is RUNNING (for recovery after a restart). */
  listRunningExecutions(): Promise<ExecutionRecord[]>;
  listThreads(executionArn: string): Promise<ThreadRecord[]>;
  getTaskToken(taskToken: string): Promise<TaskTokenRecord | undefined>;
  /**
   * Forgets a finished execution: its record, history, threads and task tokens (retention).
   * Rejects for a RUNNING execution (nothing is deleted); an unknown ARN is a no-op.
   */
  deleteExecution(executionArn: string): Promise<void>;
  close(): Promise<void>;
}
