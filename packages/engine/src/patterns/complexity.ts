// EventBridge rejects wildcard patterns that would keep too many matching paths alive at once:
// "Rule is too complex - try using fewer wildcard characters or fewer repeating character
// sequences after a wildcard character". event-ruler measures this on its byte machine
// (`MachineComplexityEvaluator`) against a limit the service does not publish.
//
// APPROXIMATION: we build the NFA of all wildcard values of one field (the value wrapped in
// quotes, as event-ruler stores it), walk every reachable set of live states, and reject when
// more than MAX_WILDCARD_COMPLEXITY states are live at once. With this measure AWS's documented
// too-complex example `*:*:*:*:*:event-bus/*` scores 11 (rejected) and
// `arn:aws:events:us-east-1:*:event-bus/*` scores 3 (accepted).

import type { Branch } from './compile-rule.ts';
import { STAR, wildcardTokens } from './wildcard.ts';

export const MAX_WILDCARD_COMPLEXITY = 10;
export const TOO_COMPLEX =
  'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character';

/** Bound on the subsets explored, so validation stays cheap for any input. */
const MAX_SUBSETS = 5_000;

export function isTooComplex(branches: Branch[]): boolean {
  const byField = new Map<string, Set<string>>();
  for (const branch of branches) {
    for (const [path, matchers] of branch) {
      for (const m of matchers) {
        if (m.kind !== 'wildcard') continue;
        const set = byField.get(path) ?? new Set<string>();
        set.add(m.value);
        byField.set(path, set);
      }
    }
  }
  for (const values of byField.values()) {
    if (wildcardComplexity([...values]) > MAX_WILDCARD_COMPLEXITY) return true;
  }
  return false;
}

/** The largest number of NFA states live at once while reading any input. */
export function wildcardComplexity(values: string[]): number {
  const patterns = values.map(wildcardTokens);
  // A state is [pattern, position]; encode as pattern * 65536 + position.
  const encode = (p: number, k: number): number => p * 65_536 + k;
  const closure = (states: Set<number>): Set<number> => {
    const out = new Set<number>();
    const stack = [...states];
    while (stack.length > 0) {
      const s = stack.pop() as number;
      if (out.has(s)) continue;
      out.add(s);
      const p = Math.floor(s / 65_536);
      const k = s % 65_536;
      if (patterns[p]?.[k] === STAR) stack.push(encode(p, k + 1));
    }
    return out;
  };
  const alphabet = new Set<number>([-2]); // -2: any character no pattern names
  for (const tokens of patterns) for (const t of tokens) if (t !== STAR) alphabet.add(t);

  const start = closure(new Set(patterns.map((_, p) => encode(p, 0))));
  const seen = new Set<string>();
  const queue: Set<number>[] = [start];
  let max = 0;
  let explored = 0;
  while (queue.length > 0 && explored < MAX_SUBSETS) {
    const current = queue.shift() as Set<number>;
    explored++;
    for (const c of alphabet) {
      const next = new Set<number>();
      for (const s of current) {
        const p = Math.floor(s / 65_536);
        const k = s % 65_536;
        const token = patterns[p]?.[k];
        if (token === STAR) next.add(s);
        else if (token === c) next.add(encode(p, k + 1));
      }
      if (next.size === 0) continue;
      const live = closure(next);
      if (live.size > max) max = live.size;
      if (max > MAX_WILDCARD_COMPLEXITY) return max;
      const key = [...live].sort((a, b) => a - b).join(',');
      if (!seen.has(key)) {
        seen.add(key);
        queue.push(live);
      }
    }
  }
  return max;
}
