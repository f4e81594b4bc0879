// The run shown on the canvas: picked from the runs list or started with "Test run", polled
// until it ends, its step statuses painted on the cards.
import { create } from 'zustand';
import { errorMessage } from '../api/client.ts';
import { type Run, type RunSummary, runsApi } from '../api/runs.ts';
import { type StepStatus, useEditor } from './editor-store.ts';

interface RunState {
  open: boolean;
  runs: RunSummary[];
  current?: Run;
  error?: string;
  setOpen(open: boolean): void;
  refresh(): Promise<void>;
  show(runId: string): Promise<void>;
}

let poll: ReturnType<typeof setTimeout> | undefined;

function paint(run: Run): void {
  const lastRun: Record<string, StepStatus> = {};
  const lastRunOutputs: Record<string, unknown> = {};
  for (const step of run.steps) {
    lastRun[step.nodeId] = step.status === 'ABORTED' ? 'FAILED' : step.status;
    if (step.status === 'SUCCEEDED') lastRunOutputs[step.nodeId] = step.output;
  }
  const trigger = useEditor.getState().graph.nodes.find((n) => n.type.startsWith('trigger.'));
  if (trigger) {
    lastRun[trigger.id] = 'SUCCEEDED';
    lastRunOutputs[trigger.id] = run.input;
  }
  useEditor.setState({ lastRun, lastRunOutputs });
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
  async show(runId) {
    clearTimeout(poll);
    set({ open: true });
    try {
      const run = await runsApi.get(runId);
      set({ current: run, error: undefined });
      paint(run);
      if (run.status === 'RUNNING') poll = setTimeout(() => void get().show(runId), 500);
      if (run.status !== 'RUNNING' || !get().runs.some((r) => r.id === runId)) void get().refresh();
    } catch (err) {
      set({ error: errorMessage(err) });
    }
  },
}));

export function resetRuns(): void {
  clearTimeout(poll);
  useRuns.setState({ open: false, runs: [], current: undefined, error: undefined });
}
