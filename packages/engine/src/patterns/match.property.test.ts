import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileEventPattern, matchesEventPattern } from './index.ts';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type Leaf = string | number | boolean | null;

const key = fc.constantFrom('a', 'b', 'c', 'detail', 'x-y', 'Name');
const leaf: fc.Arbitrary<Leaf> = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc
    .double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true })
    .map((n) => Math.round(n * 1000) / 1000),
  fc.boolean(),
  fc.constant(null),
);
const event: fc.Arbitrary<Record<string, Json>> = fc.letrec<{ node: Json; obj: Record<string, Json> }>(
  (tie) => ({
    node: fc.oneof({ depthSize: 'small' }, leaf, tie('obj'), fc.array(leaf, { minLength: 1, maxLength: 3 })),
    obj: fc.dictionary(key, tie('node'), { minKeys: 1, maxKeys: 4 }),
  }),
).obj as fc.Arbitrary<Record<string, Json>>;

/** Every [path, leaf] in the event, walking into objects (arrays are leaf lists here). */
function leaves(value: Json, path: string[] = []): [string[], Leaf[]][] {
  if (Array.isArray(value)) return [[path, value as Leaf[]]];
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  }
  return [[path, [value]]];
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const step of path.slice(0, -1)) {
    node[step] = (node[step] as Record<string, unknown>) ?? {};
    node = node[step] as Record<string, unknown>;
  }
  node[path[path.length - 1] as string] = value;
}

/** A pattern value that must match `v`, in one of several forms. */
function matchingForm(v: Leaf, form: number): unknown {
  if (typeof v === 'string') {
    if (form === 1) return { prefix: v.slice(0, Math.ceil(v.length / 2)) };
    if (form === 2)
      return { 'equals-ignore-case': v.toUpperCase() === v.toLowerCase() ? v : v.toUpperCase() };
    if (form === 3) return { suffix: v.slice(Math.floor(v.length / 2)) };
  }
  if (typeof v === 'number' && form > 0) return { numeric: ['=', v] };
  return v;
}

/** Paths whose keys contain no '.', whose leaf list is not empty, and that no other path prefixes. */
function usableLeaves(e: Record<string, Json>): [string[], Leaf[]][] {
  return leaves(e).filter(([path, values]) => path.length > 0 && values.length > 0);
}

describe('pattern properties', () => {
  it('a pattern built from an event matches that event', () => {
    fc.assert(
      fc.property(event, fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), (e, picks) => {
        const candidates = usableLeaves(e);
        fc.pre(candidates.length > 0);
        const pattern: Record<string, unknown> = {};
        for (const [i, pick] of picks.entries()) {
          const [path, values] = candidates[pick % candidates.length] as [string[], Leaf[]];
          const value = values[pick % values.length] as Leaf;
          setPath(pattern, path, [matchingForm(value, (pick + i) % 4)]);
        }
        expect(matchesEventPattern(pattern, e)).toBe(true);
      }),
    );
  });

  it('anything-but of a present value never matches that value', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer({ min: -5e9, max: 5e9 })), (v) => {
        expect(matchesEventPattern({ detail: { f: [{ 'anything-but': v }] } }, { detail: { f: v } })).toBe(
          false,
        );
        expect(matchesEventPattern({ detail: { f: [{ 'anything-but': [v] }] } }, { detail: { f: v } })).toBe(
          false,
        );
      }),
    );
  });

  it('$or of P and Q matches exactly when P or Q matches', () => {
    const simple = fc.record({
      f: fc.constantFrom('a', 'b', 'c'),
      value: fc.oneof(
        fc.constantFrom<unknown>('x', 'y', 1, 2, null),
        fc.constantFrom(
          { prefix: 'x' },
          { exists: false },
          { exists: true },
          { numeric: ['>', 1] },
          { 'anything-but': 'x' },
        ),
      ),
    });
    const ev = fc.dictionary(
      fc.constantFrom('a', 'b', 'c'),
      fc.constantFrom<Json>('x', 'xy', 'y', 1, 2, null),
    );
    fc.assert(
      fc.property(simple, simple, ev, (p, q, e) => {
        const P = { [p.f]: [p.value] };
        const Q = { [q.f]: [q.value] };
        const either = matchesEventPattern(P, e) || matchesEventPattern(Q, e);
        expect(matchesEventPattern({ $or: [P, Q] }, e)).toBe(either);
      }),
    );
  });

  it('exists:true and exists:false are never both true for a field', () => {
    const present = compileEventPattern({ detail: { f: [{ exists: true }] } });
    const absent = compileEventPattern({ detail: { f: [{ exists: false }] } });
    fc.assert(
      fc.property(event, (e) => {
        const wrapped = { detail: e.detail ?? e };
        expect(present(wrapped) && absent(wrapped)).toBe(false);
        expect(present(wrapped) || absent(wrapped)).toBe(true);
      }),
    );
  });
});
