import { addCalendarDays, type ClockResult, type WorkingCalendar } from '../time/index.js';

/** Working Together 2023: an assessment is completed within 45 working days of the referral, whatever timescale is set. */
export const STATUTORY_MAX_WORKING_DAYS = 45;
export const STATUTORY_SOURCE =
  'Working Together to Safeguard Children 2023, chapter 2: the maximum timeframe for an assessment to conclude is 45 working days from the point of referral; the manager sets the timescale at the outset.';

/** The council's assessment settings, stored as data (admin page), with these defaults. */
export interface AssessmentSettings {
  /** Timescales a manager may choose from when giving guidance, in working days. */
  timescales: number[];
  /** Guidance is due this many working days after the assessment is requested (local practice). */
  guidanceWorkingDays: number;
  /** CIN plans are reviewed at least this often, in weeks (local practice). */
  cinReviewWeeks: number;
}
export const DEFAULT_SETTINGS: AssessmentSettings = { timescales: [10, 20, 35, 45], guidanceWorkingDays: 1, cinReviewWeeks: 12 };
export const SETTING_SOURCES: Record<keyof AssessmentSettings, string> = {
  timescales: `Default 10, 20, 35 and 45 working days. None may exceed ${STATUTORY_MAX_WORKING_DAYS}: ${STATUTORY_SOURCE}`,
  guidanceWorkingDays: 'Default 1 working day. Local practice: Working Together 2023 asks for manager guidance at the outset but sets no number of days.',
  cinReviewWeeks: 'Default 12 weeks. Local practice: there is no national timescale for reviewing a child in need plan; many councils review at least every 3 months.',
};

export interface RuleError {
  field: string;
  text: string;
}

export function validateSettings(s: AssessmentSettings): RuleError[] {
  const errors: RuleError[] = [];
  if (!s.timescales.length) errors.push({ field: 'timescales', text: 'Enter at least one timescale' });
  else if (s.timescales.some((n) => !Number.isInteger(n) || n < 1 || n > STATUTORY_MAX_WORKING_DAYS)) {
    errors.push({ field: 'timescales', text: `Each timescale must be a whole number of working days from 1 to ${STATUTORY_MAX_WORKING_DAYS}` });
  } else if (new Set(s.timescales).size !== s.timescales.length) errors.push({ field: 'timescales', text: 'Enter each timescale once' });
  if (!Number.isInteger(s.guidanceWorkingDays) || s.guidanceWorkingDays < 0 || s.guidanceWorkingDays > 10) {
    errors.push({ field: 'guidanceWorkingDays', text: 'Guidance must be due within 0 to 10 working days' });
  }
  if (!Number.isInteger(s.cinReviewWeeks) || s.cinReviewWeeks < 1 || s.cinReviewWeeks > 26) {
    errors.push({ field: 'cinReviewWeeks', text: 'Child in need plan reviews must be every 1 to 26 weeks' });
  }
  return errors;
}

/** Reads "10, 20, 35" into numbers (NaN for anything that is not a whole number). */
export function parseTimescales(text: string): number[] {
  return text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((t) => (/^\d{1,3}$/.test(t) ? Number(t) : NaN))
    .sort((a, b) => a - b);
}

export const STATUSES = {
  awaiting_guidance: 'Awaiting manager guidance',
  in_progress: 'In progress',
  submitted: 'Submitted for authorisation',
  authorised: 'Authorised',
} as const;
export type AssessmentStatus = keyof typeof STATUSES;
export const STATUS_TAGS: Record<AssessmentStatus, string> = {
  awaiting_guidance: 'govuk-tag--orange',
  in_progress: 'govuk-tag--blue',
  submitted: 'govuk-tag--purple',
  authorised: 'govuk-tag--green',
};

export const OUTCOMES = {
  nfa: 'No further action',
  early_help: 'Step down to early help',
  cin_plan: 'Child in need plan',
  strategy_discussion: 'Strategy discussion (significant harm suspected)',
  looked_after: 'Child to become looked after',
} as const;
export type Outcome = keyof typeof OUTCOMES;
export const isOutcome = (v: unknown): v is Outcome => typeof v === 'string' && v in OUTCOMES;

export const CHILD_SEEN = { seen_alone: 'Seen alone', seen: 'Seen, not alone', not_seen: 'Not seen' } as const;

/** DfE assessment factors (CIN census N00181), grouped as on the census guide. */
export const FACTOR_GROUPS: Array<{ heading: string; factors: Array<[string, string]> }> = [
  {
    heading: 'Alcohol, drugs and domestic abuse',
    factors: [
      ['1A', 'Alcohol misuse: the child'], ['1B', 'Alcohol misuse: parent or carer'], ['1C', 'Alcohol misuse: another person in the household'],
      ['2A', 'Drug misuse: the child'], ['2B', 'Drug misuse: parent or carer'], ['2C', 'Drug misuse: another person in the household'],
      ['3A', 'Domestic abuse: the child is the subject'], ['3B', 'Domestic abuse: parent or carer is the subject'], ['3C', 'Domestic abuse: another person in the household is the subject'],
    ],
  },
  {
    heading: 'Health and disability',
    factors: [
      ['4A', 'Mental health: the child'], ['4B', 'Mental health: parent or carer'], ['4C', 'Mental health: another person in the household'],
      ['5A', 'Learning disability: the child'], ['5B', 'Learning disability: parent or carer'], ['5C', 'Learning disability: another person in the household'],
      ['6A', 'Physical disability or illness: the child'], ['6B', 'Physical disability or illness: parent or carer'], ['6C', 'Physical disability or illness: another person in the household'],
      ['7A', 'Young carer'],
    ],
  },
  {
    heading: 'Private fostering and asylum',
    factors: [
      ['8B', 'Privately fostered: overseas, intending to return'], ['8C', 'Privately fostered: overseas, intending to stay'], ['8D', 'Privately fostered: UK, educational placement'],
      ['8E', 'Privately fostered: UK, alternative family arrangements'], ['8F', 'Privately fostered: other'], ['9A', 'Unaccompanied asylum-seeking child'],
    ],
  },
  {
    heading: 'Harm outside the home',
    factors: [
      ['10A', 'Going or being missing'], ['11A', 'Child sexual exploitation'], ['12A', 'Trafficking'], ['13A', 'Gangs'],
      ['14A', 'Socially unacceptable behaviour'], ['15A', 'Self-harm'], ['24A', 'Child criminal exploitation'],
    ],
  },
  {
    heading: 'Abuse and neglect',
    factors: [
      ['16A', 'Neglect'], ['17A', 'Emotional abuse'], ['18B', 'Physical abuse by another child'], ['18C', 'Physical abuse by an adult'],
      ['19B', 'Sexual abuse by another child'], ['19C', 'Sexual abuse by an adult'], ['22A', 'Female genital mutilation'], ['23A', 'Abuse linked to faith or belief'],
    ],
  },
  { heading: 'Other', factors: [['20', 'Other'], ['21', 'No factors identified']] },
];
export const FACTORS: Record<string, string> = Object.fromEntries(FACTOR_GROUPS.flatMap((g) => g.factors));
export const NO_FACTORS = '21';

/** Census rules 8869 (21 alone), 8898 (no duplicates), 8873Q (21 only where the outcome is no further action). */
export function validateFactors(codes: string[], outcome: string | null): RuleError[] {
  const errors: RuleError[] = [];
  const unknown = codes.filter((c) => !(c in FACTORS));
  if (unknown.length) errors.push({ field: 'factors', text: `Not a DfE assessment factor: ${unknown.join(', ')}` });
  if (new Set(codes).size !== codes.length) errors.push({ field: 'factors', text: 'Select each factor once' });
  if (codes.includes(NO_FACTORS) && codes.length > 1) errors.push({ field: 'factors', text: '“No factors identified” cannot be selected with other factors' });
  if (codes.includes(NO_FACTORS) && outcome && outcome !== 'nfa') errors.push({ field: 'factors', text: '“No factors identified” can only be used when the outcome is no further action' });
  return errors;
}

/** The last date the assessment may be completed: the timescale set, never beyond 45 working days from the referral. */
export function assessmentDueDate(calendar: WorkingCalendar, referralDate: string, startDate: string, timescaleWorkingDays: number): { dueDate: string; capped: boolean; statutoryDate: string } {
  const statutoryDate = calendar.addWorkingDays(referralDate, STATUTORY_MAX_WORKING_DAYS);
  const set = calendar.addWorkingDays(startDate, timescaleWorkingDays);
  return set > statutoryDate ? { dueDate: statutoryDate, capped: true, statutoryDate } : { dueDate: set, capped: false, statutoryDate };
}

export function guidanceDueDate(calendar: WorkingCalendar, requestedDate: string, settings: AssessmentSettings = DEFAULT_SETTINGS): string {
  return calendar.addWorkingDays(requestedDate, settings.guidanceWorkingDays);
}

export interface GuidanceInput {
  guidance: string;
  timescale: number;
  startDate: string | null;
}

/** The manager's guidance at the outset: what to focus on, a timescale from the offered list, the start date. */
export function validateGuidance(g: GuidanceInput, offered: number[], referralDate: string, today: string): RuleError[] {
  const errors: RuleError[] = [];
  if (!g.guidance.trim()) errors.push({ field: 'guidance', text: 'Enter what the assessment should focus on' });
  if (!offered.includes(g.timescale)) errors.push({ field: 'timescale', text: 'Select the timescale for the assessment' });
  if (!g.startDate) errors.push({ field: 'startDate', text: 'Enter the date the assessment starts' });
  else if (g.startDate < referralDate) errors.push({ field: 'startDate', text: 'The assessment cannot start before the referral date' });
  else if (g.startDate > today) errors.push({ field: 'startDate', text: 'The start date must be today or in the past' });
  return errors;
}

export interface AssessmentContent {
  childSeen: string | null;
  childSeenDate: string | null;
  childVoice: string;
  riskFactors: string;
  protectiveFactors: string;
  factors: string[];
  analysis: string;
  outcome: string | null;
  others: number;
}

/** Sections of the task list and whether each is done. */
export const SECTIONS = {
  voice: 'The child’s voice and whether they were seen',
  others: 'Absent parents and significant others',
  risks: 'Risk and protective factors',
  factors: 'Assessment factors',
  analysis: 'Analysis',
  outcome: 'Outcome',
} as const;
export type Section = keyof typeof SECTIONS;
export const isSection = (v: unknown): v is Section => typeof v === 'string' && v in SECTIONS;

export function sectionComplete(a: AssessmentContent, section: Section): boolean {
  switch (section) {
    case 'voice':
      return !!a.childSeen && (a.childSeen === 'not_seen' || !!a.childSeenDate) && !!a.childVoice.trim();
    case 'others':
      return a.others > 0;
    case 'risks':
      return !!a.riskFactors.trim() && !!a.protectiveFactors.trim();
    case 'factors':
      return a.factors.length > 0;
    case 'analysis':
      return !!a.analysis.trim();
    case 'outcome':
      return isOutcome(a.outcome);
  }
}

/** What stops a submission or an authorisation: an outcome, analysis and valid factors at least; the child's voice too. */
export function authorisationBlockers(a: AssessmentContent): RuleError[] {
  const errors: RuleError[] = [];
  if (!isOutcome(a.outcome)) errors.push({ field: 'outcome', text: 'Record the outcome of the assessment' });
  if (!a.analysis.trim()) errors.push({ field: 'analysis', text: 'Record the analysis' });
  if (!a.factors.length) errors.push({ field: 'factors', text: 'Record the assessment factors (or “No factors identified”)' });
  else errors.push(...validateFactors(a.factors, a.outcome));
  if (!sectionComplete(a, 'voice')) errors.push({ field: 'voice', text: 'Record whether the child was seen and the child’s voice' });
  return errors;
}

/** The DfE closure reason that fits an assessment outcome, when the episode can close after it. */
export function closureReasonFor(outcome: string | null): { code: 'RC8' | 'RC9'; text: string } | null {
  if (outcome === 'nfa') return { code: 'RC8', text: 'RC8: case closed after assessment, no further action' };
  if (outcome === 'early_help') return { code: 'RC9', text: 'RC9: case closed after assessment, referred to early help' };
  return null;
}

export function assessmentClock(calendar: WorkingCalendar, a: { start_date: string | null; due_date: string | null; authorisation_date: string | null }, today: string): ClockResult | null {
  if (!a.start_date || !a.due_date) return null;
  return calendar.clockStatusForDueDate(a.start_date, a.due_date, today, a.authorisation_date, { dueSoonThreshold: 5 });
}

// ---- CIN plans -------------------------------------------------------------------------------

/** The next review of a CIN plan: the last review's next date, or the start date plus the interval. */
export function nextReviewDue(plan: { start_date: string; review_interval_weeks: number; end_date: string | null }, reviews: Array<{ review_date: string; next_review_date: string | null }>): string | null {
  if (plan.end_date) return null;
  const last = [...reviews].sort((a, b) => a.review_date.localeCompare(b.review_date)).at(-1);
  if (last) return last.next_review_date ?? addCalendarDays(last.review_date, plan.review_interval_weeks * 7);
  return addCalendarDays(plan.start_date, plan.review_interval_weeks * 7);
}

export interface ReviewInput {
  reviewDate: string | null;
  outcome: string;
  nextReviewDate: string | null;
}
export function validateReview(r: ReviewInput, plan: { start_date: string; review_interval_weeks: number }, lastReviewDate: string | null, today: string): RuleError[] {
  const errors: RuleError[] = [];
  if (!r.reviewDate) errors.push({ field: 'reviewDate', text: 'Enter the date of the review' });
  else if (r.reviewDate < plan.start_date) errors.push({ field: 'reviewDate', text: 'The review cannot be before the plan started' });
  else if (r.reviewDate > today) errors.push({ field: 'reviewDate', text: 'The review date must be today or in the past' });
  else if (lastReviewDate && r.reviewDate < lastReviewDate) errors.push({ field: 'reviewDate', text: 'The review cannot be before the last review' });
  if (!r.outcome.trim()) errors.push({ field: 'outcome', text: 'Enter what the review decided' });
  if (r.reviewDate && r.nextReviewDate) {
    if (r.nextReviewDate <= r.reviewDate) errors.push({ field: 'nextReviewDate', text: 'The next review must be after this one' });
    else if (r.nextReviewDate > addCalendarDays(r.reviewDate, plan.review_interval_weeks * 7)) {
      errors.push({ field: 'nextReviewDate', text: `The next review must be within ${plan.review_interval_weeks} weeks of this one` });
    }
  }
  return errors;
}

export function validatePlanStart(startDate: string | null, referralDate: string, today: string, openPlan: boolean): RuleError[] {
  const errors: RuleError[] = [];
  if (openPlan) errors.push({ field: 'form', text: 'This child already has an open child in need plan' });
  if (!startDate) errors.push({ field: 'startDate', text: 'Enter the date the plan starts' });
  else if (startDate < referralDate) errors.push({ field: 'startDate', text: 'The plan cannot start before the referral date' });
  else if (startDate > today) errors.push({ field: 'startDate', text: 'The start date must be today or in the past' });
  return errors;
}

export function validatePlanEnd(endDate: string | null, reason: string, startDate: string, today: string): RuleError[] {
  const errors: RuleError[] = [];
  if (!endDate) errors.push({ field: 'endDate', text: 'Enter the date the plan ended' });
  else if (endDate <= startDate) errors.push({ field: 'endDate', text: 'The plan must end after the day it started' });
  else if (endDate > today) errors.push({ field: 'endDate', text: 'The end date must be today or in the past' });
  if (!reason.trim()) errors.push({ field: 'endReason', text: 'Enter why the plan ended' });
  return errors;
}
