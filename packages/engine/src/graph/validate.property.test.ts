import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GraphBuilder, testCatalog } from './test-graph.ts';
import { validateWorkflow } from './validate.ts';

// A workflow as a tree of blocks; `emit` lays it out as a graph that follows docs/graph.md.
type Block =
  | { kind: 'action' }
  | { kind: 'condition'; yes: Block[]; no: Block[] }
  | { kind: 'parallel'; branches: Block[][]; join: boolean }
  | { kind: 'loop'; body: Block[] };

const blocks = fc.letrec<{ seq: Block[]; block: Block }>((tie) => ({
  seq: fc.array(tie('block'), { minLength: 1, maxLength: 4 }),
  block: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant<Block>({ kind: 'action' }),
    fc.record({ kind: fc.constant('condition' as const), yes: tie('seq'), no: tie('seq') }),
    fc.record({
      kind: fc.constant('parallel' as const),
      branches: fc.array(tie('seq'), { minLength: 2, maxLength: 3 }),
      join: fc.boolean(),
    }),
    fc.record({ kind: fc.constant('loop' as const), body: tie('seq') }),
  ),
})).seq;

interface Exit {
  id: string;
  handle: string | null;
}

function layOut(sequence: Block[]) {
  const builder = new GraphBuilder().node('start', 'trigger.manual');
  let counter = 0;
  const fresh = (prefix: string) => `${prefix}${counter++}`;
  const connect = (from: Exit, to: string) => builder.edge(from.id, to, from.handle);

  /** Returns where the sequence continues, or undefined when it ended on its own. */
  function emit(seq: Block[], from: Exit, readable: string[]): Exit | undefined {
    let at: Exit | undefined = from;
    let names = readable;
    for (const block of seq) {
      if (!at) return undefined;
      if (block.kind === 'action') {
        const id = fresh('n');
        const ref = names.length > 0 ? ` & $${names[counter % names.length]}` : '';
        builder.node(id, 'data.transform', { output: { text: `{% $trigger.title${ref} %}` } });
        connect(at, id);
        at = { id, handle: null };
        names = [...names, id];
      } else if (block.kind === 'condition') {
        const id = fresh('c');
        builder.node(id, 'logic.condition', {
          rule: { '==': [{ var: names.length > 0 ? `${names[0]}.x` : 'trigger.x' }, 1] },
        });
        connect(at, id);
        emit(block.yes, { id, handle: 'true' }, [...names, id]);
        emit(block.no, { id, handle: 'false' }, [...names, id]);
        return undefined;
      } else if (block.kind === 'parallel') {
        const id = fresh('p');
        builder.node(id, 'logic.parallel');
        connect(at, id);
        const ends = block.branches.map((branch) => emit(branch, { id, handle: null }, names));
        if (!block.join) return undefined;
        const join = fresh('j');
        builder.node(join, 'logic.join');
        for (const end of ends) if (end) connect(end, join);
        if (ends.every((end) => end === undefined)) connect({ id, handle: null }, join);
        at = { id: join, handle: null };
        names = [...names, id];
      } else {
        const id = fresh('f');
        builder.node(id, 'logic.for_each', { items: '{% $trigger.items %}' });
        connect(at, id);
        emit(block.body, { id, handle: 'item' }, [...names, `${id}_item`]);
        at = { id, handle: 'done' };
        names = [...names, id];
      }
    }
    return at;
  }

  emit(sequence, { id: 'start', handle: null }, []);
  return builder.build();
}

describe('validateWorkflow on generated graphs', () => {
  it('finds no issue in a well-formed linear or branching graph', () => {
    fc.assert(
      fc.property(blocks, (sequence) => {
        const graph = layOut(sequence);
        expect(validateWorkflow(graph, testCatalog).issues).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('names a dangling edge added anywhere', () => {
    const missing = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/).map((id) => `ghost_${id}`);
    fc.assert(
      fc.property(
        blocks,
        fc.nat(),
        missing,
        fc.constantFrom('source', 'target', 'both'),
        (sequence, pick, ghost, end) => {
          const graph = layOut(sequence);
          const existing = graph.nodes[pick % graph.nodes.length].id;
          graph.edges.push({
            id: 'dangling',
            source: end === 'target' ? existing : ghost,
            target: end === 'source' ? existing : ghost,
            sourceHandle: null,
          });
          const issues = validateWorkflow(graph, testCatalog).issues;
          expect(issues.some((issue) => issue.edgeId === 'dangling')).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
