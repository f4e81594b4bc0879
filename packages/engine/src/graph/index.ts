export { validateWorkflow } from './validate.ts';
export { upstreamNodeIds } from './upstream.ts';
export type { ValidationIssue, ValidationIssueCode, ValidationResult } from './issues.ts';
export { AWS_JSONATA_FUNCTIONS, JSONATA_FUNCTIONS, RESERVED_VARIABLES } from './reserved-names.ts';
export {
  ERROR_HANDLE,
  FOR_EACH_DONE_HANDLE,
  FOR_EACH_ITEM_HANDLE,
  FOR_EACH_TYPE,
  JOIN_TYPE,
  PARALLEL_TYPE,
  APPROVAL_TYPE,
} from './control-types.ts';
