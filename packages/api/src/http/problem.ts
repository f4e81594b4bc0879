// RFC 9457 problem details. Every error the API answers is one of these, as
// `application/problem+json`; handlers throw `ProblemError` and the error handler renders it.

export interface FieldError {
  /** Where the field lives: the JSON body, the query string or the URL path. */
  location: 'body' | 'query' | 'path' | 'header';
  /** Dotted path, e.g. `graph.nodes.0.id`; `''` for the value as a whole. */
  path: string;
  message: string;
  /** For workflow graph problems: the node the problem is about. */
  nodeId?: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export class ProblemError extends Error {
  constructor(
    readonly problem: Problem,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemError';
  }
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...headers },
  });
}

// Builders for the problems the API uses; `type` is a relative URI documented in docs/api.md.
export const problems = {
  badRequest: (detail: string) =>
    new ProblemError({ type: '/problems/bad-request', title: 'Bad request', status: 400, detail }),
  malformedJson: (detail: string) =>
    new ProblemError({
      type: '/problems/malformed-json',
      title: 'The body is not valid JSON',
      status: 400,
      detail,
    }),
  unauthorized: (detail = 'Sign in or send an API key as `Authorization: Bearer <key>`.') =>
    new ProblemError({
      type: '/problems/unauthorized',
      title: 'Authentication required',
      status: 401,
      detail,
    }),
  forbidden: (detail: string) =>
    new ProblemError({ type: '/problems/forbidden', title: 'Forbidden', status: 403, detail }),
  csrf: (detail: string) =>
    new ProblemError({ type: '/problems/csrf', title: 'Cross-site request refused', status: 403, detail }),
  notFound: (what = 'resource') =>
    new ProblemError({
      type: '/problems/not-found',
      title: 'Not found',
      status: 404,
      detail: `No such ${what}.`,
    }),
  conflict: (detail: string) =>
    new ProblemError({ type: '/problems/conflict', title: 'Conflict', status: 409, detail }),
  unsupportedMediaType: (detail: string) =>
    new ProblemError({
      type: '/problems/unsupported-media-type',
      title: 'Unsupported media type',
      status: 415,
      detail,
    }),
  validation: (errors: FieldError[], type = '/problems/validation') =>
    new ProblemError({
      type,
      title: errors.length === 1 ? 'The request has 1 problem' : `The request has ${errors.length} problems`,
      status: 422,
      errors,
    }),
  tooManyRequests: (retryAfterSeconds: number) =>
    new ProblemError(
      {
        type: '/problems/rate-limited',
        title: 'Too many requests',
        status: 429,
        detail: `Try again in ${retryAfterSeconds} s.`,
      },
      { 'retry-after': String(retryAfterSeconds) },
    ),
};
