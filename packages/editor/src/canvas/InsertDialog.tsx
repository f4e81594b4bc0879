// "Insert a step": opened by `+` on an edge or an open handle.
import { useState } from 'react';
import { createNode, insertAfterHandle, insertOnEdge } from '../core/graph-ops.ts';
import { NODE_WIDTH } from '../core/layout.ts';
import { catalog } from '../state/catalog.ts';
import { useEditor } from '../state/editor-store.ts';
import { Dialog } from '../ui/components.tsx';
import { useInsertTarget } from './insert-target.ts';
import { NodeList } from './Palette.tsx';

export function InsertDialog() {
  const target = useInsertTarget((s) => s.target);
  const [query, setQuery] = useState('');
  const close = () => {
    useInsertTarget.getState().close();
    setQuery('');
  };

  function pick(type: string) {
    if (!target) return;
    const { apply, select } = useEditor.getState();
    let newId = '';
    apply((g) => {
      if (target.kind === 'edge') {
        const edge = g.edges.find((e) => e.id === target.edgeId);
        const a = g.nodes.find((n) => n.id === edge?.source);
        const b = g.nodes.find((n) => n.id === edge?.target);
        const pos =
          a && b
            ? { x: (a.position.x + b.position.x) / 2, y: (a.position.y + b.position.y) / 2 + 40 }
            : { x: 0, y: 0 };
        const node = createNode(g, catalog, type, pos);
        newId = node.id;
        return insertOnEdge(g, target.edgeId, node, catalog);
      }
      if (target.kind === 'handle') {
        const src = g.nodes.find((n) => n.id === target.nodeId);
        const pos = src ? { x: src.position.x + NODE_WIDTH + 80, y: src.position.y } : { x: 0, y: 0 };
        const node = createNode(g, catalog, type, pos);
        newId = node.id;
        return insertAfterHandle(g, target.nodeId, target.handle, node, catalog);
      }
      const node = createNode(g, catalog, type, target.position);
      newId = node.id;
      return { ...g, nodes: [...g.nodes, node] };
    });
    if (newId) select([newId]);
    close();
  }

  const title =
    target?.kind === 'handle'
      ? `Add a step after “${target.nodeId}”${target.handle ? ` (${target.handle})` : ''}`
      : target?.kind === 'edge'
        ? 'Insert a step here'
        : 'Add a step';
  return (
    <Dialog open={!!target} onOpenChange={(o) => !o && close()} title={title}>
      <div className="stack">
        <input
          className="input"
          placeholder="Search steps"
          aria-label="Search steps to insert"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          autoFocus
          data-testid="insert-search"
        />
        <NodeList query={query} onPick={(spec) => pick(spec.type)} />
      </div>
    </Dialog>
  );
}
