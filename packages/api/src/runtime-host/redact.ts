// Keeps connection secrets out of what a run records: a node's output and error text go into
// the history (and from there into run details, logs and exports), so every credential value
// found in them is replaced before the runtime sees them. Short values are left alone: redacting
// "1" or "yes" would garble ordinary output and protect nothing.

export const REDACTED = '[redacted]';
const MIN_SECRET_LENGTH = 6;

/** The credential values worth hiding, longest first (so a secret inside another goes second). */
export function secretsOf(credentials: Record<string, unknown> | undefined): string[] {
  if (!credentials) return [];
  return Object.values(credentials)
    .filter((v): v is string => typeof v === 'string' && v.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
}

export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join(REDACTED);
  return out;
}

/** A copy of a JSON-like value with every secret replaced in its strings (keys included). */
export function redactValue<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactText(v, secrets);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [redactText(k, secrets), walk(x)]));
    }
    return v;
  };
  return walk(value) as T;
}
