import { createBuiltinCatalog } from '@flowdeck/nodes';
import { validateWorkflow, type WorkflowGraph } from '@flowdeck/engine';
import { describe, expect, it } from 'vitest';
import {
  addNode,
  connect,
  connectionProblem,
  createNode,
  deleteElements,
  emptyGraph,
  insertAfterHandle,
  insertOnEdge,
  moveNodes,
  openHandles,
  pruneDanglingEdges,
  updateNode,
} from './graph-ops.ts';

const catalog = createBuiltinCatalog();

function build(...types: string[]): WorkflowGraph {
  let g = emptyGraph();
  types.forEach((t, i) => {
    g = addNode(g, createNode(g, catalog, t, { x: i * 300, y: 0 }));
  });
  return g;
}

describe('graph editing', () => {
  it('names new nodes after their type and keeps ids unique', () => {
    const g = build('trigger.webhook', 'http.request', 'http.request');
    expect(g.nodes.map((n) => n.id)).toEqual(['webhook', 'request', 'request_2']);
  });

  it('fills params with the schema defaults', () => {
    const g = build('http.request');
    expect(g.nodes[0].params).toMatchObject({ method: 'GET', timeoutSeconds: 30, headers: {} });
  });

  it('builds webhook → condition → two branches that the engine accepts once configured', () => {
    let g = build('trigger.webhook', 'logic.condition', 'data.transform', 'data.transform');
    g = connect(g, { source: 'webhook', target: 'condition' }, catalog);
    g = connect(g, { source: 'condition', sourceHandle: 'true', target: 'transform' }, catalog);
    g = connect(g, { source: 'condition', sourceHandle: 'false', target: 'transform_2' }, catalog);
    g = updateNode(g, 'condition', { params: { rule: { '>': [{ var: 'trigger.body.amount' }, 100] } } });
    g = updateNode(g, 'transform', { params: { output: { big: true } } });
    g = updateNode(g, 'transform_2', { params: { output: { big: false } } });
    expect(validateWorkflow(g, catalog).issues).toEqual([]);
  });

  it('moves the edge when an already used single output is connected elsewhere', () => {
    let g = build('trigger.webhook', 'data.transform', 'data.transform');
    g = connect(g, { source: 'webhook', target: 'transform' }, catalog);
    g = connect(g, { source: 'webhook', target: 'transform_2' }, catalog);
    expect(g.edges.map((e) => [e.source, e.target])).toEqual([['webhook', 'transform_2']]);
  });

  it('lets a parallel node start several branches from its one output', () => {
    let g = build('logic.parallel', 'data.transform', 'data.transform');
    g = connect(g, { source: 'parallel', target: 'transform' }, catalog);
    g = connect(g, { source: 'parallel', target: 'transform_2' }, catalog);
    expect(g.edges).toHaveLength(2);
  });

  it('refuses loops, self-connections, edges into a trigger and unknown handles', () => {
    let g = build('trigger.webhook', 'data.transform', 'data.transform');
    g = connect(g, { source: 'webhook', target: 'transform' }, catalog);
    g = connect(g, { source: 'transform', target: 'transform_2' }, catalog);
    expect(connectionProblem(g, { source: 'transform_2', target: 'transform' }, catalog)).toMatch(/loop/);
    expect(connectionProblem(g, { source: 'transform', target: 'transform' }, catalog)).toMatch(/itself/);
    expect(connectionProblem(g, { source: 'transform_2', target: 'webhook' }, catalog)).toMatch(/trigger/);
    expect(
      connectionProblem(g, { source: 'transform', sourceHandle: 'true', target: 'transform_2' }, catalog),
    ).toMatch(/no output/);
    expect(connect(g, { source: 'transform_2', target: 'transform' }, catalog)).toBe(g);
  });

  it('inserts a node in the middle of an edge, keeping the original handle', () => {
    let g = build('logic.condition', 'data.transform');
    g = connect(g, { source: 'condition', sourceHandle: 'true', target: 'transform' }, catalog);
    const delay = createNode(g, catalog, 'logic.delay', { x: 0, y: 0 });
    g = insertOnEdge(g, g.edges[0].id, delay, catalog);
    expect(g.edges.map((e) => [e.source, e.sourceHandle, e.target])).toEqual([
      ['condition', 'true', 'delay'],
      ['delay', null, 'transform'],
    ]);
  });

  it('inserts after an open handle and reports the handles still open', () => {
    let g = build('logic.condition');
    expect(openHandles(g, 'condition', catalog)).toEqual(['true', 'false']);
    g = insertAfterHandle(
      g,
      'condition',
      'false',
      createNode(g, catalog, 'logic.stop', { x: 0, y: 0 }),
      catalog,
    );
    expect(openHandles(g, 'condition', catalog)).toEqual(['true']);
    expect(openHandles(g, 'stop', catalog)).toEqual([]);
  });

  it('deletes nodes with their edges', () => {
    let g = build('trigger.webhook', 'data.transform');
    g = connect(g, { source: 'webhook', target: 'transform' }, catalog);
    g = deleteElements(g, ['transform']);
    expect(g.nodes.map((n) => n.id)).toEqual(['webhook']);
    expect(g.edges).toEqual([]);
    expect(deleteElements(g, [])).toBe(g);
  });

  it('moves nodes and returns the same graph when nothing moved', () => {
    const g = build('trigger.webhook');
    expect(moveNodes(g, new Map([['webhook', { x: 0, y: 0 }]]))).toBe(g);
    expect(moveNodes(g, new Map([['webhook', { x: 5, y: 6 }]])).nodes[0].position).toEqual({ x: 5, y: 6 });
  });

  it('drops edges of a removed switch case', () => {
    let g = build('logic.switch', 'data.transform');
    g = updateNode(g, 'switch', { params: { cases: [{ id: 'big', rule: { '==': [1, 1] } }] } });
    g = connect(g, { source: 'switch', sourceHandle: 'big', target: 'transform' }, catalog);
    expect(g.edges).toHaveLength(1);
    g = pruneDanglingEdges(updateNode(g, 'switch', { params: { cases: [] } }), catalog);
    expect(g.edges).toEqual([]);
  });
});
