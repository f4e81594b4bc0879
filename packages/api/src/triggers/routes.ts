// The triggers module: wires scheduler fires, event deliveries, wait-for-event tasks and run
// platform events to the host, restores event rules at start, and serves the editor's schedule
// preview.
import { nextFireTimes, parseScheduleExpression, ScheduleValidationError } from '@flowdeck/engine';
import { z } from 'zod';
import { SchedulePreviewSchema } from '../contract/schedules.ts';
import type { AppDeps } from '../deps.ts';
import { emitRunEvents } from '../events/platform.ts';
import { startRunTarget } from '../events/rules.ts';
import { WAIT_FOR_EVENT_TYPE, waitForEventTask } from '../events/waits.ts';
import { problems } from '../http/problem.ts';
import type { RouteRegistry } from '../http/route.ts';
import { handleTriggerFires } from './fires.ts';
import { restoreTriggers } from './restore.ts';

export function triggerRoutes(r: RouteRegistry, deps: AppDeps): void {
  if (deps.host) {
    handleTriggerFires(deps);
    deps.host.onEventDelivery(startRunTarget(deps));
    deps.host.onCallbackTask(WAIT_FOR_EVENT_TYPE, waitForEventTask(deps));
    emitRunEvents(deps);
    restoreTriggers(deps).catch((err) => deps.logger.error({ err }, 'could not restore triggers'));
  }

  r.add({
    method: 'get',
    path: '/api/v1/schedules/preview',
    summary: 'The next five fire times of a schedule expression (for the editor)',
    description:
      'EventBridge Scheduler syntax (`rate(…)`, `cron(…)`, `at(…)`) or a crontab line, in `timezone` (default UTC). A bad expression or zone answers 422 with AWS’s message on the field.',
    tags: ['triggers'],
    auth: 'org',
    permission: 'workflow:read',
    query: z.strictObject({
      expression: z.string().min(1).max(256),
      timezone: z.string().min(1).max(64).default('UTC'),
    }),
    responses: {
      200: {
        description: 'The schedule and its next fire times (ISO 8601, UTC).',
        schema: SchedulePreviewSchema,
      },
    },
    handler({ c, query }) {
      try {
        const parsed = parseScheduleExpression(query.expression, query.timezone);
        const fireTimes = nextFireTimes(query.expression, {
          timezone: query.timezone,
          after: deps.clock.now(),
          count: 5,
        }).map((d) => d.toISOString());
        return c.json({
          expression: parsed.expression,
          timezone: parsed.timezone,
          kind: parsed.kind,
          fireTimes,
        });
      } catch (err) {
        if (!(err instanceof ScheduleValidationError)) throw err;
        const field = err.message.startsWith('Invalid ScheduleExpressionTimezone')
          ? 'timezone'
          : 'expression';
        throw problems.validation([{ location: 'query', path: field, message: err.message }]);
      }
    },
  });
}
