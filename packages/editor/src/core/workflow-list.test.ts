import { describe, expect, it } from 'vitest';
import { addTags, allTags, filterWorkflows, MAX_TAGS, workflowStatus } from './workflow-list.ts';

const list = [
  { id: 'a', name: 'Launch posts', tags: ['social', 'launch'], deployedVersion: 2, enabled: true },
  { id: 'b', name: 'Newsletter', tags: ['email'], deployedVersion: null },
  { id: 'c', name: 'Old sync', tags: ['social'], deployedVersion: 1, enabled: false },
];

describe('the workflows list', () => {
  it('tells drafts, deployed and disabled workflows apart', () => {
    expect(list.map(workflowStatus)).toEqual(['deployed', 'draft', 'disabled']);
  });

  it('filters by search text, tag and status together', () => {
    const ids = (f: Parameters<typeof filterWorkflows>[1]) => filterWorkflows(list, f).map((w) => w.id);
    expect(ids({})).toEqual(['a', 'b', 'c']);
    expect(ids({ tag: 'social' })).toEqual(['a', 'c']);
    expect(ids({ tag: 'social', status: 'deployed' })).toEqual(['a']);
    expect(ids({ status: 'draft' })).toEqual(['b']);
    expect(ids({ query: 'EMA' })).toEqual(['b']);
    expect(ids({ query: 'sync', tag: 'email' })).toEqual([]);
  });

  it('lists every tag once, sorted', () => {
    expect(allTags(list)).toEqual(['email', 'launch', 'social']);
  });
});

describe('editing tags', () => {
  it('adds comma-separated tags, trimmed, without empty or duplicate ones', () => {
    expect(addTags(['social'], ' launch , Social,, q3 ')).toEqual(['social', 'launch', 'q3']);
  });

  it('keeps to the API limits: 50 characters a tag, 20 tags', () => {
    expect(addTags([], 'x'.repeat(80))[0]).toHaveLength(50);
    const many = Array.from({ length: 30 }, (_, i) => `t${i}`).join(',');
    expect(addTags([], many)).toHaveLength(MAX_TAGS);
  });
});
