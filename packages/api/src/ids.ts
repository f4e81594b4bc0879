import { createHash, randomBytes, randomFillSync } from 'node:crypto';

// Ids are time-ordered: SQLite keeps every id column in a B-tree, and a random id lands on a
// random page, so each new run, audit entry or execution dirtied (and wrote to the WAL) one more
// page per index. Ordered ids append to the same tail pages, which a group commit writes once.
// The characters are in ASCII order, so text order is time order.
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const TIME_CHARS = 8; // 62^8 ms ≈ 6,900 years from 1970
const RANDOM_CHARS = 12; // 62^12 ≈ 2^71 random ids per millisecond

// One randomFillSync per 4 KiB of ids instead of one randomBytes call per id.
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function randomByte(): number {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  return pool[poolOffset++];
}

function timePart(ms: number): string {
  let text = '';
  for (let i = 0; i < TIME_CHARS; i++) {
    text = ALPHABET[ms % 62] + text;
    ms = Math.floor(ms / 62);
  }
  return text;
}

let lastMs = -1;
let lastTime = '';

/**
 * A new id such as `run_0LHVn5Ag3fK9xQ2m7ZpT`: a readable prefix, the creation time in
 * milliseconds (8 characters, so ids sort by creation time) and 71 random bits.
 */
export function newId(prefix: string, now: number = Date.now()): string {
  if (now !== lastMs) {
    lastMs = now;
    lastTime = timePart(now);
  }
  let random = '';
  for (let i = 0; i < RANDOM_CHARS; i++) {
    let byte = randomByte();
    // 248 = 4 × 62: rejecting the top 8 values keeps every character equally likely.
    while (byte >= 248) byte = randomByte();
    random += ALPHABET[byte % 62];
  }
  return `${prefix}_${lastTime}${random}`;
}

/** An unguessable token (256 bits) for sessions, invitations, API keys and webhook URLs. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export const iso = (ms: number | null | undefined): string | null =>
  ms === null || ms === undefined ? null : new Date(ms).toISOString();
