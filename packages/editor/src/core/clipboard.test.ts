import { createBuiltinCatalog } from '@flowdeck/nodes';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copySelection, pasteInto, readClipboard, renameReferences } from './clipboard.ts';
import { addNode, connect, createNode, emptyGraph } from './graph-ops.ts';

const catalog = createBuiltinCatalog();

function sample() {
  let g = emptyGraph();
  for (const t of ['trigger.webhook', 'http.request', 'data.transform'])
    g = addNode(g, createNode(g, catalog, t, { x: 0, y: 0 }));
  g = connect(g, { source: 'webhook', target: 'request' }, catalog);
  g = connect(g, { source: 'request', target: 'transform' }, catalog);
  g.nodes[2].params = { output: { title: '{% $request.body.title %}', rule: { var: 'request.status' } } };
  return g;
}

describe('copy and paste', () => {
  it('copies the selected nodes with only the edges between them', () => {
    const payload = readClipboard(copySelection(sample(), ['request', 'transform'])!)!;
    expect(payload.nodes.map((n) => n.id)).toEqual(['request', 'transform']);
    expect(payload.edges.map((e) => `${e.source}->${e.target}`)).toEqual(['request->transform']);
  });

  it('pastes with fresh ids, offset positions, inner edges and rewritten references', () => {
    const g = sample();
    const { graph, pastedIds } = pasteInto(g, readClipboard(copySelection(g, ['request', 'transform'])!)!, {
      x: 40,
      y: 40,
    });
    expect(pastedIds).toEqual(['request_2', 'transform_2']);
    const pasted = graph.nodes.find((n) => n.id === 'transform_2')!;
    expect(pasted.position).toEqual({ x: 40, y: 40 });
    expect(pasted.params.output).toEqual({
      title: '{% $request_2.body.title %}',
      rule: { var: 'request_2.status' },
    });
    expect(graph.edges.at(-1)).toMatchObject({ source: 'request_2', target: 'transform_2' });
    // The original is untouched.
    expect(g.nodes).toHaveLength(3);
  });

  it('ignores text that is not a Flowdeck selection', () => {
    expect(readClipboard('hello')).toBeUndefined();
    expect(readClipboard('{"kind":"other"}')).toBeUndefined();
    expect(readClipboard('{"kind":"flowdeck/nodes","nodes":[{"id":1}],"edges":[]}')).toBeUndefined();
  });

  it('only rewrites whole variable names', () => {
    expect(renameReferences('{% $a + $ab %}', new Map([['a', 'c']]))).toBe('{% $c + $ab %}');
  });

  it('pasting twice never produces duplicate ids (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), (times) => {
        let g = sample();
        const payload = readClipboard(copySelection(g, ['webhook', 'request', 'transform'])!)!;
        for (let i = 0; i < times; i++) g = pasteInto(g, payload, { x: 10, y: 10 }).graph;
        const ids = g.nodes.map((n) => n.id);
        return new Set(ids).size === ids.length && new Set(g.edges.map((e) => e.id)).size === g.edges.length;
      }),
    );
  });
});
