import { parseScheduleExpression, ScheduleValidationError } from '@flowdeck/engine';
import { defineNode } from '../../define/define-node.ts';
import { p } from '../../define/p.ts';
import type { Prop } from '../../define/prop.ts';

/** A text field whose value must pass `check`; the error's own message is shown on the field. */
function checkedText<Present extends boolean>(
  base: Prop<string, Present>,
  check: (text: string) => void,
): Prop<string, Present> {
  return {
    ...base,
    check(value, path, out, mode) {
      const before = out.length;
      base.check(value, path, out, mode);
      if (out.length > before || typeof value !== 'string') return;
      try {
        check(value);
      } catch (error) {
        if (!(error instanceof ScheduleValidationError)) throw error;
        out.push({ path, message: error.message });
      }
    },
  };
}

/**
 * Starts a run at each slot of an EventBridge Scheduler expression (`rate(…)`, `cron(…)`,
 * `at(…)`, or a plain crontab line). `$trigger` is `{scheduledTime, attempt, missedSlots}`.
 */
export const scheduleTrigger = defineNode({
  type: 'trigger.schedule',
  version: 1,
  kind: 'trigger',
  title: 'Schedule',
  category: 'trigger',
  icon: 'clock',
  description: 'Starts the workflow on a schedule: every few minutes, on a cron, or once at a time.',
  props: {
    expression: checkedText(
      p.shortText({
        label: 'When',
        required: true,
        placeholder: 'cron(0 9 ? * MON *)',
        description: 'rate(15 minutes), cron(0 9 ? * MON-FRI *), at(2026-12-01T09:00:00) or 0 9 * * 1.',
      }),
      (text) => parseScheduleExpression(text),
    ),
    timezone: checkedText(
      p.shortText({ label: 'Time zone', default: 'UTC', placeholder: 'Europe/Paris' }),
      (zone) => parseScheduleExpression('rate(1 hour)', zone),
    ),
    missedPolicy: p.select({
      label: 'After downtime',
      description: 'What to do with slots missed while Flowdeck was not running.',
      options: [
        { value: 'fire_once', label: 'Run once for the missed times' },
        { value: 'skip', label: 'Skip them' },
      ],
      default: 'fire_once',
    }),
  },
  sampleOutput: { scheduledTime: '2026-01-05T09:00:00.000Z', attempt: 1, missedSlots: 0 },
});
