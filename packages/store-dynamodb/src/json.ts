/** Payloads owned by the engine (event details, thread state, …) are kept as JSON text. */
export function toJson(value: unknown, what: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new TypeError(`Cannot store ${what}: ${(error as Error).message}`);
  }
  if (text === undefined) throw new TypeError(`Cannot store ${what}: it has no JSON form.`);
  return text;
}
