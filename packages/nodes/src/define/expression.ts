// A param value written as Step Functions writes JSONata: the whole string is `{% … %}`.
// Such a value is resolved at run time, so the props validator accepts it wherever a value is
// expected; the engine's workflow validator checks its syntax and references.

export function isExpression(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('{%') && value.endsWith('%}') && value.length >= 4;
}
