// API keys as listed (no secret) and as created (the key, once).
import { z } from 'zod';
import { Timestamp } from './common.ts';

/** The roles a key may have (never owner). */
export const KeyRoleSchema = z.enum(['viewer', 'editor', 'admin']);

export const ApiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().describe('The visible start of the key, `fdk_<prefix>_…`.'),
    role: KeyRoleSchema.nullable(),
    scopes: z.array(z.string()),
    createdAt: Timestamp,
    expiresAt: Timestamp.nullable(),
    lastUsedAt: Timestamp.nullable(),
    revokedAt: Timestamp.nullable(),
  })
  .meta({ id: 'ApiKey' });

/** `POST /api/v1/api-keys`: the key itself is in this answer only. */
export const CreatedApiKeySchema = ApiKeySchema.extend({ key: z.string() });
