import { StatesError, TaskFailure } from './errors.ts';

// A Lambda function that throws: Step Functions reports error = the function's `errorType` and
// cause = the Lambda error JSON, as the Node.js runtime writes it (`{"errorType": …,
// "errorMessage": …, "trace": [stack lines]}`). Workflows parse it:
// `$parse($states.errorOutput.Cause).errorMessage`.

/** A value thrown by a Lambda handler as the ASL error name and the Lambda error JSON. */
export function lambdaFailureOf(err: unknown): { error: string; cause?: string } {
  // Failures the runtime names itself (timeouts, its own errors) are not the function's.
  if (err instanceof StatesError) return { error: err.error, cause: err.causeText };
  let errorType: string;
  let errorMessage: string;
  if (err instanceof TaskFailure) {
    errorType = err.error;
    errorMessage = err.causeText ?? '';
  } else if (err instanceof Error) {
    errorType = err.name || 'Error';
    errorMessage = err.message;
  } else {
    errorType = 'Error';
    errorMessage = typeof err === 'string' ? err : String(err);
  }
  const trace = err instanceof Error && typeof err.stack === 'string' ? err.stack.split('\n') : [];
  return { error: errorType, cause: JSON.stringify({ errorType, errorMessage, trace }) };
}
