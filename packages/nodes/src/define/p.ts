// The props builders: `p.shortText({ label: 'URL', required: true })` and friends. Each one
// knows how to check a value (with a sentence a marketer understands), its JSON Schema for the
// editor's form, and its TypeScript type for `ctx.props`.
import type { JsonSchema } from '@flowdeck/engine';
import { isExpression } from './expression.ts';
import {
  type AnyProp,
  type CheckMode,
  type CommonOptions,
  type InferProps,
  type IssueSink,
  type Presence,
  type Prop,
  type Props,
  isPlainObject,
  joinPath,
} from './prop.ts';
import { applyDefaults, checkProps, checkValue, propsSchema } from './props-object.ts';

type Check = (value: unknown, path: string, out: IssueSink, mode: CheckMode) => void;

function makeProp<T, Present extends boolean>(
  kind: string,
  options: CommonOptions & { default?: unknown },
  check: Check,
  schema: () => JsonSchema,
  withDefaults?: (value: unknown) => unknown,
): Prop<T, Present> {
  return {
    kind,
    label: options.label,
    description: options.description,
    required: options.required ?? false,
    default: options.default,
    displayWhen: options.displayWhen,
    check,
    schema: () => ({ ...schema(), 'x-widget': kind }),
    withDefaults,
  };
}

/** "A, B or C" */
function listWords(words: readonly unknown[]): string {
  const texts = words.map(String);
  return texts.length <= 1 ? texts.join('') : `${texts.slice(0, -1).join(', ')} or ${texts.at(-1)}`;
}

// --- text ------------------------------------------------------------------------------------

export interface TextOptions extends CommonOptions {
  default?: string;
  placeholder?: string;
  minLength?: number;
  maxLength?: number;
  /** A regular expression the whole text must match. */
  pattern?: string;
  /** Ends the sentence "<Label> …" when the pattern does not match, e.g. "must start with https://". */
  patternMessage?: string;
  /** Extra check; returns the end of the sentence "<Label> …" when the text is not acceptable. */
  validate?: (text: string) => string | undefined;
}

function text(kind: 'shortText' | 'longText', o: TextOptions) {
  const pattern = o.pattern === undefined ? undefined : new RegExp(`^(?:${o.pattern})$`);
  return makeProp<string, boolean>(
    kind,
    o,
    (value, path, out) => {
      if (typeof value !== 'string') return void out.push({ path, message: `${o.label} must be text.` });
      if (o.minLength !== undefined && value.length < o.minLength) {
        out.push({ path, message: `${o.label} must be at least ${o.minLength} characters long.` });
      }
      if (o.maxLength !== undefined && value.length > o.maxLength) {
        out.push({ path, message: `${o.label} must be at most ${o.maxLength} characters long.` });
      }
      if (pattern && !pattern.test(value)) {
        out.push({ path, message: `${o.label} ${o.patternMessage ?? 'is not in the expected format.'}` });
      }
      const problem = o.validate?.(value);
      if (problem) out.push({ path, message: `${o.label} ${problem}` });
    },
    () => ({
      type: 'string',
      ...(o.minLength !== undefined && { minLength: o.minLength }),
      ...(o.maxLength !== undefined && { maxLength: o.maxLength }),
      ...(o.pattern !== undefined && { pattern: `^(?:${o.pattern})$` }),
      ...(o.placeholder !== undefined && { 'x-placeholder': o.placeholder }),
    }),
  );
}

function shortText<const O extends TextOptions>(o: O): Prop<string, Presence<O>> {
  return text('shortText', o) as Prop<string, Presence<O>>;
}

function longText<const O extends TextOptions>(o: O): Prop<string, Presence<O>> {
  return text('longText', o) as Prop<string, Presence<O>>;
}

// --- numbers and switches --------------------------------------------------------------------

export interface NumberOptions extends CommonOptions {
  default?: number;
  integer?: boolean;
  min?: number;
  max?: number;
}

function number<const O extends NumberOptions>(o: O): Prop<number, Presence<O>> {
  return makeProp(
    'number',
    o,
    (value, path, out) => {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return void out.push({ path, message: `${o.label} must be a number.` });
      }
      if (o.integer && !Number.isInteger(value))
        out.push({ path, message: `${o.label} must be a whole number.` });
      if (o.min !== undefined && value < o.min)
        out.push({ path, message: `${o.label} must be at least ${o.min}.` });
      if (o.max !== undefined && value > o.max)
        out.push({ path, message: `${o.label} must be at most ${o.max}.` });
    },
    () => ({
      type: o.integer ? 'integer' : 'number',
      ...(o.min !== undefined && { minimum: o.min }),
      ...(o.max !== undefined && { maximum: o.max }),
    }),
  );
}

function boolean<const O extends CommonOptions & { default?: boolean }>(o: O): Prop<boolean, Presence<O>> {
  return makeProp(
    'boolean',
    o,
    (value, path, out) => {
      if (typeof value !== 'boolean')
        out.push({ path, message: `${o.label} must be on or off (true or false).` });
    },
    () => ({ type: 'boolean' }),
  );
}

// --- choices ---------------------------------------------------------------------------------

export type SelectOption = string | { readonly value: string; readonly label: string };
type OptionValue<E> = E extends string ? E : E extends { value: infer V } ? V : never;
const optionValue = (option: SelectOption) => (typeof option === 'string' ? option : option.value);

function optionsSchema(options: readonly SelectOption[]): JsonSchema {
  return {
    enum: options.map(optionValue),
    'x-enum-labels': options.map((option) => (typeof option === 'string' ? option : option.label)),
  };
}

export interface SelectOptions extends CommonOptions {
  options: readonly SelectOption[];
  default?: string;
}

function select<const O extends SelectOptions>(o: O): Prop<OptionValue<O['options'][number]>, Presence<O>> {
  const values = o.options.map(optionValue);
  return makeProp(
    'select',
    o,
    (value, path, out) => {
      if (!values.includes(value as string)) {
        out.push({ path, message: `${o.label} must be one of ${listWords(values)}.` });
      }
    },
    () => ({ type: 'string', ...optionsSchema(o.options) }),
  );
}

export interface MultiSelectOptions extends CommonOptions {
  options: readonly SelectOption[];
  default?: readonly string[];
  minItems?: number;
}

function multiSelect<const O extends MultiSelectOptions>(
  o: O,
): Prop<OptionValue<O['options'][number]>[], Presence<O>> {
  const values = o.options.map(optionValue);
  return makeProp(
    'multiSelect',
    o,
    (value, path, out, mode) => {
      if (!Array.isArray(value))
        return void out.push({ path, message: `${o.label} must be a list of choices.` });
      if (o.minItems !== undefined && value.length < o.minItems) {
        out.push({
          path,
          message: `${o.label} needs at least ${o.minItems} choice${o.minItems === 1 ? '' : 's'}.`,
        });
      }
      value.forEach((item, index) => {
        if (mode === 'edit' && isExpression(item)) return;
        if (!values.includes(item)) {
          out.push({
            path: joinPath(path, index),
            message: `${o.label} can only contain ${listWords(values)}.`,
          });
        }
      });
    },
    () => ({ type: 'array', items: { type: 'string', ...optionsSchema(o.options) }, uniqueItems: true }),
  );
}

// --- free-form data --------------------------------------------------------------------------

type JsonShape = 'any' | 'array' | 'object';
type JsonValueOf<S> = S extends 'array' ? unknown[] : S extends 'object' ? Record<string, unknown> : unknown;

export interface JsonOptions extends CommonOptions {
  /** Restricts the top-level value (an expression is still accepted in edit mode). */
  shape?: JsonShape;
  default?: unknown;
}

/** Any JSON; its strings may be `{% %}` expressions, resolved before `run`. */
function json<const O extends JsonOptions>(
  o: O,
): Prop<JsonValueOf<O['shape'] extends JsonShape ? O['shape'] : 'any'>, Presence<O>> {
  return makeProp(
    'json',
    o,
    (value, path, out) => {
      if (o.shape === 'array' && !Array.isArray(value))
        out.push({ path, message: `${o.label} must be a list.` });
      if (o.shape === 'object' && !isPlainObject(value)) {
        out.push({ path, message: `${o.label} must be a group of named values.` });
      }
    },
    () => (o.shape === 'array' ? { type: 'array' } : o.shape === 'object' ? { type: 'object' } : {}),
  );
}

/** A value that must be written as a `{% … %}` expression in the graph; any value at run time. */
function expression<const O extends CommonOptions & { default?: string }>(o: O): Prop<unknown, Presence<O>> {
  return makeProp(
    'expression',
    o,
    (_value, path, out, mode) => {
      if (mode === 'edit')
        out.push({ path, message: `${o.label} must be an expression written between {% and %}.` });
    },
    () => ({ type: 'string', pattern: '^\\{%[\\s\\S]*%\\}$' }),
  );
}

export type KeyValueValue = string | number | boolean;

/** Named values such as HTTP headers: `{ "Accept": "application/json" }`. */
function keyValueList<const O extends CommonOptions & { default?: Record<string, string> }>(
  o: O,
): Prop<Record<string, KeyValueValue>, Presence<O>> {
  return makeProp(
    'keyValueList',
    o,
    (value, path, out, mode) => {
      if (!isPlainObject(value))
        return void out.push({ path, message: `${o.label} must be a list of names and values.` });
      for (const [name, item] of Object.entries(value)) {
        if (mode === 'edit' && isExpression(item)) continue;
        if (!['string', 'number', 'boolean'].includes(typeof item)) {
          out.push({
            path: joinPath(path, name),
            message: `${o.label}: the value of “${name}” must be text.`,
          });
        }
      }
    },
    () => ({ type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } }),
  );
}

// --- structure -------------------------------------------------------------------------------

export interface ArrayOptions<Items extends Props> extends CommonOptions {
  /** The fields of one item. */
  items: Items;
  /** What one item is called in messages ("Case 2: Rule is required."); defaults to "Item". */
  itemLabel?: string;
  minItems?: number;
  maxItems?: number;
  /** A field whose value must differ between items (e.g. `id`). */
  uniqueKey?: keyof Items & string;
  default?: readonly unknown[];
}

function array<const O extends ArrayOptions<Props>>(o: O): Prop<InferProps<O['items']>[], Presence<O>> {
  const itemLabel = o.itemLabel ?? 'Item';
  return makeProp(
    'array',
    o,
    (value, path, out, mode) => {
      if (!Array.isArray(value)) return void out.push({ path, message: `${o.label} must be a list.` });
      if (o.minItems !== undefined && value.length < o.minItems) {
        out.push({
          path,
          message: `${o.label} needs at least ${o.minItems} item${o.minItems === 1 ? '' : 's'}.`,
        });
      }
      if (o.maxItems !== undefined && value.length > o.maxItems) {
        out.push({ path, message: `${o.label} can have at most ${o.maxItems} items.` });
      }
      const seen = new Set<unknown>();
      value.forEach((item, index) => {
        const itemPath = joinPath(path, index);
        if (mode === 'edit' && isExpression(item)) return;
        const found: IssueSink = [];
        checkProps(o.items, item, itemPath, found, mode, `${itemLabel} ${index + 1}`);
        for (const issue of found)
          out.push({ path: issue.path, message: `${itemLabel} ${index + 1}: ${issue.message}` });
        if (o.uniqueKey && isPlainObject(item) && typeof item[o.uniqueKey] === 'string') {
          const key = item[o.uniqueKey];
          if (seen.has(key)) {
            const field = o.items[o.uniqueKey]?.label ?? o.uniqueKey;
            out.push({
              path: joinPath(itemPath, o.uniqueKey),
              message: `${itemLabel} ${index + 1}: ${field} “${String(key)}” is already used by another ${itemLabel.toLowerCase()}.`,
            });
          }
          seen.add(key);
        }
      });
    },
    () => ({
      type: 'array',
      items: propsSchema(o.items),
      ...(o.minItems !== undefined && { minItems: o.minItems }),
      ...(o.maxItems !== undefined && { maxItems: o.maxItems }),
    }),
    (value) => (Array.isArray(value) ? value.map((item) => applyDefaults(o.items, item)) : value),
  );
}

function object<const O extends CommonOptions & { props: Props; default?: object }>(
  o: O,
): Prop<InferProps<O['props']>, Presence<O>> {
  return makeProp(
    'object',
    o,
    (value, path, out, mode) => checkProps(o.props, value, path, out, mode, o.label),
    () => propsSchema(o.props),
    (value) => applyDefaults(o.props, value),
  );
}

// An ISO 8601 date-time with a time zone, as Step Functions' Wait `Timestamp` expects.
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function dateTime<const O extends CommonOptions & { default?: string }>(o: O): Prop<string, Presence<O>> {
  return makeProp(
    'dateTime',
    o,
    (value, path, out) => {
      if (typeof value !== 'string' || !ISO_DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) {
        out.push({ path, message: `${o.label} must be a date and time such as 2025-03-01T09:00:00Z.` });
      }
    },
    () => ({ type: 'string', format: 'date-time' }),
  );
}

/** A json-logic rule: `{ ">": [{ "var": "trigger.amount" }, 100] }`. */
export type JsonLogicRule = Record<string, unknown>;

function isJsonLogicOperation(value: unknown): value is JsonLogicRule {
  return isPlainObject(value) && Object.keys(value).length === 1;
}

function rule<const O extends CommonOptions & { default?: JsonLogicRule }>(
  o: O,
): Prop<JsonLogicRule, Presence<O>> {
  return makeProp(
    'rule',
    o,
    (value, path, out) => {
      if (!isJsonLogicOperation(value)) {
        out.push({
          path,
          message: `${o.label} must be one condition, such as “amount is greater than 100”.`,
        });
      }
    },
    () => ({ type: 'object', minProperties: 1, maxProperties: 1, format: 'json-logic' }),
  );
}

/** Which saved connection (account) of the given kind the node uses; the value is its id. */
function connection<const O extends CommonOptions & { connectionKind: string }>(
  o: O,
): Prop<string, Presence<O>> {
  return makeProp(
    'connection',
    o,
    (value, path, out) => {
      if (typeof value !== 'string' || value === '')
        out.push({ path, message: `${o.label} must be a chosen account.` });
    },
    () => ({ type: 'string', 'x-connection-kind': o.connectionKind }),
  );
}

export const p = {
  shortText,
  longText,
  number,
  boolean,
  select,
  multiSelect,
  json,
  expression,
  keyValueList,
  array,
  object,
  dateTime,
  rule,
  connection,
};

export { checkValue, type AnyProp };
