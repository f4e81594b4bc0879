// "Wait for event" end to end through the API: a run pauses at logic.wait_for_event until its
// organisation posts a matching event (another organisation's identical event does nothing), or
// continues along timed_out. The wait, and event rules, survive a restart.
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../testing/fixtures.ts';
import type { Caller, TestApp } from '../testing/harness.ts';
import { type ClockedApp, clockedApp, deployed, finishedRuns, line } from './test-support.ts';

let apps: TestApp[] = [];
afterEach(async () => {
  for (const t of apps) await t.close();
  apps = [];
});

const dealWorkflow = line(
  { id: 'start', type: 'trigger.manual' },
  {
    id: 'won',
    type: 'logic.wait_for_event',
    params: {
      pattern: {
        source: ['crm'],
        'detail-type': ['deal.won'],
        detail: { dealId: ['{% $trigger.dealId %}'] },
      },
      timeoutSeconds: 3600,
    },
  },
  {
    id: 'celebrate',
    type: 'data.transform',
    from: 'won',
    handle: 'received',
    params: { output: "{% 'won ' & $string($won.detail.amount) %}" },
  },
  {
    id: 'chase',
    type: 'data.transform',
    from: 'won',
    handle: 'timed_out',
    params: { output: "{% 'no news: ' & $won.error %}" },
  },
);

const won = (dealId: string, amount: number) => ({
  Entries: [{ Source: 'crm', DetailType: 'deal.won', Detail: JSON.stringify({ dealId, amount }) }],
});

async function startWaiting(t: TestApp, as: Caller, wf: string, dealId: string): Promise<string> {
  const started = await t.call('POST', `/api/v1/workflows/${wf}/runs`, { as, body: { input: { dealId } } });
  const runId = started.body.runId as string;
  await waitFor(async () => {
    const run = (await t.call('GET', `/api/v1/runs/${runId}`, { as })).body;
    return run.steps?.some(
      (s: { nodeId: string; status: string }) => s.nodeId === 'won' && s.status === 'RUNNING',
    );
  });
  await (t as ClockedApp).deps.host!.events.drain();
  return runId;
}

describe('logic.wait_for_event through the API', () => {
  it('resumes when the organisation posts a matching event, not on another organisation’s', async () => {
    const t = clockedApp('2026-03-02T09:00:00Z');
    apps.push(t);
    const owner = await t.signup('Ada', 'Acme');
    const rival = await t.signup('Bob', 'Rival');
    const wf = await deployed(t, owner, 'Deal follow-up', dealWorkflow);
    const runId = await startWaiting(t, owner, wf, 'd-42');

    await t.call('POST', '/api/v1/events', { as: rival, body: won('d-42', 1) });
    await t.call('POST', '/api/v1/events', { as: owner, body: won('d-41', 2) });
    await t.deps.host!.events.drain();
    expect((await t.call('GET', `/api/v1/runs/${runId}`, { as: owner })).body.status).toBe('RUNNING');
    // Not an approval: nobody can "answer" it.
    expect((await t.call('GET', '/api/v1/approvals', { as: owner })).body.items).toEqual([]);

    await t.call('POST', '/api/v1/events', { as: owner, body: won('d-42', 5000) });
    const [run] = await finishedRuns(t, owner, wf, 1);
    expect(run).toMatchObject({ id: runId, status: 'SUCCEEDED', output: 'won 5000' });
  });

  it('continues along timed_out when nothing matches in time', async () => {
    const t = clockedApp('2026-03-02T09:00:00Z');
    apps.push(t);
    const owner = await t.signup();
    const wf = await deployed(t, owner, 'Deal follow-up', dealWorkflow);
    await startWaiting(t, owner, wf, 'd-7');
    await t.hostClock.advance(3600_000);
    const [run] = await finishedRuns(t, owner, wf, 1);
    expect(run.status).toBe('SUCCEEDED');
    expect(run.output).toMatch(/^no news: (Events|States)\.Timeout$/);
  });

  it('keeps waits and event rules across a restart', async () => {
    const first = clockedApp('2026-03-02T09:00:00Z');
    apps.push(first);
    const owner = await first.signup();
    const wf = await deployed(first, owner, 'Deal follow-up', dealWorkflow);
    const onWon = await deployed(
      first,
      owner,
      'Log wins',
      line(
        {
          id: 'any_win',
          type: 'trigger.event',
          params: { pattern: { source: ['crm'], 'detail-type': ['deal.won'] } },
        },
        { id: 'log', type: 'data.transform', params: { output: '{% $trigger.detail.dealId %}' } },
      ),
    );
    const runId = await startWaiting(first, owner, wf, 'd-9');
    await first.close({ keepData: true });

    const second = clockedApp('2026-03-02T09:30:00Z', first.dataDir);
    apps = [second];
    await second.deps.host!.runtime.recover();
    await second.call('POST', '/api/v1/events', { as: owner, body: won('d-9', 12) });
    const done = await waitFor(async () => {
      const run = (await second.call('GET', `/api/v1/runs/${runId}`, { as: owner })).body;
      return run.status !== 'RUNNING' && run;
    });
    expect(done).toMatchObject({ status: 'SUCCEEDED', output: 'won 12' });
    const [logged] = await finishedRuns(second, owner, onWon, 1);
    expect(logged.output).toBe('d-9');
  });
});
