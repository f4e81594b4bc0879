// What a JSONPath expression can read: `$` (the state's input), `$$` (the context object) and
// `$name` (workflow variables, possibly inherited from outer scopes through a prototype chain).

export interface JsonPathScope {
  input: unknown;
  context: unknown;
  /** Variables visible to the state; presence is tested with `in` (prototype chain allowed). */
  variables: Record<string, unknown>;
}
