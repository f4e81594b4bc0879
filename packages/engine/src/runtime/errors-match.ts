// AWS's rules for matching an error name against a retrier's or catcher's ErrorEquals.

/** Terminal errors: `States.ALL` never matches them. */
const NOT_MATCHED_BY_ALL = new Set(['States.Runtime', 'States.DataLimitExceeded']);

/**
 * `terminal` defaults to the error's name; a task whose *result* is over the payload limit raises
 * a `States.DataLimitExceeded` that `States.ALL` does catch (recorded on AWS, see
 * docs/aws-compat-findings.md entry 2), so its caller passes `false`.
 */
export function errorMatches(
  errorEquals: readonly string[],
  error: string,
  terminal = NOT_MATCHED_BY_ALL.has(error),
): boolean {
  for (const name of errorEquals) {
    if (name === error) return true;
    if (name === 'States.ALL' && !terminal) return true;
    if (name === 'States.TaskFailed' && error !== 'States.Timeout' && !terminal) return true;
  }
  return false;
}
