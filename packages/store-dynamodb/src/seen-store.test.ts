import { seenStoreContract } from '@flowdeck/engine/seen-store-contract';
import { describe, expect, it } from 'vitest';
import { useDynamoLocal } from '../test/dynamo-local.ts';
import { createDynamoSeenStore } from './seen-store.ts';

const local = useDynamoLocal();
const open = async () =>
  createDynamoSeenStore({ client: local.client(), tableName: await local.freshTable() });

seenStoreContract('DynamoDB', open);

describe('DynamoDB seen-sets', () => {
  it('gives each key as fresh to only one of two pollers racing on the same id', async () => {
    const tableName = await local.freshTable();
    const [a, b] = [0, 1].map(() => createDynamoSeenStore({ client: local.client(), tableName }));
    const keys = Array.from({ length: 30 }, (_, i) => `item-${i}`);
    const [first, second] = await Promise.all([
      a.markSeen('feed', keys, 100),
      b.markSeen('feed', [...keys].reverse(), 100),
    ]);
    expect([...first.fresh, ...second.fresh].sort()).toEqual([...keys].sort());
    expect([first.firstPoll, second.firstPoll].filter(Boolean)).toHaveLength(1);
    expect(await a.count('feed')).toBe(30);
  });

  it('keeps keys longer than a DynamoDB sort key allows', async () => {
    const store = await open();
    const long = `https://example.com/${'p'.repeat(2000)}`;
    expect((await store.markSeen('p', [long, `${long}x`], 10)).fresh).toEqual([long, `${long}x`]);
    expect((await store.markSeen('p', [long, 'short'], 10)).fresh).toEqual(['short']);
  });
});
