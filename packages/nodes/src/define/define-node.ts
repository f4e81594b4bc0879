// defineNode(): one typed object per node type and version. The `props` object yields the
// engine's `NodeSpec` (params schema + validator) and the static type of `ctx.props`.
import type { JsonSchema, NodeKind, NodeSpec, ParamIssue } from '@flowdeck/engine';
import type { NodeContext } from './context.ts';
import type { InferProps, Props } from './prop.ts';
import { applyDefaults, checkProps, propsSchema } from './props-object.ts';

export interface NodeOptions<P extends Props, Output> {
  /** `app.action`, e.g. `http.request`; saved graphs reference it with `version`. */
  type: string;
  /** A breaking change is a new version; old versions keep working for saved workflows. */
  version: number;
  kind: NodeKind;
  title: string;
  category: string;
  icon: string;
  /** Connection kind the node needs, e.g. `linkedin`. */
  connection?: string;
  description?: string;
  props: P;
  /** JSON Schema of the output, when known. */
  outputs?: JsonSchema;
  /** An example output, for the editor's autocomplete before any run. */
  sampleOutput?: Output;
  /** Named outputs (edge `sourceHandle`s); absent means one unnamed output. */
  outputHandles?: (params: Record<string, unknown>) => string[];
  /** Absent for trigger and control nodes: they compile to ASL states, not code. */
  run?: (ctx: NodeContext<InferProps<P>>) => Promise<Output>;
}

export type ParsedProps<P extends Props> =
  | { ok: true; props: InferProps<P> }
  | { ok: false; issues: ParamIssue[] };

export interface NodeDefinition<P extends Props = Props, Output = unknown> extends NodeSpec {
  readonly props: P;
  readonly description?: string;
  readonly icon: string;
  readonly outputs?: JsonSchema;
  // Method syntax on purpose: a list of definitions with different props stays assignable.
  run?(ctx: NodeContext<InferProps<P>>): Promise<Output>;
  /** Checks params whose expressions were resolved, and fills defaults: what `run` receives. */
  parseProps(params: unknown): ParsedProps<P>;
}

export function defineNode<const P extends Props, Output = unknown>(
  options: NodeOptions<P, Output>,
): NodeDefinition<P, Output> {
  const paramsSchema: JsonSchema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: options.title,
    ...(options.description !== undefined && { description: options.description }),
    ...propsSchema(options.props),
  };
  return {
    type: options.type,
    version: options.version,
    kind: options.kind,
    title: options.title,
    category: options.category,
    icon: options.icon,
    connection: options.connection,
    description: options.description,
    props: options.props,
    outputs: options.outputs,
    sampleOutput: options.sampleOutput,
    outputHandles: options.outputHandles,
    run: options.run,
    paramsSchema,
    validateParams(params) {
      const issues: ParamIssue[] = [];
      checkProps(options.props, params ?? {}, '', issues, 'edit');
      return issues;
    },
    parseProps(params) {
      const withDefaults = applyDefaults(options.props, params ?? {});
      const issues: ParamIssue[] = [];
      checkProps(options.props, withDefaults, '', issues, 'run');
      // The check above is what makes this value an InferProps<P>.
      return issues.length > 0 ? { ok: false, issues } : { ok: true, props: withDefaults as InferProps<P> };
    },
  };
}
