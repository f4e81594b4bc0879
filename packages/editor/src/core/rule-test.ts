// "Test with sample data": evaluates a json-logic rule exactly as the runtime's condition does,
// with the editor's operators registered (json-logic-js + the engine's definitions).
import { registerEditorOperations } from '@flowdeck/engine/editor-operations';
import jsonLogic from 'json-logic-js';

registerEditorOperations(jsonLogic as unknown as Parameters<typeof registerEditorOperations>[0]);

export type RuleOutcome = { ok: true; matches: boolean } | { ok: false; error: string };

/** `data` holds the rule's roots: `{ trigger, vars, <nodeId>: output }`. */
export function testRule(rule: unknown, data: Record<string, unknown>): RuleOutcome {
  try {
    return { ok: true, matches: Boolean(jsonLogic.apply(rule as jsonLogic.RulesLogic, data)) };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
