// Which params fields a node's form shows, from its JSON Schema and the node library's hints.

export interface FieldSchema {
  type?: string | string[];
  default?: unknown;
  enum?: unknown[];
  'x-widget'?: string;
  'x-display-when'?: Record<string, unknown[]>;
}

/**
 * Shown unless `x-display-when` names sibling values that do not match; a sibling without a
 * value counts as its default (`mode` defaults to `seconds`, so `seconds` shows at first).
 */
export function isFieldVisible(
  schema: FieldSchema,
  values: Record<string, unknown>,
  siblings: Record<string, FieldSchema>,
): boolean {
  const when = schema['x-display-when'];
  if (!when) return true;
  return Object.entries(when).every(([key, allowed]) =>
    allowed.includes(values[key] ?? siblings[key]?.default),
  );
}

/** The input a field gets: the schema's `x-widget`, else one guessed from its type. */
export function widgetOf(schema: FieldSchema): string {
  if (schema['x-widget']) return schema['x-widget'];
  if (schema.enum) return 'select';
  const t = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (t === 'boolean') return 'boolean';
  if (t === 'number' || t === 'integer') return 'number';
  if (t === 'array') return 'array';
  if (t === 'object') return 'json';
  return 'shortText';
}
