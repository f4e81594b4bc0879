import { describe, expect, it } from 'vitest';
import { createVirtualClock } from './clock.ts';

describe('virtual clock', () => {
  it('fires timers in due order, jumping now() to each due time', async () => {
    const clock = createVirtualClock(1000);
    const fired: [string, number][] = [];
    const done = new Promise<void>((resolve) => {
      clock.setTimer(5000, () => {
        fired.push(['late', clock.now()]);
        resolve();
      });
    });
    clock.setTimer(2000, () => fired.push(['early', clock.now()]));
    const cancel = clock.setTimer(3000, () => fired.push(['cancelled', clock.now()]));
    cancel();
    await done;
    expect(fired).toEqual([
      ['early', 2000],
      ['late', 5000],
    ]);
  });

  it('does not jump while real work holds it', async () => {
    const clock = createVirtualClock(0);
    let fired = false;
    const release = clock.hold();
    clock.setTimer(60_000, () => {
      fired = true;
    });
    await new Promise((r) => setTimeout(r, 30));
    expect(fired).toBe(false);
    expect(clock.now()).toBeLessThan(60_000);
    release();
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(fired).toBe(true);
  });
});
