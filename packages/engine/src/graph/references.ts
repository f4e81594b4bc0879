// Checks what a node's params read: every `{% %}` expression must parse, and every `$name` in it
// (and every json-logic `var` in a rule) must be `trigger`, `vars`, a function, a name bound in
// the expression, an upstream node, or inside a for-each body `<forEachId>_item` / `_index`.
import type { JsonSchema } from '../nodes/spec.ts';
import { PARALLEL_TYPE } from './control-types.ts';
import { findExpressions, parseExpression } from './expressions.ts';
import type { ValidationIssue } from './issues.ts';
import type { WorkflowGraph, WorkflowNode } from './model.ts';
import { isFunctionName } from './reserved-names.ts';
import type { Scopes } from './scopes.ts';
import type { Topology } from './topology.ts';

export interface ReferenceContext {
  graph: WorkflowGraph;
  topology: Topology;
  scopes: Scopes;
  /** Whether this node may read `$<name>` (see upstream.ts). */
  canRead: (name: string) => boolean;
  isTrigger: (node: WorkflowNode) => boolean;
  name: (id: string) => string;
}

/** Why `$name` cannot be read by `node`, or undefined when it can. */
function problemWith(
  name: string,
  node: WorkflowNode,
  ctx: ReferenceContext,
  member?: string,
): ValidationIssue['code'] | [ValidationIssue['code'], string] | undefined {
  if (name === 'trigger') return undefined;
  if (name === 'vars') {
    if (member === undefined || ctx.graph.variables === undefined || member in ctx.graph.variables)
      return undefined;
    return ['unknown_reference', `there is no workflow variable called “${member}”`];
  }
  if (isFunctionName(name)) return undefined;
  const loopVariable = /^(.+)_(item|index)$/.exec(name);
  if (loopVariable && ctx.scopes.forEachBodies.has(loopVariable[1])) {
    if (ctx.scopes.forEachBodies.get(loopVariable[1])?.has(node.id)) return undefined;
    return ['not_upstream', `$${name} is only available inside the loop of ${ctx.name(loopVariable[1])}`];
  }
  const target = ctx.topology.nodes.get(name);
  if (!target) {
    if (name === 'states')
      return ['unknown_reference', '$states is reserved; use $trigger or the name of an earlier step'];
    return ['unknown_reference', `there is no step called “${name}”`];
  }
  if (ctx.canRead(name)) return undefined;
  if (name === node.id) return ['not_upstream', 'a step cannot use its own result'];
  if (ctx.isTrigger(target)) return ['not_upstream', `use $trigger to read what started the workflow`];
  if (ctx.scopes.enclosing.get(node.id)?.includes(name)) {
    return [
      'not_upstream',
      `the result of ${ctx.name(name)} only exists once it has finished, after this step`,
    ];
  }
  const parallel = branchParallelOutside(name, node.id, ctx.scopes, ctx.topology);
  if (parallel) {
    return [
      'not_upstream',
      `${ctx.name(name)} runs inside the parallel ${ctx.name(parallel)}; after its join, read it as $${parallel}.${name}`,
    ];
  }
  return ['not_upstream', `${ctx.name(name)} does not run before this step`];
}

/** The parallel that `name` runs in a branch of while `nodeId` runs outside it, if any. */
function branchParallelOutside(name: string, nodeId: string, scopes: Scopes, topology: Topology) {
  const outside = scopes.enclosing.get(nodeId) ?? [];
  return (scopes.enclosing.get(name) ?? []).find(
    (id) => topology.nodes.get(id)?.type === PARALLEL_TYPE && !outside.includes(id),
  );
}

function report(
  out: ValidationIssue[],
  node: WorkflowNode,
  path: string,
  what: string,
  problem: ReturnType<typeof problemWith>,
): void {
  if (problem === undefined) return;
  const [code, reason] = Array.isArray(problem) ? problem : [problem, ''];
  out.push({ code, nodeId: node.id, path, message: `${what}, but ${reason}.` });
}

/** Walks params alongside their JSON Schema to find json-logic rules (`format: json-logic`). */
function findRules(
  value: unknown,
  schema: JsonSchema | undefined,
  path: string,
  found: { path: string; rule: unknown }[],
): void {
  if (!schema || value === null || typeof value !== 'object') return;
  if (schema.format === 'json-logic') {
    found.push({ path, rule: value });
    return;
  }
  const join = (key: string | number) => (path === '' ? String(key) : `${path}.${key}`);
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (properties && !Array.isArray(value)) {
    for (const [key, item] of Object.entries(value)) findRules(item, properties[key], join(key), found);
  }
  const items = schema.items as JsonSchema | undefined;
  if (items && Array.isArray(value)) {
    for (const [index, item] of value.entries()) findRules(item, items, join(index), found);
  }
}

/** `{ "var": "a.b" }` / `{ "var": ["a.b", default] }` anywhere in a rule. */
function ruleVariables(rule: unknown, path: string, found: { path: string; variable: string }[]): void {
  if (Array.isArray(rule)) {
    for (const [index, item] of rule.entries()) ruleVariables(item, `${path}.${index}`, found);
    return;
  }
  if (typeof rule !== 'object' || rule === null) return;
  for (const [operator, args] of Object.entries(rule)) {
    if (operator === 'var') {
      const variable = Array.isArray(args) ? args[0] : args;
      if (typeof variable === 'string' && variable !== '') found.push({ path: `${path}.var`, variable });
      continue;
    }
    ruleVariables(args, `${path}.${operator}`, found);
  }
}

export function checkReferences(
  node: WorkflowNode,
  paramsSchema: JsonSchema | undefined,
  ctx: ReferenceContext,
  out: ValidationIssue[],
): void {
  for (const expression of findExpressions(node.params)) {
    const path = expression.path === '' ? 'params' : `params.${expression.path}`;
    const parsed = parseExpression(expression.text);
    if (!parsed.ok) {
      const where = parsed.position === undefined ? '' : ` (at character ${parsed.position})`;
      out.push({
        code: 'invalid_expression',
        nodeId: node.id,
        path,
        message: `The expression in ${ctx.name(node.id)} at “${expression.path}” cannot be read: ${parsed.message}${where}.`,
      });
      continue;
    }
    const reported = new Set<string>();
    for (const use of parsed.variables) {
      const key = `${use.name}.${use.member ?? ''}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const label = use.member === undefined ? `$${use.name}` : `$vars.${use.member}`;
      report(
        out,
        node,
        path,
        `The expression at “${expression.path}” uses ${label}`,
        problemWith(use.name, node, ctx, use.member),
      );
    }
  }
  const rules: { path: string; rule: unknown }[] = [];
  findRules(node.params, paramsSchema, '', rules);
  for (const { path, rule } of rules) {
    const variables: { path: string; variable: string }[] = [];
    ruleVariables(rule, path, variables);
    for (const { path: at, variable } of variables) {
      const [name, member] = variable.split('.');
      report(out, node, `params.${at}`, `The rule uses “${variable}”`, problemWith(name, node, ctx, member));
    }
  }
}
