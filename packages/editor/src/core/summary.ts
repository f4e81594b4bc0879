// The one line under a node's title: what it will do, read from its params.
import type { WorkflowNode } from '@flowdeck/engine';
import { describeRule } from './rule-model.ts';

const clip = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function summarizeNode(node: WorkflowNode): string {
  const p = node.params ?? {};
  switch (node.type) {
    case 'trigger.webhook':
      return p.responseMode === 'sync' ? 'Answers with the workflow’s output' : 'Answers at once';
    case 'trigger.manual':
      return 'Run from the editor or the API';
    case 'logic.condition':
      return p.rule ? clip(describeRule(p.rule)) : 'No rule yet';
    case 'logic.switch': {
      const cases = Array.isArray(p.cases) ? p.cases.length : 0;
      return `${cases} case${cases === 1 ? '' : 's'} + default`;
    }
    case 'logic.delay':
      return p.mode === 'until' ? `Until ${String(p.until ?? '…')}` : `${p.seconds ?? '…'} seconds`;
    case 'http.request':
      return clip(`${String(p.method ?? 'GET')} ${String(p.url ?? 'no URL yet')}`);
    case 'logic.approval':
      return clip(String(p.message ?? 'No message yet'));
    case 'logic.stop':
      return clip(String(p.error ?? 'Stops the run'));
    case 'data.transform':
      return p.output === undefined ? 'No output yet' : clip(JSON.stringify(p.output));
  }
  const first = Object.entries(p).find(([, v]) => typeof v === 'string' || typeof v === 'number');
  return first ? clip(`${first[0]}: ${String(first[1])}`) : '';
}
