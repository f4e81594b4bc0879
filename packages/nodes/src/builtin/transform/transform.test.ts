import { describe, expect, it } from 'vitest';
import { runNode } from '../../define/run-node.ts';
import { transformNode } from './transform.ts';

describe('data.transform', () => {
  it('accepts any JSON whose strings are expressions, and outputs the resolved value', async () => {
    expect(
      transformNode.validateParams({ output: { title: '{% $feed.items[0].title %}', n: [1, 2] } }),
    ).toEqual([]);
    expect(transformNode.validateParams({})).toEqual([{ path: 'output', message: 'Output is required.' }]);
    await expect(
      runNode(transformNode, { params: { output: { title: 'Launch', n: [1, 2] } } }),
    ).resolves.toEqual({
      title: 'Launch',
      n: [1, 2],
    });
  });
});
