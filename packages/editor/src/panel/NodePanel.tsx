// The side panel for the selected step: its form (from the JSON Schema), settings and problems.
import type { WorkflowNode } from '@flowdeck/engine';
import { upstreamNodeIds } from '@flowdeck/engine/graph';
import { useMemo } from 'react';
import { type CompletionSources, expressionCompletions, ruleFieldSuggestions } from '../core/completions.ts';
import { deleteElements, updateNode } from '../core/graph-ops.ts';
import { fieldIssues, nodeLevelIssues } from '../core/issues.ts';
import { type FormContext, type Schema, SchemaForm } from '../forms/SchemaForm.tsx';
import { catalog, specOf } from '../state/catalog.ts';
import { useEditor } from '../state/editor-store.ts';
import { Button, Field } from '../ui/components.tsx';
import { Icon } from '../ui/icons.tsx';
import { SchedulePreview } from './SchedulePreview.tsx';

function completionSources(nodeId: string): CompletionSources {
  const { graph, lastRunOutputs } = useEditor.getState();
  const trigger = graph.nodes.find((n) => specOf(n.type, n.version)?.kind === 'trigger');
  const triggerSample = trigger
    ? (lastRunOutputs[trigger.id] ?? specOf(trigger.type, trigger.version)?.sampleOutput)
    : undefined;
  let upstream: string[] = [];
  try {
    upstream = upstreamNodeIds(graph, nodeId, catalog);
  } catch {
    upstream = [];
  }
  return {
    trigger: triggerSample ?? {},
    vars: graph.variables,
    upstream: upstream.map((id) => {
      const n = graph.nodes.find((x) => x.id === id)!;
      return { id, output: lastRunOutputs[id] ?? specOf(n.type, n.version)?.sampleOutput ?? {} };
    }),
  };
}

export function NodePanel({ node, readOnly }: { node: WorkflowNode; readOnly?: boolean }) {
  const spec = specOf(node.type, node.version);
  const issues = useEditor((s) => s.issues.byNode.get(node.id));
  const schema = (spec?.paramsSchema ?? {}) as Schema;
  const fields = Object.keys(schema.properties ?? {});

  const ctx: FormContext = useMemo(
    () => ({
      readOnly,
      errorsAt: (path) => fieldIssues(issues, path).map((i) => i.message),
      completions: () => expressionCompletions(completionSources(node.id)),
      ruleFields: () => ruleFieldSuggestions(completionSources(node.id)),
      ruleSample: () => {
        const src = completionSources(node.id);
        const sample: Record<string, unknown> = { trigger: src.trigger };
        for (const u of src.upstream) sample[u.id] = u.output;
        return sample;
      },
    }),
    [issues, node.id, readOnly],
  );

  const apply = useEditor.getState().apply;
  const other = nodeLevelIssues(issues, fields);

  return (
    <aside className="panel" aria-label={`Settings of ${node.id}`} data-testid="node-panel">
      <div className="row">
        <span className={`palette-icon kind-${spec?.kind}`}>
          <Icon name={spec?.icon} />
        </span>
        <div className="grow">
          <div style={{ fontWeight: 700 }}>{node.title || spec?.title || node.type}</div>
          <div className="mono muted">
            ${node.id} · {node.type} v{node.version}
          </div>
        </div>
        {!readOnly && (
          <Button
            icon
            variant="ghost"
            aria-label="Delete step"
            onClick={() => apply((g) => deleteElements(g, [node.id]))}
          >
            <Icon name="trash" />
          </Button>
        )}
      </div>
      {spec?.description && (
        <p className="muted" style={{ margin: 0 }}>
          {spec.description}
        </p>
      )}
      {other.length > 0 && (
        <div className="banner banner-danger" role="alert" data-testid="node-problems">
          {other.map((i) => (
            <div key={`${i.path}:${i.message}`}>{i.message}</div>
          ))}
        </div>
      )}
      <Field
        label="Name on the canvas"
        htmlFor={`title-${node.id}`}
        help="Only for people; expressions use the step’s id."
      >
        <input
          id={`title-${node.id}`}
          className="input"
          value={node.title ?? ''}
          placeholder={spec?.title}
          readOnly={readOnly}
          onChange={(e) =>
            apply((g) => updateNode(g, node.id, { title: e.target.value || undefined }), {
              coalesce: `title:${node.id}`,
            })
          }
        />
      </Field>
      {!spec ? (
        <div className="field-error">
          This step’s kind (“{node.type}” v{node.version}) is unknown here.
        </div>
      ) : (
        <SchemaForm
          key={node.id}
          schema={schema}
          value={node.params ?? {}}
          ctx={ctx}
          idPrefix={`p-${node.id}`}
          onChange={(params, field) =>
            apply((g) => updateNode(g, node.id, { params }), { coalesce: `params:${node.id}:${field}` })
          }
        />
      )}
      {node.type === 'trigger.schedule' && <SchedulePreview params={node.params ?? {}} />}
      {spec && spec.kind !== 'trigger' && spec.kind !== 'condition' && (
        <SettingsSection node={node} readOnly={readOnly} />
      )}
    </aside>
  );
}

function SettingsSection({ node, readOnly }: { node: WorkflowNode; readOnly?: boolean }) {
  const apply = useEditor.getState().apply;
  const settings = node.settings ?? {};
  const set = (change: Partial<NonNullable<WorkflowNode['settings']>>, key: string) =>
    apply((g) => updateNode(g, node.id, { settings: { ...settings, ...change } }), {
      coalesce: `settings:${node.id}:${key}`,
    });
  return (
    <details className="settings">
      <summary>When it fails</summary>
      <div className="stack" style={{ marginTop: 8 }}>
        <Field label="Then" htmlFor={`onerror-${node.id}`}>
          <select
            id={`onerror-${node.id}`}
            className="input"
            disabled={readOnly}
            value={settings.onError ?? 'fail'}
            onChange={(e) => set({ onError: e.target.value as 'fail' }, 'onError')}
          >
            <option value="fail">Stop the run</option>
            <option value="continue">Continue with the error as output</option>
            <option value="branch">Follow the “error” output</option>
          </select>
        </Field>
        <Field
          label="Retries"
          htmlFor={`retries-${node.id}`}
          help="Tries again this many times before giving up."
        >
          <input
            id={`retries-${node.id}`}
            className="input"
            type="number"
            min={0}
            max={10}
            readOnly={readOnly}
            value={settings.retry?.maxAttempts ?? 0}
            onChange={(e) => {
              const n = Number(e.target.value);
              set({ retry: n > 0 ? { ...settings.retry, maxAttempts: n } : undefined }, 'retry');
            }}
          />
        </Field>
        <Field label="Time limit (seconds)" htmlFor={`timeout-${node.id}`}>
          <input
            id={`timeout-${node.id}`}
            className="input"
            type="number"
            min={1}
            readOnly={readOnly}
            value={settings.timeoutSeconds ?? ''}
            onChange={(e) =>
              set({ timeoutSeconds: e.target.value ? Number(e.target.value) : undefined }, 'timeout')
            }
          />
        </Field>
      </div>
    </details>
  );
}
