// AWS's rules for matching an error name against a retrier's or catcher's ErrorEquals.

/** Terminal errors: `States.ALL` never matches them. */
const NOT_MATCHED_BY_ALL = new Set(['States.Runtime', 'States.DataLimitExceeded']);

export function errorMatches(errorEquals: readonly string[], error: string): boolean {
  for (const name of errorEquals) {
    if (name === error) return true;
    if (name === 'States.ALL' && !NOT_MATCHED_BY_ALL.has(error)) return true;
    if (name === 'States.TaskFailed' && error !== 'States.Timeout' && !NOT_MATCHED_BY_ALL.has(error))
      return true;
  }
  return false;
}
