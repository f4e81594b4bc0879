// Scenes for the overview's unit tests: cards from a few facts, as flow-mapping.ts would map them.
import { buildScene, type SceneEdge, type SceneNode } from './scene.ts';

export function stepNode(
  id: string,
  x: number,
  y: number,
  more: {
    kind?: string;
    outputs?: (string | null)[];
    issues?: string[];
    status?: SceneNode['data']['status'];
    diff?: SceneNode['data']['diff'];
    selected?: boolean;
    title?: string;
  } = {},
): SceneNode {
  return {
    id,
    position: { x, y },
    selected: more.selected,
    data: {
      title: more.title ?? id,
      kind: more.kind ?? 'action',
      outputs: (more.outputs ?? [null]).map((o) => ({ id: o })),
      issues: more.issues ?? [],
      status: more.status,
      diff: more.diff,
    },
  };
}

export const edge = (source: string, target: string, sourceHandle: string | null = null): SceneEdge => ({
  id: `${source}->${target}${sourceHandle ? `:${sourceHandle}` : ''}`,
  source,
  target,
  sourceHandle,
});

/** A row of cards 300 apart, each connected to the next. */
export function chain(n: number) {
  const nodes = Array.from({ length: n }, (_, i) =>
    stepNode(`n${i}`, i * 300, 0, { kind: i === 0 ? 'trigger' : 'action' }),
  );
  const edges = nodes.slice(1).map((t, i) => edge(nodes[i].id, t.id));
  return buildScene(nodes, edges, new Set());
}
