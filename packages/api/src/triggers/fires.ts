// The scheduler's fires, by kind: poll triggers (`payload.kind = "poll"`) poll their source;
// everything else is a schedule trigger whose id is the workflow id.
import type { AppDeps } from '../deps.ts';
import { startScheduledRun } from '../workflows/schedules.ts';
import { POLL_KIND, pollOnce } from './poll.ts';

export function handleTriggerFires(deps: AppDeps): void {
  deps.host?.onScheduleFire(async (schedule, scheduledTime, ctx) => {
    const payload = schedule.payload as { kind?: string; workflowId?: string } | null | undefined;
    if (payload?.kind === POLL_KIND && payload.workflowId) {
      await pollOnce(deps, payload.workflowId, ctx);
      return;
    }
    await startScheduledRun(deps, schedule, scheduledTime, ctx);
  });
}
