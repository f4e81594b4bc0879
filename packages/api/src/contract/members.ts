// Members of an organisation and invitations by link.
import { z } from 'zod';
import { RoleSchema, Timestamp } from './common.ts';

export const MemberSchema = z
  .object({ userId: z.string(), email: z.string(), name: z.string(), role: RoleSchema, joinedAt: Timestamp })
  .meta({ id: 'Member' });

export const InvitationSchema = z
  .object({
    id: z.string(),
    role: RoleSchema,
    email: z.string().nullable(),
    createdAt: Timestamp,
    expiresAt: Timestamp,
    status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
  })
  .meta({ id: 'Invitation' });

/** `POST /api/v1/invitations`: the token is in this answer only, inside `url`. */
export const CreatedInvitationSchema = InvitationSchema.extend({ token: z.string(), url: z.string() });
