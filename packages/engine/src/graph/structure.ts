// The graph's wiring: edge ends and handles, the single trigger, no cycles, reachability,
// fan-out only through a Parallel, connected decision outputs, closed for-each bodies, parallel
// branches meeting at one join, and error branches.
import type { NodeSpec } from '../nodes/spec.ts';
import {
  APPROVAL_TYPE,
  ERROR_HANDLE,
  FOR_EACH_ITEM_HANDLE,
  FOR_EACH_TYPE,
  JOIN_TYPE,
  PARALLEL_TYPE,
} from './control-types.ts';
import type { ValidationIssue } from './issues.ts';
import type { WorkflowEdge, WorkflowGraph, WorkflowNode } from './model.ts';
import type { Scopes } from './scopes.ts';
import { type Topology, cycles, reachableFrom } from './topology.ts';

export interface StructureContext {
  graph: WorkflowGraph;
  topology: Topology;
  scopes: Scopes;
  /** The spec of each node whose type and version are known. */
  specs: Map<string, NodeSpec>;
  name: (id: string) => string;
}

/** The outputs a node offers: named handles, or `[null]` for one unnamed output; plus `error`. */
export function handlesOf(node: WorkflowNode, spec: NodeSpec): (string | null)[] {
  const handles: (string | null)[] = spec.outputHandles ? spec.outputHandles(node.params) : [null];
  if (node.settings?.onError === 'branch') handles.push(ERROR_HANDLE);
  return handles;
}

const quoteList = (items: readonly unknown[]) => items.map((item) => `“${String(item)}”`).join(', ');
const handleName = (handle: string | null | undefined) => (handle ? `“${handle}” output` : 'output');

function checkEdges(ctx: StructureContext, out: ValidationIssue[]): void {
  const seenIds = new Set<string>();
  for (const edge of ctx.graph.edges) {
    if (seenIds.has(edge.id)) {
      out.push({
        code: 'duplicate_edge_id',
        edgeId: edge.id,
        path: 'id',
        message: `Two connections have the id “${edge.id}”; each needs its own.`,
      });
    }
    seenIds.add(edge.id);
    const source = ctx.topology.nodes.get(edge.source);
    if (!source) {
      out.push({
        code: 'unknown_edge_source',
        edgeId: edge.id,
        path: 'source',
        message: `A connection starts from a step that does not exist (“${edge.source}”).`,
      });
    }
    if (!ctx.topology.nodes.has(edge.target)) {
      out.push({
        code: 'unknown_edge_target',
        edgeId: edge.id,
        path: 'target',
        message: `A connection leads to a step that does not exist (“${edge.target}”).`,
      });
    }
    const spec = ctx.specs.get(edge.source);
    if (!source || !spec) continue;
    const handles = handlesOf(source, spec);
    const handle = edge.sourceHandle ?? null;
    if (handles.includes(handle)) continue;
    const named = handles.filter((h): h is string => h !== null);
    let message: string;
    if (handles.length === 0) message = `${ctx.name(source.id)} ends the workflow, so nothing can follow it.`;
    else if (handle === ERROR_HANDLE) {
      message = `The connection from the “error” output of ${ctx.name(source.id)} only works when its “On error” setting is “Branch”.`;
    } else if (handle === null)
      message = `A connection from ${ctx.name(source.id)} must start from one of its outputs: ${quoteList(named)}.`;
    else if (named.length === 0 || (named.length === 1 && named[0] === ERROR_HANDLE)) {
      message = `${ctx.name(source.id)} has no output called “${handle}”; connect from its main output.`;
    } else
      message = `${ctx.name(source.id)} has no output called “${handle}”; its outputs are ${quoteList(named)}.`;
    out.push({ code: 'unknown_handle', edgeId: edge.id, nodeId: source.id, path: 'sourceHandle', message });
  }
}

/** Edges whose source exists, is known, and uses one of its handles. */
function wiredEdges(ctx: StructureContext, nodeId: string): WorkflowEdge[] {
  const node = ctx.topology.nodes.get(nodeId);
  const spec = ctx.specs.get(nodeId);
  if (!node || !spec) return [];
  const handles = handlesOf(node, spec);
  return (ctx.topology.outgoing.get(nodeId) ?? []).filter((edge) =>
    handles.includes(edge.sourceHandle ?? null),
  );
}

function checkTriggers(ctx: StructureContext, out: ValidationIssue[]): string[] {
  const triggers = [...ctx.topology.nodes.values()].filter(
    (node) => ctx.specs.get(node.id)?.kind === 'trigger',
  );
  if (triggers.length === 0 && ctx.topology.nodes.size > 0) {
    out.push({
      code: 'no_trigger',
      path: 'nodes',
      message: 'The workflow needs a trigger: a first step that says when it starts.',
    });
  }
  for (const extra of triggers.slice(1)) {
    out.push({
      code: 'multiple_triggers',
      nodeId: extra.id,
      path: 'type',
      message: `A workflow has exactly one trigger, but ${ctx.name(extra.id)} is a second one (after ${ctx.name(triggers[0].id)}).`,
    });
  }
  for (const trigger of triggers) {
    for (const edge of ctx.topology.incoming.get(trigger.id) ?? []) {
      out.push({
        code: 'trigger_has_incoming',
        edgeId: edge.id,
        nodeId: trigger.id,
        path: 'target',
        message: `Nothing can lead into the trigger ${ctx.name(trigger.id)}: it is where the workflow starts.`,
      });
    }
  }
  return triggers.map((trigger) => trigger.id);
}

function checkCycles(ctx: StructureContext, out: ValidationIssue[]): void {
  const order = [...ctx.topology.nodes.keys()];
  for (const component of cycles(ctx.topology)) {
    const members = new Set(component);
    const sorted = order.filter((id) => members.has(id));
    const edge = ctx.graph.edges.find((e) => members.has(e.source) && members.has(e.target));
    const who =
      sorted.length === 1
        ? `${ctx.name(sorted[0])} connects back to itself`
        : `The steps ${sorted.map(ctx.name).join(', ')} form a loop`;
    out.push({
      code: 'cycle',
      nodeId: sorted[0],
      edgeId: edge?.id,
      path: '',
      message: `${who}. Workflows cannot go back to an earlier step; to repeat steps for every element of a list, use a For each step.`,
    });
  }
}

function checkReachable(ctx: StructureContext, triggers: string[], out: ValidationIssue[]): void {
  if (triggers.length === 0) return;
  const reached = reachableFrom(ctx.topology, triggers);
  for (const id of ctx.topology.nodes.keys()) {
    if (!reached.has(id)) {
      out.push({
        code: 'unreachable_node',
        nodeId: id,
        path: '',
        message: `${ctx.name(id)} is not connected to the trigger, so it would never run.`,
      });
    }
  }
}

function checkOutputs(ctx: StructureContext, out: ValidationIssue[]): void {
  for (const node of ctx.topology.nodes.values()) {
    const spec = ctx.specs.get(node.id);
    if (!spec) continue;
    const edges = wiredEdges(ctx, node.id);
    // One next step per output; only a Parallel's output fans out.
    const byHandle = new Map<string | null, WorkflowEdge[]>();
    for (const edge of edges)
      byHandle.set(edge.sourceHandle ?? null, [...(byHandle.get(edge.sourceHandle ?? null) ?? []), edge]);
    for (const [handle, group] of byHandle) {
      if (group.length < 2 || (node.type === PARALLEL_TYPE && handle === null)) continue;
      for (const extra of group.slice(1)) {
        out.push({
          code: 'too_many_outgoing',
          edgeId: extra.id,
          nodeId: node.id,
          path: 'source',
          message: `The ${handleName(handle)} of ${ctx.name(node.id)} can lead to only one next step. To run several steps at the same time, use a Parallel step.`,
        });
      }
    }
    // Decisions must say where each answer goes.
    const handles = handlesOf(node, spec).filter((h): h is string => h !== null && h !== ERROR_HANDLE);
    let required: string[] = [];
    if (node.type === FOR_EACH_TYPE) required = [FOR_EACH_ITEM_HANDLE];
    else if (spec.kind === 'condition' || node.type === APPROVAL_TYPE)
      required = handles.filter((h) => h !== 'default');
    for (const handle of required) {
      if (byHandle.has(handle)) continue;
      out.push({
        code: 'unconnected_output',
        nodeId: node.id,
        path: `outputs.${handle}`,
        message:
          node.type === FOR_EACH_TYPE
            ? `The “item” output of ${ctx.name(node.id)} is not connected: connect the steps to repeat for each element.`
            : `The “${handle}” output of ${ctx.name(node.id)} is not connected. Connect it to the step that should follow.`,
      });
    }
    if (node.settings?.onError === 'branch' && !byHandle.has(ERROR_HANDLE)) {
      out.push({
        code: 'error_branch_missing',
        nodeId: node.id,
        path: 'settings.onError',
        message: `${ctx.name(node.id)} should continue on its “error” output when it fails, but that output is not connected.`,
      });
    }
  }
}

function checkForEachBodies(ctx: StructureContext, out: ValidationIssue[]): void {
  for (const [forEachId, body] of ctx.scopes.forEachBodies) {
    const entries = new Set(
      (ctx.topology.outgoing.get(forEachId) ?? [])
        .filter((e) => e.sourceHandle === FOR_EACH_ITEM_HANDLE)
        .map((e) => e.target),
    );
    for (const id of body) {
      const incoming = ctx.topology.incoming.get(id) ?? [];
      const legal = (edge: WorkflowEdge) =>
        body.has(edge.source) || (edge.source === forEachId && edge.sourceHandle === FOR_EACH_ITEM_HANDLE);
      if (incoming.every(legal)) continue;
      // An outside edge into the loop's first step enters the loop; anywhere else, the loop's own
      // edges into that step are the ones that leave the loop (the step is also outside it).
      const culprits = entries.has(id)
        ? incoming.filter((e) => !legal(e))
        : incoming.filter((e) => body.has(e.source));
      for (const edge of culprits) {
        const inside = body.has(edge.source);
        out.push({
          code: 'for_each_body_leak',
          edgeId: edge.id,
          nodeId: forEachId,
          path: '',
          message: inside
            ? `The connection from ${ctx.name(edge.source)} to ${ctx.name(edge.target)} leaves the loop of ${ctx.name(forEachId)}. Steps in a loop can only lead to other steps of the same loop; continue after the loop from its “done” output.`
            : `The connection from ${ctx.name(edge.source)} to ${ctx.name(edge.target)} jumps into the loop of ${ctx.name(forEachId)}. A loop can only be entered through its “item” output.`,
        });
      }
    }
  }
}

function checkParallels(ctx: StructureContext, out: ValidationIssue[]): void {
  const joinOwners = new Map<string, Set<string>>();
  for (const [parallelId, branches] of ctx.scopes.parallelBranches) {
    const issue = (message: string, edgeId?: string) =>
      out.push({ code: 'parallel_branches', nodeId: parallelId, edgeId, path: '', message });
    if (branches.length < 2) {
      issue(`${ctx.name(parallelId)} needs at least two branches; connect two or more steps to it.`);
    }
    const joins = new Set(branches.flatMap((branch) => [...branch.joins]));
    if (joins.size > 1) {
      issue(
        `The branches of ${ctx.name(parallelId)} end at different Join steps (${[...joins].map(ctx.name).join(', ')}); they must all meet at one.`,
      );
    }
    for (const join of joins) joinOwners.set(join, new Set([...(joinOwners.get(join) ?? []), parallelId]));
    // Branches are separate until the join.
    const owner = new Map<string, number>();
    branches.forEach((branch, index) => {
      for (const id of branch.nodes) {
        const other = owner.get(id);
        if (other !== undefined && other !== index) {
          issue(
            `Branches ${other + 1} and ${index + 1} of ${ctx.name(parallelId)} both lead to ${ctx.name(id)}. Branches may only come together at a Join step.`,
          );
        }
        owner.set(id, index);
      }
    });
    // Nothing outside a branch may lead into it.
    branches.forEach((branch) => {
      for (const id of branch.nodes) {
        for (const edge of ctx.topology.incoming.get(id) ?? []) {
          if (branch.nodes.has(edge.source) || (edge.source === parallelId && edge === branch.edge)) continue;
          if (owner.has(edge.source)) continue; // sibling branch: reported above
          issue(
            `The connection from ${ctx.name(edge.source)} to ${ctx.name(id)} leads into a branch of ${ctx.name(parallelId)} from outside it.`,
            edge.id,
          );
        }
      }
    });
  }
  // A join closes exactly one parallel, and only that parallel's branches lead into it.
  for (const node of ctx.topology.nodes.values()) {
    if (node.type !== JOIN_TYPE) continue;
    const owners = [...(joinOwners.get(node.id) ?? [])];
    if (owners.length === 0) {
      out.push({
        code: 'join_without_parallel',
        nodeId: node.id,
        path: '',
        message: `${ctx.name(node.id)} joins branches, but no Parallel step comes before it.`,
      });
      continue;
    }
    if (owners.length > 1) {
      out.push({
        code: 'parallel_branches',
        nodeId: node.id,
        path: '',
        message: `${ctx.name(node.id)} closes several Parallel steps (${owners.map(ctx.name).join(', ')}); each needs its own Join.`,
      });
      continue;
    }
    const branchNodes = new Set(
      ctx.scopes.parallelBranches.get(owners[0])?.flatMap((b) => [...b.nodes]) ?? [],
    );
    for (const edge of ctx.topology.incoming.get(node.id) ?? []) {
      if (branchNodes.has(edge.source) || edge.source === owners[0]) continue;
      out.push({
        code: 'parallel_branches',
        nodeId: node.id,
        edgeId: edge.id,
        path: '',
        message: `${ctx.name(edge.source)} leads into ${ctx.name(node.id)}, but it is not on a branch of ${ctx.name(owners[0])}.`,
      });
    }
  }
}

export function checkStructure(ctx: StructureContext, out: ValidationIssue[]): void {
  checkEdges(ctx, out);
  const triggers = checkTriggers(ctx, out);
  checkCycles(ctx, out);
  checkReachable(ctx, triggers, out);
  checkOutputs(ctx, out);
  checkForEachBodies(ctx, out);
  checkParallels(ctx, out);
}
