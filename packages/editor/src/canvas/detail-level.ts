// Zoomed out, the canvas draws cheaper versions of itself, so a few hundred cards on screen cost
// little per frame:
// - below 45 %: low-detail cards and edges (no icon, summary, handle labels or + buttons);
// - below 30 %: the overview (overview/Overview.tsx): every card and edge drawn on one <canvas>,
//   which also selects, drags and connects them; React Flow keeps the viewport, the minimap, box
//   selection and fit view, but renders no cards or edges.
import { create } from 'zustand';

export const LOW_DETAIL_BELOW_ZOOM = 0.45;
export const OVERVIEW_BELOW_ZOOM = 0.3;

export const useDetailLevel = create<{ low: boolean; overview: boolean }>(() => ({
  low: false,
  overview: false,
}));

export function setZoom(zoom: number): void {
  const low = zoom < LOW_DETAIL_BELOW_ZOOM;
  const overview = zoom < OVERVIEW_BELOW_ZOOM;
  const s = useDetailLevel.getState();
  if (s.low !== low || s.overview !== overview) useDetailLevel.setState({ low, overview });
}
