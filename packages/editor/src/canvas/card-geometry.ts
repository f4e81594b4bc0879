// A step card's size and where its edges attach, in the card's own coordinates (no React, no
// DOM). The cards (StepCard.tsx) are laid out to these numbers; React Flow gets the handle boxes
// with each node, so it can cull and draw edges before a card has ever been rendered and
// measured; the zoomed-out overview draws and hit-tests cards with them.
import type { NodeHandle } from '@xyflow/react';
import { handleDomId } from './handle-ids.ts';

export const CARD_WIDTH = 240;
export const CARD_MIN_HEIGHT = 64;
/** Vertical distance between named output handles (a condition's true/false, a switch's cases). */
export const HANDLE_GAP = 22;
/** Top of the first named output handle. */
const FIRST_NAMED_TOP = 20;
/** A handle is a 10 × 10 box centred on the card's border (1 px wide). */
const HANDLE_SIZE = 10;

/** Height of a card with these output handles (`null` is the unnamed output). */
export function cardHeight(outputs: readonly (string | null)[]): number {
  return hasNamedOutputs(outputs)
    ? Math.max(CARD_MIN_HEIGHT, outputs.length * HANDLE_GAP + FIRST_NAMED_TOP)
    : CARD_MIN_HEIGHT;
}

export function hasNamedOutputs(outputs: readonly (string | null)[]): boolean {
  return outputs.some((o) => o !== null);
}

/** The `top` style of output handle `index` (its centre, inside the card's border). */
export function outputTop(outputs: readonly (string | null)[], index: number): number {
  return hasNamedOutputs(outputs) ? FIRST_NAMED_TOP + index * HANDLE_GAP : cardHeight(outputs) / 2;
}

/** Where an edge leaves output `index`, relative to the card's top-left corner. */
export function outputPoint(outputs: readonly (string | null)[], index: number): { x: number; y: number } {
  return { x: CARD_WIDTH + HANDLE_SIZE / 2 - 1, y: outputTop(outputs, index) + 1 };
}

/** Where an edge enters the card, relative to its top-left corner. */
export function inputPoint(outputs: readonly (string | null)[]): { x: number; y: number } {
  return { x: 1 - HANDLE_SIZE / 2, y: cardHeight(outputs) / 2 };
}

/**
 * The handle boxes React Flow would measure from the rendered card (StepCard and LowDetailCard
 * place them identically): the input on the left edge, half way down (none on a trigger), the
 * outputs on the right edge.
 */
export function cardHandles(outputs: readonly (string | null)[], hasInput: boolean): NodeHandle[] {
  const handles: NodeHandle[] = [];
  if (hasInput) {
    const p = inputPoint(outputs);
    handles.push({
      id: 'in',
      type: 'target',
      position: 'left' as NodeHandle['position'],
      x: p.x,
      y: p.y - HANDLE_SIZE / 2,
      width: HANDLE_SIZE,
      height: HANDLE_SIZE,
    });
  }
  outputs.forEach((o, i) => {
    const p = outputPoint(outputs, i);
    handles.push({
      id: handleDomId(o),
      type: 'source',
      position: 'right' as NodeHandle['position'],
      x: p.x - HANDLE_SIZE,
      y: p.y - HANDLE_SIZE / 2,
      width: HANDLE_SIZE,
      height: HANDLE_SIZE,
    });
  });
  return handles;
}
