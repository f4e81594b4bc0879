// A run's `runs` row ends in the same commit as its execution (RuntimeHost.recordsRunEnds).
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/harness.ts';
import { INSERT_RUN_AFTER_ITS_END } from './service.ts';

let t: TestApp;
afterEach(() => t?.close());

const definition = JSON.stringify({
  QueryLanguage: 'JSONata',
  StartAt: 'Done',
  States: { Done: { Type: 'Pass', Output: { ok: true }, End: true } },
});

describe("a run's row and its execution", () => {
  it('end together when the runtime shares the app database', async () => {
    t = createTestApp();
    const host = t.deps.host!;
    expect(host.recordsRunEnds).toBe(true);
    const arn = await host.register('run-end', JSON.parse(definition));
    const { executionArn } = await host.runtime.startExecution({
      stateMachineArn: arn,
      name: 'early',
      input: '{}',
    });
    // The row is written RUNNING, as the run service does right after StartExecution …
    await host.record([
      [INSERT_RUN_AFTER_ITS_END, ['run_1', orgOf(t), 'wf_1', 1, executionArn, 'RUNNING', 'manual', null, 1]],
    ]);
    const ended = await host.runtime.waitForExecution(executionArn);
    // … and the execution's last commit ended it.
    const row = t.deps.db
      .prepare('SELECT status, ended_at FROM runs WHERE execution_arn = ?')
      .get(executionArn);
    expect(row).toEqual({ status: 'SUCCEEDED', ended_at: ended.stopDate!.getTime() });
  });

  it('is written ended when the execution ended before the row was written', async () => {
    t = createTestApp();
    const host = t.deps.host!;
    const arn = await host.register('run-end', JSON.parse(definition));
    const { executionArn } = await host.runtime.startExecution({
      stateMachineArn: arn,
      name: 'late',
      input: '{}',
    });
    const ended = await host.runtime.waitForExecution(executionArn);
    await host.record([
      [INSERT_RUN_AFTER_ITS_END, ['run_2', orgOf(t), 'wf_1', 1, executionArn, 'RUNNING', 'manual', null, 1]],
    ]);
    const row = t.deps.db
      .prepare('SELECT status, ended_at FROM runs WHERE execution_arn = ?')
      .get(executionArn);
    expect(row).toEqual({ status: 'SUCCEEDED', ended_at: ended.stopDate!.getTime() });
  });
});

/** runs.organization_id references organizations: one is needed. */
function orgOf(app: TestApp): string {
  const id = 'org_run_end';
  app.deps.db
    .prepare(`INSERT OR IGNORE INTO organizations (id, name, created_at) VALUES (?, 'Run end', 1)`)
    .run(id);
  return id;
}
