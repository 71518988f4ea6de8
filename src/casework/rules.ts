/**
 * Casework rules: allocation, episode closure, case notes, management oversight and chronology marks.
 * Plain functions, free of HTTP and SQL, with unit tests (test/unit/casework-rules.test.ts).
 */
import { PRIMARY_NEED } from '../frontdoor/decision-form.js';
import { formatIsoDate } from '../web/nunjucks-setup.js';

export { PRIMARY_NEED };

type Errors = Array<{ field: string; text: string }>;

export const MAX_TEXT = 20000;
export const MAX_REASON = 2000;

const isKey = <T extends object>(o: T, k: unknown): k is keyof T => typeof k === 'string' && Object.prototype.hasOwnProperty.call(o, k);

/** DfE ReasonForClosure (CIN census, standards.md §1.3). */
export const CLOSURE_REASONS = {
  RC1: 'Adopted',
  RC2: 'Died',
  RC3: 'Child arrangements order',
  RC4: 'Special guardianship order',
  RC5: 'Transferred to services of another local authority',
  RC6: 'Transferred to adult social care services',
  RC7: 'Services ceased for any other reason, including child no longer in need',
  RC8: 'Case closed after assessment, no further action',
  RC9: 'Case closed after assessment, referred to early help',
} as const;
export type ClosureReason = keyof typeof CLOSURE_REASONS;

export const NOTE_TYPES = {
  visit: 'Visit',
  direct_work: 'Direct work',
  phone_call: 'Phone call',
  management_oversight: 'Management oversight',
  supervision: 'Supervision',
  other: 'Other',
} as const;
export type NoteType = keyof typeof NOTE_TYPES;

export const NOTE_STATUS = { draft: 'Draft', final: 'Final' } as const;

// ---- allocation ---------------------------------------------------------------------------------

export interface AllocationInput {
  teamId: number | null;
  workerId: number | null;
  reason: string;
  fromDate: string | null;
  /** The episode's team and worker now, and its start. */
  current: { teamId: number | null; workerId: number | null; startDate: string; status: string; lastFromDate: string | null };
  /** Active members of the chosen team (user ids), and whether the team is active. */
  teamMembers: number[];
  teamActive: boolean;
  today: string;
}

/**
 * An episode is allocated to an active team and one of its active members, from a date between the
 * episode's start (and the last allocation's) and today, with a reason. Re-allocating to the same team and
 * worker is refused: nothing would change.
 */
export function allocationErrors(input: AllocationInput): Errors {
  const errors: Errors = [];
  if (input.current.status !== 'open') return [{ field: 'form', text: 'This episode is closed: it cannot be allocated.' }];
  if (!input.teamId) errors.push({ field: 'teamId', text: 'Select the team' });
  else if (!input.teamActive) errors.push({ field: 'teamId', text: 'That team is no longer active: select another' });
  if (!input.workerId) errors.push({ field: 'workerId', text: 'Select the worker' });
  else if (input.teamId && input.teamActive && !input.teamMembers.includes(input.workerId)) errors.push({ field: 'workerId', text: 'The worker must be an active member of the team: select one of the team’s workers' });
  if (!input.fromDate) errors.push({ field: 'fromDate', text: 'Enter the date the allocation starts' });
  else if (input.fromDate > input.today) errors.push({ field: 'fromDate', text: 'The date the allocation starts must be today or in the past' });
  else if (input.fromDate < input.current.startDate) errors.push({ field: 'fromDate', text: 'The date the allocation starts must be on or after the episode started' });
  else if (input.current.lastFromDate && input.fromDate < input.current.lastFromDate) errors.push({ field: 'fromDate', text: 'The date the allocation starts must be on or after the current allocation started' });
  if (!input.reason.trim()) errors.push({ field: 'reason', text: 'Enter the reason for the allocation, for example allocated for a single assessment' });
  else if (input.reason.length > MAX_REASON) errors.push({ field: 'reason', text: `The reason must be ${MAX_REASON} characters or fewer` });
  if (!errors.length && input.teamId === input.current.teamId && input.workerId === input.current.workerId) {
    errors.push({ field: 'workerId', text: 'The episode is already allocated to this worker in this team' });
  }
  return errors;
}

/** 'allocation' the first time, 'transfer' when the team changes, 'reallocation' for a new worker in the same team. */
export function allocationKind(current: { teamId: number | null; workerId: number | null }, teamId: number): 'allocation' | 'transfer' | 'reallocation' {
  if (!current.teamId && !current.workerId) return 'allocation';
  return current.teamId !== teamId ? 'transfer' : 'reallocation';
}

// ---- closure ------------------------------------------------------------------------------------

export interface ClosureInput {
  endDate: string | null;
  reason: string;
  startDate: string;
  today: string;
  /** Open statutory clocks on the child's record (from every module's clock source). */
  openClocks: number;
  /** The user confirmed closing although clocks are open. */
  confirmed: boolean;
  /** The child has a date of death on the person record (RC2 needs one: rule 4009Q). */
  hasDeathDate: boolean;
  /**
   * The work on the episode, for RC8 and RC9 ("case closed after assessment"): authorised assessments, and child in
   * need plans, child protection plans and initial conferences. Without it those rules are not checked.
   */
  activity?: EpisodeActivity;
}

export interface EpisodeActivity {
  authorisedAssessments: number;
  cinPlans: number;
  cpPlans: number;
  initialConferences: number;
  /** Assessments not (yet) authorised: a closed episode may have none (CIN census 8867). */
  unauthorisedAssessments?: number;
  /** Section 47 enquiries with neither an initial conference nor "ICPC not required" (8868). */
  unfinishedS47s?: number;
  /** Plans still running: a plan ends before, or when, its episode closes (8565: closure on or after the plan's end). */
  openCpPlans?: number;
  openCinPlans?: number;
  /** The latest dated thing done on the episode (assessment start or authorisation, s47 start, ICPC, plan start or end): the closure may not come before it (8565). */
  latest?: { date: string; what: string } | null;
}

/** What the CIN census refuses in a closed episode (8867, 8868, 8565): work still unfinished, or done after the closure date. */
export function unfinishedWorkErrors(endDate: string | null, activity: EpisodeActivity): Errors {
  const errors: Errors = [];
  const n = (x: number | undefined) => x ?? 0;
  const plural = (k: number, one: string, many: string) => (k === 1 ? one : `${k} ${many}`);
  if (n(activity.unauthorisedAssessments)) {
    errors.push({ field: 'reason', text: `${plural(n(activity.unauthorisedAssessments), 'An assessment', 'assessments')} on this episode ${n(activity.unauthorisedAssessments) === 1 ? 'is' : 'are'} not authorised: finish and authorise ${n(activity.unauthorisedAssessments) === 1 ? 'it' : 'them'} before closing (CIN census 8867)` });
  }
  if (n(activity.unfinishedS47s)) {
    errors.push({ field: 'reason', text: `${plural(n(activity.unfinishedS47s), 'A section 47 enquiry', 'section 47 enquiries')} on this episode ${n(activity.unfinishedS47s) === 1 ? 'has' : 'have'} neither an initial conference nor a decision that one is not required: record the outcome before closing (CIN census 8868)` });
  }
  if (n(activity.openCpPlans)) errors.push({ field: 'reason', text: 'The child protection plan on this episode is still running: end it (at a review conference) before closing' });
  if (n(activity.openCinPlans)) errors.push({ field: 'reason', text: 'The child in need plan on this episode is still running: end it before closing' });
  if (endDate && activity.latest && endDate < activity.latest.date) {
    errors.push({ field: 'endDate', text: `The date the episode closed must be on or after ${activity.latest.what} on ${formatIsoDate(activity.latest.date)} (CIN census 8565)` });
  }
  return errors;
}

/** RC8 and RC9 say the case closed after an assessment, with nothing after it (CIN census 8825Q and 2990). */
export function afterAssessmentErrors(reason: string, activity: EpisodeActivity): Errors {
  if (reason !== 'RC8' && reason !== 'RC9') return [];
  if (activity.authorisedAssessments === 0) {
    return [{ field: 'reason', text: `${reason} is for a case closed after an assessment, and this episode has no authorised assessment: select the reason that fits` }];
  }
  const protection = activity.cpPlans ? 'a child protection plan' : activity.initialConferences ? 'an initial child protection conference' : '';
  const after = [activity.cinPlans ? 'a child in need plan' : '', protection].filter(Boolean);
  if (after.length) {
    return [{ field: 'reason', text: `${reason} is for a case closed straight after the assessment, and this episode had ${after.join(' and ')}: select another reason, such as RC7` }];
  }
  return [];
}

/**
 * An episode closes on a date between its start and today with a DfE reason (RC1–RC9). While a statutory clock is
 * still open on the child's record the closure needs an explicit confirmation (the manager has seen the warning).
 * RC2 (died) needs the date of death on the child's record.
 */
export function closureErrors(input: ClosureInput): Errors {
  const errors: Errors = [];
  const endDateOk = !!input.endDate && input.endDate >= input.startDate && input.endDate <= input.today;
  if (!input.endDate) errors.push({ field: 'endDate', text: 'Enter the date the episode closed' });
  else if (input.endDate < input.startDate) errors.push({ field: 'endDate', text: 'The date the episode closed must be on or after the date it started' });
  else if (input.endDate > input.today) errors.push({ field: 'endDate', text: 'The date the episode closed must be today or in the past' });
  if (!isKey(CLOSURE_REASONS, input.reason)) errors.push({ field: 'reason', text: 'Select the reason for closure' });
  else if (input.reason === 'RC2' && !input.hasDeathDate) errors.push({ field: 'reason', text: 'Record the child’s date of death on their person record before closing with RC2 (died)' });
  else if (input.activity) errors.push(...afterAssessmentErrors(input.reason, input.activity));
  // A bad closure date is reported as itself, not also against the episode's activity.
  if (input.activity) errors.push(...unfinishedWorkErrors(endDateOk ? input.endDate : null, input.activity));
  if (input.openClocks > 0 && !input.confirmed) {
    errors.push({ field: 'confirmOpen', text: `${input.openClocks === 1 ? 'A statutory clock is' : `${input.openClocks} statutory clocks are`} still open on the child’s record: confirm you want to close the episode anyway` });
  }
  return errors;
}

// ---- case notes ---------------------------------------------------------------------------------

export interface NoteInput {
  type: string;
  occurredDate: string | null;
  occurredTime: string;
  summary: string;
  body: string;
  childSeen: string;
  childSeenAlone: string;
  /** Saving as a draft needs less: a type and some text. */
  final: boolean;
  today: string;
}

export const YES_NO = { yes: 'Yes', no: 'No' } as const;

const TIME = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/;

/** 'HH:MM' from what was typed (9:30, 09.30), or null. */
export function parseTime(value: string): string | null {
  const m = TIME.exec(value.trim());
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : null;
}

/**
 * A case note: its type, when it happened (not in the future), a short summary and the note. A visit says whether the
 * child was seen, and if so whether alone. A draft can be saved with gaps; finishing it checks everything.
 */
export function noteErrors(input: NoteInput): Errors {
  const errors: Errors = [];
  if (!isKey(NOTE_TYPES, input.type)) errors.push({ field: 'type', text: 'Select the type of note' });
  if (input.final || input.occurredDate) {
    if (!input.occurredDate) errors.push({ field: 'occurredOn', text: 'Enter the date it happened' });
    else if (input.occurredDate > input.today) errors.push({ field: 'occurredOn', text: 'The date it happened must be today or in the past' });
  }
  if ((input.final || input.occurredTime.trim()) && !parseTime(input.occurredTime)) errors.push({ field: 'occurredTime', text: 'Enter the time it happened, for example 14:30' });
  if (input.final && !input.summary.trim()) errors.push({ field: 'summary', text: 'Enter a short summary of the note' });
  else if (input.summary.length > 200) errors.push({ field: 'summary', text: 'The summary must be 200 characters or fewer' });
  if (input.final && !input.body.trim()) errors.push({ field: 'body', text: 'Enter the note' });
  else if (input.body.length > MAX_TEXT) errors.push({ field: 'body', text: `The note must be ${MAX_TEXT} characters or fewer` });
  if (!input.final && !input.summary.trim() && !input.body.trim()) errors.push({ field: 'body', text: 'Enter the note, or a summary, before saving a draft' });
  if (input.type === 'visit' && input.final) {
    if (!isKey(YES_NO, input.childSeen)) errors.push({ field: 'childSeen', text: 'Select whether the child was seen' });
    else if (input.childSeen === 'yes' && !isKey(YES_NO, input.childSeenAlone)) errors.push({ field: 'childSeenAlone', text: 'Select whether the child was seen alone' });
  }
  if (input.childSeen === 'no' && input.childSeenAlone === 'yes') errors.push({ field: 'childSeenAlone', text: 'A child who was not seen cannot have been seen alone' });
  return errors;
}

/** Deleting a note needs a reason, kept on the record (the note stays, its text hidden). */
export function deletionErrors(reason: string): Errors {
  if (!reason.trim()) return [{ field: 'reason', text: 'Enter why the note is being deleted, for example recorded on the wrong child' }];
  if (reason.length > MAX_REASON) return [{ field: 'reason', text: `The reason must be ${MAX_REASON} characters or fewer` }];
  return [];
}

// ---- oversight and chronology -----------------------------------------------------------------

export interface OversightInput {
  decision: string;
  direction: string;
  timescale: string | null;
  timescaleError?: string | null;
  today: string;
}

/** Management oversight: the decision is required; a direction with its timescale (a date, not in the past). */
export function oversightErrors(input: OversightInput): Errors {
  const errors: Errors = [];
  if (!input.decision.trim()) errors.push({ field: 'decision', text: 'Enter the management decision' });
  else if (input.decision.length > MAX_TEXT) errors.push({ field: 'decision', text: `The decision must be ${MAX_TEXT} characters or fewer` });
  if (input.direction.length > MAX_TEXT) errors.push({ field: 'direction', text: `The direction must be ${MAX_TEXT} characters or fewer` });
  if (input.timescaleError) errors.push({ field: 'timescale', text: input.timescaleError });
  else if (input.timescale && input.timescale < input.today) errors.push({ field: 'timescale', text: 'The timescale must be today or in the future' });
  if (input.direction.trim() && !input.timescale && !input.timescaleError) errors.push({ field: 'timescale', text: 'Enter the date by which the direction should be carried out' });
  return errors;
}

export function markErrors(analysis: string): Errors {
  if (!analysis.trim()) return [{ field: 'analysis', text: 'Enter your analysis: why this entry is significant for the child' }];
  if (analysis.length > MAX_TEXT) return [{ field: 'analysis', text: `The analysis must be ${MAX_TEXT} characters or fewer` }];
  return [];
}

/** Age in whole years on a date: the person index's, re-exported for casework callers. */
export { ageOn } from '../people/codes.js';

/** The current status at the top of the child's record, from the episodes when no module says more. */
export function episodeStatus(episodes: Array<{ status: string; worker_name: string | null; team_name: string | null }>): string {
  const open = episodes.filter((e) => e.status === 'open');
  if (!open.length) return episodes.length ? 'Closed' : 'No children in need episode';
  const allocated = open.find((e) => e.worker_name);
  if (allocated) return `Allocated to ${allocated.worker_name}${allocated.team_name ? ` (${allocated.team_name})` : ''}`;
  return 'Open episode (unallocated)';
}
