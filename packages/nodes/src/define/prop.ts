// The shape every `p.*` builder returns, and the type-level machinery that turns a `props`
// object into the static type of `ctx.props`.
import type { JsonSchema, ParamIssue } from '@flowdeck/engine';

/**
 * Show a field only when sibling fields hold one of the listed values (n8n's `displayOptions`),
 * e.g. `{ mode: ['seconds'] }`. A hidden field is neither required nor checked.
 */
export type DisplayWhen = Readonly<Record<string, readonly unknown[]>>;

export interface CommonOptions {
  /** Shown in the form and used in messages: "URL is required." */
  label: string;
  description?: string;
  required?: boolean;
  displayWhen?: DisplayWhen;
}

/**
 * `edit`: params as saved in the graph, where any value may be a `{% … %}` expression.
 * `run`: params after the runtime resolved every expression (what `run(ctx)` receives).
 */
export type CheckMode = 'edit' | 'run';

/** Collects problems; `path` is dotted, relative to `params` (`headers.Accept`, `cases.0.rule`). */
export type IssueSink = ParamIssue[];

export interface Prop<T = unknown, Present extends boolean = boolean> {
  readonly kind: string;
  readonly label: string;
  readonly description?: string;
  readonly required: boolean;
  readonly default?: unknown;
  readonly displayWhen?: DisplayWhen;
  /** Checks a value that is present (not null/undefined) and is not an expression in edit mode. */
  check(value: unknown, path: string, out: IssueSink, mode: CheckMode): void;
  /** Fills defaults of nested fields (objects, list items); returns the value to use. */
  withDefaults?(value: unknown): unknown;
  /** The JSON Schema of the value, without title/description/default (added by the caller). */
  schema(): JsonSchema;
  /** Phantom fields: carry the value type and presence for inference only; never set. */
  readonly __value?: T;
  readonly __present?: Present;
}

export type AnyProp = Prop<unknown, boolean>;
export type Props = Readonly<Record<string, AnyProp>>;

/** True when the option object guarantees a value at run time (required or defaulted, never hidden). */
export type Presence<O> = O extends { displayWhen: object }
  ? false
  : O extends { required: true }
    ? true
    : O extends { default: infer D }
      ? undefined extends D
        ? false
        : true
      : false;

type ValueOf<P> = P extends Prop<infer T, boolean> ? T : never;
type PresentKeys<P extends Props> = { [K in keyof P]: P[K] extends Prop<unknown, true> ? K : never }[keyof P];
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The static type of `ctx.props` for a `props` object. */
export type InferProps<P extends Props> = Simplify<
  { -readonly [K in PresentKeys<P>]: ValueOf<P[K]> } & {
    -readonly [K in Exclude<keyof P, PresentKeys<P>>]?: ValueOf<P[K]>;
  }
>;

export function joinPath(path: string, key: string | number): string {
  return path === '' ? String(key) : `${path}.${key}`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
