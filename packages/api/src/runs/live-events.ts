// Live run updates for the editor: `GET /api/v1/runs/:id/events` is a server-sent events stream.
// On connect it sends every step as it stands, then one `step` event whenever a step (rebuilt
// from the history, as in `GET /runs/:id`) changes, and a final `run` event when the run ends;
// then the stream closes. The runtime has no change feed, so the stream reads new history events
// (newest first, down to the last one it saw) on a short interval and at once when the run ends.
import type { WorkflowGraph } from '@flowdeck/engine';
import { type SSEStreamingApi, streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { prepared } from '../db/prepared.ts';
import type { AppDeps } from '../deps.ts';
import type { RouteRegistry } from '../http/route.ts';
import { IdParams } from '../http/schemas.ts';
import { findRun, requireHost, type RunRow, runSummaryJson } from './service.ts';
import { type HistoryEventLike, stepsFromHistory } from './steps.ts';

/** How often a stream looks for new history events while the run goes on. */
export const RUN_EVENTS_POLL_MS = 250;

const parse = (text: string | undefined) => (text === undefined ? null : JSON.parse(text));

/** History events newer than `afterId`, oldest first (reads pages newest first until it meets `afterId`). */
async function newEvents(deps: AppDeps, executionArn: string, afterId: number): Promise<HistoryEventLike[]> {
  const fresh: HistoryEventLike[] = [];
  let nextToken: string | undefined;
  do {
    const page = await requireHost(deps).runtime.getExecutionHistory({
      executionArn,
      reverseOrder: true,
      maxResults: 200,
      nextToken,
    });
    for (const event of page.events) {
      if (event.id <= afterId) return fresh.reverse();
      fresh.push(event);
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return fresh.reverse();
}

function nodeIdsOf(deps: AppDeps, run: RunRow): string[] {
  const version = prepared(
    deps.db,
    'SELECT graph FROM workflow_versions WHERE workflow_id = ? AND version = ?',
  ).get(run.workflow_id, run.version) as { graph: string } | undefined;
  return version ? (JSON.parse(version.graph) as WorkflowGraph).nodes.map((n) => n.id) : [];
}

export function runEventRoutes(r: RouteRegistry, deps: AppDeps): void {
  r.add({
    method: 'get',
    path: '/api/v1/runs/:id/events',
    summary: 'Live updates of a run (server-sent events): `step` per step change, then `run` at the end',
    description:
      'Event `step`: `{index, ...Step}` (index = position in the run’s `steps`); the current state of every step is sent first. Event `run`: the run without steps, once it has ended; the stream then closes. Event ids are history event ids.',
    tags: ['runs'],
    auth: 'org',
    permission: 'run:read',
    params: IdParams,
    responses: {
      200: {
        description: 'An event stream.',
        schema: z.string().describe('text/event-stream'),
        contentType: 'text/event-stream',
      },
    },
    handler({ c, org, params }) {
      const run = findRun(deps, org.organizationId, params.id);
      const host = requireHost(deps);
      const nodeIds = nodeIdsOf(deps, run);
      return streamSSE(c, async (stream) => {
        try {
          await follow(stream);
        } catch (err) {
          // A reader that went away makes the next write fail: nothing to report then.
          if (!stream.aborted) deps.logger.warn({ err, runId: run.id }, 'run events stream failed');
        }
      });

      async function follow(stream: SSEStreamingApi): Promise<void> {
        const ended = host.runtime.waitForExecution(run.execution_arn);
        // A run that has already ended is told in one pass (final step states, then `run`).
        let finished =
          (await host.runtime.describeExecution({ executionArn: run.execution_arn })).status !== 'RUNNING';
        ended.then(
          () => {
            finished = true;
          },
          () => {
            finished = true;
          },
        );
        const events: HistoryEventLike[] = [];
        const sent: string[] = [];
        while (!stream.aborted) {
          // Whether the run had ended is read before the history, so the last read sees its end.
          const endedBefore = finished;
          const fresh = await newEvents(deps, run.execution_arn, events.at(-1)?.id ?? 0);
          events.push(...fresh);
          const status = endedBefore ? (await ended).status : 'RUNNING';
          const steps = stepsFromHistory(events, nodeIds, status);
          for (const [index, step] of steps.entries()) {
            const data = JSON.stringify({ index, ...step });
            if (sent[index] === data) continue;
            sent[index] = data;
            await stream.writeSSE({ event: 'step', data, id: String(events.at(-1)?.id ?? 0) });
          }
          if (endedBefore) {
            const d = await ended;
            await stream.writeSSE({
              event: 'run',
              id: String(events.at(-1)?.id ?? 0),
              data: JSON.stringify({
                ...runSummaryJson({ ...run, status: d.status, ended_at: d.stopDate?.getTime() ?? null }),
                input: parse(d.input),
                output: parse(d.output),
                error: d.error || d.cause ? { error: d.error, cause: d.cause } : null,
              }),
            });
            return;
          }
          let timer: ReturnType<typeof setTimeout> | undefined;
          await Promise.race([
            ended.catch(() => undefined),
            new Promise((resolve) => {
              timer = setTimeout(resolve, RUN_EVENTS_POLL_MS);
            }),
          ]);
          clearTimeout(timer);
        }
      }
    },
  });
}
