// An EventBridge event pattern field: a JSON object checked with the engine's validator, so the
// editor shows AWS's own `InvalidEventPatternException` text on the field. Shared by
// `trigger.event` and `logic.wait_for_event`.
import { InvalidEventPatternError, validateEventPattern } from '@flowdeck/engine';
import { p } from '../../define/p.ts';
import type { Prop } from '../../define/prop.ts';

export function eventPatternProp(label: string, description: string): Prop<Record<string, unknown>, true> {
  const base = p.json({ label, description, required: true, shape: 'object' });
  return {
    ...base,
    check(value, path, out, mode) {
      const before = out.length;
      base.check(value, path, out, mode);
      if (out.length > before) return;
      try {
        validateEventPattern(value);
      } catch (error) {
        if (!(error instanceof InvalidEventPatternError)) throw error;
        out.push({ path, message: error.message });
      }
    },
  };
}
