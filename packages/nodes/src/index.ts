// @flowdeck/nodes: defineNode(), the props builders and every built-in node.
export { defineNode, type NodeDefinition, type NodeOptions, type ParsedProps } from './define/define-node.ts';
export { p, type JsonLogicRule, type KeyValueValue, type SelectOption } from './define/p.ts';
export type {
  AnyProp,
  CheckMode,
  CommonOptions,
  DisplayWhen,
  InferProps,
  Prop,
  Props,
} from './define/prop.ts';
export type { HttpClient, NodeConnection, NodeContext, NodeLogger } from './define/context.ts';
export { silentLogger } from './define/context.ts';
export { isExpression } from './define/expression.ts';
export { INVALID_INPUT, NodeFailure } from './define/errors.ts';
export { runNode, type RunNodeOptions } from './define/run-node.ts';
export {
  createHttpClient,
  assertPublicDestination,
  type GuardOptions,
  type LookupAll,
} from './http/guarded-fetch.ts';
export { isForbiddenAddress } from './http/forbidden-addresses.ts';
export * from './builtin/index.ts';
export { createBuiltinCatalog } from './catalog.ts';
