// Evaluates an intrinsic call against a scope. Every failure is a StatesError named
// States.IntrinsicFailure with a cause naming the function and the problem.

import { StatesError } from '../../errors.ts';
import { PathSyntaxError, parsePath } from '../path-syntax.ts';
import { query } from '../query.ts';
import type { JsonPathScope } from '../scope.ts';
import { INTRINSIC_FUNCTIONS, IntrinsicError, splitRawTemplate, splitTemplate } from './functions.ts';
import {
  type IntrinsicNode,
  IntrinsicSyntaxError,
  isIntrinsic,
  MAX_NESTING,
  parseIntrinsic,
} from './syntax.ts';

export { isIntrinsic };

export function evaluateIntrinsic(expression: string, scope: JsonPathScope): unknown {
  let call: IntrinsicNode & { kind: 'call' };
  try {
    call = parseIntrinsic(expression);
  } catch (err) {
    throw new StatesError('States.IntrinsicFailure', err instanceof Error ? err.message : String(err));
  }
  try {
    return evaluateNode(call, scope);
  } catch (err) {
    if (err instanceof StatesError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new StatesError('States.IntrinsicFailure', `${message} (in '${expression}')`);
  }
}

function evaluateNode(node: IntrinsicNode, scope: JsonPathScope): unknown {
  switch (node.kind) {
    case 'literal':
    case 'string':
      return node.value;
    case 'path':
      return evaluatePathArgument(node.path, scope);
    case 'call': {
      const spec = INTRINSIC_FUNCTIONS[node.name];
      if (!spec) throw new IntrinsicError(`Unknown intrinsic function '${node.name}'`);
      checkArity(node.name, node.args.length, spec.arity);
      const args = node.args.map((arg) => evaluateNode(arg, scope));
      let template: string[] | undefined;
      if (node.name === 'States.Format') {
        const first = node.args[0];
        if (first.kind === 'string') template = splitRawTemplate(first.raw);
        else if (typeof args[0] === 'string') template = splitTemplate(args[0]);
      }
      return spec.run(args, node.name, template);
    }
  }
}

function evaluatePathArgument(path: string, scope: JsonPathScope): unknown {
  let parsed: ReturnType<typeof parsePath>;
  try {
    parsed = parsePath(path);
  } catch (err) {
    throw new IntrinsicError(err instanceof PathSyntaxError ? err.message : String(err));
  }
  const result = query(parsed, scope);
  if (!result.found) throw new IntrinsicError(`Invalid path '${path}' : ${result.reason}`);
  return result.value;
}

function checkArity(name: string, count: number, [min, max]: [number, number]): void {
  if (count >= min && count <= max) return;
  const expected =
    min === max ? `${min}` : max === Number.POSITIVE_INFINITY ? `at least ${min}` : `${min} to ${max}`;
  throw new IntrinsicError(`${name} takes ${expected} argument(s) but ${count} were given`);
}

/** A syntax problem with the expression (for definition validation), or undefined if it is fine. */
export function validateIntrinsic(expression: string): string | undefined {
  let call: IntrinsicNode;
  try {
    call = parseIntrinsic(expression);
  } catch (err) {
    return err instanceof IntrinsicSyntaxError ? err.message : String(err);
  }
  return checkStatic(call, expression);
}

function checkStatic(node: IntrinsicNode, expression: string, depth = 1): string | undefined {
  if (node.kind === 'path') {
    try {
      parsePath(node.path);
    } catch (err) {
      return `Invalid path '${node.path}' in '${expression}': ${err instanceof Error ? err.message : String(err)}`;
    }
    return undefined;
  }
  if (node.kind !== 'call') return undefined;
  if (depth > MAX_NESTING) return `More than ${MAX_NESTING} nested intrinsic functions in '${expression}'`;
  const spec = INTRINSIC_FUNCTIONS[node.name];
  if (!spec) return `Unknown intrinsic function '${node.name}' in '${expression}'`;
  try {
    checkArity(node.name, node.args.length, spec.arity);
  } catch (err) {
    return `${(err as Error).message} in '${expression}'`;
  }
  for (const arg of node.args) {
    const problem = checkStatic(arg, expression, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}
