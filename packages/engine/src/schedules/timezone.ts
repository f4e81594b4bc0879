import { invalidTimezone } from './errors.ts';

// EventBridge Scheduler evaluates every expression in `ScheduleExpressionTimezone` (default UTC).

export const DEFAULT_TIMEZONE = 'UTC';

const known = new Map<string, boolean>();

/** Throws `ScheduleValidationError` unless `timezone` is an IANA zone this runtime knows. */
export function checkTimezone(timezone: string): void {
  let ok = known.get(timezone);
  if (ok === undefined) {
    ok = typeof timezone === 'string' && timezone.length > 0;
    if (ok) {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: timezone });
      } catch {
        ok = false;
      }
    }
    known.set(timezone, ok);
  }
  if (!ok) throw invalidTimezone(String(timezone));
}
