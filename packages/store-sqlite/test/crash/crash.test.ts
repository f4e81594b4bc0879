import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HistoryEvent } from '@flowdeck/engine';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/index.ts';
import { type SideEffect, expectedOutput, inputFor } from './machine.ts';

// Acceptance test of durability (issue 2): a child process runs executions on a SQLite file and is
// SIGKILLed at random moments, many times; each restart recovers. In the end every execution must
// have SUCCEEDED with the right output, and no task may have run again once the history had
// recorded its success.

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '../../../..');
const EXECUTIONS = Number(process.env.CRASH_EXECUTIONS ?? 24);
const KILLS = Number(process.env.CRASH_KILLS ?? 20);
const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);

const dir = mkdtempSync(join(tmpdir(), 'flowdeck-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** mulberry32: a seeded PRNG, so a failing run can be replayed with CRASH_SEED. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Life {
  code: number | null;
  signal: NodeJS.Signals | null;
  finished: boolean;
  stderr: string;
}

/** Runs one life of the child; kills it `killAfterMs` after it has booted (never, if undefined). */
function live(
  env: Record<string, string>,
  killAfterMs: number | undefined,
  timeoutMs: number,
): Promise<Life> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(here, 'child.ts')], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killTimer: NodeJS.Timeout | undefined;
    const guard = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child did not finish within ${timeoutMs} ms; stderr:\n${stderr}`));
    }, timeoutMs);
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      if (killAfterMs !== undefined && !killTimer && stdout.includes('booted')) {
        killTimer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr!.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      clearTimeout(killTimer);
      resolve({ code, signal, finished: stdout.includes('finished'), stderr });
    });
  });
}

/** A Lambda-ARN Task records LambdaFunctionSucceeded, other resources TaskSucceeded (as AWS). */
function taskSuccesses(events: HistoryEvent[]): { key: string; nonce: string }[] {
  return events
    .filter((e) => e.type === 'TaskSucceeded' || e.type === 'LambdaFunctionSucceeded')
    .map((e) => {
      const details = (e.taskSucceededEventDetails ?? e.lambdaFunctionSucceededEventDetails) as {
        output: string;
      };
      const result = JSON.parse(details.output) as { key: string; nonce: string };
      return { key: result.key, nonce: result.nonce };
    });
}

describe('durable runtime on SQLite under SIGKILL', () => {
  it(`finishes every execution exactly as without crashes (seed ${SEED})`, { timeout: 120_000 }, async () => {
    const env = {
      CRASH_DB: join(dir, 'crash.db'),
      CRASH_LOG: join(dir, 'side-effects.log'),
      CRASH_EXECUTIONS: String(EXECUTIONS),
    };
    const rand = random(SEED);
    let kills = 0;
    let killedWhileRunning = 0;
    while (kills < KILLS) {
      const life = await live({ ...env, CRASH_START_QUOTA: '2' }, 50 + Math.floor(rand() * 450), 30_000);
      expect(life.signal, `a life ended on its own (code ${life.code}); stderr:\n${life.stderr}`).toBe(
        'SIGKILL',
      );
      kills++;
      const peek = createSqliteStore({ path: env.CRASH_DB });
      if ((await peek.listRunningExecutions()).length > 0) killedWhileRunning++;
      await peek.close();
    }
    const last = await live({ ...env, CRASH_START_QUOTA: 'all' }, undefined, 60_000);
    expect(last.code, `the last life failed; stderr:\n${last.stderr}`).toBe(0);
    expect(last.finished).toBe(true);
    // The kills must have interrupted executions in flight, not an idle process.
    expect(killedWhileRunning).toBeGreaterThanOrEqual(KILLS / 2);

    const effects: SideEffect[] = readFileSync(env.CRASH_LOG, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    const store = createSqliteStore({ path: env.CRASH_DB });
    try {
      const { items: executions } = await store.listExecutions({ maxResults: 1000 });
      expect(executions).toHaveLength(EXECUTIONS);
      let reruns = 0;
      for (const ex of executions) {
        const i = Number(ex.name.slice('run-'.length));
        expect({ name: ex.name, status: ex.status, error: ex.error, cause: ex.cause }).toEqual({
          name: ex.name,
          status: 'SUCCEEDED',
          error: undefined,
          cause: undefined,
        });
        expect(JSON.parse(ex.input)).toEqual(inputFor(i));
        expect(JSON.parse(ex.output!)).toEqual(expectedOutput(inputFor(i)));

        const { items: history, nextToken } = await store.getHistory(ex.executionArn, { maxResults: 1000 });
        expect(nextToken).toBeUndefined();
        expect(history.map((e) => e.id)).toEqual(history.map((_, k) => k + 1));
        expect(history.filter((e) => e.type === 'ExecutionStarted')).toHaveLength(1);
        expect(history.at(-1)?.type).toBe('ExecutionSucceeded');

        // Exactly one recorded success per task, for every task of the machine.
        const successes = taskSuccesses(history);
        expect(successes.map((s) => s.key).sort()).toEqual(
          ['Flaky', 'Item#0', 'Item#1', 'Item#2', 'Left', 'Prepare', 'Right'].sort(),
        );
        // The invocation whose result the history recorded is the last one that ran for that task.
        const mine = effects.filter((e) => e.executionArn === ex.executionArn);
        for (const s of successes) {
          const runs = mine.filter((e) => e.state === s.key);
          expect(
            runs.map((r) => r.nonce),
            `${ex.name} ${s.key}`,
          ).toContain(s.nonce);
          expect(runs.at(-1)?.nonce, `${ex.name} ${s.key} ran again after its success was recorded`).toBe(
            s.nonce,
          );
          reruns += runs.length - (s.key === 'Flaky' ? 3 : 1);
        }
      }
      // Not an assertion (it depends on where the kills fell): how often a crash repeated a task.
      console.info(
        `crash test (seed ${SEED}): ${kills} kills (${killedWhileRunning} with executions in flight), ${effects.length} task runs, ${reruns} re-runs before a recorded success`,
      );
    } finally {
      await store.close();
    }
  });
});
