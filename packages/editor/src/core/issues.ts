// Validation issues (engine's validateWorkflow, or the API's 422 `errors`) grouped the way the
// editor shows them: on the node, on the field, or for the whole workflow.

export interface Issue {
  nodeId?: string;
  edgeId?: string;
  path: string;
  message: string;
}

export interface IssueIndex {
  byNode: Map<string, Issue[]>;
  byEdge: Map<string, Issue[]>;
  workflow: Issue[];
}

export function indexIssues(issues: readonly Issue[]): IssueIndex {
  const byNode = new Map<string, Issue[]>();
  const byEdge = new Map<string, Issue[]>();
  const workflow: Issue[] = [];
  for (const issue of issues) {
    if (issue.nodeId) byNode.set(issue.nodeId, [...(byNode.get(issue.nodeId) ?? []), issue]);
    else if (issue.edgeId) byEdge.set(issue.edgeId, [...(byEdge.get(issue.edgeId) ?? []), issue]);
    else workflow.push(issue);
  }
  return { byNode, byEdge, workflow };
}

/** Issues about one form field: `params.url` matches field `url` and anything under it. */
export function fieldIssues(nodeIssues: readonly Issue[] | undefined, field: string): Issue[] {
  const at = `params.${field}`;
  return (nodeIssues ?? []).filter((i) => i.path === at || i.path.startsWith(`${at}.`));
}

/** Issues about the node that no form field shows (connections, name, …). */
export function nodeLevelIssues(
  nodeIssues: readonly Issue[] | undefined,
  fields: readonly string[],
): Issue[] {
  return (nodeIssues ?? []).filter(
    (i) => !fields.some((f) => i.path === `params.${f}` || i.path.startsWith(`params.${f}.`)),
  );
}
