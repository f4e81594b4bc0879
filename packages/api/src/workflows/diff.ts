// What changed between two graphs, by node and edge id (for "compare versions").
import { canonicalJson } from '../audit/digest.ts';

interface Identified {
  id: string;
  [key: string]: unknown;
}
interface GraphLike {
  nodes?: Identified[];
  edges?: Identified[];
  variables?: unknown;
}

export interface GraphDiff {
  nodes: { added: string[]; removed: string[]; changed: { id: string; fields: string[] }[] };
  edges: { added: string[]; removed: string[]; changed: { id: string; fields: string[] }[] };
  variablesChanged: boolean;
}

function diffList(from: Identified[] = [], to: Identified[] = []) {
  const a = new Map(from.map((x) => [x.id, x]));
  const b = new Map(to.map((x) => [x.id, x]));
  const changed: { id: string; fields: string[] }[] = [];
  for (const [id, x] of b) {
    const y = a.get(id);
    if (!y) continue;
    const fields = [...new Set([...Object.keys(x), ...Object.keys(y)])]
      .filter((k) => canonicalJson(x[k]) !== canonicalJson(y[k]))
      .sort();
    if (fields.length) changed.push({ id, fields });
  }
  return {
    added: [...b.keys()].filter((id) => !a.has(id)),
    removed: [...a.keys()].filter((id) => !b.has(id)),
    changed,
  };
}

export function diffGraphs(from: GraphLike, to: GraphLike): GraphDiff {
  return {
    nodes: diffList(from.nodes, to.nodes),
    edges: diffList(from.edges, to.edges),
    variablesChanged: canonicalJson(from.variables ?? null) !== canonicalJson(to.variables ?? null),
  };
}
