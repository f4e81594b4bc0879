import { describe, expect, it } from 'vitest';
import { scheduleTrigger } from './trigger-schedule.ts';

describe('trigger.schedule', () => {
  it('accepts EventBridge Scheduler expressions and crontab lines, in a time zone', () => {
    for (const expression of [
      'rate(5 minutes)',
      'cron(0 9 ? * MON-FRI *)',
      'at(2026-12-01T09:00:00)',
      '0 9 * * 1',
    ]) {
      expect(scheduleTrigger.validateParams({ expression, timezone: 'Europe/Paris' })).toEqual([]);
    }
    expect(scheduleTrigger.parseProps({ expression: 'rate(1 hour)' })).toEqual({
      ok: true,
      props: { expression: 'rate(1 hour)', timezone: 'UTC', missedPolicy: 'fire_once' },
    });
  });

  it('marks a bad expression, zone or policy on its field with the scheduler’s message', () => {
    const issues = scheduleTrigger.validateParams({
      expression: 'cron(60 9 * * ? *)',
      timezone: 'Mars/Olympus',
      missedPolicy: 'later',
    });
    expect(issues.map((i) => i.path)).toEqual(['expression', 'timezone', 'missedPolicy']);
    expect(issues[0].message).toMatch(/^Invalid Schedule Expression cron\(60 9 \* \* \? \*\)\. .*60/);
    expect(issues[1].message).toMatch(/^Invalid ScheduleExpressionTimezone Mars\/Olympus\./);
    expect(scheduleTrigger.validateParams({ expression: 'rate(1 minutes)' })[0]?.message).toContain(
      'Invalid Schedule Expression rate(1 minutes).',
    );
    expect(scheduleTrigger.validateParams({})).toEqual([
      { path: 'expression', message: 'When is required.' },
    ]);
  });
});
