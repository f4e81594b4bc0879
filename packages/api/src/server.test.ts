// The real process: starts on PORT with FLOWDECK_DATA_DIR, logs one JSON line per request,
// and exits cleanly on SIGTERM after closing the database.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('serves /healthz, logs each request, and shuts down gracefully', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'flowdeck-server-'));
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./server.ts', import.meta.url))],
    {
      env: { ...process.env, PORT: String(port), FLOWDECK_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    let res: Response | undefined;
    for (let i = 0; i < 100 && !res; i++) {
      res = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
      if (!res) await new Promise((r) => setTimeout(r, 100));
    }
    expect(res?.status).toBe(200);
    expect(existsSync(join(dataDir, 'flowdeck.db'))).toBe(true);
    const problem = await fetch(`http://127.0.0.1:${port}/api/v1/auth/me`);
    expect(problem.status).toBe(401);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests.map((l) => [l.path, l.status])).toEqual([
      ['/healthz', 200],
      ['/api/v1/auth/me', 401],
    ]);
    expect(requests[0].requestId).toBeTruthy();
    expect(lines.at(-1).msg).toBe('stopped');
  } finally {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});
