import { describe, expect, it } from 'vitest';
import { readableCause } from './cause.ts';

describe('readableCause', () => {
  it("shows a Lambda error's errorMessage", () => {
    const cause = JSON.stringify({ errorType: 'Vendor.Down', errorMessage: 'Try later.', trace: ['x'] });
    expect(readableCause(cause)).toBe('Try later.');
  });
  it('keeps any other cause as it is (plain text, other JSON, nothing)', () => {
    expect(readableCause('No posts today')).toBe('No posts today');
    expect(readableCause('{"a":1}')).toBe('{"a":1}');
    expect(readableCause('{"errorType": broken')).toBe('{"errorType": broken');
    expect(readableCause(undefined)).toBeUndefined();
  });
});
