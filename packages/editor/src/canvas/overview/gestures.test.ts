import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OverviewGestures, type OverviewEditor } from './gestures.ts';
import { buildScene, outputAt, type Scene, type XY } from './scene.ts';
import { edge, stepNode } from './test-scene.ts';

/** An editor that keeps a selection, records moves and connections, and refuses self-loops. */
function fakeEditor(readOnly = false, refuse: string[] = []) {
  const log: string[] = [];
  const state = { nodes: [] as string[], edges: [] as string[] };
  const moves: Map<string, XY>[] = [];
  const editor: OverviewEditor = {
    readOnly,
    selection: () => ({ nodes: state.nodes, edges: state.edges }),
    select(nodes, edges) {
      state.nodes = nodes;
      state.edges = edges;
      log.push(`select ${nodes.join(',')}|${edges.join(',')}`);
    },
    move(positions) {
      moves.push(new Map(positions));
      log.push('move');
    },
    canConnect: (source, _handle, target) => source !== target && !refuse.includes(target),
    connect(source, handle, target) {
      log.push(`connect ${source}:${handle ?? 'out'}->${target}`);
    },
  };
  return { editor, state, moves, log };
}

// Three cards in a row at zoom 0.2 (one screen pixel = 5 flow units), a condition first.
const scene: Scene = buildScene(
  [
    stepNode('check', 0, 0, { kind: 'condition', outputs: ['true', 'false'] }),
    stepNode('a', 400, 0),
    stepNode('b', 800, 0),
  ],
  [edge('check', 'a', 'true'), edge('a', 'b')],
  new Set(),
);
const ZOOM = 0.2;
const inside = (id: string): XY => {
  const c = scene.byId.get(id)!;
  return { x: c.x + 60, y: c.y + 30 };
};
const plus = (p: XY, dx: number, dy: number): XY => ({ x: p.x + dx, y: p.y + dy });

function setup(readOnly = false, refuse: string[] = []) {
  const fake = fakeEditor(readOnly, refuse);
  return { ...fake, g: new OverviewGestures(() => scene, fake.editor) };
}

describe('overview gestures', () => {
  it('a click selects a card; Shift/Ctrl/⌘-click adds it, or takes a selected one out', () => {
    const { g, state } = setup();
    expect(g.down(inside('a'), ZOOM, false)).toBe(true);
    g.up(inside('a'), ZOOM);
    expect(state).toEqual({ nodes: ['a'], edges: [] });
    g.down(inside('b'), ZOOM, true);
    g.up(inside('b'), ZOOM);
    expect(state.nodes).toEqual(['a', 'b']);
    g.down(inside('a'), ZOOM, true);
    g.up(inside('a'), ZOOM);
    expect(state.nodes).toEqual(['b']);
    // A plain click on a card already selected keeps the selection (as React Flow does).
    g.down(inside('a'), ZOOM, true);
    g.up(inside('a'), ZOOM);
    g.down(inside('b'), ZOOM, false);
    g.up(inside('b'), ZOOM);
    expect(state.nodes).toEqual(['b', 'a']);
  });

  it('a press on nothing is left to React Flow and changes nothing', () => {
    const { g, log } = setup();
    expect(g.down({ x: 200, y: -400 }, ZOOM, false)).toBe(false);
    expect(g.active).toBe(false);
    expect(log).toEqual([]);
  });

  it('a drag moves the card by the pointer’s travel, once, on release (rounded to whole units)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -2000, max: 2000, noNaN: true }),
        fc.double({ min: -2000, max: 2000, noNaN: true }),
        (dx, dy) => {
          fc.pre(Math.hypot(dx / 2, dy / 2) * ZOOM >= 1);
          const { g, moves } = setup();
          const start = inside('a');
          g.down(start, ZOOM, false);
          g.move(plus(start, dx / 2, dy / 2), ZOOM);
          const offset = g.overlay.moved?.offset;
          expect(offset?.x).toBeCloseTo(dx / 2, 6);
          expect(offset?.y).toBeCloseTo(dy / 2, 6);
          expect(moves).toHaveLength(0);
          g.up(plus(start, dx, dy), ZOOM);
          expect(moves).toEqual([new Map([['a', { x: Math.round(400 + dx) + 0, y: Math.round(dy) + 0 }]])]);
          expect(g.overlay).toEqual({});
        },
      ),
    );
  });

  it('a movement under one screen pixel is still a click', () => {
    const { g, moves, state } = setup();
    g.down(inside('a'), ZOOM, false);
    expect(g.move(plus(inside('a'), 4, 0), ZOOM)).toBe(false); // 0.8 px
    g.up(plus(inside('a'), 4, 0), ZOOM);
    expect(moves).toEqual([]);
    expect(state.nodes).toEqual(['a']);
  });

  it('dragging a selected card moves every selected card; an unselected one is selected and moved alone', () => {
    const { g, moves, state } = setup();
    state.nodes = ['a', 'b'];
    g.down(inside('b'), ZOOM, false);
    g.up(plus(inside('b'), 100, 50), ZOOM);
    expect(moves.at(-1)).toEqual(
      new Map([
        ['a', { x: 500, y: 50 }],
        ['b', { x: 900, y: 50 }],
      ]),
    );
    g.down(inside('check'), ZOOM, false);
    g.up(plus(inside('check'), -100, 0), ZOOM);
    expect(state.nodes).toEqual(['check']);
    expect(moves.at(-1)).toEqual(new Map([['check', { x: -100, y: 0 }]]));
  });

  it('from an output handle, a release on another card connects them if the editor allows it', () => {
    const { g, log } = setup(false, ['check']);
    const handle = outputAt(scene.byId.get('check')!, 1); // false
    expect(g.down(handle, ZOOM, false)).toBe(true);
    g.move(inside('b'), ZOOM);
    expect(g.overlay.link).toEqual({ from: handle, to: inside('b'), valid: true });
    g.up(inside('b'), ZOOM);
    expect(log).toEqual(['connect check:false->b']);
    // Released on nothing, or on a card it may not connect to: no connection.
    g.down(outputAt(scene.byId.get('a')!, 0), ZOOM, false);
    g.move(inside('check'), ZOOM);
    expect(g.overlay.link?.valid).toBe(false);
    g.up(inside('check'), ZOOM);
    g.down(outputAt(scene.byId.get('a')!, 0), ZOOM, false);
    g.up({ x: 600, y: 900 }, ZOOM);
    expect(log).toEqual(['connect check:false->b']);
  });

  it('read-only: a press selects, but never moves or connects', () => {
    const { g, log, moves } = setup(true);
    const handle = outputAt(scene.byId.get('check')!, 0);
    // On a read-only canvas the handle is just part of its card (15 units in: within its reach).
    g.down(plus(handle, -15, 0), ZOOM, false);
    g.up(inside('b'), ZOOM);
    g.down(inside('a'), ZOOM, false);
    g.move(plus(inside('a'), 200, 0), ZOOM);
    g.up(plus(inside('a'), 200, 0), ZOOM);
    expect(moves).toEqual([]);
    expect(log).toEqual(['select check|', 'select a|']);
  });

  it('a click on an edge selects it alone; with Shift it is added or taken out', () => {
    const { g, state } = setup();
    state.nodes = ['b'];
    const onEdge = { x: 700, y: 33 }; // between a's output (644, 33) and b's input (796, 32)
    g.down(onEdge, ZOOM, false);
    g.up(onEdge, ZOOM);
    expect(state).toEqual({ nodes: [], edges: ['a->b'] });
    g.down(onEdge, ZOOM, true);
    expect(state.edges).toEqual([]);
    g.up(onEdge, ZOOM);
    g.down(onEdge, ZOOM, true);
    expect(state.edges).toEqual(['a->b']);
  });

  it('cancel drops a drag in progress without moving anything', () => {
    const { g, moves } = setup();
    g.down(inside('a'), ZOOM, false);
    g.move(plus(inside('a'), 300, 0), ZOOM);
    g.cancel();
    expect(g.overlay).toEqual({});
    g.up(plus(inside('a'), 300, 0), ZOOM);
    expect(moves).toEqual([]);
  });
});
