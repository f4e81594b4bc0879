// The compiler's one error: every problem at once, each naming the node and the field.

export interface CompileProblem {
  /** The node the problem is about, when there is one. */
  nodeId?: string;
  /** Dotted path inside the node (e.g. `params.rule.and.0`) or the graph (`edges`). */
  path: string;
  message: string;
}

export class CompileError extends Error {
  constructor(readonly problems: CompileProblem[]) {
    super(
      `The workflow cannot be compiled (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  ${p.nodeId ? `${p.nodeId}: ` : ''}${p.path}: ${p.message}`).join('\n'),
    );
    this.name = 'CompileError';
  }
}
