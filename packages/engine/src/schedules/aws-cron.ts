import { invalidExpression } from './errors.ts';

// EventBridge Scheduler's `cron(minutes hours day-of-month month day-of-week year)`, checked field
// by field against AWS's table (eb-cron-expressions), then rewritten for croner's 7-part mode
// (`second minute hour dom month dow year`, Quartz weekday numbering 1 = SUN).

interface FieldRule {
  name: string;
  min: number;
  max: number;
  /** Wildcards AWS allows in this field besides digits. */
  wildcards: string;
  names?: readonly string[];
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const FIELDS: readonly FieldRule[] = [
  { name: 'Minutes', min: 0, max: 59, wildcards: ', - * /' },
  { name: 'Hours', min: 0, max: 23, wildcards: ', - * /' },
  { name: 'Day-of-month', min: 1, max: 31, wildcards: ', - * ? / L W' },
  { name: 'Month', min: 1, max: 12, wildcards: ', - * /', names: MONTHS },
  { name: 'Day-of-week', min: 1, max: 7, wildcards: ', - * ? L #', names: DAYS },
  { name: 'Year', min: 1970, max: 2199, wildcards: ', - * /' },
];

const DOM = 2;
const DOW = 4;

/**
 * Validates the six AWS fields and returns the croner pattern. `expression` is the whole text
 * (`cron(...)`), used in error messages.
 */
export function awsCronToCroner(expression: string, body: string): string {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6 || body.trim() === '') {
    throw invalidExpression(
      expression,
      `A cron expression has six fields (minutes hours day-of-month month day-of-week year); this one has ${body.trim() === '' ? 0 : fields.length}.`,
    );
  }
  const fail = (rule: FieldRule, why: string) =>
    invalidExpression(expression, `${rule.name} field "${fields[FIELDS.indexOf(rule)]}": ${why}`);

  const dom = fields[DOM];
  const dow = fields[DOW];
  if ((dom === '?') === (dow === '?')) {
    throw invalidExpression(
      expression,
      dom === '?'
        ? 'Day-of-month and Day-of-week cannot both be "?"; give a value or * in one of them.'
        : 'Day-of-month and Day-of-week cannot both have a value or *; use "?" in one of them.',
    );
  }

  const out = fields.map((field, index) => {
    const rule = FIELDS[index];
    const items = field.toUpperCase().split(',');
    if (items.some((item) => item === '')) throw fail(rule, 'an empty value in a list.');
    if (items.length > 1 && items.some((i) => i === '?' || i === '*')) {
      throw fail(rule, `"*" and "?" must stand alone.`);
    }
    return items.map((item) => checkItem(item, rule, items.length, fail)).join(',');
  });
  // `?` means "any" in croner too, but spell it `*` so AND-logic between the day fields is plain.
  return `0 ${out.join(' ')}`;
}

function checkItem(
  item: string,
  rule: FieldRule,
  listLength: number,
  fail: (rule: FieldRule, why: string) => Error,
): string {
  const allowed = (w: string) => rule.wildcards.split(' ').includes(w);
  const number = (text: string, what = 'value'): number => {
    const named = rule.names?.indexOf(text) ?? -1;
    const n = named >= 0 ? named + rule.min : /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (Number.isNaN(n)) {
      const hint = rule.names ? ` or ${rule.names[0]}-${rule.names[rule.names.length - 1]}` : '';
      throw fail(rule, `"${text}" is not a valid ${what}; use ${rule.min}-${rule.max}${hint}.`);
    }
    if (n < rule.min || n > rule.max) throw fail(rule, `${n} is out of range ${rule.min}-${rule.max}.`);
    return n;
  };

  if (item === '?') {
    if (!allowed('?')) throw fail(rule, '"?" is only allowed in Day-of-month and Day-of-week.');
    return '*';
  }
  if (item === '*') return '*';

  // Day-of-month specials: L (last day), LW (last weekday), nW (weekday nearest day n).
  if (rule.wildcards.includes('W') && /[LW]/.test(item)) {
    if (listLength > 1) throw fail(rule, `"${item}" must stand alone, not in a list.`);
    if (item === 'L' || item === 'LW') return item;
    const w = /^(\d+)W$/.exec(item);
    if (w) {
      number(w[1], 'day');
      return item;
    }
    throw fail(rule, `"${item}" is not valid; use L, LW or nW (weekday nearest day n).`);
  }
  // Day-of-week specials: L (last day of the week = SAT), nL (last n-day of the month), n#k.
  if (rule.wildcards.includes('#') && /[L#]/.test(item)) {
    if (item.includes('#')) {
      if (listLength > 1) {
        throw fail(
          rule,
          'with "#" only one expression is allowed in Day-of-week (e.g. "3#1,6#3" is not valid).',
        );
      }
      const hash = /^([A-Z0-9]+)#(\d+)$/.exec(item);
      if (!hash) throw fail(rule, `"${item}" is not valid; use day#n, e.g. 3#2 for the second Tuesday.`);
      const day = number(hash[1], 'day of the week');
      const nth = Number(hash[2]);
      if (nth < 1 || nth > 5) throw fail(rule, `the week number after "#" must be 1-5, not ${nth}.`);
      return `${day}#${nth}`;
    }
    if (item === 'L') return '7';
    const last = /^([A-Z0-9]+)L$/.exec(item);
    if (!last) throw fail(rule, `"${item}" is not valid; use L or nL (the last n-day of the month).`);
    return `${number(last[1], 'day of the week')}L`;
  }

  const [range, step, extra] = item.split('/');
  if (extra !== undefined) throw fail(rule, `"${item}" has more than one "/".`);
  if (step !== undefined) {
    if (!allowed('/')) throw fail(rule, '"/" is not allowed in this field.');
    if (!/^\d+$/.test(step) || Number(step) < 1)
      throw fail(rule, `the increment after "/" must be a positive whole number, not "${step}".`);
    if (Number(step) > rule.max - rule.min + 1)
      throw fail(rule, `the increment ${step} is larger than the field's range.`);
  }
  let base: string;
  if (range === '*') base = '*';
  else if (range.includes('-')) {
    const [from, to, more] = range.split('-');
    if (more !== undefined || from === '' || to === '') throw fail(rule, `"${range}" is not a valid range.`);
    const a = number(from);
    const b = number(to);
    if (a > b) throw fail(rule, `the range ${from}-${to} goes backwards.`);
    base = `${a}-${b}`;
  } else {
    const a = number(range);
    // AWS reads `5/15` as "from 5, every 15": croner wants the explicit range.
    base = step !== undefined ? `${a}-${rule.max}` : String(a);
  }
  return step !== undefined ? `${base}/${step}` : base;
}
