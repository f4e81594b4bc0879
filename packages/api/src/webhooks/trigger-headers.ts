// `$trigger.headers`: the request's headers as a web `Headers` would list them (names in lower
// case, sorted; repeated headers joined with ", ", but only the last `Set-Cookie`; values trimmed
// of HTTP whitespace), without credentials and cookies. Built straight from Node's
// raw header list: asking @hono/node-server for `Headers` would build an undici `Headers` (one
// validated append per header) for every delivery. Node's parser has already refused malformed
// names and values.

/** Headers a workflow never sees. */
const HIDDEN_HEADERS = new Set(['authorization', 'cookie', 'x-signature-256']);

const isHttpWhitespace = (code: number) => code === 0x09 || code === 0x0a || code === 0x0d || code === 0x20;

function trimHttpWhitespace(value: string): string {
  let start = 0;
  let end = value.length;
  while (end > start && isHttpWhitespace(value.charCodeAt(end - 1))) end--;
  while (start < end && isHttpWhitespace(value.charCodeAt(start))) start++;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

/** From a flat `[name, value, name, value, …]` list (`IncomingMessage.rawHeaders`). */
export function triggerHeaders(raw: readonly string[]): Record<string, string> {
  const byName = new Map<string, string>();
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i].startsWith(':')) continue; // HTTP/2 pseudo-headers are not headers
    const name = raw[i].toLowerCase();
    const value = trimHttpWhitespace(raw[i + 1]);
    const before = name === 'set-cookie' ? undefined : byName.get(name);
    byName.set(name, before === undefined ? value : `${before}, ${value}`);
  }
  const headers: Record<string, string> = {};
  for (const name of [...byName.keys()].sort()) {
    if (!HIDDEN_HEADERS.has(name)) headers[name] = byName.get(name)!;
  }
  return headers;
}

/** The flat list of a web `Headers` (when the request did not come through Node's HTTP server). */
export function flatHeaders(headers: Headers): string[] {
  const raw: string[] = [];
  headers.forEach((value, name) => {
    raw.push(name, value);
  });
  return raw;
}
