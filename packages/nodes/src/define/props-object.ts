// A `props` object as a whole: its checker (every problem at once), its defaults and its JSON
// Schema. Used for a node's params and for nested `p.object` / `p.array` items.
import type { JsonSchema } from '@flowdeck/engine';
import { isExpression } from './expression.ts';
import {
  type AnyProp,
  type CheckMode,
  type DisplayWhen,
  type IssueSink,
  type Props,
  isPlainObject,
  joinPath,
} from './prop.ts';

/** `true`/`false`, or `unknown` when a field it depends on is an expression (known only at run time). */
export function isShown(
  displayWhen: DisplayWhen | undefined,
  values: Record<string, unknown>,
  props: Props,
): boolean | 'unknown' {
  if (!displayWhen) return true;
  let unknown = false;
  for (const [field, allowed] of Object.entries(displayWhen)) {
    const current = values[field] ?? props[field]?.default;
    if (isExpression(current)) {
      unknown = true;
      continue;
    }
    if (!allowed.some((candidate) => candidate === current)) return false;
  }
  return unknown ? 'unknown' : true;
}

/** Checks one field value: missing, expression, or the prop's own check. */
export function checkValue(
  prop: AnyProp,
  value: unknown,
  path: string,
  out: IssueSink,
  mode: CheckMode,
): void {
  if (value === undefined || value === null) {
    if (prop.required) out.push({ path, message: `${prop.label} is required.` });
    return;
  }
  if (mode === 'edit' && isExpression(value)) return;
  prop.check(value, path, out, mode);
}

export function checkProps(
  props: Props,
  value: unknown,
  path: string,
  out: IssueSink,
  mode: CheckMode,
  label = 'The settings',
): void {
  if (!isPlainObject(value)) {
    out.push({ path, message: `${label} must be a group of fields.` });
    return;
  }
  for (const [key, prop] of Object.entries(props)) {
    const shown = isShown(prop.displayWhen, value, props);
    if (shown === false) continue;
    if (shown === 'unknown' && (value[key] === undefined || value[key] === null)) continue;
    checkValue(prop, value[key], joinPath(path, key), out, mode);
  }
  for (const key of Object.keys(value)) {
    if (!(key in props))
      out.push({ path: joinPath(path, key), message: `“${key}” is not a setting of this step.` });
  }
}

/** A copy of `value` with defaults filled in for every visible field that is missing. */
export function applyDefaults(props: Props, value: unknown): unknown {
  if (!isPlainObject(value)) return value;
  const result: Record<string, unknown> = { ...value };
  for (const [key, prop] of Object.entries(props)) {
    if (isShown(prop.displayWhen, result, props) === false) continue;
    if ((result[key] === undefined || result[key] === null) && prop.default !== undefined) {
      result[key] = structuredClone(prop.default);
    }
    if (result[key] !== undefined && prop.withDefaults) result[key] = prop.withDefaults(result[key]);
  }
  return result;
}

function fieldSchema(prop: AnyProp): JsonSchema {
  const schema: JsonSchema = { title: prop.label, ...prop.schema() };
  if (prop.description) schema.description = prop.description;
  if (prop.default !== undefined) schema.default = prop.default;
  if (prop.displayWhen) schema['x-display-when'] = prop.displayWhen;
  return schema;
}

/** JSON Schema 2020-12 of an object holding these props; conditional fields become if/then. */
export function propsSchema(props: Props): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const conditions: JsonSchema[] = [];
  for (const [key, prop] of Object.entries(props)) {
    properties[key] = fieldSchema(prop);
    if (!prop.required) continue;
    if (!prop.displayWhen) {
      required.push(key);
      continue;
    }
    const when: Record<string, JsonSchema> = {};
    for (const [field, allowed] of Object.entries(prop.displayWhen)) when[field] = { enum: [...allowed] };
    // JSON Schema's if/then keyword, not a thenable.
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema keyword
    conditions.push({ if: { properties: when }, then: { required: [key] } });
  }
  const schema: JsonSchema = { type: 'object', properties, additionalProperties: false };
  if (required.length > 0) schema.required = required;
  if (conditions.length > 0) schema.allOf = conditions;
  return schema;
}
