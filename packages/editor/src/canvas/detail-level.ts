// Zoomed far out, cards and edges draw a cheaper version of themselves (no icon, summary, handle
// labels or + buttons): a few hundred of them on screen then cost far less per drag frame.
import { create } from 'zustand';

export const LOW_DETAIL_BELOW_ZOOM = 0.45;

export const useDetailLevel = create<{ low: boolean }>(() => ({ low: false }));

export function setZoom(zoom: number): void {
  const low = zoom < LOW_DETAIL_BELOW_ZOOM;
  if (useDetailLevel.getState().low !== low) useDetailLevel.setState({ low });
}
