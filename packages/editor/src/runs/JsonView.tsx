// A collapsible JSON viewer: objects and arrays open level by level, the first level open.
import { jsonChildren, jsonPreview } from '../core/json-tree.ts';

export function JsonView({ value, testId }: { value: unknown; testId?: string }) {
  return (
    <div className="json-view" data-testid={testId} data-json={JSON.stringify(value ?? null)}>
      <JsonNode value={value} depth={0} />
    </div>
  );
}

function JsonNode({ name, value, depth }: { name?: string; value: unknown; depth: number }) {
  const children = jsonChildren(value);
  const label = name !== undefined && <span className="json-key">{name}: </span>;
  if (!children || children.length === 0)
    return (
      <div className="json-leaf">
        {label}
        <span className={`json-${value === null ? 'null' : typeof value}`}>{jsonPreview(value, 200)}</span>
      </div>
    );
  return (
    <details open={depth === 0}>
      <summary>
        {label}
        <span className="muted">{jsonPreview(value)}</span>
      </summary>
      <div className="json-children">
        {children.map((c) => (
          <JsonNode key={c.key} name={c.key} value={c.value} depth={depth + 1} />
        ))}
      </div>
    </details>
  );
}
