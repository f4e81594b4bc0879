import { describe, expect, it } from 'vitest';
import { type SseEvent, sseParser } from './sse.ts';

describe('reading a server-sent events stream', () => {
  it('emits each complete event, however the text is cut into chunks', () => {
    const text =
      ': hello\nevent: step\nid: 7\ndata: {"index":0}\n\nevent: run\r\ndata: line one\r\ndata:line two\r\n\r\ndata: plain\n\n';
    for (const size of [1, 3, 7, text.length]) {
      const seen: SseEvent[] = [];
      const feed = sseParser((e) => seen.push(e));
      for (let i = 0; i < text.length; i += size) feed(text.slice(i, i + size));
      expect(seen).toEqual([
        { event: 'step', data: '{"index":0}', id: '7' },
        { event: 'run', data: 'line one\nline two', id: '7' },
        { event: 'message', data: 'plain', id: '7' },
      ]);
    }
  });

  it('waits for the blank line before emitting', () => {
    const seen: SseEvent[] = [];
    const feed = sseParser((e) => seen.push(e));
    feed('event: step\ndata: x\n');
    expect(seen).toEqual([]);
    feed('\n');
    expect(seen).toHaveLength(1);
  });
});
