import { validateWorkflow, type WorkflowGraph } from '@flowdeck/engine';
import { describe, expect, it } from 'vitest';
import { createBuiltinCatalog } from '../catalog.ts';

const at = (x: number) => ({ x, y: 0 });

/** A content workflow using the built-in nodes, as the editor would save it. */
const crossPost: WorkflowGraph = {
  schemaVersion: 1,
  nodes: [
    { id: 'hook', type: 'trigger.webhook', version: 1, position: at(0), params: { responseMode: 'async' } },
    {
      id: 'fetch_feed',
      type: 'http.request',
      version: 1,
      position: at(1),
      params: { url: 'https://example.com/feed.json' },
    },
    {
      id: 'big',
      type: 'logic.condition',
      version: 1,
      position: at(2),
      params: { rule: { '>': [{ var: 'fetch_feed.body.count' }, 0] } },
    },
    {
      id: 'posts',
      type: 'logic.for_each',
      version: 1,
      position: at(3),
      params: { items: '{% $fetch_feed.body.items %}' },
    },
    {
      id: 'publish',
      type: 'http.request',
      version: 1,
      position: at(4),
      params: { method: 'POST', url: '{% $vars.endpoint %}', body: { title: '{% $posts_item.title %}' } },
      settings: { retry: { maxAttempts: 3, intervalSeconds: 2, backoffRate: 2 }, onError: 'continue' },
    },
    { id: 'wait', type: 'logic.delay', version: 1, position: at(5), params: { seconds: 60 } },
    { id: 'nothing', type: 'logic.stop', version: 1, position: at(6), params: { error: 'Feed.Empty' } },
  ],
  edges: [
    { id: 'e1', source: 'hook', target: 'fetch_feed' },
    { id: 'e2', source: 'fetch_feed', target: 'big' },
    { id: 'e3', source: 'big', sourceHandle: 'true', target: 'posts' },
    { id: 'e4', source: 'big', sourceHandle: 'false', target: 'nothing' },
    { id: 'e5', source: 'posts', sourceHandle: 'item', target: 'publish' },
    { id: 'e6', source: 'posts', sourceHandle: 'done', target: 'wait' },
  ],
  variables: { endpoint: 'https://example.com/api/posts' },
};

describe('built-in nodes in a workflow', () => {
  const catalog = createBuiltinCatalog();

  it('validates a workflow made of built-in nodes', () => {
    expect(validateWorkflow(crossPost, catalog)).toEqual({ valid: true, issues: [] });
  });

  it('reports param problems from the nodes, and rule references from their schema', () => {
    const broken = structuredClone(crossPost);
    broken.nodes[1].params = { url: 'example.com', method: 'FETCH' };
    broken.nodes[2].params = { rule: { '>': [{ var: 'publish.status' }, 0] } };
    expect(validateWorkflow(broken, catalog).issues).toEqual([
      {
        code: 'invalid_param',
        nodeId: 'fetch_feed',
        path: 'params.method',
        message: 'Method must be one of GET, POST, PUT, PATCH, DELETE or HEAD.',
      },
      {
        code: 'invalid_param',
        nodeId: 'fetch_feed',
        path: 'params.url',
        message: 'URL must be a web address starting with http:// or https://.',
      },
      {
        code: 'not_upstream',
        nodeId: 'big',
        path: 'params.rule.>.0.var',
        message: 'The rule uses “publish.status”, but “publish” does not run before this step.',
      },
    ]);
  });
});
