import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqlWriter } from './sql-writer.ts';

const dir = mkdtempSync(join(tmpdir(), 'flowdeck-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

function fileDatabase() {
  const db = new Database(join(dir, `w-${n++}.db`));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE rows (name TEXT PRIMARY KEY)');
  return db;
}

const insert = (name: string) => ['INSERT INTO rows VALUES (?)', [name]] as [string, unknown[]];

describe('SQL writer on its thread', () => {
  it('lands every commit of a turn, rejecting only the one that fails', async () => {
    const db = fileDatabase();
    const writer = createSqlWriter({ db, busyTimeoutMs: 1000 });
    const results = await Promise.allSettled([
      writer.submit([insert('a')]),
      writer.submit([insert('b'), insert('a')]),
      writer.submit([insert('c')]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({
      message: expect.stringMatching(/UNIQUE constraint failed: rows.name/),
      code: 'SQLITE_CONSTRAINT_PRIMARYKEY',
    });
    // Read back on the caller's own connection: 'b' went with its failing commit.
    expect(db.prepare('SELECT name FROM rows ORDER BY name').pluck().all()).toEqual(['a', 'c']);
    await writer.close();
    db.close();
  });

  it('lands what was submitted before close() before it resolves', async () => {
    const db = fileDatabase();
    const writer = createSqlWriter({ db, busyTimeoutMs: 1000 });
    const landed = writer.submit([insert('late')]);
    await writer.close();
    await landed;
    expect(db.prepare('SELECT count(*) FROM rows').pluck().get()).toBe(1);
    db.close();
  });

  it('rejects with what stopped the thread when it cannot open the file, and keeps rejecting', async () => {
    const db = fileDatabase();
    // The thread opens the caller's file by name; a name it cannot open stops it.
    const unreachable = Object.create(db, { name: { value: join(dir, 'missing', 'dir', 'x.db') } });
    const writer = createSqlWriter({ db: unreachable, busyTimeoutMs: 1000 });
    await expect(writer.submit([insert('x')])).rejects.toThrow(
      /SQLite writer thread stopped: .*directory does not exist/,
    );
    await expect(writer.submit([insert('y')])).rejects.toThrow(/SQLite writer thread stopped/);
    await writer.close();
    db.close();
  });

  it('keeps the WAL bounded under sustained writes (checkpoints run beside the writer)', async () => {
    const db = fileDatabase();
    db.exec('CREATE TABLE blobs (n INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const writer = createSqlWriter({ db, busyTimeoutMs: 5000, walRestartFrames: 500 });
    const body = 'x'.repeat(3000); // about one 4 KiB page per row
    let largestWal = 0;
    // 120 turns × 100 rows ≈ 12,000 pages ≈ 48 MB written, 24 times the 2 MB restart bound: a WAL
    // that nothing checkpoints ends near 48 MB. How far past the bound it gets before a pass
    // resets it depends on the threads' timing, so the check is only that it stays far below.
    for (let turn = 0; turn < 120; turn++) {
      const commits = Array.from({ length: 100 }, (_, i) =>
        writer.submit([['INSERT INTO blobs VALUES (?, ?)', [turn * 100 + i, body]]]),
      );
      await Promise.all(commits);
      largestWal = Math.max(largestWal, statSync(`${db.name}-wal`).size);
    }
    expect(db.prepare('SELECT count(*) FROM blobs').pluck().get()).toBe(12000);
    expect(largestWal).toBeGreaterThan(0);
    expect(largestWal).toBeLessThan(24 * 1024 * 1024);
    await writer.close();
    db.close();
  });
});
