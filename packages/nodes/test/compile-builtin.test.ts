// The compiler against the real built-in catalog: every control node compiles to valid ASL and
// the result runs on the local runtime (owned by the compiler room: packages/engine/src/compile).
import { createRequire } from 'node:module';
import { compileWorkflow, runStateMachine, type WorkflowGraph } from '@flowdeck/engine';
import { describe, expect, it } from 'vitest';
import { createBuiltinCatalog } from '../src/catalog.ts';

const aslValidator = createRequire(import.meta.url)('asl-validator') as (definition: unknown) => {
  isValid: boolean;
  errorsText(separator?: string): string;
};

let y = 0;
const node = (id: string, type: string, params: Record<string, unknown> = {}, settings?: object) => {
  y += 100;
  return { id, type, version: 1, position: { x: 0, y }, params, ...(settings ? { settings } : {}) };
};
const edge = (source: string, target: string, sourceHandle: string | null = null) => ({
  id: `${source}-${sourceHandle ?? 'out'}-${target}`,
  source,
  target,
  sourceHandle,
});

/** Uses every built-in control node once. */
const campaign: WorkflowGraph = {
  schemaVersion: 1,
  variables: { endpoint: 'https://example.com/publish' },
  nodes: [
    node('hook', 'trigger.webhook', { responseMode: 'async' }),
    node('enough', 'logic.condition', { rule: { '>=': [{ var: 'trigger.body.posts.length' }, 1] } }),
    node('nothing', 'logic.stop', { error: 'Campaign.Empty', cause: 'No posts to publish' }),
    node('route', 'logic.switch', {
      cases: [{ id: 'urgent', rule: { '==': [{ var: 'trigger.body.priority' }, 'high'] } }],
    }),
    node('later', 'logic.delay', { mode: 'seconds', seconds: 600 }),
    node('review', 'logic.approval', { message: 'Publish these posts?' }),
    node('fan', 'logic.parallel'),
    node('posts', 'logic.for_each', { items: '{% $trigger.body.posts %}', maxConcurrency: 2 }),
    node('publish', 'http.request', {
      method: 'POST',
      url: '{% $vars.endpoint %}',
      body: { title: '{% $posts_item %}' },
    }),
    node('summary', 'data.transform', { output: { count: '{% $count($trigger.body.posts) %}' } }),
    node('meet', 'logic.join'),
    node('result', 'data.transform', {
      output: { published: '{% $fan.posts %}', summary: '{% $fan.summary %}' },
    }),
  ],
  edges: [
    edge('hook', 'enough'),
    edge('enough', 'route', 'true'),
    edge('enough', 'nothing', 'false'),
    edge('route', 'fan', 'urgent'),
    edge('route', 'later', 'default'),
    edge('later', 'review'),
    edge('review', 'fan', 'approved'),
    edge('review', 'nothing', 'rejected'),
    edge('fan', 'posts'),
    edge('fan', 'summary'),
    edge('posts', 'publish', 'item'),
    edge('posts', 'meet', 'done'),
    edge('summary', 'meet'),
    edge('meet', 'result'),
  ],
};

describe('compileWorkflow with the built-in catalog', () => {
  const catalog = createBuiltinCatalog();

  it('compiles every built-in control node to ASL that asl-validator accepts', () => {
    const { definition, triggers, sourceMap } = compileWorkflow(campaign, catalog);
    const verdict = aslValidator(structuredClone(definition));
    expect(verdict.isValid, verdict.errorsText('\n')).toBe(true);
    expect(triggers).toEqual([expect.objectContaining({ nodeId: 'hook', type: 'webhook' })]);
    expect(new Set(Object.values(sourceMap))).toEqual(
      new Set(campaign.nodes.map((n) => n.id).filter((id) => id !== 'meet')),
    );
  });

  it('runs the urgent path: for-each and transform in parallel, then the join', async () => {
    const published: unknown[] = [];
    const { definition } = compileWorkflow(campaign, catalog);
    const result = await runStateMachine(
      definition,
      { body: { priority: 'high', posts: ['a', 'b'] } },
      {
        tasks: {
          'flowdeck-node-runner': async (input) => {
            const payload = input as { type: string; params: { body: unknown } };
            published.push(payload.params.body);
            return { status: 201 };
          },
        },
      },
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(published.map((b) => (b as { title: string }).title).sort()).toEqual(['a', 'b']);
    expect(result.output).toEqual({ published: [{ status: 201 }, { status: 201 }], summary: { count: 2 } });
  });

  it('stops with the author’s error when there is nothing to publish', async () => {
    const { definition } = compileWorkflow(campaign, catalog);
    const result = await runStateMachine(definition, { body: { posts: [] } });
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('Campaign.Empty');
  });
});
