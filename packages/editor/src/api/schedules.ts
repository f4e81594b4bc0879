// Schedule previews: `GET /api/v1/schedules/preview` (docs/api.md "Schedule triggers").
import { api } from './client.ts';
import type { SchedulePreview } from './types.ts';

export type { SchedulePreview } from './types.ts';

export const schedulesApi = {
  preview: (expression: string, timezone: string) =>
    api<SchedulePreview>(
      'GET',
      `/api/v1/schedules/preview?expression=${encodeURIComponent(expression)}&timezone=${encodeURIComponent(timezone)}`,
    ),
};
