/**
 * Partner information requests: when an answer is due, what counts as overdue, how a partner's inbox
 * is ordered, what a request must contain and with whom an answer may be shared. Plain functions,
 * free of HTTP and SQL.
 */
import type { WorkingCalendar } from '../time/index.js';
import { AGENCIES, AGENCY_LABELS, isAgency, type Agency } from '../access/roles.js';
import { responseDue, type Rag, type RagResponseTimes } from './rules.js';

export const REQUEST_STATUS = { sent: 'Awaiting answer', answered: 'Answered', withdrawn: 'Withdrawn' } as const;
export type RequestStatus = keyof typeof REQUEST_STATUS;

/** What a partner's inbox filters on; "closed" is a request still unanswered when the MASH closed the contact. */
export const INBOX_FILTERS = { open: 'Awaiting your answer', answered: 'Answered', withdrawn: 'Withdrawn', closed: 'No longer needed (contact closed)' } as const;
export type InboxFilter = keyof typeof INBOX_FILTERS;

export const QUESTION_MAX = 4000;
export const ANSWER_MAX = 8000;
export const REASON_MAX = 1000;

/**
 * When the partner's answer is due: the contact's RAG response time from now. A contact not yet rated
 * is treated as amber (the middle rating: neither dropping everything nor waiting days), and the MASH
 * is told so, because the partner's clock then does not follow a rating anyone has given.
 */
export function requestDue(calendar: WorkingCalendar, rag: Rag | null, now: Date, times: RagResponseTimes): { due: Date; rag: Rag; assumed: boolean } {
  const used: Rag = rag ?? 'amber';
  return { due: responseDue(calendar, used, now, times), rag: used, assumed: rag === null };
}

/** Overdue: still awaiting an answer after its due time, on a contact that is still open. */
export function isOverdue(r: { status: string; dueAt: Date; contactClosed: boolean }, now: Date): boolean {
  return r.status === 'sent' && !r.contactClosed && r.dueAt.getTime() < now.getTime();
}

/** The status a partner sees: an unanswered request on a closed contact is no longer needed. */
export function inboxStatus(r: { status: string; contactClosed: boolean }): InboxFilter {
  if (r.status === 'answered') return 'answered';
  if (r.status === 'withdrawn') return 'withdrawn';
  return r.contactClosed ? 'closed' : 'open';
}

/**
 * The partner's inbox order: open requests first (overdue ones first, then the soonest due), then answered
 * (most recently answered first), then those no longer needed.
 */
export function inboxOrder<T extends { id: number; status: string; contactClosed: boolean; dueAt: Date; answeredAt: Date | null }>(rows: T[], now: Date): T[] {
  const rank = (r: T) => {
    const s = inboxStatus(r);
    if (s === 'open') return isOverdue(r, now) ? 0 : 1;
    return s === 'answered' ? 2 : 3;
  };
  return [...rows].sort((a, b) => {
    const d = rank(a) - rank(b);
    if (d) return d;
    if (rank(a) <= 1) return a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id;
    return (b.answeredAt?.getTime() ?? 0) - (a.answeredAt?.getTime() ?? 0) || b.id - a.id;
  });
}

export interface SendInput {
  agencies: string[];
  question: string;
  personIds: number[];
}

/**
 * Every problem with a request at once, for the error summary. `onContact` is everyone on the contact
 * (children and adults); `open` the agencies already waiting to answer a request on it.
 *
 * One open request per agency per contact: the partner answers one question at a time about a contact,
 * a second question is added by withdrawing the first and sending both together, and a double-submitted
 * form cannot send the same question twice. A follow-up after an answer is allowed.
 */
export function sendErrors(input: SendInput, onContact: number[], open: string[]): Array<{ field: string; text: string }> {
  const errors: Array<{ field: string; text: string }> = [];
  if (!input.agencies.length) errors.push({ field: 'agencies', text: 'Select the agency or agencies to ask' });
  else if (input.agencies.some((a) => !isAgency(a))) errors.push({ field: 'agencies', text: 'Select agencies from the list' });
  else {
    const busy = input.agencies.filter((a) => open.includes(a));
    if (busy.length) errors.push({ field: 'agencies', text: `${busy.map((a) => AGENCY_LABELS[a as Agency]).join(' and ')} already ${busy.length === 1 ? 'has' : 'have'} a request awaiting an answer on this contact: withdraw it first, or wait for the answer` });
  }
  if (!input.personIds.length) errors.push({ field: 'people', text: 'Select who the request is about' });
  else if (input.personIds.some((id) => !onContact.includes(id))) errors.push({ field: 'people', text: 'Select people who are on this contact' });
  if (!input.question.trim()) errors.push({ field: 'question', text: 'Enter what you need to know from the agency' });
  else if (input.question.length > QUESTION_MAX) errors.push({ field: 'question', text: `The question must be ${QUESTION_MAX} characters or fewer` });
  return errors;
}

export function answerErrors(answer: string): Array<{ field: string; text: string }> {
  if (!answer.trim()) return [{ field: 'answer', text: 'Enter your agency’s answer (say if your agency holds no information)' }];
  if (answer.length > ANSWER_MAX) return [{ field: 'answer', text: `The answer must be ${ANSWER_MAX} characters or fewer` }];
  return [];
}

/** The agencies an answer may be shared with: partner agencies other than the one that answered. */
export function shareableAgencies(answeringAgency: string): Agency[] {
  return AGENCIES.filter((a) => a !== answeringAgency);
}

export function shareErrors(answeringAgency: string, agencies: string[]): Array<{ field: string; text: string }> {
  if (agencies.some((a) => !isAgency(a))) return [{ field: 'agencies', text: 'Select agencies from the list' }];
  if (agencies.includes(answeringAgency)) return [{ field: 'agencies', text: 'The agency that answered already has its own answer' }];
  return [];
}
