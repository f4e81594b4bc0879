// The behaviour every SeenStore adapter must have (`@flowdeck/engine/seen-store-contract`).
import { describe, expect, it } from 'vitest';
import type { SeenStore } from './seen-store.ts';

export function seenStoreContract(name: string, open: () => Promise<SeenStore> | SeenStore): void {
  describe(`SeenStore contract: ${name}`, () => {
    it('says first poll once, then which keys are fresh, in the order given', async () => {
      const store = await open();
      expect(await store.markSeen('p', ['a', 'b'], 100)).toEqual({ fresh: ['a', 'b'], firstPoll: true });
      expect(await store.markSeen('p', ['c', 'a', 'd', 'b'], 100)).toEqual({
        fresh: ['c', 'd'],
        firstPoll: false,
      });
      expect(await store.markSeen('p', [], 100)).toEqual({ fresh: [], firstPoll: false });
      expect(await store.markSeen('other', ['a'], 100)).toEqual({ fresh: ['a'], firstPoll: true });
      await store.close();
    });

    it('an empty first fetch still counts as the first poll', async () => {
      const store = await open();
      expect((await store.markSeen('p', [], 10)).firstPoll).toBe(true);
      expect(await store.markSeen('p', ['new'], 10)).toEqual({ fresh: ['new'], firstPoll: false });
      await store.close();
    });

    it('counts a key repeated in one fetch once', async () => {
      const store = await open();
      await store.markSeen('p', [], 10);
      expect((await store.markSeen('p', ['x', 'x', 'y'], 10)).fresh).toEqual(['x', 'y']);
      expect(await store.count('p')).toBe(2);
      await store.close();
    });

    it('keeps the most recently seen keys up to the bound, never fewer than one fetch', async () => {
      const store = await open();
      await store.markSeen('p', ['k1', 'k2', 'k3', 'k4'], 3);
      expect(await store.count('p')).toBe(4);
      // k1 seen again: it is recent; k2..k4 are older.
      await store.markSeen('p', ['k1'], 3);
      await store.markSeen('p', ['k5'], 3);
      expect(await store.count('p')).toBe(3);
      expect((await store.markSeen('p', ['k1', 'k5', 'k4', 'k2'], 10)).fresh).toEqual(['k2']);
      await store.close();
    });

    it('forgets a poller', async () => {
      const store = await open();
      await store.markSeen('p', ['a'], 10);
      await store.forget('p');
      expect(await store.count('p')).toBe(0);
      expect(await store.markSeen('p', ['a'], 10)).toEqual({ fresh: ['a'], firstPoll: true });
      await store.close();
    });
  });
}
