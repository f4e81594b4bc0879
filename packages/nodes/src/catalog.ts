import { type NodeCatalog, createCatalog } from '@flowdeck/engine';
import { builtinNodes } from './builtin/index.ts';
import type { NodeDefinition } from './define/define-node.ts';
import type { Props } from './define/prop.ts';

/** The engine's catalog of every built-in node, plus any extra definitions (plugins). */
export function createBuiltinCatalog(extra: Iterable<NodeDefinition<Props, unknown>> = []): NodeCatalog {
  return createCatalog([...builtinNodes, ...extra]);
}
