import { describe, expect, it } from 'vitest';
import { compileEventPattern, InvalidEventPatternError, validateEventPattern } from './index.ts';

const P = 'Event pattern is not valid. Reason: ';
const at = (source: string, column: number) =>
  `\n at [Source: (String)"${source}"; line: 1, column: ${column}]`;

function messageFor(pattern: unknown): string {
  try {
    validateEventPattern(pattern);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidEventPatternError);
    expect((e as Error).name).toBe('InvalidEventPatternException');
    return (e as Error).message;
  }
  throw new Error('pattern was accepted');
}

// Messages recorded from AWS (TestEventPattern, December 2024) with their exact pattern text.
const recordedByAws: [string, string][] = [
  ['{"int": 42}', `${P}"int" must be an object or an array${at('{"int": 42}', 11)}`],
  ['{"string": "my-value"}', `${P}"string" must be an object or an array${at('{"string": "my-value"}', 13)}`],
  ['{"resources": []}', `${P}Empty arrays are not allowed${at('{"resources": []}', 17)}`],
  [
    '{"detail": {"equal": [{"NUMERIC": ["=", 5]}]}}',
    `${P}Unrecognized match type NUMERIC${at('{"detail": {"equal": [{"NUMERIC": ["=", 5]}]}}', 36)}`,
  ],
  [
    '{"my_key": [{"EXISTS": true}]}',
    `${P}Unrecognized match type EXISTS${at('{"my_key": [{"EXISTS": true}]}', 28)}`,
  ],
  [
    '{"detail": {"c-count": [{"numeric": [">", 0, ">", 0]}]}}',
    `${P}Bad numeric range operator: >${at('{"detail": {"c-count": [{"numeric": [">", 0, ">", 0]}]}}', 49)}`,
  ],
  [
    '{"detail": {"c-count": [{"numeric": [">", 0, "<"]}]}}',
    `${P}Value of < must be numeric${at('{"detail": {"c-count": [{"numeric": [">", 0, "<"]}]}}', 50)}`,
  ],
  [
    '{"EventBusArn": [{"wildcard": "arn:aws:events:us-east-1:**:event-bus/*"}]}',
    `${P}Consecutive wildcard characters at pos 26${at('{"EventBusArn": [{"wildcard": "arn:aws:events:us-east-1:**:event-bus/*"}]}', 72)}`,
  ],
  [
    '{"EventBusArn": [ { "wildcard": "*:*:*:*:*:event-bus/*" } ]}',
    `${P}Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character`,
  ],
  [
    '{"detail-type": [{"equals-ignore-case": ["ec2 instance state-change notification"]}]}',
    `${P}equals-ignore-case match pattern must be a string${at('{"detail-type": [{"equals-ignore-case": ["ec2 instance state-change notification"]}]}', 42)}`,
  ],
  [
    '{"detail-type": [{"equals-ignore-case": {"prefix": "ec2"}}]}',
    `${P}equals-ignore-case match pattern must be a string${at('{"detail-type": [{"equals-ignore-case": {"prefix": "ec2"}}]}', 42)}`,
  ],
  ['{"detail": {"sourceIPAddress": [{"cidr": "bad-type"}]}}', `${P}Malformed CIDR, one '/' required`],
  [
    '{"detail": {"sourceIPAddress": [{"cidr": "10.0.0.0/xx"}]}}',
    `${P}Malformed CIDR, mask bits must be an integer`,
  ],
  ['{"detail": {"sourceIPAddress": [{"cidr": "xx.11.xx/24"}]}}', `${P}Nonstandard IP address: xx.11.xx`],
  [
    '{"detail": {"sourceIPAddress": [{"cidr": "xxxx:db8:1234:1a00::/64"}]}}',
    `${P}Nonstandard IP address: xxxx:db8:1234:1a00::`,
  ],
  [
    '{"detail": {"sourceIPAddress": [{"cidr": ["bad-type"]}]}}',
    `${P}prefix match pattern must be a string${at('{"detail": {"sourceIPAddress": [{"cidr": ["bad-type"]}]}}', 43)}`,
  ],
  [
    '{"detail": {"state": [{"anything-but": {"equals-ignore-case": 123}}]}}',
    `${P}Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.${at('{"detail": {"state": [{"anything-but": {"equals-ignore-case": 123}}]}}', 66)}`,
  ],
  [
    '{"detail": {"state": [{"anything-but": {"equals-ignore-case": [123, 456]}}]}}',
    `${P}Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.${at('{"detail": {"state": [{"anything-but": {"equals-ignore-case": [123, 456]}}]}}', 67)}${at('{"detail": {"state": [{"anything-but": {"equals-ignore-case": [123, 456]}}]}}', 67)}`,
  ],
  [
    '{"EventBusArn": [{"wildcard": 123}]}',
    `${P}wildcard match pattern must be a string${at('{"EventBusArn": [{"wildcard": 123}]}', 34)}`,
  ],
  [
    '{"EventBusArn": [{"wildcard": ["arn:aws:events:us-east-1:**:event-bus/*"]}]}',
    `${P}wildcard match pattern must be a string${at('{"EventBusArn": [{"wildcard": ["arn:aws:events:us-east-1:**:event-bus/*"]}]}', 32)}`,
  ],
  [
    '{"detail": {"state": [{"anything-but": {"wildcard": [123, "*/dir/*"]}}]}}',
    `${P}wildcard match pattern must be a string${at('{"detail": {"state": [{"anything-but": {"wildcard": [123, "*/dir/*"]}}]}}', 57)}${at('{"detail": {"state": [{"anything-but": {"wildcard": [123, "*/dir/*"]}}]}}', 57)}`,
  ],
  [
    '{"detail": {"FilePath": [{"anything-but": {"wildcard": 123}}]}}',
    `${P}wildcard match pattern must be a string${at('{"detail": {"FilePath": [{"anything-but": {"wildcard": 123}}]}}', 59)}`,
  ],
  [
    '{"detail": {"FileName": [{"anything-but": {"suffix": [123, ".txt"]}}]}}',
    `${P}prefix/suffix match pattern must be a string${at('{"detail": {"FileName": [{"anything-but": {"suffix": [123, ".txt"]}}]}}', 58)}${at('{"detail": {"FileName": [{"anything-but": {"suffix": [123, ".txt"]}}]}}', 58)}`,
  ],
  [
    '{"detail": {"FileName": [{"anything-but": {"suffix": 123}}]}}',
    `${P}prefix/suffix match pattern must be a string${at('{"detail": {"FileName": [{"anything-but": {"suffix": 123}}]}}', 57)}`,
  ],
  [
    '{"detail": {"state": [{"anything-but": {"prefix": [123, "test"]}}]}}',
    `${P}prefix/suffix match pattern must be a string${at('{"detail": {"state": [{"anything-but": {"prefix": [123, "test"]}}]}}', 55)}${at('{"detail": {"state": [{"anything-but": {"prefix": [123, "test"]}}]}}', 55)}`,
  ],
  [
    '{"detail": {"state": [{"anything-but": {"prefix": 123}}]}}',
    `${P}prefix/suffix match pattern must be a string${at('{"detail": {"state": [{"anything-but": {"prefix": 123}}]}}', 54)}`,
  ],
  [
    '{"time": [{"prefix": ["2022-07-13"]}]}',
    `${P}prefix match pattern must be a string${at('{"time": [{"prefix": ["2022-07-13"]}]}', 23)}`,
  ],
  [
    '{"time": [{"prefix": 123}]}',
    `${P}prefix match pattern must be a string${at('{"time": [{"prefix": 123}]}', 25)}`,
  ],
  [
    '{"FileName": [{"suffix": 123}]}',
    `${P}suffix match pattern must be a string${at('{"FileName": [{"suffix": 123}]}', 29)}`,
  ],
  [
    '{"FileName": [{"suffix": [".png"]}]}',
    `${P}suffix match pattern must be a string${at('{"FileName": [{"suffix": [".png"]}]}', 27)}`,
  ],
  [
    '{"detail": {"FileName": [{"anything-but": {"prefix": {"equals-ignore-case": "file"}}}]}}',
    `${P}Value of anything-but must be an array or single string/number value.${at('{"detail": {"FileName": [{"anything-but": {"prefix": {"equals-ignore-case": "file"}}}]}}', 55)}`,
  ],
  [
    '{"detail": {"FileName": [{"anything-but": {"suffix": {"equals-ignore-case": ".png"}}}]}}',
    `${P}Value of anything-but must be an array or single string/number value.${at('{"detail": {"FileName": [{"anything-but": {"suffix": {"equals-ignore-case": ".png"}}}]}}', 55)}`,
  ],
  [
    'this is valid json but not a dict',
    `${P}Unrecognized token 'this': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')${at('this is valid json but not a dict', 5)}`,
  ],
  [
    "{'bad': 'quotation'}",
    `${P}Unexpected character (''' (code 39)): was expecting double-quote to start field name${at("{'bad': 'quotation'}", 2)}`,
  ],
  [
    '{"not": closed mark"',
    `${P}Unrecognized token 'closed': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')${at('{"not": closed mark"', 15)}`,
  ],
  [
    '["not", "a", "dict", "but valid json"]',
    `${P}Filter is not an object${at('["not", "a", "dict", "but valid json"]', 2)}`,
  ],
  [
    '{"source": ["aws.health"], "detail": {}}',
    `${P}Empty objects are not allowed${at('{"source": ["aws.health"], "detail": {}}', 40)}`,
  ],
];

describe('validateEventPattern gives the message AWS gives', () => {
  it.each(recordedByAws)('%s', (pattern, message) => {
    expect(messageFor(pattern)).toBe(message);
  });
});

// Cases derived from event-ruler's JsonRuleCompiler (the compiler EventBridge runs), written as
// the compact JSON a value pattern serialises to.
const fromRuler: [string, unknown, string][] = [
  ['a non-object pattern', 42, 'Filter is not an object'],
  ['a leaf that is not an array', { source: 'aws.ec2' }, '"source" must be an object or an array'],
  ['an empty object', {}, 'Empty objects are not allowed'],
  [
    'an array inside a leaf array',
    { a: [['x']] },
    'Match value must be String, number, true, false, or null',
  ],
  ['an empty match expression', { a: [{}] }, 'Match expression name not found'],
  [
    'two keys in a match expression',
    { a: [{ prefix: 'x', suffix: 'y' }] },
    'Only one key allowed in match expression',
  ],
  ['prefix with a number', { a: [{ prefix: 5 }] }, 'prefix match pattern must be a string'],
  [
    'prefix with another operator',
    { a: [{ prefix: { wildcard: 'x' } }] },
    'Unsupported prefix pattern: wildcard',
  ],
  [
    'suffix ignore-case with a number',
    { a: [{ suffix: { 'equals-ignore-case': 1 } }] },
    'equals-ignore-case match pattern must be a string',
  ],
  ['numeric not an array', { a: [{ numeric: 5 }] }, 'Value of numeric must be an array.'],
  ['numeric empty', { a: [{ numeric: [] }] }, 'Invalid member in numeric match: ]'],
  ['numeric unknown operator', { a: [{ numeric: ['!=', 5] }] }, 'Unrecognized numeric range operator: !='],
  ['numeric = with a string', { a: [{ numeric: ['=', '5'] }] }, 'Value of equals must be numeric'],
  ['numeric = with two values', { a: [{ numeric: ['=', 5, 6] }] }, 'Too many elements in numeric expression'],
  ['numeric range upside down', { a: [{ numeric: ['>', 10, '<', 5] }] }, 'Bottom must be less than top'],
  [
    'numeric range with a third term',
    { a: [{ numeric: ['>', 1, '<', 5, '<', 6] }] },
    'Too many terms in numeric range expression',
  ],
  ['numeric range bad second value', { a: [{ numeric: ['>', 1, 5] }] }, 'Bad value in numeric range: 5'],
  [
    'numeric out of range',
    { a: [{ numeric: ['<', 6e9] }] },
    'Value must be between -5.0E9 and 5.0E9, inclusive',
  ],
  [
    'anything-but with null',
    { a: [{ 'anything-but': null }] },
    'Value of anything-but must be an array or single string/number value.',
  ],
  [
    'anything-but with mixed types',
    { a: [{ 'anything-but': ['x', 1] }] },
    'Inside anything but list, either all values are number or string, mixed type is not supported',
  ],
  [
    'anything-but with a boolean in the list',
    { a: [{ 'anything-but': [true] }] },
    'Inside anything but list, start|null|boolean is not supported.',
  ],
  [
    'nested anything-but',
    { a: [{ 'anything-but': { 'anything-but': 'x' } }] },
    'Unsupported anything-but pattern: anything-but',
  ],
  [
    'anything-but prefix empty',
    { a: [{ 'anything-but': { prefix: '' } }] },
    'Null prefix/suffix not allowed',
  ],
  [
    'anything-but wildcard with **',
    { a: [{ 'anything-but': { wildcard: 'a**' } }] },
    'Consecutive wildcard characters at pos 2',
  ],
  ['wildcard with a bad escape', { a: [{ wildcard: 'a\\b' }] }, 'Invalid escape character at pos 2'],
  ['exists with a string', { a: [{ exists: 'true' }] }, 'exists match pattern must be either true or false.'],
  ['an unknown operator', { a: [{ regex: '.*' }] }, 'Unrecognized match type regex'],
  ['$or not an array', { $or: { a: ['x'] } }, 'It must be an Array followed with $or.'],
  ['$or with one branch', { $or: [{ a: ['x'] }] }, 'There must have at least 2 Objects in $or relationship.'],
  [
    '$or with a non-object',
    { $or: [{ a: ['x'] }, 'b'] },
    'Only JSON object is allowed in array of $or relationship.',
  ],
  [
    '$or with an operator name as field',
    { $or: [{ numeric: [1] }, { a: ['x'] }] },
    'numeric is Ruler reserved fieldName which cannot be used inside $or.',
  ],
];

describe('validateEventPattern follows the rule compiler', () => {
  it.each(fromRuler)('rejects %s', (_name, pattern, reason) => {
    const message = messageFor(pattern);
    expect(message.startsWith(`${P}${reason}`)).toBe(true);
  });

  it('places the location after the offending token, counting lines', () => {
    const text = '{\n  "source": "aws.ec2"\n}';
    expect(messageFor(text)).toBe(
      `${P}"source" must be an object or an array\n at [Source: (String)"${text}"; line: 2, column: 14]`,
    );
  });

  it('reports CIDR problems without a location, as AWS does', () => {
    expect(messageFor({ ip: [{ cidr: '10.0.0.0/32' }] })).toBe(`${P}IPv4 mask bits must be < 32`);
    expect(messageFor({ ip: [{ cidr: '10.0.0.0/-1' }] })).toBe(
      `${P}Malformed CIDR, mask bits must not be negative`,
    );
    expect(messageFor({ ip: [{ cidr: '1.2.3.999/8' }] })).toBe(`${P}Invalid IP address: 1.2.3.999`);
  });

  it('cuts the source excerpt at 500 characters', () => {
    const long = `{"a": ["${'x'.repeat(600)}"], "b": 1}`;
    const message = messageFor(long);
    expect(message).toContain(`[truncated ${long.length - 500} chars]`);
  });

  it('rejects patterns over the size quota', () => {
    const big = { a: ['x'.repeat(3000)] };
    expect(messageFor(big)).toBe(`${P}Event pattern size exceeds the maximum of 2048 characters`);
    expect(() => validateEventPattern(big, { maxPatternLength: 4096 })).not.toThrow();
  });

  it('accepts every operator in its documented form', () => {
    const valid = [
      { a: ['x', 1, null, true, false, ''] },
      { a: [{ prefix: 'x' }, { prefix: { 'equals-ignore-case': 'X' } }] },
      { a: [{ suffix: 'x' }, { suffix: { 'equals-ignore-case': 'X' } }] },
      { a: [{ 'equals-ignore-case': 'x' }, { wildcard: 'a*b\\*c\\\\' }] },
      { a: [{ 'anything-but': 'x' }, { 'anything-but': [1, 2] }, { 'anything-but': { prefix: 'p' } }] },
      { a: [{ 'anything-but': { suffix: ['s'] } }, { 'anything-but': { 'equals-ignore-case': ['E'] } }] },
      { a: [{ 'anything-but': { wildcard: ['*/lib/*', '*/bin/*'] } }] },
      { a: [{ numeric: ['>', 0, '<=', 5] }, { numeric: ['=', 3.018e2] }, { numeric: ['<', -1] }] },
      { a: [{ cidr: '10.0.0.0/24' }, { cidr: '2001:db8:1234:1a00::/64' }, { exists: false }] },
      { a: { $or: [{ b: ['x'] }, { c: [{ exists: true }] }] } },
    ];
    for (const pattern of valid) expect(() => compileEventPattern(pattern)).not.toThrow();
  });
});
