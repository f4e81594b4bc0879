// "Next runs" under a schedule trigger's form: the next five fire times the server computes with
// the same scheduler that will fire them, shown in the schedule's own time zone.
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { type SchedulePreview as Preview, schedulesApi } from '../api/schedules.ts';

const isExpression = (v: unknown) => typeof v === 'string' && v.trim().startsWith('{%');

export function SchedulePreview({ params }: { params: Record<string, unknown> }) {
  const expression = typeof params.expression === 'string' ? params.expression.trim() : '';
  const timezone = typeof params.timezone === 'string' && params.timezone ? params.timezone : 'UTC';
  const [state, setState] = useState<{ preview?: Preview; error?: string }>({});

  useEffect(() => {
    if (!expression || isExpression(expression)) return setState({});
    let current = true;
    // Debounced: the author is typing the expression.
    const timer = setTimeout(() => {
      schedulesApi.preview(expression, timezone).then(
        (preview) => current && setState({ preview }),
        (err) => current && setState({ error: errorMessage(err) }),
      );
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [expression, timezone]);

  if (!expression) return null;
  const format = new Intl.DateTimeFormat(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: state.preview?.timezone ?? 'UTC',
  });
  return (
    <section className="stack" aria-label="Next runs" data-testid="schedule-preview" style={{ gap: 4 }}>
      <div style={{ fontWeight: 600 }}>Next runs</div>
      {state.error && <div className="field-error">{state.error}</div>}
      {state.preview && state.preview.fireTimes.length === 0 && (
        <div className="muted">This schedule will not run again.</div>
      )}
      {state.preview && (
        <ol className="muted" style={{ margin: 0, paddingLeft: 20 }}>
          {state.preview.fireTimes.map((t) => (
            <li key={t} data-testid="schedule-fire-time">
              <time dateTime={t}>{format.format(new Date(t))}</time>
            </li>
          ))}
        </ol>
      )}
      {state.preview && <div className="muted">Times in {state.preview.timezone}.</div>}
    </section>
  );
}
