import type { z } from 'zod';

/** One field's problem in an API request: a JSON pointer (RFC 6901) into the body and what is wrong. */
export interface FieldProblem {
  pointer: string;
  detail: string;
}

export const pointer = (path: ReadonlyArray<PropertyKey>) => '/' + path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

export function zodProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((i) => ({ pointer: pointer(i.path), detail: i.message }));
}
