import type { Retrier } from './definition.ts';
import { errorMatches } from './errors-match.ts';

export type RetryDecision = { retry: true; index: number; delayMs: number } | { retry: false };

/**
 * The first retrier whose ErrorEquals matches decides; each retrier counts its own attempts for
 * the current visit to the state. Delay n (1-based) = min(Interval × Backoff^(n-1), MaxDelay),
 * then FULL jitter picks uniformly in [0, delay].
 */
export function decideRetry(
  retriers: readonly Retrier[],
  counts: number[],
  error: string,
  random: () => number = Math.random,
  terminal?: boolean,
): RetryDecision {
  const index = retriers.findIndex((r) => errorMatches(r.errorEquals, error, terminal));
  if (index < 0) return { retry: false };
  const r = retriers[index];
  const attempt = counts[index] ?? 0;
  if (attempt >= r.maxAttempts) return { retry: false };
  let seconds = r.intervalSeconds * r.backoffRate ** attempt;
  if (r.maxDelaySeconds !== undefined) seconds = Math.min(seconds, r.maxDelaySeconds);
  if (r.jitter === 'FULL') seconds = random() * seconds;
  return { retry: true, index, delayMs: Math.round(seconds * 1000) };
}
