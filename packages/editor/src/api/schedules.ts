// Schedule previews: `GET /api/v1/schedules/preview` (docs/api.md "Schedule triggers").
import { api } from './client.ts';

export interface SchedulePreview {
  expression: string;
  timezone: string;
  kind: 'cron' | 'rate' | 'at';
  /** ISO 8601 instants, UTC. */
  fireTimes: string[];
}

export const schedulesApi = {
  preview: (expression: string, timezone: string) =>
    api<SchedulePreview>(
      'GET',
      `/api/v1/schedules/preview?expression=${encodeURIComponent(expression)}&timezone=${encodeURIComponent(timezone)}`,
    ),
};
