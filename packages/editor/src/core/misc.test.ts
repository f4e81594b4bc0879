import { createBuiltinCatalog } from '@flowdeck/nodes';
import { describe, expect, it } from 'vitest';
import { matchesSearch, paletteGroups } from './catalog.ts';
import { expressionCompletions, ruleFieldSuggestions } from './completions.ts';
import { addNode, connect, createNode, emptyGraph } from './graph-ops.ts';
import { uniqueNodeId } from './ids.ts';
import { fieldIssues, indexIssues, nodeLevelIssues } from './issues.ts';
import { autoLayout } from './layout.ts';
import { summarizeNode } from './summary.ts';

const catalog = createBuiltinCatalog();

describe('palette', () => {
  it('groups the latest version of each node by category, triggers first', () => {
    const groups = paletteGroups(catalog);
    expect(groups[0].category).toBe('trigger');
    expect(groups.flatMap((g) => g.specs.map((s) => s.type))).toContain('logic.condition');
  });

  it('finds nodes by any word of their title or description', () => {
    const all = paletteGroups(catalog).flatMap((g) => g.specs);
    expect(all.filter((s) => matchesSearch(s, 'calls address')).map((s) => s.type)).toEqual(['http.request']);
    expect(all.filter((s) => matchesSearch(s, 'CONDITION')).map((s) => s.type)).toContain('logic.condition');
  });
});

describe('ids', () => {
  it('skips reserved names and JSONata function names', () => {
    expect(uniqueNodeId([], 'trigger')).toBe('trigger_2');
    expect(uniqueNodeId([], 'map')).toBe('map_2');
    expect(uniqueNodeId(['send'], 'send')).toBe('send_2');
  });
});

describe('completions', () => {
  it('lists $trigger and upstream output paths', () => {
    const labels = expressionCompletions({
      trigger: { body: { amount: 1 } },
      upstream: [{ id: 'fetch', output: { items: [{ title: 'x' }], 'content-type': 'a' } }],
    }).map((c) => c.label);
    expect(labels).toEqual(
      expect.arrayContaining(['$trigger.body.amount', '$fetch.items[0].title', '$fetch.`content-type`']),
    );
    expect(ruleFieldSuggestions({ trigger: { body: { amount: 1 } }, upstream: [] })).toContain(
      'trigger.body.amount',
    );
  });
});

describe('issues', () => {
  it('sorts issues onto nodes and fields', () => {
    const index = indexIssues([
      { nodeId: 'a', path: 'params.url', message: 'URL is required.' },
      { nodeId: 'a', path: 'params.headers.X', message: 'bad' },
      { nodeId: 'a', path: '', message: 'Not connected.' },
      { path: 'nodes', message: 'No trigger.' },
    ]);
    expect(fieldIssues(index.byNode.get('a'), 'url').map((i) => i.message)).toEqual(['URL is required.']);
    expect(fieldIssues(index.byNode.get('a'), 'headers')).toHaveLength(1);
    expect(nodeLevelIssues(index.byNode.get('a'), ['url', 'headers']).map((i) => i.message)).toEqual([
      'Not connected.',
    ]);
    expect(index.workflow).toHaveLength(1);
  });
});

describe('layout and summary', () => {
  it('lays out a chain left to right without overlaps', () => {
    let g = emptyGraph();
    for (const t of ['trigger.webhook', 'logic.condition', 'data.transform', 'data.transform'])
      g = addNode(g, createNode(g, catalog, t, { x: 0, y: 0 }));
    g = connect(g, { source: 'webhook', target: 'condition' }, catalog);
    g = connect(g, { source: 'condition', sourceHandle: 'true', target: 'transform' }, catalog);
    g = connect(g, { source: 'condition', sourceHandle: 'false', target: 'transform_2' }, catalog);
    const pos = autoLayout(g);
    expect(pos.get('webhook')!.x).toBeLessThan(pos.get('condition')!.x);
    expect(pos.get('condition')!.x).toBeLessThan(pos.get('transform')!.x);
    expect(pos.get('transform')!.y).not.toBe(pos.get('transform_2')!.y);
  });

  it('summarises a node’s settings in one line', () => {
    let g = emptyGraph();
    g = addNode(g, createNode(g, catalog, 'http.request', { x: 0, y: 0 }));
    g.nodes[0].params.url = 'https://example.com';
    expect(summarizeNode(g.nodes[0])).toBe('GET https://example.com');
  });
});
