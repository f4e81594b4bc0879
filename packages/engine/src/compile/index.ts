// The compiler room's public face: workflow graph → ASL, and json-logic → JSONata conditions.
export {
  compileWorkflow,
  helperStateName,
  type CompileOptions,
  type CompiledWorkflow,
} from './compile.ts';
export type { StateMachineDefinition, AslState, Retrier, Catcher } from './asl.ts';
export { DEFAULT_NODE_RUNNER, LAMBDA_INVOKE, LAMBDA_INVOKE_WAIT_FOR_TASK_TOKEN } from './asl.ts';
export { triggerBinding, type TriggerBinding, type TriggerType } from './triggers.ts';
export { CompileError, type CompileProblem } from './errors.ts';
export {
  compileCondition,
  conditionField,
  conditionProblems,
  ConditionSyntaxError,
  CONDITION_OPERATIONS,
  type ConditionOptions,
} from './conditions.ts';
export { editorOperations, registerEditorOperations } from './editor-operations.ts';
