// Shapes the API answers (docs/api.md), as the editor reads them.
import type { WorkflowGraph } from '@flowdeck/engine';
import type { Issue } from '../core/issues.ts';

export type Role = 'owner' | 'admin' | 'editor' | 'viewer';

export interface User {
  id: string;
  email: string;
  name: string;
}

export interface Organization {
  id: string;
  name: string;
  role?: Role;
}

export interface Session {
  user: User;
  organizations: Organization[];
}

export interface WorkflowSummary {
  id: string;
  name: string;
  tags: string[];
  status?: string;
  updatedAt?: string | number;
  lastRun?: { status: string; startedAt?: string | number } | null;
  deployedVersion?: number | null;
  draftRevision?: number;
  enabled?: boolean;
  webhookUrl?: string;
}

export interface Workflow extends WorkflowSummary {
  graph: WorkflowGraph;
  /** What the engine finds wrong with the draft; empty: it can be deployed. */
  issues?: Issue[];
}
