// A tiny test registry for the browser specs: `test(name, fn)` in e2e/specs/*.spec.ts; e2e/run.ts
// runs each test in a fresh browser context and counts the results.
import type { Browser, BrowserContext, Page } from 'playwright-core';

export interface TestContext {
  page: Page;
  context: BrowserContext;
  browser: Browser;
  /** Where the app is served, e.g. `http://127.0.0.1:41234`. */
  baseUrl: string;
  /** Saves a screenshot of this stage under e2e/artifacts/<spec>/<test>/. */
  shot(stage: string): Promise<void>;
}

export interface TestCase {
  name: string;
  fn: (t: TestContext) => Promise<void>;
  skip?: string;
}

export const registry: TestCase[] = [];

export function test(name: string, fn: TestCase['fn']): void {
  registry.push({ name, fn });
}

/** A test that cannot run yet (e.g. its API route is missing); counted as skipped with the reason. */
test.skip = (name: string, reason: string, fn: TestCase['fn'] = async () => {}) => {
  registry.push({ name, fn, skip: reason });
};

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Assertion failed: ${message}`);
}

export function assertEqual<T>(actual: T, expected: T, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}
