// The error EventBridge's PutRule / TestEventPattern answer for a bad pattern.

/**
 * Thrown by `validateEventPattern` / `compileEventPattern`. `name` is AWS's error code,
 * `message` the text AWS puts in the error's `Message`, e.g.
 * `Event pattern is not valid. Reason: "source" must be an object or an array\n at [Source: (String)"{\"source\":\"aws.ec2\"}"; line: 1, column: 12]`.
 */
export class InvalidEventPatternError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidEventPatternException';
  }
}

/** The prefix EventBridge puts before the reason it got from its rule compiler. */
export const INVALID_PATTERN_PREFIX = 'Event pattern is not valid. Reason: ';
