// Runs: the summary in lists, the detail with its steps, and a page of runs.
import { z } from 'zod';
import { Timestamp } from './common.ts';

export const RunStatusSchema = z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']);

/** What started a run; the runs service's `TriggerKind` is this list. */
export const RunTriggerSchema = z.enum(['manual', 'webhook', 'schedule', 'event', 'poll', 'rerun', 'retry']);

export const RunSummarySchema = z
  .object({
    id: z.string(),
    workflowId: z.string(),
    version: z.number().int(),
    status: RunStatusSchema,
    trigger: RunTriggerSchema,
    parentRunId: z.string().nullable(),
    startedAt: Timestamp,
    endedAt: Timestamp.nullable(),
  })
  .meta({ id: 'RunSummary' });

export const StepSchema = z
  .object({
    nodeId: z.string(),
    stateName: z.string(),
    status: z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'ABORTED']),
    input: z.unknown(),
    output: z.unknown(),
    error: z.object({ error: z.string().optional(), cause: z.string().optional() }).nullable(),
    attempts: z.number().int(),
    startedAt: Timestamp,
    endedAt: Timestamp.nullable(),
  })
  .meta({ id: 'Step' });

export const RunSchema = RunSummarySchema.extend({
  input: z.unknown(),
  output: z.unknown(),
  error: z.object({ error: z.string().optional(), cause: z.string().optional() }).nullable(),
  steps: z.array(StepSchema),
}).meta({ id: 'Run' });

/** `GET /api/v1/runs`: one page; `nextCursor` goes back as `cursor`. */
export const RunPageSchema = z.object({
  items: z.array(RunSummarySchema),
  nextCursor: z.string().optional(),
});
