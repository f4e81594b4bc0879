// Payload templates (Parameters, ResultSelector, ItemSelector, JSONPath Assign), driven by the
// guide's "InputPath and Parameters" example and the ASL specification's examples.

import { describe, expect, it } from 'vitest';
import { StatesError } from '../errors.ts';
import { evaluatePayloadTemplate, type JsonPathScope } from './index.ts';

const scopeOf = (input: unknown, variables: Record<string, unknown> = {}): JsonPathScope => ({
  input,
  context: {
    Execution: { Id: 'arn:aws:states:us-east-1:123456789012:execution:sm:run-1', Name: 'run-1' },
    State: { Name: 'Step', RetryCount: 0 },
    Task: { Token: 'token-1' },
    Map: { Item: { Index: 2, Value: { id: 'x' } } },
  },
  variables,
});

function failure(fn: () => unknown): StatesError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StatesError);
    return err as StatesError;
  }
  throw new Error('expected a StatesError');
}

describe('evaluatePayloadTemplate', () => {
  it('builds the Parameters of the guide example', () => {
    const input = {
      comment: 'Example for Parameters.',
      product: {
        details: { color: 'blue', size: 'small', material: 'cotton' },
        availability: 'in stock',
        sku: '2317',
        cost: '$23',
      },
    };
    const template = {
      comment: 'Selecting what I care about.',
      MyDetails: {
        'size.$': '$.product.details.size',
        'exists.$': '$.product.availability',
        StaticValue: 'foo',
      },
    };
    expect(evaluatePayloadTemplate(template, scopeOf(input), 'Parameters')).toEqual({
      comment: 'Selecting what I care about.',
      MyDetails: { size: 'small', exists: 'in stock', StaticValue: 'foo' },
    });
  });

  it('handles definite and indefinite paths as in the ASL specification', () => {
    const template = { flagged: true, parts: { 'first.$': '$.vals[0]', 'last3.$': '$.vals[3:]' } };
    const input = { flagged: 7, vals: [0, 10, 20, 30, 40, 50] };
    expect(evaluatePayloadTemplate(template, scopeOf(input), 'Parameters')).toEqual({
      flagged: true,
      parts: { first: 0, last3: [30, 40, 50] },
    });
  });

  it('fails both paths of the specification example when vals is not an array', () => {
    // The ASL specification names States.ParameterPathFailure; real AWS executions fail with
    // States.Runtime (docs/aws-compat-findings.md, entry 1), which is what we follow.
    const template = { parts: { 'first.$': '$.vals[0]', 'last3.$': '$.vals[3:]' } };
    for (const input of [{ vals: 0 }, {}]) {
      const err = failure(() => evaluatePayloadTemplate(template, scopeOf(input), 'Parameters'));
      expect(err.error).toBe('States.Runtime');
    }
    const onlySlice = { 'last3.$': '$.vals[3:]' };
    expect(failure(() => evaluatePayloadTemplate(onlySlice, scopeOf({ vals: 0 }), 'Parameters')).error).toBe(
      'States.Runtime',
    );
  });

  it('selects from a task result as in the specification ResultSelector example', () => {
    const taskResult = {
      resourceType: 'elasticmapreduce',
      resource: 'createCluster.sync',
      output: { SdkHttpMetadata: { httpStatusCode: 200 }, ClusterId: 'AKIAIOSFODNN7EXAMPLE' },
    };
    const template = {
      'ClusterId.$': '$.output.ClusterId',
      'ResourceType.$': '$.resourceType',
      SomethingElse: 'x',
    };
    expect(evaluatePayloadTemplate(template, scopeOf(taskResult), 'ResultSelector')).toEqual({
      ClusterId: 'AKIAIOSFODNN7EXAMPLE',
      ResourceType: 'elasticmapreduce',
      SomethingElse: 'x',
    });
  });

  it('reads the context object, variables and intrinsic functions', () => {
    const template = {
      'TaskToken.$': '$$.Task.Token',
      'index.$': '$$.Map.Item.Index',
      'item.$': '$$.Map.Item.Value.id',
      'whole.$': '$customer',
      'city.$': '$customer.address.city',
      'firstTag.$': '$customer.tags[0]',
      'greeting.$': "States.Format('Hello {}', $customer.name)",
    };
    const variables = { customer: { name: 'Ana', address: { city: 'Porto' }, tags: ['vip'] } };
    expect(evaluatePayloadTemplate(template, scopeOf({}, variables), 'Parameters')).toEqual({
      TaskToken: 'token-1',
      index: 2,
      item: 'x',
      whole: variables.customer,
      city: 'Porto',
      firstTag: 'vip',
      greeting: 'Hello Ana',
    });
  });

  it('reads variables inherited from an outer scope (prototype chain)', () => {
    const outer = { total: 10 };
    const inner = Object.assign(Object.create(outer), { local: 1 });
    expect(
      evaluatePayloadTemplate({ 't.$': '$total', 'l.$': '$local' }, scopeOf({}, inner), 'Assign'),
    ).toEqual({
      t: 10,
      l: 1,
    });
  });

  it('walks arrays and nested objects, leaving non-.$ strings alone', () => {
    const template = { list: [{ 'a.$': '$.a' }, '$.a', 3, [{ 'b.$': '$.b' }]], plain: '$.a' };
    expect(evaluatePayloadTemplate(template, scopeOf({ a: 1, b: 2 }), 'Parameters')).toEqual({
      list: [{ a: 1 }, '$.a', 3, [{ b: 2 }]],
      plain: '$.a',
    });
  });

  it('passes scalars and null through', () => {
    expect(evaluatePayloadTemplate('text', scopeOf({}), 'Parameters')).toBe('text');
    expect(evaluatePayloadTemplate(null, scopeOf({}), 'Parameters')).toBeNull();
  });

  it('fails with States.Runtime in AWS words when a path selects nothing', () => {
    const err = failure(() => evaluatePayloadTemplate({ 'x.$': '$.x' }, scopeOf({ a: 1 }), 'Parameters'));
    expect(err.error).toBe('States.Runtime');
    expect(err.causeText).toBe(
      `The JSONPath '$.x' specified for the field 'x.$' could not be found in the input '{"a":1}'`,
    );
  });

  it('fails with States.Runtime for an unknown variable', () => {
    const err = failure(() => evaluatePayloadTemplate({ 'x.$': '$nope.a' }, scopeOf({}), 'Assign'));
    expect(err.error).toBe('States.Runtime');
    expect(err.causeText).toMatch(/variable 'nope' is not defined/);
  });

  it('fails with States.IntrinsicFailure when an intrinsic fails', () => {
    const err = failure(() =>
      evaluatePayloadTemplate({ 'x.$': 'States.ArrayGetItem($.a, 5)' }, scopeOf({ a: [] }), 'Parameters'),
    );
    expect(err.error).toBe('States.IntrinsicFailure');
  });

  it('does not mutate the template or the input', () => {
    const template = { 'a.$': '$.a', nested: { 'b.$': '$.b' } };
    const input = { a: { deep: 1 }, b: [1] };
    const before = structuredClone({ template, input });
    evaluatePayloadTemplate(template, scopeOf(input), 'Parameters');
    expect({ template, input }).toEqual(before);
  });
});
