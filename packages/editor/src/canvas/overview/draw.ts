// Draws the overview on a 2D canvas: edges as straight lines, cards as boxes with their kind's
// colour, a bar where the (unreadable at this zoom) title is, run status and problems as border
// colours, the invalid marker as a red dot, diff marks as outlines, the selection ring. Drawn in
// flow coordinates (the context's transform is the viewport's), one path per colour, so a frame
// is a handful of fills and strokes whatever the number of cards. No React, no DOM.
import { inputAt, type OverviewCard, outputAt, type Scene, type XY, ZERO } from './scene.ts';

export interface View {
  /** The viewport: screen = flow × zoom + (x, y), in CSS pixels. */
  x: number;
  y: number;
  zoom: number;
  /** The canvas size in CSS pixels. */
  width: number;
  height: number;
  /** Device pixels per CSS pixel. */
  dpr: number;
}

/** The theme's colours (tokens.css), read from the page so both themes draw right. */
export interface Palette {
  background: string;
  surface: string;
  border: string;
  muted: string;
  accent: string;
  danger: string;
  success: string;
  warning: string;
  running: string;
}

/** What changes while the pointer is down: cards being dragged, a connection being drawn. */
export interface Overlay {
  moved?: { ids: ReadonlySet<string>; offset: XY };
  link?: { from: XY; to: XY; valid: boolean | null };
}

export type Ctx = Pick<
  CanvasRenderingContext2D,
  | 'setTransform'
  | 'clearRect'
  | 'beginPath'
  | 'moveTo'
  | 'lineTo'
  | 'rect'
  | 'roundRect'
  | 'arc'
  | 'fill'
  | 'stroke'
  | 'fillStyle'
  | 'strokeStyle'
  | 'lineWidth'
  | 'globalAlpha'
>;

export interface Drawn {
  cards: number;
  edges: number;
}

const RADIUS = 10;

export function drawOverview(
  ctx: Ctx,
  scene: Scene,
  view: View,
  palette: Palette,
  overlay: Overlay = {},
): Drawn {
  const { zoom, dpr } = view;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, view.width * dpr, view.height * dpr);
  ctx.setTransform(dpr * zoom, 0, 0, dpr * zoom, dpr * view.x, dpr * view.y);
  const px = 1 / zoom; // one screen pixel in flow units
  // The visible part of the flow, with a margin for outlines and markers.
  const left = -view.x / zoom - 20 * px;
  const top = -view.y / zoom - 20 * px;
  const right = left + (view.width + 40) * px;
  const bottom = top + (view.height + 40) * px;
  const moved = overlay.moved;
  const offsetOf = (c: OverviewCard) => (moved?.ids.has(c.id) ? moved.offset : ZERO);

  // Edges first, under the cards.
  let edges = 0;
  const selectedEdges: [XY, XY][] = [];
  ctx.beginPath();
  for (const e of scene.edges) {
    const a = outputAt(e.source, e.sourceIndex, offsetOf(e.source));
    const b = inputAt(e.target, offsetOf(e.target));
    if (
      Math.max(a.x, b.x) < left ||
      Math.min(a.x, b.x) > right ||
      Math.max(a.y, b.y) < top ||
      Math.min(a.y, b.y) > bottom
    )
      continue;
    edges++;
    if (e.selected) selectedEdges.push([a, b]);
    else {
      ctx.moveTo(a.x, a.y);
      ctx.lineTo(b.x, b.y);
    }
  }
  ctx.strokeStyle = palette.muted;
  ctx.lineWidth = Math.max(1.5, 0.75 * px);
  ctx.stroke();
  if (selectedEdges.length) {
    ctx.beginPath();
    for (const [a, b] of selectedEdges) {
      ctx.moveTo(a.x, a.y);
      ctx.lineTo(b.x, b.y);
    }
    ctx.strokeStyle = palette.accent;
    ctx.lineWidth = Math.max(2.5, 1.5 * px);
    ctx.stroke();
  }

  // Cards in view; the ones being dragged last, over the others.
  const still: Placed[] = [];
  const moving: Placed[] = [];
  for (const c of scene.cards) {
    const o = offsetOf(c);
    const x = c.x + o.x;
    const y = c.y + o.y;
    if (x + c.width < left || x > right || y + c.height < top || y > bottom) continue;
    (o === ZERO ? still : moving).push({ c, x, y });
  }
  drawCards(ctx, still, palette, px);
  drawCards(ctx, moving, palette, px);

  if (overlay.link) {
    const { from, to, valid } = overlay.link;
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
    ctx.strokeStyle = valid === false ? palette.danger : palette.accent;
    ctx.lineWidth = 2 * px;
    ctx.stroke();
    ctx.beginPath();
    ctx.arc(from.x, from.y, 3 * px, 0, Math.PI * 2);
    ctx.fillStyle = palette.accent;
    ctx.fill();
  }
  return { cards: still.length + moving.length, edges };
}

interface Placed {
  c: OverviewCard;
  x: number;
  y: number;
}

/** The border colour a card's state gives it (as in canvas.css: status, then problems, then selection). */
export function borderOf(c: OverviewCard, palette: Palette): { colour: string; emphasis: boolean } {
  if (c.status === 'RUNNING') return { colour: palette.running, emphasis: true };
  if (c.status === 'SUCCEEDED') return { colour: palette.success, emphasis: true };
  if (c.status === 'FAILED') return { colour: palette.danger, emphasis: true };
  if (c.invalid) return { colour: palette.danger, emphasis: true };
  if (c.selected) return { colour: palette.accent, emphasis: true };
  return { colour: palette.border, emphasis: false };
}

/** The colour of a card's kind (its icon's colour on a full card). */
export function kindColour(kind: string, palette: Palette): string {
  return kind === 'trigger' ? palette.success : kind === 'condition' ? palette.warning : palette.accent;
}

function drawCards(ctx: Ctx, cards: readonly Placed[], palette: Palette, px: number): void {
  if (!cards.length) return;
  const corner = (w: number, h: number) => (RADIUS > 1.5 * px ? Math.min(RADIUS, w / 2, h / 2) : 0);
  const box = (x: number, y: number, w: number, h: number) => {
    const r = corner(w, h);
    if (r > 0) ctx.roundRect(x, y, w, h, r);
    else ctx.rect(x, y, w, h);
  };

  // Selection rings and diff outlines sit outside the card, so they go first.
  const ring = 3 * px;
  if (
    path(
      ctx,
      cards,
      (p) => p.c.selected,
      (p) => box(p.x - ring / 2, p.y - ring / 2, p.c.width + ring, p.c.height + ring),
    )
  )
    strokeWith(ctx, palette.accent, ring, 0.35);
  for (const [mark, colour] of [
    ['added', palette.success],
    ['changed', palette.warning],
  ] as const) {
    const width = Math.max(3, 1.5 * px);
    const gap = 2 + width / 2;
    if (
      path(
        ctx,
        cards,
        (p) => p.c.diff === mark,
        (p) => box(p.x - gap, p.y - gap, p.c.width + 2 * gap, p.c.height + 2 * gap),
      )
    )
      strokeWith(ctx, colour, width);
  }

  // Card faces in one fill.
  path(
    ctx,
    cards,
    () => true,
    (p) => box(p.x, p.y, p.c.width, p.c.height),
  );
  ctx.fillStyle = palette.surface;
  ctx.fill();

  // Borders, one stroke per colour.
  const groups = new Map<string, { emphasis: boolean; cards: Placed[] }>();
  for (const p of cards) {
    const { colour, emphasis } = borderOf(p.c, palette);
    const key = `${colour}|${emphasis}`;
    const g = groups.get(key);
    if (g) g.cards.push(p);
    else groups.set(key, { emphasis, cards: [p] });
  }
  for (const [key, g] of groups) {
    path(
      ctx,
      g.cards,
      () => true,
      (p) => box(p.x, p.y, p.c.width, p.c.height),
    );
    strokeWith(ctx, key.slice(0, key.lastIndexOf('|')), g.emphasis ? Math.max(2, 1.5 * px) : Math.max(1, px));
  }

  // The kind's colour down the left side, where a full card shows its icon.
  const stripe = Math.max(6, 2 * px);
  for (const kind of ['trigger', 'condition', 'other'] as const) {
    const colour = kindColour(kind, palette);
    const of = (k: string) => (k === 'trigger' || k === 'condition' ? k : 'other');
    if (
      path(
        ctx,
        cards,
        (p) => of(p.c.kind) === kind,
        (p) => ctx.rect(p.x + 4, p.y + 8, stripe, p.c.height - 16),
      )
    ) {
      ctx.fillStyle = colour;
      ctx.fill();
    }
  }

  // Where the title is: a bar as long as the title would be (no text is readable this far out).
  path(
    ctx,
    cards,
    () => true,
    (p) => ctx.rect(p.x + 18, p.y + p.c.height / 2 - 5, Math.min(p.c.title.length * 7.5, p.c.width - 48), 10),
  );
  ctx.fillStyle = palette.muted;
  ctx.globalAlpha = 0.45;
  ctx.fill();
  ctx.globalAlpha = 1;

  // The invalid marker: a red dot on the top-right corner, as on a full card.
  const dot = Math.max(10, 3 * px);
  if (
    path(
      ctx,
      cards,
      (p) => p.c.invalid,
      (p) => {
        ctx.moveTo(p.x + p.c.width - 2 + dot, p.y + 2);
        ctx.arc(p.x + p.c.width - 2, p.y + 2, dot, 0, Math.PI * 2);
      },
    )
  ) {
    ctx.fillStyle = palette.danger;
    ctx.fill();
  }
}

/** Starts a path with `add` for every card that passes `keep`; says whether any did. */
function path(
  ctx: Ctx,
  cards: readonly Placed[],
  keep: (p: Placed) => boolean,
  add: (p: Placed) => void,
): boolean {
  ctx.beginPath();
  let any = false;
  for (const p of cards)
    if (keep(p)) {
      add(p);
      any = true;
    }
  return any;
}

function strokeWith(ctx: Ctx, colour: string, width: number, alpha = 1): void {
  ctx.strokeStyle = colour;
  ctx.lineWidth = width;
  ctx.globalAlpha = alpha;
  ctx.stroke();
  ctx.globalAlpha = 1;
}
