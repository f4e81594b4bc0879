// Names an expression may use without a node behind them, and that a node id therefore may not
// take (docs/graph.md "Reserved names").

/**
 * The jsonata package's function library (jsonata 2.2: `staticFrame.bind(…)` plus `now` and
 * `millis`, bound per evaluation). reserved-names.test.ts checks it against the installed package.
 */
// biome-ignore format: one list, kept compact
export const JSONATA_FUNCTIONS: readonly string[] = [
  'abs', 'append', 'assert', 'average', 'base64decode', 'base64encode', 'boolean', 'ceil', 'clone',
  'contains', 'count', 'decodeUrl', 'decodeUrlComponent', 'distinct', 'each', 'encodeUrl',
  'encodeUrlComponent', 'error', 'eval', 'exists', 'filter', 'floor', 'formatBase', 'formatInteger',
  'formatNumber', 'fromMillis', 'join', 'keys', 'length', 'lookup', 'lowercase', 'map', 'match', 'max',
  'merge', 'millis', 'min', 'not', 'now', 'number', 'pad', 'parseInteger', 'power', 'random', 'reduce',
  'replace', 'reverse', 'round', 'shuffle', 'sift', 'single', 'sort', 'split', 'spread', 'sqrt', 'string',
  'substring', 'substringAfter', 'substringBefore', 'sum', 'toMillis', 'trim', 'type', 'uppercase', 'zip',
];

/** Functions Step Functions adds to JSONata. */
export const AWS_JSONATA_FUNCTIONS: readonly string[] = [
  'partition',
  'range',
  'hash',
  'random',
  'uuid',
  'parse',
];

/** `$trigger` (the run's input), `$vars` (workflow variables), `$states` (reserved by Step Functions). */
export const RESERVED_VARIABLES: readonly string[] = ['trigger', 'vars', 'states'];

const FUNCTIONS = new Set([...JSONATA_FUNCTIONS, ...AWS_JSONATA_FUNCTIONS]);

export function isFunctionName(name: string): boolean {
  return FUNCTIONS.has(name);
}

/** Why `id` may not name a node, or undefined when it may. `forEachIds`: ids of for-each nodes. */
export function reservedReason(id: string, forEachIds: Iterable<string>): string | undefined {
  if (RESERVED_VARIABLES.includes(id)) return `“${id}” is a reserved name ($${id} has its own meaning)`;
  if (FUNCTIONS.has(id)) return `“${id}” is the name of a built-in function ($${id})`;
  for (const forEachId of forEachIds) {
    if (id === `${forEachId}_item` || id === `${forEachId}_index`) {
      return `“${id}” is the name the For each step “${forEachId}” gives to its current element`;
    }
  }
  return undefined;
}
