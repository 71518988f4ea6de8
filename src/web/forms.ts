import { z } from 'zod';

export interface FieldError {
  field: string;
  text: string;
}

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldError[] };

/** Validates a form body with zod; errors come back per field in the order of the form, for the GOV.UK error summary. */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.infer<S>> {
  const r = schema.safeParse(body ?? {});
  if (r.success) return { ok: true, data: r.data };
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of r.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ field, text: issue.message });
  }
  return { ok: false, errors };
}

/** Error map for templates: errors.fieldName = { text } as GOV.UK macros expect in errorMessage. */
export function errorMap(errors: FieldError[]): Record<string, { text: string }> {
  return Object.fromEntries(errors.map((e) => [e.field, { text: e.text }]));
}

/** Summary list for govukErrorSummary: links go to the field's id ('form' is about the whole form: no link). */
export function errorSummary(errors: FieldError[]) {
  return errors.map((e) => (e.field === 'form' ? { text: e.text } : { text: e.text, href: `#${e.field}` }));
}

/** Text field: trimmed; empty means missing. */
export const requiredText = (message: string, max = 200) =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().min(1, message).max(max, `Must be ${max} characters or fewer`));

export const optionalText = (max = 2000) =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().max(max, `Must be ${max} characters or fewer`));

/** Checkbox groups arrive as a string (one ticked) or an array (several) or nothing. */
export const checkboxValues = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()));

export const versionField = z.coerce.number().int().min(0);

/** GOV.UK radio, checkbox or select items from a code → label map, with the chosen value marked. */
export const choiceItems = (o: Record<string, string>, selected: unknown) => Object.entries(o).map(([value, text]) => ({ value, text, checked: value === selected, selected: value === selected }));
/** Select items with a first, empty option ("Select …", "Any …"). */
export const selectItems = (o: Record<string, string>, selected: unknown, blank = 'Select') => [{ value: '', text: blank }, ...choiceItems(o, selected)];
