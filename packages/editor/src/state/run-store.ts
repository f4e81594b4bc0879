// The run shown on the canvas: picked from the runs list or started with "Test run", watched
// live until it ends, its step statuses painted on the cards.
import { create } from 'zustand';
import { errorMessage } from '../api/client.ts';
import { watchRun } from '../api/run-watch.ts';
import { type Run, type RunSummary, runsApi } from '../api/runs.ts';
import { nodeStatuses } from '../core/run-view.ts';
import { isTriggerType } from './catalog.ts';
import { useEditor } from './editor-store.ts';

interface RunState {
  open: boolean;
  runs: RunSummary[];
  current?: Run;
  error?: string;
  setOpen(open: boolean): void;
  refresh(): Promise<void>;
  show(runId: string): void;
}

let unwatch: (() => void) | undefined;

function paint(run: Run): void {
  const { status, outputs } = nodeStatuses(useEditor.getState().graph, run, isTriggerType);
  useEditor.setState({ lastRun: status, lastRunOutputs: outputs });
}

export const useRuns = create<RunState>((set, get) => ({
  open: false,
  runs: [],
  setOpen(open) {
    set({ open });
    if (open) void get().refresh();
  },
  async refresh() {
    const id = useEditor.getState().workflowId;
    if (!id) return;
    try {
      set({ runs: (await runsApi.list(id)).items, error: undefined });
    } catch (err) {
      set({ error: errorMessage(err) });
    }
  },
  show(runId) {
    unwatch?.();
    set({ open: true });
    unwatch = watchRun(
      runId,
      (run) => {
        const wasListed = get().runs.some((r) => r.id === runId);
        set({ current: run, error: undefined });
        paint(run);
        if (run.status !== 'RUNNING' || !wasListed) void get().refresh();
      },
      (error) => set({ error }),
    );
  },
}));

export function resetRuns(): void {
  unwatch?.();
  unwatch = undefined;
  useRuns.setState({ open: false, runs: [], current: undefined, error: undefined });
}
