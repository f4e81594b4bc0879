// Forms generated from a node's params JSON Schema (draft 2020-12 plus the node library's
// `x-widget`, `x-enum-labels`, `x-placeholder` and `x-display-when` hints): one renderer for
// every node, no hand-built form per node type. docs/editor.md explains why not @rjsf/core.
import { useState } from 'react';
import type { Completion } from '../core/completions.ts';
import { isFieldVisible, widgetOf } from '../core/schema-fields.ts';
import { formatValue, parseValue } from '../core/rule-model.ts';
import { Button, Field } from '../ui/components.tsx';
import { ConditionBuilder } from './ConditionBuilder.tsx';
import { ExpressionField } from './ExpressionField.tsx';

export type Schema = {
  type?: string | string[];
  title?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  'x-widget'?: string;
  'x-enum-labels'?: string[];
  'x-placeholder'?: string;
  'x-display-when'?: Record<string, unknown[]>;
};

export interface FormContext {
  /** Messages for a params path (`url`, `cases.0.rule`). */
  errorsAt(path: string): string[];
  completions(): Completion[];
  ruleFields(): string[];
  ruleSample(): Record<string, unknown>;
  readOnly?: boolean;
}

export function SchemaForm(props: {
  schema: Schema;
  value: Record<string, unknown>;
  onChange(value: Record<string, unknown>, field: string): void;
  ctx: FormContext;
  path?: string;
  idPrefix: string;
}) {
  const properties = props.schema.properties ?? {};
  const required = new Set(props.schema.required ?? []);
  const entries = Object.entries(properties).filter(([, s]) => isFieldVisible(s, props.value, properties));
  if (entries.length === 0) return <div className="muted">This step has nothing to set up.</div>;
  return (
    <div className="stack">
      {entries.map(([key, schema]) => {
        const path = props.path ? `${props.path}.${key}` : key;
        const id = `${props.idPrefix}-${path.replace(/\./g, '-')}`;
        const errors = props.ctx.errorsAt(path);
        return (
          <Field
            key={key}
            label={schema.title ?? key}
            htmlFor={id}
            required={required.has(key)}
            help={schema.description}
            errors={errors}
            testId={`field-${path}`}
          >
            <Widget
              id={id}
              schema={schema}
              value={props.value[key]}
              invalid={errors.length > 0}
              ctx={props.ctx}
              path={path}
              onChange={(v) => {
                const next = { ...props.value };
                if (v === undefined) delete next[key];
                else next[key] = v;
                props.onChange(next, path);
              }}
            />
          </Field>
        );
      })}
    </div>
  );
}

interface WidgetProps {
  id: string;
  schema: Schema;
  value: unknown;
  invalid: boolean;
  ctx: FormContext;
  path: string;
  onChange(value: unknown): void;
}

function Widget(p: WidgetProps) {
  const ro = p.ctx.readOnly;
  switch (widgetOf(p.schema)) {
    case 'select': {
      const labels = p.schema['x-enum-labels'];
      const current = p.value ?? p.schema.default ?? '';
      return (
        <select
          id={p.id}
          className="input"
          value={String(current)}
          disabled={ro}
          aria-invalid={p.invalid}
          onChange={(e) => p.onChange(p.schema.enum?.find((x) => String(x) === e.target.value))}
        >
          {p.value === undefined && p.schema.default === undefined && <option value="">Choose…</option>}
          {p.schema.enum?.map((opt, i) => (
            <option key={String(opt)} value={String(opt)}>
              {labels?.[i] ?? String(opt)}
            </option>
          ))}
        </select>
      );
    }
    case 'boolean':
      return (
        <input
          id={p.id}
          type="checkbox"
          checked={p.value === true}
          disabled={ro}
          onChange={(e) => p.onChange(e.target.checked)}
        />
      );
    case 'number':
      return (
        <input
          id={p.id}
          className="input"
          inputMode="decimal"
          readOnly={ro}
          aria-invalid={p.invalid}
          placeholder={
            p.schema.default !== undefined ? `Default: ${p.schema.default}` : 'A number or {% expression %}'
          }
          value={p.value === undefined ? '' : formatValue(p.value)}
          onChange={(e) => p.onChange(e.target.value === '' ? undefined : parseValue(e.target.value))}
        />
      );
    case 'rule':
      return <ConditionBuilder id={p.id} value={p.value} onChange={p.onChange} ctx={p.ctx} />;
    case 'keyValueList':
      return <KeyValueList id={p.id} value={p.value} onChange={p.onChange} ctx={p.ctx} />;
    case 'array':
      return <ArrayOfObjects {...p} />;
    case 'json':
      return <JsonField {...p} />;
    case 'longText':
      return (
        <ExpressionField
          id={p.id}
          testId={p.id}
          multiline
          value={typeof p.value === 'string' ? p.value : ''}
          invalid={p.invalid}
          completions={p.ctx.completions}
          placeholder={p.schema['x-placeholder']}
          onChange={(v) => p.onChange(v === '' ? undefined : v)}
        />
      );
    default:
      return (
        <ExpressionField
          id={p.id}
          testId={p.id}
          value={p.value === undefined ? '' : String(p.value)}
          invalid={p.invalid}
          completions={p.ctx.completions}
          placeholder={
            p.schema['x-placeholder'] ??
            (p.schema.default !== undefined ? `Default: ${p.schema.default}` : undefined)
          }
          onChange={(v) => p.onChange(v === '' ? undefined : v)}
        />
      );
  }
}

/** JSON text; a bare `{% … %}` is kept as an expression string. Invalid JSON stays local. */
function JsonField(p: WidgetProps) {
  const [text, setText] = useState(() =>
    p.value === undefined ? '' : typeof p.value === 'string' ? p.value : JSON.stringify(p.value, null, 2),
  );
  const [error, setError] = useState<string>();
  return (
    <>
      <ExpressionField
        id={p.id}
        testId={p.id}
        multiline
        value={text}
        invalid={p.invalid || !!error}
        completions={p.ctx.completions}
        placeholder='{ "title": "{% $trigger.body.title %}" }'
        onChange={(t) => {
          setText(t);
          const trimmed = t.trim();
          if (trimmed === '') {
            setError(undefined);
            return p.onChange(undefined);
          }
          if (/^\{%[\s\S]*%\}$/.test(trimmed)) {
            setError(undefined);
            return p.onChange(trimmed);
          }
          try {
            p.onChange(JSON.parse(t));
            setError(undefined);
          } catch {
            setError('Not valid JSON yet: check quotes, commas and brackets.');
          }
        }}
      />
      {error && <div className="field-error">{error}</div>}
    </>
  );
}

function KeyValueList(p: { id: string; value: unknown; onChange(v: unknown): void; ctx: FormContext }) {
  const obj =
    p.value && typeof p.value === 'object' && !Array.isArray(p.value)
      ? (p.value as Record<string, unknown>)
      : {};
  const [rows, setRows] = useState<[string, string][]>(() =>
    Object.entries(obj).map(([k, v]) => [k, formatValue(v)]),
  );
  const commit = (next: [string, string][]) => {
    setRows(next);
    const out: Record<string, unknown> = {};
    for (const [k, v] of next) if (k.trim()) out[k.trim()] = v;
    p.onChange(out);
  };
  return (
    <div className="stack" style={{ gap: 6 }} id={p.id}>
      {rows.map(([k, v], i) => (
        <div
          className="row"
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
          key={i}
        >
          <input
            className="input"
            placeholder="Name"
            aria-label="Name"
            value={k}
            readOnly={p.ctx.readOnly}
            onChange={(e) => commit(rows.map((r, j) => (j === i ? [e.target.value, r[1]] : r)))}
          />
          <input
            className="input"
            placeholder="Value"
            aria-label="Value"
            value={v}
            readOnly={p.ctx.readOnly}
            onChange={(e) => commit(rows.map((r, j) => (j === i ? [r[0], e.target.value] : r)))}
          />
          <Button
            icon
            variant="ghost"
            aria-label="Remove"
            onClick={() => commit(rows.filter((_, j) => j !== i))}
          >
            ✕
          </Button>
        </div>
      ))}
      {!p.ctx.readOnly && (
        <div>
          <Button size="sm" onClick={() => setRows([...rows, ['', '']])}>
            + Add
          </Button>
        </div>
      )}
    </div>
  );
}

/** A list of objects (a switch's cases): each item is a nested form. */
function ArrayOfObjects(p: WidgetProps) {
  const list = Array.isArray(p.value) ? (p.value as Record<string, unknown>[]) : [];
  const item = p.schema.items ?? {};
  const set = (next: Record<string, unknown>[]) => p.onChange(next);
  return (
    <div className="stack" id={p.id}>
      {list.map((entry, i) => (
        <div
          className="card"
          // biome-ignore lint/suspicious/noArrayIndexKey: cases are edited in place; their id may change while typing
          key={i}
          style={{ padding: 12, boxShadow: 'none' }}
        >
          <div className="row" style={{ marginBottom: 8 }}>
            <strong className="grow">
              {item.title ?? 'Item'} {i + 1}
            </strong>
            {!p.ctx.readOnly && (
              <Button size="sm" variant="ghost" onClick={() => set(list.filter((_, j) => j !== i))}>
                Remove
              </Button>
            )}
          </div>
          <SchemaForm
            schema={item}
            value={entry ?? {}}
            ctx={p.ctx}
            path={`${p.path}.${i}`}
            idPrefix={p.id}
            onChange={(v) => set(list.map((x, j) => (j === i ? v : x)))}
          />
        </div>
      ))}
      {!p.ctx.readOnly && (
        <div>
          <Button
            size="sm"
            onClick={() => set([...list, { id: `case_${list.length + 1}`, rule: { and: [] } }])}
          >
            + Add{' '}
            {String(p.schema.title ?? 'item')
              .toLowerCase()
              .replace(/s$/, '')}
          </Button>
        </div>
      )}
    </div>
  );
}
