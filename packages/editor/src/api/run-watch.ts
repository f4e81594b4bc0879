// Live updates of one run: calls `onRun` with the run now and after every change until it ends.
// Polls `GET /api/v1/runs/:id` every 500 ms while the run is RUNNING.
import { errorMessage } from './client.ts';
import { type Run, runsApi } from './runs.ts';

const POLL_MS = 500;

export function watchRun(
  runId: string,
  onRun: (run: Run) => void,
  onError: (message: string) => void,
): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = async () => {
    try {
      const run = await runsApi.get(runId);
      if (stopped) return;
      onRun(run);
      if (run.status === 'RUNNING') timer = setTimeout(tick, POLL_MS);
    } catch (err) {
      if (!stopped) onError(errorMessage(err));
    }
  };
  void tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
