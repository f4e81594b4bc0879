// Shapes the API answers, from the API's own zod schemas (`@flowdeck/api/contract`, type-only:
// nothing of zod or the API reaches the bundle). Only the graph is narrowed here: the contract
// leaves it opaque because the engine, not zod, validates it.
import type { WorkflowGraph } from '@flowdeck/engine';
import type * as contract from '@flowdeck/api/contract';

export type {
  ApiKey,
  Approval,
  AuditEntry,
  CreatedApiKey,
  CreatedInvitation,
  Deployed,
  GraphIssue,
  Items,
  Member,
  NodeType,
  Organization,
  Problem,
  Role,
  Run,
  RunPage,
  RunStarted,
  RunStatus,
  RunStep,
  RunSummary,
  SchedulePreview,
  Session,
  User,
  WorkflowDiff,
  WorkflowVersion,
} from '@flowdeck/api/contract';

type WithGraph<T> = Omit<T, 'graph'> & { graph: WorkflowGraph };

/** A workflow as `GET /api/v1/workflows/:id` answers it, with the draft's `issues`. */
export type Workflow = WithGraph<contract.Workflow>;

/** An item of `GET /api/v1/workflows` (lists carry no `issues`). */
export type WorkflowSummary = Omit<Workflow, 'issues'>;

/** `GET /api/v1/workflows/:id/versions/:version`. */
export type WorkflowVersionDetail = WithGraph<contract.WorkflowVersionDetail>;
