// Shared by this room's end-to-end tests: an app whose host runs on a stepped clock, and
// helpers that drive it through the public HTTP API.
import type { WorkflowNode } from '@flowdeck/engine';
import { coreModules } from '../app.ts';
import { waitFor } from '../testing/fixtures.ts';
import { type Caller, createTestApp, type TestApp } from '../testing/harness.ts';
import { defaultWorkflowEngine } from '../workflows/engine-port.ts';
import { type SteppedClock, steppedClock } from './stepped-clock.ts';

export interface ClockedApp extends TestApp {
  hostClock: SteppedClock;
}

/** An app with the real engine whose runtime host runs on a stepped clock starting at `start`. */
export function clockedApp(start: string, dataDir?: string): ClockedApp {
  const hostClock = steppedClock(start);
  const t = createTestApp({}, coreModules, dataDir, defaultWorkflowEngine(), hostClock);
  return Object.assign(t, { hostClock });
}

type Step = Partial<WorkflowNode> & { id: string; type: string };

/** trigger → steps, in a line (handles as given by `from`). */
export function line(trigger: Step, ...steps: (Step & { from?: string | null; handle?: string })[]) {
  const nodes = [trigger, ...steps].map((n, i) => {
    const { from: _from, handle: _handle, ...node } = n as Step & { from?: string; handle?: string };
    return { version: 1, position: { x: i * 200, y: 0 }, params: {}, ...node };
  });
  const edges = steps.map((s, i) => ({
    id: `e${i}`,
    source: s.from ?? nodes[i].id,
    sourceHandle: s.handle ?? null,
    target: s.id,
  }));
  return { schemaVersion: 1, nodes, edges };
}

/** Creates and deploys a workflow; answers its id. */
export async function deployed(t: TestApp, as: Caller, name: string, graph: unknown): Promise<string> {
  const created = await t.call('POST', '/api/v1/workflows', { as, body: { name, graph } });
  if (created.status !== 201) throw new Error(`create ${name}: ${created.status} ${created.text}`);
  const deploy = await t.call('POST', `/api/v1/workflows/${created.body.id}/deploy`, { as });
  if (deploy.status !== 200) throw new Error(`deploy ${name}: ${deploy.status} ${deploy.text}`);
  return created.body.id;
}

export interface RunView {
  id: string;
  status: string;
  trigger: string;
  input: any;
  output: any;
  error: any;
}

/** Every run of a workflow with its detail, oldest first. */
export async function runsOf(t: TestApp, as: Caller, workflowId: string): Promise<RunView[]> {
  const list = await t.call('GET', `/api/v1/runs?workflowId=${workflowId}&limit=100`, { as });
  const details = await Promise.all(
    (list.body.items as { id: string }[]).map(
      async (r) => (await t.call('GET', `/api/v1/runs/${r.id}`, { as })).body,
    ),
  );
  return details.reverse();
}

/** Waits until the workflow has `count` finished runs; answers them, oldest first. */
export function finishedRuns(t: TestApp, as: Caller, workflowId: string, count: number): Promise<RunView[]> {
  return waitFor(async () => {
    const runs = await runsOf(t, as, workflowId);
    return runs.length >= count && runs.every((r) => r.status !== 'RUNNING') && runs;
  }, 500);
}
