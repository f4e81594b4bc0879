// A streaming JSON reader that behaves like Jackson's `ReaderBasedJsonParser`, which AWS's
// rule compiler (aws/event-ruler `JsonRuleCompiler`) reads patterns with. We need Jackson's
// exact notion of "current location" because EventBridge's error messages end with it:
//   `... at [Source: (String)"<pattern text>"; line: 1, column: 12]`
//
// Jackson's rules reproduced here:
// - the location is the read pointer (1-based column), not the token start;
// - after FIELD_NAME the value's first token is already scanned: numbers, true/false/null are
//   read whole; for `"`, `[`, `{` only the first character is consumed;
// - a string value is read lazily: the pointer stays after its opening quote until `getText()`
//   (which moves it past the closing quote) or the next `nextToken()`;
// - "Unexpected character" errors point at the offending character (location minus one),
//   "Unrecognized token" errors at the end of the token;
// - the source excerpt is cut at 500 characters (`[truncated N chars]`) and control characters
//   other than CR/LF are shown as `\uXXXX`.

export type JsonToken =
  | 'START_OBJECT'
  | 'END_OBJECT'
  | 'START_ARRAY'
  | 'END_ARRAY'
  | 'FIELD_NAME'
  | 'VALUE_STRING'
  | 'VALUE_NUMBER_INT'
  | 'VALUE_NUMBER_FLOAT'
  | 'VALUE_TRUE'
  | 'VALUE_FALSE'
  | 'VALUE_NULL';

/** A Jackson `JsonParseException`: `message` already carries the location suffix. */
export class JsonParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonParseException';
  }
}

const MAX_SOURCE_SNIPPET = 500;
const MAX_ERROR_TOKEN = 256;
const VALID_TOKENS = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

interface Context {
  kind: 'root' | 'object' | 'array';
  entries: number;
  /** Jackson's start marker location (1-based) for end-of-input messages. */
  line: number;
  column: number;
}

export class JsonReader {
  private ptr = 0;
  private line = 1;
  private lineStart = 0;
  private readonly stack: Context[] = [{ kind: 'root', entries: 0, line: 1, column: 0 }];
  private current: JsonToken | null = null;
  private currentText = '';
  private pending: { token: JsonToken; text: string } | null = null;
  private stringIncomplete = false;

  constructor(readonly source: string) {}

  /** Jackson's `getCurrentLocation()` rendered as its `toString()`. */
  location(columnOffset = 0): string {
    return `[Source: ${this.describeSource()}; line: ${this.line}, column: ${this.ptr - this.lineStart + 1 + columnOffset}]`;
  }

  /** Throws a `JsonParseException` at the current location, like event-ruler's `barf`. */
  fail(message: string): never {
    throw new JsonParseError(`${message}\n at ${this.location()}`);
  }

  get token(): JsonToken | null {
    return this.current;
  }

  /** Jackson's `getCurrentName()`: the field name while on FIELD_NAME or its value. */
  get currentName(): string {
    return this.currentText;
  }

  /** Jackson's `getText()`; for a string value this reads it to its closing quote. */
  getText(): string {
    if (this.current === 'VALUE_STRING' && this.stringIncomplete) {
      this.currentText = this.readString();
      this.stringIncomplete = false;
    }
    switch (this.current) {
      case 'START_OBJECT':
        return '{';
      case 'END_OBJECT':
        return '}';
      case 'START_ARRAY':
        return '[';
      case 'END_ARRAY':
        return ']';
      case null:
        return '';
      default:
        return this.currentText;
    }
  }

  nextToken(): JsonToken | null {
    if (this.current === 'FIELD_NAME' && this.pending) {
      const { token, text } = this.pending;
      this.pending = null;
      this.current = token;
      // The name stays readable (getCurrentName) until the value is consumed; strings keep
      // their text lazily.
      if (token !== 'VALUE_STRING') this.currentText = text;
      return token;
    }
    if (this.stringIncomplete) {
      this.readString();
      this.stringIncomplete = false;
    }
    let c = this.skipWhitespace();
    const ctx = this.top();
    if (c === undefined) {
      if (ctx.kind === 'root') {
        this.current = null;
        return null;
      }
      this.eofError(ctx);
    }
    if (c === ']' || c === '}') {
      this.ptr++;
      if (ctx.kind === 'root' || (c === ']') !== (ctx.kind === 'array')) {
        this.unexpectedChar(c, 'expected a value');
      }
      this.stack.pop();
      this.top().entries++;
      return this.set(c === ']' ? 'END_ARRAY' : 'END_OBJECT', c);
    }
    if (ctx.entries > 0 && ctx.kind !== 'root') {
      this.ptr++;
      if (c !== ',') {
        this.unexpectedChar(
          c,
          `was expecting comma to separate ${ctx.kind === 'object' ? 'Object' : 'Array'} entries`,
        );
      }
      c = this.skipWhitespace();
      if (c === undefined) this.eofError(ctx);
    }
    if (ctx.kind === 'object') {
      this.ptr++;
      if (c !== '"') this.unexpectedChar(c, 'was expecting double-quote to start field name');
      const name = this.readString();
      const colon = this.skipWhitespace();
      if (colon === undefined) this.eofError(ctx);
      this.ptr++;
      if (colon !== ':') {
        this.unexpectedChar(colon, 'was expecting a colon to separate field name and value');
      }
      const valueStart = this.skipWhitespace();
      if (valueStart === undefined) this.eofError(ctx);
      const value = this.scanValue(valueStart);
      this.pending = value;
      ctx.entries++;
      return this.set('FIELD_NAME', name);
    }
    const value = this.scanValue(c);
    if (ctx.kind === 'array') ctx.entries++;
    this.currentText = value.text;
    this.current = value.token;
    return value.token;
  }

  // -------------------------------------------------------------------------------------------

  private set(token: JsonToken, text: string): JsonToken {
    this.current = token;
    this.currentText = text;
    return token;
  }

  private top(): Context {
    return this.stack[this.stack.length - 1] as Context;
  }

  /** Reads one value's first token; containers push a context, strings stay unread. */
  private scanValue(c: string): { token: JsonToken; text: string } {
    const column = this.ptr - this.lineStart + 1;
    this.ptr++;
    switch (c) {
      case '{':
        this.stack.push({ kind: 'object', entries: 0, line: this.line, column });
        return { token: 'START_OBJECT', text: '{' };
      case '[':
        this.stack.push({ kind: 'array', entries: 0, line: this.line, column });
        return { token: 'START_ARRAY', text: '[' };
      case '"':
        this.stringIncomplete = true;
        return { token: 'VALUE_STRING', text: '' };
      case 't':
        this.matchLiteral('true');
        return { token: 'VALUE_TRUE', text: 'true' };
      case 'f':
        this.matchLiteral('false');
        return { token: 'VALUE_FALSE', text: 'false' };
      case 'n':
        this.matchLiteral('null');
        return { token: 'VALUE_NULL', text: 'null' };
      case '}':
      case ']':
        return this.unexpectedChar(c, 'expected a value');
      default:
        if (c === '-' || (c >= '0' && c <= '9')) return this.scanNumber(c);
        if (isIdentifierStart(c)) this.invalidToken(c);
        return this.unexpectedChar(c, `expected a valid value ${VALID_TOKENS}`);
    }
  }

  private scanNumber(first: string): { token: JsonToken; text: string } {
    const start = this.ptr - 1;
    const s = this.source;
    let i = this.ptr;
    if (first === '-') {
      const d = s[i];
      if (d === undefined || d < '0' || d > '9') {
        this.ptr = i + (d === undefined ? 0 : 1);
        if (d === undefined) this.fail('Unexpected end-of-input in numeric value');
        this.unexpectedChar(d, 'expected digit (0-9) to follow minus sign, for valid numeric value');
      }
      i++;
    }
    const intStart = first === '-' ? start + 1 : start;
    while (i < s.length && isDigit(s[i] as string)) i++;
    if (i - intStart > 1 && s[intStart] === '0') {
      this.ptr = intStart + 2;
      this.fail('Invalid numeric value: Leading zeroes not allowed');
    }
    let float = false;
    if (s[i] === '.') {
      float = true;
      i++;
      const fracStart = i;
      while (i < s.length && isDigit(s[i] as string)) i++;
      if (i === fracStart) {
        this.ptr = i + 1;
        this.unexpectedChar(s[i] ?? ' ', 'Decimal point not followed by a digit');
      }
    }
    if (s[i] === 'e' || s[i] === 'E') {
      float = true;
      i++;
      if (s[i] === '+' || s[i] === '-') i++;
      const expStart = i;
      while (i < s.length && isDigit(s[i] as string)) i++;
      if (i === expStart) {
        this.ptr = i + 1;
        this.unexpectedChar(s[i] ?? ' ', 'Exponent indicator not followed by a digit');
      }
    }
    this.ptr = i;
    return { token: float ? 'VALUE_NUMBER_FLOAT' : 'VALUE_NUMBER_INT', text: s.slice(start, i) };
  }

  private matchLiteral(word: string): void {
    const s = this.source;
    let i = 1;
    while (i < word.length && s[this.ptr] === word[i]) {
      this.ptr++;
      i++;
    }
    if (i < word.length || isIdentifierPart(s[this.ptr])) {
      this.invalidToken(word.slice(0, i));
    }
  }

  /** Jackson's `_reportInvalidToken`: the token runs on over identifier characters. */
  private invalidToken(matched: string): never {
    let token = matched;
    while (this.ptr < this.source.length && isIdentifierPart(this.source[this.ptr])) {
      token += this.source[this.ptr];
      this.ptr++;
      if (token.length >= MAX_ERROR_TOKEN) {
        token += '...';
        break;
      }
    }
    this.fail(`Unrecognized token '${token}': was expecting ${VALID_TOKENS}`);
  }

  private unexpectedChar(c: string, why: string): never {
    throw new JsonParseError(`Unexpected character (${describeChar(c)}): ${why}\n at ${this.location(-1)}`);
  }

  private eofError(ctx: Context): never {
    const marker = ctx.kind === 'object' ? 'Object' : 'Array';
    this.fail(
      `Unexpected end-of-input: expected close marker for ${marker} (start marker at [Source: ${this.describeSource()}; line: ${ctx.line}, column: ${ctx.column}])`,
    );
  }

  /** Reads a string whose opening quote is already consumed; returns its decoded text. */
  private readString(): string {
    const s = this.source;
    let out = '';
    let runStart = this.ptr;
    for (;;) {
      if (this.ptr >= s.length) {
        this.fail('Unexpected end-of-input: was expecting closing quote for a string value');
      }
      const c = s[this.ptr] as string;
      this.ptr++;
      if (c === '"') {
        return out + s.slice(runStart, this.ptr - 1);
      }
      if (c === '\\') {
        out += s.slice(runStart, this.ptr - 1);
        out += this.readEscape();
        runStart = this.ptr;
      } else if (c < ' ') {
        this.unexpectedCtrl(c);
      }
    }
  }

  private readEscape(): string {
    const s = this.source;
    if (this.ptr >= s.length) this.fail('Unexpected end-of-input in character escape sequence');
    const c = s[this.ptr] as string;
    this.ptr++;
    switch (c) {
      case '"':
      case '\\':
      case '/':
        return c;
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'u': {
        let code = 0;
        for (let k = 0; k < 4; k++) {
          const h = s[this.ptr];
          if (h === undefined) this.fail('Unexpected end-of-input in character escape sequence');
          this.ptr++;
          const v = Number.parseInt(h, 16);
          if (Number.isNaN(v)) {
            this.unexpectedChar(h, 'expected a hex-digit for character escape sequence');
          }
          code = code * 16 + v;
        }
        return String.fromCharCode(code);
      }
      default:
        throw new JsonParseError(
          `Unrecognized character escape ${describeChar(c)}\n at ${this.location(-1)}`,
        );
    }
  }

  private unexpectedCtrl(c: string): never {
    throw new JsonParseError(
      `Illegal unquoted character (${describeChar(c)}): has to be escaped using backslash to be included in string value\n at ${this.location(-1)}`,
    );
  }

  private skipWhitespace(): string | undefined {
    const s = this.source;
    while (this.ptr < s.length) {
      const c = s[this.ptr] as string;
      if (c === ' ' || c === '\t') {
        this.ptr++;
      } else if (c === '\n') {
        this.ptr++;
        this.line++;
        this.lineStart = this.ptr;
      } else if (c === '\r') {
        this.ptr++;
        if (s[this.ptr] === '\n') this.ptr++;
        this.line++;
        this.lineStart = this.ptr;
      } else {
        return c;
      }
    }
    return undefined;
  }

  private describeSource(): string {
    const text = this.source;
    const shown = text.length > MAX_SOURCE_SNIPPET ? text.slice(0, MAX_SOURCE_SNIPPET) : text;
    let escaped = '';
    for (const ch of shown) {
      const code = ch.charCodeAt(0);
      const control = code < 0x20 || (code >= 0x7f && code <= 0x9f);
      escaped +=
        control && ch !== '\r' && ch !== '\n' ? `\\u${code.toString(16).toUpperCase().padStart(4, '0')}` : ch;
    }
    const cut = text.length - shown.length;
    return `(String)"${escaped}"${cut > 0 ? `[truncated ${cut} chars]` : ''}`;
  }
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** Java's `Character.isJavaIdentifierStart`/`Part`, close enough for error text. */
function isIdentifierStart(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{Nl}$_\p{Sc}\p{Pc}]/u.test(c);
}

function isIdentifierPart(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}\p{Mn}\p{Mc}$_\p{Sc}\p{Pc}]/u.test(c);
}

/** Jackson's `_getCharDesc`. */
function describeChar(c: string): string {
  const code = c.charCodeAt(0);
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return `(CTRL-CHAR, code ${code})`;
  if (code > 255) return `'${c}' (code ${code} / 0x${code.toString(16)})`;
  return `'${c}' (code ${code})`;
}
