// A thread is one path of control inside an execution: the main path, a Parallel branch or a
// Map iteration. Its `ThreadState` is the JSON continuation persisted in the Store (threads
// table) so a restarted runtime resumes exactly where the last commit left it.

export type Phase =
  /** About to enter `state` (StateEntered not yet written). */
  | 'enter'
  /** Entered; a Task/Parallel/Map attempt (re)starts (after a retry back-off). */
  | 'attempt'
  /** A task is running (TaskScheduled/Started written); on recovery it is invoked again. */
  | 'task'
  /** A Wait state's timer. */
  | 'wait'
  /** A retry back-off timer. */
  | 'retry'
  /** A Parallel or Map state waits for its child threads. */
  | 'children'
  /** A finished child thread kept until its parent gathers the outcome. */
  | 'done';

export interface ThreadState {
  id: string;
  /** The thread waiting for this one (Parallel/Map parent). */
  parent?: string;
  /** Which (sub-)machine: [stateName, branchIndex] steps from the root; Map iterations use -1. */
  path: [string, number][];
  state: string;
  /** The state's raw input. */
  input: unknown;
  /** This scope's own variables (outer scopes are read from the parent thread). */
  vars: Record<string, unknown>;
  /** Id of this thread's last event, the next event's previousEventId. */
  last: number;
  enteredAt: number;
  /** Id of the current state's StateEntered event (named in States.Runtime causes). */
  enteredId?: number;
  phase: Phase;
  /** Timer due time for wait/retry, epoch ms. */
  dueAt?: number;
  /** Attempt counts per retrier for the current visit. */
  retries?: number[];
  /** Task in flight: the evaluated parameters, and its deadlines. */
  task?: {
    parameters: unknown;
    timeoutAt?: number;
    heartbeatSeconds?: number;
    token?: string;
    /** Callback task: the handler has handed the token out (TaskSubmitted written). */
    submitted?: boolean;
  };
  /** Parallel/Map in flight. */
  children?: ChildrenState;
  /**
   * Child threads: the parent's `children.startedId` when this child was made. A child whose
   * parent has moved on (its deletion did not land before a crash) is garbage on recovery.
   */
  gen?: number;
  /** Position among its siblings: branch index or Map item index. */
  slot?: number;
  /** Map iteration: index and item value ($states.context.Map.Item). */
  item?: { index: number; value: unknown };
  /** Outcome of a finished child thread. */
  outcome?:
    | { ok: true; output: unknown }
    | {
        ok: false;
        error: string;
        cause?: string;
        /** Map iteration: id of the failing event (the one before MapIterationFailed). */
        failedAt?: number;
      };
}

export interface ChildrenState {
  kind: 'parallel' | 'map';
  /** Id of ParallelStateStarted/MapStateStarted (previousEventId of the children's first events). */
  startedId: number;
  /** Map: each iteration's input (after ItemSelector) and the raw items. */
  inputs?: unknown[];
  items?: unknown[];
  maxConcurrency: number;
  toleratedCount?: number;
  toleratedPercentage?: number;
}
