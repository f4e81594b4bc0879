import { describe, expect, it } from 'vitest';
import { buildScene, inputAt, outputAt } from './scene.ts';
import { edge, stepNode } from './test-scene.ts';

describe('overview scene', () => {
  it('keeps each card’s place, size, look and handles', () => {
    const nodes = [
      stepNode('hook', 0, 0, { kind: 'trigger' }),
      stepNode('check', 300, 0, {
        kind: 'condition',
        outputs: ['true', 'false'],
        issues: ['Rules: required'],
        status: 'FAILED',
        diff: 'changed',
        selected: true,
      }),
      { ...stepNode('wide', 600, 100), measured: { width: 250, height: 70 } },
    ];
    const scene = buildScene(nodes, [], new Set());
    expect(scene.cards.map((c) => c.id)).toEqual(['hook', 'check', 'wide']);
    expect(scene.byId.get('hook')).toMatchObject({ x: 0, y: 0, width: 240, height: 64, hasInput: false });
    expect(scene.byId.get('check')).toMatchObject({
      kind: 'condition',
      outputs: ['true', 'false'],
      invalid: true,
      status: 'FAILED',
      diff: 'changed',
      selected: true,
      hasInput: true,
    });
    expect(scene.byId.get('wide')).toMatchObject({ x: 600, y: 100, width: 250, height: 70, invalid: false });
  });

  it('joins edges to their cards and output handles, and leaves out what React Flow could not draw', () => {
    const nodes = [
      stepNode('hook', 0, 0, { kind: 'trigger' }),
      stepNode('check', 300, 0, { kind: 'condition', outputs: ['true', 'false'] }),
      stepNode('yes', 600, 0),
      stepNode('no', 600, 200),
    ];
    const edges = [
      edge('hook', 'check'),
      edge('check', 'yes', 'true'),
      edge('check', 'no', 'false'),
      edge('check', 'no', 'maybe'), // no such handle
      edge('check', 'gone', 'true'), // no such card
      edge('yes', 'hook'), // a trigger has no input
    ];
    const scene = buildScene(nodes, edges, new Set([edges[2].id]));
    expect(scene.edges.map((e) => [e.source.id, e.target.id, e.sourceIndex, e.selected])).toEqual([
      ['hook', 'check', 0, false],
      ['check', 'yes', 0, false],
      ['check', 'no', 1, true],
    ]);
  });

  it('puts edge ends on the handles, moved with their card', () => {
    const scene = buildScene([stepNode('check', 100, 50, { outputs: ['true', 'false'] })], [], new Set());
    const card = scene.byId.get('check')!;
    expect(outputAt(card, 0)).toEqual({ x: 100 + 244, y: 50 + 21 });
    expect(outputAt(card, 1)).toEqual({ x: 100 + 244, y: 50 + 43 });
    expect(inputAt(card)).toEqual({ x: 100 - 4, y: 50 + 32 });
    expect(outputAt(card, 1, { x: 10, y: -5 })).toEqual({ x: 100 + 244 + 10, y: 50 + 43 - 5 });
    expect(inputAt(card, { x: 10, y: -5 })).toEqual({ x: 100 - 4 + 10, y: 50 + 32 - 5 });
  });
});
