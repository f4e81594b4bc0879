// The graph of the version a run used, read-only, each step coloured by its status in the run.
import type { WorkflowGraph } from '@flowdeck/engine';
import { Background, Controls, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { useMemo, useRef } from 'react';
import { FlowMapper } from '../canvas/flow-mapping.ts';
import { setZoom } from '../canvas/detail-level.ts';
import { StepCard } from '../canvas/StepCard.tsx';
import { StepEdge } from '../canvas/StepEdge.tsx';
import { indexIssues } from '../core/issues.ts';
import type { NodeRunStatus } from '../core/run-view.ts';
import { useSession } from '../state/session-store.ts';

const nodeTypes = { step: StepCard };
const edgeTypes = { step: StepEdge };
const noIssues = indexIssues([]);
const none = new Set<string>();

export function RunGraph(props: {
  graph: WorkflowGraph;
  status: Record<string, NodeRunStatus>;
  onPick(nodeId: string): void;
}) {
  const theme = useSession((s) => s.theme);
  const mapper = useRef(new FlowMapper()).current;
  const measured = useRef(new Map<string, { width: number; height: number }>()).current;
  const nodes = useMemo(
    () => mapper.toNodes(props.graph, none, noIssues, props.status, {}, measured),
    [props.graph, props.status, mapper, measured],
  );
  const edges = useMemo(() => mapper.toEdges(props.graph, none), [props.graph, mapper]);
  return (
    <div className="canvas read-only" data-testid="run-graph">
      <ReactFlowProvider>
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          onNodeClick={(_, n) => props.onPick(n.id)}
          onInit={(rf) => setZoom(rf.getZoom())}
          onMove={(_, v) => setZoom(v.zoom)}
          colorMode={theme}
          fitView
          fitViewOptions={{ maxZoom: 1, padding: 0.2 }}
          minZoom={0.05}
          onlyRenderVisibleElements
          proOptions={{ hideAttribution: true }}
        >
          <Background gap={20} size={1} />
          <Controls showInteractive={false} />
        </ReactFlow>
      </ReactFlowProvider>
    </div>
  );
}
