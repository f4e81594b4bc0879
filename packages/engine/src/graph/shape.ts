// Checks the JSON shape of a graph (schemaVersion 1, field types) and keeps every node and edge
// that is whole enough for the structural checks, so one bad field does not hide other problems.
import type { ValidationIssue } from './issues.ts';
import {
  GRAPH_SCHEMA_VERSION,
  NODE_ID_PATTERN,
  type WorkflowEdge,
  type WorkflowGraph,
  type WorkflowNode,
} from './model.ts';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

export interface ShapeResult {
  /** The usable part of the graph (nodes and edges whose ids, types and ends are readable). */
  graph: WorkflowGraph;
  issues: ValidationIssue[];
}

function checkSettings(settings: unknown, nodeId: string, out: ValidationIssue[]): void {
  const issue = (path: string, message: string) =>
    out.push({ code: 'invalid_shape', nodeId, path: `settings${path}`, message });
  if (settings === undefined) return;
  if (!isObject(settings)) return void issue('', 'The step’s settings must be a group of fields.');
  const { retry, onError, timeoutSeconds } = settings;
  if (onError !== undefined && !['fail', 'continue', 'branch'].includes(onError as string)) {
    issue('.onError', 'On error must be “fail”, “continue” or “branch”.');
  }
  if (timeoutSeconds !== undefined && !(Number.isInteger(timeoutSeconds) && (timeoutSeconds as number) > 0)) {
    issue('.timeoutSeconds', 'The timeout must be a whole number of seconds, at least 1.');
  }
  if (retry === undefined) return;
  if (!isObject(retry)) return void issue('.retry', 'Retry must be a group of fields.');
  // Limits from Step Functions' Retrier (MaxAttempts, IntervalSeconds ≤ 99,999,999; BackoffRate ≥ 1;
  // 0 < MaxDelaySeconds < 31,622,401).
  if (
    !(
      Number.isInteger(retry.maxAttempts) &&
      (retry.maxAttempts as number) >= 0 &&
      (retry.maxAttempts as number) <= 99_999_999
    )
  ) {
    issue('.retry.maxAttempts', 'The number of retries must be a whole number from 0 to 99,999,999.');
  }
  if (
    retry.intervalSeconds !== undefined &&
    !(
      Number.isInteger(retry.intervalSeconds) &&
      (retry.intervalSeconds as number) >= 1 &&
      (retry.intervalSeconds as number) <= 99_999_999
    )
  ) {
    issue('.retry.intervalSeconds', 'The wait before a retry must be a whole number of seconds, at least 1.');
  }
  if (retry.backoffRate !== undefined && !(isFiniteNumber(retry.backoffRate) && retry.backoffRate >= 1)) {
    issue('.retry.backoffRate', 'The backoff rate must be a number of at least 1.');
  }
  if (
    retry.maxDelaySeconds !== undefined &&
    !(
      Number.isInteger(retry.maxDelaySeconds) &&
      (retry.maxDelaySeconds as number) > 0 &&
      (retry.maxDelaySeconds as number) < 31_622_401
    )
  ) {
    issue(
      '.retry.maxDelaySeconds',
      'The longest wait between retries must be a whole number of seconds, from 1 to 31,622,400.',
    );
  }
  if (retry.jitter !== undefined && retry.jitter !== 'FULL' && retry.jitter !== 'NONE') {
    issue('.retry.jitter', 'Jitter must be “FULL” or “NONE”.');
  }
}

function checkNode(raw: unknown, index: number, out: ValidationIssue[]): WorkflowNode | undefined {
  const at = `nodes.${index}`;
  if (!isObject(raw)) {
    out.push({
      code: 'invalid_shape',
      path: at,
      message: `Step ${index + 1} is not a step (it must be a group of fields).`,
    });
    return undefined;
  }
  if (typeof raw.id !== 'string' || raw.id === '') {
    out.push({ code: 'invalid_shape', path: `${at}.id`, message: `Step ${index + 1} needs a name (id).` });
    return undefined;
  }
  const nodeId = raw.id;
  if (!NODE_ID_PATTERN.test(nodeId)) {
    out.push({
      code: 'invalid_node_id',
      nodeId,
      path: 'id',
      message: `The step name “${nodeId}” may only use lowercase letters, digits and “_”, and must start with a letter.`,
    });
  }
  if (typeof raw.type !== 'string' || raw.type === '') {
    out.push({ code: 'invalid_shape', nodeId, path: 'type', message: `The step “${nodeId}” has no type.` });
  }
  if (!(Number.isInteger(raw.version) && (raw.version as number) >= 1)) {
    out.push({
      code: 'invalid_shape',
      nodeId,
      path: 'version',
      message: `The step “${nodeId}” needs a version number (1 or more).`,
    });
  }
  if (!isObject(raw.position) || !isFiniteNumber(raw.position.x) || !isFiniteNumber(raw.position.y)) {
    out.push({
      code: 'invalid_shape',
      nodeId,
      path: 'position',
      message: `The step “${nodeId}” needs a position on the canvas (x and y).`,
    });
  }
  if (raw.params !== undefined && !isObject(raw.params)) {
    out.push({
      code: 'invalid_shape',
      nodeId,
      path: 'params',
      message: `The settings of “${nodeId}” must be a group of fields.`,
    });
  }
  if (raw.title !== undefined && typeof raw.title !== 'string') {
    out.push({
      code: 'invalid_shape',
      nodeId,
      path: 'title',
      message: `The title of “${nodeId}” must be text.`,
    });
  }
  checkSettings(raw.settings, nodeId, out);
  // Kept even when fields are broken, so edges to it are not reported as going nowhere.
  return {
    id: nodeId,
    type: typeof raw.type === 'string' ? raw.type : '',
    version: Number.isInteger(raw.version) ? (raw.version as number) : 0,
    position: isObject(raw.position) ? (raw.position as WorkflowNode['position']) : { x: 0, y: 0 },
    params: isObject(raw.params) ? raw.params : {},
    settings: isObject(raw.settings) ? (raw.settings as WorkflowNode['settings']) : undefined,
    title: typeof raw.title === 'string' ? raw.title : undefined,
  };
}

function checkEdge(raw: unknown, index: number, out: ValidationIssue[]): WorkflowEdge | undefined {
  const at = `edges.${index}`;
  if (!isObject(raw)) {
    out.push({
      code: 'invalid_shape',
      path: at,
      message: `Connection ${index + 1} is not a connection (it must be a group of fields).`,
    });
    return undefined;
  }
  if (typeof raw.id !== 'string' || raw.id === '') {
    out.push({ code: 'invalid_shape', path: `${at}.id`, message: `Connection ${index + 1} needs an id.` });
    return undefined;
  }
  const edgeId = raw.id;
  let whole = true;
  for (const end of ['source', 'target'] as const) {
    if (typeof raw[end] !== 'string' || raw[end] === '') {
      out.push({
        code: 'invalid_shape',
        edgeId,
        path: end,
        message: `Connection “${edgeId}” has no ${end === 'source' ? 'start' : 'end'}.`,
      });
      whole = false;
    }
  }
  const handle = raw.sourceHandle;
  if (handle !== undefined && handle !== null && typeof handle !== 'string') {
    out.push({
      code: 'invalid_shape',
      edgeId,
      path: 'sourceHandle',
      message: `Connection “${edgeId}” starts from an output that is not a name.`,
    });
    whole = false;
  }
  if (!whole) return undefined;
  return {
    id: edgeId,
    source: raw.source as string,
    target: raw.target as string,
    // '' and undefined both mean the unnamed output.
    sourceHandle: typeof handle === 'string' && handle !== '' ? handle : null,
  };
}

export function checkShape(raw: unknown): ShapeResult {
  const issues: ValidationIssue[] = [];
  const empty: WorkflowGraph = { schemaVersion: GRAPH_SCHEMA_VERSION, nodes: [], edges: [] };
  if (!isObject(raw)) {
    issues.push({
      code: 'invalid_shape',
      path: '',
      message: 'The workflow must be a JSON object with steps and connections.',
    });
    return { graph: empty, issues };
  }
  if (raw.schemaVersion !== GRAPH_SCHEMA_VERSION) {
    issues.push({
      code: 'unsupported_schema_version',
      path: 'schemaVersion',
      message: `This workflow was saved in a format this version of Flowdeck does not know (schemaVersion must be ${GRAPH_SCHEMA_VERSION}).`,
    });
  }
  if (!Array.isArray(raw.nodes))
    issues.push({ code: 'invalid_shape', path: 'nodes', message: 'The workflow must have a list of steps.' });
  if (!Array.isArray(raw.edges)) {
    issues.push({
      code: 'invalid_shape',
      path: 'edges',
      message: 'The workflow must have a list of connections.',
    });
  }
  if (raw.variables !== undefined && !isObject(raw.variables)) {
    issues.push({
      code: 'invalid_shape',
      path: 'variables',
      message: 'Workflow variables must be a group of named values.',
    });
  }
  const nodes = (Array.isArray(raw.nodes) ? raw.nodes : []).flatMap(
    (node, index) => checkNode(node, index, issues) ?? [],
  );
  const edges = (Array.isArray(raw.edges) ? raw.edges : []).flatMap(
    (edge, index) => checkEdge(edge, index, issues) ?? [],
  );
  return {
    graph: {
      schemaVersion: GRAPH_SCHEMA_VERSION,
      nodes,
      edges,
      variables: isObject(raw.variables) ? raw.variables : undefined,
    },
    issues,
  };
}
