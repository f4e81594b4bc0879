// What a webhook delivery needs to know about its token: the workflow (organisation, secret) and
// its deployed version (state machine, trigger). Read once and kept in memory: the workflow part
// until any workflow changes (workflows/changes.ts — disable, delete, deploy, secret…), the version
// part for good (versions are immutable). Unknown tokens are not remembered.
import type { WorkflowGraph } from '@flowdeck/engine';
import type Database from 'better-sqlite3';
import { prepared } from '../db/prepared.ts';
import { WorkflowRowCache } from '../workflows/changes.ts';
import { findVersion, triggerOf, type WorkflowRow } from '../workflows/repo.ts';

export type WebhookWorkflow = Pick<
  WorkflowRow,
  'id' | 'organization_id' | 'enabled' | 'deployed_version' | 'webhook_secret'
>;

export interface DeployedVersion {
  version: number;
  stateMachineArn: string;
  trigger: ReturnType<typeof triggerOf>;
}

export interface WebhookTarget {
  workflow: WebhookWorkflow;
  deployed: DeployedVersion;
}

export interface WebhookLookup {
  /** The enabled, deployed workflow a token starts, or undefined (unknown, disabled, never deployed). */
  target(token: string): WebhookTarget | undefined;
}

export function webhookLookup(db: Database.Database): WebhookLookup {
  const byToken = new WorkflowRowCache<WebhookWorkflow>(db);
  const versions = new Map<string, DeployedVersion>();

  const deployedVersion = (workflowId: string, version: number): DeployedVersion => {
    const key = `${workflowId}@${version}`;
    let deployed = versions.get(key);
    if (!deployed) {
      const row = findVersion(db, workflowId, version);
      deployed = {
        version: row.version,
        stateMachineArn: row.state_machine_arn,
        trigger: triggerOf(JSON.parse(row.graph) as WorkflowGraph),
      };
      if (versions.size >= 10_000) versions.clear();
      versions.set(key, deployed);
    }
    return deployed;
  };

  return {
    target(token) {
      // Only the columns a delivery needs (not the draft graph).
      const workflow = byToken.get(
        token,
        () =>
          prepared(
            db,
            `SELECT id, organization_id, enabled, deployed_version, webhook_secret
             FROM workflows WHERE webhook_token = ?`,
          ).get(token) as WebhookWorkflow | undefined,
      );
      if (!workflow || workflow.enabled !== 1 || workflow.deployed_version === null) return undefined;
      return { workflow, deployed: deployedVersion(workflow.id, workflow.deployed_version) };
    },
  };
}
