import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARD_WIDTH, cardHandles, cardHeight, inputPoint, outputPoint, outputTop } from './card-geometry.ts';
import { handleDomId } from './handle-ids.ts';

const outputsArb = fc.oneof(
  fc.constant([null] as (string | null)[]),
  fc.uniqueArray(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 1, maxLength: 8 }),
);

describe('card geometry', () => {
  it('a card with the unnamed output is 64 high; named outputs make room for themselves', () => {
    expect(cardHeight([null])).toBe(64);
    expect(cardHeight(['true', 'false'])).toBe(64);
    expect(cardHeight(['a', 'b', 'c', 'd'])).toBe(4 * 22 + 20);
  });

  it('places the handle boxes where the browser measured them on a rendered card', () => {
    // Measured in Chromium on StepCard and LowDetailCard (a 240 × 64 card, 10 px handles).
    const [input, output] = cardHandles([null], true);
    expect(input).toMatchObject({ id: 'in', type: 'target', x: -4, y: 27, width: 10, height: 10 });
    expect(output).toMatchObject({ id: 'out', type: 'source', x: 234, y: 28, width: 10, height: 10 });
  });

  it('edges attach where React Flow puts them for these boxes (left middle of the input, right middle of an output)', () => {
    fc.assert(
      fc.property(outputsArb, fc.boolean(), (outputs, hasInput) => {
        const handles = cardHandles(outputs, hasInput);
        const inputs = handles.filter((h) => h.type === 'target');
        const sources = handles.filter((h) => h.type === 'source');
        expect(inputs).toHaveLength(hasInput ? 1 : 0);
        for (const h of inputs) {
          expect({ x: h.x, y: h.y + (h.height ?? 0) / 2 }).toEqual(inputPoint(outputs));
        }
        expect(sources.map((h) => h.id)).toEqual(outputs.map(handleDomId));
        sources.forEach((h, i) => {
          expect({ x: h.x + (h.width ?? 0), y: h.y + (h.height ?? 0) / 2 }).toEqual(outputPoint(outputs, i));
          // On the card's right edge, inside its height.
          expect(h.x).toBeLessThan(CARD_WIDTH);
          expect(h.x + (h.width ?? 0)).toBeGreaterThan(CARD_WIDTH);
          expect(outputTop(outputs, i)).toBeLessThan(cardHeight(outputs));
        });
      }),
    );
  });
});
