// Builds an app in-process on a temp data dir, with helpers to sign up and call it as someone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Clock, createVirtualClock } from '@flowdeck/engine';
import pino from 'pino';
import { type FlowdeckApp, type RouteModule, coreModules, createApp } from '../app.ts';
import { type AppConfig, defaultConfig } from '../config.ts';
import { openDatabase } from '../db/open.ts';
import type { AppDeps } from '../deps.ts';
import { createLocalHost } from '../runtime-host/local-host.ts';
import type { WorkflowEngine } from '../workflows/engine-port.ts';
import { type TestEngine, testEngine } from './test-engine.ts';

export interface ManualClock {
  now(): number;
  advance(ms: number): void;
}

export function manualClock(start = Date.UTC(2026, 0, 5, 9)): ManualClock {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
  };
}

export const ORIGIN = 'http://localhost';

export interface Caller {
  /** Headers that authenticate (cookie or bearer), select the org and prove same origin. */
  headers: Record<string, string>;
  userId?: string;
  orgId: string;
}

export interface TestApp {
  app: FlowdeckApp;
  deps: AppDeps;
  clock: ManualClock;
  engine: TestEngine;
  dataDir: string;
  /** Closes runtime and database; removes the data dir unless `keepData` (to reopen it). */
  close(options?: { keepData?: boolean }): Promise<void>;
  /** `app.request` with JSON in and a parsed body out. */
  call(
    method: string,
    path: string,
    opts?: { as?: Caller; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; headers: Headers; body: any; text: string }>;
  signup(name?: string, org?: string): Promise<Caller & { userId: string; email: string; cookie: string }>;
}

let counter = 0;

export function createTestApp(
  overrides: Partial<AppConfig> = {},
  modules: RouteModule[] = coreModules,
  existingDataDir?: string,
  engine: TestEngine | WorkflowEngine = testEngine(),
  /** The runtime host's clock (timers, schedules, events); default a fresh virtual clock. */
  hostClock: Clock = createVirtualClock(),
): TestApp {
  const dataDir = existingDataDir ?? mkdtempSync(join(tmpdir(), 'flowdeck-api-'));
  const clock = manualClock();
  const config: AppConfig = { ...defaultConfig, dataDir, scryptCost: 1024, ...overrides };
  const db = openDatabase(dataDir);
  const host = createLocalHost({
    db,
    tasks: engine.tasks,
    // The runtime's store in the app's database, as `npm start` does on a new data directory.
    storePath: db.name,
    clock: hostClock,
  });
  const deps: AppDeps = {
    db,
    clock,
    logger: pino({ level: process.env.FLOWDECK_TEST_LOG ?? 'silent' }),
    config,
    engine,
    host,
  };
  const app = createApp(deps, modules);

  const call: TestApp['call'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.as?.headers ?? {}), ...(opts.headers ?? {}) };
    let body: string | undefined;
    if (opts.body !== undefined) {
      body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await app.request(path, { method, headers, body });
    // An event stream may never end (a run waiting for an approval): answer its status and
    // headers and hang up. Tests that read a stream use `app.request` themselves.
    if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
      await res.body?.cancel();
      return { status: res.status, headers: res.headers, body: undefined, text: '' };
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {}
    return { status: res.status, headers: res.headers, body: parsed, text };
  };

  return {
    app,
    deps,
    clock,
    call,
    // tests that pass their own engine do not use the fake's controls
    engine: engine as TestEngine,
    dataDir,
    async close(options = {}) {
      await host.close();
      deps.db.close();
      if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
    async signup(name = 'Ada', org = 'Acme') {
      const email = `${name.toLowerCase().replace(/\W/g, '')}.${++counter}@example.com`;
      const res = await app.request('/api/v1/auth/signup', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN },
        body: JSON.stringify({ email, password: 'correct horse battery', name, organization: org }),
      });
      if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${await res.text()}`);
      const json = (await res.json()) as { user: { id: string }; organizations: { id: string }[] };
      const cookie = res.headers.get('set-cookie')!.split(';')[0];
      const orgId = json.organizations[0].id;
      return {
        email,
        cookie,
        userId: json.user.id,
        orgId,
        headers: { cookie, origin: ORIGIN, 'x-flowdeck-org': orgId },
      };
    },
  };
}

/** Invites a fresh user into `owner`'s organisation with `role`; returns them as a caller there. */
export async function memberWithRole(
  t: TestApp,
  owner: Caller,
  role: string,
  name = role,
): Promise<Caller & { userId: string }> {
  const inv = await t.call('POST', '/api/v1/invitations', { as: owner, body: { role } });
  if (inv.status !== 201) throw new Error(`invite failed: ${inv.status} ${inv.text}`);
  const person = await t.signup(name, `${name}'s own`);
  const accepted = await t.call('POST', '/api/v1/invitations/accept', {
    as: person,
    body: { token: inv.body.token },
  });
  if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${accepted.text}`);
  return { ...person, orgId: owner.orgId, headers: { ...person.headers, 'x-flowdeck-org': owner.orgId } };
}
