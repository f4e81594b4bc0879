import { invalidExpression } from './errors.ts';

// `rate(value unit)`: a positive whole number and minute(s) | hour(s) | day(s). AWS wants the
// singular unit with 1 and the plural otherwise (`rate(1 minutes)` and `rate(5 minute)` are
// rejected). A day is 24 hours of elapsed time, also across a DST change (AWS: "evaluates the
// rate expression 24 hours after the schedule's last invocation").

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

export function parseRate(expression: string, body: string): number {
  const match = /^(\S+) (\S+)$/.exec(body);
  if (!match) {
    throw invalidExpression(expression, 'A rate expression is "rate(value unit)", e.g. rate(5 minutes).');
  }
  const [, valueText, unit] = match;
  if (!/^\d+$/.test(valueText) || Number(valueText) < 1) {
    throw invalidExpression(expression, `The value "${valueText}" must be a positive whole number.`);
  }
  const value = Number(valueText);
  const singular = unit.endsWith('s') ? unit.slice(0, -1) : unit;
  if (!(singular in UNIT_MS)) {
    throw invalidExpression(
      expression,
      `The unit "${unit}" is not one of minute, minutes, hour, hours, day, days.`,
    );
  }
  if (value === 1 && unit !== singular) {
    throw invalidExpression(expression, `A value of 1 takes the singular unit: rate(1 ${singular}).`);
  }
  if (value !== 1 && unit === singular) {
    throw invalidExpression(
      expression,
      `A value other than 1 takes the plural unit: rate(${value} ${singular}s).`,
    );
  }
  const ms = value * UNIT_MS[singular];
  if (!Number.isSafeInteger(ms)) throw invalidExpression(expression, `The value ${value} is too large.`);
  return ms;
}
