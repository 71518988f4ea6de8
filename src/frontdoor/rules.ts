/**
 * Front door rules: codes, the one-working-day decision clock, RAG response times, consent, outcomes,
 * feedback to the referrer and when a contact may close. Plain functions, free of HTTP and SQL.
 */
import type { WorkingCalendar, ClockResult } from '../time/index.js';
import { isoDateInLondon, londonDateTime } from '../time/index.js';

export const CONTACT_METHODS = {
  phone: 'Phone',
  email: 'Email',
  online_form: 'Online form',
  police_notification: 'Police notification',
  in_person: 'In person',
  letter: 'Letter',
  api: 'Partner system',
} as const;
export type ContactMethod = keyof typeof CONTACT_METHODS;

/** DfE CIN census ReferralSource codes (standards.md §1.3), also Annex A list 1's contact source. */
export const REFERRAL_SOURCES = {
  '1A': 'Individual: family member, relative or carer',
  '1B': 'Individual: acquaintance (neighbour, childminder)',
  '1C': 'Individual: self',
  '1D': 'Individual: other (stranger)',
  '2A': 'Schools',
  '2B': 'Education services',
  '3A': 'Health: GP',
  '3B': 'Health visitor',
  '3C': 'School nurse',
  '3D': 'Other primary health services',
  '3E': 'A&E',
  '3F': 'Health: other (e.g. hospice)',
  '4': 'Housing',
  '5A': 'LA services: social care (e.g. adult social care)',
  '5B': 'LA services: other internal (e.g. youth offending)',
  '5C': 'LA services: external (another council)',
  '5D': 'LA services: early help',
  '6': 'Police',
  '7': 'Other legal agency (courts, probation, immigration, Cafcass, prison)',
  '8': 'Other (children’s centres, voluntary organisations)',
  '9': 'Anonymous',
  '10': 'Unknown',
} as const;
export type ReferralSource = keyof typeof REFERRAL_SOURCES;
/** The DfE's order (an object puts the number-like keys 4, 6, 7... first). */
export const REFERRAL_SOURCE_ORDER: ReferralSource[] = ['1A', '1B', '1C', '1D', '2A', '2B', '3A', '3B', '3C', '3D', '3E', '3F', '4', '5A', '5B', '5C', '5D', '6', '7', '8', '9', '10'];

export const PARENTS_AWARE = { yes: 'Yes', no: 'No', unknown: 'Not known' } as const;
export const CONSENT = {
  given: 'Parents agree to the referral and to information being shared',
  refused: 'Parents do not agree',
  not_sought: 'Consent has not been sought',
} as const;
export type Consent = keyof typeof CONSENT;

export const RAG = { red: 'Red', amber: 'Amber', green: 'Green' } as const;
export type Rag = keyof typeof RAG;

/** Response times per RAG rating; councils set their own (stored in settings), these are the defaults. */
export interface RagResponseTimes {
  /** Red: same day, within this many hours of the rating. */
  redHours: number;
  /** Amber: by the end of this many working days after the rating. */
  amberWorkingDays: number;
  greenWorkingDays: number;
}
export const DEFAULT_RAG_TIMES: RagResponseTimes = { redHours: 4, amberWorkingDays: 1, greenWorkingDays: 3 };

export const OUTCOMES = {
  nfa: 'No further action',
  information_advice: 'Information and advice',
  early_help: 'Step down to early help',
  referral: 'Referral to children’s social care for assessment',
  strategy_discussion: 'Strategy discussion (reasonable cause to suspect significant harm)',
  transfer: 'Transfer to another local authority',
} as const;
export type Outcome = keyof typeof OUTCOMES;

export const CHILD_STATUS = {
  awaiting_recommendation: 'Awaiting recommendation',
  awaiting_decision: 'Awaiting manager decision',
  challenged: 'Recommendation challenged',
  decided: 'Decided',
} as const;

export const FEEDBACK_METHODS = { email: 'Email', letter: 'Letter', phone: 'Phone call' } as const;

export const isKey = <T extends object>(map: T, v: unknown): v is keyof T => typeof v === 'string' && Object.prototype.hasOwnProperty.call(map, v);

/** Decisions that make the contact a referral to children's social care (CIN census CINreferralDate). */
export const isReferralOutcome = (o: Outcome) => o === 'referral' || o === 'strategy_discussion';

/** Working days a contact has for its decision (Working Together 2023: one working day from receipt). */
export const DECISION_WORKING_DAYS = 1;

/** The decision clock: due one working day after the day the contact was received. */
export function decisionClock(calendar: WorkingCalendar, receivedDate: string, today: string, decidedOn: string | null): ClockResult {
  return calendar.clockStatus(receivedDate, DECISION_WORKING_DAYS, today, decidedOn);
}

/** A decision made after the clock ran out must say why. */
export function decisionIsLate(calendar: WorkingCalendar, receivedDate: string, decidedOn: string): boolean {
  return decidedOn > calendar.addWorkingDays(receivedDate, DECISION_WORKING_DAYS);
}

/** 17:00 in England on a date, as an instant (GMT or BST). */
export function endOfWorkingDay(date: string): Date {
  return londonDateTime(date, '17:00');
}

/** When a response is due for a RAG rating given at `from`. */
export function responseDue(calendar: WorkingCalendar, rag: Rag, from: Date, times: RagResponseTimes = DEFAULT_RAG_TIMES): Date {
  if (rag === 'red') return new Date(from.getTime() + times.redHours * 3600_000);
  const days = rag === 'amber' ? times.amberWorkingDays : times.greenWorkingDays;
  return endOfWorkingDay(calendar.addWorkingDays(isoDateInLondon(from), days));
}

export function validateRagTimes(t: RagResponseTimes): Array<{ field: string; text: string }> {
  const errors: Array<{ field: string; text: string }> = [];
  if (!Number.isInteger(t.redHours) || t.redHours < 1 || t.redHours > 12) errors.push({ field: 'redHours', text: 'Red response time must be a whole number of hours from 1 to 12 (red means the same day)' });
  if (!Number.isInteger(t.amberWorkingDays) || t.amberWorkingDays < 1 || t.amberWorkingDays > 5) errors.push({ field: 'amberWorkingDays', text: 'Amber response time must be 1 to 5 working days' });
  if (!Number.isInteger(t.greenWorkingDays) || t.greenWorkingDays < 1 || t.greenWorkingDays > 10) errors.push({ field: 'greenWorkingDays', text: 'Green response time must be 1 to 10 working days' });
  if (!errors.length && t.greenWorkingDays < t.amberWorkingDays) errors.push({ field: 'greenWorkingDays', text: 'Green must allow at least as long as amber' });
  return errors;
}

/** Consent: proceeding without parents' agreement needs a recorded reason (e.g. it would place a child at risk). */
export function consentErrors(consent: Consent, overrideReason: string): Array<{ field: string; text: string }> {
  if (consent !== 'given' && !overrideReason.trim()) {
    return [{ field: 'consentOverrideReason', text: 'Give the reason for proceeding without parents’ consent (for example, asking would place a child at risk)' }];
  }
  return [];
}

/** How much time is left before `due`, for trays and the live clock ("2 hours 5 minutes left", "overdue by 3 hours"). */
export function timeLeft(due: Date, now: Date = new Date()): { overdue: boolean; minutes: number; text: string } {
  const minutes = Math.round((due.getTime() - now.getTime()) / 60000);
  const abs = Math.abs(minutes);
  const d = Math.floor(abs / 1440);
  const h = Math.floor((abs % 1440) / 60);
  const m = abs % 60;
  const parts = d ? [`${d} day${d === 1 ? '' : 's'}`, h ? `${h} hour${h === 1 ? '' : 's'}` : ''] : h ? [`${h} hour${h === 1 ? '' : 's'}`, m ? `${m} minute${m === 1 ? '' : 's'}` : ''] : [`${m} minute${m === 1 ? '' : 's'}`];
  const span = parts.filter(Boolean).join(' ');
  return { overdue: minutes < 0, minutes, text: minutes < 0 ? `overdue by ${span}` : `${span} left` };
}

export interface FeedbackChild {
  name: string;
  decision: Outcome;
}

/** The referrer's feedback, generated from the record; the worker edits it before sending. */
export function feedbackLetter(input: { councilName: string; referrerName: string; receivedDate: string; children: FeedbackChild[]; workerName: string }): string {
  const when = new Date(`${input.receivedDate}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const next: Record<Outcome, string> = {
    nfa: 'we have decided that no further action is needed from children’s social care at this time',
    information_advice: 'we have given information and advice, and no further action is needed from children’s social care',
    early_help: 'we have asked our early help service to offer the family support',
    referral: 'this has been accepted as a referral and a social worker will assess the child’s needs',
    strategy_discussion: 'we are holding a strategy discussion with partner agencies to decide what needs to happen next',
    transfer: 'the family lives in another local authority area, and we have passed your concerns to that authority',
  };
  const lines = input.children.map((c) => `- ${c.name}: ${next[c.decision]}.`);
  return [
    `Dear ${input.referrerName || 'referrer'},`,
    '',
    `Thank you for contacting ${input.councilName} on ${when} about ${input.children.length === 1 ? 'a child' : 'children'} you were worried about.`,
    '',
    'We have considered the information you gave us, together with what we and our partner agencies know, and:',
    ...lines,
    '',
    'If you become worried again, or something changes, please contact us straight away. If a child is in immediate danger, call 999.',
    '',
    'Yours sincerely,',
    input.workerName,
    `Multi-agency safeguarding hub, ${input.councilName}`,
  ].join('\n');
}

/** A contact can close once every child is decided and the referrer has been told (or the reason they were not is recorded). */
export function closeBlockers(contact: { feedbackSentAt: Date | null; feedbackNotSentReason: string; anonymous: boolean }, children: Array<{ status: string }>): string[] {
  const blockers: string[] = [];
  if (!children.length) blockers.push('Add the child or children the contact is about');
  if (children.some((c) => c.status !== 'decided')) blockers.push('Every child needs a manager’s decision');
  if (!contact.feedbackSentAt && !contact.feedbackNotSentReason.trim() && !contact.anonymous) blockers.push('Send feedback to the referrer, or record why it cannot be sent');
  return blockers;
}
