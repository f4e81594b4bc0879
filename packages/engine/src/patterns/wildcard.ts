// Wildcard values: `*` matches any run of characters (including none); `\*` is a literal star
// and `\\` a literal backslash. Any other backslash, or two stars in a row, is invalid.

/**
 * event-ruler's `WildcardParser` check. It runs over the UTF-8 bytes of the value wrapped in
 * quotes, so reported positions count the opening quote and multi-byte characters.
 * Returns the error message, or undefined when the value is valid.
 */
export function wildcardSyntaxError(value: string): string | undefined {
  const bytes = new TextEncoder().encode(`"${value}"`);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x2a) {
      if (bytes[i + 1] === 0x2a) return `Consecutive wildcard characters at pos ${i}`;
    } else if (b === 0x5c) {
      const next = bytes[i + 1];
      if (next === 0x2a || next === 0x5c) {
        i++;
        continue;
      }
      return `Invalid escape character at pos ${i}`;
    }
  }
  return undefined;
}

/** The wildcard as an anchored regular expression (the value must be valid). */
export function wildcardToRegExp(value: string): RegExp {
  let source = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    if (c === '*') {
      source += '[\\s\\S]*';
    } else if (c === '\\') {
      i++;
      source += `\\${value[i]}`;
    } else {
      source += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`, 'u');
}

/** The wildcard's tokens for complexity evaluation: literal characters, or STAR. */
export const STAR = -1;
export function wildcardTokens(value: string): number[] {
  const tokens: number[] = [0x22];
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    if (c === '*') tokens.push(STAR);
    else if (c === '\\') {
      i++;
      tokens.push((value[i] as string).charCodeAt(0));
    } else tokens.push(c.charCodeAt(0));
  }
  tokens.push(0x22);
  return tokens;
}
