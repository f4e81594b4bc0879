import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStoreContract } from '@flowdeck/engine/store-contract';
import { afterAll } from 'vitest';
import { createSqliteStore } from './sqlite-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'flowdeck-sqlite-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

// A file is written by the writer thread; an in-memory database in place, on the caller's thread.
describeStoreContract('SQLite store (file, writer thread)', () =>
  createSqliteStore({ path: join(dir, `store-${n++}.db`) }),
);
describeStoreContract('SQLite store (in memory, written in place)', () =>
  createSqliteStore({ path: ':memory:' }),
);
