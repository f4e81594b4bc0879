// Shapes shared by every part of the contract: timestamps, roles and problem details.
// Contract files import only zod (and the dependency-free role list) so the editor can read their
// types without Node's.
import { z } from 'zod';
import { roles } from '../access/permissions.ts';

export const Timestamp = z.iso.datetime();

export const RoleSchema = z.enum(roles).meta({ id: 'Role' });

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z
      .array(
        z.object({
          location: z.enum(['body', 'query', 'path', 'header']),
          path: z.string(),
          message: z.string(),
          nodeId: z.string().optional(),
          edgeId: z.string().optional(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details (application/problem+json).' });
