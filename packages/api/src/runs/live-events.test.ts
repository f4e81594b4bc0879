import { afterEach, describe, expect, it } from 'vitest';
import { approvalGraph, waitFor } from '../testing/fixtures.ts';
import { createTestApp, memberWithRole, type Caller, type TestApp } from '../testing/harness.ts';

let t: TestApp;
afterEach(() => t?.close());

interface SseEvent {
  event: string;
  id?: string;
  data: any;
}

/** Reads a text/event-stream body, one parsed event at a time, until the server closes it. */
function sseReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    /** The next event, or undefined once the stream has ended. */
    async next(): Promise<SseEvent | undefined> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields: Record<string, string> = {};
          for (const line of block.split('\n')) {
            const at = line.indexOf(': ');
            fields[line.slice(0, at)] = (fields[line.slice(0, at)] ?? '') + line.slice(at + 2);
          }
          return { event: fields.event, id: fields.id, data: JSON.parse(fields.data) };
        }
        const { value, done } = await reader.read();
        if (done) return undefined;
        buffer += decoder.decode(value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  };
}

async function startApprovalRun(owner: Caller) {
  const wf = await t.call('POST', '/api/v1/workflows', {
    as: owner,
    body: { name: 'Review', graph: approvalGraph() },
  });
  await t.call('POST', `/api/v1/workflows/${wf.body.id}/deploy`, { as: owner });
  const run = await t.call('POST', `/api/v1/workflows/${wf.body.id}/runs`, {
    as: owner,
    body: { input: { title: 'Launch' } },
  });
  return run.body.runId as string;
}

describe('GET /api/v1/runs/:id/events', () => {
  it('streams each step change while a run waits for an approval, then the run, then closes', async () => {
    t = createTestApp();
    const owner = await t.signup();
    const viewer = await memberWithRole(t, owner, 'viewer');
    const runId = await startApprovalRun(owner);

    const res = await t.app.request(`/api/v1/runs/${runId}/events`, { headers: viewer.headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const stream = sseReader(res.body!);

    // Until someone answers, the stream shows the approval step running (and nothing ends).
    const seen: SseEvent[] = [];
    let waiting: SseEvent | undefined;
    while (!waiting) {
      const e = (await stream.next())!;
      seen.push(e);
      if (e.event === 'step' && e.data.nodeId === 'review' && e.data.status === 'RUNNING') waiting = e;
    }
    expect(seen.every((e) => e.event === 'step')).toBe(true);

    const approval = await waitFor(async () => {
      const list = await t.call('GET', '/api/v1/approvals', { as: owner });
      return list.body.items.find((a: { runId: string }) => a.runId === runId);
    });
    const answer = await t.call('POST', `/api/v1/approvals/${approval.id}`, {
      as: owner,
      body: { decision: 'approved' },
    });
    expect(answer.status).toBe(200);

    for (let e = await stream.next(); e; e = await stream.next()) seen.push(e);
    const last = seen.at(-1)!;
    expect(last.event).toBe('run');
    expect(last.data).toMatchObject({ id: runId, status: 'SUCCEEDED', output: { published: true } });
    expect(seen.filter((e) => e.event === 'run')).toHaveLength(1);

    // The last state sent of each step is the run detail's step.
    const latest = new Map<number, any>();
    for (const e of seen) if (e.event === 'step') latest.set(e.data.index, e.data);
    const detail = await t.call('GET', `/api/v1/runs/${runId}`, { as: owner });
    expect([...latest.values()].map(({ index: _, ...step }) => step)).toEqual(detail.body.steps);
    expect(detail.body.steps.map((s: { nodeId: string }) => s.nodeId)).toEqual(['hook', 'review', 'publish']);
    // The approval step changed while streaming: first RUNNING, later SUCCEEDED.
    const reviewStates = seen
      .filter((e) => e.event === 'step' && e.data.nodeId === 'review')
      .map((e) => e.data.status);
    expect(reviewStates).toEqual(['RUNNING', 'SUCCEEDED']);
    // Event ids are history event ids, never going back.
    const ids = seen.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('sends the whole story at once for a run that has ended, and closes', async () => {
    t = createTestApp();
    const owner = await t.signup();
    const runId = await startApprovalRun(owner);
    await t.call('POST', `/api/v1/runs/${runId}/cancel`, { as: owner });
    const res = await t.app.request(`/api/v1/runs/${runId}/events`, { headers: owner.headers });
    const stream = sseReader(res.body!);
    const seen: SseEvent[] = [];
    for (let e = await stream.next(); e; e = await stream.next()) seen.push(e);
    expect(seen.at(-1)).toMatchObject({ event: 'run', data: { status: 'ABORTED' } });
    const review = seen.filter((e) => e.event === 'step' && e.data.nodeId === 'review');
    expect(review.map((e) => e.data.status)).toEqual(['ABORTED']);
  });

  it('answers 401 without a caller, 404 for another organisation’s run, and stops when the reader leaves', async () => {
    t = createTestApp();
    const owner = await t.signup();
    const stranger = await t.signup('Eve', 'Evil');
    const runId = await startApprovalRun(owner);
    expect((await t.app.request(`/api/v1/runs/${runId}/events`)).status).toBe(401);
    const foreign = await t.call('GET', `/api/v1/runs/${runId}/events`, { as: stranger });
    expect(foreign.status).toBe(404);
    expect(foreign.headers.get('content-type')).toContain('application/problem+json');
    const asOtherOrg = await t.call('GET', `/api/v1/runs/${runId}/events`, {
      as: { ...stranger, headers: { ...stranger.headers, 'x-flowdeck-org': owner.orgId } },
    });
    expect(asOtherOrg.status).toBe(404);

    const res = await t.app.request(`/api/v1/runs/${runId}/events`, { headers: owner.headers });
    const stream = sseReader(res.body!);
    expect((await stream.next())?.event).toBe('step');
    await stream.cancel(); // the run is still waiting; the server must not keep writing
  });
});
