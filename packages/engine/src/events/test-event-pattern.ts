// TestEventPattern: the pattern is checked first (InvalidEventPatternException with AWS's
// message), then the event must be a JSON object carrying EventBridge's envelope fields.

import { compileEventPattern } from '../patterns/index.ts';
import { ValidationException } from './errors.ts';

/**
 * The fields TestEventPattern insists on. AWS's reference also lists `resources`, but AWS
 * accepts events without it (LocalStack's recorded AWS behaviour).
 */
const REQUIRED_FIELDS = ['id', 'account', 'source', 'time', 'region', 'detail-type'] as const;

export function testEventPattern(pattern: unknown, event: unknown): { Result: boolean } {
  const matcher = compileEventPattern(pattern);
  let value: unknown = event;
  if (typeof event === 'string') {
    try {
      value = JSON.parse(event);
    } catch {
      throw new ValidationException('Parameter Event is not valid.');
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ValidationException('Parameter Event is not valid.');
  }
  for (const field of REQUIRED_FIELDS) {
    if (!(field in value)) throw new ValidationException('Parameter Event is not valid.');
  }
  return { Result: matcher(value) };
}
