import { Cron } from 'croner';
import { parseAt } from './at.ts';
import { awsCronToCroner } from './aws-cron.ts';
import { invalidExpression } from './errors.ts';
import { parseRate } from './rate.ts';
import { checkTimezone, DEFAULT_TIMEZONE } from './timezone.ts';

// The schedule expressions a trigger accepts: EventBridge Scheduler's three forms, plus plain
// 5-field (minute-level) and 6-field (with seconds first) cron strings for people who know crontab.
// All are evaluated in an IANA time zone. Date math is croner's; this file only decides which of
// croner's answers AWS would keep around DST changes.

export type ScheduleKind = 'cron' | 'rate' | 'at';

export interface ParsedSchedule {
  kind: ScheduleKind;
  /** The expression as given (trimmed). */
  expression: string;
  timezone: string;
  /** For `rate(...)`: the interval in ms. */
  intervalMs?: number;
  /** For `at(...)`: the instant, epoch ms. */
  at?: number;
  /**
   * The first fire time strictly after `after` (epoch ms), or undefined when there is none
   * (an `at` in the past, a cron whose years are over). A rate's slots are `startDate + k·interval`
   * (k ≥ 0); without `startDate` they are anchored at `after` itself, whose first slot is then
   * `after + interval`.
   */
  nextAfter(after: number, startDate?: number): number | undefined;
  /** The latest fire time at or before `time`, or undefined (a rate needs `startDate`). */
  lastAtOrBefore(time: number, startDate?: number): number | undefined;
}

/** Parses and validates; throws `ScheduleValidationError` naming what is wrong. */
export function parseScheduleExpression(
  expression: string,
  timezone: string = DEFAULT_TIMEZONE,
): ParsedSchedule {
  if (typeof expression !== 'string' || expression.trim() === '') {
    throw invalidExpression(
      String(expression ?? ''),
      'The expression is empty; use cron(...), rate(...) or at(...).',
    );
  }
  checkTimezone(timezone);
  const text = expression.trim();
  const wrapped = /^(cron|rate|at)\((.*)\)$/s.exec(text);
  if (wrapped) {
    const [, kind, body] = wrapped;
    if (kind === 'rate') {
      const intervalMs = parseRate(text, body);
      return {
        kind: 'rate',
        expression: text,
        timezone,
        intervalMs,
        nextAfter: (after, start) => nextRate(intervalMs, after, start),
        lastAtOrBefore: (time, start) =>
          start === undefined || start > time
            ? undefined
            : start + Math.floor((time - start) / intervalMs) * intervalMs,
      };
    }
    if (kind === 'at') {
      const at = parseAt(text, body, timezone);
      return {
        kind: 'at',
        expression: text,
        timezone,
        at,
        nextAfter: (after) => (at > after ? at : undefined),
        lastAtOrBefore: (time) => (at <= time ? at : undefined),
      };
    }
    const cron = makeCron(text, awsCronToCroner(text, body), '7-part', timezone, true);
    return cronSchedule(text, timezone, cron);
  }
  if (/^[a-z]+\(/i.test(text)) {
    throw invalidExpression(text, 'Expressions are cron(...), rate(...) or at(...) in lower case.');
  }
  const fields = text.split(/\s+/).length;
  if (fields !== 5 && fields !== 6) {
    throw invalidExpression(
      text,
      `A plain cron string has 5 fields (minute hour day month weekday) or 6 (seconds first); this one has ${fields}. AWS's form is cron(minutes hours day-of-month month day-of-week year).`,
    );
  }
  const cron = makeCron(text, text, fields === 5 ? '5-part' : '6-part', timezone, false);
  return cronSchedule(text, timezone, cron);
}

function cronSchedule(expression: string, timezone: string, cron: Cron): ParsedSchedule {
  return {
    kind: 'cron',
    expression,
    timezone,
    nextAfter: (after) => nextCron(cron, after),
    lastAtOrBefore: (time) => lastCron(cron, time),
  };
}

export interface NextFireTimesOptions {
  timezone?: string;
  /** Epoch ms or Date; default: now. Results are strictly after it. */
  after?: number | Date;
  /** Default 5 (what the editor shows). */
  count?: number;
  /** Anchor of a rate schedule (AWS `StartDate`). Without it, a rate schedule created at `after`
   *  fires immediately, as EventBridge Scheduler does, so the first time listed is `after`. */
  startDate?: number | Date;
}

/** The next `count` fire times of an expression, e.g. for the editor's preview. */
export function nextFireTimes(expression: string, options: NextFireTimesOptions = {}): Date[] {
  const schedule = parseScheduleExpression(expression, options.timezone);
  const after = options.after === undefined ? Date.now() : +options.after;
  const count = Math.max(0, Math.min(options.count ?? 5, 1000));
  const start = options.startDate === undefined ? undefined : +options.startDate;
  const times: Date[] = [];
  let cursor = after;
  if (schedule.kind === 'rate' && start === undefined && count > 0) times.push(new Date(after));
  while (times.length < count) {
    const next = schedule.nextAfter(cursor, start ?? after);
    if (next === undefined) break;
    times.push(new Date(next));
    cursor = next;
  }
  return times;
}

function nextRate(intervalMs: number, after: number, startDate = after): number {
  if (startDate > after) return startDate;
  return startDate + (Math.floor((after - startDate) / intervalMs) + 1) * intervalMs;
}

function makeCron(
  expression: string,
  pattern: string,
  mode: '5-part' | '6-part' | '7-part',
  timezone: string,
  aws: boolean,
): Cron {
  try {
    return new Cron(pattern, {
      paused: true,
      timezone,
      mode,
      // AWS: Quartz weekday numbers (1 = SUN) and "?" in one day field, so AND is exact.
      // Plain cron keeps Vixie cron's rule: a day matches if day-of-month OR day-of-week does.
      ...(aws ? { alternativeWeekdays: true, domAndDow: true } : {}),
    });
  } catch (error) {
    const why = (error as Error).message.replace(/^CronPattern: /, '');
    throw invalidExpression(
      expression,
      `${why.charAt(0).toUpperCase()}${why.slice(1)}${why.endsWith('.') ? '' : '.'}`,
    );
  }
}

/**
 * Croner's next match, minus what AWS would not fire: on a spring DST change croner moves a time
 * that does not exist (02:30) to one that does (03:30); AWS skips that invocation, so a candidate
 * whose wall-clock time does not match the pattern is dropped. Autumn's repeated hour is already
 * matched once (the first pass), which is AWS's "runs only once".
 */
function nextCron(cron: Cron, after: number): number | undefined {
  let cursor = after;
  for (let guard = 0; guard < 10_000; guard++) {
    const next = cron.nextRun(new Date(cursor));
    if (!next) return undefined;
    const t = next.getTime();
    if (t <= cursor) {
      cursor += 1000;
      continue;
    }
    if (t > after && cron.match(next)) return t;
    cursor = t;
  }
  return undefined;
}

/** The backward twin of nextCron. Croner's previousRuns is strictly before a whole second. */
function lastCron(cron: Cron, time: number): number | undefined {
  let before = Math.floor(time / 1000) * 1000 + 1000;
  for (let guard = 0; guard < 10_000; guard++) {
    const [previous] = cron.previousRuns(1, new Date(before));
    if (!previous) return undefined;
    const t = previous.getTime();
    if (t <= time && cron.match(previous)) return t;
    before = Math.min(t, before - 1000);
  }
  return undefined;
}
