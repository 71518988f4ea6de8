/**
 * The rules of child protection work, kept pure so they can be tested on their own at bank-holiday edges:
 * the ICPC target (anchored on the strategy discussion at which the s47 enquiry was initiated), the first core
 * group, review conferences, statutory visits, missing agencies at a strategy discussion, categories of abuse,
 * the number of previous plans, and pre-birth plans. Working days use the council's calendar (./time).
 */
import { addCalendarMonths, type ClockResult, type WorkingCalendar } from '../time/index.js';

/** Working Together 2023: the ICPC within 15 working days of the strategy discussion that initiated the s47. */
export const ICPC_WORKING_DAYS = 15;
/** The first core group within 10 working days of the ICPC. */
export const CORE_GROUP_WORKING_DAYS = 10;
/** The first review conference within 3 months of the ICPC; later ones not more than 6 months apart. */
export const FIRST_REVIEW_MONTHS = 3;
export const LATER_REVIEW_MONTHS = 6;
/** Statutory visits to a child on a plan: a local policy (Working Together sets no national figure). */
export const DEFAULT_VISIT_FREQUENCY_WORKING_DAYS = 10;
export const VISIT_FREQUENCY_SOURCE = 'Local policy: Working Together to Safeguard Children 2023 sets no national visit frequency for children on a child protection plan; 10 working days is this council’s default.';
/** Clocks count as due soon with this many working days or fewer left. */
export const DUE_SOON_WORKING_DAYS = 3;

export const AGENCIES = {
  police: 'Police',
  health: 'Health',
  social_care: 'Children’s social care',
  education: 'Education',
  probation: 'Probation',
  domestic_abuse: 'Domestic abuse service',
  housing: 'Housing',
  other: 'Other',
} as const;
export type Agency = keyof typeof AGENCIES;
/** Working Together: a strategy discussion involves at least police, health and children's social care. */
export const REQUIRED_AGENCIES: Agency[] = ['police', 'health', 'social_care'];

export const SD_DECISIONS = {
  s47_single: 'Section 47 enquiry: single agency (children’s social care)',
  s47_joint: 'Section 47 enquiry: joint with the police',
  no_s47: 'No section 47 enquiry',
} as const;
export type SdDecision = keyof typeof SD_DECISIONS;
export const startsS47 = (d: string) => d === 's47_single' || d === 's47_joint';

export const S47_OUTCOMES = {
  icpc: 'Concerns substantiated and the child is likely to suffer significant harm: initial child protection conference',
  cin: 'Concerns substantiated but the child is not likely to suffer significant harm: child in need',
  not_substantiated: 'Concerns not substantiated',
} as const;
export type S47Outcome = keyof typeof S47_OUTCOMES;

/** CIN census category of abuse codes. */
export const CATEGORIES = {
  NEG: 'Neglect',
  PHY: 'Physical abuse',
  SAB: 'Sexual abuse',
  EMO: 'Emotional abuse',
  MUL: 'Multiple',
} as const;
export type Category = keyof typeof CATEGORIES;
export const isCategory = (v: unknown): v is Category => typeof v === 'string' && Object.hasOwn(CATEGORIES, v);

export const INITIAL_DECISIONS = { plan: 'Child protection plan', no_plan: 'No child protection plan' } as const;
export const REVIEW_DECISIONS = { continue: 'Plan continues', end: 'Plan ends' } as const;

export const END_REASONS = {
  review_conference: 'Review conference decided the child is no longer at risk of significant harm',
  moved_away: 'The child moved to another local authority',
  looked_after: 'The child became looked after',
  adult: 'The child reached 18',
  died: 'The child died',
  other: 'Other',
} as const;

export const isKey = <T extends Record<string, string>>(o: T, v: unknown): v is keyof T & string => typeof v === 'string' && Object.hasOwn(o, v);

/** ICPC target date: 15 working days after the anchoring strategy discussion, so never a weekend or bank holiday. */
export function icpcTargetDate(calendar: WorkingCalendar, strategyDiscussionOn: string): string {
  return calendar.addWorkingDays(strategyDiscussionOn, ICPC_WORKING_DAYS);
}

export function icpcClock(calendar: WorkingCalendar, strategyDiscussionOn: string, today: string, heldOn: string | null): ClockResult {
  return calendar.clockStatus(strategyDiscussionOn, ICPC_WORKING_DAYS, today, heldOn, { dueSoonThreshold: DUE_SOON_WORKING_DAYS });
}

/** Which working day after the strategy discussion a conference was held on (day 12 of 15 is in time). */
export function workingDayNumber(calendar: WorkingCalendar, from: string, on: string): number {
  return calendar.workingDaysBetween(from, on);
}

export function coreGroupDueDate(calendar: WorkingCalendar, icpcOn: string): string {
  return calendar.addWorkingDays(icpcOn, CORE_GROUP_WORKING_DAYS);
}

export function coreGroupClock(calendar: WorkingCalendar, icpcOn: string, today: string, firstCoreGroupOn: string | null): ClockResult {
  return calendar.clockStatus(icpcOn, CORE_GROUP_WORKING_DAYS, today, firstCoreGroupOn, { dueSoonThreshold: DUE_SOON_WORKING_DAYS });
}

/**
 * The next review conference is due by: the ICPC + 3 months for the first review, else the last review + 6 months.
 * A limit in calendar months ("within 3 months"), so it may fall on a non-working day: the conference must be held
 * on or before it.
 */
export function reviewDueDate(icpcOn: string, lastReviewOn: string | null): string {
  return lastReviewOn ? addCalendarMonths(lastReviewOn, LATER_REVIEW_MONTHS) : addCalendarMonths(icpcOn, FIRST_REVIEW_MONTHS);
}

export function reviewClock(calendar: WorkingCalendar, icpcOn: string, lastReviewOn: string | null, today: string): ClockResult {
  return calendar.clockStatusForDueDate(lastReviewOn ?? icpcOn, reviewDueDate(icpcOn, lastReviewOn), today, null, { dueSoonThreshold: 10 });
}

/** Was a review held in time? The review that followed `previousOn` (the ICPC, or the previous review). */
export function reviewInTime(icpcOn: string, previousReviewOn: string | null, heldOn: string): boolean {
  return heldOn <= reviewDueDate(icpcOn, previousReviewOn);
}

/** Next statutory visit: the last visit (or the plan's start) + the visit frequency in working days. */
export function visitDueDate(calendar: WorkingCalendar, planStart: string, lastVisitOn: string | null, frequencyWorkingDays: number): string {
  return calendar.addWorkingDays(lastVisitOn ?? planStart, frequencyWorkingDays);
}

export function visitClock(calendar: WorkingCalendar, planStart: string, lastVisitOn: string | null, frequencyWorkingDays: number, today: string): ClockResult {
  return calendar.clockStatus(lastVisitOn ?? planStart, frequencyWorkingDays, today, null, { dueSoonThreshold: Math.min(DUE_SOON_WORKING_DAYS, Math.max(0, frequencyWorkingDays - 1)) });
}

/** Required agencies (police, health, social care) with no attendee at a strategy discussion. */
export function missingAgencies(attendees: Array<{ agency: string }>): Agency[] {
  const present = new Set(attendees.map((a) => a.agency));
  return REQUIRED_AGENCIES.filter((a) => !present.has(a));
}

/** NumberOfPreviousCPP: the child's plans that started before this one. */
export function previousPlansCount(earlierPlans: Array<{ start_date: string; id?: number }>, startDate: string, excludeId?: number): number {
  return earlierPlans.filter((p) => p.start_date < startDate && p.id !== excludeId).length;
}

/** A plan for an unborn child: the person has an expected date of birth and no date of birth yet. */
export function isPreBirth(person: { date_of_birth: string | null; expected_date_of_birth: string | null }): boolean {
  return !person.date_of_birth && !!person.expected_date_of_birth;
}

/** Latest category: the last conference that set one, else the plan's initial category. */
export function latestCategory(initial: string, conferences: Array<{ held_on: string; category: string | null }>): string {
  const set = conferences.filter((c) => c.category).sort((a, b) => a.held_on.localeCompare(b.held_on));
  return set.at(-1)?.category ?? initial;
}

/** Scalings 0 to 10, or blank. */
export function validScaling(v: unknown): number | null | undefined {
  if (v === '' || v === undefined || v === null) return null;
  const s = String(v).trim();
  if (s === '') return null;
  if (!/^\d{1,2}$/.test(s)) return undefined;
  const n = Number(s);
  return n <= 10 ? n : undefined;
}

export interface RuleError {
  field: string;
  text: string;
}

export interface SdInput {
  heldOn: string | null;
  heldOnError?: string | undefined;
  attendees: Array<{ agency: string; name: string; role: string; slot: string }>;
  informationShared: string;
  decision: string;
  rationale: string;
  actions: Array<{ description: string; owner: string; dueOn: string | null; dueOnError?: string | undefined; slot: string }>;
}

export function validateStrategyDiscussion(i: SdInput, referralDate: string): RuleError[] {
  const errors: RuleError[] = [];
  if (i.heldOnError) errors.push({ field: 'heldOn', text: i.heldOnError });
  else if (!i.heldOn) errors.push({ field: 'heldOn', text: 'Enter the date of the strategy discussion' });
  else if (i.heldOn < referralDate) errors.push({ field: 'heldOn', text: 'The strategy discussion cannot be before the referral' });
  if (!i.attendees.length) errors.push({ field: 'agency-1', text: 'Record who took part, with their agency' });
  for (const a of i.attendees) {
    if (!isKey(AGENCIES, a.agency)) errors.push({ field: `agency-${a.slot}`, text: `Select the agency of attendee ${a.slot}` });
    if (!a.name.trim()) errors.push({ field: `name-${a.slot}`, text: `Enter the name of attendee ${a.slot}` });
  }
  if (!i.informationShared.trim()) errors.push({ field: 'informationShared', text: 'Enter the information shared' });
  if (!isKey(SD_DECISIONS, i.decision)) errors.push({ field: 'decision', text: 'Select the decision' });
  if (i.decision === 'no_s47' && !i.rationale.trim()) errors.push({ field: 'rationale', text: 'Enter the rationale for not starting a section 47 enquiry' });
  for (const a of i.actions) {
    if (!a.description.trim()) errors.push({ field: `action-${a.slot}`, text: `Describe action ${a.slot}` });
    if (!a.owner.trim()) errors.push({ field: `owner-${a.slot}`, text: `Enter who owns action ${a.slot}` });
    if (a.dueOnError) errors.push({ field: `due-${a.slot}`, text: a.dueOnError });
    else if (!a.dueOn) errors.push({ field: `due-${a.slot}`, text: `Enter when action ${a.slot} is due` });
  }
  return errors;
}

export interface ConferenceInput {
  kind: 'initial' | 'review';
  heldOn: string | null;
  heldOnError?: string | undefined;
  attendees: Array<{ agency: string; name: string; role: string; attended: boolean; scaling: number | null; scalingError?: boolean; slot: string }>;
  reportsReceived: string;
  decision: string;
  category: string;
}

export function validateConference(i: ConferenceInput, earliest: string): RuleError[] {
  const errors: RuleError[] = [];
  if (i.heldOnError) errors.push({ field: 'heldOn', text: i.heldOnError });
  else if (!i.heldOn) errors.push({ field: 'heldOn', text: 'Enter the date of the conference' });
  else if (i.heldOn < earliest) errors.push({ field: 'heldOn', text: i.kind === 'initial' ? 'The conference cannot be before the section 47 enquiry started' : 'The review cannot be on or before the plan’s start or the last review' });
  if (!i.attendees.length) errors.push({ field: 'agency-1', text: 'Record who attended or sent apologies' });
  for (const a of i.attendees) {
    if (!isKey(AGENCIES, a.agency)) errors.push({ field: `agency-${a.slot}`, text: `Select the agency of attendee ${a.slot}` });
    if (!a.name.trim()) errors.push({ field: `name-${a.slot}`, text: `Enter the name of attendee ${a.slot}` });
    if (a.scalingError) errors.push({ field: `scaling-${a.slot}`, text: `Scaling for attendee ${a.slot} must be a whole number from 0 to 10` });
  }
  const decisions: Record<string, string> = i.kind === 'initial' ? INITIAL_DECISIONS : REVIEW_DECISIONS;
  if (!Object.hasOwn(decisions, i.decision)) errors.push({ field: 'decision', text: 'Select the conference’s decision' });
  const needsCategory = (i.kind === 'initial' && i.decision === 'plan') || (i.kind === 'review' && i.decision === 'continue');
  if (needsCategory && !isCategory(i.category)) errors.push({ field: 'category', text: 'Select the category of abuse' });
  return errors;
}
