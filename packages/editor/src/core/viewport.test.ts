import type { WorkflowGraph, WorkflowNode } from '@flowdeck/engine';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NODE_HEIGHT, NODE_WIDTH } from './layout.ts';
import { openingViewport, parseViewport } from './viewport.ts';

const node = (id: string, x: number, y: number): WorkflowNode => ({
  id,
  type: 'data.transform',
  version: 1,
  position: { x, y },
  params: {},
});
const graphOf = (nodes: WorkflowNode[]): WorkflowGraph => ({ schemaVersion: 1, nodes, edges: [] });
const pane = { width: 1000, height: 800 };

/** The part of the graph's plane the pane shows at a viewport. */
const shown = (v: { x: number; y: number; zoom: number }) => ({
  left: -v.x / v.zoom,
  top: -v.y / v.zoom,
  right: (pane.width - v.x) / v.zoom,
  bottom: (pane.height - v.y) / v.zoom,
});

describe('opening viewport', () => {
  it('shows every card of a small graph, centred, never zoomed past 100 %', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ x: fc.integer({ min: -800, max: 800 }), y: fc.integer({ min: -600, max: 600 }) }),
          {
            minLength: 1,
            maxLength: 12,
          },
        ),
        (points) => {
          const g = graphOf(points.map((p, i) => node(`n${i}`, p.x, p.y)));
          const v = openingViewport(g, pane, { minReadableZoom: 0.1 });
          expect(v.zoom).toBeLessThanOrEqual(1);
          const s = shown(v);
          for (const n of g.nodes) {
            expect(n.position.x).toBeGreaterThanOrEqual(s.left - 1e-6);
            expect(n.position.y).toBeGreaterThanOrEqual(s.top - 1e-6);
            expect(n.position.x + NODE_WIDTH).toBeLessThanOrEqual(s.right + 1e-6);
            expect(n.position.y + NODE_HEIGHT).toBeLessThanOrEqual(s.bottom + 1e-6);
          }
        },
      ),
    );
  });

  it('opens a graph too big to read fitted at the readable zoom, on the start node', () => {
    const nodes = Array.from({ length: 300 }, (_, i) =>
      node(`n${i}`, (i % 30) * 300, Math.floor(i / 30) * 400),
    );
    nodes.push(node('webhook', -300, 2000));
    const v = openingViewport(graphOf(nodes), pane, { minReadableZoom: 0.5, startNodeId: 'webhook' });
    expect(v.zoom).toBe(0.5);
    const s = shown(v);
    expect(-300).toBeGreaterThanOrEqual(s.left);
    expect(-300 + NODE_WIDTH).toBeLessThanOrEqual(s.right);
    expect(2000 + NODE_HEIGHT / 2).toBeCloseTo((s.top + s.bottom) / 2);
    // Without a start node: the leftmost card.
    const w = shown(openingViewport(graphOf(nodes.slice(0, 300)), pane, { minReadableZoom: 0.5 }));
    expect(0).toBeGreaterThanOrEqual(w.left);
  });

  it('opens an empty graph at 100 %', () => {
    expect(openingViewport(graphOf([]), pane)).toEqual({ x: 0, y: 0, zoom: 1 });
  });

  it('reads back only well-formed stored viewports', () => {
    expect(parseViewport('{"x":1,"y":-2,"zoom":0.5}')).toEqual({ x: 1, y: -2, zoom: 0.5 });
    for (const bad of [
      null,
      '',
      'nope',
      '{"x":1,"y":2}',
      '{"x":1,"y":2,"zoom":0}',
      '{"x":"1","y":2,"zoom":1}',
    ])
      expect(parseViewport(bad)).toBeUndefined();
  });
});
