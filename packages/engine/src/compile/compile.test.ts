import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WorkflowGraph } from '../graph/model.ts';
import { compileWorkflow } from './compile.ts';
import { CompileError } from './errors.ts';
import { fixtures } from './fixtures.ts';
import { aslProblems, graph, testCatalog } from './test-support.ts';

const compile = (g: WorkflowGraph, options = {}) => compileWorkflow(g, testCatalog, options);

/** Every state of a definition, nested ones included. */
function allStates(states: Record<string, Record<string, unknown>>): [string, Record<string, unknown>][] {
  return Object.entries(states).flatMap(([name, state]) => {
    const nested: [string, Record<string, unknown>][] = [];
    for (const branch of (state.Branches as { States: Record<string, Record<string, unknown>> }[]) ?? []) {
      nested.push(...allStates(branch.States));
    }
    const processor = state.ItemProcessor as { States: Record<string, Record<string, unknown>> } | undefined;
    if (processor) nested.push(...allStates(processor.States));
    return [[name, state], ...nested];
  });
}

describe('compileWorkflow', () => {
  it.each(Object.keys(fixtures))('compiles the %s fixture to ASL that asl-validator accepts', (name) => {
    const { definition, sourceMap } = compile(fixtures[name]);
    expect(aslProblems(definition)).toEqual([]);
    expect(definition.QueryLanguage).toBe('JSONata');
    const names = allStates(definition.States as never).map(([n]) => n);
    expect(Object.keys(sourceMap).sort()).toEqual([...names].sort());
    const ids = new Set(fixtures[name].nodes.map((n) => n.id));
    for (const nodeId of Object.values(sourceMap)) expect(ids).toContain(nodeId);
  });

  it('has a validator that does reject broken ASL', () => {
    const broken = structuredClone(compile(fixtures.linear).definition) as unknown as {
      States: Record<string, object>;
    };
    broken.States.fetch = { ...broken.States.fetch, Next: 'nowhere' };
    expect(aslProblems(broken)).not.toEqual([]);
  });

  it('turns the trigger into a Pass that keeps the payload and the variables', () => {
    const { definition, triggers } = compile(fixtures.linear, { workflowName: 'Weekly digest' });
    expect(definition.Comment).toContain('Weekly digest');
    expect(definition.StartAt).toBe('start');
    expect(definition.States.start).toEqual({
      Type: 'Pass',
      Assign: { trigger: '{% $states.input %}', vars: { author: 'Ada' } },
      Next: 'fetch',
    });
    expect(triggers).toEqual([
      { nodeId: 'start', type: 'manual', nodeType: 'trigger.manual', version: 1, params: {} },
    ]);
  });

  it('invokes the node runner for actions and keeps their output in $<nodeId>', () => {
    const { definition } = compile(fixtures.linear, {
      nodeRunnerFunction: 'arn:aws:lambda:eu-west-1:1:function:runner',
    });
    expect(definition.States.fetch).toEqual({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Arguments: {
        FunctionName: 'arn:aws:lambda:eu-west-1:1:function:runner',
        Payload: {
          nodeId: 'fetch',
          type: 'http.request',
          version: 1,
          params: { url: 'https://example.com/feed', method: 'GET' },
        },
      },
      Output: '{% $states.result.Payload %}',
      Assign: { fetch: '{% $states.result.Payload %}' },
      Next: 'shape',
    });
    const shape = definition.States.shape;
    expect(shape.Type).toBe('Pass');
    expect(shape.Assign).toEqual({ shape: fixtures.linear.nodes[2].params.output });
    expect(definition.States.post).toMatchObject({ Type: 'Task', End: true });
  });

  it('maps retry, timeout and onError settings to Retry, TimeoutSeconds and Catch', () => {
    const { definition } = compile(fixtures.errors);
    const flaky = definition.States.flaky;
    expect(flaky.Retry).toEqual([
      {
        ErrorEquals: ['States.ALL'],
        IntervalSeconds: 2,
        MaxAttempts: 3,
        BackoffRate: 2,
        MaxDelaySeconds: 30,
        JitterStrategy: 'FULL',
      },
    ]);
    expect(flaky.TimeoutSeconds).toBe(60);
    expect(flaky.Catch).toEqual([expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: 'risky' })]);
    expect((flaky.Catch as { Assign: object }[])[0].Assign).toHaveProperty('flaky');
    expect(definition.States.risky.Next).toBe('done');
    expect((definition.States.risky.Catch as { Next: string }[])[0].Next).toBe('alert');
  });

  it('turns conditions and switches into Choice states', () => {
    const { definition } = compile(fixtures.condition);
    const choice = definition.States.big as unknown as {
      Choices: { Condition: string; Next: string }[];
      Default: string;
    };
    expect(choice.Choices[0].Next).toBe('notify_sales');
    expect(choice.Choices[0].Condition).toMatch(/^\{% .*\$trigger.* %\}$/s);
    expect(choice.Default).toBe('log_small');

    const routed = compile(fixtures.switch).definition;
    const route = routed.States.route as unknown as { Choices: { Next: string }[]; Default: string };
    expect(route.Choices.map((c) => c.Next)).toEqual(['to_linkedin', 'to_x']);
    // An unconnected default ends the run successfully.
    expect(route.Default).toBe('route__end');
    expect(routed.States.route__end).toEqual({ Type: 'Succeed' });
  });

  it('turns delay, stop and approval into Wait, Fail and a task-token Task with a decision', () => {
    const { definition, sourceMap } = compile(fixtures.waits);
    expect(definition.States.pause).toEqual({ Type: 'Wait', Seconds: 3600, Next: 'until' });
    expect(definition.States.until).toEqual({
      Type: 'Wait',
      Timestamp: '{% $trigger.publishAt %}',
      Next: 'review',
    });
    expect(definition.States.give_up).toEqual({
      Type: 'Fail',
      Error: 'Campaign.Cancelled',
      Cause: 'Nobody approved it',
    });
    const review = definition.States.review;
    expect(review.Resource).toBe('arn:aws:states:::lambda:invoke.waitForTaskToken');
    expect((review.Arguments as { Payload: { taskToken: string } }).Payload.taskToken).toBe(
      '{% $states.context.Task.Token %}',
    );
    expect(review.TimeoutSeconds).toBe(86400);
    expect(review.Next).toBe('review__decide');
    expect(definition.States.review__decide).toMatchObject({
      Type: 'Choice',
      Choices: [{ Condition: "{% $review.decision = 'approved' %}", Next: 'publish' }],
      Default: 'give_up',
    });
    expect(sourceMap.review__decide).toBe('review');
  });

  it('turns for-each into a Map whose body names the element', () => {
    const { definition } = compile(fixtures.forEach);
    const map = definition.States.each_post as unknown as Record<string, unknown> & {
      ItemProcessor: { StartAt: string; States: Record<string, Record<string, unknown>> };
    };
    expect(map).toMatchObject({
      Type: 'Map',
      Items: '{% $trigger.posts %}',
      MaxConcurrency: 2,
      Next: 'summary',
    });
    expect(map.Assign).toEqual({ each_post: '{% $states.result %}' });
    expect(map.ItemProcessor.StartAt).toBe('each_post__iteration');
    expect(map.ItemProcessor.States.each_post__iteration.Assign).toEqual({
      each_post_item: '{% $states.input.item %}',
      each_post_index: '{% $states.input.index %}',
    });
    expect(map.ItemProcessor.States.publish).toMatchObject({ Type: 'Task', End: true });
  });

  it('turns parallel + join into a Parallel that hands every branch output to the main path', () => {
    const { definition } = compile(fixtures.parallel);
    const parallel = definition.States.fan_out as unknown as Record<string, unknown> & {
      Branches: { StartAt: string; States: Record<string, Record<string, unknown>> }[];
    };
    expect(parallel.Type).toBe('Parallel');
    expect(parallel.Next).toBe('report');
    expect(parallel.Branches.map((b) => b.StartAt)).toEqual(['to_blog', 'check']);
    // Only the Parallel's own id is assigned outside: branch variables may not be re-declared there.
    expect(Object.keys(parallel.Assign as object)).toEqual(['fan_out']);
    expect(parallel.Branches[1].States.check.Default).toBe('fan_out__branch1');
    expect(definition.States).not.toHaveProperty('meet');
  });

  it('gives byte-identical ASL whatever the order of nodes and edges', () => {
    for (const fixture of Object.values(fixtures)) {
      const expected = JSON.stringify(compile(fixture).definition);
      fc.assert(
        fc.property(
          fc.shuffledSubarray(fixture.nodes, { minLength: fixture.nodes.length }),
          fc.shuffledSubarray(fixture.edges, { minLength: fixture.edges.length }),
          (nodes, edges) => {
            expect(JSON.stringify(compile({ ...fixture, nodes, edges }).definition)).toBe(expected);
          },
        ),
        { numRuns: 30 },
      );
    }
  });

  it('compiles a chain of thousands of steps (no recursion per step)', () => {
    const long = graph().node('start', 'trigger.manual');
    let previous = 'start';
    for (let i = 0; i < 5000; i++) {
      long.node(`step_${i}`, 'data.transform', { output: i }).edge(previous, `step_${i}`);
      previous = `step_${i}`;
    }
    const { definition, sourceMap } = compile(long.build());
    expect(Object.keys(definition.States)).toHaveLength(5001);
    expect(definition.States.step_4999).toMatchObject({ End: true });
    expect(Object.keys(sourceMap)).toHaveLength(5001);
  });

  it('binds each kind of trigger', () => {
    const bindingOf = (type: string, params: Record<string, unknown> = {}) =>
      compile(graph().node('t', type, params).build()).triggers[0];
    expect(bindingOf('trigger.webhook', { responseMode: 'sync' })).toMatchObject({
      type: 'webhook',
      params: { responseMode: 'sync' },
    });
    expect(bindingOf('trigger.schedule').type).toBe('schedule');
    expect(bindingOf('rss.new_item')).toMatchObject({ type: 'poll', nodeType: 'rss.new_item' });
  });

  it('refuses an invalid graph with every problem listed', () => {
    const bad = graph()
      .node('start', 'trigger.manual')
      .node('sum', 'social.post')
      .node('check', 'logic.condition', { rule: { '>': [{ var: 'trigger.n' }, 1] } })
      .edge('start', 'sum')
      .edge('sum', 'check')
      .edge('check', 'sum', 'true')
      .build();
    let error: unknown;
    try {
      compile(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CompileError);
    const problems = (error as CompileError).problems;
    expect(problems.some((p) => p.nodeId === 'sum' && p.path === 'id')).toBe(true);
    expect(problems.length).toBeGreaterThan(1);
  });
});
