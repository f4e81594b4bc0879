// Node failures carry an ASL error name (`Http.RateLimited`, …) that Retry and Catch match, a
// one-sentence cause, and optional details (status, retry-after) for the run inspector.
import { TaskFailure } from '@flowdeck/engine';

export class NodeFailure extends TaskFailure {
  constructor(
    error: string,
    cause: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(error, cause);
  }
}

/** The resolved params did not fit the node's props (e.g. an expression produced text for a number). */
export const INVALID_INPUT = 'Node.InvalidInput';
