// An edge with a `+` in its middle to insert a step there (a plain line when zoomed far out).
import { BaseEdge, EdgeLabelRenderer, type EdgeProps, getBezierPath } from '@xyflow/react';
import { memo } from 'react';
import type { StepEdge as StepEdgeType } from './flow-mapping.ts';
import { useDetailLevel } from './detail-level.ts';
import { useInsertTarget } from './insert-target.ts';

function StepEdgeView(props: EdgeProps<StepEdgeType>) {
  const low = useDetailLevel((s) => s.low);
  // Zoomed far out: one straight path, no marker, label or wider invisible path for clicking.
  if (low)
    return (
      <path
        className="react-flow__edge-path"
        d={`M${props.sourceX},${props.sourceY}L${props.targetX},${props.targetY}`}
      />
    );
  const [path, labelX, labelY] = getBezierPath(props);
  return (
    <>
      <BaseEdge
        id={props.id}
        path={path}
        markerEnd={props.markerEnd}
        className={props.selected ? 'edge-selected' : undefined}
      />
      <EdgeLabelRenderer>
        <button
          type="button"
          className="edge-plus nodrag nopan"
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
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
