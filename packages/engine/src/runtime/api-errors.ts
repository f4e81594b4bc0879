// The Step Functions API exceptions the local runtime raises, one class per AWS name.

export class StepFunctionsApiError extends Error {}

function named(awsName: string) {
  const cls = class extends StepFunctionsApiError {
    constructor(message: string) {
      super(message);
      this.name = awsName;
    }
  };
  Object.defineProperty(cls, 'name', { value: awsName });
  return cls;
}

export const ExecutionAlreadyExists = named('ExecutionAlreadyExists');
export const ExecutionDoesNotExist = named('ExecutionDoesNotExist');
export const StateMachineDoesNotExist = named('StateMachineDoesNotExist');
export const StateMachineAlreadyExists = named('StateMachineAlreadyExists');
export const TaskDoesNotExist = named('TaskDoesNotExist');
export const TaskTimedOut = named('TaskTimedOut');
export const InvalidToken = named('InvalidToken');
export const InvalidArn = named('InvalidArn');
export const InvalidName = named('InvalidName');
export const InvalidExecutionInput = named('InvalidExecutionInput');
export const InvalidOutput = named('InvalidOutput');
