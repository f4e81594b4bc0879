// Compiled workflows RUN: each fixture executes on the local runtime with a fake node runner.
import { describe, expect, it } from 'vitest';
import type { WorkflowGraph } from '../graph/model.ts';
import { createVirtualClock } from '../runtime/clock.ts';
import { TaskFailure } from '../runtime/errors.ts';
import { createRuntime, runStateMachine } from '../runtime/index.ts';
import { createMemoryStore } from '../store/memory.ts';
import { compileWorkflow } from './compile.ts';
import { fixtures } from './fixtures.ts';
import { testCatalog } from './test-support.ts';

interface RunnerPayload {
  nodeId: string;
  type: string;
  version: number;
  params: Record<string, unknown>;
  taskToken?: string;
}

type Behaviour = (payload: RunnerPayload, attempt: number) => unknown;

/** A node runner that answers per node id and records every call it receives. */
function fakeRunner(behaviours: Record<string, Behaviour> = {}) {
  const calls: RunnerPayload[] = [];
  const handler = async (input: unknown) => {
    const payload = input as RunnerPayload;
    calls.push(payload);
    const attempt = calls.filter((c) => c.nodeId === payload.nodeId).length;
    const behave = behaviours[payload.nodeId];
    return behave ? behave(payload, attempt) : { ok: payload.nodeId, params: payload.params };
  };
  return { calls, tasks: { 'flowdeck-node-runner': handler }, ran: () => calls.map((c) => c.nodeId) };
}

const run = (name: string, input: unknown, runner = fakeRunner()) =>
  runStateMachine(compileWorkflow(fixtures[name], testCatalog).definition, input, { tasks: runner.tasks });

describe('compiled workflows run on the local runtime', () => {
  it('passes resolved params to the node runner and chains outputs through $<nodeId>', async () => {
    const runner = fakeRunner({
      fetch: () => ({ items: [{ title: 'Launch day' }, { title: 'Older' }] }),
      post: (p) => ({ posted: p.params.text }),
    });
    const result = await run('linear', {}, runner);
    expect(result.status).toBe('SUCCEEDED');
    expect(runner.ran()).toEqual(['fetch', 'post']); // the transform needs no Lambda
    expect(runner.calls[0].params).toEqual({ url: 'https://example.com/feed', method: 'GET' });
    expect(runner.calls[1].params).toEqual({ text: 'Launch day' });
    expect(result.output).toEqual({ posted: 'Launch day' });
  });

  it('follows the true or false edge of a condition on the webhook payload', async () => {
    const big = fakeRunner();
    expect((await run('condition', { body: { amount: 150 } }, big)).status).toBe('SUCCEEDED');
    expect(big.ran()).toEqual(['notify_sales']);
    expect(big.calls[0].params.text).toBe('big 150');

    const small = fakeRunner();
    await run('condition', { body: { amount: '20' } }, small);
    expect(small.ran()).toEqual(['log_small']);
  });

  it('takes the first matching switch case and ends quietly when nothing matches', async () => {
    const x = fakeRunner();
    await run('switch', { channel: 'twitter' }, x);
    expect(x.ran()).toEqual(['to_x']);
    const none = fakeRunner();
    const result = await run('switch', { channel: 'tiktok' }, none);
    expect(result.status).toBe('SUCCEEDED');
    expect(none.ran()).toEqual([]);
  });

  it('retries a failing action and then succeeds', async () => {
    const runner = fakeRunner({
      flaky: (_p, attempt) => {
        if (attempt < 3) throw new TaskFailure('Vendor.RateLimited', 'slow down');
        return { published: true };
      },
    });
    const result = await run('errors', {}, runner);
    expect(result.status).toBe('SUCCEEDED');
    expect(runner.ran()).toEqual(['flaky', 'flaky', 'flaky', 'risky']);
    expect(result.output).toEqual({ flaky: { published: true }, risky: { ok: 'risky', params: {} } });
  });

  it('continues with {error, cause} as the output, or follows the error edge', async () => {
    const runner = fakeRunner({
      flaky: () => {
        throw new TaskFailure('Vendor.Down', 'always down');
      },
      risky: () => {
        throw new TaskFailure('Vendor.Rejected', 'bad token');
      },
      alert: (p) => ({ alerted: p.params.text }),
    });
    const result = await run('errors', {}, runner);
    expect(result.status).toBe('SUCCEEDED');
    expect(runner.ran()).toEqual(['flaky', 'flaky', 'flaky', 'flaky', 'risky', 'alert']);
    expect(result.output).toEqual({ alerted: 'Vendor.Rejected' });
  });

  it('runs a for-each body once per element and collects the outputs', async () => {
    const runner = fakeRunner({ publish: (p) => ({ text: p.params.text, at: p.params.position }) });
    const posts = [{ text: 'one' }, { text: 'two' }, { text: 'three' }];
    const result = await run('forEach', { posts }, runner);
    expect(result.status).toBe('SUCCEEDED');
    expect(runner.calls.map((c) => c.params).sort((a, b) => Number(a.position) - Number(b.position))).toEqual(
      [
        { text: 'one', position: 0 },
        { text: 'two', position: 1 },
        { text: 'three', position: 2 },
      ],
    );
    expect(result.output).toBe(3);
  });

  it('runs parallel branches and makes their outputs readable after the join', async () => {
    const both = await run('parallel', { newsletter: true });
    expect(both.status).toBe('SUCCEEDED');
    const out = both.output as { blog: unknown; newsletter: unknown; all: unknown };
    expect(out.blog).toEqual({ ok: 'to_blog', params: { network: 'blog' } });
    expect(out.newsletter).toEqual({ ok: 'to_newsletter', params: { network: 'newsletter' } });
    // Every branch node that keeps an output (actions, transforms), by id.
    expect(out.all).toEqual({ to_blog: out.blog, to_newsletter: out.newsletter });

    const blogOnly = await run('parallel', { newsletter: false });
    const partial = blogOnly.output as { blog: unknown; newsletter: unknown; all: unknown };
    // A node on the branch's path not taken reads as null after the join.
    expect(partial.newsletter).toBeNull();
    expect(partial.all).toEqual({ to_blog: partial.blog, to_newsletter: null });
  });

  it('nests parallels and for-each loops inside each other', async () => {
    const runner = fakeRunner({
      ping: (p) => ({ up: p.params.site !== 'down.example' }),
      stats: (p) => {
        if (p.params.site === 'down.example') throw new TaskFailure('Vendor.Down', 'no stats');
        return { visits: 10 };
      },
      announce: (p) => ({ announced: p.params.count }),
    });
    const result = await run('nested', { sites: ['a.example', 'down.example'] }, runner);
    expect(result.status).toBe('SUCCEEDED');
    const stored = runner.calls.filter((c) => c.nodeId === 'store').map((c) => c.params.row);
    expect(stored).toEqual([
      { site: 'a.example', ping: { up: true }, stats: { visits: 10 } },
      { site: 'down.example', ping: { up: false }, stats: { error: 'Vendor.Down', cause: 'no stats' } },
    ]);
    expect(runner.calls.find((c) => c.nodeId === 'announce')?.params).toEqual({ count: 2 });
  });

  /** Runs the approval fixture; the person answers `decision`, or never when it is undefined. */
  async function runApproval(graph: WorkflowGraph, decision?: 'approved' | 'rejected') {
    const store = createMemoryStore();
    const published: string[] = [];
    const runtime = createRuntime({
      store,
      clock: createVirtualClock(),
      tasks: {
        'flowdeck-node-runner': async (input: unknown) => {
          const payload = input as RunnerPayload;
          if (payload.nodeId !== 'review') {
            published.push(payload.nodeId);
            return { ok: true };
          }
          if (decision) {
            // Answer once the runtime has recorded the token, as a person clicking later would.
            const answer = () => {
              runtime
                .sendTaskSuccess({ taskToken: payload.taskToken ?? '', output: JSON.stringify({ decision }) })
                .catch(() => setImmediate(answer));
            };
            setImmediate(answer);
          }
          return {};
        },
      },
    });
    try {
      const { definition } = compileWorkflow(graph, testCatalog);
      const { stateMachineArn } = await runtime.createStateMachine({ name: 'waits', definition });
      const { executionArn } = await runtime.startExecution({
        stateMachineArn,
        input: JSON.stringify({ publishAt: '2030-01-01T09:00:00Z' }),
      });
      return { done: await runtime.waitForExecution(executionArn), published };
    } finally {
      await runtime.close();
      await store.close();
    }
  }

  const withoutApprovalTimeout = (): WorkflowGraph => ({
    ...fixtures.waits,
    nodes: fixtures.waits.nodes.map((n) =>
      n.id === 'review' ? { ...n, params: { message: 'Publish?' } } : n,
    ),
  });

  it('waits, asks for approval and publishes when approved', async () => {
    const { done, published } = await runApproval(withoutApprovalTimeout(), 'approved');
    expect(done.status).toBe('SUCCEEDED');
    expect(published).toEqual(['publish']);
  });

  it("stops with the author's error when rejected", async () => {
    const { done, published } = await runApproval(withoutApprovalTimeout(), 'rejected');
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('Campaign.Cancelled');
    expect(done.cause).toBe('Nobody approved it');
    expect(published).toEqual([]);
  });

  it('counts an approval nobody answers in time as rejected', async () => {
    const { done, published } = await runApproval(fixtures.waits);
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('Campaign.Cancelled');
    expect(published).toEqual([]);
  });
});
