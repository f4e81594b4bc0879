// Reading a condition's `var` paths the way json-logic-js does (`data[key]`, key by key), once
// each, at the start of the compiled expression.
//
// A JSONata path (`$trigger.body.amount`) is JavaScript's property access only while every step
// reads an object: over an array JSONata maps the step onto the elements, where JavaScript finds
// nothing. So each step is guarded: `$_1 := $type($trigger) = 'object' ? $trigger.body`.
// `length` and indexes also read lists and texts; those steps use the `_at` helper. Every prefix is
// bound once, so `trigger.body.amount` and `trigger.body.status` share the `trigger.body` step, and
// an object several fields are read from is tested once (`$_2 := $type($_1) = 'object' ? $_1`).

import { jsonataText } from './jsonata-text.ts';

/** Keys JavaScript also finds in lists and texts. */
const INDEX_OR_LENGTH = /^(length|0|[1-9][0-9]*)$/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Names JSONata reads as literals, not fields. */
const LITERAL_NAMES = new Set(['true', 'false', 'null']);
/**
 * Inherited JavaScript properties are not data: a path step may find them in some JSONata
 * versions (2.0.6's `$o.constructor` is a function), `$lookup` never does.
 */
const INHERITED = new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__']);

interface PathNode {
  children: Map<string, PathNode>;
  /** The name holding the value at this path. */
  local?: string;
}

export class VarReads {
  private readonly roots = new Map<string, PathNode>();
  private usesAt = false;

  constructor(private readonly newLocal: () => string) {}

  /**
   * The JSONata name holding the value at `root.keys…`, undefined at run time when the path finds
   * nothing (which json-logic's `var` turns into its default).
   */
  read(root: string, keys: string[]): string {
    if (keys.length === 0) return `$${root}`;
    let node: PathNode | undefined = this.roots.get(root);
    if (!node) {
      node = { children: new Map() };
      this.roots.set(root, node);
    }
    for (const key of keys) {
      let child: PathNode | undefined = node.children.get(key);
      if (!child) {
        child = { children: new Map() };
        node.children.set(key, child);
      }
      node = child;
    }
    node.local ??= this.newLocal();
    return node.local;
  }

  /** The helpers the bindings call. */
  helpers(): string[] {
    return this.usesAt ? ['_at'] : [];
  }

  /** `$_n:=…` bindings computing every read, each prefix before what reads from it. */
  bindings(): string[] {
    const out: string[] = [];
    for (const [root, node] of this.roots) this.bindChildren(node, `$${root}`, out);
    return out;
  }

  private bindChildren(node: PathNode, value: string, out: string[]): void {
    const fields = [...node.children.keys()].filter((key) => !INDEX_OR_LENGTH.test(key));
    // value if it is an object; bound once when several fields are read from it.
    let object: string | undefined;
    if (fields.length > 1) {
      object = this.newLocal();
      out.push(`${object}:=$type(${value})='object'?${value}`);
    }
    for (const [key, child] of node.children) {
      let read: string;
      if (INDEX_OR_LENGTH.test(key)) {
        this.usesAt = true;
        read = `$_at(${value},${jsonataText(key)})`;
      } else {
        read = object ? step(object, key) : `$type(${value})='object'?${step(value, key)}`;
      }
      child.local ??= this.newLocal();
      out.push(`${child.local}:=${read}`);
      this.bindChildren(child, child.local, out);
    }
  }
}

/** `object.key` in JSONata, for a key JavaScript finds only in objects. */
function step(object: string, key: string): string {
  if (INHERITED.has(key) || key === '' || key.includes('`')) return `$lookup(${object},${jsonataText(key)})`;
  return NAME.test(key) && !LITERAL_NAMES.has(key) ? `${object}.${key}` : `${object}.\`${key}\``;
}
