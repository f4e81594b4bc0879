// The contract is what the editor typechecks against with the DOM lib: it must stay free of Node
// and of the API's runtime, and agree with the types the API builds its answers from.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { roles } from '../access/permissions.ts';
import type { TriggerKind } from '../runs/service.ts';
import { RoleSchema, RunTriggerSchema, type RunTrigger } from './index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const sources = readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
const importsOf = (file: string) =>
  [...readFileSync(join(here, file), 'utf8').matchAll(/^(?:import|export)[^;]*?from '([^']+)'/gms)].map(
    (m) => m[1],
  );

describe('@flowdeck/api/contract', () => {
  it.each(sources)('%s imports only zod, the contract and the role list', (file) => {
    for (const spec of importsOf(file))
      expect(spec, `${file} imports ${spec}`).toMatch(/^(zod|\.\/[\w-]+\.ts|\.\.\/access\/permissions\.ts)$/);
  });

  it('the role list it imports imports nothing', () => {
    expect(readFileSync(join(here, '../access/permissions.ts'), 'utf8')).not.toMatch(/^import /m);
  });

  it('has every role and every trigger kind the API uses', () => {
    expect(RoleSchema.options).toEqual([...roles]);
    expectTypeOf<TriggerKind>().toEqualTypeOf<RunTrigger>();
    expect(RunTriggerSchema.options).toContain('manual');
  });
});
