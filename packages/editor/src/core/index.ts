// @flowdeck/editor core: graph editing without React (xyflow's `system` idea).
export * from './catalog.ts';
export * from './clipboard.ts';
export * from './completions.ts';
export * from './graph-ops.ts';
export * from './history.ts';
export * from './ids.ts';
export * from './issues.ts';
export * from './layout.ts';
export * from './rule-model.ts';
export * from './rule-test.ts';
export * from './run-view.ts';
export * from './json-tree.ts';
export * from './schema-fields.ts';
export * from './summary.ts';
export * from './viewport.ts';
export * from './workflow-list.ts';
