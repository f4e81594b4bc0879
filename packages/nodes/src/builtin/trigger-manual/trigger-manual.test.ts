import { describe, expect, it } from 'vitest';
import { manualTrigger } from './trigger-manual.ts';

describe('trigger.manual', () => {
  it('is a trigger without settings and without code', () => {
    expect(manualTrigger.kind).toBe('trigger');
    expect(manualTrigger.run).toBeUndefined();
    expect(manualTrigger.validateParams({})).toEqual([]);
    expect(manualTrigger.validateParams({ url: 'x' })).toEqual([
      { path: 'url', message: '“url” is not a setting of this step.' },
    ]);
  });
});
