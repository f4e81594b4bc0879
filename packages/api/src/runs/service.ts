// Starting runs and keeping the app's `runs` rows in step with the runtime. The runtime's history
// is the truth; the row holds what lists filter on (organisation, workflow, status, times).
import type { DescribeExecutionOutput } from '@flowdeck/engine';
import type { SqlStatement } from '@flowdeck/store-sqlite';
import type { AppDeps } from '../deps.ts';
import { problems, ProblemError } from '../http/problem.ts';
import { iso, newId } from '../ids.ts';
import type { RuntimeHost } from '../runtime-host/local-host.ts';
import { prepared } from '../db/prepared.ts';
import { pruneRuns } from './retention.ts';

export interface RunRow {
  id: string;
  organization_id: string;
  workflow_id: string;
  version: number;
  execution_arn: string;
  status: string;
  trigger_kind: string;
  parent_run_id: string | null;
  started_at: number;
  ended_at: number | null;
}

export type TriggerKind = 'manual' | 'webhook' | 'schedule' | 'event' | 'poll' | 'rerun' | 'retry';

/** Told when a watched run ends, after its row is updated (platform events use it). */
export type RunEndedListener = (run: RunRow, result: DescribeExecutionOutput) => void;
const runEndedListeners = new WeakMap<AppDeps, RunEndedListener[]>();

export function onRunEnded(deps: AppDeps, listener: RunEndedListener): void {
  runEndedListeners.set(deps, [...(runEndedListeners.get(deps) ?? []), listener]);
}

export function requireHost(deps: AppDeps): RuntimeHost {
  if (!deps.host) {
    throw new ProblemError({
      type: '/problems/runtime-unavailable',
      title: 'The runtime is not available',
      status: 503,
      detail: 'This server runs without a runtime host.',
    });
  }
  return deps.host;
}

const services = new WeakMap<AppDeps, RunService>();

/** One service per app (it remembers which executions it is watching). */
export function runService(deps: AppDeps): RunService {
  let s = services.get(deps);
  if (!s) {
    s = new RunService(deps);
    services.set(deps, s);
  }
  return s;
}

export class RunService {
  private readonly watching = new Map<string, Promise<DescribeExecutionOutput | undefined>>();

  constructor(private readonly deps: AppDeps) {}

  async start(options: {
    organizationId: string;
    workflowId: string;
    version: number;
    stateMachineArn: string;
    input: unknown;
    trigger: TriggerKind;
    parentRunId?: string;
    /** Execution name; a repeated name is refused by the runtime (idempotent deliveries). */
    executionName?: string;
    /** Statements committed with the run's row (its audit entry). */
    record?: (run: RunRow) => SqlStatement | SqlStatement[];
  }): Promise<RunRow> {
    const host = requireHost(this.deps);
    const id = newId('run');
    const { executionArn } = await host.runtime.startExecution({
      stateMachineArn: options.stateMachineArn,
      name: options.executionName ?? id,
      input: JSON.stringify(options.input ?? {}),
    });
    const row: RunRow = {
      id,
      organization_id: options.organizationId,
      workflow_id: options.workflowId,
      version: options.version,
      execution_arn: executionArn,
      status: 'RUNNING',
      trigger_kind: options.trigger,
      parent_run_id: options.parentRunId ?? null,
      started_at: this.deps.clock.now(),
      ended_at: null,
    };
    // Committed before the caller answers; with the runtime in the app's database it shares the
    // group commit (one WAL append) with the transitions of the runs started at the same moment.
    const also = options.record?.(row) ?? [];
    await host.record([
      [
        host.recordsRunEnds ? INSERT_RUN_AFTER_ITS_END : INSERT_RUN,
        [
          row.id,
          row.organization_id,
          row.workflow_id,
          row.version,
          row.execution_arn,
          row.status,
          row.trigger_kind,
          row.parent_run_id,
          row.started_at,
        ],
      ],
      ...(isStatement(also) ? [also] : also),
    ]);
    this.watch(row);
    pruneRuns(this.deps, options.organizationId);
    return row;
  }

  /**
   * Resolves when the run has ended and its row's update is committed, with how it ended
   * (undefined if it is not watched or was lost track of).
   */
  finished(run: Pick<RunRow, 'execution_arn'>): Promise<DescribeExecutionOutput | undefined> {
    return this.watching.get(run.execution_arn) ?? Promise.resolve(undefined);
  }

  watch(run: RunRow | Pick<RunRow, 'execution_arn'>): void {
    if (this.watching.has(run.execution_arn) || !this.deps.host) return;
    const host = this.deps.host;
    const done = host.runtime
      .waitForExecution(run.execution_arn)
      .then(async (d) => {
        const endedAt = d.stopDate?.getTime() ?? this.deps.clock.now();
        // A run watched from its start may have ended in its execution's last commit already.
        if (!host.recordsRunEnds || !('id' in run)) {
          await host.record([
            [
              'UPDATE runs SET status = ?, ended_at = ? WHERE execution_arn = ?',
              [d.status, endedAt, run.execution_arn],
            ],
          ]);
        }
        this.watching.delete(run.execution_arn);
        const listeners = runEndedListeners.get(this.deps);
        if (listeners) {
          // A run watched from its start is known whole; one resumed after a restart is read.
          const row =
            'id' in run
              ? { ...(run as RunRow), status: d.status, ended_at: endedAt }
              : (prepared(this.deps.db, 'SELECT * FROM runs WHERE execution_arn = ?').get(
                  run.execution_arn,
                ) as RunRow | undefined);
          if (row) for (const listener of listeners) listener(row, d);
        }
        return d;
      })
      .catch((err) => {
        this.watching.delete(run.execution_arn);
        this.deps.logger.warn({ err, executionArn: run.execution_arn }, 'lost track of a run');
        return undefined;
      });
    this.watching.set(run.execution_arn, done);
  }

  /** After a restart: the runtime resumes executions; we resume watching them. */
  resumeWatching(): number {
    const rows = prepared(
      this.deps.db,
      `SELECT execution_arn FROM runs WHERE status = 'RUNNING'`,
    ).all() as RunRow[];
    for (const row of rows) this.watch(row);
    return rows.length;
  }
}

export { pruneRuns } from './retention.ts';

export const runSummaryJson = (r: RunRow) => ({
  id: r.id,
  workflowId: r.workflow_id,
  version: r.version,
  status: r.status,
  trigger: r.trigger_kind,
  parentRunId: r.parent_run_id,
  startedAt: iso(r.started_at),
  endedAt: iso(r.ended_at),
});

export function findRun(deps: AppDeps, organizationId: string, id: string): RunRow {
  const row = prepared(deps.db, 'SELECT * FROM runs WHERE id = ? AND organization_id = ?').get(
    id,
    organizationId,
  ) as RunRow | undefined;
  if (!row) throw problems.notFound('run');
  return row;
}

const INSERT_RUN = `INSERT INTO runs (id, organization_id, workflow_id, version, execution_arn, status,
    trigger_kind, parent_run_id, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/**
 * With run ends committed by the execution's last commit (RuntimeHost.recordsRunEnds), a short
 * run may end before its row is written: then the row is written ended, from the execution.
 */
export const INSERT_RUN_AFTER_ITS_END = `INSERT INTO runs (id, organization_id, workflow_id, version, execution_arn,
    status, trigger_kind, parent_run_id, started_at, ended_at)
  SELECT v.id, v.organization_id, v.workflow_id, v.version, v.execution_arn,
    CASE WHEN e.status IS NULL OR e.status = 'RUNNING' THEN v.status ELSE e.status END,
    v.trigger_kind, v.parent_run_id, v.started_at,
    CASE WHEN e.status IS NULL OR e.status = 'RUNNING' THEN NULL ELSE e.stop_date END
  FROM (SELECT ? AS id, ? AS organization_id, ? AS workflow_id, ? AS version, ? AS execution_arn,
      ? AS status, ? AS trigger_kind, ? AS parent_run_id, ? AS started_at) v
    LEFT JOIN executions e ON e.execution_arn = v.execution_arn`;

const isStatement = (x: SqlStatement | SqlStatement[]): x is SqlStatement => typeof x[0] === 'string';
