// An edge with a `+` in its middle to insert a step there.
import { BaseEdge, EdgeLabelRenderer, type EdgeProps, getBezierPath } from '@xyflow/react';
import { memo } from 'react';
import type { StepEdge as StepEdgeType } from './flow-mapping.ts';
import { useDetailLevel } from './detail-level.ts';
import { useInsertTarget } from './insert-target.ts';

function StepEdgeView(props: EdgeProps<StepEdgeType>) {
  const [path, labelX, labelY] = getBezierPath(props);
  const low = useDetailLevel((s) => s.low);
  if (low) return <BaseEdge id={props.id} path={path} markerEnd={props.markerEnd} />;
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
