// The Hono app factory. Everything external comes in through `deps`, so tests build an app on
// a temp data dir and call `app.request(...)`; `server.ts` wires the real process around it.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { apiKeyRoutes } from './api-keys/routes.ts';
import { approvalRoutes } from './approvals/routes.ts';
import { auditRoutes } from './audit/routes.ts';
import { refuseForeignOrigin } from './auth/csrf.ts';
import { connectionRoutes } from './connections/routes.ts';
import { authRoutes } from './auth/routes.ts';
import type { AppDeps } from './deps.ts';
import type { AppEnv } from './http/env.ts';
import { ProblemError, problemResponse } from './http/problem.ts';
import { RateLimiter } from './http/rate-limit.ts';
import { fastBodyLimit } from './http/body-limit.ts';
import { logRequest, requestIdFor } from './http/request-log.ts';
import { addStandardHeaders } from './http/response-headers.ts';
import { serveEditor } from './http/static-files.ts';
import { type RouteSpec, RouteRegistry } from './http/route.ts';
import { buildOpenApiDocument } from './openapi/document.ts';
import { docsPage } from './openapi/docs-page.ts';
import { invitationRoutes } from './orgs/invitation-routes.ts';
import { nodeRoutes } from './nodes/routes.ts';
import { memberRoutes } from './orgs/member-routes.ts';
import { organizationRoutes } from './orgs/routes.ts';
import { teamRoutes } from './orgs/team-routes.ts';
import { runEventRoutes } from './runs/live-events.ts';
import { runRoutes } from './runs/routes.ts';
import { webhookRoutes } from './webhooks/routes.ts';
import { eventRoutes } from './events/routes.ts';
import { triggerRoutes } from './triggers/routes.ts';
import { workflowRoutes } from './workflows/routes.ts';
import { prepared } from './db/prepared.ts';

const runtimeErrorStatus: Record<string, { status: number; type: string }> = {
  InvalidExecutionInput: { status: 422, type: 'invalid-input' },
  InvalidOutput: { status: 422, type: 'invalid-input' },
  TaskDoesNotExist: { status: 409, type: 'conflict' },
  TaskTimedOut: { status: 409, type: 'conflict' },
  ExecutionDoesNotExist: { status: 404, type: 'not-found' },
};

export type FlowdeckApp = Hono<AppEnv> & { specs: RouteSpec[] };

/** A route module: adds its routes to the registry. Phase-2 modules plug in the same way. */
export type RouteModule = (r: RouteRegistry, deps: AppDeps) => void;

export const coreModules: RouteModule[] = [
  authRoutes,
  organizationRoutes,
  memberRoutes,
  invitationRoutes,
  teamRoutes,
  apiKeyRoutes,
  auditRoutes,
  connectionRoutes,
  workflowRoutes,
  nodeRoutes,
  runRoutes,
  runEventRoutes,
  approvalRoutes,
  webhookRoutes,
  eventRoutes,
  triggerRoutes,
];

export function createApp(deps: AppDeps, modules: RouteModule[] = coreModules): FlowdeckApp {
  const app = new Hono<AppEnv>();
  const limits = {
    login: new RateLimiter(deps.config.loginRateLimit, deps.clock),
    apiKey: new RateLimiter(deps.config.apiKeyRateLimit, deps.clock),
  };

  // Around every request, in one middleware (each layer costs a promise and a dispatch): the
  // request id and the app's services for the handlers; then the standard headers and the log line.
  app.use(async (c, next) => {
    const started = performance.now();
    const requestId = requestIdFor(c);
    c.set('requestId', requestId);
    c.set('deps', deps);
    c.set('limits', limits);
    await next();
    addStandardHeaders(c, requestId);
    logRequest(deps.logger, c, requestId, started);
  });
  app.use(
    fastBodyLimit({
      maxSize: deps.config.bodyLimitBytes,
      onError: () =>
        problemResponse({
          type: '/problems/body-too-large',
          title: 'The body is too large',
          status: 413,
          detail: `Send at most ${deps.config.bodyLimitBytes} bytes.`,
        }),
    }),
  );
  app.use('/api/*', async (c, next) => {
    refuseForeignOrigin(c);
    await next();
  });
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) =>
        problemResponse(
          {
            type: '/problems/method-not-allowed',
            title: 'Method not allowed',
            status: 405,
            detail: `${c.req.method} is not allowed here; use ${methods.join(', ')}.`,
          },
          { allow: methods.join(', ') },
        ),
    }),
  );

  app.get('/healthz', (c) => {
    prepared(deps.db, 'SELECT 1').get();
    return c.json({ status: 'ok' });
  });

  const registry = new RouteRegistry(app, deps);
  for (const mount of modules) mount(registry, deps);

  let document: unknown;
  app.get('/api/v1/openapi.json', (c) => {
    document ??= buildOpenApiDocument(registry.routes, { version: '1.0.0' });
    return c.json(document);
  });
  app.get('/api/docs', (c) => c.html(docsPage));
  if (deps.config.editorDir) serveEditor(app, deps.config.editorDir);

  app.notFound((c) =>
    problemResponse({
      type: '/problems/not-found',
      title: 'Not found',
      status: 404,
      detail: `No route ${c.req.path}.`,
    }),
  );
  app.onError((err, c) => {
    if (err instanceof ProblemError) return problemResponse(err.problem, err.headers);
    // The runtime's Step Functions API errors caused by the request's data (e.g. an input over 256 KiB).
    const runtimeProblem = runtimeErrorStatus[err.name];
    if (runtimeProblem) {
      return problemResponse({
        type: `/problems/${runtimeProblem.type}`,
        title: err.name,
        status: runtimeProblem.status,
        detail: err.message,
      });
    }
    if (err instanceof HTTPException && err.status < 500) {
      return problemResponse({
        type: 'about:blank',
        title: err.message || 'Bad request',
        status: err.status,
      });
    }
    // Never leak internals: log the error with the request id, answer only the id.
    const requestId = c.var.requestId;
    deps.logger.error({ err, requestId }, 'unhandled error');
    return problemResponse({
      type: '/problems/internal',
      title: 'Internal server error',
      status: 500,
      detail: `Something went wrong on our side. Quote request id ${requestId} when reporting it.`,
      requestId,
    });
  });

  return Object.assign(app, { specs: registry.routes });
}
