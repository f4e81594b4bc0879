// A fast reader for the expressions people write most: `$fetch.items + 1`, `$trigger.body.amount
// > 100 and $vars.limit`, `'big ' & $step.title`. jsonata's parser costs ~50 µs per expression
// (a 1,000-node workflow spends most of its validation there); this reader takes ~1 µs.
//
// It recognises a strict subset of JSONata: operands (`$name` optionally followed by `.field`
// steps, numbers, quoted texts without escapes, true/false/null, parenthesised operands) joined by
// the binary operators + - * / % & = != < <= > >= and or. Every text of that subset parses in
// jsonata, and the reader answers the variables it reads exactly as the AST walk in
// expressions.ts would (same names, members, positions, order); anything else — one character
// outside the subset — gets `undefined`, and jsonata reads it. simple-expression.test.ts checks
// the two agree on generated texts.
import type { VariableUse } from './expressions.ts';

// jsonata's tokenizer ends a name at white space or at one of these characters.
const STOP = new Set('.[]{}(),@#;:?+-*/%|=<>^&!~ \t\n\r\v');
const SPACE = new Set(' \t\n\r\v');
// Words jsonata reads as operators or literals, never as a field name.
const KEYWORDS = new Set(['and', 'or', 'in', 'true', 'false', 'null']);
const NUMBER = /(0|[1-9][0-9]*)(\.[0-9]+)?([Ee][-+]?[0-9]+)?/y;

const isWordChar = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
const isWordStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;

/**
 * The `$names` an expression body reads (as `parseExpression` reports them), or `undefined` when
 * the body is outside the subset this reader knows (then jsonata must read it).
 */
export function readSimpleExpression(body: string): VariableUse[] | undefined {
  const length = body.length;
  const uses: VariableUse[] = [];
  let at = 0;
  let depth = 0;

  const skipSpace = () => {
    while (at < length && SPACE.has(body[at])) at++;
  };
  /** End of the word starting at `from`, or -1 when jsonata would read a longer name there. */
  const wordEnd = (from: number) => {
    let end = from;
    while (end < length && isWordChar(body.charCodeAt(end))) end++;
    return end < length && !STOP.has(body[end]) ? -1 : end;
  };

  /** One operand; false when it is outside the subset. */
  const operand = (): boolean => {
    for (;;) {
      skipSpace();
      if (body[at] !== '(') break;
      depth++;
      at++;
    }
    const c = body.charCodeAt(at);
    if (c === 36 /* $ */) {
      if (!isWordStart(body.charCodeAt(at + 1))) return false;
      const end = wordEnd(at + 1);
      if (end === -1) return false;
      const name = body.slice(at + 1, end);
      at = end;
      const variable: VariableUse = { name, position: end };
      // `.field` steps; `$vars.x` also reports the workflow variable it reads.
      let first = true;
      for (;;) {
        const before = at;
        skipSpace();
        if (body[at] !== '.' || body[at + 1] === '.') {
          at = before;
          break;
        }
        at++;
        skipSpace();
        if (!isWordStart(body.charCodeAt(at))) return false;
        const stepEnd = wordEnd(at);
        if (stepEnd === -1) return false;
        const step = body.slice(at, stepEnd);
        if (KEYWORDS.has(step)) return false;
        at = stepEnd;
        if (first && name === 'vars') uses.push({ name: 'vars', member: step, position: stepEnd });
        first = false;
      }
      uses.push(variable);
      return true;
    }
    if (c === 34 || c === 39 /* " ' */) {
      const close = body.indexOf(body[at], at + 1);
      if (close === -1) return false;
      if (body.lastIndexOf('\\', close) > at) return false; // escapes: jsonata decides
      at = close + 1;
      return true;
    }
    if (c >= 48 && c <= 57) {
      NUMBER.lastIndex = at;
      const match = NUMBER.exec(body);
      if (!match || !Number.isFinite(Number.parseFloat(match[0]))) return false;
      at += match[0].length;
      return true;
    }
    if (isWordStart(c)) {
      const end = wordEnd(at);
      const word = end === -1 ? '' : body.slice(at, end);
      if (word !== 'true' && word !== 'false' && word !== 'null') return false;
      at = end;
      return true;
    }
    return false;
  };

  /** A binary operator (or closing parentheses, then one); 'end' at the end of the text. */
  const operator = (): boolean | 'end' => {
    for (;;) {
      skipSpace();
      if (body[at] !== ')') break;
      if (depth === 0) return false;
      depth--;
      at++;
    }
    if (at >= length) return depth === 0 ? 'end' : false;
    const c = body[at];
    const next = body[at + 1];
    switch (c) {
      case '+':
      case '-':
      case '%':
      case '&':
      case '=':
        at++;
        return true;
      case '*':
      case '/':
        if (next === '*') return false; // `**` and comments
        at++;
        return true;
      case '!':
        if (next !== '=') return false;
        at += 2;
        return true;
      case '<':
      case '>':
        at += next === '=' ? 2 : 1;
        return true;
    }
    const end = isWordStart(body.charCodeAt(at)) ? wordEnd(at) : -1;
    if (end === -1) return false;
    const word = body.slice(at, end);
    if (word !== 'and' && word !== 'or') return false;
    at = end;
    return true;
  };

  for (;;) {
    if (!operand()) return undefined;
    const op = operator();
    if (op === 'end') return uses;
    if (!op) return undefined;
  }
}
