// What a press, move and release mean in the overview, as React Flow does it for rendered cards:
// a click selects a card (Shift/Ctrl/⌘ add or remove it), a drag moves the card, or all selected
// cards when it is one of them, committed once on release (one undo step); a press on an output
// handle draws a connection to the card it is released on; a click on an edge selects it.
// A press on nothing is left to React Flow (pan, box selection, click to deselect).
// Positions are flow coordinates; no React, no DOM.
import { cardAt, hitTest } from './hit-test.ts';
import type { Overlay } from './draw.ts';
import type { Scene, XY } from './scene.ts';

/** The editor as the overview uses it (in the app: the editor store and core operations). */
export interface OverviewEditor {
  readOnly: boolean;
  selection(): { nodes: readonly string[]; edges: readonly string[] };
  select(nodes: string[], edges: string[]): void;
  /** Moves cards to these positions as one undoable step. */
  move(positions: ReadonlyMap<string, XY>): void;
  canConnect(source: string, handle: string | null, target: string): boolean;
  connect(source: string, handle: string | null, target: string): void;
}

/** How far (screen px) the pointer moves before a press on a card becomes a drag (React Flow's default). */
export const DRAG_THRESHOLD_PX = 1;

type Press =
  | { kind: 'card'; id: string; start: XY; additive: boolean; wasSelected: boolean; ids?: readonly string[] }
  | { kind: 'link'; source: string; handle: string | null; from: XY }
  | { kind: 'edge' };

export class OverviewGestures {
  private press: Press | null = null;
  private current: Overlay = {};

  constructor(
    private readonly scene: () => Scene,
    private readonly editor: OverviewEditor,
  ) {}

  /** What to draw over the scene now (cards being dragged, a connection being drawn). */
  get overlay(): Overlay {
    return this.current;
  }

  get active(): boolean {
    return this.press !== null;
  }

  /**
   * The pointer went down at `p`. Returns whether the overview takes this press; if not, it
   * belongs to React Flow's pane. `additive`: Shift, Ctrl or ⌘ held.
   */
  down(p: XY, zoom: number, additive: boolean): boolean {
    this.cancel();
    const hit = hitTest(this.scene(), p, zoom, { outputs: !this.editor.readOnly });
    if (!hit) return false;
    const { nodes, edges } = this.editor.selection();
    if (hit.kind === 'output') {
      this.press = { kind: 'link', source: hit.nodeId, handle: hit.handle, from: hit.point };
      this.current = { link: { from: hit.point, to: p, valid: null } };
    } else if (hit.kind === 'card') {
      const wasSelected = nodes.includes(hit.nodeId);
      if (!wasSelected)
        this.editor.select(additive ? [...nodes, hit.nodeId] : [hit.nodeId], additive ? [...edges] : []);
      this.press = { kind: 'card', id: hit.nodeId, start: p, additive, wasSelected };
    } else {
      const selected = edges.includes(hit.edgeId);
      if (additive)
        this.editor.select(
          [...nodes],
          selected ? edges.filter((e) => e !== hit.edgeId) : [...edges, hit.edgeId],
        );
      else this.editor.select([], [hit.edgeId]);
      this.press = { kind: 'edge' };
    }
    return true;
  }

  /** The pointer moved (button still down). Returns whether the overlay changed. */
  move(p: XY, zoom: number): boolean {
    const press = this.press;
    if (press?.kind === 'card' && !this.editor.readOnly) {
      const offset = { x: p.x - press.start.x, y: p.y - press.start.y };
      if (!press.ids) {
        if (Math.hypot(offset.x, offset.y) * zoom < DRAG_THRESHOLD_PX) return false;
        const selected = this.editor.selection().nodes;
        press.ids = selected.includes(press.id) ? [...selected] : [press.id];
      }
      this.current = { moved: { ids: new Set(press.ids), offset } };
      return true;
    }
    if (press?.kind === 'link') {
      const target = cardAt(this.scene(), p, press.source);
      const valid = target ? this.editor.canConnect(press.source, press.handle, target.id) : null;
      this.current = { link: { from: press.from, to: p, valid } };
      return true;
    }
    return false;
  }

  /** The pointer was released at `p`: commits a drag or a connection, or completes a click. */
  up(p: XY, zoom: number): void {
    const press = this.press;
    if (press?.kind === 'card' || press?.kind === 'link') this.move(p, zoom);
    const moved = this.current.moved;
    this.press = null;
    this.current = {};
    if (press?.kind === 'card') {
      if (moved) {
        const scene = this.scene();
        const positions = new Map<string, XY>();
        for (const id of moved.ids) {
          const card = scene.byId.get(id);
          if (card)
            positions.set(id, {
              x: whole(card.x + moved.offset.x),
              y: whole(card.y + moved.offset.y),
            });
        }
        this.editor.move(positions);
      } else if (press.wasSelected && press.additive) {
        // A click with Shift/Ctrl/⌘ on a selected card takes it out of the selection.
        const { nodes, edges } = this.editor.selection();
        this.editor.select(
          nodes.filter((n) => n !== press.id),
          [...edges],
        );
      }
    } else if (press?.kind === 'link') {
      const target = cardAt(this.scene(), p, press.source);
      if (target && this.editor.canConnect(press.source, press.handle, target.id))
        this.editor.connect(press.source, press.handle, target.id);
    }
  }

  /** Drops whatever is in progress without changing anything (Escape, a lost pointer). */
  cancel(): void {
    this.press = null;
    this.current = {};
  }
}

/** Rounded to a whole flow unit (never -0, which JSON would not keep). */
const whole = (v: number) => Math.round(v) + 0;
