// The 18 intrinsic functions of Step Functions' JSONPath mode, with AWS's argument checks and
// limits. Each receives evaluated arguments; a failure throws IntrinsicError, which the caller
// reports as States.IntrinsicFailure.

import { createHash, randomUUID } from 'node:crypto';
import { JavaRandom } from './java-random.ts';

export class IntrinsicError extends Error {}

/** The first argument of States.Format, split at its `{}` placeholders. */
export type FormatTemplate = string[];

type Fn = (args: unknown[], name: string, template?: FormatTemplate) => unknown;

interface FunctionSpec {
  /** Allowed argument counts: [min, max]. */
  arity: [number, number];
  run: Fn;
}

const MAX_ENCODE_LENGTH = 10_000;
const MAX_RANGE_ITEMS = 1000;
const INT32_MAX = 2_147_483_647;
const INT32_MIN = -2_147_483_648;
const HASH_ALGORITHMS: Record<string, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

export const INTRINSIC_FUNCTIONS: Record<string, FunctionSpec> = {
  'States.Format': {
    arity: [1, Number.POSITIVE_INFINITY],
    run: (args, name, template) => {
      const parts = template ?? splitTemplate(expectString(args[0], name, 1));
      const values = args.slice(1);
      if (parts.length - 1 !== values.length) {
        fail(
          `${name}: the format string has ${parts.length - 1} placeholder(s) but ${values.length} argument(s) were given`,
        );
      }
      let out = parts[0];
      values.forEach((value, i) => {
        out += formatValue(value, name, i + 2) + parts[i + 1];
      });
      return out;
    },
  },
  'States.StringToJson': {
    arity: [1, 1],
    run: (args, name) => {
      const text = expectString(args[0], name, 1);
      try {
        return JSON.parse(text);
      } catch {
        return fail(`${name}: the argument is not valid JSON: '${text}'`);
      }
    },
  },
  'States.JsonToString': {
    arity: [1, 1],
    run: (args) => JSON.stringify(args[0]),
  },
  'States.Array': {
    arity: [0, Number.POSITIVE_INFINITY],
    run: (args) => args,
  },
  'States.ArrayPartition': {
    arity: [2, 2],
    run: (args, name) => {
      const array = expectArray(args[0], name, 1);
      const size = expectInteger(args[1], name, 2);
      if (size <= 0) fail(`${name}: the chunk size must be a positive integer, got ${size}`);
      const chunks: unknown[][] = [];
      for (let i = 0; i < array.length; i += size) chunks.push(array.slice(i, i + size));
      return chunks;
    },
  },
  'States.ArrayContains': {
    arity: [2, 2],
    run: (args, name) => expectArray(args[0], name, 1).some((item) => deepEqual(item, args[1])),
  },
  'States.ArrayRange': {
    arity: [3, 3],
    run: (args, name) => {
      const start = expectInteger(args[0], name, 1);
      const end = expectInteger(args[1], name, 2);
      const step = expectInteger(args[2], name, 3);
      if (step === 0) fail(`${name}: the step must not be 0`);
      const count = Math.max(0, Math.floor((end - start) / step) + 1);
      if (count > MAX_RANGE_ITEMS)
        fail(`${name}: the range would have ${count} items; at most ${MAX_RANGE_ITEMS} are allowed`);
      return Array.from({ length: count }, (_, i) => start + i * step);
    },
  },
  'States.ArrayGetItem': {
    arity: [2, 2],
    run: (args, name) => {
      const array = expectArray(args[0], name, 1);
      const index = expectInteger(args[1], name, 2);
      if (index < 0 || index >= array.length) {
        fail(`${name}: index ${index} is out of bounds for an array of length ${array.length}`);
      }
      return array[index];
    },
  },
  'States.ArrayLength': {
    arity: [1, 1],
    run: (args, name) => expectArray(args[0], name, 1).length,
  },
  'States.ArrayUnique': {
    arity: [1, 1],
    run: (args, name) => {
      const unique: unknown[] = [];
      for (const item of expectArray(args[0], name, 1)) {
        if (!unique.some((seen) => deepEqual(seen, item))) unique.push(item);
      }
      return unique;
    },
  },
  'States.Base64Encode': {
    arity: [1, 1],
    run: (args, name) => Buffer.from(expectBounded(args[0], name), 'utf8').toString('base64'),
  },
  'States.Base64Decode': {
    arity: [1, 1],
    run: (args, name) => {
      const text = expectBounded(args[0], name);
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) {
        fail(`${name}: the argument is not valid Base64: '${text}'`);
      }
      return Buffer.from(text, 'base64').toString('utf8');
    },
  },
  'States.Hash': {
    arity: [2, 2],
    run: (args, name) => {
      const data = expectBounded(args[0], name);
      const algorithm = expectString(args[1], name, 2);
      const nodeName = HASH_ALGORITHMS[algorithm];
      if (!nodeName) {
        fail(
          `${name}: unsupported algorithm '${algorithm}'; use one of ${Object.keys(HASH_ALGORITHMS).join(', ')}`,
        );
      }
      return createHash(nodeName).update(data, 'utf8').digest('hex');
    },
  },
  'States.JsonMerge': {
    arity: [3, 3],
    run: (args, name) => {
      const left = expectObject(args[0], name, 1);
      const right = expectObject(args[1], name, 2);
      if (args[2] !== false)
        fail(`${name}: only shallow merges are supported; the third argument must be false`);
      return { ...left, ...right };
    },
  },
  'States.MathRandom': {
    arity: [2, 3],
    run: (args, name) => {
      // AWS rounds a non-integer start or end to the nearest integer; start is inclusive, end exclusive.
      const start = Math.round(expectNumber(args[0], name, 1));
      const end = Math.round(expectNumber(args[1], name, 2));
      if (end <= start) fail(`${name}: the end (${end}) must be greater than the start (${start})`);
      const span = end - start;
      if (span > INT32_MAX) fail(`${name}: the range from ${start} to ${end} is too large`);
      if (args.length === 3) {
        const seed = expectInteger(args[2], name, 3);
        return start + new JavaRandom(seed).nextInt(span);
      }
      return start + Math.floor(Math.random() * span);
    },
  },
  'States.MathAdd': {
    arity: [2, 2],
    run: (args, name) => {
      // AWS works on 32-bit integers and rounds non-integers to the nearest integer.
      const a = Math.round(expectInt32(args[0], name, 1));
      const b = Math.round(expectInt32(args[1], name, 2));
      return a + b;
    },
  },
  'States.StringSplit': {
    arity: [2, 2],
    run: (args, name) => {
      const text = expectString(args[0], name, 1);
      const delimiters = new Set(expectString(args[1], name, 2));
      // Every character of the second argument is a delimiter; empty pieces are dropped.
      const pieces: string[] = [];
      let current = '';
      for (const ch of text) {
        if (delimiters.has(ch)) {
          if (current !== '') pieces.push(current);
          current = '';
        } else {
          current += ch;
        }
      }
      if (current !== '') pieces.push(current);
      return pieces;
    },
  },
  'States.UUID': {
    arity: [0, 0],
    run: () => randomUUID(),
  },
};

/** Splits a template taken from a value (no escapes apply) at its `{}` placeholders. */
export function splitTemplate(text: string): FormatTemplate {
  return text.split('{}');
}

/**
 * Splits a string literal's raw text (escapes intact) at its unescaped `{}` placeholders, so
 * `\{}` stays a literal brace pair.
 */
export function splitRawTemplate(raw: string): FormatTemplate {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < raw.length; i += 1) {
    const ch = raw[i];
    if (ch === '\\') {
      current += raw[i + 1] ?? '';
      i += 1;
    } else if (ch === '{' && raw[i + 1] === '}') {
      parts.push(current);
      current = '';
      i += 1;
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

function formatValue(value: unknown, name: string, position: number): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return fail(
    `${name}: argument ${position} must be a string, number, boolean or null, got ${typeName(value)}`,
  );
}

function fail(message: string): never {
  throw new IntrinsicError(message);
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function expectString(value: unknown, name: string, position: number): string {
  if (typeof value !== 'string')
    fail(`${name}: argument ${position} must be a string, got ${typeName(value)}`);
  return value;
}

function expectBounded(value: unknown, name: string): string {
  const text = expectString(value, name, 1);
  if (text.length > MAX_ENCODE_LENGTH) {
    fail(`${name}: the input has ${text.length} characters; at most ${MAX_ENCODE_LENGTH} are allowed`);
  }
  return text;
}

function expectNumber(value: unknown, name: string, position: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    fail(`${name}: argument ${position} must be a number, got ${typeName(value)}`);
  }
  return value;
}

function expectInt32(value: unknown, name: string, position: number): number {
  const number = expectNumber(value, name, position);
  if (number < INT32_MIN || number > INT32_MAX) {
    fail(`${name}: argument ${position} must be between ${INT32_MIN} and ${INT32_MAX}, got ${number}`);
  }
  return number;
}

function expectInteger(value: unknown, name: string, position: number): number {
  const number = expectNumber(value, name, position);
  if (!Number.isInteger(number)) fail(`${name}: argument ${position} must be an integer, got ${number}`);
  return number;
}

function expectArray(value: unknown, name: string, position: number): unknown[] {
  if (!Array.isArray(value)) fail(`${name}: argument ${position} must be an array, got ${typeName(value)}`);
  return value;
}

function expectObject(value: unknown, name: string, position: number): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(`${name}: argument ${position} must be a JSON object, got ${typeName(value)}`);
  }
  return value as Record<string, unknown>;
}

/** JSON value equality (object key order does not matter). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.hasOwn(rb, k) && deepEqual((a as Record<string, unknown>)[k], rb[k]));
}
