import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Drives the real `flowdeck` executable on fixture files, as a user at a terminal would.

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '../bin/flowdeck.mjs');
const fixtures = join(here, 'fixtures');

function flowdeck(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: fixtures, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('flowdeck run', () => {
  it('runs a state machine with task handlers, printing the output and a readable history', () => {
    const r = flowdeck(
      'run',
      'publish.asl.json',
      '--input',
      '{"title":"Spring launch"}',
      '--tasks',
      'tasks.mjs',
    );
    expect(r.stderr).toContain('SUCCEEDED');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      published: ['blog: Spring launch!', 'social: Spring launch! (2 words)'],
    });
    const lines = r.stderr.split('\n');
    const first = lines.find((l) => /\bExecutionStarted\b/.test(l));
    expect(first).toMatch(/^\s+1\s+\+0\.000s\s+ExecutionStarted\s+input \{"title":"Spring launch"\}$/);
    // Task events carry the name of the state they belong to, branches included.
    expect(lines.some((l) => /TaskScheduled\s+Draft\s+resource lambda:invoke$/.test(l))).toBe(true);
    expect(lines.some((l) => /TaskSucceeded\s+Draft\s+output /.test(l))).toBe(true);
    expect(lines.some((l) => /TaskSucceeded\s+ToSocial\s+output /.test(l))).toBe(true);
    // The hour-long Wait takes no real time on the virtual clock, yet shows in the history.
    expect(lines.some((l) => /\+3600\.\d{3}s\s+WaitStateExited\s+Hold/.test(l))).toBe(true);
    expect(lines.some((l) => /ExecutionSucceeded/.test(l))).toBe(true);
  });

  it('reads the input from a file and prints nothing but the output with --quiet', () => {
    const r = flowdeck('run', 'reject.asl.json', '--input-file', 'approval-input.json', '--quiet');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ approved: true, by: 'Ana' });
    expect(r.stderr).not.toContain('ExecutionStarted');
  });

  it('lets Waits take real time with --real-time', () => {
    const started = Date.now();
    const r = flowdeck('run', 'pause.asl.json', '--real-time', '--input', '{"at":1}');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ at: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('exits 1 with the error and cause when the execution fails', () => {
    const r = flowdeck('run', 'reject.asl.json', '--input', '{"approved":false}');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('FAILED: Post.Rejected');
    expect(r.stderr).toContain('The editor rejected the post.');
    expect(r.stderr).toMatch(/FailStateEntered\s+Rejected/);
  });

  it('fails a Task that has no handler, naming what is missing and how to give it', () => {
    const lambda = flowdeck('run', 'publish.asl.json', '--input', '{"title":"x"}');
    expect(lambda.code).toBe(1);
    expect(lambda.stderr).toContain('FAILED: Lambda.ResourceNotFoundException\nFunction not found: draft');
    expect(lambda.stderr).toContain('Hint: give Task handlers with --tasks <module>');
    const plain = flowdeck('run', 'map.asl.json', '--input', '{"posts":["a"]}');
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(/FAILED: States\.Runtime\n.*arn:flowdeck:notify/);
    expect(plain.stderr).toContain('Hint: give Task handlers');
  });

  it('names the Parallel or Map state on the events that close it, not the branch’s last state', () => {
    const r = flowdeck('run', 'map.asl.json', '--input', '{"posts":["a","b"]}');
    const lines = r.stderr.split('\n');
    expect(lines.some((l) => /MapIterationSucceeded\s+Each\s+index 1/.test(l))).toBe(true);
    expect(lines.some((l) => /MapStateSucceeded\s+Each\s*$/.test(l))).toBe(true);
    expect(lines.some((l) => /ParallelStateSucceeded\s+Fan\s*$/.test(l))).toBe(true);
    expect(lines.some((l) => /PassStateExited\s+Shape\s+output "B"/.test(l))).toBe(true);
    expect(lines.some((l) => /TaskStateEntered\s+Notify\s+input \[\["A","B"\],2\]/.test(l))).toBe(true);
  });

  it('lists every problem of an invalid definition with its path, exit 2', () => {
    const r = flowdeck('run', 'broken.asl.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Invalid state machine definition \(\d+ problems\)/);
    expect(r.stderr).toMatch(/^\s+StartAt: .*Begin/m);
    expect(r.stderr).toMatch(/^\s+States\.First\.Next: .*Nowhere/m);
    expect(r.stderr).toMatch(/^\s+States\.Odd(\.Type)?: .*Teleport/m);
  });

  it('says a definition that is not JSON is not JSON, exit 2', () => {
    const r = flowdeck('run', 'not-json.asl.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/JSON/);
  });

  it('explains bad usage and bad files with exit 2', () => {
    expect(flowdeck('run').stderr).toContain('run needs the state machine file');
    expect(flowdeck('run').code).toBe(2);
    const missing = flowdeck('run', 'nope.asl.json');
    expect([missing.code, missing.stderr.trim()]).toEqual([
      2,
      'The state machine file nope.asl.json does not exist.',
    ]);
    const badInput = flowdeck('run', 'reject.asl.json', '--input', '{oops');
    expect(badInput.code).toBe(2);
    expect(badInput.stderr).toContain('The execution input from --input is not valid JSON');
    const unknown = flowdeck('run', 'reject.asl.json', '--inptu', '{}');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("'--inptu'");
    const noTasks = flowdeck('run', 'publish.asl.json', '--tasks', 'missing.mjs');
    expect(noTasks.code).toBe(2);
    expect(noTasks.stderr).toContain('The tasks module missing.mjs does not exist');
  });
});

describe('flowdeck --help', () => {
  it('prints the usage, also through the npx-installed bin', () => {
    const r = flowdeck('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('flowdeck run <machine.asl.json>');
    expect(r.stdout).toContain('--real-time');
    const viaNpx = spawnSync('npx', ['--no-install', 'flowdeck', '--help'], {
      cwd: join(here, '../../..'),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(viaNpx.status).toBe(0);
    expect(viaNpx.stdout).toContain('Exit codes:');
  });
});
