// The collapsible JSON viewer's model: which values open into children, and the one-line preview
// a closed value shows (`{ 3 keys }`, `[ 2 items ]`, a shortened string).

export type JsonChild = { key: string; value: unknown };

/** Children of an object or array (in order); undefined for a leaf. */
export function jsonChildren(value: unknown): JsonChild[] | undefined {
  if (Array.isArray(value)) return value.map((v, i) => ({ key: String(i), value: v }));
  if (value !== null && typeof value === 'object')
    return Object.entries(value as Record<string, unknown>).map(([key, v]) => ({ key, value: v }));
  return undefined;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One line for a value: leaves as JSON (long strings shortened), containers by their size. */
export function jsonPreview(value: unknown, maxLength = 60): string {
  if (value === undefined) return '—';
  if (Array.isArray(value)) return `[ ${plural(value.length, 'item', 'items')} ]`;
  if (value !== null && typeof value === 'object')
    return `{ ${plural(Object.keys(value).length, 'key', 'keys')} }`;
  const text = JSON.stringify(value);
  return text.length > maxLength ? `${text.slice(0, maxLength - 2)}…"` : text;
}
