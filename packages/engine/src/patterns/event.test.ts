import { describe, expect, it } from 'vitest';
import type { Clock } from '../ports.ts';
import {
  createEvent,
  MAX_ENTRY_SIZE_BYTES,
  matchesEventPattern,
  PutEventsEntryError,
  putEventsEntrySize,
} from './index.ts';

const clock: Clock = { now: () => Date.UTC(2024, 4, 1, 9, 30, 15, 678), setTimer: () => () => {} };
const options = { account: '123456789012', region: 'eu-west-1', clock, newId: () => 'id-1' };

function rejection(entry: Parameters<typeof createEvent>[0]): PutEventsEntryError {
  try {
    createEvent(entry, options);
  } catch (e) {
    expect(e).toBeInstanceOf(PutEventsEntryError);
    return e as PutEventsEntryError;
  }
  throw new Error('entry was accepted');
}

describe('createEvent', () => {
  it('builds the EventBridge envelope from a PutEvents entry', () => {
    const event = createEvent(
      {
        Source: 'flowdeck.runs',
        DetailType: 'Run Succeeded',
        Detail: '{"workflowId":"w1","durationMs":1200}',
        Resources: ['arn:flowdeck:workflow/w1'],
      },
      options,
    );
    expect(event).toEqual({
      version: '0',
      id: 'id-1',
      'detail-type': 'Run Succeeded',
      source: 'flowdeck.runs',
      account: '123456789012',
      time: '2024-05-01T09:30:15Z',
      region: 'eu-west-1',
      resources: ['arn:flowdeck:workflow/w1'],
      detail: { workflowId: 'w1', durationMs: 1200 },
    });
    expect(
      matchesEventPattern(
        { source: ['flowdeck.runs'], detail: { durationMs: [{ numeric: ['>', 1000] }] } },
        event,
      ),
    ).toBe(true);
  });

  it('uses the entry time when given, and random ids by default', () => {
    const event = createEvent(
      { Source: 's', DetailType: 'd', Detail: '{}', Time: new Date('2023-01-02T03:04:05.999Z') },
      { account: 'a', region: 'r', clock },
    );
    expect(event.time).toBe('2023-01-02T03:04:05Z');
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(event.resources).toEqual([]);
  });

  it('rejects entries without Source, DetailType or Detail like PutEvents', () => {
    expect(rejection({ DetailType: 'd', Detail: '{}' })).toMatchObject({
      errorCode: 'InvalidArgument',
      message: 'Parameter Source is not valid. Reason: Source is a required argument.',
    });
    expect(rejection({ Source: 's', Detail: '{}' }).message).toBe(
      'Parameter DetailType is not valid. Reason: DetailType is a required argument.',
    );
    expect(rejection({ Source: 's', DetailType: 'd' }).message).toBe(
      'Parameter Detail is not valid. Reason: Detail is a required argument.',
    );
  });

  it('rejects a Detail that is not a JSON object', () => {
    for (const Detail of ['detail', '[1,2]', '42', 'null', '{"a":']) {
      expect(rejection({ Source: 's', DetailType: 'd', Detail })).toMatchObject({
        errorCode: 'MalformedDetail',
        message: 'Detail is malformed.',
      });
    }
  });

  it('computes the entry size as AWS documents and rejects entries over 256 KiB', () => {
    const entry = { Source: 'é', DetailType: 'dt', Detail: '{"a":1}', Resources: ['r1', 'r2'], Time: 0 };
    expect(putEventsEntrySize(entry)).toBe(14 + 2 + 2 + 7 + 4);
    const fits = MAX_ENTRY_SIZE_BYTES - 1 - 1 - 8;
    const atLimit = { Source: 's', DetailType: 'd', Detail: `{"a":"${'x'.repeat(fits)}"}` };
    expect(putEventsEntrySize(atLimit)).toBe(MAX_ENTRY_SIZE_BYTES);
    expect(() => createEvent(atLimit, options)).not.toThrow();
    const over = { ...atLimit, Detail: `{"a":"${'x'.repeat(fits + 1)}"}` };
    expect(rejection(over)).toMatchObject({ errorCode: 'ValidationException' });
  });
});
