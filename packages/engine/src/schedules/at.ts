import { CronDate } from 'croner';
import { invalidExpression } from './errors.ts';

// `at(yyyy-mm-ddThh:mm:ss)`: a wall-clock time in the schedule's time zone. A time that does not
// exist (skipped by a spring DST change) moves forward with the clock (02:30 → 03:30); a time that
// happens twice (autumn) means the first one.

export function parseAt(expression: string, body: string, timezone: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body);
  if (!m) {
    throw invalidExpression(
      expression,
      'A one-time schedule is "at(yyyy-mm-ddThh:mm:ss)", e.g. at(2026-12-01T09:00:00).',
    );
  }
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12) throw invalidExpression(expression, `Month ${m[2]} does not exist.`);
  if (day < 1 || day > daysInMonth)
    throw invalidExpression(expression, `Day ${m[3]} does not exist in ${m[1]}-${m[2]}.`);
  if (hour > 23 || minute > 59 || second > 59)
    throw invalidExpression(expression, `The time ${m[4]}:${m[5]}:${m[6]} does not exist.`);
  return new CronDate(body, timezone).getTime();
}
