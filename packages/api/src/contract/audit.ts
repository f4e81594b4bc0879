// One entry of the audit log.
import { z } from 'zod';
import { Timestamp } from './common.ts';

export const AuditEntrySchema = z
  .object({
    id: z.string(),
    at: Timestamp,
    organizationId: z.string(),
    actor: z.object({ type: z.enum(['user', 'apiKey', 'webhook', 'schedule']), id: z.string() }),
    action: z.string(),
    target: z.object({ type: z.string(), id: z.string() }),
    beforeDigest: z.string().nullable(),
    afterDigest: z.string().nullable(),
    ip: z.string(),
  })
  .meta({ id: 'AuditEntry' });
