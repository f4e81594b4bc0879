// Parses a JSONPath (Jayway dialect, as AWS uses it) into its root and segments, so we can tell
// definite paths (one value) from indefinite ones (a list), and walk reference paths ourselves.

export type PathRoot = { kind: 'input' } | { kind: 'context' } | { kind: 'variable'; name: string };

export type PathSegment =
  | { kind: 'name'; name: string }
  | { kind: 'index'; index: number }
  /** Wildcard, deep scan, filter, slice or union: makes the path indefinite. */
  | { kind: 'indefinite'; text: string };

export interface ParsedPath {
  text: string;
  root: PathRoot;
  segments: PathSegment[];
  /** True when the path can only ever select one node (Jayway "definite path"). */
  definite: boolean;
  /** The path re-rooted at `$`, for jsonpath-plus (indefinite paths). */
  rootedText: string;
}

export class PathSyntaxError extends Error {}

// Characters that end a dot-notation name.
const NAME_END = new Set(['.', '[', ']', '(', ')', ',', ' ', '\t', '\n', "'", '"', '*', '?', '@']);
const VARIABLE_NAME = /^[\p{L}_][\p{L}\p{N}_]*/u;

const cache = new Map<string, ParsedPath>();
const CACHE_LIMIT = 2000;

/** Parses `path` or throws `PathSyntaxError` with a message naming the problem. */
export function parsePath(path: string): ParsedPath {
  const cached = cache.get(path);
  if (cached) return cached;
  const parsed = parseUncached(path);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(path, parsed);
  return parsed;
}

/** The parse, or undefined when the text is not a valid path. */
export function tryParsePath(path: string): ParsedPath | undefined {
  try {
    return parsePath(path);
  } catch {
    return undefined;
  }
}

function parseUncached(text: string): ParsedPath {
  if (!text.startsWith('$')) throw new PathSyntaxError(`A path must start with '$': '${text}'`);
  let root: PathRoot;
  let pos: number;
  if (text.startsWith('$$')) {
    root = { kind: 'context' };
    pos = 2;
  } else {
    const variable = VARIABLE_NAME.exec(text.slice(1));
    if (variable) {
      root = { kind: 'variable', name: variable[0] };
      pos = 1 + variable[0].length;
    } else {
      root = { kind: 'input' };
      pos = 1;
    }
  }
  const segments: PathSegment[] = [];
  while (pos < text.length) {
    const ch = text[pos];
    if (ch === '.') {
      if (text[pos + 1] === '.') {
        // Deep scan: `..name`, `..*` or `..[...]`.
        const start = pos;
        pos += 2;
        if (text[pos] === '[') pos = skipBracket(text, pos);
        else if (text[pos] === '*') pos += 1;
        else pos = readName(text, pos).end;
        segments.push({ kind: 'indefinite', text: text.slice(start, pos) });
        continue;
      }
      pos += 1;
      if (text[pos] === '*') {
        segments.push({ kind: 'indefinite', text: '.*' });
        pos += 1;
        continue;
      }
      const { name, end } = readName(text, pos);
      if (text[end] === '(')
        throw new PathSyntaxError(`Path functions such as '${name}()' are not supported: '${text}'`);
      segments.push({ kind: 'name', name });
      pos = end;
    } else if (ch === '[') {
      const end = skipBracket(text, pos);
      segments.push(parseBracket(text.slice(pos + 1, end - 1).trim(), text));
      pos = end;
    } else {
      throw new PathSyntaxError(`Unexpected '${ch}' at position ${pos} in path '${text}'`);
    }
  }
  const definite = segments.every((s) => s.kind !== 'indefinite');
  const rootedText = `$${text.slice(root.kind === 'input' ? 1 : root.kind === 'context' ? 2 : 1 + root.name.length)}`;
  return { text, root, segments, definite, rootedText };
}

function readName(text: string, pos: number): { name: string; end: number } {
  let end = pos;
  while (end < text.length && !NAME_END.has(text[end])) end += 1;
  if (end === pos) throw new PathSyntaxError(`Expected a field name at position ${pos} in path '${text}'`);
  return { name: text.slice(pos, end), end };
}

/** Returns the index just past the `]` matching the `[` at `pos`, honouring quotes and nesting. */
function skipBracket(text: string, pos: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = pos; i < text.length; i += 1) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i += 1;
      else if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '[' || ch === '(') depth += 1;
    else if (ch === ']' || ch === ')') {
      depth -= 1;
      if (depth === 0) {
        if (ch !== ']') throw new PathSyntaxError(`Unbalanced brackets in path '${text}'`);
        return i + 1;
      }
    }
  }
  throw new PathSyntaxError(`Unclosed '[' in path '${text}'`);
}

function parseBracket(inner: string, text: string): PathSegment {
  if (inner === '') throw new PathSyntaxError(`Empty brackets in path '${text}'`);
  if (/^-?\d+$/.test(inner)) return { kind: 'index', index: Number(inner) };
  const quoted = /^(['"])((?:\\.|(?!\1).)*)\1$/.exec(inner);
  if (quoted) return { kind: 'name', name: quoted[2].replace(/\\(.)/g, '$1') };
  return { kind: 'indefinite', text: `[${inner}]` };
}

/** Jayway's normalised form, as AWS prints it in error causes: `$['a']['b'][0]`. */
export function normalizedPath(parsed: ParsedPath): string {
  const root =
    parsed.root.kind === 'input' ? '$' : parsed.root.kind === 'context' ? '$$' : `$${parsed.root.name}`;
  return (
    root +
    parsed.segments
      .map((s) => (s.kind === 'name' ? `['${s.name}']` : s.kind === 'index' ? `[${s.index}]` : s.text))
      .join('')
  );
}
