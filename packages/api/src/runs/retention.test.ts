import { afterEach, describe, expect, it } from 'vitest';
import { approvalGraph, waitFor } from '../testing/fixtures.ts';
import { type Caller, createTestApp, memberWithRole, type TestApp } from '../testing/harness.ts';
import { chain } from '../testing/test-engine.ts';
import { forgetPrunedExecutions, PRUNE_COUNT_SLACK, PRUNE_INTERVAL_MS, pruneRuns } from './retention.ts';

let t: TestApp;
let owner: Caller;
afterEach(() => t?.close());

async function deployed(graph: unknown) {
  const wf = await t.call('POST', '/api/v1/workflows', { as: owner, body: { name: 'Flow', graph } });
  await t.call('POST', `/api/v1/workflows/${wf.body.id}/deploy`, { as: owner });
  return wf.body.id as string;
}
const start = async (workflowId: string) =>
  (await t.call('POST', `/api/v1/workflows/${workflowId}/runs`, { as: owner, body: { input: { n: 1 } } }))
    .body.runId as string;
/** Until the run's row says it ended (what retention reads). */
const ended = (runId: string) =>
  waitFor(async () => {
    const row = t.deps.db.prepare('SELECT status FROM runs WHERE id = ?').get(runId) as { status: string };
    return row.status !== 'RUNNING';
  });
const arnOf = (runId: string) =>
  (t.deps.db.prepare('SELECT execution_arn FROM runs WHERE id = ?').get(runId) as { execution_arn: string })
    .execution_arn;
const history = (executionArn: string) => t.deps.host!.runtime.getExecutionHistory({ executionArn });

describe('retention', () => {
  it('prunes a run from the runtime store too: its execution and history are gone', async () => {
    t = createTestApp();
    owner = await t.signup();
    const wf = await deployed(
      chain({ type: 'trigger.manual' }, { type: 'data.transform', params: { output: '{% $trigger.n %}' } }),
    );
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      t.clock.advance(1000);
      ids.push(await start(wf));
      await ended(ids[i]);
    }
    const arns = ids.map(arnOf);
    expect((await history(arns[0])).events.length).toBeGreaterThan(0);

    const admin = await memberWithRole(t, owner, 'admin');
    const patched = await t.call('PATCH', '/api/v1/organization', {
      as: admin,
      body: { retention: { maxRuns: 1 } },
    });
    expect(patched.status).toBe(200);
    expect(pruneRuns(t.deps, owner.orgId)).toBe(2);
    // pruneRuns already started forgetting them; this waits for that pass (and runs one more).
    await forgetPrunedExecutions(t.deps);

    for (const arn of arns.slice(0, 2)) {
      await expect(history(arn)).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
      await expect(t.deps.host!.runtime.describeExecution({ executionArn: arn })).rejects.toMatchObject({
        name: 'ExecutionDoesNotExist',
      });
    }
    expect((await history(arns[2])).events.length).toBeGreaterThan(0);
    expect((await t.call('GET', `/api/v1/runs/${ids[0]}`, { as: owner })).status).toBe(404);
    expect((await t.call('GET', `/api/v1/runs/${ids[2]}`, { as: owner })).status).toBe(200);
    expect(t.deps.db.prepare('SELECT COUNT(*) AS n FROM pruned_executions').get()).toEqual({ n: 0 });
  });

  it('never prunes a running run, and keeps a queued execution the store refuses until it can go', async () => {
    t = createTestApp();
    owner = await t.signup();
    const wf = await deployed(approvalGraph());
    const waiting = await start(wf);
    await waitFor(async () => (await history(arnOf(waiting))).events.length > 3);
    await t.call('PATCH', '/api/v1/organization', { as: owner, body: { retention: { maxAgeDays: 1 } } });
    t.clock.advance(3 * 86_400_000);
    expect(pruneRuns(t.deps, owner.orgId)).toBe(0);
    expect((await t.call('GET', `/api/v1/runs/${waiting}`, { as: owner })).body.status).toBe('RUNNING');

    // A queued execution that is still running (a stale queue entry) stays queued, untouched.
    t.deps.db.prepare('INSERT INTO pruned_executions VALUES (?, ?)').run(arnOf(waiting), 0);
    expect(await forgetPrunedExecutions(t.deps)).toBe(0);
    expect((await history(arnOf(waiting))).events.length).toBeGreaterThan(0);
    expect(t.deps.db.prepare('SELECT COUNT(*) AS n FROM pruned_executions').get()).toEqual({ n: 1 });
  });

  const manualFlow = () =>
    chain({ type: 'trigger.manual' }, { type: 'data.transform', params: { output: '{% $trigger.n %}' } });
  const listed = async (runId: string) =>
    (await t.call('GET', `/api/v1/runs/${runId}`, { as: owner })).status;
  const startAndEnd = async (workflowId: string) => {
    const id = await start(workflowId);
    await ended(id);
    return id;
  };

  it('reads changed settings at the next run start: a new maxRuns prunes at once', async () => {
    t = createTestApp();
    owner = await t.signup();
    const wf = await deployed(manualFlow());
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      t.clock.advance(1000);
      ids.push(await startAndEnd(wf)); // no retention yet: nothing pruned, settings now cached
    }
    expect(await Promise.all(ids.map(listed))).toEqual([200, 200, 200]);
    await t.call('PATCH', '/api/v1/organization', { as: owner, body: { retention: { maxRuns: 1 } } });
    t.clock.advance(1000);
    const fourth = await start(wf);
    expect(await Promise.all(ids.map(listed))).toEqual([404, 404, 200]);
    await ended(fourth);
    // Turning retention off again is seen as well: nothing more goes.
    await t.call('PATCH', '/api/v1/organization', { as: owner, body: { retention: { maxRuns: null } } });
    t.clock.advance(1000);
    await startAndEnd(wf);
    expect(await listed(ids[2])).toBe(200);
  });

  it('prunes by age when a run starts at least PRUNE_INTERVAL_MS after the last prune', async () => {
    t = createTestApp();
    owner = await t.signup();
    await t.call('PATCH', '/api/v1/organization', { as: owner, body: { retention: { maxAgeDays: 1 } } });
    const wf = await deployed(manualFlow());
    const old = await startAndEnd(wf); // the first start after the settings change prunes
    // Just before `old` is a day old, a start prunes (the interval passed) and keeps it.
    t.clock.advance(86_400_000 - PRUNE_INTERVAL_MS / 2);
    await startAndEnd(wf);
    expect(await listed(old)).toBe(200);
    // Now `old` is past a day, but the last prune was less than the interval ago: it stays a while.
    t.clock.advance(PRUNE_INTERVAL_MS * 0.75);
    await startAndEnd(wf);
    expect(await listed(old)).toBe(200);
    t.clock.advance(PRUNE_INTERVAL_MS * 0.25);
    await startAndEnd(wf);
    expect(await listed(old)).toBe(404);
  });

  it(`prunes by count every maxRuns / ${PRUNE_COUNT_SLACK} starts, so the list overshoots by less than that`, async () => {
    t = createTestApp();
    owner = await t.signup();
    const wf = await deployed(manualFlow());
    const maxRuns = 2 * PRUNE_COUNT_SLACK; // a prune every 2nd start
    const ids: string[] = [];
    for (let i = 0; i < maxRuns + 2; i++) {
      t.clock.advance(1);
      ids.push(await startAndEnd(wf));
    }
    await t.call('PATCH', '/api/v1/organization', { as: owner, body: { retention: { maxRuns } } });
    t.clock.advance(1);
    ids.push(await startAndEnd(wf)); // due (settings just read): the 2 oldest go
    expect(await Promise.all(ids.slice(0, 3).map(listed))).toEqual([404, 404, 200]);
    t.clock.advance(1);
    ids.push(await startAndEnd(wf)); // not due: maxRuns + 1 finished runs stay listed
    expect(await listed(ids[2])).toBe(200);
    t.clock.advance(1);
    ids.push(await start(wf)); // due: the newest maxRuns finished runs stay
    expect(await Promise.all(ids.slice(2, 5).map(listed))).toEqual([404, 404, 200]);
    await ended(ids.at(-1)!);
  });
});
