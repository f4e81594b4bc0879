import type { Context } from 'hono';
import { problems } from './problem.ts';

/** Reads a JSON request body: 415 for another media type, 400 when empty or malformed. */
export async function readJsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  const mediaType = type.split(';')[0].trim().toLowerCase();
  if (mediaType !== 'application/json' && !mediaType.endsWith('+json')) {
    throw problems.unsupportedMediaType('Send the body as JSON with `Content-Type: application/json`.');
  }
  const text = await c.req.text();
  if (text.trim() === '')
    throw problems.malformedJson('The body is empty; this route expects a JSON object.');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw problems.malformedJson((err as Error).message);
  }
}
