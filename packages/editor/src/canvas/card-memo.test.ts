import { describe, expect, it } from 'vitest';
import { type CardProps, sameCard } from './card-memo.ts';

const data = { title: 'Fetch' };
const props: CardProps & Record<string, unknown> = {
  id: 'a',
  data,
  selected: false,
  isConnectable: true,
  positionAbsoluteX: 0,
  positionAbsoluteY: 0,
  dragging: false,
  zIndex: 0,
};

describe('sameCard', () => {
  it('keeps the card while only its position, dragging or stacking changes', () => {
    const moved: CardProps & Record<string, unknown> = {
      ...props,
      positionAbsoluteX: 40,
      positionAbsoluteY: -3,
      dragging: true,
      zIndex: 1000,
    };
    expect(sameCard(props, moved)).toBe(true);
  });

  it('re-renders when what it shows changes', () => {
    expect(sameCard(props, { ...props, data: { ...data } })).toBe(false);
    expect(sameCard(props, { ...props, selected: true })).toBe(false);
    expect(sameCard(props, { ...props, id: 'b' })).toBe(false);
    expect(sameCard(props, { ...props, isConnectable: false })).toBe(false);
  });
});
