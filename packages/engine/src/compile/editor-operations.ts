// The editor's condition operators, defined as json-logic custom operations so json-logic-js
// evaluates them exactly like the compiled JSONata does (condition-helpers.ts).

type Operation = (...args: unknown[]) => unknown;

/** Has `x.indexOf`, as json-logic's `in` requires. */
const indexable = (x: unknown): x is { indexOf(v: unknown): number } =>
  Boolean(x) && typeof (x as { indexOf?: unknown }).indexOf === 'function';

export const editorOperations: Record<'contains' | 'starts_with' | 'ends_with' | 'is_empty', Operation> = {
  /** `contains(haystack, needle)` is json-logic's `in(needle, haystack)`: substring or element. */
  contains: (haystack, needle) => indexable(haystack) && haystack.indexOf(needle) !== -1,
  /** Text only: anything that is not a string never starts with anything. */
  starts_with: (text, prefix) =>
    typeof text === 'string' && typeof prefix === 'string' && text.startsWith(prefix),
  ends_with: (text, suffix) =>
    typeof text === 'string' && typeof suffix === 'string' && text.endsWith(suffix),
  /** null (or a missing field), '', [] and {} are empty; 0, false and ' ' are not. */
  is_empty: (value) =>
    value === null ||
    value === undefined ||
    value === '' ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0),
};

/** Adds the editor's operators to a json-logic-js instance (`import jsonLogic from 'json-logic-js'`). */
export function registerEditorOperations(jsonLogic: {
  add_operation(name: string, code: (...args: never[]) => unknown): void;
}): void {
  for (const [name, code] of Object.entries(editorOperations)) jsonLogic.add_operation(name, code);
}
