// DynamoDB's item size: the UTF-8 length of every attribute name plus its value's size
// (strings: UTF-8 bytes; numbers: about 1 byte per 2 digits + 1; maps/lists: 3 + contents).
// Checked before sending so an oversized record fails with a message that names it.

export function itemSize(item: Record<string, unknown>): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) {
    if (value === undefined) continue;
    size += Buffer.byteLength(name) + valueSize(value);
  }
  return size;
}

function valueSize(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number')
    return Math.ceil(String(Math.abs(value)).replace(/[.e+-]/g, '').length / 2) + 1;
  if (typeof value === 'boolean' || value === null) return 1;
  if (Array.isArray(value)) return 3 + value.reduce((n: number, v) => n + 1 + valueSize(v), 0);
  if (typeof value === 'object')
    return 3 + itemSize(value as Record<string, unknown>) + Object.keys(value).length;
  return 0;
}
