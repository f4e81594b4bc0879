import { defineNode } from '../../define/define-node.ts';
import { NodeFailure } from '../../define/errors.ts';
import { p } from '../../define/p.ts';

export const HttpErrors = {
  Timeout: 'Http.Timeout',
  ClientError: 'Http.ClientError',
  ServerError: 'Http.ServerError',
  RateLimited: 'Http.RateLimited',
  ConnectionFailed: 'Http.ConnectionFailed',
  ForbiddenAddress: 'Http.ForbiddenAddress',
  InvalidUrl: 'Http.InvalidUrl',
} as const;

const METHODS_WITH_BODY = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Seconds to wait from a `Retry-After` header: delta-seconds or an HTTP date. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

function isJsonContentType(contentType: string | null): boolean {
  return contentType !== null && /^application\/([\w.+-]+\+)?json\b/i.test(contentType.trim());
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return null;
  if (!isJsonContentType(response.headers.get('content-type'))) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function failureFor(
  status: number,
  statusText: string,
  headers: Headers,
  body: unknown,
): NodeFailure | undefined {
  const details = { status, body };
  const answered = `The server answered ${status}${statusText ? ` ${statusText}` : ''}`;
  if (status === 429) {
    const wait = retryAfterSeconds(headers.get('retry-after'));
    return new NodeFailure(
      HttpErrors.RateLimited,
      `${answered}: too many requests${wait === undefined ? '' : `, try again in ${wait} seconds`}.`,
      { ...details, retryAfterSeconds: wait },
    );
  }
  if (status >= 500)
    return new NodeFailure(HttpErrors.ServerError, `${answered}: the other service failed.`, details);
  if (status >= 400)
    return new NodeFailure(HttpErrors.ClientError, `${answered}: the request was refused.`, details);
  return undefined;
}

/** Calls any web address. Private and local addresses are refused (see http/guarded-fetch.ts). */
export const httpRequestNode = defineNode({
  type: 'http.request',
  version: 1,
  kind: 'action',
  title: 'HTTP request',
  category: 'developer',
  icon: 'globe',
  description: 'Calls a web address and returns its status, headers and body.',
  props: {
    method: p.select({
      label: 'Method',
      options: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'],
      default: 'GET',
    }),
    url: p.shortText({
      label: 'URL',
      required: true,
      placeholder: 'https://example.com/api',
      pattern: 'https?://\\S+',
      patternMessage: 'must be a web address starting with http:// or https://.',
    }),
    headers: p.keyValueList({ label: 'Headers', default: {} }),
    query: p.keyValueList({ label: 'Query parameters', default: {} }),
    body: p.json({
      label: 'Body',
      description: 'Sent as JSON; text is sent as it is.',
      displayWhen: { method: METHODS_WITH_BODY },
    }),
    timeoutSeconds: p.number({ label: 'Timeout (seconds)', integer: true, min: 1, max: 300, default: 30 }),
  },
  sampleOutput: { status: 200, headers: { 'content-type': 'application/json' }, body: {} },
  async run({ props, http, signal }) {
    const url = new URL(props.url);
    for (const [name, value] of Object.entries(props.query)) url.searchParams.append(name, String(value));
    const headers = new Headers();
    for (const [name, value] of Object.entries(props.headers)) headers.set(name, String(value));

    let body: string | undefined;
    if (props.body !== undefined && (METHODS_WITH_BODY as readonly string[]).includes(props.method)) {
      if (typeof props.body === 'string') {
        body = props.body;
        if (!headers.has('content-type')) headers.set('content-type', 'text/plain; charset=utf-8');
      } else {
        body = JSON.stringify(props.body);
        if (!headers.has('content-type')) headers.set('content-type', 'application/json');
      }
    }

    const timeout = AbortSignal.timeout(props.timeoutSeconds * 1000);
    let response: Response;
    try {
      response = await http(url, {
        method: props.method,
        headers,
        body,
        signal: AbortSignal.any([signal, timeout]),
      });
    } catch (err) {
      if (err instanceof NodeFailure) throw err;
      if (timeout.aborted && !signal.aborted) {
        throw new NodeFailure(
          HttpErrors.Timeout,
          `No answer from ${url.host} within ${props.timeoutSeconds} seconds.`,
        );
      }
      if (signal.aborted) throw err;
      const reason = (err as Error & { cause?: { code?: string; message?: string } }).cause;
      throw new NodeFailure(
        HttpErrors.ConnectionFailed,
        `Could not reach ${url.host}${reason?.code ? ` (${reason.code})` : ''}.`,
        { reason: reason?.message ?? (err as Error).message },
      );
    }

    let responseBody: unknown;
    try {
      responseBody = await readBody(response);
    } catch (err) {
      if (timeout.aborted && !signal.aborted) {
        throw new NodeFailure(
          HttpErrors.Timeout,
          `No complete answer from ${url.host} within ${props.timeoutSeconds} seconds.`,
        );
      }
      throw err;
    }
    const failure = failureFor(response.status, response.statusText, response.headers, responseBody);
    if (failure) throw failure;
    return { status: response.status, headers: Object.fromEntries(response.headers), body: responseBody };
  },
});
