// zod schemas shared by several route modules (and, through them, the OpenAPI document).
import { z } from 'zod';
import { ProblemSchema } from '../contract/common.ts';
import type { ResponseSpec } from './route.ts';

export { ProblemSchema, RoleSchema, Timestamp } from '../contract/common.ts';

export const IdParams = z.strictObject({ id: z.string().min(1).max(200) });

export const NoContent: Record<number, ResponseSpec> = { 204: { description: 'Done; no body.' } };

const problem = (description: string): ResponseSpec => ({
  description,
  schema: ProblemSchema,
  contentType: 'application/problem+json',
});

/** Error answers every route may give, by the route's auth mode. */
export function errorResponses(
  auth: 'public' | 'user' | 'org',
  hasBody: boolean,
): Record<number, ResponseSpec> {
  const out: Record<number, ResponseSpec> = {};
  if (hasBody) {
    out[400] = problem('Malformed JSON.');
    out[413] = problem('Body larger than the limit.');
    out[415] = problem('The body is not JSON.');
  }
  out[422] = problem('Validation failed; `errors` lists each problem.');
  if (auth !== 'public') out[401] = problem('Not signed in and no valid API key.');
  if (auth === 'org') {
    out[403] = problem('The caller lacks the permission, or a cross-site request was refused.');
    out[404] = problem('No such resource in the current organisation.');
    out[429] = problem('Rate limit of the API key; see Retry-After.');
  }
  return out;
}
