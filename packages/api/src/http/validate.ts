import type { z } from 'zod';
import { type FieldError, problems } from './problem.ts';

/** Parses `value` with a zod schema or throws a 422 problem listing every issue. */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
  location: FieldError['location'],
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw problems.validation(toFieldErrors(result.error.issues, location));
}

export function toFieldErrors(issues: z.core.$ZodIssue[], location: FieldError['location']): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of issues) {
    const base = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        errors.push({ location, path: [...base, key].join('.'), message: `Unknown field "${key}".` });
      }
    } else {
      errors.push({ location, path: base.join('.'), message: issue.message });
    }
  }
  return errors;
}
