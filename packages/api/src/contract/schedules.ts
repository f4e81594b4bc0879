// Schedule previews: `GET /api/v1/schedules/preview`.
import { z } from 'zod';
import { Timestamp } from './common.ts';

export const SchedulePreviewSchema = z.object({
  expression: z.string(),
  timezone: z.string(),
  kind: z.enum(['cron', 'rate', 'at']),
  /** ISO 8601 instants, UTC. */
  fireTimes: z.array(Timestamp),
});
