// An edge with a `+` in its middle to insert a step there (a plain line when zoomed far out).
import { BaseEdge, EdgeLabelRenderer, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { StepEdge as StepEdgeType } from './flow-mapping.ts';
import { useDetailLevel } from './detail-level.ts';
import { edgePath, edgePlusTransform } from './edge-path.ts';
import { useInsertTarget } from './insert-target.ts';

function StepEdgeView(props: EdgeProps<StepEdgeType>) {
  const low = useDetailLevel((s) => s.low);
  // A DOM drag (dom-drag.ts) redraws these paths and moves the `+` with edgePath too.
  const { d, labelX, labelY } = edgePath(props, low);
  // Zoomed far out: one straight path, no marker, label or wider invisible path for clicking.
  if (low) return <path className="react-flow__edge-path" d={d} />;
  return (
    <>
      <BaseEdge
        id={props.id}
        path={d}
        markerEnd={props.markerEnd}
        className={props.selected ? 'edge-selected' : undefined}
      />
      <EdgeLabelRenderer>
        <button
          type="button"
          className="edge-plus nodrag nopan"
          style={{ transform: edgePlusTransform(labelX, labelY) }}
          data-edge-id={props.id}
          aria-label={`Insert a step between ${props.source} and ${props.target}`}
          data-testid={`edge-plus-${props.source}-${props.target}`}
          onClick={() => useInsertTarget.getState().open({ kind: 'edge', edgeId: props.id })}
        >
          +
        </button>
      </EdgeLabelRenderer>
    </>
  );
}

export const StepEdge = memo(StepEdgeView);
