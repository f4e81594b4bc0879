// Approval steps waiting for (or answered by) a person.
import { z } from 'zod';
import { Timestamp } from './common.ts';

export const ApprovalSchema = z
  .object({
    id: z.string(),
    runId: z.string(),
    workflowId: z.string(),
    nodeId: z.string(),
    message: z.string().nullable().describe("The approval step's message to the person."),
    input: z.unknown().describe('The params the approval step ran with.'),
    status: z.enum(['pending', 'approved', 'rejected']),
    comment: z.string().nullable(),
    decidedBy: z.string().nullable(),
    createdAt: Timestamp,
    decidedAt: Timestamp.nullable(),
  })
  .meta({ id: 'Approval' });
