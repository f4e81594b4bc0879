// Undo/redo over immutable snapshots. Consecutive changes with the same `coalesce` key (a drag,
// typing in one field) become one step, so Ctrl+Z undoes the whole gesture.

export class History<T> {
  private past: T[] = [];
  private future: T[] = [];
  private lastKey: string | undefined;

  constructor(
    private current: T,
    private readonly limit = 200,
  ) {}

  get present(): T {
    return this.current;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /** Records `next` as the new present. Same object as now: nothing recorded. */
  push(next: T, coalesce?: string): void {
    if (next === this.current) return;
    if (!(coalesce !== undefined && coalesce === this.lastKey && this.past.length > 0)) {
      this.past.push(this.current);
      if (this.past.length > this.limit) this.past.shift();
    }
    this.current = next;
    this.future = [];
    this.lastKey = coalesce;
  }

  /** Ends any coalescing run: the next push is a step of its own. */
  seal(): void {
    this.lastKey = undefined;
  }

  undo(): T {
    const previous = this.past.pop();
    if (previous === undefined) return this.current;
    this.future.push(this.current);
    this.current = previous;
    this.lastKey = undefined;
    return previous;
  }

  redo(): T {
    const next = this.future.pop();
    if (next === undefined) return this.current;
    this.past.push(this.current);
    this.current = next;
    this.lastKey = undefined;
    return next;
  }

  /** Starts over from `value` (a freshly loaded workflow). */
  reset(value: T): void {
    this.past = [];
    this.future = [];
    this.current = value;
    this.lastKey = undefined;
  }
}
