import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TaskHandlers } from '@flowdeck/engine';

/** Something the user gave us that we cannot use; main() prints the message and exits 2. */
export class InputError extends Error {
  override name = 'InputError';
}

/**
 * Imports the --tasks module. Its named exports, and the properties of a default-exported object
 * (for keys such as ARNs that are not identifiers), become handlers keyed by Resource or
 * FunctionName. Every value must be a function.
 */
export async function loadTasks(modulePath: string, cwd: string): Promise<TaskHandlers> {
  const file = resolve(cwd, modulePath);
  if (!existsSync(file))
    throw new InputError(`The tasks module ${modulePath} does not exist (looked at ${file}).`);
  let mod: Record<string, unknown>;
  try {
    mod = await import(pathToFileURL(file).href);
  } catch (error) {
    throw new InputError(`Could not load the tasks module ${modulePath}: ${(error as Error).message}`);
  }
  const { default: defaultExport, ...named } = mod;
  const entries: [string, unknown][] = Object.entries(named);
  if (defaultExport !== undefined) {
    if (defaultExport === null || typeof defaultExport !== 'object') {
      throw new InputError(
        `The tasks module ${modulePath} has a default export that is not an object of handlers (it is ${typeOf(defaultExport)}).`,
      );
    }
    entries.push(...Object.entries(defaultExport));
  }
  const tasks: TaskHandlers = {};
  for (const [key, handler] of entries) {
    if (typeof handler !== 'function') {
      throw new InputError(
        `Task handler "${key}" in ${modulePath} must be a function, not ${typeOf(handler)}.`,
      );
    }
    tasks[key] = handler as TaskHandlers[string];
  }
  return tasks;
}

function typeOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}
