import { describe, expect, it } from 'vitest';
import { compileEventPattern, indexEvent, matchesEventPattern } from './index.ts';

// Each documented pattern (AWS EventBridge user guide: event patterns, comparison operators,
// arrays, null values) with an event it matches and one it does not.
const ec2 = {
  version: '0',
  id: '7bf73129-1428-4cd3-a780-95db273d1602',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '123456789012',
  time: '2015-11-11T21:29:54Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
  detail: { 'instance-id': 'i-abcd1111', state: 'pending' },
};
const withDetail = (detail: Record<string, unknown>) => ({ ...ec2, detail });

const documented: [string, unknown, unknown, unknown][] = [
  [
    'EC2 terminations',
    {
      source: ['aws.ec2'],
      'detail-type': ['EC2 Instance State-change Notification'],
      detail: { state: ['terminated'] },
    },
    withDetail({ state: 'terminated' }),
    withDetail({ state: 'Terminated' }),
  ],
  [
    'source OR',
    { source: ['aws.ec2', 'aws.fargate'] },
    { ...ec2, source: 'aws.fargate' },
    { ...ec2, source: 'aws.s3' },
  ],
  [
    'null value',
    { source: ['aws.autoscaling'], detail: { responseElements: [null] } },
    { ...ec2, source: 'aws.autoscaling', detail: { eventVersion: '', responseElements: null } },
    { ...ec2, source: 'aws.autoscaling', detail: { eventVersion: '' } },
  ],
  [
    'empty string',
    { detail: { eventVersion: [''] } },
    withDetail({ eventVersion: '', responseElements: null }),
    withDetail({ eventVersion: null }),
  ],
  [
    'Macie risk score and trigger risk',
    {
      source: ['aws.macie'],
      'detail-type': ['Macie Alert'],
      detail: { 'risk-score': [80], trigger: { risk: [8] } },
    },
    {
      ...ec2,
      source: 'aws.macie',
      'detail-type': 'Macie Alert',
      detail: { 'risk-score': 80, trigger: { risk: 8 } },
    },
    {
      ...ec2,
      source: 'aws.macie',
      'detail-type': 'Macie Alert',
      detail: { 'risk-score': 80, trigger: { risk: 9 } },
    },
  ],
  [
    'resources array intersection',
    {
      resources: [
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
        'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',
        'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f',
      ],
    },
    {
      ...ec2,
      resources: [
        'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate',
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
      ],
    },
    { ...ec2, resources: ['arn:aws:ec2:us-east-1:999999999999:instance/i-b188560f'] },
  ],
  [
    'prefix',
    { time: [{ prefix: '2017-10-02' }] },
    { ...ec2, time: '2017-10-02T18:43:48Z' },
    { ...ec2, time: '2017-10-03T18:43:48Z' },
  ],
  [
    'prefix ignoring case',
    { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } },
    withDetail({ service: 'eventbridge' }),
    withDetail({ service: 'Lambda' }),
  ],
  ['suffix', { FileName: [{ suffix: '.png' }] }, { FileName: 'image.png' }, { FileName: 'image.PNG' }],
  [
    'suffix ignoring case',
    { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } },
    withDetail({ FileName: 'image.PNG' }),
    withDetail({ FileName: 'image.jpg' }),
  ],
  [
    'anything-but a string',
    { detail: { state: [{ 'anything-but': 'initializing' }] } },
    withDetail({ state: 'running' }),
    withDetail({ state: 'initializing' }),
  ],
  [
    'anything-but a number',
    { detail: { 'x-limit': [{ 'anything-but': 123 }] } },
    withDetail({ 'x-limit': 124 }),
    withDetail({ 'x-limit': 123 }),
  ],
  [
    'anything-but a list of strings',
    { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } },
    withDetail({ state: 'running' }),
    withDetail({ state: 'overloaded' }),
  ],
  [
    'anything-but a list of numbers',
    { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } },
    withDetail({ 'x-limit': 400 }),
    withDetail({ 'x-limit': 200.0 }),
  ],
  [
    'anything-but a prefix',
    { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } },
    withDetail({ state: 'running' }),
    withDetail({ state: 'initializing' }),
  ],
  [
    'anything-but a suffix',
    { detail: { FileName: [{ 'anything-but': { suffix: '.txt' } }] } },
    withDetail({ FileName: 'notes.md' }),
    withDetail({ FileName: 'notes.txt' }),
  ],
  [
    'anything-but ignoring case',
    { detail: { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] } },
    withDetail({ state: 'running' }),
    withDetail({ state: 'INITIALIZING' }),
  ],
  [
    'anything-but ignoring case, list',
    { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['initializing', 'stopped'] } }] } },
    withDetail({ state: 'running' }),
    withDetail({ state: 'Stopped' }),
  ],
  [
    'anything-but a wildcard',
    { detail: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] } },
    withDetail({ FilePath: '/usr/bin/env' }),
    withDetail({ FilePath: '/usr/lib/x.so' }),
  ],
  [
    'anything-but wildcards, list',
    { detail: { FilePath: [{ 'anything-but': { wildcard: ['*/lib/*', '*/bin/*'] } }] } },
    withDetail({ FilePath: '/etc/hosts' }),
    withDetail({ FilePath: '/usr/bin/env' }),
  ],
  [
    'numeric ranges (all fields)',
    {
      detail: {
        'c-count': [{ numeric: ['>', 0, '<=', 5] }],
        'd-count': [{ numeric: ['<', 10] }],
        'x-limit': [{ numeric: ['=', 3.018e2] }],
      },
    },
    withDetail({ 'c-count': 5, 'd-count': 9.5, 'x-limit': 301.8 }),
    withDetail({ 'c-count': 0, 'd-count': 9.5, 'x-limit': 301.8 }),
  ],
  [
    'IPv4 cidr',
    { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } },
    withDetail({ sourceIPAddress: '10.0.0.255' }),
    withDetail({ sourceIPAddress: '10.0.1.0' }),
  ],
  [
    'IPv6 cidr',
    { detail: { sourceIPAddress: [{ cidr: '2001:db8:1234:1a00::/64' }] } },
    withDetail({ sourceIPAddress: '2001:db8:1234:1a00:9691:9503:25ad:1761' }),
    withDetail({ sourceIPAddress: '2001:db8:1234:1a01::1' }),
  ],
  [
    'exists true',
    { detail: { state: [{ exists: true }] } },
    ec2,
    { ...ec2, detail: { 'c-count': { c1: 100 } } },
  ],
  ['exists false', { detail: { 'c-count': [{ exists: false }] } }, ec2, withDetail({ 'c-count': 3 })],
  [
    'equals-ignore-case',
    { 'detail-type': [{ 'equals-ignore-case': 'ec2 instance state-change notification' }] },
    ec2,
    { ...ec2, 'detail-type': 'EC2 Instance Launch Successful' },
  ],
  [
    'wildcard',
    { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] },
    { EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/myEventBus' },
    { EventBusArn: 'arn:aws:events:us-west-2:123456789012:event-bus/myEventBus' },
  ],
  ['wildcard with escapes', { name: [{ wildcard: 'a\\*b\\\\*' }] }, { name: 'a*b\\cd' }, { name: 'axb\\cd' }],
  [
    '$or at the top level',
    {
      $or: [
        { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } },
        { detail: { 'd-count': [{ numeric: ['<', 10] }] } },
        { detail: { 'x-limit': [{ numeric: ['=', 3.018e2] }] } },
      ],
    },
    withDetail({ 'c-count': 50, 'd-count': 50, 'x-limit': 301.8 }),
    withDetail({ 'c-count': 50, 'd-count': 50, 'x-limit': 301 }),
  ],
  [
    '$or inside detail',
    {
      source: ['aws.cloudwatch'],
      detail: {
        $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
      },
    },
    { source: 'aws.cloudwatch', detail: { metricName: 'Other', namespace: 'AWS/ES' } },
    { source: 'aws.cloudwatch', detail: { metricName: 'Other', namespace: 'AWS/S3' } },
  ],
  [
    'complex example combining operators',
    {
      time: [{ prefix: '2017-10-02' }],
      detail: {
        state: [{ 'anything-but': 'initializing' }],
        'c-count': [{ numeric: ['>', 0, '<=', 5] }],
        'd-count': [{ numeric: ['<', 10] }],
        'x-limit': [{ 'anything-but': [100, 200, 300] }],
      },
    },
    {
      time: '2017-10-02T18:43:48Z',
      detail: { state: 'running', 'c-count': 1, 'd-count': 2, 'x-limit': 150 },
    },
    {
      time: '2017-10-02T18:43:48Z',
      detail: { state: 'running', 'c-count': 1, 'd-count': 2, 'x-limit': 300 },
    },
  ],
];

describe('documented patterns', () => {
  it.each(documented)('%s', (_name, pattern, matching, other) => {
    expect(matchesEventPattern(pattern, matching)).toBe(true);
    expect(matchesEventPattern(pattern, other)).toBe(false);
  });
});

describe('matching rules', () => {
  it('compares strings exactly and case-sensitively', () => {
    expect(matchesEventPattern({ a: ['Alice'] }, { a: 'alice' })).toBe(false);
    expect(matchesEventPattern({ a: ['Alice'] }, { a: 'Alice ' })).toBe(false);
  });

  it('compares numbers by value and never against strings', () => {
    const event = JSON.parse('{"a": 300.0, "b": 3e2, "c": "300"}');
    expect(matchesEventPattern('{"a": [300]}', event)).toBe(true);
    expect(matchesEventPattern('{"b": [300.0]}', event)).toBe(true);
    expect(matchesEventPattern('{"c": [300]}', event)).toBe(false);
    expect(matchesEventPattern({ c: [{ numeric: ['=', 300] }] }, event)).toBe(false);
    expect(matchesEventPattern({ a: [{ numeric: ['>=', 300] }] }, { a: null })).toBe(false);
  });

  it('matches large account-like numbers by their value', () => {
    expect(matchesEventPattern({ account: [123456789012] }, { account: 123456789012 })).toBe(true);
    expect(matchesEventPattern({ account: [123456789012] }, { account: '123456789012' })).toBe(false);
  });

  it('lets a missing field fail anything-but, but not a null one', () => {
    const pattern = { detail: { state: [{ 'anything-but': 'initializing' }] } };
    expect(matchesEventPattern(pattern, { detail: {} })).toBe(false);
    expect(matchesEventPattern(pattern, { detail: { state: null } })).toBe(true);
    expect(matchesEventPattern(pattern, { detail: { state: 5 } })).toBe(true);
  });

  it('lets anything-but prefix, suffix and wildcard pass values that are not strings', () => {
    expect(matchesEventPattern({ s: [{ 'anything-but': { prefix: 'init' } }] }, { s: 12 })).toBe(true);
    expect(matchesEventPattern({ s: [{ 'anything-but': { wildcard: '*/dir/*' } }] }, { s: 123 })).toBe(true);
  });

  it('applies string operators to strings only', () => {
    expect(matchesEventPattern({ a: [{ prefix: '1' }] }, { a: 12 })).toBe(false);
    expect(matchesEventPattern({ a: [{ cidr: '10.0.0.0/24' }] }, { a: 123 })).toBe(false);
    expect(matchesEventPattern({ a: [{ 'equals-ignore-case': 'true' }] }, { a: true })).toBe(false);
  });

  it('matches an event array when any element matches', () => {
    expect(matchesEventPattern({ tags: ['b'] }, { tags: ['a', 'b'] })).toBe(true);
    expect(matchesEventPattern({ tags: ['c'] }, { tags: ['a', 'b'] })).toBe(false);
    expect(matchesEventPattern({ resources: [null] }, { resources: [] })).toBe(false);
  });

  it('treats exists as a test on leaves only', () => {
    expect(matchesEventPattern({ detail: [{ exists: true }] }, { detail: { a: 1 } })).toBe(false);
    expect(matchesEventPattern({ r: [{ exists: true }] }, { r: [] })).toBe(false);
    expect(matchesEventPattern({ r: [{ exists: false }] }, { r: [] })).toBe(true);
    expect(matchesEventPattern({ r: [{ exists: true }] }, { r: null })).toBe(true);
  });

  it('keeps two fields of a rule in the same array element', () => {
    const event = {
      detail: {
        people: [
          { name: 'Ann', role: 'admin' },
          { name: 'Bob', role: 'user' },
        ],
      },
    };
    expect(matchesEventPattern({ detail: { people: { name: ['Ann'], role: ['admin'] } } }, event)).toBe(true);
    expect(matchesEventPattern({ detail: { people: { name: ['Ann'], role: ['user'] } } }, event)).toBe(false);
  });

  it('uses the last of two repeated keys, as documented', () => {
    const text = '{"detail": {"location": [{"prefix": "us-"}], "location": [{"anything-but": "us-east"}]}}';
    expect(matchesEventPattern(text, { detail: { location: 'eu-west' } })).toBe(true);
    expect(matchesEventPattern(text, { detail: { location: 'us-east' } })).toBe(false);
  });

  it('treats a plain IP string as an address', () => {
    expect(matchesEventPattern({ ip: ['2001:db8::1'] }, { ip: '2001:0db8:0:0:0:0:0:1' })).toBe(true);
    expect(matchesEventPattern({ ip: ['10.0.0.1'] }, { ip: '10.0.0.2' })).toBe(false);
  });

  it('matches a compiled pattern against many events, raw or indexed', () => {
    const match = compileEventPattern({ source: ['shop'], detail: { total: [{ numeric: ['>', 100] }] } });
    const big = { source: 'shop', detail: { total: 150 } };
    expect(match(big)).toBe(true);
    expect(match(indexEvent(big))).toBe(true);
    expect(match({ source: 'shop', detail: { total: 50 } })).toBe(false);
    expect(match.source).toBe('{"source":["shop"],"detail":{"total":[{"numeric":[">",100]}]}}');
  });
});
