// Writing JSON values as JSONata source text.

/**
 * A JSON value as a JSONata literal. JSONata's literal syntax is JSON's for strings, numbers,
 * booleans and null, and its array/object constructors keep nested literals as they are.
 */
export function jsonataLiteral(value: unknown): string {
  if (typeof value === 'string') return jsonataText(value);
  if (value === null || typeof value === 'boolean' || typeof value === 'number') {
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(jsonataLiteral).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${jsonataLiteral(v)}`).join(', ')}}`;
  }
  throw new TypeError(`Not a JSON value: ${String(value)}`);
}

/**
 * A text as a JSONata string literal: in single quotes when nothing needs escaping, because a
 * double quote costs two bytes once the expression sits in the definition's JSON.
 */
export function jsonataText(text: string): string {
  const json = JSON.stringify(text);
  // Nothing escaped (no quote, backslash or control character): the same text in single quotes.
  return json.length === text.length + 2 && !text.includes("'") ? `'${text}'` : json;
}

/** Wraps a JSONata expression the way Step Functions expects it in a field value. */
export function asExpression(expression: string): string {
  return `{% ${expression} %}`;
}
