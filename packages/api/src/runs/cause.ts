// What the run view shows as a failure's cause. A Lambda function's cause is its error JSON
// (`{"errorType", "errorMessage", "trace"}`, on AWS and on the local runtime alike), and every
// node runs in the node-runner Lambda: show its errorMessage, the sentence a person reads.

const LAMBDA_ERROR = /^\{"error(Type|Message)":/;

export function readableCause(cause: string | undefined): string | undefined {
  if (cause === undefined || !LAMBDA_ERROR.test(cause)) return cause;
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: unknown };
    return typeof parsed.errorMessage === 'string' ? parsed.errorMessage : cause;
  } catch {
    return cause;
  }
}
