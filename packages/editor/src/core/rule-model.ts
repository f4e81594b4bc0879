// The condition builder's model: AND/OR groups of field / operator / value rows, and its exact
// translation to and from json-logic (the form conditions are stored in, docs/graph.md).
// Fields are json-logic `var` paths rooted at `trigger`, `vars` or a node id: `trigger.body.amount`.

export type Combinator = 'and' | 'or';

export const OPERATORS = [
  { id: '==', label: 'equals', arity: 2 },
  { id: '!=', label: 'does not equal', arity: 2 },
  { id: '>', label: 'is greater than', arity: 2 },
  { id: '>=', label: 'is at least', arity: 2 },
  { id: '<', label: 'is less than', arity: 2 },
  { id: '<=', label: 'is at most', arity: 2 },
  { id: 'contains', label: 'contains', arity: 2 },
  { id: 'starts_with', label: 'starts with', arity: 2 },
  { id: 'ends_with', label: 'ends with', arity: 2 },
  { id: 'is_empty', label: 'is empty', arity: 1 },
  { id: 'not_empty', label: 'is not empty', arity: 1 },
] as const;

export type OperatorId = (typeof OPERATORS)[number]['id'];

export interface RuleRow {
  kind: 'row';
  field: string;
  operator: OperatorId;
  value?: unknown;
}

export interface RuleGroup {
  kind: 'group';
  combinator: Combinator;
  children: (RuleRow | RuleGroup)[];
}

export type JsonLogic = Record<string, unknown>;

export function operatorInfo(id: OperatorId) {
  return OPERATORS.find((o) => o.id === id)!;
}

export function emptyRow(field = 'trigger.body'): RuleRow {
  return { kind: 'row', field, operator: '==', value: '' };
}

export function emptyGroup(combinator: Combinator = 'and'): RuleGroup {
  return { kind: 'group', combinator, children: [emptyRow()] };
}

function rowToLogic(row: RuleRow): JsonLogic {
  const field = { var: row.field };
  if (row.operator === 'is_empty') return { is_empty: [field] };
  if (row.operator === 'not_empty') return { '!': [{ is_empty: [field] }] };
  return { [row.operator]: [field, row.value ?? null] };
}

/** The json-logic rule for a group. An empty group is `{ "and": [] }` (json-logic: true). */
export function toJsonLogic(node: RuleGroup | RuleRow): JsonLogic {
  if (node.kind === 'row') return rowToLogic(node);
  return { [node.combinator]: node.children.map(toJsonLogic) };
}

function isVar(x: unknown): x is { var: string } {
  return (
    !!x &&
    typeof x === 'object' &&
    !Array.isArray(x) &&
    Object.keys(x).length === 1 &&
    typeof (x as { var?: unknown }).var === 'string'
  );
}

function single(rule: unknown): [string, unknown[]] | undefined {
  if (!rule || typeof rule !== 'object' || Array.isArray(rule)) return undefined;
  const keys = Object.keys(rule);
  if (keys.length !== 1) return undefined;
  const args = (rule as Record<string, unknown>)[keys[0]];
  return [keys[0], Array.isArray(args) ? args : [args]];
}

const isLiteral = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

function logicToNode(rule: unknown): RuleRow | RuleGroup | undefined {
  const s = single(rule);
  if (!s) return undefined;
  const [op, args] = s;
  if (op === 'and' || op === 'or') {
    const children = args.map(logicToNode);
    if (children.some((c) => c === undefined)) return undefined;
    return { kind: 'group', combinator: op, children: children as (RuleRow | RuleGroup)[] };
  }
  if (op === 'is_empty' && args.length === 1 && isVar(args[0]))
    return { kind: 'row', field: args[0].var, operator: 'is_empty' };
  if (op === '!' && args.length === 1) {
    const inner = single(args[0]);
    if (inner && inner[0] === 'is_empty' && inner[1].length === 1 && isVar(inner[1][0]))
      return { kind: 'row', field: inner[1][0].var, operator: 'not_empty' };
    return undefined;
  }
  const known = OPERATORS.find((o) => o.id === op && o.arity === 2);
  if (known && args.length === 2 && isVar(args[0]) && isLiteral(args[1]))
    return { kind: 'row', field: args[0].var, operator: known.id, value: args[1] };
  return undefined;
}

/**
 * The builder's view of a rule, always a group at the top; undefined when the rule uses
 * json-logic the builder cannot show (the panel then offers the JSON text instead).
 */
export function fromJsonLogic(rule: unknown): RuleGroup | undefined {
  if (rule === undefined || rule === null) return { kind: 'group', combinator: 'and', children: [] };
  const node = logicToNode(rule);
  if (!node) return undefined;
  return node.kind === 'group' ? node : { kind: 'group', combinator: 'and', children: [node] };
}

/** Text typed in a value box → the JSON value it means: numbers and true/false/null stay typed. */
export function parseValue(text: string): unknown {
  const t = text.trim();
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (t === 'null') return null;
  if (t !== '' && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(t)) return Number(t);
  return text;
}

export function formatValue(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** One line a person reads: `trigger.body.amount is greater than 100 and …`. */
export function describeRule(rule: unknown): string {
  const group = fromJsonLogic(rule);
  if (!group) return 'custom rule';
  const text = (n: RuleRow | RuleGroup, nested: boolean): string => {
    if (n.kind === 'row') {
      const info = operatorInfo(n.operator);
      return info.arity === 1
        ? `${n.field} ${info.label}`
        : `${n.field} ${info.label} ${JSON.stringify(n.value)}`;
    }
    const inner = n.children.map((c) => text(c, true)).join(` ${n.combinator} `);
    return nested && n.children.length > 1 ? `(${inner})` : inner;
  };
  return text(group, false) || 'always';
}
