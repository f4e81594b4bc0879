// Webhook triggers: `POST|GET /webhooks/<token>` (an unguessable URL per workflow) starts a run
// of the deployed version with `$trigger = {method, headers, query, body}`. Async mode answers
// 202 {runId} at once; sync mode waits for the run (up to webhookSyncTimeoutMs, then 202) and
// answers with its output. With a secret set, `X-Signature-256: sha256=<hex>` must match.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { auditInsert } from '../audit/audit-log.ts';
import type { AppDeps } from '../deps.ts';
import { clientIp } from '../http/client.ts';
import { ProblemError, problems } from '../http/problem.ts';
import { respondJson, respondJsonText } from '../http/response-headers.ts';
import type { RouteRegistry } from '../http/route.ts';
import { runService } from '../runs/service.ts';
import { webhookLookup } from './lookup.ts';
import { flatHeaders, triggerHeaders } from './trigger-headers.ts';

const TokenParams = z.strictObject({ token: z.string().min(1).max(200) });
const Started = z.object({ runId: z.string() });

function signatureMatches(secret: string, raw: string, header: string | undefined): boolean {
  if (!header?.startsWith('sha256=')) return false;
  const expected = createHmac('sha256', secret).update(raw).digest();
  const given = Buffer.from(header.slice(7), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function webhookRoutes(r: RouteRegistry, deps: AppDeps): void {
  const { db, config } = deps;
  const lookup = webhookLookup(db);
  for (const method of ['post', 'get'] as const) {
    r.add({
      method,
      path: '/webhooks/:token',
      summary: `Trigger a webhook workflow (${method.toUpperCase()})`,
      tags: ['webhooks'],
      auth: 'public',
      params: TokenParams,
      responses: {
        200: { description: 'Sync mode: the run succeeded; the body is its output.' },
        202: { description: 'Started (async mode, or sync mode past the wait limit).', schema: Started },
        401: { description: 'Missing or wrong X-Signature-256.' },
        404: { description: 'Unknown URL, or the workflow is disabled or not deployed.' },
        502: { description: 'Sync mode: the run failed; the problem holds its error and cause.' },
      },
      async handler({ c, params }) {
        const target = lookup.target(params.token);
        if (!target) throw problems.notFound('webhook');
        const { workflow: wf, deployed: version } = target;
        const trigger = version.trigger;
        if (trigger?.type !== 'trigger.webhook') throw problems.notFound('webhook');

        const raw = method === 'post' ? await c.req.text() : '';
        if (wf.webhook_secret && !signatureMatches(wf.webhook_secret, raw, c.req.header('x-signature-256'))) {
          throw problems.unauthorized(
            'Sign the body with the workflow secret: `X-Signature-256: sha256=<hex>`.',
          );
        }
        let body: unknown = null;
        if (raw) {
          const type = c.req.header('content-type') ?? '';
          if (/json/i.test(type)) {
            try {
              body = JSON.parse(raw);
            } catch (err) {
              throw problems.malformedJson((err as Error).message);
            }
          } else body = raw;
        }
        // Node's raw header list when served by @hono/node-server (`c.env.incoming`), else the web Request's.
        const incoming = (c.env as { incoming?: { rawHeaders?: string[] } } | undefined)?.incoming;
        const headers = triggerHeaders(incoming?.rawHeaders ?? flatHeaders(c.req.raw.headers));
        const input = { method: method.toUpperCase(), headers, query: c.req.query(), body };
        const service = runService(deps);
        const run = await service.start({
          organizationId: wf.organization_id,
          workflowId: wf.id,
          version: version.version,
          stateMachineArn: version.stateMachineArn,
          input,
          trigger: 'webhook',
          record: (started) =>
            auditInsert({
              organizationId: wf.organization_id,
              action: 'run.start',
              target: { type: 'run', id: started.id },
              actor: { type: 'webhook', id: wf.id },
              at: deps.clock.now(),
              ip: clientIp(c),
            }),
        });
        if (trigger.responseMode !== 'sync') return respondJson(c, { runId: run.id }, 202);

        // The run service's watch: resolves once the run ended and its row says so (committed).
        let timer: ReturnType<typeof setTimeout> | undefined;
        const finished = await Promise.race([
          service.finished(run),
          new Promise<undefined>((resolve) => {
            timer = setTimeout(() => resolve(undefined), config.webhookSyncTimeoutMs);
          }),
        ]);
        clearTimeout(timer);
        if (!finished) return respondJson(c, { runId: run.id }, 202);
        if (finished.status === 'SUCCEEDED') {
          // The runtime's output is JSON.stringify's text: sent as is (a parse and stringify would
          // give the same text back).
          return respondJsonText(c, finished.output ?? 'null', 200, { 'x-flowdeck-run-id': run.id });
        }
        throw new ProblemError({
          type: '/problems/run-failed',
          title: 'The workflow run failed',
          status: 502,
          detail: finished.cause ?? finished.error ?? finished.status,
          runId: run.id,
          error: finished.error ?? finished.status,
        });
      },
    });
  }
}
