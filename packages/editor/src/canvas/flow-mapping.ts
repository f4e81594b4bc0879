// WorkflowGraph → React Flow nodes and edges. Unchanged workflow nodes keep the same React Flow
// object, so memoized cards do not re-render while another node is dragged (1,000-node graphs).
// Only what React Flow and every card need is computed here; the summary line is computed by
// the cards React Flow actually renders (onlyRenderVisibleElements), not for all 1,000.
import type { WorkflowEdge, WorkflowGraph, WorkflowNode } from '@flowdeck/engine';
import type { Edge, Node } from '@xyflow/react';
import { outputHandlesOf } from '../core/catalog.ts';
import type { IssueIndex } from '../core/issues.ts';
import { specOf } from '../state/catalog.ts';
import type { StepStatus } from '../state/editor-store.ts';
import { CARD_WIDTH, cardHandles, cardHeight } from './card-geometry.ts';
import { handleDomId } from './handle-ids.ts';

export interface StepData extends Record<string, unknown> {
  node: WorkflowNode;
  title: string;
  icon?: string;
  kind: string;
  /** Output handles with whether an edge already uses them. */
  outputs: { id: string | null; open: boolean }[];
  issues: string[];
  status?: StepStatus;
  diff?: 'added' | 'changed';
}

export type StepNode = Node<StepData, 'step'>;
export type StepEdge = Edge<{ handle: string | null }, 'step'>;

interface Cached {
  rf: StepNode;
  selected: boolean;
  key: string;
}

export class FlowMapper {
  private nodes = new WeakMap<WorkflowNode, Cached>();
  private edges = new WeakMap<WorkflowEdge, { rf: StepEdge; selected: boolean }>();

  toNodes(
    graph: WorkflowGraph,
    selected: ReadonlySet<string>,
    issues: IssueIndex,
    status: Record<string, StepStatus>,
    diffMarks: Record<string, 'added' | 'changed'>,
    measured: ReadonlyMap<string, { width: number; height: number }>,
  ): StepNode[] {
    const used = new Map<string, Set<string | null>>();
    for (const e of graph.edges) {
      if (!used.has(e.source)) used.set(e.source, new Set());
      used.get(e.source)!.add(e.sourceHandle ?? null);
    }
    return graph.nodes.map((node) => {
      const spec = specOf(node.type, node.version);
      const usedHere = used.get(node.id);
      const outputs = outputHandlesOf(node, spec).map((id) => ({
        id,
        open: node.type === 'logic.parallel' || !usedHere?.has(id),
      }));
      const nodeIssues = issues.byNode.get(node.id)?.map((i) => i.message) ?? [];
      const m = measured.get(node.id);
      const key = `${outputs.map((o) => `${o.id}:${o.open}`).join(',')}|${nodeIssues.join('\n')}|${status[node.id] ?? ''}|${diffMarks[node.id] ?? ''}|${m?.width}x${m?.height}`;
      const isSelected = selected.has(node.id);
      const cached = this.nodes.get(node);
      if (cached && cached.selected === isSelected && cached.key === key) return cached.rf;
      const kind = spec?.kind ?? 'action';
      const outputIds = outputs.map((o) => o.id);
      const rf: StepNode = {
        id: node.id,
        type: 'step',
        position: node.position,
        selected: isSelected,
        // Size and handles known up front: React Flow renders only the cards in view from the
        // first frame (it renders every card it has not measured yet) and draws their edges,
        // fitView and the minimap count every card, and the overview draws without the DOM.
        measured: m ?? { width: CARD_WIDTH, height: cardHeight(outputIds) },
        handles: cardHandles(outputIds, kind !== 'trigger'),
        data: {
          node,
          title: node.title || spec?.title || node.type,
          icon: spec?.icon,
          kind,
          outputs,
          issues: nodeIssues,
          status: status[node.id],
          diff: diffMarks[node.id],
        },
      };
      this.nodes.set(node, { rf, selected: isSelected, key });
      return rf;
    });
  }

  toEdges(graph: WorkflowGraph, selected: ReadonlySet<string>): StepEdge[] {
    return graph.edges.map((edge) => {
      const isSelected = selected.has(edge.id);
      const cached = this.edges.get(edge);
      if (cached && cached.selected === isSelected) return cached.rf;
      const rf: StepEdge = {
        id: edge.id,
        type: 'step',
        source: edge.source,
        target: edge.target,
        sourceHandle: handleDomId(edge.sourceHandle ?? null),
        targetHandle: 'in',
        selected: isSelected,
        data: { handle: edge.sourceHandle ?? null },
      };
      this.edges.set(edge, { rf, selected: isSelected });
      return rf;
    });
  }
}
