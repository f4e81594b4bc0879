// EventBridge's numeric model (event-ruler `ComparableNumber`): a number takes part in numeric
// matching only if it lies in [-5e9, 5e9] and has at most six digits after the decimal point
// (trailing zeros ignored). Such a number is compared exactly as an integer count of
// millionths, which fits a double exactly (|n| <= 5e15 < 2^53).

const FIVE_BILLION_MILLIONTHS = 5_000_000_000_000_000n;
const LONG_MAX = 9_223_372_036_854_775_807n;
const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** Why a number cannot be compared; the message is event-ruler's (Java) exception text. */
export class NotComparable extends Error {
  constructor(
    message: string,
    /** `IllegalArgumentException` (reported with a location) or `ArithmeticException`. */
    readonly javaType: 'IllegalArgumentException' | 'ArithmeticException',
  ) {
    super(message);
  }
}

interface Decimal {
  negative: boolean;
  /** Significant digits, no leading zeros ('' for zero). */
  digits: string;
  /** value = digits * 10^exponent */
  exponent: number;
}

function parseDecimal(text: string): Decimal | undefined {
  const m = DECIMAL.exec(text);
  if (!m) return undefined;
  const frac = m[3] ?? '';
  let digits = ((m[2] ?? '') + frac).replace(/^0+/, '');
  let exponent = Number(m[4] ?? 0) - frac.length;
  const trimmed = digits.replace(/0+$/, '');
  exponent += digits.length - trimmed.length;
  digits = trimmed;
  return { negative: m[1] === '-', digits, exponent: digits === '' ? 0 : exponent };
}

/**
 * `ComparableNumber.generate`: the number as millionths, or throws `NotComparable` with
 * event-ruler's message.
 */
export function toMillionths(text: string): number {
  const d = parseDecimal(text);
  if (!d)
    throw new NotComparable(
      `Character array is missing "exponent" mark 'e' or 'E'.`,
      'IllegalArgumentException',
    );
  if (d.digits === '') return 0;
  if (d.exponent < -6) {
    const rounded = roundHalfUpToSixDecimals(d);
    throw new NotComparable(
      `Only values upto 6 decimals are supported${bigDecimalToString(d)} ${text} ${doubleToHexString(rounded)}`,
      'IllegalArgumentException',
    );
  }
  // Guard before BigInt: more than 19 integer digits always overflows a Java long.
  if (d.digits.length + d.exponent + 6 > 20) throw new NotComparable('Overflow', 'ArithmeticException');
  const magnitude = BigInt(d.digits) * 10n ** BigInt(d.exponent + 6);
  if (magnitude > LONG_MAX) throw new NotComparable('Overflow', 'ArithmeticException');
  if (magnitude > FIVE_BILLION_MILLIONTHS) {
    throw new NotComparable('Value must be between -5.0E9 and 5.0E9, inclusive', 'IllegalArgumentException');
  }
  return Number(d.negative ? -magnitude : magnitude);
}

/** Millionths of a JSON number from an event, or undefined when it is not comparable. */
export function comparableOf(value: number): number | undefined {
  if (!Number.isFinite(value)) return undefined;
  // Fast path: integers in range.
  if (Number.isInteger(value) && Math.abs(value) <= 5e9) return value * 1e6;
  try {
    return toMillionths(String(value));
  } catch {
    return undefined;
  }
}

/** The upper end of every open-ended numeric range (event-ruler's FIVE_BILLION). */
export const MAX_MILLIONTHS = 5e15;

/** Java `BigDecimal.stripTrailingZeros().toString()`. */
function bigDecimalToString(d: Decimal): string {
  const sign = d.negative ? '-' : '';
  const scale = -d.exponent;
  const adjusted = d.digits.length - 1 - scale;
  if (scale >= 0 && adjusted >= -6) {
    if (d.digits.length > scale) {
      return `${sign}${d.digits.slice(0, d.digits.length - scale)}.${d.digits.slice(d.digits.length - scale)}`;
    }
    return `${sign}0.${'0'.repeat(scale - d.digits.length)}${d.digits}`;
  }
  const rest = d.digits.slice(1);
  return `${sign}${d.digits[0]}${rest ? `.${rest}` : ''}E${adjusted >= 0 ? '+' : ''}${adjusted}`;
}

/** `BigDecimal.setScale(6, HALF_UP).doubleValue()` for a number with more than 6 decimals. */
function roundHalfUpToSixDecimals(d: Decimal): number {
  const shift = -d.exponent - 6; // digits to drop (> 0)
  const kept = d.digits.length > shift ? BigInt(d.digits.slice(0, d.digits.length - shift)) : 0n;
  const firstDropped = d.digits.length >= shift ? d.digits[d.digits.length - shift] : '0';
  const millionths = kept + ((firstDropped ?? '0') >= '5' ? 1n : 0n);
  const value = Number(`${millionths}e-6`);
  return d.negative ? -value : value;
}

/** Java `Double.toHexString`. */
function doubleToHexString(value: number): string {
  if (value === 0) return Object.is(value, -0) ? '-0x0.0p0' : '0x0.0p0';
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const sign = hi >>> 31 ? '-' : '';
  const exponent = (hi >>> 20) & 0x7ff;
  const mantissa = ((BigInt(hi & 0xfffff) << 32n) | BigInt(lo)).toString(16).padStart(13, '0');
  const digits = mantissa.replace(/0+$/, '') || '0';
  if (exponent === 0) return `${sign}0x0.${digits}p-1022`;
  return `${sign}0x1.${digits}p${exponent - 1023}`;
}
