// Autocomplete for expressions: `$trigger…`, `$vars…` and each upstream node's output fields,
// taken from the last run's data or the node's sample output.

export interface Completion {
  /** Text inserted, e.g. `$fetch_feed.items`. */
  label: string;
  /** A short hint: the type or an example value. */
  detail: string;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `list (${v.length})`;
  if (typeof v === 'object') return 'object';
  const s = JSON.stringify(v);
  return s.length > 24 ? `${typeof v}` : s;
}

const needsQuotes = (key: string) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(key);

/** Every path in `value` under `prefix`, depth-first, at most `max` entries and `depth` levels. */
export function pathsOf(prefix: string, value: unknown, depth = 4, max = 200): Completion[] {
  const out: Completion[] = [{ label: prefix, detail: typeOf(value) }];
  const walk = (path: string, v: unknown, level: number) => {
    if (out.length >= max || level >= depth || !v || typeof v !== 'object') return;
    const entries = Array.isArray(v) ? (v.length ? [['0', v[0]] as const] : []) : Object.entries(v);
    for (const [key, child] of entries) {
      const next = Array.isArray(v)
        ? `${path}[0]`
        : needsQuotes(key)
          ? `${path}.\`${key}\``
          : `${path}.${key}`;
      out.push({ label: next, detail: typeOf(child) });
      walk(next, child, level + 1);
      if (out.length >= max) return;
    }
  };
  walk(prefix, value, 0);
  return out;
}

export interface CompletionSources {
  trigger?: unknown;
  vars?: Record<string, unknown>;
  /** Upstream node id → its output (last run or sample). */
  upstream: { id: string; output: unknown }[];
}

export function expressionCompletions(src: CompletionSources): Completion[] {
  const out = pathsOf('$trigger', src.trigger ?? {});
  if (src.vars && Object.keys(src.vars).length) out.push(...pathsOf('$vars', src.vars));
  for (const u of src.upstream) out.push(...pathsOf(`$${u.id}`, u.output ?? {}));
  return out;
}

/** Fields for the condition builder: the same paths without `$` (json-logic `var` paths). */
export function ruleFieldSuggestions(src: CompletionSources): string[] {
  return expressionCompletions(src)
    .map((c) => c.label.slice(1))
    .filter((l) => !l.includes('`') && !l.includes('['));
}
