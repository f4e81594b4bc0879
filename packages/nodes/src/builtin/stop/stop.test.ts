import { describe, expect, it } from 'vitest';
import { stopNode } from './stop.ts';

describe('logic.stop', () => {
  it('has no outputs and fails with an error name and a reason', () => {
    expect(stopNode.outputHandles?.({})).toEqual([]);
    expect(stopNode.parseProps({ cause: 'No posts today' })).toEqual({
      ok: true,
      props: { error: 'Workflow.Stopped', cause: 'No posts today' },
    });
    expect(stopNode.validateParams({ error: 42 })).toEqual([
      { path: 'error', message: 'Error name must be text.' },
    ]);
  });
});
