// The visual json-logic editor: AND/OR groups of field / operator / value rows, with a live
// "test with sample data" result computed by json-logic-js with the editor's operators.
import { useMemo, useState } from 'react';
import {
  type Combinator,
  OPERATORS,
  type OperatorId,
  type RuleGroup,
  type RuleRow,
  emptyGroup,
  emptyRow,
  formatValue,
  fromJsonLogic,
  operatorInfo,
  parseValue,
  toJsonLogic,
} from '../core/rule-model.ts';
import { testRule } from '../core/rule-test.ts';
import { Button } from '../ui/components.tsx';
import type { FormContext } from './SchemaForm.tsx';

export function ConditionBuilder(props: {
  id: string;
  value: unknown;
  onChange(rule: unknown): void;
  ctx: FormContext;
}) {
  const group = useMemo(() => fromJsonLogic(props.value), [props.value]);
  const listId = `${props.id}-fields`;
  if (!group) return <RawRule {...props} />;
  const update = (g: RuleGroup) => props.onChange(toJsonLogic(g));
  return (
    <div className="rule-builder" id={props.id} data-testid="condition-builder">
      <datalist id={listId}>
        {props.ctx.ruleFields().map((f) => (
          <option key={f} value={f} />
        ))}
      </datalist>
      <GroupView group={group} onChange={update} listId={listId} depth={0} readOnly={props.ctx.readOnly} />
      <SampleTest rule={props.value ?? toJsonLogic(group)} ctx={props.ctx} />
    </div>
  );
}

function GroupView(props: {
  group: RuleGroup;
  onChange(g: RuleGroup): void;
  onRemove?(): void;
  listId: string;
  depth: number;
  readOnly?: boolean;
}) {
  const { group } = props;
  const setChild = (i: number, child: RuleRow | RuleGroup | undefined) =>
    props.onChange({
      ...group,
      children: child
        ? group.children.map((c, j) => (j === i ? child : c))
        : group.children.filter((_, j) => j !== i),
    });
  return (
    <div className={`rule-group depth-${props.depth}`} data-testid="rule-group">
      <div className="row">
        <span className="muted">Match</span>
        <fieldset className="segmented" aria-label="Match all or any">
          {(['and', 'or'] as Combinator[]).map((c) => (
            <button
              type="button"
              key={c}
              aria-pressed={group.combinator === c}
              className={group.combinator === c ? 'on' : ''}
              disabled={props.readOnly}
              onClick={() => props.onChange({ ...group, combinator: c })}
            >
              {c === 'and' ? 'ALL (and)' : 'ANY (or)'}
            </button>
          ))}
        </fieldset>
        <span className="muted">of these</span>
        <div className="grow" />
        {props.onRemove && !props.readOnly && (
          <Button size="sm" variant="ghost" onClick={props.onRemove}>
            Remove group
          </Button>
        )}
      </div>
      {group.children.map((child, i) =>
        child.kind === 'group' ? (
          <GroupView
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
            key={i}
            group={child}
            depth={props.depth + 1}
            listId={props.listId}
            readOnly={props.readOnly}
            onChange={(g) => setChild(i, g)}
            onRemove={() => setChild(i, undefined)}
          />
        ) : (
          <RowView
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
            key={i}
            row={child}
            listId={props.listId}
            readOnly={props.readOnly}
            onChange={(r) => setChild(i, r)}
            onRemove={() => setChild(i, undefined)}
          />
        ),
      )}
      {!props.readOnly && (
        <div className="row">
          <Button
            size="sm"
            onClick={() => props.onChange({ ...group, children: [...group.children, emptyRow()] })}
            data-testid="add-row"
          >
            + Condition
          </Button>
          <Button
            size="sm"
            onClick={() =>
              props.onChange({
                ...group,
                children: [...group.children, emptyGroup(group.combinator === 'and' ? 'or' : 'and')],
              })
            }
          >
            + Group
          </Button>
        </div>
      )}
    </div>
  );
}

function RowView(props: {
  row: RuleRow;
  onChange(r: RuleRow): void;
  onRemove(): void;
  listId: string;
  readOnly?: boolean;
}) {
  const { row } = props;
  const unary = operatorInfo(row.operator).arity === 1;
  return (
    <div className="rule-row" data-testid="rule-row">
      <input
        className="input"
        list={props.listId}
        aria-label="Field"
        placeholder="trigger.body.amount"
        value={row.field}
        readOnly={props.readOnly}
        onChange={(e) => props.onChange({ ...row, field: e.target.value })}
      />
      <select
        className="input"
        aria-label="Operator"
        value={row.operator}
        disabled={props.readOnly}
        onChange={(e) => {
          const operator = e.target.value as OperatorId;
          const next: RuleRow = { kind: 'row', field: row.field, operator };
          if (operatorInfo(operator).arity === 2) next.value = row.value ?? '';
          props.onChange(next);
        }}
      >
        {OPERATORS.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
      {!unary && (
        <input
          className="input"
          aria-label="Value"
          placeholder="100"
          value={formatValue(row.value)}
          readOnly={props.readOnly}
          onChange={(e) => props.onChange({ ...row, value: parseValue(e.target.value) })}
        />
      )}
      {!props.readOnly && (
        <Button icon variant="ghost" aria-label="Remove condition" onClick={props.onRemove}>
          ✕
        </Button>
      )}
    </div>
  );
}

function SampleTest(props: { rule: unknown; ctx: FormContext }) {
  const [text, setText] = useState(() => JSON.stringify(props.ctx.ruleSample(), null, 2));
  let data: Record<string, unknown> | undefined;
  let parseError: string | undefined;
  try {
    data = JSON.parse(text);
  } catch {
    parseError = 'The sample is not valid JSON.';
  }
  const outcome = data ? testRule(props.rule, data) : undefined;
  return (
    <details className="rule-test" open>
      <summary>Test with sample data</summary>
      <textarea
        className="input mono"
        aria-label="Sample data"
        rows={6}
        value={text}
        onChange={(e) => setText(e.target.value)}
        data-testid="rule-sample"
      />
      <div
        role="status"
        data-testid="rule-result"
        className={outcome?.ok ? (outcome.matches ? 'rule-yes' : 'rule-no') : 'field-error'}
      >
        {parseError ??
          (outcome && !outcome.ok
            ? `The rule fails: ${outcome.error}`
            : outcome?.ok && outcome.matches
              ? '✓ Matches: the run continues along “true”.'
              : '✗ Does not match: the run continues along “false”.')}
      </div>
    </details>
  );
}

/** Rules the builder cannot show are edited as json-logic text. */
function RawRule(props: { id: string; value: unknown; onChange(rule: unknown): void; ctx: FormContext }) {
  const [text, setText] = useState(() => JSON.stringify(props.value, null, 2));
  const [error, setError] = useState<string>();
  return (
    <div className="stack">
      <div className="field-help">This rule uses json-logic the builder cannot show; edit it as JSON.</div>
      <textarea
        id={props.id}
        className="input mono"
        rows={6}
        value={text}
        readOnly={props.ctx.readOnly}
        onChange={(e) => {
          setText(e.target.value);
          try {
            props.onChange(JSON.parse(e.target.value));
            setError(undefined);
          } catch {
            setError('Not valid JSON yet.');
          }
        }}
      />
      {error && <div className="field-error">{error}</div>}
    </div>
  );
}
