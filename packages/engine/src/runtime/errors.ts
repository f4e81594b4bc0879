// Errors with ASL names. Retry/Catch match on `error`; `cause` is the human explanation.

/** A failure raised by the runtime itself (e.g. `States.QueryEvaluationError`). */
export class StatesError extends Error {
  constructor(
    /** ASL error name, e.g. `States.Runtime`, `States.NoChoiceMatched`. */
    readonly error: string,
    readonly causeText: string,
  ) {
    super(`${error}: ${causeText}`);
    this.name = error;
  }
}

/** Thrown by a Task handler to fail the task with a chosen error name and cause. */
export class TaskFailure extends Error {
  constructor(
    readonly error: string,
    readonly causeText?: string,
  ) {
    super(causeText ? `${error}: ${causeText}` : error);
    this.name = error;
  }
}

/** Raised for a definition that is not valid ASL; lists every problem with its path. */
export class InvalidDefinitionError extends Error {
  constructor(readonly problems: { path: string; message: string }[]) {
    super(
      `Invalid state machine definition:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`,
    );
    this.name = 'InvalidDefinition';
  }
}

export const ErrorNames = {
  ALL: 'States.ALL',
  TaskFailed: 'States.TaskFailed',
  Timeout: 'States.Timeout',
  HeartbeatTimeout: 'States.HeartbeatTimeout',
  Permissions: 'States.Permissions',
  ResultPathMatchFailure: 'States.ResultPathMatchFailure',
  ParameterPathFailure: 'States.ParameterPathFailure',
  BranchFailed: 'States.BranchFailed',
  NoChoiceMatched: 'States.NoChoiceMatched',
  IntrinsicFailure: 'States.IntrinsicFailure',
  ExceedToleratedFailureThreshold: 'States.ExceedToleratedFailureThreshold',
  QueryEvaluationError: 'States.QueryEvaluationError',
  Runtime: 'States.Runtime',
  DataLimitExceeded: 'States.DataLimitExceeded',
} as const;
