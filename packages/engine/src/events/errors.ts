// The EventBridge API exceptions the local bus raises, one class per AWS error code. An invalid
// pattern is the patterns room's `InvalidEventPatternError` (code InvalidEventPatternException).

/** Base class: `name` is AWS's error code, `message` the text AWS puts in `Message`. */
export class EventBridgeApiError extends Error {}

function named(awsName: string) {
  const cls = class extends EventBridgeApiError {
    constructor(message: string) {
      super(message);
      this.name = awsName;
    }
  };
  Object.defineProperty(cls, 'name', { value: awsName });
  return cls;
}

export const ValidationException = named('ValidationException');
export const ResourceNotFoundException = named('ResourceNotFoundException');
export const LimitExceededException = named('LimitExceededException');

/** AWS's text for a list that breaks its length constraint, e.g. PutEvents with 11 entries. */
export function lengthConstraintMessage(
  value: string,
  member: string,
  bound: 'less than or equal to' | 'greater than or equal to',
  limit: number,
): string {
  return `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must have length ${bound} ${limit}`;
}

/** AWS's text for a name that breaks its pattern (rule names, target ids, replay names). */
export function patternConstraintMessage(value: string, member: string, pattern: string): string {
  return `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${pattern}`;
}
