// validateWorkflow: every problem of a workflow graph at once, each with the node or edge it is
// about, a path and one sentence a marketer understands (docs/graph.md "Validation issues").
import type { NodeCatalog, NodeSpec } from '../nodes/spec.ts';
import { FOR_EACH_TYPE } from './control-types.ts';
import type { ValidationIssue, ValidationResult } from './issues.ts';
import type { WorkflowGraph, WorkflowNode } from './model.ts';
import { checkReferences } from './references.ts';
import { reservedReason } from './reserved-names.ts';
import { findScopes } from './scopes.ts';
import { checkShape } from './shape.ts';
import { checkStructure } from './structure.ts';
import { ancestorIndex, buildTopology } from './topology.ts';
import { canRead } from './upstream.ts';

function checkNodeIds(graph: WorkflowGraph, out: ValidationIssue[]): void {
  const forEachIds = graph.nodes.filter((node) => node.type === FOR_EACH_TYPE).map((node) => node.id);
  const seen = new Set<string>();
  for (const node of graph.nodes) {
    if (seen.has(node.id)) {
      out.push({
        code: 'duplicate_node_id',
        nodeId: node.id,
        path: 'id',
        message: `Two steps are called “${node.id}”; each step needs its own name.`,
      });
    }
    seen.add(node.id);
    const reason = reservedReason(node.id, forEachIds);
    if (reason) {
      out.push({
        code: 'reserved_node_id',
        nodeId: node.id,
        path: 'id',
        message: `A step cannot be called “${node.id}”: ${reason}. Choose another name.`,
      });
    }
  }
}

function lookUpSpec(node: WorkflowNode, catalog: NodeCatalog, out: ValidationIssue[]): NodeSpec | undefined {
  if (node.type === '' || node.version === 0) return undefined; // reported by the shape check
  const spec = catalog.get(node.type, node.version);
  if (spec) return spec;
  const versions = catalog.versions(node.type);
  if (versions.length === 0) {
    out.push({
      code: 'unknown_node_type',
      nodeId: node.id,
      path: 'type',
      message: `The step “${node.id}” is of an unknown kind (“${node.type}”); it may come from a plugin that is not installed.`,
    });
  } else {
    const known = versions.join(', ');
    out.push({
      code: 'unknown_node_version',
      nodeId: node.id,
      path: 'version',
      message: `The step “${node.id}” uses version ${node.version} of “${node.type}”, which does not exist; known version${versions.length > 1 ? 's' : ''}: ${known}.`,
    });
  }
  return undefined;
}

export function validateWorkflow(input: unknown, catalog: NodeCatalog): ValidationResult {
  const { graph, issues } = checkShape(input);
  checkNodeIds(graph, issues);

  const topology = buildTopology(graph);
  const scopes = findScopes(topology);
  const name = (id: string) => {
    const title = topology.nodes.get(id)?.title;
    return title ? `“${title}”` : `“${id}”`;
  };

  const specs = new Map<string, NodeSpec>();
  for (const node of topology.nodes.values()) {
    const spec = lookUpSpec(node, catalog, issues);
    if (!spec) continue;
    specs.set(node.id, spec);
    for (const problem of spec.validateParams(node.params)) {
      issues.push({
        code: 'invalid_param',
        nodeId: node.id,
        path: problem.path === '' ? 'params' : `params.${problem.path}`,
        message: problem.message,
      });
    }
  }

  const isTrigger = (type: string, version: number) => catalog.get(type, version)?.kind === 'trigger';
  let runsBefore: ((a: string, b: string) => boolean) | undefined; // built on first use
  for (const node of topology.nodes.values()) {
    checkReferences(
      node,
      specs.get(node.id)?.paramsSchema,
      {
        graph,
        topology,
        scopes,
        canRead: (target) => {
          runsBefore ??= ancestorIndex(topology);
          return canRead(topology, scopes, runsBefore, target, node.id, isTrigger);
        },
        isTrigger: (target) => isTrigger(target.type, target.version),
        name,
      },
      issues,
    );
  }

  checkStructure({ graph, topology, scopes, specs, name }, issues);
  return { valid: issues.length === 0, issues };
}
