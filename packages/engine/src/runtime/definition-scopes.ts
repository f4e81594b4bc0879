import type { Machine, Problem, StateNode } from './definition.ts';

// Variable scopes (https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html):
// a Parallel branch or Map iteration may read the variables of its enclosing scopes but may not
// assign them, and may not declare a variable of the same name (no shadowing). Step Functions
// rejects such a definition when it is created. A Catcher on the Parallel/Map itself belongs to
// the enclosing scope, so it may assign there.

/** One `Assign` key of a scope, with its definition path. */
interface Declaration {
  name: string;
  path: string;
}

/** Every variable a machine's own states assign (state, Choice rules, Catchers). */
function declarations(machine: Machine, prefix: string): Declaration[] {
  const out: Declaration[] = [];
  const at = (p: string) => (prefix ? `${prefix}.${p}` : p);
  const add = (assign: unknown, path: string) => {
    if (assign === null || typeof assign !== 'object' || Array.isArray(assign)) return;
    for (const key of Object.keys(assign))
      out.push({ name: key.endsWith('.$') ? key.slice(0, -2) : key, path: `${path}.${key}` });
  };
  for (const node of machine.states.values()) {
    const base = at(`States.${node.name}`);
    add(node.raw.Assign, `${base}.Assign`);
    for (const field of ['Choices', 'Catch'] as const) {
      const list: unknown = node.raw[field];
      if (!Array.isArray(list)) continue;
      for (const [i, entry] of list.entries())
        add((entry as { Assign?: unknown } | null)?.Assign, `${base}.${field}[${i}].Assign`);
    }
  }
  return out;
}

/** The nested scopes of a state: its branches or its item processor, with their paths. */
function innerScopes(node: StateNode, base: string): { machine: Machine; prefix: string }[] {
  if (node.type === 'Parallel')
    return node.branches.map((m, i) => ({ machine: m, prefix: `${base}.Branches[${i}]` }));
  if (node.type === 'Map' && node.processor)
    return [
      { machine: node.processor, prefix: `${base}.${node.raw.ItemProcessor ? 'ItemProcessor' : 'Iterator'}` },
    ];
  return [];
}

/** Problems for every inner-scope Assign of a name an enclosing scope declares. */
export function checkVariableScopes(root: Machine, problems: Problem[]): void {
  const visit = (machine: Machine, prefix: string, outer: ReadonlySet<string>) => {
    const own = declarations(machine, prefix);
    for (const d of own)
      if (outer.has(d.name))
        problems.push({
          path: d.path,
          message: `The variable "${d.name}" is declared in an enclosing scope: a Parallel branch or Map iteration can read it but cannot assign or re-declare it.`,
        });
    const visible = new Set(outer);
    for (const d of own) visible.add(d.name);
    for (const node of machine.states.values())
      for (const inner of innerScopes(node, prefix ? `${prefix}.States.${node.name}` : `States.${node.name}`))
        visit(inner.machine, inner.prefix, visible);
  };
  visit(root, '', new Set());
}
