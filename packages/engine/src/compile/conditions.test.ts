import jsonata from 'jsonata';
import jsonLogic from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import { compileCondition, conditionField, conditionProblems } from './conditions.ts';
import { editorOperations, registerEditorOperations } from './editor-operations.ts';

const holds = (rule: unknown, bindings: Record<string, unknown>) =>
  jsonata(compileCondition(rule)).evaluate({}, bindings) as Promise<boolean>;

describe('compileCondition', () => {
  it('reads the trigger payload and upstream outputs as $trigger and $<nodeId>', async () => {
    const rule = {
      and: [{ '>': [{ var: 'trigger.body.amount' }, 100] }, { '==': [{ var: 'fetch.status' }, 'ok'] }],
    };
    expect(await holds(rule, { trigger: { body: { amount: 150 } }, fetch: { status: 'ok' } })).toBe(true);
    expect(await holds(rule, { trigger: { body: { amount: 50 } }, fetch: { status: 'ok' } })).toBe(false);
    expect(compileCondition(rule)).toContain('$trigger');
    expect(compileCondition(rule)).toContain('$fetch');
  });

  it('treats an empty list as false, like json-logic', async () => {
    expect(await holds({ var: 'trigger.tags' }, { trigger: { tags: [] } })).toBe(false);
    expect(await holds({ var: 'trigger.tags' }, { trigger: { tags: [0] } })).toBe(true);
    expect(await holds({ '!': { var: 'trigger.tags' } }, { trigger: { tags: [] } })).toBe(true);
  });

  it('compares loosely with ==, like JavaScript', async () => {
    expect(await holds({ '==': [{ var: 'trigger.n' }, 10] }, { trigger: { n: ' 10 ' } })).toBe(true);
    expect(await holds({ '==': [{ var: 'trigger.n' }, true] }, { trigger: { n: '1' } })).toBe(true);
    expect(await holds({ '==': [{ var: 'trigger.n' }, null] }, { trigger: { n: 0 } })).toBe(false);
    expect(await holds({ '===': [{ var: 'trigger.n' }, 10] }, { trigger: { n: '10' } })).toBe(false);
  });

  it('knows the between form and missing fields', async () => {
    const between = { '<': [1, { var: 'trigger.n' }, 10] };
    expect(await holds(between, { trigger: { n: 5 } })).toBe(true);
    expect(await holds(between, { trigger: { n: 10 } })).toBe(false);
    // Two written numbers next to each other are compared once, when compiling.
    expect(await holds({ '<': [{ var: ['trigger.n', false] }, 0, 0] }, {})).toBe(false);
    expect(await holds({ '<=': [{ var: 'trigger.n' }, 0, 0] }, { trigger: { n: '' } })).toBe(true);
    expect(await holds({ missing: ['trigger.email'] }, { trigger: { email: '' } })).toBe(true);
    expect(await holds({ missing: ['trigger.email'] }, { trigger: { email: 'a@b.c' } })).toBe(false);
    expect(await holds({ var: ['trigger.absent', 'fallback'] }, { trigger: {} })).toBe(true);
  });

  it('keeps what and/or return, not just true or false', async () => {
    const rule = { '==': [{ or: [{ var: 'trigger.nickname' }, { var: 'trigger.name' }] }, 'Ada'] };
    expect(await holds(rule, { trigger: { nickname: '', name: 'Ada' } })).toBe(true);
    expect(await holds(rule, { trigger: { nickname: 'Countess', name: 'Ada' } })).toBe(false);
  });

  it('evaluates the editor operators the same way json-logic-js does once they are registered', async () => {
    registerEditorOperations(jsonLogic);
    const cases: [unknown, Record<string, unknown>][] = [
      [{ contains: [{ var: 'trigger.title' }, 'launch'] }, { trigger: { title: 'Our launch day' } }],
      [{ contains: [{ var: 'trigger.tags' }, 'news'] }, { trigger: { tags: ['blog', 'news'] } }],
      [{ starts_with: [{ var: 'trigger.url' }, 'https://'] }, { trigger: { url: 'http://x' } }],
      [{ ends_with: [{ var: 'trigger.file' }, '.png'] }, { trigger: { file: 'a.png' } }],
      [{ is_empty: { var: 'trigger.notes' } }, { trigger: { notes: {} } }],
      [{ is_empty: { var: 'trigger.notes' } }, { trigger: { notes: ' ' } }],
    ];
    for (const [rule, data] of cases) {
      const expected = jsonLogic.truthy(jsonLogic.apply(rule as jsonLogic.RulesLogic, data));
      expect(await holds(rule, data), JSON.stringify(rule)).toBe(expected);
    }
    expect(editorOperations.is_empty(0)).toBe(false);
  });

  it('writes a Step Functions field and the same text every time', () => {
    const rule = { in: [{ var: 'trigger.channel' }, ['x', 'linkedin']] };
    expect(conditionField(rule)).toMatch(/^\{% .* %\}$/s);
    expect(compileCondition(structuredClone(rule))).toBe(compileCondition(rule));
  });

  it('lists every problem with its place in the rule', () => {
    const problems = conditionProblems(
      { and: [{ regex: ['a', 'b'] }, { '>': [{ var: 'my-field' }, 1] }, { or: [] }, { '==': [1] }] },
      {},
    );
    expect(problems.map((p) => p.path)).toEqual(['and.0.regex', 'and.1.>.0.var.0', 'and.2.or', 'and.3.==']);
    expect(problems[0].message).toContain('Unknown operation "regex"');
  });

  it('rejects fields that start at a name that is not an earlier step', () => {
    const roots = new Set(['trigger', 'fetch']);
    expect(conditionProblems({ var: 'later.x' }, { roots })[0].message).toContain('not an earlier step');
    expect(conditionProblems({ var: 'fetch.x' }, { roots })).toEqual([]);
    expect(() => compileCondition({ var: 'later.x' }, { roots })).toThrow(/not an earlier step/);
  });

  it('decides the common shapes by type alone, without any helper function', () => {
    const field = { var: 'trigger.body.x' };
    const shapes = [
      { in: [field, ['x', 'linkedin']] },
      { '===': [field, 5] },
      { '!==': [field, 'paid'] },
      { '==': [field, null] },
      { contains: [field, 'launch'] },
      { starts_with: [field, 'https://'] },
      { ends_with: [field, '.png'] },
      { is_empty: [field] },
      { '!!': [field] },
      { and: [{ '!': field }, { or: [{ '===': [field, true] }, { in: ['a', field] }] }] },
    ];
    for (const rule of shapes) expect(compileCondition(rule), JSON.stringify(rule)).not.toContain('function');
  });

  it('declares helpers only in the general branch, after the typed test and its fast answer', () => {
    const text = compileCondition({ '>': [{ var: 'trigger.body.amount' }, 100] });
    const beforeHelpers = text.slice(0, text.indexOf('function'));
    expect(beforeHelpers).toMatch(/\$type\((\$_\d+)\)='number'\?\1>100:\(\$_num:=$/);
  });

  it('reads each field once, and a shared prefix once', () => {
    const text = compileCondition({
      and: [
        { '>': [{ var: 'trigger.body.amount' }, 5] },
        { '<': [{ var: 'trigger.body.amount' }, 500] },
        { '==': [{ var: 'trigger.body.status' }, 'paid'] },
      ],
    });
    expect(text.match(/\.body/g)).toHaveLength(1);
    expect(text.match(/\.amount/g)).toHaveLength(1);
  });

  it('reads a field the JavaScript way, not through a list as a JSONata path would', async () => {
    const rule = { '==': [{ var: 'trigger.body.status' }, 'paid'] };
    expect(await holds(rule, { trigger: { body: { status: 'paid' } } })).toBe(true);
    // JSONata's $trigger.body.status would find 'paid' in the list; JavaScript finds nothing.
    expect(await holds(rule, { trigger: { body: [{ status: 'paid' }] } })).toBe(false);
    expect(await holds(rule, { trigger: [{ body: { status: 'paid' } }] })).toBe(false);
    expect(await holds({ '==': [{ var: 'trigger.body.0' }, 'paid'] }, { trigger: { body: ['paid'] } })).toBe(
      true,
    );
  });

  it('takes the general branch for values of another type, with JavaScript’s answer', async () => {
    const rule = { '>': [{ var: 'trigger.n' }, 100] };
    const cases: [unknown, boolean][] = [
      [150, true],
      ['150', true],
      [' 1.5e2 ', true],
      ['0x96', true],
      ['Infinity', true],
      ['1e999', true],
      ['-1e999', false],
      ['abc', false],
      [[150], true],
      [[[150]], true],
      [[150, 1], false],
      [true, false],
      [null, false],
      [{}, false],
    ];
    for (const [n, expected] of cases) {
      expect(jsonLogic.apply(rule as jsonLogic.RulesLogic, { trigger: { n } }), JSON.stringify(n)).toBe(
        expected,
      );
      expect(await holds(rule, { trigger: { n } }), JSON.stringify(n)).toBe(expected);
    }
    expect(await holds(rule, { trigger: {} })).toBe(false);
  });
});
