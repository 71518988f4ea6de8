import { z } from 'zod';
import { optionalText, requiredText, type FieldError } from '../web/forms.js';
import { dateFromParts } from '../people/person-form.js';
import { isValidIsoDate, todayInLondon, type WorkingCalendar } from '../time/index.js';
import { CATEGORIES, CONSIDERATION_DECISIONS, ENGAGEMENTS, OUTCOMES, REGULATORS, SECTORS, AGENCIES, defaultFeedbackDue, type MeetingInput } from './rules.js';
import type { OutcomeInput, ReferralInput, SubjectRoleInput } from './allegations-service.js';

const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [string, ...string[]];

export const DECISION_SLOTS = ['1', '2', '3'];
export const ACTION_SLOTS = ['1', '2', '3'];
export const OTHER_ROLE_SLOTS = ['1', '2'];

/** The day/month/year parts of a GOV.UK date input, to put back into the form. */
export const partsOf = (body: Record<string, unknown>, prefix: string) => ({ day: str(body[`${prefix}-day`]), month: str(body[`${prefix}-month`]), year: str(body[`${prefix}-year`]) });
export const partsFromIso = (iso: string | null | undefined) => (iso ? { day: String(Number(iso.slice(8, 10))), month: String(Number(iso.slice(5, 7))), year: iso.slice(0, 4) } : { day: '', month: '', year: '' });
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const trimmed = (v: unknown) => str(v).trim();

export { londonDateTime } from '../time/london-time.js';
import { londonDateTime } from '../time/london-time.js';

const referralSchema = z.object({
  receivedTime: z.preprocess((v) => trimmed(v), z.string().regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'Enter the time the referral was received, like 09:30 or 14:05')),
  referrerName: requiredText('Enter the name of the person who made the referral', 120),
  referrerOrganisation: requiredText('Enter the referrer’s organisation', 160),
  referrerSector: z.enum(keys(SECTORS), { message: 'Select the referrer’s sector' }),
  employerName: requiredText('Enter the employer or organisation the person works or volunteers for', 160),
  employerSector: z.enum(keys(SECTORS), { message: 'Select the employer’s sector' }),
  dslName: requiredText('Enter the employer’s designated safeguarding lead (or the senior manager who is the contact)', 120),
  dslContact: optionalText(200),
  subjectGivenNames: requiredText('Enter the given names of the person the allegation is about', 100),
  subjectFamilyName: requiredText('Enter the family name of the person the allegation is about', 100),
  subjectRole: requiredText('Enter their role, for example class teacher', 120),
  subjectEngagement: z.enum(keys(ENGAGEMENTS), { message: 'Select whether they are paid or a volunteer' }),
  alleged: requiredText('Describe what is alleged', 8000),
  category: z.enum(keys(CATEGORIES), { message: 'Select the category of the allegation' }),
  policeInvolved: z.enum(['yes', 'no'], { message: 'Select whether the police are involved' }),
});

export function readReferral(body: Record<string, unknown>, childIds: number[]): { input?: ReferralInput; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const received = dateFromParts(body, 'receivedDate', 'the date the referral was received', { required: true, notFuture: true });
  if (received.error) errors.push({ field: 'receivedDate', text: received.error });
  const f = z.object(referralSchema.shape).safeParse(body);
  if (!f.success) {
    const seen = new Set<string>();
    for (const i of f.error.issues) {
      const field = String(i.path[0]);
      if (!seen.has(field)) errors.push({ field, text: i.message });
      seen.add(field);
    }
  }
  const dob = dateFromParts(body, 'subjectDateOfBirth', 'their date of birth', { notFuture: true });
  if (dob.error) errors.push({ field: 'subjectDateOfBirth', text: dob.error });
  const otherRoles: SubjectRoleInput[] = [];
  for (const s of OTHER_ROLE_SLOTS) {
    const r = { employer: trimmed(body[`otherEmployer-${s}`]), role: trimmed(body[`otherRole-${s}`]), sector: trimmed(body[`otherSector-${s}`]), engagement: trimmed(body[`otherEngagement-${s}`]) };
    if (!r.employer && !r.role && !r.sector && !r.engagement) continue;
    if (!r.employer) errors.push({ field: `otherEmployer-${s}`, text: `Enter the employer or organisation for other role ${s}` });
    if (!r.role) errors.push({ field: `otherRole-${s}`, text: `Enter the role for other role ${s}` });
    if (!(r.sector in SECTORS)) errors.push({ field: `otherSector-${s}`, text: `Select the sector for other role ${s}` });
    if (!(r.engagement in ENGAGEMENTS)) errors.push({ field: `otherEngagement-${s}`, text: `Select whether other role ${s} is paid or voluntary` });
    otherRoles.push(r);
  }
  if (!childIds.length) errors.push({ field: 'children', text: 'Find and add the child or children the allegation concerns' });
  if (errors.length || !f.success || !received.value) return { errors };
  const d = f.data;
  const time = d.receivedTime.padStart(5, '0');
  const receivedAt = londonDateTime(received.value, time);
  if (receivedAt.getTime() > Date.now() + 60000) return { errors: [{ field: 'receivedTime', text: 'The time the referral was received must be in the past' }] };
  return {
    errors,
    input: {
      receivedAt,
      referrerName: d.referrerName, referrerOrganisation: d.referrerOrganisation, referrerSector: d.referrerSector,
      employerName: d.employerName, employerSector: d.employerSector, dslName: d.dslName, dslContact: d.dslContact,
      subjectGivenNames: d.subjectGivenNames, subjectFamilyName: d.subjectFamilyName, subjectDateOfBirth: dob.value,
      subjectRole: d.subjectRole, subjectEngagement: d.subjectEngagement, otherRoles, childIds,
      alleged: d.alleged, category: d.category, policeInvolved: d.policeInvolved === 'yes',
    },
  };
}

export function readConsideration(body: Record<string, unknown>): { input?: { decision: string; rationale: string; date: string }; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const decision = trimmed(body.decision);
  if (!(decision in CONSIDERATION_DECISIONS)) errors.push({ field: 'decision', text: 'Select the decision: whether the allegation meets the threshold, does not, or is advice only' });
  const rationale = trimmed(body.rationale);
  if (!rationale) errors.push({ field: 'rationale', text: 'Enter the rationale for the decision' });
  else if (rationale.length > 8000) errors.push({ field: 'rationale', text: 'Rationale must be 8000 characters or fewer' });
  const date = dateFromParts(body, 'considerationDate', 'the date of the decision', { required: true, notFuture: true });
  if (date.error) errors.push({ field: 'considerationDate', text: date.error });
  if (errors.length || !date.value) return { errors };
  return { errors, input: { decision, rationale, date: date.value } };
}

/** Reads the meeting form; the rules (validateMeeting) decide what is missing. Date errors are reported here. */
export function readMeeting(body: Record<string, unknown>, kind: 'initial' | 'review', calendar: WorkingCalendar): { input: MeetingInput; dateErrors: FieldError[] } {
  const dateErrors: FieldError[] = [];
  const date = (prefix: string, label: string, opts: { notFuture?: boolean } = {}) => {
    const r = dateFromParts(body, prefix, label, opts);
    if (r.error) dateErrors.push({ field: prefix, text: r.error });
    return r.value;
  };
  const meetingDate = date('meetingDate', 'the date of the meeting', { notFuture: true });
  const attendees: MeetingInput['attendees'] = [];
  for (const agency of Object.keys(AGENCIES)) {
    const attendance = trimmed(body[`attendance-${agency}`]);
    if (attendance !== 'attended' && attendance !== 'apologies') continue;
    attendees.push({ agency, name: trimmed(body[`attendee-${agency}`]).slice(0, 300), attendance });
  }
  const decisions = DECISION_SLOTS.map((slot) => ({ slot: Number(slot), decision: trimmed(body[`decision-${slot}`]), rationale: trimmed(body[`rationale-${slot}`]) })).filter((d) => d.decision || d.rationale);
  const actions: MeetingInput['actions'] = [];
  for (const slot of [...ACTION_SLOTS, 'feedback']) {
    const description = trimmed(body[`action-${slot}`]);
    const owner = trimmed(body[`owner-${slot}`]);
    const p = partsOf(body, `due-${slot}`);
    const anyDue = !!(p.day.trim() || p.month.trim() || p.year.trim());
    if (!description && !owner && !anyDue) continue;
    const due = dateFromParts(body, `due-${slot}`, 'the due date');
    let dueDate = due.value;
    // The employer's feedback has a due date by default: counted from the meeting.
    if (slot === 'feedback' && !anyDue && meetingDate && isValidIsoDate(meetingDate)) dueDate = defaultFeedbackDue(calendar, meetingDate);
    actions.push({ slot, description, owner, dueDate, dueDateError: due.error, employerFeedback: slot === 'feedback' });
  }
  const answer = trimmed(body.supportAnswer);
  return {
    dateErrors,
    input: {
      kind,
      meetingDate,
      chair: trimmed(body.chair).slice(0, 200),
      attendees,
      keyIssues: trimmed(body.keyIssues).slice(0, 8000),
      decisions,
      actions,
      supportAnswer: answer === 'provided' || answer === 'none_needed' ? answer : '',
      supportProvider: trimmed(body.supportProvider).slice(0, 2000),
      supportNoneReason: trimmed(body.supportNoneReason).slice(0, 2000),
      childSupport: trimmed(body.childSupport).slice(0, 2000),
      employmentStatus: trimmed(body.employmentStatus),
      employmentFrom: date('employmentFrom', 'the start date'),
      employmentTo: date('employmentTo', 'the end date'),
      nextReviewDate: date('nextReviewDate', 'the date of the next review'),
    },
  };
}

export function readOutcome(body: Record<string, unknown>): { input?: OutcomeInput; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const outcome = trimmed(body.outcome);
  if (!(outcome in OUTCOMES)) errors.push({ field: 'outcome', text: 'Select the outcome: substantiated, unsubstantiated, unfounded, false or malicious' });
  const date = dateFromParts(body, 'outcomeDate', 'the date of the outcome', { required: true, notFuture: true });
  if (date.error) errors.push({ field: 'outcomeDate', text: date.error });
  const regulator = trimmed(body.regulatorReferral);
  if (!(regulator in REGULATORS)) errors.push({ field: 'regulatorReferral', text: 'Select whether the person was referred to the DBS or a regulator' });
  const regDate = dateFromParts(body, 'regulatorReferralDate', 'the date of the referral', { required: regulator !== '' && regulator !== 'none', notFuture: true });
  if (regDate.error && regulator !== 'none') errors.push({ field: 'regulatorReferralDate', text: regDate.error });
  const retained = trimmed(body.retainedOnFile);
  if (!retained) errors.push({ field: 'retainedOnFile', text: 'Enter what is retained on the person’s file' });
  const summary = trimmed(body.referenceSummary);
  if (!summary) errors.push({ field: 'referenceSummary', text: 'Enter the summary for employers’ references' });
  if (errors.length || !date.value) return { errors };
  return {
    errors,
    input: {
      outcome, outcomeDate: date.value, regulatorReferral: regulator, regulatorReferralDate: regDate.value,
      lessonsLearned: trimmed(body.lessonsLearned).slice(0, 8000), retainedOnFile: retained.slice(0, 8000), referenceSummary: summary.slice(0, 8000),
      exceptionalReason: trimmed(body.exceptionalReason).slice(0, 4000),
    },
  };
}

export function readClosure(body: Record<string, unknown>): { input?: { closedDate: string; note: string }; errors: FieldError[] } {
  const date = dateFromParts(body, 'closedDate', 'the date of closure', { required: true, notFuture: true });
  if (date.error || !date.value) return { errors: [{ field: 'closedDate', text: date.error ?? 'Enter the date of closure' }] };
  return { errors: [], input: { closedDate: date.value, note: trimmed(body.closureNote).slice(0, 4000) } };
}

export const todayParts = () => partsFromIso(todayInLondon());

export { selectItems as optionItems, choiceItems as radioItems } from '../web/forms.js';

const referralEditSchema = z.object({
  alleged: referralSchema.shape.alleged,
  category: referralSchema.shape.category,
  policeInvolved: referralSchema.shape.policeInvolved,
  dslName: referralSchema.shape.dslName,
  dslContact: referralSchema.shape.dslContact,
  subjectRole: referralSchema.shape.subjectRole,
});

export function readReferralEdit(body: Record<string, unknown>): { input?: { alleged: string; category: string; policeInvolved: boolean; dslName: string; dslContact: string; subjectRole: string }; errors: FieldError[] } {
  const r = referralEditSchema.safeParse(body);
  if (!r.success) {
    const seen = new Set<string>();
    const errors: FieldError[] = [];
    for (const i of r.error.issues) {
      const field = String(i.path[0]);
      if (!seen.has(field)) errors.push({ field, text: i.message });
      seen.add(field);
    }
    return { errors };
  }
  return { errors: [], input: { ...r.data, policeInvolved: r.data.policeInvolved === 'yes' } };
}
