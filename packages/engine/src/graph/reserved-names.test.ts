import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { JSONATA_FUNCTIONS } from './reserved-names.ts';

describe('JSONATA_FUNCTIONS', () => {
  it('is exactly the function library of the installed jsonata package', () => {
    const source = readFileSync(createRequire(import.meta.url).resolve('jsonata'), 'utf8');
    const bound = [...source.matchAll(/(?:staticFrame|environment)\.bind\('([A-Za-z0-9]+)'/g)].map(
      (m) => m[1],
    );
    expect(bound.length).toBeGreaterThan(50);
    expect([...JSONATA_FUNCTIONS].sort()).toEqual([...new Set(bound)].sort());
  });
});
