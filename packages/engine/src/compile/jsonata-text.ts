// Writing JSON values as JSONata source text.

/**
 * A JSON value as a JSONata literal. JSONata's literal syntax is JSON's for strings, numbers,
 * booleans and null, and its array/object constructors keep nested literals as they are.
 */
export function jsonataLiteral(value: unknown): string {
  if (
    value === null ||
    typeof value === 'boolean' ||
    typeof value === 'number' ||
    typeof value === 'string'
  ) {
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(jsonataLiteral).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${jsonataLiteral(v)}`).join(', ')}}`;
  }
  throw new TypeError(`Not a JSON value: ${String(value)}`);
}

/** Wraps a JSONata expression the way Step Functions expects it in a field value. */
export function asExpression(expression: string): string {
  return `{% ${expression} %}`;
}
