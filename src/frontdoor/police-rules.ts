/**
 * Police notification rules: the fields of a notification and how a CSV row or an API item becomes one,
 * idempotency on the police reference, screening decisions, and Operation Encompass (which notices each
 * child needs and when they are due). Plain functions, free of HTTP and SQL.
 */
import { ageOn } from '../people/codes.js';
import { z } from 'zod';
import { normalisePostcode, validateNhsNumber } from '../people/matching/index.js';
import { parseUkDate } from '../people/search-query.js';
import { isValidIsoDate, type WorkingCalendar } from '../time/index.js';

export const POLICE_CATEGORIES = {
  domestic_abuse: 'Domestic abuse',
  missing_person: 'Missing person',
  child_concern: 'Child concern',
  crime: 'Crime',
  other: 'Other',
} as const;
export type PoliceCategory = keyof typeof POLICE_CATEGORIES;

/** DASH risk level as the police assessed it. */
export const POLICE_RISK = { standard: 'Standard', medium: 'Medium', high: 'High' } as const;
export type PoliceRisk = keyof typeof POLICE_RISK;

export const SCREENING_DECISIONS = {
  nfa: 'No further action',
  information_shared: 'Information shared with a partner agency',
  contact: 'Contact to the MASH',
  already_known: 'Already known: added to the open contact',
} as const;
export type ScreeningDecision = keyof typeof SCREENING_DECISIONS;

/** Agencies at the daily screening meeting. */
export const MEETING_AGENCIES = {
  childrens_social_care: 'Children’s social care',
  police: 'Police',
  health: 'Health',
  education: 'Education',
  domestic_abuse: 'Domestic abuse service',
  probation: 'Probation',
  other: 'Other',
} as const;
export type MeetingAgency = keyof typeof MEETING_AGENCIES;
/** A screening meeting is multi-agency: these must be represented for its decisions to stand. */
export const REQUIRED_MEETING_AGENCIES: MeetingAgency[] = ['childrens_social_care', 'police', 'health', 'education'];

export const ENCOMPASS_RECIPIENTS = {
  school: 'School or early years setting (key adult)',
  health_visitor: 'Health visitor',
  school_nurse: 'School nurse',
} as const;
export type EncompassRecipient = keyof typeof ENCOMPASS_RECIPIENTS;

export const MAX_API_BATCH = 5000;

const isKeyOf = <T extends object>(map: T, v: unknown): v is keyof T => typeof v === 'string' && Object.prototype.hasOwnProperty.call(map, v);

// ---------------------------------------------------------------------------------------------
// One notification, as the API receives it and as CSV rows are turned into

const text = (max: number) => z.string().trim().max(max, `must be ${max} characters or fewer`);
/** Five minutes' grace for clocks that disagree; a later time is a mistake in the police's data. (An unreadable date is reported by the format check.) */
const notFuture = (v: string) => !(new Date(v).getTime() > Date.now() + 5 * 60000);
const isoDateTime = z.iso.datetime({ offset: true, message: 'must be a date and time with a time zone, like 2026-11-26T21:40:00Z' });

export const personSchema = z.object({
  givenName: text(100).default(''),
  familyName: text(100).default(''),
  dateOfBirth: z.string().trim().refine((v) => v === '' || isValidIsoDate(v), 'must be a date, like 2019-04-03').nullish(),
  postcode: z.string().trim().refine((v) => v === '' || normalisePostcode(v) !== null, 'must be a full UK postcode, like SW1A 1AA').nullish(),
  nhsNumber: z.string().trim().refine((v) => v === '' || validateNhsNumber(v).ok, 'is not a valid NHS number').nullish(),
}).refine((p) => p.givenName || p.familyName, { message: 'needs a given name or a family name', path: ['familyName'] });
export type PersonInputRaw = z.input<typeof personSchema>;

export const notificationSchema = z.object({
  policeReference: z.string().trim().min(1, 'is required').max(60, 'must be 60 characters or fewer').regex(/^[A-Za-z0-9/_.-]+$/, 'must only include letters, numbers, / _ . and -'),
  receivedAt: isoDateTime.refine(notFuture, 'must not be in the future'),
  incidentAt: isoDateTime.refine(notFuture, 'must not be in the future').nullish(),
  category: z.enum(Object.keys(POLICE_CATEGORIES) as [PoliceCategory, ...PoliceCategory[]], { message: `must be one of ${Object.keys(POLICE_CATEGORIES).join(', ')}` }),
  domesticAbuse: z.boolean().default(false),
  risk: z.enum(Object.keys(POLICE_RISK) as [PoliceRisk, ...PoliceRisk[]], { message: 'must be standard, medium or high' }),
  force: text(100).default(''),
  officer: text(200).default(''),
  summary: z.string().trim().min(1, 'is required').max(10000, 'must be 10,000 characters or fewer'),
  address: text(300).default(''),
  postcode: z.string().trim().refine((v) => v === '' || normalisePostcode(v) !== null, 'must be a full UK postcode, like SW1A 1AA').default(''),
  children: z.array(personSchema).min(1, 'needs at least one child: a notification about no child is not for children’s social care').max(20),
  adults: z.array(personSchema).max(20).default([]),
});
export type NotificationRaw = z.input<typeof notificationSchema>;

export interface NotificationPerson {
  role: 'child' | 'adult';
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  postcode: string;
  nhsNumber: string;
}

/** A notification ready to store: checked and normalised. */
export interface NotificationInput {
  policeReference: string;
  receivedAt: Date;
  incidentAt: Date | null;
  category: PoliceCategory;
  domesticAbuse: boolean;
  risk: PoliceRisk;
  force: string;
  officer: string;
  summary: string;
  address: string;
  postcode: string;
  people: NotificationPerson[];
}

export interface ItemProblem {
  /** 0-based index of the item in an API batch, or the CSV line number. */
  at: number;
  field: string;
  text: string;
}

const person = (role: 'child' | 'adult', p: z.output<typeof personSchema>): NotificationPerson => ({
  role,
  givenName: p.givenName,
  familyName: p.familyName,
  dateOfBirth: p.dateOfBirth || null,
  postcode: p.postcode ? normalisePostcode(p.postcode)! : '',
  nhsNumber: p.nhsNumber ? (validateNhsNumber(p.nhsNumber) as { value: string }).value : '',
});

export function toNotificationInput(n: z.output<typeof notificationSchema>): NotificationInput {
  return {
    policeReference: n.policeReference.toUpperCase(),
    receivedAt: new Date(n.receivedAt),
    incidentAt: n.incidentAt ? new Date(n.incidentAt) : null,
    category: n.category,
    // A domestic abuse category is always flagged; other categories (e.g. a crime) may be flagged too.
    domesticAbuse: n.domesticAbuse || n.category === 'domestic_abuse',
    risk: n.risk,
    force: n.force,
    officer: n.officer,
    summary: n.summary,
    address: n.address,
    postcode: n.postcode ? normalisePostcode(n.postcode)! : '',
    people: [...n.children.map((c) => person('child', c)), ...n.adults.map((a) => person('adult', a))],
  };
}

/** zod issue path → the field name a problem reports: children[0].dateOfBirth. */
export function issueField(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '') || 'item';
}

/**
 * Checks an API batch. All-or-nothing: any problem means nothing is imported, and every problem is
 * reported with the item's index. A reference twice in one batch is a problem (which one is right?).
 */
export function checkBatch(items: unknown[]): { ok: true; notifications: NotificationInput[] } | { ok: false; problems: ItemProblem[] } {
  const problems: ItemProblem[] = [];
  const notifications: NotificationInput[] = [];
  const seen = new Map<string, number>();
  items.forEach((item, at) => {
    const r = notificationSchema.safeParse(item);
    if (!r.success) {
      for (const issue of r.error.issues) problems.push({ at, field: issueField(issue.path), text: issue.message });
      return;
    }
    const n = toNotificationInput(r.data);
    const first = seen.get(n.policeReference);
    if (first !== undefined) problems.push({ at, field: 'policeReference', text: `${n.policeReference} is also item ${first} of this batch` });
    else seen.set(n.policeReference, at);
    notifications.push(n);
  });
  return problems.length ? { ok: false, problems } : { ok: true, notifications };
}

// ---------------------------------------------------------------------------------------------
// CSV: one row per person; the rows of one notification share its reference and its details

export const CSV_COLUMNS = [
  'police_reference', 'received_at', 'incident_at', 'category', 'domestic_abuse', 'risk', 'force', 'officer', 'summary', 'address', 'postcode',
  'person_role', 'given_name', 'family_name', 'date_of_birth', 'person_postcode', 'nhs_number',
] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];
const REQUIRED_COLUMNS: CsvColumn[] = ['police_reference', 'received_at', 'category', 'risk', 'summary', 'person_role'];
/** Columns that describe the notification (not the person): every row of a reference must agree on them. */
const NOTIFICATION_COLUMNS: CsvColumn[] = ['received_at', 'incident_at', 'category', 'domestic_abuse', 'risk', 'force', 'officer', 'summary', 'address', 'postcode'];

/**
 * Hours England is ahead of UTC at an instant: 1 in British Summer Time (01:00 UTC on the last Sunday of
 * March to 01:00 UTC on the last Sunday of October, Summer Time Act 1972 as amended), otherwise 0.
 * Worked out from the rule rather than with Intl, which costs a third of a millisecond a call: the queue
 * page needs it for every row.
 */
export function londonOffsetHours(t: Date): 0 | 1 {
  const y = t.getUTCFullYear();
  const lastSunday = (month: number) => {
    const d = new Date(Date.UTC(y, month + 1, 0, 1));
    d.setUTCDate(d.getUTCDate() - d.getUTCDay());
    return d.getTime();
  };
  const ms = t.getTime();
  return ms >= lastSunday(2) && ms < lastSunday(9) ? 1 : 0;
}

/** The calendar date in England at an instant (as isoDateInLondon, by the rule above). */
export function londonDate(t: Date): string {
  return new Date(t.getTime() + londonOffsetHours(t) * 3600_000).toISOString().slice(0, 10);
}

/** A wall-clock time on a date in England (GMT or BST) as an instant, e.g. 08:30 on a school day. */
export function londonLocalTime(date: string, hour: number, minute: number): Date {
  const asUtc = new Date(`${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`);
  const summer = new Date(asUtc.getTime() - 3600_000);
  return londonOffsetHours(summer) === 1 ? summer : asUtc;
}

/** '2026-11-26T21:40:00Z' (any offset), or London local time: '2026-11-26 21:40' or '26/11/2026 21:40'. */
export function parseCsvDateTime(value: string): string | null {
  const s = value.trim();
  if (!s) return null;
  if (/T.*(Z|[+-]\d{2}:?\d{2})$/.test(s)) {
    const d = new Date(s);
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  }
  const m = /^(\S+)[ T](\d{1,2}):(\d{2})(?::\d{2})?$/.exec(s);
  if (!m) return null;
  const date = parseUkDate(m[1]!);
  const hour = Number(m[2]);
  const minute = Number(m[3]);
  if (!date || hour > 23 || minute > 59) return null;
  return londonLocalTime(date, hour, minute).toISOString();
}

const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0', '']);

export interface CsvHeaderPlan {
  index: Map<CsvColumn, number>;
}

export function planCsvHeader(header: readonly string[]): { ok: true; plan: CsvHeaderPlan } | { ok: false; text: string } {
  const names = header.map((h) => h.trim().toLowerCase().replace(/[\s-]+/g, '_'));
  const index = new Map<CsvColumn, number>();
  names.forEach((n, i) => {
    if ((CSV_COLUMNS as readonly string[]).includes(n)) index.set(n as CsvColumn, i);
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !index.has(c));
  if (missing.length) return { ok: false, text: `The file has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''}. The first row must name the columns: ${CSV_COLUMNS.join(', ')}` };
  return { ok: true, plan: { index } };
}

/**
 * Turns CSV records (one per person) into notifications. Every bad row is reported with its line; rows
 * of one reference must agree on the notification's details, so a half-edited file is caught.
 */
export function notificationsFromCsv(plan: CsvHeaderPlan, records: Iterable<{ line: number; values: string[] }>): { notifications: NotificationInput[]; problems: ItemProblem[] } {
  const problems: ItemProblem[] = [];
  const groups = new Map<string, { firstLine: number; key: string; raw: NotificationRaw & { children: PersonInputRaw[]; adults: PersonInputRaw[] }; childLines: number[]; adultLines: number[] }>();
  const get = (values: string[], c: CsvColumn) => {
    const i = plan.index.get(c);
    return i === undefined ? '' : (values[i] ?? '').trim();
  };
  for (const { line, values } of records) {
    const rowProblems: ItemProblem[] = [];
    const ref = get(values, 'police_reference').toUpperCase();
    // The notification's columns are read once, from its first row; later rows must repeat them exactly.
    const key = NOTIFICATION_COLUMNS.map((c) => get(values, c)).join('\u0000');
    let group = groups.get(ref);
    if (group && group.key !== key) {
      problems.push({ at: line, field: 'police_reference', text: `${ref} is also on line ${group.firstLine} with different notification details (times, category, risk, summary or address): the rows of one notification must agree` });
      continue;
    }
    let received: string | null = null;
    let incident: string | null = null;
    let daText = '';
    if (!group) {
      received = parseCsvDateTime(get(values, 'received_at'));
      if (!received) rowProblems.push({ at: line, field: 'received_at', text: 'received_at must be a date and time, like 2026-11-26 21:40 or 2026-11-26T21:40:00Z' });
      const incidentText = get(values, 'incident_at');
      incident = incidentText ? parseCsvDateTime(incidentText) : null;
      if (incidentText && !incident) rowProblems.push({ at: line, field: 'incident_at', text: 'incident_at must be a date and time, like 2026-11-26 21:40' });
      daText = get(values, 'domestic_abuse').toLowerCase();
      if (!YES.has(daText) && !NO.has(daText)) rowProblems.push({ at: line, field: 'domestic_abuse', text: 'domestic_abuse must be yes or no' });
    }
    const role = get(values, 'person_role').toLowerCase();
    if (role !== 'child' && role !== 'adult') rowProblems.push({ at: line, field: 'person_role', text: 'person_role must be child or adult' });
    const dobText = get(values, 'date_of_birth');
    const dob = dobText ? parseUkDate(dobText) : '';
    if (dob === null) rowProblems.push({ at: line, field: 'date_of_birth', text: 'date_of_birth must be a date, like 03/04/2019 or 2019-04-03' });
    if (rowProblems.length) {
      problems.push(...rowProblems);
      continue;
    }
    const p: PersonInputRaw = { givenName: get(values, 'given_name'), familyName: get(values, 'family_name'), dateOfBirth: dob || '', postcode: get(values, 'person_postcode'), nhsNumber: get(values, 'nhs_number') };
    if (!group) {
      group = {
        firstLine: line,
        key,
        childLines: [],
        adultLines: [],
        raw: {
          policeReference: ref,
          receivedAt: received!,
          incidentAt: incident,
          category: get(values, 'category').toLowerCase() as PoliceCategory,
          domesticAbuse: YES.has(daText),
          risk: get(values, 'risk').toLowerCase() as PoliceRisk,
          force: get(values, 'force'),
          officer: get(values, 'officer'),
          summary: get(values, 'summary'),
          address: get(values, 'address'),
          postcode: get(values, 'postcode'),
          children: [],
          adults: [],
        },
      };
      groups.set(ref, group);
    }
    (role === 'child' ? group.childLines : group.adultLines).push(line);
    (role === 'child' ? group.raw.children : group.raw.adults).push(p);
  }
  const notifications: NotificationInput[] = [];
  for (const g of groups.values()) {
    const r = notificationSchema.safeParse(g.raw);
    if (r.success) {
      notifications.push(toNotificationInput(r.data));
      continue;
    }
    for (const issue of r.error.issues) {
      // A person's problem is reported on that person's own line.
      const [list, i] = issue.path;
      let line = g.firstLine;
      if ((list === 'children' || list === 'adults') && typeof i === 'number') line = (list === 'children' ? g.childLines[i] : g.adultLines[i]) ?? g.firstLine;
      problems.push({ at: line, field: csvFieldFor(issue.path), text: `${csvFieldFor(issue.path)} ${issue.message}` });
    }
  }
  problems.sort((a, b) => a.at - b.at);
  return { notifications, problems };
}

const CSV_NAMES: Record<string, string> = {
  policeReference: 'police_reference', receivedAt: 'received_at', incidentAt: 'incident_at', category: 'category', risk: 'risk', force: 'force',
  officer: 'officer', summary: 'summary', address: 'address', postcode: 'postcode', children: 'person_role', givenName: 'given_name',
  familyName: 'family_name', dateOfBirth: 'date_of_birth', nhsNumber: 'nhs_number',
};
function csvFieldFor(path: ReadonlyArray<PropertyKey>): string {
  const last = [...path].reverse().find((p) => typeof p === 'string') as string | undefined;
  if (path.length > 2 && last === 'postcode') return 'person_postcode';
  return (last && CSV_NAMES[last]) || 'row';
}

// ---------------------------------------------------------------------------------------------
// Idempotency

/** Which references of a batch are new and which were imported before (reported, never duplicated). */
export function splitByReference<T extends { policeReference: string }>(items: T[], existing: ReadonlySet<string>): { fresh: T[]; already: string[] } {
  const fresh: T[] = [];
  const already: string[] = [];
  for (const n of items) {
    if (existing.has(n.policeReference)) already.push(n.policeReference);
    else fresh.push(n);
  }
  return { fresh, already };
}

// ---------------------------------------------------------------------------------------------
// Operation Encompass


/**
 * The early notices a child on a domestic abuse notification needs: the school's key adult (from school
 * age; a younger child's nursery is notified if they attend one, so it is offered but not required) and
 * health: the health visitor under 5, the school nurse from 5. A child whose age is unknown needs both
 * the school and a health notice (whichever service the worker finds).
 */
export function requiredEncompassNotices(dateOfBirth: string | null, on: string): { required: EncompassRecipient[]; health: EncompassRecipient | 'either' } {
  if (!dateOfBirth) return { required: ['school'], health: 'either' };
  const age = ageOn(dateOfBirth, on);
  const health: EncompassRecipient = age < 5 ? 'health_visitor' : 'school_nurse';
  return { required: age >= 4 ? ['school', health] : [health], health };
}

export function outstandingEncompass(dateOfBirth: string | null, on: string, sent: readonly EncompassRecipient[]): EncompassRecipient[] {
  const { required, health } = requiredEncompassNotices(dateOfBirth, on);
  const have = new Set(sent);
  const missing = required.filter((k) => !have.has(k));
  if (health === 'either' && !have.has('health_visitor') && !have.has('school_nurse')) missing.push('health_visitor');
  return missing;
}

/** When school starts: the notice must reach the key adult before then. */
export const SCHOOL_DAY_START = { hour: 8, minute: 30 };

/**
 * Encompass notices are due before the start of the next school day after the police attended (taken as
 * the incident time, or receipt when the police did not give one). School days are taken as working days:
 * a council may add INSET days as local non-working days.
 */
export function encompassDueAt(calendar: WorkingCalendar, notification: { incidentAt: Date | null; receivedAt: Date }): Date {
  const from = londonDate(notification.incidentAt ?? notification.receivedAt);
  return londonLocalTime(calendar.addWorkingDays(from, 1), SCHOOL_DAY_START.hour, SCHOOL_DAY_START.minute);
}

export type EncompassState = 'not_needed' | 'sent' | 'due' | 'overdue';

export function encompassState(domesticAbuse: boolean, outstanding: number, dueAt: Date, now: Date): EncompassState {
  if (!domesticAbuse) return 'not_needed';
  if (outstanding === 0) return 'sent';
  return now.getTime() >= dueAt.getTime() ? 'overdue' : 'due';
}

// ---------------------------------------------------------------------------------------------
// The screening meeting

export interface MeetingDecisionInput {
  notificationId: number;
  decision: ScreeningDecision;
  notes: string;
  sharedWith: string;
  action: { text: string; owner: string; dueOn: string } | null;
  matchedChildren: number;
}

/** Problems with one notification's decision, as field errors keyed by the notification id. */
export function decisionErrors(d: MeetingDecisionInput, meetingDate: string): Array<{ field: string; text: string }> {
  const errors: Array<{ field: string; text: string }> = [];
  const f = (name: string) => `${name}-${d.notificationId}`;
  if (!d.notes.trim()) errors.push({ field: f('notes'), text: 'Enter the reason for the decision' });
  if (d.decision === 'information_shared' && !d.sharedWith.trim()) errors.push({ field: f('sharedWith'), text: 'Enter which agency the information was shared with' });
  if ((d.decision === 'contact' || d.decision === 'already_known') && d.matchedChildren === 0) {
    errors.push({ field: f('decision'), text: 'Match the child to the person index first (on the notification page): a contact is about a known child record' });
  }
  if (d.action) {
    if (!d.action.text.trim()) errors.push({ field: f('action'), text: 'Enter the action, or clear its owner and due date' });
    if (!d.action.owner.trim()) errors.push({ field: f('owner'), text: 'Enter who owns the action' });
    if (!isValidIsoDate(d.action.dueOn)) errors.push({ field: f('dueOn'), text: 'Enter the due date, like 2026-12-01' });
    else if (d.action.dueOn < meetingDate) errors.push({ field: f('dueOn'), text: 'The due date must not be before the meeting' });
  }
  return errors;
}

export function attendeeErrors(attendees: Array<{ name: string; agency: string }>): Array<{ field: string; text: string }> {
  if (!attendees.length) return [{ field: 'attendees', text: 'Enter who attended the meeting, with their agency' }];
  if (attendees.some((a) => !isKeyOf(MEETING_AGENCIES, a.agency))) return [{ field: 'attendees', text: 'Select each attendee’s agency' }];
  const present = new Set(attendees.map((a) => a.agency));
  const missing = REQUIRED_MEETING_AGENCIES.filter((a) => !present.has(a));
  if (missing.length) return [{ field: 'attendees', text: `A screening meeting is multi-agency: record an attendee from ${missing.map((m) => MEETING_AGENCIES[m]).join(', ')}` }];
  return [];
}
