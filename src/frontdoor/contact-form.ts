import { z } from 'zod';
import type { FieldError } from '../web/forms.js';
import { dateFromParts } from '../people/person-form.js';
import { londonDateTime, todayInLondon, londonTimeOfDay } from '../time/index.js';
import type { ContactInput } from './contacts-service.js';
import { CONSENT, CONTACT_METHODS, PARENTS_AWARE, REFERRAL_SOURCES, consentErrors, isKey, type ContactMethod } from './rules.js';

/** What a contact draft holds: the form's text as typed, and the people found for it. */
export interface DraftData {
  fields: Record<string, string>;
  childIds: number[];
  adults: Array<{ personId: number; involvement: string }>;
  /** The last search typed on the draft, so its results show again. */
  q: string;
}

const TEXT_LIMITS: Record<string, number> = {
  'receivedDate-day': 2, 'receivedDate-month': 2, 'receivedDate-year': 4, receivedTime: 5,
  method: 30, sourceCode: 3, referrerAnonymous: 3, referrerName: 120, referrerOrganisation: 160, referrerRole: 120,
  referrerPhone: 40, referrerEmail: 200, referrerAddress: 400,
  whatHappened: 10000, referrerWorries: 5000, referrerActions: 5000, childViews: 5000, familyViews: 5000,
  parentsAware: 10, consent: 20, consentOverrideReason: 2000, edtActions: 5000,
};
export const CONTACT_FIELDS = Object.keys(TEXT_LIMITS);

/** The known fields of a posted form, as typed (cut at generous limits so a draft cannot grow without bound). */
export function fieldsFrom(body: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of CONTACT_FIELDS) {
    const v = body[k];
    if (typeof v === 'string') out[k] = v.slice(0, TEXT_LIMITS[k]! * 2);
  }
  return out;
}

/** Adults' involvement ("mother", "mother's partner") is typed beside each adult found. */
export function adultsFrom(body: Record<string, unknown>, adults: DraftData['adults']): DraftData['adults'] {
  return adults.map((a) => {
    const v = body[`involvement-${a.personId}`];
    return { personId: a.personId, involvement: typeof v === 'string' ? v.trim().slice(0, 120) : a.involvement };
  });
}

/** A new draft starts at now, by phone, with nothing else chosen. */
export function newDraft(now = new Date()): DraftData {
  const today = todayInLondon(now);
  return {
    fields: { 'receivedDate-day': String(Number(today.slice(8))), 'receivedDate-month': String(Number(today.slice(5, 7))), 'receivedDate-year': today.slice(0, 4), receivedTime: londonTimeOfDay(now), method: 'phone' },
    childIds: [],
    adults: [],
    q: '',
  };
}

const t = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

const schema = z.object({
  receivedTime: z.preprocess(t, z.string().regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'Enter the time the contact was received, like 09:30 or 14:05')),
  method: z.preprocess(t, z.string().refine((v) => isKey(CONTACT_METHODS, v), 'Select how the contact was received')),
  parentsAware: z.preprocess(t, z.string().refine((v) => isKey(PARENTS_AWARE, v), 'Select whether the parents know about the contact')),
  consent: z.preprocess(t, z.string().refine((v) => isKey(CONSENT, v), 'Select whether parents agree to the referral and to information sharing')),
});

/** Turns a draft into a contact, or says everything that is missing at once. */
export function readContact(d: DraftData, opts: { edt: boolean }): { input?: ContactInput; errors: FieldError[] } {
  const f = d.fields;
  const errors: FieldError[] = [];
  if (!d.childIds.length) errors.push({ field: 'children', text: 'Find and add the child or children the contact is about' });
  const date = dateFromParts(f, 'receivedDate', 'the date the contact was received', { required: true, notFuture: true });
  if (date.error) errors.push({ field: 'receivedDate', text: date.error });
  const parsed = schema.safeParse(f);
  const fieldErrors = new Map<string, string>();
  if (!parsed.success) for (const i of parsed.error.issues) if (!fieldErrors.has(String(i.path[0]))) fieldErrors.set(String(i.path[0]), i.message);
  const push = (field: string) => fieldErrors.has(field) && errors.push({ field, text: fieldErrors.get(field)! });
  push('receivedTime');
  push('method');
  const anonymous = f.referrerAnonymous === 'yes';
  if (!anonymous && !isKey(REFERRAL_SOURCES, t(f.sourceCode))) errors.push({ field: 'sourceCode', text: 'Select who the referrer is (the referral source)' });
  if (!anonymous && !t(f.referrerName)) errors.push({ field: 'referrerName', text: 'Enter the referrer’s name, or say that they wish to stay anonymous' });
  if (t(f.referrerEmail) && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t(f.referrerEmail))) errors.push({ field: 'referrerEmail', text: 'Enter an email address in the correct format, like name@example.com' });
  if (!t(f.whatHappened)) errors.push({ field: 'whatHappened', text: 'Enter what happened and what the referrer is worried about' });
  if (opts.edt && !t(f.edtActions)) errors.push({ field: 'edtActions', text: 'Enter what the emergency duty team did, so the MASH can pick it up in the morning' });
  push('parentsAware');
  push('consent');
  if (isKey(CONSENT, t(f.consent))) errors.push(...consentErrors(t(f.consent) as keyof typeof CONSENT, t(f.consentOverrideReason)));
  for (const [field, limit] of Object.entries(TEXT_LIMITS)) {
    if (t(f[field]).length > limit && !errors.some((e) => e.field === field)) errors.push({ field, text: `Must be ${limit} characters or fewer` });
  }
  if (errors.length || !date.value) return { errors };
  const receivedAt = londonDateTime(date.value, t(f.receivedTime).padStart(5, '0'));
  if (receivedAt.getTime() > Date.now() + 60000) return { errors: [{ field: 'receivedTime', text: 'The time received must not be in the future' }] };
  return {
    errors,
    input: {
      receivedAt,
      method: t(f.method) as ContactMethod,
      origin: opts.edt ? 'edt' : 'front_door',
      sourceCode: anonymous ? '9' : (t(f.sourceCode) as keyof typeof REFERRAL_SOURCES),
      referrer: { anonymous, name: t(f.referrerName), organisation: t(f.referrerOrganisation), role: t(f.referrerRole), phone: t(f.referrerPhone), email: t(f.referrerEmail), address: t(f.referrerAddress) },
      whatHappened: t(f.whatHappened),
      referrerWorries: t(f.referrerWorries),
      referrerActions: t(f.referrerActions),
      childViews: t(f.childViews),
      familyViews: t(f.familyViews),
      parentsAware: t(f.parentsAware) as 'yes' | 'no' | 'unknown',
      consent: t(f.consent) as keyof typeof CONSENT,
      consentOverrideReason: t(f.consentOverrideReason),
      childIds: d.childIds,
      adults: d.adults,
      edtActions: opts.edt ? t(f.edtActions) : '',
    },
  };
}
