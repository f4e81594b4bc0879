import { describe, expect, it } from 'vitest';
import type { ValidationIssueCode } from './issues.ts';
import type { WorkflowGraph } from './model.ts';
import { g, testCatalog } from './test-graph.ts';
import { upstreamNodeIds } from './upstream.ts';
import { validateWorkflow } from './validate.ts';

const validate = (graph: unknown) => validateWorkflow(graph, testCatalog);
const only = (graph: unknown, code: ValidationIssueCode) =>
  validate(graph).issues.filter((i) => i.code === code);
const rule = (path: string) => ({ '>': [{ var: path }, 100] });

/** trigger → fetch → post: a valid starting point for most tests. */
const linear = () =>
  g()
    .node('start', 'trigger.manual')
    .node('fetch', 'http.request', { url: 'https://example.com/feed' })
    .node('post', 'http.request', { url: '{% $fetch.body.link %}' })
    .chain('start', 'fetch', 'post');

describe('validateWorkflow', () => {
  it('accepts a valid linear workflow', () => {
    expect(validate(linear().build())).toEqual({ valid: true, issues: [] });
  });

  it('accepts a valid workflow using every control node', () => {
    const graph = g()
      .node('start', 'trigger.manual')
      .node('check', 'logic.condition', { rule: rule('trigger.amount') })
      .node('loop', 'logic.for_each')
      .node('fix', 'data.transform', { output: { title: '{% $loop_item.title %}', at: '{% $loop_index %}' } })
      .node('fan', 'logic.parallel')
      .node('a', 'http.request', { url: '{% $loop %}' })
      .node('b', 'http.request', { url: 'https://b' })
      .node('meet', 'logic.join')
      .node('ask', 'logic.approval')
      .node(
        'send',
        'http.request',
        { url: '{% $fan.a.body & $fan.b.body & $vars.base %}' },
        { settings: { onError: 'branch' } },
      )
      .node('stop', 'logic.stop')
      .node('no', 'logic.stop')
      .edge('start', 'check')
      .edge('check', 'loop', 'true')
      .edge('check', 'no', 'false')
      .edge('loop', 'fix', 'item')
      .edge('loop', 'fan', 'done')
      .edge('fan', 'a')
      .edge('fan', 'b')
      .edge('a', 'meet')
      .edge('b', 'meet')
      .edge('meet', 'ask')
      .edge('ask', 'send', 'approved')
      .edge('ask', 'stop', 'rejected')
      .edge('send', 'stop', 'error')
      .vars({ base: 'https://x' })
      .build();
    expect(validate(graph).issues).toEqual([]);
  });

  describe('shape', () => {
    it('names every field that has the wrong type', () => {
      const result = validate({
        schemaVersion: 2,
        nodes: [
          { id: 'start', type: 'trigger.manual', version: 1, position: { x: 0, y: 0 }, params: {} },
          {
            id: 'x',
            type: 'data.transform',
            version: 'one',
            position: null,
            params: [],
            settings: { onError: 'ignore', retry: { maxAttempts: -1, backoffRate: 0.5, jitter: 'SOME' } },
          },
          'nonsense',
        ],
        edges: [{ id: 'e1', source: 'start' }],
      });
      expect(result.valid).toBe(false);
      expect(result.issues.map((i) => [i.code, i.nodeId ?? i.edgeId, i.path])).toEqual(
        expect.arrayContaining([
          ['unsupported_schema_version', undefined, 'schemaVersion'],
          ['invalid_shape', 'x', 'version'],
          ['invalid_shape', 'x', 'position'],
          ['invalid_shape', 'x', 'params'],
          ['invalid_shape', 'x', 'settings.onError'],
          ['invalid_shape', 'x', 'settings.retry.maxAttempts'],
          ['invalid_shape', 'x', 'settings.retry.backoffRate'],
          ['invalid_shape', 'x', 'settings.retry.jitter'],
          ['invalid_shape', undefined, 'nodes.2'],
          ['invalid_shape', 'e1', 'target'],
        ]),
      );
    });

    it('rejects something that is not a graph at all', () => {
      expect(validate('hello').issues).toEqual([
        {
          code: 'invalid_shape',
          path: '',
          message: 'The workflow must be a JSON object with steps and connections.',
        },
      ]);
      expect(validate({ schemaVersion: 1 }).issues.map((i) => i.path)).toEqual(['nodes', 'edges']);
    });
  });

  describe('node ids', () => {
    it('requires the id pattern', () => {
      const issues = only(
        linear().node('Bad-Name', 'data.transform').edge('post', 'Bad-Name').build(),
        'invalid_node_id',
      );
      expect(issues).toEqual([expect.objectContaining({ nodeId: 'Bad-Name', path: 'id' })]);
      expect(issues[0].message).toMatch(/lowercase letters, digits and “_”/);
    });

    it('requires unique ids', () => {
      const graph = linear().build();
      graph.nodes.push({ ...graph.nodes[1] });
      expect(only(graph, 'duplicate_node_id')).toEqual([
        {
          code: 'duplicate_node_id',
          nodeId: 'fetch',
          path: 'id',
          message: 'Two steps are called “fetch”; each step needs its own name.',
        },
      ]);
    });

    it.each([
      'trigger',
      'vars',
      'states',
      'string',
      'sum',
      'now',
      'map',
      'partition',
      'uuid',
      'parse',
      'loop_item',
      'loop_index',
    ])('refuses the reserved id %s', (id) => {
      const graph = linear().node('loop', 'logic.for_each').node(id, 'data.transform').build();
      const issues = only(graph, 'reserved_node_id');
      expect(issues.map((i) => i.nodeId)).toEqual([id]);
    });
  });

  describe('node types and params', () => {
    it('reports an unknown type', () => {
      expect(only(linear().node('x', 'rss.read').edge('post', 'x').build(), 'unknown_node_type')).toEqual([
        expect.objectContaining({ nodeId: 'x', path: 'type' }),
      ]);
    });

    it('reports an unknown version and names the known ones', () => {
      const [issue] = only(
        linear().node('x', 'http.request', { url: 'u' }, { version: 7 }).edge('post', 'x').build(),
        'unknown_node_version',
      );
      expect(issue).toMatchObject({ nodeId: 'x', path: 'version' });
      expect(issue.message).toContain('known versions: 1, 2');
    });

    it('reports params the node rejects, under params.<field>', () => {
      expect(only(linear().node('x', 'http.request').edge('post', 'x').build(), 'invalid_param')).toEqual([
        { code: 'invalid_param', nodeId: 'x', path: 'params.url', message: 'url is required.' },
      ]);
    });
  });

  describe('expressions', () => {
    it('reports JSONata that does not parse, with its position', () => {
      const [issue] = only(
        linear()
          .node('x', 'data.transform', { output: { a: ['{% $fetch.( %}'] } })
          .edge('post', 'x')
          .build(),
        'invalid_expression',
      );
      expect(issue).toMatchObject({ nodeId: 'x', path: 'params.output.a.0' });
      expect(issue.message).toMatch(/cannot be read: .* \(at character \d+\)\.$/);
    });

    it('accepts $trigger, $vars, functions and names bound inside the expression', () => {
      const graph = linear()
        .node('x', 'data.transform', {
          output:
            '{% ($n := $count($fetch.body); $map($trigger.items, function($v, $i) { $v & $n & $i }) & $vars.brand & $uuid() & $states) %}',
        })
        .edge('post', 'x')
        .vars({ brand: 'Acme' })
        .build();
      expect(validate(graph).issues.map((i) => i.message)).toEqual([
        'The expression at “output” uses $states, but $states is reserved; use $trigger or the name of an earlier step.',
      ]);
    });

    it('reports an unknown step and an unknown workflow variable', () => {
      const graph = linear()
        .node('x', 'data.transform', { output: '{% $fech.body & $vars.colour %}' })
        .edge('post', 'x')
        .vars({ brand: 'Acme' })
        .build();
      expect(only(graph, 'unknown_reference').map((i) => i.message)).toEqual([
        'The expression at “output” uses $fech, but there is no step called “fech”.',
        'The expression at “output” uses $vars.colour, but there is no workflow variable called “colour”.',
      ]);
    });

    it('refuses a reference to a downstream node and to itself', () => {
      const graph = linear().build();
      graph.nodes[1].params = { url: '{% $post.body & $fetch.status %}' };
      expect(only(graph, 'not_upstream').map((i) => [i.nodeId, i.path, i.message])).toEqual([
        [
          'fetch',
          'params.url',
          'The expression at “url” uses $post, but “post” does not run before this step.',
        ],
        ['fetch', 'params.url', 'The expression at “url” uses $fetch, but a step cannot use its own result.'],
      ]);
    });

    it('refuses a reference to a sibling branch of a condition', () => {
      const graph = g()
        .node('start', 'trigger.manual')
        .node('check', 'logic.condition', { rule: rule('trigger.amount') })
        .node('yes', 'data.transform', { output: 1 })
        .node('no', 'data.transform', { output: '{% $yes %}' })
        .edge('start', 'check')
        .edge('check', 'yes', 'true')
        .edge('check', 'no', 'false')
        .build();
      expect(only(graph, 'not_upstream')).toEqual([
        expect.objectContaining({ nodeId: 'no', path: 'params.output' }),
      ]);
    });

    it('allows $<forEach>_item only inside the loop body', () => {
      const graph = g()
        .node('start', 'trigger.manual')
        .node('loop', 'logic.for_each', { items: '{% $trigger.items %}' })
        .node('inside', 'data.transform', { output: '{% $loop_item & $loop_index %}' })
        .node('after', 'data.transform', { output: '{% $loop & $loop_item %}' })
        .edge('start', 'loop')
        .edge('loop', 'inside', 'item')
        .edge('loop', 'after', 'done')
        .build();
      expect(only(graph, 'not_upstream').map((i) => [i.nodeId, i.message])).toEqual([
        [
          'after',
          'The expression at “output” uses $loop_item, but $loop_item is only available inside the loop of “loop”.',
        ],
      ]);
    });

    it('checks the var paths of json-logic rules', () => {
      const graph = g()
        .node('start', 'trigger.manual')
        .node('check', 'logic.condition', {
          rule: { and: [rule('trigger.amount'), rule('later.x'), rule('ghost.y')] },
        })
        .node('later', 'data.transform', { output: 1 })
        .node('other', 'data.transform', { output: 2 })
        .edge('start', 'check')
        .edge('check', 'later', 'true')
        .edge('check', 'other', 'false')
        .build();
      expect(validate(graph).issues.map((i) => [i.code, i.path])).toEqual([
        ['not_upstream', 'params.rule.and.1.>.0.var'],
        ['unknown_reference', 'params.rule.and.2.>.0.var'],
      ]);
    });
  });

  describe('edges', () => {
    it('reports edges whose source or target does not exist', () => {
      const graph = linear().edge('ghost', 'post', null, 'e1').edge('post', 'nowhere', null, 'e2').build();
      expect(validate(graph).issues.map((i) => [i.code, i.edgeId, i.path])).toEqual([
        ['unknown_edge_source', 'e1', 'source'],
        ['unknown_edge_target', 'e2', 'target'],
      ]);
    });

    it('reports an output the source node does not have', () => {
      const graph = g()
        .node('start', 'trigger.manual')
        .node('check', 'logic.condition', { rule: rule('trigger.a') })
        .node('a', 'data.transform', { output: 1 })
        .node('b', 'data.transform', { output: 1 })
        .edge('start', 'check', 'yes', 'bad1')
        .edge('check', 'a', 'true')
        .edge('check', 'b', 'maybe', 'bad2')
        .edge('a', 'b', 'error', 'bad3')
        .build();
      const issues = only(graph, 'unknown_handle');
      expect(issues.map((i) => [i.edgeId, i.path])).toEqual([
        ['bad1', 'sourceHandle'],
        ['bad2', 'sourceHandle'],
        ['bad3', 'sourceHandle'],
      ]);
      expect(issues[1].message).toBe(
        '“check” has no output called “maybe”; its outputs are “true”, “false”.',
      );
      expect(issues[2].message).toContain('“On error” setting is “Branch”');
    });

    it('reports duplicate edge ids', () => {
      const graph = linear().build();
      graph.edges.push({ ...graph.edges[0] });
      expect(only(graph, 'duplicate_edge_id')).toHaveLength(1);
    });
  });

  describe('triggers', () => {
    it('requires a trigger', () => {
      const graph = g().node('a', 'data.transform', { output: 1 }).build();
      expect(only(graph, 'no_trigger')).toEqual([
        {
          code: 'no_trigger',
          path: 'nodes',
          message: 'The workflow needs a trigger: a first step that says when it starts.',
        },
      ]);
    });

    it('allows only one trigger', () => {
      expect(
        only(linear().node('again', 'trigger.manual').edge('again', 'post').build(), 'multiple_triggers'),
      ).toEqual([expect.objectContaining({ nodeId: 'again' })]);
    });

    it('refuses edges into the trigger', () => {
      expect(only(linear().edge('post', 'start', null, 'back').build(), 'trigger_has_incoming')).toEqual([
        expect.objectContaining({ edgeId: 'back', nodeId: 'start' }),
      ]);
    });
  });

  describe('flow', () => {
    it('refuses cycles and suggests a For each', () => {
      const graph = linear()
        .node('again', 'data.transform', { output: 1 })
        .edge('post', 'again')
        .edge('again', 'fetch', null, 'loop')
        .build();
      const [issue] = only(graph, 'cycle');
      expect(issue).toMatchObject({ nodeId: 'fetch', edgeId: expect.any(String) });
      expect(issue.message).toBe(
        'The steps “fetch”, “post”, “again” form a loop. Workflows cannot go back to an earlier step; to repeat steps for every element of a list, use a For each step.',
      );
    });

    it('reports steps the trigger does not lead to', () => {
      const graph = linear()
        .node('island', 'data.transform', { output: 1 }, { title: 'Lonely step' })
        .build();
      expect(only(graph, 'unreachable_node')).toEqual([
        {
          code: 'unreachable_node',
          nodeId: 'island',
          path: '',
          message: '“Lonely step” is not connected to the trigger, so it would never run.',
        },
      ]);
    });

    it('requires both outputs of a condition, every case of a switch, and both answers of an approval', () => {
      const graph = g()
        .node('start', 'trigger.manual')
        .node('check', 'logic.condition', { rule: rule('trigger.a') })
        .node('route', 'logic.switch', {
          cases: [
            { id: 'x', rule: rule('trigger.b') },
            { id: 'y', rule: rule('trigger.c') },
          ],
        })
        .node('ask', 'logic.approval')
        .node('end', 'data.transform', { output: 1 })
        .edge('start', 'check')
        .edge('check', 'route', 'true')
        .edge('route', 'ask', 'x')
        .edge('ask', 'end', 'approved')
        .build();
      expect(only(graph, 'unconnected_output').map((i) => [i.nodeId, i.path])).toEqual([
        ['check', 'outputs.false'],
        ['route', 'outputs.y'],
        ['ask', 'outputs.rejected'],
      ]);
    });

    it('allows one next step per output and suggests a Parallel node', () => {
      const graph = linear()
        .node('also', 'data.transform', { output: 1 })
        .edge('fetch', 'also', null, 'second')
        .build();
      const issues = only(graph, 'too_many_outgoing');
      expect(issues).toEqual([expect.objectContaining({ nodeId: 'fetch', edgeId: 'second' })]);
      expect(issues[0].message).toContain('use a Parallel step');
    });

    it('requires an error edge when a node branches on error', () => {
      const graph = linear().build();
      graph.nodes[2].settings = { onError: 'branch' };
      expect(only(graph, 'error_branch_missing')).toEqual([
        expect.objectContaining({ nodeId: 'post', path: 'settings.onError' }),
      ]);
    });
  });

  describe('for-each bodies', () => {
    const loop = () =>
      g()
        .node('start', 'trigger.manual')
        .node('loop', 'logic.for_each', { items: '{% $trigger.items %}' })
        .node('inside', 'data.transform', { output: 1 })
        .node('after', 'data.transform', { output: 2 })
        .edge('start', 'loop')
        .edge('loop', 'inside', 'item')
        .edge('loop', 'after', 'done');

    it('refuses an edge from the body to a step after the loop', () => {
      const issues = only(loop().edge('inside', 'after', null, 'leak').build(), 'for_each_body_leak');
      expect(issues).toEqual([expect.objectContaining({ edgeId: 'leak', nodeId: 'loop' })]);
      expect(issues[0].message).toContain('leaves the loop of “loop”');
    });

    it('refuses an edge into the body from outside', () => {
      const graph = loop()
        .node('side', 'data.transform', { output: 1 })
        .edge('start', 'side', null, 'x')
        .build();
      graph.edges.push({ id: 'jump', source: 'side', target: 'inside', sourceHandle: null });
      const issues = only(graph, 'for_each_body_leak');
      expect(issues.map((i) => i.edgeId)).toEqual(['jump']);
      expect(issues[0].message).toContain('jumps into the loop');
    });

    it('requires the item output', () => {
      const graph = g()
        .node('start', 'trigger.manual')
        .node('loop', 'logic.for_each')
        .edge('start', 'loop')
        .build();
      expect(only(graph, 'unconnected_output').map((i) => i.path)).toEqual(['outputs.item']);
    });
  });

  describe('parallel branches', () => {
    const fan = () =>
      g()
        .node('start', 'trigger.manual')
        .node('fan', 'logic.parallel')
        .node('a', 'data.transform', { output: 1 })
        .node('b', 'data.transform', { output: 2 })
        .edge('start', 'fan')
        .edge('fan', 'a')
        .edge('fan', 'b');

    it('accepts branches that each end on their own', () => {
      expect(validate(fan().build()).issues).toEqual([]);
    });

    it('accepts nested parallels that meet at their own joins', () => {
      const graph = fan()
        .node('inner', 'logic.parallel')
        .node('c', 'data.transform', { output: 3 })
        .node('d', 'data.transform', { output: 4 })
        .node('inner_join', 'logic.join')
        .node('outer_join', 'logic.join')
        .edge('a', 'inner')
        .edge('inner', 'c')
        .edge('inner', 'd')
        .edge('c', 'inner_join')
        .edge('d', 'inner_join')
        .edge('inner_join', 'outer_join')
        .edge('b', 'outer_join')
        .build();
      expect(validate(graph).issues).toEqual([]);
    });

    it('refuses branches that meet at two different joins', () => {
      const graph = fan()
        .node('j1', 'logic.join')
        .node('j2', 'logic.join')
        .edge('a', 'j1')
        .edge('b', 'j2')
        .build();
      const issues = only(graph, 'parallel_branches');
      expect(issues.map((i) => i.nodeId)).toEqual(['fan']);
      expect(issues[0].message).toContain('must all meet at one');
    });

    it('refuses branches that meet outside a join', () => {
      const graph = fan().node('m', 'data.transform', { output: 3 }).edge('a', 'm').edge('b', 'm').build();
      expect(only(graph, 'parallel_branches').map((i) => i.message)).toEqual([
        'Branches 1 and 2 of “fan” both lead to “m”. Branches may only come together at a Join step.',
      ]);
    });

    it('refuses a join without a parallel and a parallel with one branch', () => {
      const graph = linear().node('j', 'logic.join').edge('post', 'j').build();
      expect(only(graph, 'join_without_parallel').map((i) => i.nodeId)).toEqual(['j']);
      const single = g()
        .node('start', 'trigger.manual')
        .node('fan', 'logic.parallel')
        .node('a', 'data.transform', { output: 1 })
        .chain('start', 'fan', 'a')
        .build();
      expect(only(single, 'parallel_branches').map((i) => i.message)).toEqual([
        '“fan” needs at least two branches; connect two or more steps to it.',
      ]);
    });
  });

  it('reports every problem at once', () => {
    const graph: WorkflowGraph = linear().node('Bad', 'nope.nope').edge('post', 'ghost').build();
    graph.nodes[2].params = { url: '{% $later %}' };
    const codes = validate(graph).issues.map((i) => i.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'invalid_node_id',
        'unknown_node_type',
        'unknown_reference',
        'unknown_edge_target',
        'unreachable_node',
      ]),
    );
  });
});

describe('upstreamNodeIds', () => {
  it('lists the steps that run before a step, in graph order, leaving out the trigger with a catalog', () => {
    const graph = g()
      .node('start', 'trigger.manual')
      .node('check', 'logic.condition', { rule: rule('trigger.a') })
      .node('yes', 'data.transform', { output: 1 })
      .node('no', 'data.transform', { output: 2 })
      .node('loop', 'logic.for_each')
      .node('inside', 'data.transform', { output: 3 })
      .edge('start', 'check')
      .edge('check', 'yes', 'true')
      .edge('check', 'no', 'false')
      .edge('yes', 'loop')
      .edge('loop', 'inside', 'item')
      .build();
    expect(upstreamNodeIds(graph, 'inside', testCatalog)).toEqual(['check', 'yes']);
    expect(upstreamNodeIds(graph, 'inside')).toEqual(['start', 'check', 'yes']);
    expect(upstreamNodeIds(graph, 'no', testCatalog)).toEqual(['check']);
    expect(upstreamNodeIds(graph, 'start', testCatalog)).toEqual([]);
  });
});
