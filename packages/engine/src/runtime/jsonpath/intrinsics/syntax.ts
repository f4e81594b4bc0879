// Parser for intrinsic function calls, e.g. `States.Format('Hi {}', States.ArrayGetItem($.a, 0))`.
// Arguments: nested calls, paths ($, $$, $var), 'strings' with \' \{ \} \\ escapes, numbers,
// true/false/null.

export type IntrinsicNode =
  | { kind: 'call'; name: string; args: IntrinsicNode[] }
  | { kind: 'path'; path: string }
  /** `raw` keeps the escapes: States.Format must tell an escaped `\{` from a placeholder. */
  | { kind: 'string'; value: string; raw: string }
  | { kind: 'literal'; value: number | boolean | null };

export class IntrinsicSyntaxError extends Error {}

/** AWS allows at most 10 nested intrinsic functions in one field. */
export const MAX_NESTING = 10;

const NAME = /^States\.[A-Za-z0-9]+/;
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/;
const KEYWORD = /^(?:true|false|null)(?![A-Za-z0-9_])/;

const cache = new Map<string, IntrinsicNode>();
const CACHE_LIMIT = 1000;

/** True when the text looks like an intrinsic call rather than a path. */
export function isIntrinsic(expression: string): boolean {
  return expression.trimStart().startsWith('States.');
}

/** Parses a whole expression (one call) or throws IntrinsicSyntaxError. */
export function parseIntrinsic(expression: string): IntrinsicNode & { kind: 'call' } {
  const cached = cache.get(expression);
  if (cached) return cached as IntrinsicNode & { kind: 'call' };
  const parser = new Parser(expression);
  parser.skipSpace();
  const node = parser.call(1);
  parser.skipSpace();
  if (!parser.atEnd()) parser.fail(`unexpected text after the closing ')'`);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(expression, node);
  return node;
}

class Parser {
  pos = 0;
  constructor(readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos += 1;
  }

  fail(message: string): never {
    throw new IntrinsicSyntaxError(
      `Invalid intrinsic function '${this.text}': ${message} (at position ${this.pos})`,
    );
  }

  call(depth: number): IntrinsicNode & { kind: 'call' } {
    if (depth > MAX_NESTING) this.fail(`more than ${MAX_NESTING} nested intrinsic functions`);
    const match = NAME.exec(this.text.slice(this.pos));
    if (!match) this.fail(`expected a function name such as 'States.Format'`);
    const name = match[0];
    this.pos += name.length;
    this.skipSpace();
    if (this.text[this.pos] !== '(') this.fail(`expected '(' after ${name}`);
    this.pos += 1;
    const args: IntrinsicNode[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ')') {
      this.pos += 1;
      return { kind: 'call', name, args };
    }
    for (;;) {
      this.skipSpace();
      args.push(this.argument(depth));
      this.skipSpace();
      const ch = this.text[this.pos];
      if (ch === ',') {
        this.pos += 1;
      } else if (ch === ')') {
        this.pos += 1;
        return { kind: 'call', name, args };
      } else {
        this.fail(
          ch === undefined ? `missing ')' to close ${name}` : `expected ',' or ')' but found '${ch}'`,
        );
      }
    }
  }

  argument(depth: number): IntrinsicNode {
    const rest = this.text.slice(this.pos);
    const ch = rest[0];
    if (ch === "'") return this.string();
    if (ch === '$') return this.path();
    if (rest.startsWith('States.')) return this.call(depth + 1);
    const number = NUMBER.exec(rest);
    if (number) {
      this.pos += number[0].length;
      return { kind: 'literal', value: Number(number[0]) };
    }
    const keyword = KEYWORD.exec(rest);
    if (keyword) {
      this.pos += keyword[0].length;
      return { kind: 'literal', value: keyword[0] === 'null' ? null : keyword[0] === 'true' };
    }
    return this.fail(ch === undefined ? 'missing argument' : `unexpected '${ch}'`);
  }

  string(): IntrinsicNode {
    const start = this.pos;
    this.pos += 1;
    let value = '';
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos];
      if (ch === '\\') {
        const next = this.text[this.pos + 1];
        if (next !== "'" && next !== '{' && next !== '}' && next !== '\\') {
          this.fail(`an open escape '\\' must be followed by ', {, } or \\`);
        }
        value += next;
        this.pos += 2;
      } else if (ch === "'") {
        this.pos += 1;
        return { kind: 'string', value, raw: this.text.slice(start + 1, this.pos - 1) };
      } else {
        value += ch;
        this.pos += 1;
      }
    }
    return this.fail('unterminated string literal');
  }

  /** A path runs to the next ',' or ')' outside brackets and quotes. */
  path(): IntrinsicNode {
    const start = this.pos;
    let depth = 0;
    let quote: string | undefined;
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos];
      if (quote) {
        if (ch === '\\') this.pos += 1;
        else if (ch === quote) quote = undefined;
      } else if (ch === "'" || ch === '"') quote = ch;
      else if (ch === '[' || ch === '(') depth += 1;
      else if (ch === ']') depth -= 1;
      else if (ch === ')') {
        if (depth === 0) break;
        depth -= 1;
      } else if (ch === ',' && depth === 0) break;
      this.pos += 1;
    }
    const path = this.text.slice(start, this.pos).trim();
    return { kind: 'path', path };
  }
}
