import { z } from 'zod';
import { checkboxValues, optionalText, requiredText } from '../web/forms.js';
import { isValidIsoDate, todayInLondon } from '../time/index.js';
import { DISABILITY_CODES, ETHNICITY_CODES } from './codes.js';

/** A GOV.UK date input (day, month, year) → 'YYYY-MM-DD', with the GOV.UK error messages. */
export function dateFromParts(body: Record<string, unknown>, prefix: string, label: string, opts: { required?: boolean; notFuture?: boolean; notPast?: boolean } = {}): { value: string | null; error?: string } {
  const part = (k: string) => String(body[`${prefix}-${k}`] ?? '').trim();
  const [d, m, y] = [part('day'), part('month'), part('year')];
  if (!d && !m && !y) return opts.required ? { value: null, error: `Enter ${label}` } : { value: null };
  if (!d || !m || !y) {
    const missing = [!d && 'day', !m && 'month', !y && 'year'].filter(Boolean).join(' and ');
    return { value: null, error: `${label[0]!.toUpperCase()}${label.slice(1)} must include a ${missing}` };
  }
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return { value: null, error: `${label[0]!.toUpperCase()}${label.slice(1)} must be a real date` };
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  if (!isValidIsoDate(iso)) return { value: null, error: `${label[0]!.toUpperCase()}${label.slice(1)} must be a real date` };
  const today = todayInLondon();
  if (opts.notFuture && iso > today) return { value: null, error: `${label[0]!.toUpperCase()}${label.slice(1)} must be today or in the past` };
  if (opts.notPast && iso < today) return { value: null, error: `${label[0]!.toUpperCase()}${label.slice(1)} must be today or in the future` };
  if (iso < '1900-01-01') return { value: null, error: `${label[0]!.toUpperCase()}${label.slice(1)} must be after 1900` };
  return { value: iso };
}

export const personDetailsSchema = z
  .object({
    givenNames: requiredText('Enter the person’s given names', 100),
    familyName: requiredText('Enter the person’s family name', 100),
    knownAs: optionalText(100),
    sex: z.enum(['M', 'F', 'U'], { message: 'Select the person’s sex, or ‘not known’' }),
    genderIdentity: optionalText(100),
    ethnicity: z.preprocess((v) => (v === '' ? undefined : v), z.enum(Object.keys(ETHNICITY_CODES) as [string, ...string[]], { message: 'Select an ethnicity from the list' }).optional()),
    firstLanguage: optionalText(60),
    interpreterNeeded: z.preprocess((v) => v === 'yes', z.boolean()),
    religion: optionalText(60),
    nhsNumber: optionalText(20),
    upn: optionalText(20),
    immigrationStatus: optionalText(100),
    uasc: z.preprocess((v) => v === 'yes', z.boolean()),
    disabilities: checkboxValues.pipe(z.array(z.enum(Object.keys(DISABILITY_CODES) as [string, ...string[]], { message: 'Select disabilities from the list' }))),
  })
  .refine((v) => !(v.disabilities.includes('NONE') && v.disabilities.length > 1), { path: ['disabilities'], message: 'Select ‘None’ on its own, or the disabilities that apply' });

export const addressSchema = z.object({
  line1: requiredText('Enter the first line of the address', 120),
  line2: optionalText(120),
  town: requiredText('Enter the town or city', 60),
  postcode: requiredText('Enter the postcode', 10),
  uprn: optionalText(12).pipe(z.string().regex(/^\d{0,12}$/, 'UPRN must be up to 12 digits')),
});

export const ethnicityItems = (selected?: unknown) => [{ value: '', text: 'Not recorded' }, ...Object.entries(ETHNICITY_CODES).map(([value, text]) => ({ value, text: `${text} (${value})`, selected: value === selected }))];
export const disabilityItems = (selected: unknown) => {
  const chosen = new Set(Array.isArray(selected) ? selected.map(String) : selected ? [String(selected)] : []);
  return Object.entries(DISABILITY_CODES).map(([value, text]) => ({ value, text, checked: chosen.has(value) }));
};
