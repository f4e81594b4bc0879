// Live updates of one run: `onRun` gets the run now and after every change until it ends.
// Reads `GET /api/v1/runs/:id`, then, while it runs, the server-sent events of
// `GET /api/v1/runs/:id/events` (docs/api.md "Live updates"): a `step` event replaces or adds
// one step, the final `run` event brings status, output and error. Read with `fetch`, since
// EventSource cannot send the organisation header.
import { sseParser } from '../core/sse.ts';
import { apiHeaders, errorMessage } from './client.ts';
import { type Run, type RunStep, runsApi } from './runs.ts';

export function watchRun(
  runId: string,
  onRun: (run: Run) => void,
  onError: (message: string) => void,
): () => void {
  const abort = new AbortController();
  let run: Run | undefined;
  const follow = async () => {
    run = await runsApi.get(runId);
    onRun(run);
    if (run.status !== 'RUNNING') return;
    const res = await fetch(`/api/v1/runs/${encodeURIComponent(runId)}/events`, {
      headers: { ...apiHeaders(), accept: 'text/event-stream' },
      credentials: 'same-origin',
      signal: abort.signal,
    });
    if (!res.ok || !res.body) throw new Error(`Live updates are unavailable (${res.status}).`);
    const feed = sseParser(({ event, data }) => {
      if (!run) return;
      if (event === 'step') {
        const { index, ...step } = JSON.parse(data) as RunStep & { index: number };
        const steps = [...run.steps];
        steps[index] = step;
        run = { ...run, steps };
      } else if (event === 'run') run = { ...run, ...(JSON.parse(data) as Partial<Run>), steps: run.steps };
      else return;
      onRun(run);
    });
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      feed(value);
    }
  };
  follow().catch((err) => {
    if (!abort.signal.aborted) onError(errorMessage(err));
  });
  return () => abort.abort();
}
