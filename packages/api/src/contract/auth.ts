// Who is signed in: the user and the organisations they belong to.
import { z } from 'zod';
import { RoleSchema, Timestamp } from './common.ts';

export const UserSchema = z
  .object({ id: z.string(), email: z.string(), name: z.string(), createdAt: Timestamp })
  .meta({ id: 'User' });

export const OrganizationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    createdAt: Timestamp,
    retention: z.object({ maxAgeDays: z.number().int().nullable(), maxRuns: z.number().int().nullable() }),
    role: RoleSchema.optional(),
  })
  .meta({ id: 'Organization' });

/** Answer of signup, login and `GET /api/v1/auth/me`. */
export const SessionSchema = z.object({ user: UserSchema, organizations: z.array(OrganizationSchema) });
