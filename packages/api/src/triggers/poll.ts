// Poll triggers: a deployed `trigger.poll` workflow has a durable schedule `poll:<workflowId>`
// at `rate(N minutes)` (it fires at once on deploy: that first poll only records what is there).
// Each fire fetches the source through the SSRF-guarded client, keeps the items the seen-set has
// not seen (and the filter keeps), and starts one run per item with `$trigger` = the item.
import { createHash } from 'node:crypto';
import {
  createPoller,
  feedSource,
  type FireContext,
  jsonSource,
  PollSourceError,
  registerEditorOperations,
  type WorkflowGraph,
} from '@flowdeck/engine';
import { createHttpClient, NodeFailure } from '@flowdeck/nodes';
import jsonLogic from 'json-logic-js';
import type { AppDeps } from '../deps.ts';
import { findVersion } from '../workflows/repo.ts';
import { executionNameFor, liveWorkflow, startTriggeredRun } from './start-run.ts';

registerEditorOperations(jsonLogic);

export interface PollParams {
  source?: 'rss' | 'json';
  url: string;
  itemsPath?: string;
  itemKey?: string;
  everyMinutes?: number;
  filter?: Record<string, unknown>;
}

export const POLL_KIND = 'poll';
export const pollScheduleId = (workflowId: string) => `poll:${workflowId}`;

export function pollExpression(params: PollParams): string {
  const minutes = params.everyMinutes ?? 15;
  return minutes === 1 ? 'rate(1 minute)' : `rate(${minutes} minutes)`;
}

/** A poller id per workflow and source: pointing the trigger elsewhere starts a fresh baseline. */
function pollerId(workflowId: string, params: PollParams): string {
  const source = JSON.stringify([
    params.source ?? 'rss',
    params.url,
    params.itemsPath ?? '',
    params.itemKey ?? 'id',
  ]);
  return `${workflowId}:${createHash('sha256').update(source).digest('hex').slice(0, 16)}`;
}

const http = createHttpClient();
const guardedFetch = (url: string, init?: { headers?: Record<string, string>; signal?: AbortSignal }) =>
  http(url, init);

/** One poll of a workflow's source; answers how many runs it started. */
export async function pollOnce(deps: AppDeps, workflowId: string, context: FireContext): Promise<number> {
  const wf = liveWorkflow(deps, workflowId);
  if (!wf || !deps.host) return 0;
  const graph = JSON.parse(findVersion(deps.db, wf.id, wf.deployed_version!).graph) as WorkflowGraph;
  const node = graph.nodes.find((n) => n.type === 'trigger.poll');
  if (!node) return 0;
  const params = node.params as unknown as PollParams;
  const fetchItems =
    params.source === 'json'
      ? jsonSource({ url: params.url, fetch: guardedFetch, itemsPath: params.itemsPath || undefined })
      : feedSource({ url: params.url, fetch: guardedFetch });
  const poller = createPoller<unknown>({
    id: pollerId(wf.id, params),
    seenStore: deps.host.seenStore,
    fetchItems,
    itemKey: params.itemKey || 'id',
  });
  let items: unknown[];
  try {
    items = await poller.poll();
  } catch (err) {
    // The source is down or answers garbage: nothing was marked seen; the next slot tries again.
    if (
      err instanceof PollSourceError ||
      err instanceof NodeFailure ||
      (err as Error).name === 'FeedParseError'
    ) {
      deps.logger.warn({ err, workflowId, slot: context.idempotencyKey }, 'poll failed');
      return 0;
    }
    throw err;
  }
  // The filter reads the item as `trigger`, as everywhere else in the editor.
  const fresh = params.filter
    ? items.filter((item) =>
        jsonLogic.truthy(jsonLogic.apply(params.filter as jsonLogic.RulesLogic, { trigger: item })),
      )
    : items;
  let started = 0;
  for (const item of fresh) {
    const run = await startTriggeredRun(deps, {
      workflowId: wf.id,
      input: item,
      trigger: 'poll',
      executionName: executionNameFor('poll-', `${wf.id}:${JSON.stringify(item)}`),
    });
    if (run) started++;
  }
  return started;
}
