// What validateWorkflow reports. Path convention (docs/graph.md "Validation issues"): with
// `nodeId`, `path` is relative to that node (`params.url`, `settings.retry.maxAttempts`); with
// `edgeId`, relative to that edge (`sourceHandle`); otherwise relative to the graph
// (`schemaVersion`, `nodes.3.id`). Segments are joined by dots, list positions are numbers.

export type ValidationIssueCode =
  | 'invalid_shape'
  | 'unsupported_schema_version'
  | 'invalid_node_id'
  | 'duplicate_node_id'
  | 'reserved_node_id'
  | 'duplicate_edge_id'
  | 'unknown_node_type'
  | 'unknown_node_version'
  | 'invalid_param'
  | 'invalid_expression'
  | 'unknown_reference'
  | 'not_upstream'
  | 'unknown_edge_source'
  | 'unknown_edge_target'
  | 'unknown_handle'
  | 'no_trigger'
  | 'multiple_triggers'
  | 'trigger_has_incoming'
  | 'cycle'
  | 'unreachable_node'
  | 'unconnected_output'
  | 'too_many_outgoing'
  | 'for_each_body_leak'
  | 'parallel_branches'
  | 'join_without_parallel'
  | 'error_branch_missing';

export interface ValidationIssue {
  code: ValidationIssueCode;
  nodeId?: string;
  edgeId?: string;
  path: string;
  /** One sentence a marketer understands. */
  message: string;
}

export interface ValidationResult {
  valid: boolean;
  issues: ValidationIssue[];
}
