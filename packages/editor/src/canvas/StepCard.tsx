// A node on the canvas: icon, title, one-line summary, invalid marker, last-run status, and its
// handles (`true`/`false` for a condition, one per case for a switch) with `+` on open ones.
import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { summarizeNode } from '../core/summary.ts';
import { Icon } from '../ui/icons.tsx';
import { cardHeight, hasNamedOutputs, outputTop } from './card-geometry.ts';
import { sameCard } from './card-memo.ts';
import { useDetailLevel } from './detail-level.ts';
import type { StepNode } from './flow-mapping.ts';
import { handleDomId } from './handle-ids.ts';
import { useInsertTarget } from './insert-target.ts';

function StepCardView(props: NodeProps<StepNode>) {
  const level = useDetailLevel((s) => (s.overview ? 'overview' : s.low ? 'low' : 'full'));
  // In the overview the card is drawn on its <canvas>; the empty wrapper measures 0 × 0, which
  // React Flow ignores (it keeps the card's size and handles).
  if (level === 'overview') return null;
  return level === 'low' ? <LowDetailCard {...props} /> : <FullCard {...props} />;
}

/**
 * Zoomed far out: one element with the title as its text, status border and invalid colour,
 * nothing else to lay out or paint. React Flow still needs the handles' places to draw edges
 * (it reads them from elements with the `source`/`target` class when it measures a card), so
 * each handle is an invisible, empty anchor: no React Flow Handle component (each subscribes to
 * the store and is re-checked on every drag frame) and no connecting from them at this zoom.
 */
function LowDetailCard({ data, selected, id }: NodeProps<StepNode>) {
  const { outputs, issues, status } = data;
  const ids = outputs.map((o) => o.id);
  const height = cardHeight(ids);
  return (
    <div
      className={`step step-low${selected ? ' is-selected' : ''}${issues.length ? ' is-invalid' : ''}${data.diff ? ` diff-${data.diff}` : ''}`}
      style={{ height }}
      data-testid={`node-${id}`}
      data-status={status}
    >
      {data.title}
      {data.kind !== 'trigger' && (
        <i className="handle-anchor target" data-handleid="in" data-handlepos="left" />
      )}
      {outputs.map((o, i) => (
        <i
          key={o.id ?? 'out'}
          className="handle-anchor source"
          data-handleid={handleDomId(o.id)}
          data-handlepos="right"
          style={{ top: outputTop(ids, i) }}
        />
      ))}
    </div>
  );
}

function FullCard({ data, selected, id }: NodeProps<StepNode>) {
  const { outputs, issues, status } = data;
  const summary = useMemo(() => summarizeNode(data.node), [data.node]);
  const ids = outputs.map((o) => o.id);
  const named = hasNamedOutputs(ids);
  const height = cardHeight(ids);
  return (
    <div
      className={`step step-${data.kind}${named ? ' step-named' : ''}${selected ? ' is-selected' : ''}${issues.length ? ' is-invalid' : ''}${data.diff ? ` diff-${data.diff}` : ''}`}
      style={{ minHeight: height }}
      data-testid={`node-${id}`}
      data-status={status}
    >
      {data.kind !== 'trigger' && (
        <Handle type="target" position={Position.Left} id="in" className="handle-in" />
      )}
      <div className="step-icon">
        <Icon name={data.icon} size={18} />
      </div>
      <div className="step-body">
        <div className="step-title">{data.title}</div>
        <div className="step-summary" title={summary}>
          {summary || <span className="mono">{id}</span>}
        </div>
      </div>
      {issues.length > 0 && (
        <div
          className="step-invalid"
          role="img"
          title={issues.join('\n')}
          data-testid={`invalid-${id}`}
          aria-label={`${issues.length} problem(s)`}
        >
          !
        </div>
      )}
      {status && (
        <div
          className={`step-status status-${status.toLowerCase()}`}
          title={`Last run: ${status.toLowerCase()}`}
        />
      )}
      {outputs.map((o, i) => {
        const top = outputTop(ids, i);
        return (
          <div key={o.id ?? 'out'}>
            <Handle
              type="source"
              position={Position.Right}
              id={handleDomId(o.id)}
              style={{ top }}
              className="handle-out"
              data-handle={o.id ?? ''}
            />
            {o.id !== null && (
              <span className="handle-label" style={{ top: top - 8 }}>
                {o.id}
              </span>
            )}
            {o.open && (
              <button
                type="button"
                className="handle-plus nodrag"
                style={{ top: top - 9 }}
                aria-label={`Add a step after ${id}${o.id ? ` (${o.id})` : ''}`}
                data-testid={`plus-${id}${o.id ? `-${o.id}` : ''}`}
                onClick={(e) => {
                  e.stopPropagation();
                  useInsertTarget.getState().open({ kind: 'handle', nodeId: id, handle: o.id });
                }}
              >
                +
              </button>
            )}
          </div>
        );
      })}
    </div>
  );
}

// Not re-rendered by drag frames: only the wrapper's transform changes (card-memo.ts).
export const StepCard = memo(StepCardView, sameCard);
