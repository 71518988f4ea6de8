/**
 * The rules of allegation management, kept pure so they can be tested on their own:
 * the initial consideration clock, the timescale targets, and what a meeting record must contain.
 */
import { addCalendarMonths, calendarDaysBetween, type WorkingCalendar, type ClockResult } from '../time/index.js';

export const CATEGORIES = {
  physical: 'Physical abuse',
  sexual: 'Sexual abuse',
  emotional: 'Emotional abuse',
  neglect: 'Neglect',
  unsuitability: 'Behaviour indicating unsuitability to work with children',
  transferable: 'Transferable risk (conduct outside work)',
} as const;
export type Category = keyof typeof CATEGORIES;

export const SECTORS = {
  education: 'Education (school or college)',
  early_years: 'Early years and childcare',
  foster_care: 'Foster care',
  residential: 'Residential care',
  health: 'Health',
  police: 'Police',
  social_care: 'Children’s social care',
  faith: 'Faith organisation',
  sport: 'Sport and leisure',
  transport: 'Transport',
  voluntary: 'Voluntary and youth organisations',
  other: 'Other',
} as const;
export type Sector = keyof typeof SECTORS;

export const ENGAGEMENTS = { paid: 'Paid', volunteer: 'Volunteer' } as const;

export const CONSIDERATION_DECISIONS = {
  threshold_harm: 'Meets the threshold: may have harmed a child',
  threshold_offence: 'Meets the threshold: possible criminal offence against or related to a child',
  threshold_behaviour: 'Meets the threshold: behaved in a way that indicates they may pose a risk of harm',
  threshold_unsuitability: 'Meets the threshold: behaviour indicating unsuitability to work with children',
  not_met: 'Does not meet the threshold',
  advice_only: 'Advice only (recorded as a consultation)',
} as const;
export type ConsiderationDecision = keyof typeof CONSIDERATION_DECISIONS;
export const meetsThreshold = (d: string | null) => !!d && d.startsWith('threshold_');

export const OUTCOMES = {
  substantiated: 'Substantiated',
  unsubstantiated: 'Unsubstantiated',
  unfounded: 'Unfounded',
  false: 'False',
  malicious: 'Malicious',
} as const;
export type Outcome = keyof typeof OUTCOMES;

export const REGULATORS = {
  none: 'No referral',
  dbs: 'Disclosure and Barring Service',
  tra: 'Teaching Regulation Agency',
  ofsted: 'Ofsted',
  hcpc: 'Health and Care Professions Council',
  nmc: 'Nursing and Midwifery Council',
  swe: 'Social Work England',
  other: 'Other regulator',
} as const;

export const AGENCIES = {
  employer: 'Employer',
  police: 'Police',
  social_care: 'Children’s social care',
  hr: 'Human resources',
  regulator: 'Ofsted or regulator',
  health: 'Health',
  other: 'Other',
} as const;
export type MeetingAgency = keyof typeof AGENCIES;

export const EMPLOYMENT_STATUSES = {
  none: 'No change: still working',
  suspended: 'Suspended',
  redeployed: 'Redeployed',
  leave: 'On leave',
} as const;

export const STATUS_LABELS: Record<string, string> = {
  awaiting_consideration: 'Awaiting initial consideration',
  open: 'Open',
  outcome_recorded: 'Outcome recorded',
  closed: 'Closed',
};

/** Initial consideration: within 1 working day of the referral being received. */
export const CONSIDERATION_WORKING_DAYS = 1;
/** The employer's feedback to the designated officer is due this many working days after the meeting, unless set. */
export const EMPLOYER_FEEDBACK_WORKING_DAYS = 10;

/** Resolution targets from the referral (configurable): 80% within 1 month, 90% within 3, all but exceptional within 12. */
export interface TimescaleTarget {
  months: number;
  percent: number;
  label: string;
}
export const TIMESCALE_TARGETS: TimescaleTarget[] = [
  { months: 1, percent: 80, label: 'within 1 month' },
  { months: 3, percent: 90, label: 'within 3 months' },
  { months: 12, percent: 100, label: 'within 12 months (all but exceptional cases)' },
];

export function considerationClock(calendar: WorkingCalendar, receivedDate: string, today: string, completedOn: string | null): ClockResult {
  return calendar.clockStatus(receivedDate, CONSIDERATION_WORKING_DAYS, today, completedOn);
}

export interface TimescaleMilestone {
  label: string;
  months: number;
  percent: number;
  dueDate: string;
  /** met: resolved by then; missed: resolved later or still open after it; pending: still open, not yet reached. */
  state: 'met' | 'missed' | 'pending';
}

/** Where a case stands against each resolution target; resolved is the outcome date (or null while open). */
export function timescaleMilestones(receivedDate: string, resolvedOn: string | null, today: string, targets = TIMESCALE_TARGETS): TimescaleMilestone[] {
  return targets.map((t) => {
    const dueDate = addCalendarMonths(receivedDate, t.months);
    const state = resolvedOn ? (resolvedOn <= dueDate ? 'met' : 'missed') : today > dueDate ? 'missed' : 'pending';
    return { label: t.label, months: t.months, percent: t.percent, dueDate, state };
  });
}

/** Age band of an open case: the work tray lists cases open beyond 1, 3 and 12 months. */
export function openBeyondMonths(receivedDate: string, today: string): 0 | 1 | 3 | 12 {
  if (today > addCalendarMonths(receivedDate, 12)) return 12;
  if (today > addCalendarMonths(receivedDate, 3)) return 3;
  if (today > addCalendarMonths(receivedDate, 1)) return 1;
  return 0;
}

export function daysOpen(receivedDate: string, endDate: string): number {
  return Math.max(0, calendarDaysBetween(receivedDate, endDate));
}

export interface DecisionInput {
  decision: string;
  rationale: string;
}
export interface ActionInput {
  description: string;
  owner: string;
  dueDate: string | null;
  dueDateError?: string | undefined;
  employerFeedback: boolean;
}
export interface MeetingInput {
  kind: 'initial' | 'review';
  meetingDate: string | null;
  chair: string;
  attendees: Array<{ agency: string; name: string; attendance: 'attended' | 'apologies' }>;
  keyIssues: string;
  decisions: Array<DecisionInput & { slot: number }>;
  actions: Array<ActionInput & { slot: string }>;
  supportAnswer: '' | 'provided' | 'none_needed';
  supportProvider: string;
  supportNoneReason: string;
  childSupport: string;
  employmentStatus: string;
  employmentFrom: string | null;
  employmentTo: string | null;
  nextReviewDate: string | null;
}

export interface RuleError {
  field: string;
  text: string;
}

/**
 * What a meeting record must contain before it is saved. Ofsted asked that the rationale for each decision,
 * support for the person, and timescales for actions (including feedback to the designated officer) cannot be missed.
 */
export function validateMeeting(m: MeetingInput): RuleError[] {
  const errors: RuleError[] = [];
  if (!m.meetingDate) errors.push({ field: 'meetingDate', text: 'Enter the date of the meeting' });
  if (!m.chair.trim()) errors.push({ field: 'chair', text: 'Enter who chaired the meeting' });
  if (!m.attendees.length) errors.push({ field: 'attendees', text: 'Record at least one agency that attended or sent apologies' });
  if (!m.keyIssues.trim()) errors.push({ field: 'keyIssues', text: 'Enter the key issues discussed' });
  if (!m.decisions.length) errors.push({ field: 'decision-1', text: 'Record at least one decision, with its rationale' });
  for (const d of m.decisions) {
    if (!d.decision.trim()) errors.push({ field: `decision-${d.slot}`, text: `Enter decision ${d.slot}, or clear its rationale` });
    if (!d.rationale.trim()) errors.push({ field: `rationale-${d.slot}`, text: `Enter the rationale for decision ${d.slot}: a decision cannot be saved without one` });
  }
  for (const a of m.actions) {
    const name = a.employerFeedback ? 'the employer’s feedback to the designated officer' : `action ${a.slot}`;
    if (!a.description.trim()) errors.push({ field: `action-${a.slot}`, text: `Describe ${name}` });
    if (!a.owner.trim()) errors.push({ field: `owner-${a.slot}`, text: `Enter who owns ${name}` });
    if (a.dueDateError) errors.push({ field: `due-${a.slot}`, text: a.dueDateError });
    else if (!a.dueDate) errors.push({ field: `due-${a.slot}`, text: `Enter the due date for ${name}` });
  }
  if (!m.actions.some((a) => a.employerFeedback)) {
    errors.push({ field: 'action-feedback', text: 'Record the employer’s feedback to the designated officer, with an owner and due date' });
  }
  if (m.supportAnswer === '') errors.push({ field: 'supportAnswer', text: 'Answer whether support has been identified for the person the allegation is about' });
  if (m.supportAnswer === 'provided' && !m.supportProvider.trim()) errors.push({ field: 'supportProvider', text: 'Enter who provides support to the person the allegation is about' });
  if (m.supportAnswer === 'none_needed' && !m.supportNoneReason.trim()) errors.push({ field: 'supportNoneReason', text: 'Enter the reason no support is needed' });
  if (!(m.employmentStatus in EMPLOYMENT_STATUSES)) errors.push({ field: 'employmentStatus', text: 'Select whether the person is suspended, redeployed, on leave or still working' });
  else if (m.employmentStatus !== 'none' && !m.employmentFrom) errors.push({ field: 'employmentFrom', text: 'Enter the date the suspension, redeployment or leave started' });
  if (m.employmentFrom && m.employmentTo && m.employmentTo < m.employmentFrom) errors.push({ field: 'employmentTo', text: 'The end date must be on or after the start date' });
  return errors;
}

export function defaultFeedbackDue(calendar: WorkingCalendar, meetingDate: string): string {
  return calendar.addWorkingDays(meetingDate, EMPLOYER_FEEDBACK_WORKING_DAYS);
}

/** Normalised name key for spotting repeat referrals about the same person. */
export function subjectKey(given: string, family: string): string {
  const norm = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[^a-z]/g, '');
  const first = given.trim().split(/\s+/)[0] ?? '';
  return `${norm(family)}|${norm(first)}`;
}

export interface ReportCase {
  id: number;
  receivedDate: string;
  referrerSector: string;
  employerSector: string;
  category: string;
  considerationDecision: string | null;
  outcome: string | null;
  outcomeDate: string | null;
  subjectId: number;
}

export interface ReportRow {
  key: string;
  label: string;
  count: number;
}

function countBy(cases: ReportCase[], key: (c: ReportCase) => string | null, labels: Record<string, string>): ReportRow[] {
  const counts = new Map<string, number>();
  for (const c of cases) {
    const k = key(c) ?? 'none';
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const order = [...Object.keys(labels), 'none'];
  return [...counts.entries()]
    .sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]))
    .map(([k, count]) => ({ key: k, label: labels[k] ?? (k === 'none' ? 'Not yet recorded' : k), count }));
}

export interface AnnualReport {
  from: string;
  to: string;
  total: number;
  bySourceSector: ReportRow[];
  byEmployerSector: ReportRow[];
  byCategory: ReportRow[];
  byConsideration: ReportRow[];
  byOutcome: ReportRow[];
  timeliness: Array<{ label: string; percent: number; met: number; resolved: number; achievedPercent: number | null; onTarget: boolean | null }>;
  repeatSubjects: number;
  repeatReferrals: number;
}

/** The annual report from the year's referrals (received between from and to, inclusive). */
export function annualReport(cases: ReportCase[], from: string, to: string, targets = TIMESCALE_TARGETS): AnnualReport {
  const inYear = cases.filter((c) => c.receivedDate >= from && c.receivedDate <= to);
  const resolved = inYear.filter((c) => c.outcomeDate);
  const timeliness = targets.map((t) => {
    const met = resolved.filter((c) => c.outcomeDate! <= addCalendarMonths(c.receivedDate, t.months)).length;
    const achievedPercent = resolved.length ? Math.round((met / resolved.length) * 1000) / 10 : null;
    return { label: t.label, percent: t.percent, met, resolved: resolved.length, achievedPercent, onTarget: achievedPercent === null ? null : achievedPercent >= t.percent };
  });
  // A repeat: a person referred this year who has been referred more than once (this year or before).
  const allBySubject = new Map<number, number>();
  for (const c of cases) if (c.receivedDate <= to) allBySubject.set(c.subjectId, (allBySubject.get(c.subjectId) ?? 0) + 1);
  const bySubject = new Map<number, number>();
  for (const c of inYear) if ((allBySubject.get(c.subjectId) ?? 0) > 1) bySubject.set(c.subjectId, (bySubject.get(c.subjectId) ?? 0) + 1);
  const repeats = [...bySubject.values()];
  return {
    from,
    to,
    total: inYear.length,
    bySourceSector: countBy(inYear, (c) => c.referrerSector, SECTORS),
    byEmployerSector: countBy(inYear, (c) => c.employerSector, SECTORS),
    byCategory: countBy(inYear, (c) => c.category, CATEGORIES),
    byConsideration: countBy(inYear, (c) => c.considerationDecision, CONSIDERATION_DECISIONS),
    byOutcome: countBy(inYear, (c) => c.outcome, OUTCOMES),
    timeliness,
    repeatSubjects: repeats.length,
    repeatReferrals: repeats.reduce((a, b) => a + b, 0),
  };
}

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${(/^[=+\-@]/.test(s) ? "'" : '') + s.replace(/"/g, '""')}"` : s;
};

export function reportCsv(r: AnnualReport): string {
  const lines: string[] = [['section', 'item', 'count_or_percent', 'target_percent'].join(',')];
  const add = (section: string, rows: ReportRow[]) => rows.forEach((x) => lines.push([section, x.label, x.count, ''].map(csvCell).join(',')));
  lines.push(['total referrals', `${r.from} to ${r.to}`, r.total, ''].map(csvCell).join(','));
  add('source sector', r.bySourceSector);
  add('employer sector', r.byEmployerSector);
  add('category', r.byCategory);
  add('initial consideration', r.byConsideration);
  add('outcome', r.byOutcome);
  for (const t of r.timeliness) lines.push(['timeliness', `resolved ${t.label}`, t.achievedPercent ?? '', t.percent].map(csvCell).join(','));
  lines.push(['repeat referrals', 'people referred more than once', r.repeatSubjects, ''].map(csvCell).join(','));
  lines.push(['repeat referrals', 'referrals about those people', r.repeatReferrals, ''].map(csvCell).join(','));
  return lines.join('\r\n') + '\r\n';
}
