// One entry of the audit log.
import { z } from 'zod';
import { Timestamp } from './common.ts';

/**
 * Who made a change: a person, an API key, or what started a run on its own (a webhook call, a
 * schedule, an event rule, a poll); `system` for Flowdeck's own sweeps (e.g. connection expiry).
 */
export const AuditActorTypeSchema = z.enum([
  'user',
  'apiKey',
  'webhook',
  'schedule',
  'event',
  'poll',
  'system',
]);
export type AuditActorType = z.infer<typeof AuditActorTypeSchema>;

export const AuditEntrySchema = z
  .object({
    id: z.string(),
    at: Timestamp,
    organizationId: z.string(),
    actor: z.object({ type: AuditActorTypeSchema, id: z.string() }),
    action: z.string(),
    target: z.object({ type: z.string(), id: z.string() }),
    beforeDigest: z.string().nullable(),
    afterDigest: z.string().nullable(),
    ip: z.string(),
  })
  .meta({ id: 'AuditEntry' });
