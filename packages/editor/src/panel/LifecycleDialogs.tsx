// Deploy (publish the draft as a version; shows the webhook URL with copy and a curl example)
// and Test run (run the deployed version with sample input and watch it on the canvas).
import { useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { runsApi } from '../api/runs.ts';
import { workflowsApi } from '../api/workflows.ts';
import { specOf } from '../state/catalog.ts';
import { useEditor } from '../state/editor-store.ts';
import { useRuns } from '../state/run-store.ts';
import { Button, Dialog, Field } from '../ui/components.tsx';

export function DeployDialog(props: { open: boolean; onOpenChange(o: boolean): void }) {
  const [state, setState] = useState<{
    busy?: boolean;
    version?: number;
    webhookUrl?: string;
    error?: string;
  }>({});
  const [copied, setCopied] = useState(false);

  async function deploy() {
    const editor = useEditor.getState();
    setState({ busy: true });
    await editor.saveNow();
    const { saveState, issueCount, orgId, workflowId } = useEditor.getState();
    if (saveState !== 'saved' || !orgId || !workflowId) {
      setState({
        error: issueCount
          ? `Fix the ${issueCount} problem${issueCount === 1 ? '' : 's'} first: only a valid workflow can be deployed.`
          : (useEditor.getState().saveError ?? 'The draft could not be saved.'),
      });
      return;
    }
    try {
      const r = await workflowsApi(orgId).deploy(workflowId);
      setState({ version: r.version, webhookUrl: r.webhookUrl });
    } catch (err) {
      setState({ error: errorMessage(err) });
    }
  }

  const curl = state.webhookUrl
    ? `curl -X POST '${state.webhookUrl}' \\\n  -H 'content-type: application/json' \\\n  -d '{"amount": 150}'`
    : '';
  return (
    <Dialog
      open={props.open}
      onOpenChange={(o) => {
        props.onOpenChange(o);
        if (!o) setState({});
      }}
      title={state.version ? `Version ${state.version} is live` : 'Deploy'}
    >
      {!state.version && (
        <div className="stack">
          <p className="muted" style={{ margin: 0 }}>
            Deploying publishes the current draft as a new version; its trigger starts using it at once.
            Earlier versions stay in the history.
          </p>
          {state.error && (
            <div className="field-error" role="alert">
              {state.error}
            </div>
          )}
          <div className="row" style={{ justifyContent: 'flex-end' }}>
            <Button
              variant="primary"
              disabled={state.busy && !state.error}
              onClick={deploy}
              data-testid="confirm-deploy"
            >
              Deploy now
            </Button>
          </div>
        </div>
      )}
      {state.version && (
        <div className="stack" data-testid="deployed">
          {state.webhookUrl ? (
            <>
              <Field
                label="Webhook URL"
                htmlFor="webhook-url"
                help="Send a POST (or GET) here to start a run. Keep it secret: anyone with it can trigger the workflow."
              >
                <div className="row">
                  <input
                    id="webhook-url"
                    className="input mono"
                    readOnly
                    value={state.webhookUrl}
                    data-testid="webhook-url"
                  />
                  <Button
                    onClick={async () => {
                      await navigator.clipboard?.writeText(state.webhookUrl!).catch(() => undefined);
                      setCopied(true);
                    }}
                  >
                    {copied ? 'Copied' : 'Copy'}
                  </Button>
                </div>
              </Field>
              <div className="field-label">Try it</div>
              <pre className="json">{curl}</pre>
            </>
          ) : (
            <p className="muted">Start it with Test run, or from the API.</p>
          )}
        </div>
      )}
    </Dialog>
  );
}

export function TestRunDialog(props: { open: boolean; onOpenChange(o: boolean): void }) {
  const sample = () => {
    const { graph } = useEditor.getState();
    const trigger = graph.nodes.find((n) => specOf(n.type, n.version)?.kind === 'trigger');
    const out = trigger ? specOf(trigger.type, trigger.version)?.sampleOutput : {};
    return JSON.stringify(out ?? {}, null, 2);
  };
  const [text, setText] = useState(sample);
  const [error, setError] = useState<string>();
  return (
    <Dialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title="Test run"
      description="Runs the deployed version with this input as $trigger, and shows each step as it runs."
    >
      <form
        className="stack"
        onSubmit={async (e) => {
          e.preventDefault();
          let input: unknown;
          try {
            input = JSON.parse(text);
          } catch {
            setError('The input is not valid JSON.');
            return;
          }
          try {
            const { runId } = await runsApi.start(useEditor.getState().workflowId!, input);
            props.onOpenChange(false);
            await useRuns.getState().show(runId);
          } catch (err) {
            setError(errorMessage(err));
          }
        }}
      >
        <Field label="Input ($trigger)" htmlFor="run-input">
          <textarea
            id="run-input"
            className="input mono"
            rows={10}
            value={text}
            onChange={(e) => setText(e.target.value)}
            data-testid="run-input"
          />
        </Field>
        {error && (
          <div className="field-error" role="alert">
            {error}
          </div>
        )}
        <div className="row" style={{ justifyContent: 'flex-end' }}>
          <Button type="submit" variant="primary" data-testid="start-run">
            Run
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
