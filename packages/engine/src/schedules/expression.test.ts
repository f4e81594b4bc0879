import { describe, expect, it } from 'vitest';
import { nextFireTimes, parseScheduleExpression, ScheduleValidationError } from './index.ts';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());
const from = (text: string) => ({ after: new Date(text) });

function rejection(expression: string, timezone?: string): ScheduleValidationError {
  try {
    parseScheduleExpression(expression, timezone);
  } catch (error) {
    expect(error).toBeInstanceOf(ScheduleValidationError);
    return error as ScheduleValidationError;
  }
  throw new Error(`expected ${expression} to be rejected`);
}

describe('AWS cron(...) expressions', () => {
  it('runs at 10:15 every day in the schedule time zone', () => {
    expect(
      iso(
        nextFireTimes('cron(15 10 * * ? *)', {
          timezone: 'America/New_York',
          count: 2,
          ...from('2025-01-10T00:00:00Z'),
        }),
      ),
    ).toEqual(['2025-01-10T15:15:00.000Z', '2025-01-11T15:15:00.000Z']);
  });

  it('numbers weekdays like AWS: 1 is Sunday, MON-FRI are working days', () => {
    // 2025-01-04 is a Saturday.
    expect(
      iso(nextFireTimes('cron(0 18 ? * MON-FRI *)', { count: 3, ...from('2025-01-04T00:00:00Z') })),
    ).toEqual(['2025-01-06T18:00:00.000Z', '2025-01-07T18:00:00.000Z', '2025-01-08T18:00:00.000Z']);
    expect(iso(nextFireTimes('cron(0 8 ? * 1 *)', { count: 1, ...from('2025-01-04T00:00:00Z') }))).toEqual([
      '2025-01-05T08:00:00.000Z',
    ]);
  });

  it('understands L, W and # from the AWS table', () => {
    const opts = { count: 3, ...from('2025-01-01T00:00:00Z') };
    expect(iso(nextFireTimes('cron(0 5 L * ? *)', opts))).toEqual([
      '2025-01-31T05:00:00.000Z',
      '2025-02-28T05:00:00.000Z',
      '2025-03-31T05:00:00.000Z',
    ]);
    // 3#2 = the second Tuesday of the month.
    expect(iso(nextFireTimes('cron(0 9 ? * 3#2 *)', opts))).toEqual([
      '2025-01-14T09:00:00.000Z',
      '2025-02-11T09:00:00.000Z',
      '2025-03-11T09:00:00.000Z',
    ]);
    // 6L = the last Friday of the month.
    expect(iso(nextFireTimes('cron(0 9 ? * 6L *)', opts))).toEqual([
      '2025-01-31T09:00:00.000Z',
      '2025-02-28T09:00:00.000Z',
      '2025-03-28T09:00:00.000Z',
    ]);
    // 15W = the weekday nearest the 15th (2025-02-15 is a Saturday → Friday 14th).
    expect(iso(nextFireTimes('cron(0 9 15W * ? *)', opts))).toEqual([
      '2025-01-15T09:00:00.000Z',
      '2025-02-14T09:00:00.000Z',
      '2025-03-14T09:00:00.000Z',
    ]);
  });

  it('reads 1/10 in the minutes field as "from minute 1, every 10"', () => {
    expect(iso(nextFireTimes('cron(1/10 * * * ? *)', { count: 3, ...from('2025-01-01T00:00:00Z') }))).toEqual(
      ['2025-01-01T00:01:00.000Z', '2025-01-01T00:11:00.000Z', '2025-01-01T00:21:00.000Z'],
    );
  });

  it('honours the year field and stops when the years are over', () => {
    expect(
      iso(nextFireTimes('cron(0 0 1 1 ? 2026-2027)', { count: 5, ...from('2025-06-01T00:00:00Z') })),
    ).toEqual(['2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z']);
  });

  it('skips a time that a spring DST change removes, and fires once in the repeated autumn hour', () => {
    // Europe/Paris: 2025-03-30 02:00 → 03:00; 2025-10-26 03:00 → 02:00.
    expect(
      iso(
        nextFireTimes('cron(30 2 * * ? *)', {
          timezone: 'Europe/Paris',
          count: 3,
          ...from('2025-03-29T00:00:00Z'),
        }),
      ),
    ).toEqual(['2025-03-29T01:30:00.000Z', '2025-03-31T00:30:00.000Z', '2025-04-01T00:30:00.000Z']);
    expect(
      iso(
        nextFireTimes('cron(30 2 * * ? *)', {
          timezone: 'Europe/Paris',
          count: 3,
          ...from('2025-10-25T00:00:00Z'),
        }),
      ),
    ).toEqual(['2025-10-25T00:30:00.000Z', '2025-10-26T00:30:00.000Z', '2025-10-27T01:30:00.000Z']);
    const hourly = iso(
      nextFireTimes('cron(0 * * * ? *)', {
        timezone: 'Europe/Paris',
        count: 4,
        ...from('2025-03-30T00:30:00Z'),
      }),
    );
    expect(hourly).toEqual([
      '2025-03-30T01:00:00.000Z',
      '2025-03-30T02:00:00.000Z',
      '2025-03-30T03:00:00.000Z',
      '2025-03-30T04:00:00.000Z',
    ]);
    expect(new Set(hourly).size).toBe(hourly.length);
  });

  it.each([
    ['cron(0 10 * * *)', /six fields/],
    ['cron(0 10 * * * *)', /cannot both have a value or \*/],
    ['cron(0 10 ? * ? *)', /cannot both be "\?"/],
    ['cron(60 10 * * ? *)', /Minutes field "60": 60 is out of range 0-59/],
    ['cron(0 24 * * ? *)', /Hours field/],
    ['cron(0 10 32 * ? *)', /Day-of-month field/],
    ['cron(0 10 ? * 0 *)', /Day-of-week field "0": 0 is out of range 1-7/],
    ['cron(0 10 ? * 3#1,6#3 *)', /only one expression/],
    ['cron(0 10 * ? ? *)', /"\?" is only allowed in Day-of-month and Day-of-week/],
    ['cron(0 10 ? * */2 *)', /"\/" is not allowed/],
    ['cron(0 10 * * ? 1969)', /Year field/],
    ['cron(0 10 5-1 * ? *)', /goes backwards/],
    ['cron(0 10 * FOO ? *)', /"FOO" is not a valid value; use 1-12 or JAN-DEC/],
  ])('rejects %s with AWS wording and the reason', (expression, reason) => {
    const error = rejection(expression);
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain(`Invalid Schedule Expression ${expression}.`);
    expect(error.reason).toMatch(reason);
  });
});

describe('plain cron strings', () => {
  it('reads 5 fields as minute hour day month weekday in the time zone', () => {
    expect(
      iso(
        nextFireTimes('0 9 * * 1-5', { timezone: 'Asia/Tokyo', count: 2, ...from('2025-01-03T12:00:00Z') }),
      ),
    ).toEqual(['2025-01-06T00:00:00.000Z', '2025-01-07T00:00:00.000Z']);
  });

  it('reads 6 fields with seconds first', () => {
    expect(iso(nextFireTimes('*/20 * * * * *', { count: 3, ...from('2025-01-01T00:00:00Z') }))).toEqual([
      '2025-01-01T00:00:20.000Z',
      '2025-01-01T00:00:40.000Z',
      '2025-01-01T00:01:00.000Z',
    ]);
  });

  it('skips the DST gap like cron(...) does', () => {
    expect(
      iso(
        nextFireTimes('30 2 * * *', { timezone: 'Europe/Paris', count: 2, ...from('2025-03-29T12:00:00Z') }),
      ),
    ).toEqual(['2025-03-31T00:30:00.000Z', '2025-04-01T00:30:00.000Z']);
  });

  it('rejects a wrong number of fields and bad values', () => {
    expect(rejection('0 9 * *').reason).toMatch(/5 fields .* or 6/);
    expect(rejection('0 9 * * 1 2 3').reason).toMatch(/this one has 7/);
    expect(rejection('0 25 * * *').message).toMatch(/^Invalid Schedule Expression 0 25 \* \* \*\. /);
  });
});

describe('rate(...) expressions', () => {
  it('fires immediately and then every interval without a start date, like AWS', () => {
    expect(iso(nextFireTimes('rate(5 minutes)', { count: 3, ...from('2025-01-01T10:02:30Z') }))).toEqual([
      '2025-01-01T10:02:30.000Z',
      '2025-01-01T10:07:30.000Z',
      '2025-01-01T10:12:30.000Z',
    ]);
  });

  it('counts from the start date, and a day is 24 hours even across DST', () => {
    expect(
      iso(
        nextFireTimes('rate(1 day)', {
          timezone: 'Europe/Paris',
          count: 3,
          after: new Date('2025-03-29T12:00:00Z'),
          startDate: new Date('2025-03-20T08:00:00Z'),
        }),
      ),
    ).toEqual(['2025-03-30T08:00:00.000Z', '2025-03-31T08:00:00.000Z', '2025-04-01T08:00:00.000Z']);
  });

  it.each([
    ['rate(1 minutes)', /singular unit: rate\(1 minute\)/],
    ['rate(5 minute)', /plural unit: rate\(5 minutes\)/],
    ['rate(0 minutes)', /positive whole number/],
    ['rate(1.5 hours)', /positive whole number/],
    ['rate(5 weeks)', /not one of minute/],
    ['rate(5minutes)', /rate\(value unit\)/],
  ])('rejects %s', (expression, reason) => {
    const error = rejection(expression);
    expect(error.message.startsWith(`Invalid Schedule Expression ${expression}.`)).toBe(true);
    expect(error.reason).toMatch(reason);
  });
});

describe('at(...) expressions', () => {
  it('fires once at the wall-clock time in the time zone', () => {
    const parsed = parseScheduleExpression('at(2026-12-01T09:00:00)', 'Europe/Paris');
    expect(new Date(parsed.at as number).toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(
      iso(
        nextFireTimes('at(2026-12-01T09:00:00)', {
          timezone: 'Europe/Paris',
          ...from('2026-01-01T00:00:00Z'),
        }),
      ),
    ).toEqual(['2026-12-01T08:00:00.000Z']);
    expect(nextFireTimes('at(2026-12-01T09:00:00)', { ...from('2027-01-01T00:00:00Z') })).toEqual([]);
  });

  it('rejects dates that do not exist and other shapes', () => {
    expect(rejection('at(2026-02-29T09:00:00)').reason).toMatch(/Day 29 does not exist in 2026-02/);
    expect(rejection('at(2026-12-01 09:00:00)').reason).toMatch(/yyyy-mm-ddThh:mm:ss/);
    expect(rejection('at(2026-12-01T24:00:00)').reason).toMatch(/does not exist/);
  });
});

describe('time zones and other input', () => {
  it('rejects an unknown time zone by name', () => {
    const error = rejection('rate(5 minutes)', 'Mars/Olympus');
    expect(error.message).toMatch(/^Invalid ScheduleExpressionTimezone Mars\/Olympus\./);
  });

  it('rejects empty and unknown forms', () => {
    expect(rejection('').reason).toMatch(/empty/);
    expect(rejection('every(5 minutes)').reason).toMatch(/cron\(\.\.\.\), rate\(\.\.\.\) or at\(\.\.\.\)/);
  });
});
