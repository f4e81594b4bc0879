// Matching compiled branches against an indexed event.
//
// A branch matches when every field matches, and EventBridge's array consistency holds: the
// values chosen for the fields never come from different elements of the same array (as in
// event-ruler's `Machine.rulesForJSONEvent`). `exists: false` (and an absent field allowed by
// it) puts no constraint on arrays.

import type { Branch, ValueMatcher } from './compile-rule.ts';
import { consistent, type IndexedEvent, ipOf, type Occurrence } from './event-index.ts';
import { inRange } from './ip.ts';
import { wildcardToRegExp } from './wildcard.ts';

type Test = (o: Occurrence) => boolean;

interface FieldTest {
  path: string;
  /** `exists: false` among the field's values: an absent field matches. */
  absentOk: boolean;
  /** The field matches a present value (undefined when only `exists: false` was given). */
  test: Test | undefined;
}

export type BranchMatcher = (event: IndexedEvent) => boolean;

export function compileBranches(branches: Branch[]): BranchMatcher {
  const compiled = branches.map(compileBranch);
  if (compiled.length === 1) return compiled[0] as BranchMatcher;
  return (event) => compiled.some((branch) => branch(event));
}

function compileBranch(branch: Branch): BranchMatcher {
  const fields: FieldTest[] = [];
  for (const [path, matchers] of branch) {
    let absentOk = false;
    const tests: Test[] = [];
    for (const m of matchers) {
      if (m.kind === 'exists') {
        if (m.exists) tests.push(() => true);
        else absentOk = true;
      } else {
        tests.push(compileValue(m));
      }
    }
    const test: Test | undefined =
      tests.length === 0 ? undefined : tests.length === 1 ? tests[0] : (o) => tests.some((t) => t(o));
    fields.push({ path, absentOk, test });
  }
  return (event) => matchFields(fields, event);
}

function matchFields(fields: FieldTest[], event: IndexedEvent): boolean {
  // Fields whose candidate values sit inside arrays need a consistent choice.
  let constrained: Occurrence[][] | undefined;
  for (const field of fields) {
    const present = event.get(field.path);
    if (!present) {
      if (field.absentOk) continue;
      return false;
    }
    if (!field.test) return false;
    let candidates: Occurrence[] | undefined;
    let free = false;
    for (const o of present) {
      if (!field.test(o)) continue;
      if (o.arrays.length === 0) {
        free = true;
        break;
      }
      if (candidates) candidates.push(o);
      else candidates = [o];
    }
    if (free) continue;
    if (!candidates) return false;
    if (constrained) constrained.push(candidates);
    else constrained = [candidates];
  }
  return !constrained || constrained.length === 1 || chooseConsistently(constrained, 0, []);
}

function chooseConsistently(lists: Occurrence[][], at: number, chosen: Occurrence[]): boolean {
  if (at === lists.length) return true;
  for (const candidate of lists[at] as Occurrence[]) {
    if (chosen.every((c) => consistent(c.arrays, candidate.arrays))) {
      chosen.push(candidate);
      if (chooseConsistently(lists, at + 1, chosen)) return true;
      chosen.pop();
    }
  }
  return false;
}

const lower = (s: string): string => s.toLowerCase();

function compileValue(m: Exclude<ValueMatcher, { kind: 'exists' }>): Test {
  switch (m.kind) {
    case 'exact-string': {
      const want = m.value;
      return (o) => o.value === want;
    }
    case 'exact-number': {
      const { millionths } = m;
      const asNumber = Number(m.text);
      return (o) =>
        typeof o.value === 'number' &&
        ((millionths !== undefined && o.millionths === millionths) || o.value === asNumber);
    }
    case 'exact-literal': {
      const want = m.value;
      return (o) => o.value === want;
    }
    case 'ip': {
      const { range } = m;
      return (o) => {
        const ip = ipOf(o);
        return ip !== null && inRange(ip, range);
      };
    }
    case 'prefix': {
      if (!m.ignoreCase) {
        const want = m.value;
        return (o) => typeof o.value === 'string' && o.value.startsWith(want);
      }
      const want = lower(m.value);
      return (o) => typeof o.value === 'string' && lower(o.value).startsWith(want);
    }
    case 'suffix': {
      if (!m.ignoreCase) {
        const want = m.value;
        return (o) => typeof o.value === 'string' && o.value.endsWith(want);
      }
      const want = lower(m.value);
      return (o) => typeof o.value === 'string' && lower(o.value).endsWith(want);
    }
    case 'equals-ignore-case': {
      const want = lower(m.value);
      return (o) => typeof o.value === 'string' && lower(o.value) === want;
    }
    case 'wildcard': {
      const re = wildcardToRegExp(m.value);
      return (o) => typeof o.value === 'string' && re.test(o.value);
    }
    case 'anything-but': {
      // Any present value of another type passes: a number is never one of the strings.
      const strings = new Set(m.strings);
      const numbers = new Set(m.numbers);
      return (o) => {
        if (typeof o.value === 'string') return !strings.has(o.value);
        if (typeof o.value === 'number') {
          return o.millionths === undefined || !numbers.has(o.millionths);
        }
        return true;
      };
    }
    case 'anything-but-set': {
      const excluded = setMember(m.op, m.values);
      return (o) => typeof o.value !== 'string' || !excluded(o.value);
    }
    case 'numeric': {
      const { bottom, openBottom, top, openTop } = m;
      return (o) => {
        const n = o.millionths;
        if (n === undefined) return false;
        return (openBottom ? n > bottom : n >= bottom) && (openTop ? n < top : n <= top);
      };
    }
  }
}

function setMember(
  op: 'prefix' | 'suffix' | 'equals-ignore-case' | 'wildcard',
  values: string[],
): (s: string) => boolean {
  switch (op) {
    case 'prefix':
      return (s) => values.some((v) => s.startsWith(v));
    case 'suffix':
      return (s) => values.some((v) => s.endsWith(v));
    case 'equals-ignore-case': {
      const set = new Set(values.map(lower));
      return (s) => set.has(lower(s));
    }
    case 'wildcard': {
      const res = values.map(wildcardToRegExp);
      return (s) => res.some((re) => re.test(s));
    }
  }
}
