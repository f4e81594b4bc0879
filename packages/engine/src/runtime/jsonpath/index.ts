// JSONPath mode of the local runtime: paths, payload templates, ResultPath, Choice rules and
// intrinsic functions, with AWS Step Functions' semantics and error names.
export type { JsonPathScope } from './scope.ts';
export { applyPath, evaluateValuePath, isReferencePath } from './paths.ts';
export { evaluatePayloadTemplate } from './payload-template.ts';
export { applyResultPath } from './result-path.ts';
export { evaluateChoiceRule, CHOICE_OPERATORS } from './choice.ts';
export { evaluateIntrinsic, validateIntrinsic } from './intrinsics/evaluate.ts';
