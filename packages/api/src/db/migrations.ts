// The app's own tables. Each migration runs once, in order, inside a transaction; the applied
// count lives in SQLite's `user_version`. Never edit a shipped migration: append a new one.

export const migrations: string[] = [
  `
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE organizations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    run_retention_days INTEGER,
    run_retention_count INTEGER
  );
  CREATE TABLE memberships (
    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (organization_id, user_id)
  );
  CREATE INDEX memberships_by_user ON memberships(user_id, created_at);
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE TABLE invitations (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    email TEXT,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    accepted_by TEXT,
    accepted_at INTEGER,
    revoked_at INTEGER
  );
  CREATE TABLE teams (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE team_members (
    team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, user_id)
  );
  CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    prefix TEXT NOT NULL UNIQUE,
    key_hash TEXT NOT NULL,
    role TEXT,
    scopes TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER,
    last_used_at INTEGER,
    revoked_at INTEGER
  );
  CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    at INTEGER NOT NULL,
    organization_id TEXT NOT NULL,
    actor_type TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    action TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id TEXT NOT NULL,
    before_digest TEXT,
    after_digest TEXT,
    ip TEXT NOT NULL
  );
  CREATE INDEX audit_by_org ON audit_log(organization_id, seq);
  -- The audit log is append-only, even for code that bypasses the API.
  CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  `,
  `
  CREATE TABLE workflows (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    tags TEXT NOT NULL,
    draft_graph TEXT NOT NULL,
    draft_revision INTEGER NOT NULL,
    enabled INTEGER NOT NULL DEFAULT 0,
    deployed_version INTEGER,
    webhook_token TEXT NOT NULL UNIQUE,
    webhook_secret TEXT,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX workflows_by_org ON workflows(organization_id, updated_at);
  CREATE TABLE workflow_versions (
    workflow_id TEXT NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    graph TEXT NOT NULL,
    definition TEXT NOT NULL,
    state_machine_arn TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (workflow_id, version)
  );
  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    workflow_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    execution_arn TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL,
    trigger_kind TEXT NOT NULL,
    parent_run_id TEXT,
    started_at INTEGER NOT NULL,
    ended_at INTEGER
  );
  CREATE INDEX runs_by_org ON runs(organization_id, started_at DESC, id DESC);
  CREATE INDEX runs_by_workflow ON runs(workflow_id, started_at DESC);
  CREATE TABLE approvals (
    id TEXT PRIMARY KEY,
    execution_arn TEXT NOT NULL,
    state_name TEXT NOT NULL,
    task_token TEXT NOT NULL UNIQUE,
    input TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    decision TEXT,
    comment TEXT,
    decided_by TEXT,
    decided_at INTEGER
  );
  CREATE INDEX approvals_by_execution ON approvals(execution_arn);
  `,
  `
  CREATE TABLE connections (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    credentials TEXT NOT NULL,
    credential_keys TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX connections_by_org ON connections(organization_id, name);
  `,
  `
  -- Runs pruned from the list whose execution the runtime store still has to forget
  -- (runs/retention.ts drains it; a crash in between leaves the row here to retry).
  CREATE TABLE pruned_executions (
    execution_arn TEXT PRIMARY KEY,
    pruned_at INTEGER NOT NULL
  );
  `,
  `
  -- Per-organisation event settings (archive retention). IF NOT EXISTS: data directories from
  -- before this migration created the table on first use.
  CREATE TABLE IF NOT EXISTS event_settings (
    organization_id TEXT PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
    retention_days INTEGER NOT NULL
  );
  `,
  `
  -- Connections whose credentials expire (OAuth access tokens): when, and when Flowdeck noticed
  -- (the claim that makes \`connection.expired\` fire once per expiry; cleared by a new expiresAt).
  ALTER TABLE connections ADD COLUMN expires_at INTEGER;
  ALTER TABLE connections ADD COLUMN expiry_noticed_at INTEGER;
  CREATE INDEX connections_pending_expiry ON connections(expires_at)
    WHERE expires_at IS NOT NULL AND expiry_noticed_at IS NULL;
  `,
];
