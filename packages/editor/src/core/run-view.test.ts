import type { WorkflowGraph } from '@flowdeck/engine';
import { describe, expect, it } from 'vitest';
import { jsonChildren, jsonPreview } from './json-tree.ts';
import { nodeStatuses, runsQuery } from './run-view.ts';

const graph: WorkflowGraph = {
  schemaVersion: 1,
  nodes: [
    { id: 'hook', type: 'trigger.webhook', version: 1, position: { x: 0, y: 0 }, params: {} },
    { id: 'loop', type: 'logic.for_each', version: 1, position: { x: 0, y: 0 }, params: {} },
    { id: 'post', type: 'http.request', version: 1, position: { x: 0, y: 0 }, params: {} },
    { id: 'later', type: 'data.transform', version: 1, position: { x: 0, y: 0 }, params: {} },
  ],
  edges: [],
};
const isTrigger = (t: string) => t.startsWith('trigger.');

describe('a run painted on its graph', () => {
  it('marks the trigger done with the run input, each reached step by its last status, and nothing else', () => {
    const { status, outputs } = nodeStatuses(
      graph,
      {
        input: { body: 1 },
        steps: [
          { nodeId: 'loop', status: 'RUNNING', output: null },
          { nodeId: 'post', status: 'SUCCEEDED', output: { n: 1 } },
          { nodeId: 'post', status: 'ABORTED', output: null },
        ],
      },
      isTrigger,
    );
    expect(status).toEqual({ hook: 'SUCCEEDED', loop: 'RUNNING', post: 'FAILED' });
    expect(outputs).toEqual({ hook: { body: 1 }, post: { n: 1 } });
  });
});

describe('the runs list query', () => {
  it('sends only the filters that are set, the date range as local whole days', () => {
    const q = new URLSearchParams(
      runsQuery({ workflowId: 'wf_1', status: 'FAILED', fromDate: '2026-03-01', toDate: '2026-03-02' }, 50),
    );
    expect(q.get('workflowId')).toBe('wf_1');
    expect(q.get('status')).toBe('FAILED');
    expect(q.get('from')).toBe(new Date(2026, 2, 1).toISOString());
    expect(q.get('to')).toBe(new Date(2026, 2, 3).toISOString());
    expect(q.get('limit')).toBe('50');
    expect([...new URLSearchParams(runsQuery({})).keys()]).toEqual(['limit']);
  });

  it('ignores a date it cannot read instead of sending a wrong range', () => {
    expect(new URLSearchParams(runsQuery({ fromDate: 'yesterday', toDate: '2026-13-45x' })).has('from')).toBe(
      false,
    );
  });
});

describe('the JSON viewer', () => {
  it('opens objects and arrays into their children, in order', () => {
    expect(jsonChildren({ b: 1, a: [2] })).toEqual([
      { key: 'b', value: 1 },
      { key: 'a', value: [2] },
    ]);
    expect(jsonChildren(['x'])).toEqual([{ key: '0', value: 'x' }]);
    expect(jsonChildren('text')).toBeUndefined();
    expect(jsonChildren(null)).toBeUndefined();
  });

  it('previews a closed value in one short line', () => {
    expect(jsonPreview({ a: 1, b: 2, c: 3 })).toBe('{ 3 keys }');
    expect(jsonPreview([1])).toBe('[ 1 item ]');
    expect(jsonPreview(null)).toBe('null');
    expect(jsonPreview(undefined)).toBe('—');
    const long = jsonPreview('x'.repeat(100), 20);
    expect(long.length).toBe(20);
    expect(long.endsWith('…"')).toBe(true);
  });
});
