// The public face of event patterns: validate (AWS's messages), compile once, match many.
//
// A pattern may be given as JSON text (what PutRule's `EventPattern` and TestEventPattern
// take) or as a value. A value is serialised with JSON.stringify first, so the source excerpt
// in an error message shows that compact text: AWS would show the text the caller sent.

import { type Branch, compileRule, PlainRuleError } from './compile-rule.ts';
import { isTooComplex, TOO_COMPLEX } from './complexity.ts';
import { INVALID_PATTERN_PREFIX, InvalidEventPatternError } from './errors.ts';
import { type IndexedEvent, indexEvent } from './event-index.ts';
import { JsonParseError, JsonReader } from './json-reader.ts';
import { compileBranches } from './match.ts';

/**
 * EventBridge's default quota for the size of an event pattern (adjustable up to 4096).
 * APPROXIMATION: AWS does not document the error text for an oversized pattern; ours is
 * `Event pattern is not valid. Reason: Event pattern size exceeds the maximum of 2048 characters`.
 */
export const DEFAULT_MAX_PATTERN_LENGTH = 2048;

export interface EventPatternOptions {
  /** Largest pattern text accepted, in characters. Default 2048 (EventBridge's quota). */
  maxPatternLength?: number;
}

/** A compiled pattern: call it with an event (or an `indexEvent` result) to test a match. */
export interface EventPatternMatcher {
  (event: unknown): boolean;
  /** The pattern's JSON text. */
  readonly source: string;
}

/** Throws `InvalidEventPatternError` with AWS's message when the pattern is invalid. */
export function validateEventPattern(pattern: unknown, options: EventPatternOptions = {}): void {
  parsePattern(pattern, options);
}

/** Validates once and returns a fast matcher to reuse across events. */
export function compileEventPattern(
  pattern: unknown,
  options: EventPatternOptions = {},
): EventPatternMatcher {
  const { source, branches } = parsePattern(pattern, options);
  const match = compileBranches(branches);
  const matcher = (event: unknown): boolean => match(indexEvent(event));
  return Object.assign(matcher, { source });
}

/** One-off match; prefer `compileEventPattern` when the pattern is used more than once. */
export function matchesEventPattern(pattern: unknown, event: unknown): boolean {
  return compileEventPattern(pattern)(event);
}

export type { IndexedEvent };

function parsePattern(
  pattern: unknown,
  options: EventPatternOptions,
): { source: string; branches: Branch[] } {
  const source = patternText(pattern);
  const max = options.maxPatternLength ?? DEFAULT_MAX_PATTERN_LENGTH;
  if (source.length > max) {
    throw new InvalidEventPatternError(
      `${INVALID_PATTERN_PREFIX}Event pattern size exceeds the maximum of ${max} characters`,
    );
  }
  let branches: Branch[];
  try {
    branches = compileRule(new JsonReader(source));
  } catch (e) {
    if (e instanceof JsonParseError || e instanceof PlainRuleError) {
      throw new InvalidEventPatternError(`${INVALID_PATTERN_PREFIX}${e.message}`);
    }
    throw e;
  }
  if (isTooComplex(branches)) {
    throw new InvalidEventPatternError(`${INVALID_PATTERN_PREFIX}${TOO_COMPLEX}`);
  }
  return { source, branches };
}

function patternText(pattern: unknown): string {
  if (typeof pattern === 'string') return pattern;
  let text: string | undefined;
  try {
    text = JSON.stringify(pattern);
  } catch (e) {
    throw new InvalidEventPatternError(
      `${INVALID_PATTERN_PREFIX}${e instanceof Error ? e.message : String(e)}`,
    );
  }
  // undefined, functions, symbols: nothing to read, which Jackson reports as "not an object".
  return text ?? '';
}
