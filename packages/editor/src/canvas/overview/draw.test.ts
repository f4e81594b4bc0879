import { describe, expect, it } from 'vitest';
import { borderOf, type Ctx, drawOverview, type Palette, type View } from './draw.ts';
import { buildScene, inputAt, outputAt } from './scene.ts';
import { chain, edge, stepNode } from './test-scene.ts';

const palette: Palette = {
  background: 'bg',
  surface: 'surface',
  border: 'border',
  muted: 'muted',
  accent: 'accent',
  danger: 'danger',
  success: 'success',
  warning: 'warning',
  running: 'running',
};

type Shape = { kind: 'box' | 'rect' | 'arc' | 'line'; args: number[] };
interface Paint {
  op: 'fill' | 'stroke';
  style: string;
  width: number;
  alpha: number;
  shapes: Shape[];
}

/** A 2D context that records what was filled and stroked, with the shapes of each path. */
function recorder() {
  const paints: Paint[] = [];
  const transforms: number[][] = [];
  let shapes: Shape[] = [];
  let last: [number, number] = [0, 0];
  const ctx = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    globalAlpha: 1,
    setTransform: (...m: number[]) => transforms.push(m),
    clearRect: () => {},
    beginPath: () => {
      shapes = [];
    },
    moveTo: (x: number, y: number) => {
      last = [x, y];
    },
    lineTo: (x: number, y: number) => {
      shapes.push({ kind: 'line', args: [...last, x, y] });
      last = [x, y];
    },
    rect: (...a: number[]) => shapes.push({ kind: 'rect', args: a }),
    roundRect: (x: number, y: number, w: number, h: number) =>
      shapes.push({ kind: 'box', args: [x, y, w, h] }),
    arc: (...a: number[]) => shapes.push({ kind: 'arc', args: a }),
    fill: () =>
      paints.push({ op: 'fill', style: String(ctx.fillStyle), width: 0, alpha: ctx.globalAlpha, shapes }),
    stroke: () =>
      paints.push({
        op: 'stroke',
        style: String(ctx.strokeStyle),
        width: ctx.lineWidth,
        alpha: ctx.globalAlpha,
        shapes,
      }),
  };
  return { ctx: ctx as unknown as Ctx, paints, transforms };
}

const view = (more: Partial<View> = {}): View => ({
  x: 0,
  y: 0,
  zoom: 0.2,
  width: 1000,
  height: 600,
  dpr: 1,
  ...more,
});

/** The styles a box at (x, y, w, h) was filled or stroked with. */
const paintsOfBox = (paints: Paint[], op: Paint['op'], x: number, y: number, w = 240, h = 64) =>
  paints
    .filter(
      (p) => p.op === op && p.shapes.some((s) => s.kind === 'box' && s.args.join() === [x, y, w, h].join()),
    )
    .map((p) => p.style);

describe('drawing the overview', () => {
  it('draws in flow coordinates under the viewport’s transform, at the device’s pixel ratio', () => {
    const { ctx, transforms } = recorder();
    drawOverview(ctx, chain(2), view({ x: 30, y: 40, zoom: 0.25, dpr: 2 }), palette);
    expect(transforms.at(-1)).toEqual([0.5, 0, 0, 0.5, 60, 80]);
  });

  it('draws only the cards and edges in view', () => {
    const scene = chain(100); // 300 apart: 29,700 wide
    const { ctx, paints } = recorder();
    // 1,000 px at zoom 0.2 are 5,000 flow units, plus a 20 px (100 units) margin each side:
    // x from -100 to 5,100, so cards n0‥n17 and the edges between them.
    const drawn = drawOverview(ctx, scene, view(), palette);
    expect(drawn).toEqual({ cards: 18, edges: 17 });
    const faces = paints.filter((p) => p.op === 'fill' && p.style === 'surface');
    expect(faces.flatMap((p) => p.shapes.map((s) => s.args[0]))).toEqual(
      Array.from({ length: 18 }, (_, i) => i * 300),
    );
    // Scrolled by 20,000 units: x from 19,900 to 25,100, cards n66 (19,800‥20,040) to n83.
    const far = recorder();
    drawOverview(far.ctx, scene, view({ x: -20000 * 0.2 }), palette);
    const farFaces = far.paints.filter((p) => p.op === 'fill' && p.style === 'surface');
    expect(farFaces.flatMap((p) => p.shapes.map((s) => s.args[0]))).toEqual(
      Array.from({ length: 18 }, (_, i) => (66 + i) * 300),
    );
  });

  it('draws every edge as a line from its output handle to the next card’s input', () => {
    const scene = chain(3);
    const { ctx, paints } = recorder();
    drawOverview(ctx, scene, view(), palette);
    const lines = paints.filter((p) => p.op === 'stroke' && p.style === 'muted').flatMap((p) => p.shapes);
    const [a, b, c] = scene.cards;
    expect(lines).toEqual([
      { kind: 'line', args: [outputAt(a, 0).x, outputAt(a, 0).y, inputAt(b).x, inputAt(b).y] },
      { kind: 'line', args: [outputAt(b, 0).x, outputAt(b, 0).y, inputAt(c).x, inputAt(c).y] },
    ]);
  });

  it('shows run status, problems, selection and diff marks as the cards do', () => {
    const scene = buildScene(
      [
        stepNode('plain', 0, 0),
        stepNode('broken', 300, 0, { issues: ['URL: required'] }),
        stepNode('ran', 600, 0, { status: 'SUCCEEDED' }),
        stepNode('failed', 900, 0, { status: 'FAILED', issues: ['x'] }),
        stepNode('running', 1200, 0, { status: 'RUNNING', selected: true }),
        stepNode('picked', 1500, 0, { selected: true, diff: 'added' }),
      ],
      [edge('plain', 'broken'), edge('broken', 'ran')],
      new Set(['plain->broken']),
    );
    const { ctx, paints } = recorder();
    drawOverview(ctx, scene, view(), palette);
    expect(paintsOfBox(paints, 'fill', 0, 0)).toEqual(['surface']);
    expect(paintsOfBox(paints, 'stroke', 0, 0)).toEqual(['border']);
    expect(paintsOfBox(paints, 'stroke', 300, 0)).toEqual(['danger']);
    expect(paintsOfBox(paints, 'stroke', 600, 0)).toEqual(['success']);
    expect(paintsOfBox(paints, 'stroke', 900, 0)).toEqual(['danger']);
    expect(paintsOfBox(paints, 'stroke', 1200, 0)).toEqual(['running']);
    expect(paintsOfBox(paints, 'stroke', 1500, 0)).toEqual(['accent']);
    // The invalid marker: a red dot on the top-right corner of each card with problems.
    const dots = paints.filter((p) => p.op === 'fill' && p.style === 'danger').flatMap((p) => p.shapes);
    expect(dots.map((s) => [s.args[0], s.args[1]])).toEqual([
      [300 + 238, 2],
      [900 + 238, 2],
    ]);
    // Selected cards get a ring, the diff mark an outline, a selected edge the accent colour.
    const rings = paints.filter((p) => p.op === 'stroke' && p.style === 'accent' && p.alpha < 1);
    expect(rings.flatMap((p) => p.shapes)).toHaveLength(2);
    const outlines = paints.filter((p) => p.op === 'stroke' && p.style === 'success');
    expect(outlines.some((p) => p.shapes.some((s) => s.args[0] < 1500 && s.args[2] > 240))).toBe(true);
    const selectedEdges = paints.filter(
      (p) => p.op === 'stroke' && p.style === 'accent' && p.shapes[0]?.kind === 'line',
    );
    expect(selectedEdges.flatMap((p) => p.shapes)).toHaveLength(1);
  });

  it('status wins over problems, problems over selection (as canvas.css orders them)', () => {
    const card = (more: Parameters<typeof stepNode>[3]) =>
      buildScene([stepNode('c', 0, 0, more)], [], new Set()).cards[0];
    expect(borderOf(card({ status: 'SUCCEEDED', issues: ['x'], selected: true }), palette).colour).toBe(
      'success',
    );
    expect(borderOf(card({ issues: ['x'], selected: true }), palette).colour).toBe('danger');
    expect(borderOf(card({ selected: true }), palette).colour).toBe('accent');
    expect(borderOf(card({ status: 'PENDING' }), palette).colour).toBe('border');
  });

  it('draws dragged cards and their edges where they are being dragged, over the others', () => {
    const scene = chain(3);
    const { ctx, paints } = recorder();
    const offset = { x: 50, y: 120 };
    drawOverview(ctx, scene, view(), palette, { moved: { ids: new Set(['n1']), offset } });
    const faces = paints.filter((p) => p.op === 'fill' && p.style === 'surface');
    expect(faces.map((p) => p.shapes.map((s) => s.args.slice(0, 2)))).toEqual([
      [
        [0, 0],
        [600, 0],
      ],
      [[350, 120]],
    ]);
    const lines = paints.filter((p) => p.op === 'stroke' && p.style === 'muted').flatMap((p) => p.shapes);
    const [a, b, c] = scene.cards;
    expect(lines[0].args).toEqual([
      outputAt(a, 0).x,
      outputAt(a, 0).y,
      inputAt(b, offset).x,
      inputAt(b, offset).y,
    ]);
    expect(lines[1].args).toEqual([
      outputAt(b, 0, offset).x,
      outputAt(b, 0, offset).y,
      inputAt(c).x,
      inputAt(c).y,
    ]);
  });

  it('draws a connection being made, red over a card it cannot connect to', () => {
    const scene = chain(2);
    for (const [valid, colour] of [
      [null, 'accent'],
      [true, 'accent'],
      [false, 'danger'],
    ] as const) {
      const { ctx, paints } = recorder();
      drawOverview(ctx, scene, view(), palette, {
        link: { from: { x: 244, y: 33 }, to: { x: 900, y: 400 }, valid },
      });
      const line = paints.find(
        (p) => p.op === 'stroke' && p.shapes.some((s) => s.args.join() === '244,33,900,400'),
      );
      expect(line?.style).toBe(colour);
    }
  });
});
