// The palette: node types by category with search. Drag one onto the canvas, or click it to add
// it next to the selection (or in view).
import { useMemo, useState } from 'react';
import { type EditorNodeSpec, matchesSearch, paletteGroups } from '../core/catalog.ts';
import { catalog } from '../state/catalog.ts';
import { Icon } from '../ui/icons.tsx';

export const DRAG_TYPE = 'application/x-flowdeck-node';

const categoryTitles: Record<string, string> = {
  trigger: 'Triggers',
  logic: 'Logic',
  data: 'Data',
  developer: 'Developer',
  publish: 'Publish',
  notify: 'Notify',
};

export function NodeList(props: { query: string; onPick(spec: EditorNodeSpec): void; draggable?: boolean }) {
  const groups = useMemo(() => paletteGroups(catalog), []);
  const shown = groups
    .map((g) => ({ ...g, specs: g.specs.filter((s) => matchesSearch(s, props.query)) }))
    .filter((g) => g.specs.length > 0);
  if (shown.length === 0)
    return (
      <div className="muted" style={{ padding: 8 }}>
        No step matches “{props.query}”.
      </div>
    );
  return (
    <div className="stack" style={{ gap: 12 }}>
      {shown.map((g) => (
        <section key={g.category}>
          <h3>{categoryTitles[g.category] ?? g.category}</h3>
          <div className="stack" style={{ gap: 4 }}>
            {g.specs.map((spec) => (
              <button
                type="button"
                key={spec.type}
                className="palette-item"
                draggable={props.draggable}
                data-testid={`palette-${spec.type}`}
                title={spec.description}
                onDragStart={(e) => {
                  e.dataTransfer.setData(DRAG_TYPE, spec.type);
                  e.dataTransfer.effectAllowed = 'move';
                }}
                onClick={() => props.onPick(spec)}
              >
                <span className={`palette-icon kind-${spec.kind}`}>
                  <Icon name={spec.icon} />
                </span>
                <span className="palette-text">
                  <span className="palette-title">{spec.title}</span>
                  <span className="palette-desc">{spec.description}</span>
                </span>
              </button>
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}

export function Palette(props: { onPick(spec: EditorNodeSpec): void }) {
  const [query, setQuery] = useState('');
  return (
    <aside className="palette" aria-label="Steps">
      <input
        className="input"
        placeholder="Search steps"
        aria-label="Search steps"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        data-testid="palette-search"
      />
      <div className="palette-scroll">
        <NodeList query={query} onPick={props.onPick} draggable />
      </div>
      <div className="field-help">Drag a step onto the canvas, or click to add it.</div>
    </aside>
  );
}
