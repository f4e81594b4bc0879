// Named errors, so callers (and the runtime's error taxonomy) can tell them apart.

/** DynamoDB's limits: 400 KB per item, 100 items and 4 MB per transaction. */
export const LIMITS = {
  itemBytes: 400 * 1024,
  transactionItems: 100,
  transactionBytes: 4 * 1024 * 1024,
} as const;

function named(name: string, message: string, cause?: unknown): Error {
  const error = new Error(message, cause === undefined ? undefined : { cause });
  error.name = name;
  return error;
}

export function itemTooLarge(what: string, bytes: number): Error {
  return named(
    'ItemTooLarge',
    `Cannot store ${what}: it is ${bytes} bytes and a DynamoDB item holds at most ${LIMITS.itemBytes} ` +
      '(large execution input/output or state must stay under ~390 KB in total on the DynamoDB host).',
  );
}

export function changeSetTooLarge(items: number, bytes: number): Error {
  return named(
    'ChangeSetTooLarge',
    `Store commit rejected: it writes ${items} items (${bytes} bytes) and one DynamoDB transaction holds ` +
      `at most ${LIMITS.transactionItems} items and ${LIMITS.transactionBytes} bytes. ` +
      'The commit is refused whole (never split) so that it stays atomic.',
  );
}

export function invalidToken(operation: string): Error {
  return named('InvalidToken', `Invalid nextToken for ${operation}.`);
}

export { named as namedError };
