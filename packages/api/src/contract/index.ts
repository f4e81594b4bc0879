// `@flowdeck/api/contract`: the zod schemas of what the API answers, and their types. The routes
// validate and document with these schemas; the editor imports the types (type-only, so neither
// zod nor Node reaches its bundle or its typecheck). Re-exports only.
import type { z } from 'zod';
import type { ApiKeySchema, CreatedApiKeySchema, KeyRoleSchema } from './api-keys.ts';
import type { ApprovalSchema } from './approvals.ts';
import type { AuditEntrySchema } from './audit.ts';
import type { OrganizationSchema, SessionSchema, UserSchema } from './auth.ts';
import type { ProblemSchema, RoleSchema } from './common.ts';
import type { CreatedInvitationSchema, InvitationSchema, MemberSchema } from './members.ts';
import type { DynamicHandlesSchema, NodeTypeSchema } from './nodes.ts';
import type {
  RunPageSchema,
  RunSchema,
  RunStatusSchema,
  RunSummarySchema,
  RunTriggerSchema,
  StepSchema,
} from './runs.ts';
import type { SchedulePreviewSchema } from './schedules.ts';
import type {
  DeployedSchema,
  GraphIssueSchema,
  RunStartedSchema,
  VersionDetailSchema,
  VersionSchema,
  WorkflowDiffSchema,
  WorkflowSchema,
} from './workflows.ts';

export * from './api-keys.ts';
export * from './approvals.ts';
export * from './audit.ts';
export * from './auth.ts';
export * from './common.ts';
export * from './members.ts';
export * from './nodes.ts';
export * from './runs.ts';
export * from './schedules.ts';
export * from './workflows.ts';

/** `{ items }`: the list answers. */
export interface Items<T> {
  items: T[];
}

export type Problem = z.output<typeof ProblemSchema>;
export type Role = z.output<typeof RoleSchema>;
export type User = z.output<typeof UserSchema>;
export type Organization = z.output<typeof OrganizationSchema>;
export type Session = z.output<typeof SessionSchema>;
export type Workflow = z.output<typeof WorkflowSchema>;
export type GraphIssue = z.output<typeof GraphIssueSchema>;
export type WorkflowVersion = z.output<typeof VersionSchema>;
export type WorkflowVersionDetail = z.output<typeof VersionDetailSchema>;
export type Deployed = z.output<typeof DeployedSchema>;
export type WorkflowDiff = z.output<typeof WorkflowDiffSchema>;
export type RunStarted = z.output<typeof RunStartedSchema>;
export type RunStatus = z.output<typeof RunStatusSchema>;
export type RunTrigger = z.output<typeof RunTriggerSchema>;
export type RunSummary = z.output<typeof RunSummarySchema>;
export type RunStep = z.output<typeof StepSchema>;
export type Run = z.output<typeof RunSchema>;
export type RunPage = z.output<typeof RunPageSchema>;
export type Approval = z.output<typeof ApprovalSchema>;
export type Member = z.output<typeof MemberSchema>;
export type Invitation = z.output<typeof InvitationSchema>;
export type CreatedInvitation = z.output<typeof CreatedInvitationSchema>;
export type KeyRole = z.output<typeof KeyRoleSchema>;
export type ApiKey = z.output<typeof ApiKeySchema>;
export type CreatedApiKey = z.output<typeof CreatedApiKeySchema>;
export type AuditEntry = z.output<typeof AuditEntrySchema>;
export type DynamicHandles = z.output<typeof DynamicHandlesSchema>;
export type NodeType = z.output<typeof NodeTypeSchema>;
export type SchedulePreview = z.output<typeof SchedulePreviewSchema>;
