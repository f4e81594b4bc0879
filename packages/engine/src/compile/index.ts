// The compiler room's public face: workflow graph → ASL, and json-logic → JSONata conditions.
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
