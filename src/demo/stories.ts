/**
 * One story per child for the demo council, read by every practice seeder so that each child's record is consistent
 * from the referral on: CIN episode → allocation → assessment (awaiting guidance, in progress, overdue, submitted,
 * authorised) → CIN plan, or strategy discussion → s47 → ICPC → CP plan → core groups → visits → review conferences
 * → plan ended (stepped down to a CIN plan, or closed RC7); closures after assessment (RC8, RC9); a pre-birth case;
 * and the Signs of Safety mapping and scaling each child's work carries.
 *
 * The stories are cast on the front door's referrals (the latest referral of each child; earlier referrals of the same
 * child are closed before the next one starts). Casting and every date are pure functions of the referrals, the
 * children's dates of birth, the working-day calendar and the demo's "today", so each seeder (casework, assessments,
 * Signs of Safety, child protection) calls `demoCases` and gets the same answer, and the demo stays current whenever it
 * is started. Each seeder writes only its own tables. All fictional.
 */
import { sql } from 'kysely';
import type { DemoSeedContext } from './seeders.js';
import { addCalendarDays, addCalendarMonths, calendarDaysBetween, type WorkingCalendar } from '../time/index.js';

export type StoryKey =
  | 'unallocated'
  | 'awaiting_guidance'
  | 'assessment_in_progress'
  | 'assessment_overdue'
  | 'assessment_submitted'
  | 'cin_plan'
  | 'cin_plan_worsening'
  | 'sd_no_s47'
  | 's47_open'
  | 'icpc_overdue'
  | 'cp_new'
  | 'cp_visit_overdue'
  | 'cp_reviewed'
  | 'cp_teen'
  | 'cp_stepped_down'
  | 'cp_ended_closed'
  | 'pre_birth'
  | 'closed_nfa'
  | 'closed_early_help'
  | 'closed_cin'
  | 'closed_short';

export type Category = 'NEG' | 'PHY' | 'SAB' | 'EMO' | 'MUL';

export interface DemoReferral {
  contactChildId: number;
  contactId: number;
  personId: number;
  name: string;
  dateOfBirth: string | null;
  receivedDate: string;
  sourceCode: string;
  primaryNeed: string | null;
  /** The front door's decision: 'referral' or 'strategy_discussion'. */
  decision: string;
}

export interface AssessmentStory {
  requested: string;
  status: 'awaiting_guidance' | 'in_progress' | 'submitted' | 'authorised';
  start: string | null;
  timescale: number | null;
  due: string | null;
  /** The day the child was seen (alone unless `seenWithParent`), null if not yet. */
  childSeenOn: string | null;
  seenWithParent: boolean;
  submitted: string | null;
  authorised: string | null;
  outcome: 'nfa' | 'early_help' | 'cin_plan' | 'strategy_discussion' | null;
  factors: string[];
}

export interface CinPlanStory {
  start: string;
  end: string | null;
  endReason: string | null;
  reviews: Array<{ on: string; next: string | null; outcome: string }>;
}

export interface StrategyStory {
  on: string;
  decision: 's47_single' | 's47_joint' | 'no_s47';
}

export interface S47Story {
  start: string;
  icpcTarget: string;
  childSeenOn: string | null;
  completed: string | null;
  outcome: 'icpc' | 'cin' | 'not_substantiated' | null;
}

export interface CpPlanStory {
  icpc: string;
  category: Category;
  latestCategory: Category;
  end: string | null;
  preBirth: boolean;
  visitEvery: number;
  coreGroups: string[];
  visits: Array<{ on: string; seen: boolean; seenAlone: boolean }>;
  reviews: Array<{ on: string; decision: 'continue' | 'end'; category: Category | null }>;
}

/** Signs of Safety for the child: a mapping for the assessment, carried into the plan; scaling on the story's dates. */
export interface SosStory {
  theme: ThemeKey;
  /** The assessment's mapping (draft while the assessment is in progress). */
  mappedOn: string;
  final: boolean;
  /** The plan's mapping, carried forward from the assessment's (CP or CIN plan), if there is a plan. */
  planMappedOn: string | null;
  bottomLineSharedOn: string | null;
  /** Median score on each date, oldest first (the trend the chart shows). */
  scaling: Array<{ on: string; median: number; why: string }>;
  /** A group supervision on the case, with its own scaling (the team manager's). */
  supervision: { on: string; score: number } | null;
  voice: 'three_houses' | 'words_and_pictures' | null;
}

export interface DemoCase {
  key: StoryKey;
  /** The front-door referral this episode was opened by (null: pre-birth, referred by the midwife directly). */
  referral: DemoReferral | null;
  personId: number | null;
  referralDate: string;
  referralSource: string;
  primaryNeed: string;
  episode: {
    status: 'open' | 'closed';
    end: string | null;
    closureReason: 'RC7' | 'RC8' | 'RC9' | null;
    /** null: not yet allocated. `transferred`: moved from Assessment to Child Protection on that date. */
    allocation: { from: string; transferred: string | null } | null;
  };
  assessment: AssessmentStory | null;
  cinPlan: CinPlanStory | null;
  strategy: StrategyStory | null;
  s47: S47Story | null;
  cpPlan: CpPlanStory | null;
  sos: SosStory | null;
  /** Pre-birth only: the expectant mother (a demo adult) and the expected date of birth. */
  preBirth: { motherId: number; familyName: string; expectedDateOfBirth: string } | null;
}

// ---- Signs of Safety themes: the worries each story's mapping, plan and assessment are about -------------------

export type ThemeKey = 'drinking' | 'neglect' | 'baby' | 'missing' | 'domestic' | 'unborn';

export interface Theme {
  dangers: Array<[who: string, worry: string, might: string, goal: string, sustained: string]>;
  items: Record<'harm' | 'complicating' | 'working_well' | 'existing_safety' | 'next_steps', string[]>;
  bottomLine: string;
  factors: string[];
  category: Category;
}

export const THEMES: Record<ThemeKey, Theme> = {
  drinking: {
    category: 'PHY',
    factors: ['1B', '3B', '18C'],
    dangers: [
      ['Children’s services, the school and the police', 'dad hitting the children when he has been drinking', 'the children could be badly hurt, and frightened to be at home', 'A sober adult the network trusts looks after the children every weekend, and the children tell their teacher they feel safe at home', 'for six months, including the Christmas holidays'],
      ['The health visitor and children’s services', 'mum and dad arguing and pushing each other in front of the children', 'the children could be hurt in the middle of a fight and grow up thinking violence is normal', 'Mum and dad sort out arguments away from the children, and Grandma is called to take them out if one starts', 'for six months'],
    ],
    items: {
      harm: ['A bruise on the child’s arm after dad grabbed them', 'Police called to two arguments at home'],
      complicating: ['Dad drinks heavily at weekends', 'Mum is isolated from her family'],
      working_well: ['Mum gets the children to school on time every day', 'Dad has started going to an alcohol service'],
      existing_safety: ['Grandma has had the children to stay on weekends dad drinks', 'Mum called the police herself last time'],
      next_steps: ['Family network meeting to agree the safety plan', 'Words and Pictures explanation for the children'],
    },
    bottomLine: 'If dad looks after the children after drinking again, we will ask a court to decide where the children should live.',
  },
  neglect: {
    category: 'NEG',
    factors: ['4B', '16A'],
    dangers: [
      ['The school and children’s services', 'the children going hungry and missing school while mum is unwell', 'the children will fall behind, be unwell and be left alone when mum cannot get out of bed', 'An adult in the network makes sure the children are fed, clean and at school every day', 'for three months, including half term'],
    ],
    items: {
      harm: ['Attendance has fallen to 61%', 'The children were found home alone twice'],
      complicating: ['Mum’s depression has got worse since her partner left', 'Notice to quit on the flat'],
      working_well: ['Mum loves the children and asked the school for help'],
      existing_safety: ['An aunt took the children in for a week in September'],
      next_steps: ['GP review of mum’s medication', 'Housing officer to attend the next meeting'],
    },
    bottomLine: 'If the children are left at home alone again, they will go to stay with family while we make sure they are safe.',
  },
  baby: {
    category: 'NEG',
    factors: ['16A', '4B'],
    dangers: [
      ['Health and children’s services', 'the baby’s weight falling because feeds are missed', 'the baby could become seriously ill', 'The baby is fed on time every day and gains weight at each clinic visit', 'for three months'],
    ],
    items: {
      harm: ['Baby’s weight dropped from the 25th to the 9th centile'],
      complicating: ['Dad works nights and mum is on her own'],
      working_well: ['Mum has kept every health visitor appointment since the referral'],
      existing_safety: [],
      next_steps: ['Feeding plan with the health visitor'],
    },
    bottomLine: 'If the baby keeps losing weight, the baby will go into hospital and we will hold a child protection conference.',
  },
  missing: {
    category: 'SAB',
    factors: ['10A', '11A'],
    dangers: [
      ['The police and children’s services', 'the young person going missing overnight with older men', 'they could be sexually exploited or badly hurt', 'The young person comes home every night and tells a trusted adult where they are', 'for three months'],
    ],
    items: {
      harm: ['Missing three times in the summer, found in another town'],
      complicating: ['Older friends with cars', 'Excluded from school for five days'],
      working_well: ['Has kept every appointment with the youth worker'],
      existing_safety: ['Mum reported each missing episode straight away'],
      next_steps: ['Return home interview after any missing episode'],
    },
    bottomLine: 'If they go missing again, we will meet with the police the same day and may ask for a safe place for them to stay.',
  },
  domestic: {
    category: 'EMO',
    factors: ['3A', '3B', '17A'],
    dangers: [
      ['Children’s services and the domestic abuse service', 'the children hearing mum’s partner threaten and shout at her late at night', 'the children will be frightened at home, stop sleeping and blame themselves', 'The children sleep through the night without hearing fighting, and know who to call if it starts', 'for six months'],
    ],
    items: {
      harm: ['The children told their teacher they hide under the bed when the shouting starts'],
      complicating: ['Mum’s partner will not work with services', 'Mum has no family nearby'],
      working_well: ['Mum has started the Freedom Programme', 'The children are doing well at school'],
      existing_safety: ['A neighbour lets the children in when it starts'],
      next_steps: ['Safety plan with the domestic abuse service', 'Mum’s partner to be offered a perpetrator programme'],
    },
    bottomLine: 'If the children are at home during another violent incident, we will hold a meeting about whether they can stay at home.',
  },
  unborn: {
    category: 'NEG',
    factors: ['1B'],
    dangers: [
      ['The midwife and children’s services', 'mum drinking heavily after the baby is born', 'the baby could be dropped, not fed or left alone while mum is drunk', 'The baby is cared for by a sober adult at all times, checked by the midwife and health visitor', 'for the first six months'],
    ],
    items: {
      harm: ['Mum’s older child was on a child protection plan for neglect last year'],
      complicating: ['Mum is drinking in pregnancy'],
      working_well: ['Mum has gone to every antenatal appointment', 'Mum’s sister has offered to move in after the birth'],
      existing_safety: [],
      next_steps: ['Birth plan with the hospital', 'Referral to the alcohol service'],
    },
    bottomLine: 'If mum is drinking when the baby is born, the baby will not go home with her.',
  },
};

// ---- working days ------------------------------------------------------------------------------------------------

interface Clock {
  cal: WorkingCalendar;
  today: string;
}

/** The working day n working days before `date` (n ≥ 0; 0 = `date` itself, moved back to a working day). */
function back(cal: WorkingCalendar, date: string, n: number): string {
  let d = date;
  while (!cal.isWorkingDay(d)) d = addCalendarDays(d, -1);
  for (let i = 0; i < n; ) if (cal.isWorkingDay((d = addCalendarDays(d, -1)))) i++;
  return d;
}
const fwd = (k: Clock, date: string, n: number) => k.cal.addWorkingDays(date, n);
/** n working days ago. */
const ago = (k: Clock, n: number) => back(k.cal, k.today, n);
/** Working days from `date` to today. */
const ageOf = (k: Clock, date: string) => k.cal.workingDaysBetween(date, k.today);
const min = (a: string, b: string) => (a < b ? a : b);

const TIMESCALES = [10, 20, 35, 45];
/** The assessment's due date: the timescale from the start, never beyond 45 working days from the referral. */
function dueDate(k: Clock, referral: string, start: string, timescale: number): string {
  const set = fwd(k, start, timescale);
  const statutory = fwd(k, referral, 45);
  return set > statutory ? statutory : set;
}
/** The shortest offered timescale that the assessment meets (45 if none: completed late). */
function timescaleFor(k: Clock, referral: string, start: string, completed: string): number {
  return TIMESCALES.find((t) => dueDate(k, referral, start, t) >= completed) ?? 45;
}

function authorisedAssessment(k: Clock, r: string, start: string, authorised: string, outcome: AssessmentStory['outcome'], factors: string[]): AssessmentStory {
  const timescale = timescaleFor(k, r, start, authorised);
  const seen = min(fwd(k, start, 2), authorised);
  return { requested: start, status: 'authorised', start, timescale, due: dueDate(k, r, start, timescale), childSeenOn: seen, seenWithParent: false, submitted: authorised, authorised, outcome, factors };
}

// ---- the parts of a story ----------------------------------------------------------------------------------------

const NO_PARTS = { assessment: null, cinPlan: null, strategy: null, s47: null, cpPlan: null, sos: null, preBirth: null } as const;

function baseCase(key: StoryKey, r: DemoReferral, k: Clock): DemoCase {
  return {
    key,
    referral: r,
    personId: r.personId,
    referralDate: r.receivedDate,
    referralSource: r.sourceCode,
    primaryNeed: r.primaryNeed ?? 'N1',
    episode: { status: 'open', end: null, closureReason: null, allocation: { from: min(fwd(k, r.receivedDate, 1), k.today), transferred: null } },
    ...NO_PARTS,
  };
}

/** CIN plan reviews every 12 weeks, held a few days early, up to `until`. */
function cinReviews(start: string, until: string, outcomes: string[]): CinPlanStory['reviews'] {
  const reviews: CinPlanStory['reviews'] = [];
  for (let due = addCalendarDays(start, 84), i = 0; addCalendarDays(due, -4) <= until; due = addCalendarDays(addCalendarDays(due, -4), 84), i++) {
    const on = addCalendarDays(due, -4);
    reviews.push({ on, next: addCalendarDays(on, 84), outcome: outcomes[i % outcomes.length]! });
  }
  return reviews;
}

/** Visits every `every` working days after the plan start, the last one on `last`. */
function visits(k: Clock, from: string, last: string, every: number): CpPlanStory['visits'] {
  const days: string[] = [];
  for (let d = back(k.cal, last, 0); d > from; d = back(k.cal, d, every)) days.unshift(d);
  return days.map((on, n) => ({ on, seen: n % 7 !== 4, seenAlone: n % 3 !== 1 && n % 7 !== 4 }));
}

/**
 * Child protection from the strategy discussion on: s47 (child seen the next working day, completed on day 8), ICPC
 * on day 12 (within 15), core groups from day 8 after the ICPC and then every 30 working days, visits every
 * `visitEvery` working days, reviews within 3 months then 6, the plan ending at the review `endAtReview` (1-based).
 */
function protection(k: Clock, sd: string, o: { category: Category; latest?: Category; visitEvery: number; lastVisit: string; endAtReview?: number; preBirth?: boolean; icpcDay?: number; noCoreGroupYet?: boolean }) {
  const icpc = fwd(k, sd, o.icpcDay ?? 12);
  const s47: S47Story = { start: sd, icpcTarget: fwd(k, sd, 15), childSeenOn: o.preBirth ? null : fwd(k, sd, 1), completed: fwd(k, sd, 8), outcome: 'icpc' };
  const reviews: CpPlanStory['reviews'] = [];
  let end: string | null = null;
  for (let due = addCalendarMonths(icpc, 3), n = 1; ; n++) {
    const on = back(k.cal, addCalendarDays(due, -6), 0);
    if (on > ago(k, 3)) break;
    const ends = o.endAtReview === n;
    reviews.push({ on, decision: ends ? 'end' : 'continue', category: ends ? null : n === 1 && o.latest ? o.latest : null });
    if (ends) {
      end = on;
      break;
    }
    due = addCalendarMonths(on, 6);
  }
  const until = end ?? k.today;
  const coreGroups: string[] = [];
  if (!o.noCoreGroupYet) for (let d = fwd(k, icpc, 8); d <= min(until, ago(k, 1)); d = fwd(k, d, 30)) coreGroups.push(d);
  const plan: CpPlanStory = {
    icpc,
    category: o.category,
    latestCategory: reviews.find((r) => r.category)?.category ?? o.category,
    end,
    preBirth: !!o.preBirth,
    visitEvery: 10,
    coreGroups,
    // Before the birth, the visits are to the mother (the child cannot be seen).
    visits: visits(k, icpc, min(end ?? o.lastVisit, o.lastVisit), o.visitEvery).map((v) => (o.preBirth ? { ...v, seen: false, seenAlone: false } : v)),
    reviews,
  };
  return { s47, plan, strategy: { on: sd, decision: (o.preBirth ? 's47_single' : 's47_joint') as StrategyStory['decision'] } };
}

/** A median path from `from` to `to` over n dates, with a wobble so it reads like real scaling. */
function path(from: number, to: number, n: number): number[] {
  if (n <= 1) return [to];
  return Array.from({ length: n }, (_, i) => Math.round(from + ((to - from) * i) / (n - 1)));
}

function sosFor(theme: ThemeKey, dates: string[], scores: number[], o: { final?: boolean; planMappedOn?: string | null; shared?: boolean; supervision?: SosStory['supervision']; voice?: SosStory['voice'] } = {}): SosStory {
  // Dates close together (under an eighth of the whole span) are left out, so the chart's date labels stay apart.
  const all = [...new Set(dates)].sort();
  const span = all.length > 1 ? calendarDaysBetween(all[0]!, all.at(-1)!) : 0;
  const sorted: string[] = [];
  for (const [i, d] of all.entries()) {
    const last = i === all.length - 1;
    if (last && sorted.length > 1 && calendarDaysBetween(sorted.at(-1)!, d) < span / 8) sorted.pop();
    if (!sorted.length || last || (calendarDaysBetween(sorted.at(-1)!, d) >= span / 8 && calendarDaysBetween(d, all.at(-1)!) >= span / 8)) sorted.push(d);
  }
  const medians = scores.length === all.length ? sorted.map((d) => scores[all.indexOf(d)]!) : path(scores[0]!, scores.at(-1)!, sorted.length);
  return {
    theme,
    mappedOn: sorted[0]!,
    final: o.final ?? true,
    planMappedOn: o.planMappedOn ?? null,
    bottomLineSharedOn: o.shared === false ? null : addCalendarDays(sorted[0]!, 3) <= sorted.at(-1)! ? addCalendarDays(sorted[0]!, 3) : null,
    scaling: sorted.map((on, i) => ({ on, median: medians[i]!, why: i === 0 ? 'First scaling, at the mapping.' : medians[i]! > medians[i - 1]! ? 'The safety plan is being followed and the network is stronger.' : medians[i]! < medians[i - 1]! ? 'New incidents since the last meeting.' : 'No real change since the last meeting.' })),
    supervision: o.supervision ?? null,
    voice: o.voice ?? null,
  };
}

// ---- the stories ---------------------------------------------------------------------------------------------------

interface StoryDef {
  key: StoryKey;
  /** Lower is a better fit; null: this child cannot have this story. */
  fit(r: DemoReferral, k: Clock, age: number): number | null;
  build(r: DemoReferral, k: Clock): DemoCase;
}

const yearsOld = (r: DemoReferral, k: Clock) => (r.dateOfBirth ? calendarDaysBetween(r.dateOfBirth, k.today) / 365.25 : 0);
const fdStrategy = (r: DemoReferral) => r.decision === 'strategy_discussion';
/** Assessment-led CP work: assessed from the day after the referral; the strategy discussion on the day it is authorised. */
function assessedThenStrategy(k: Clock, r: DemoReferral, sd: string, theme: ThemeKey): AssessmentStory {
  const start = min(fwd(k, r.receivedDate, 1), sd);
  return authorisedAssessment(k, r.receivedDate, start, sd, 'strategy_discussion', THEMES[theme].factors);
}
/** Where the strategy discussion falls for a long-running CP story: the day after a front-door decision, or after 12 working days' assessment. */
const strategyDay = (k: Clock, r: DemoReferral) => fwd(k, r.receivedDate, fdStrategy(r) ? 1 : 13);

function cpStory(key: StoryKey, r: DemoReferral, k: Clock, theme: ThemeKey, o: Parameters<typeof protection>[2], scores: number[], extra: Partial<SosStory> & { voice?: SosStory['voice'] } = {}): DemoCase {
  const sd = strategyDay(k, r);
  const c = baseCase(key, r, k);
  const p = protection(k, sd, o);
  c.assessment = fdStrategy(r) ? authorisedAssessment(k, r.receivedDate, sd, p.s47.completed!, 'strategy_discussion', THEMES[theme].factors) : assessedThenStrategy(k, r, sd, theme);
  c.strategy = p.strategy;
  c.s47 = p.s47;
  c.cpPlan = p.plan;
  c.episode.allocation = { from: c.episode.allocation!.from, transferred: sd };
  const dates = [fwd(k, c.assessment.start!, 3), p.plan.icpc, ...p.plan.coreGroups.slice(0, 1), ...p.plan.reviews.map((x) => x.on), ...(p.plan.end ? [] : [p.plan.visits.at(-1)?.on ?? p.plan.icpc])].filter((d) => d <= k.today);
  c.sos = sosFor(theme, dates, scores, { planMappedOn: p.plan.icpc, voice: extra.voice ?? null });
  return c;
}

const STORIES: StoryDef[] = [
  // Today-anchored stages first: they need a referral of the right age.
  {
    key: 'cp_new',
    // Strategy discussion 16 working days ago, ICPC on day 12 (4 working days ago): the first core group is due.
    fit: (r, k, age) => (fdStrategy(r) ? (age >= 15 && age <= 19 ? 0 : null) : age >= 18 && age <= 16 + 45 ? Math.abs(age - 30) - (yearsOld(r, k) < 2 ? 20 : 0) : null),
    build: (r, k) => {
      const sd = fdStrategy(r) ? fwd(k, r.receivedDate, 1) : ago(k, 16);
      const c = baseCase('cp_new', r, k);
      const p = protection(k, sd, { category: 'NEG', visitEvery: 10, lastVisit: ago(k, 1), noCoreGroupYet: true });
      // A baby's weight, or an older child's neglect.
      const theme: ThemeKey = yearsOld(r, k) < 2 ? 'baby' : 'neglect';
      c.assessment = fdStrategy(r) ? authorisedAssessment(k, r.receivedDate, sd, p.s47.completed!, 'strategy_discussion', THEMES[theme].factors) : assessedThenStrategy(k, r, sd, theme);
      c.strategy = p.strategy;
      c.s47 = p.s47;
      c.cpPlan = p.plan;
      c.episode.allocation = { from: c.episode.allocation!.from, transferred: sd };
      c.sos = sosFor(theme, [fwd(k, c.assessment.start!, 2), sd, p.plan.icpc], [4, 3, 2], { planMappedOn: p.plan.icpc });
      return c;
    },
  },
  {
    key: 'icpc_overdue',
    // Strategy discussion 17 working days ago; the s47 recommended a conference; none held by day 15.
    fit: (r, k, age) => (fdStrategy(r) ? (age >= 17 && age <= 21 ? 0 : null) : age >= 19 && age <= 17 + 45 ? Math.abs(age - 28) : null),
    build: (r, k) => {
      const sd = fdStrategy(r) ? fwd(k, r.receivedDate, 1) : ago(k, 17);
      const c = baseCase('icpc_overdue', r, k);
      c.assessment = fdStrategy(r) ? authorisedAssessment(k, r.receivedDate, sd, fwd(k, sd, 8), 'strategy_discussion', THEMES.domestic.factors) : assessedThenStrategy(k, r, sd, 'domestic');
      c.strategy = { on: sd, decision: 's47_joint' };
      c.s47 = { start: sd, icpcTarget: fwd(k, sd, 15), childSeenOn: fwd(k, sd, 1), completed: fwd(k, sd, 8), outcome: 'icpc' };
      c.episode.allocation = { from: c.episode.allocation!.from, transferred: sd };
      c.sos = sosFor('domestic', [fwd(k, c.assessment.start!, 2), sd, fwd(k, sd, 8)], [4, 3, 2], { shared: false });
      return c;
    },
  },
  {
    key: 's47_open',
    // Strategy discussion a few working days ago: the s47 enquiry is in progress, the ICPC not yet due.
    fit: (r, k, age) => (fdStrategy(r) ? (age >= 2 && age <= 12 ? 0 : null) : age >= 8 && age <= 5 + 45 ? Math.abs(age - 20) : null),
    build: (r, k) => {
      const sd = fdStrategy(r) ? fwd(k, r.receivedDate, 1) : ago(k, 5);
      const c = baseCase('s47_open', r, k);
      c.assessment = fdStrategy(r)
        ? { requested: sd, status: 'in_progress', start: sd, timescale: 20, due: dueDate(k, r.receivedDate, sd, 20), childSeenOn: fwd(k, sd, 1) <= k.today ? fwd(k, sd, 1) : null, seenWithParent: false, submitted: null, authorised: null, outcome: null, factors: [] }
        : assessedThenStrategy(k, r, sd, 'drinking');
      c.strategy = { on: sd, decision: 's47_single' };
      c.s47 = { start: sd, icpcTarget: fwd(k, sd, 15), childSeenOn: fwd(k, sd, 1) <= k.today ? fwd(k, sd, 1) : null, completed: null, outcome: null };
      c.episode.allocation = { from: c.episode.allocation!.from, transferred: sd };
      c.sos = sosFor('drinking', [c.assessment.start!, sd], [4, 3], { final: !fdStrategy(r), shared: false });
      return c;
    },
  },
  {
    key: 'sd_no_s47',
    // A strategy discussion 3 working days ago decided no s47: the single assessment continues (actions still open).
    fit: (r, k, age) => (fdStrategy(r) ? (age >= 2 && age <= 8 ? 0 : null) : age >= 4 && age <= 42 ? Math.abs(age - 12) : null),
    build: (r, k) => {
      const sd = fdStrategy(r) ? fwd(k, r.receivedDate, 1) : ago(k, 3);
      const c = baseCase('sd_no_s47', r, k);
      const start = min(fwd(k, r.receivedDate, 1), sd);
      const timescale = TIMESCALES.find((t) => dueDate(k, r.receivedDate, start, t) > k.today) ?? 45;
      c.assessment = { requested: start, status: 'in_progress', start, timescale, due: dueDate(k, r.receivedDate, start, timescale), childSeenOn: min(fwd(k, start, 1), k.today), seenWithParent: true, submitted: null, authorised: null, outcome: null, factors: [] };
      c.strategy = { on: sd, decision: 'no_s47' };
      return c;
    },
  },
  {
    key: 'awaiting_guidance',
    fit: (r, k, age) => (age >= 1 && age <= 20 ? age : null),
    build: (r, k) => {
      const c = baseCase('awaiting_guidance', r, k);
      const requested = c.episode.allocation!.from;
      c.assessment = { requested, status: 'awaiting_guidance', start: null, timescale: null, due: null, childSeenOn: null, seenWithParent: false, submitted: null, authorised: null, outcome: null, factors: [] };
      if (fdStrategy(r)) c.strategy = { on: requested, decision: 'no_s47' };
      return c;
    },
  },
  {
    key: 'assessment_overdue',
    // A 20-working-day timescale that has passed (10 if the referral is more recent).
    fit: (r, k, age) => (age >= 14 && age <= 44 ? Math.abs(age - 26) + (fdStrategy(r) ? 10 : 0) : null),
    build: (r, k) => {
      const c = baseCase('assessment_overdue', r, k);
      if (fdStrategy(r)) c.strategy = { on: fwd(k, r.receivedDate, 1), decision: 'no_s47' };
      const start = fwd(k, r.receivedDate, 1);
      const timescale = fwd(k, start, 20) < k.today ? 20 : 10;
      c.assessment = { requested: start, status: 'in_progress', start, timescale, due: dueDate(k, r.receivedDate, start, timescale), childSeenOn: fwd(k, start, 3), seenWithParent: false, submitted: null, authorised: null, outcome: null, factors: [] };
      c.sos = sosFor('neglect', [fwd(k, start, 4)], [4], { final: false, shared: false });
      return c;
    },
  },
  {
    key: 'assessment_submitted',
    fit: (r, k, age) => (age >= 4 && age <= 42 ? Math.abs(age - 15) + (fdStrategy(r) ? 10 : 0) : null),
    build: (r, k) => {
      const c = baseCase('assessment_submitted', r, k);
      if (fdStrategy(r)) c.strategy = { on: fwd(k, r.receivedDate, 1), decision: 'no_s47' };
      const start = fwd(k, r.receivedDate, 1);
      const submitted = ago(k, 1) > start ? ago(k, 1) : k.today;
      const timescale = timescaleFor(k, r.receivedDate, start, k.today);
      c.assessment = { requested: start, status: 'submitted', start, timescale, due: dueDate(k, r.receivedDate, start, timescale), childSeenOn: fwd(k, start, 1), seenWithParent: false, submitted, authorised: null, outcome: 'cin_plan', factors: ['4B', '3B'] };
      return c;
    },
  },
  // Long-running stories: anchored on the referral, with today somewhere in the plan.
  {
    key: 'cp_stepped_down',
    // CP plan ended at its first review and stepped down to a CIN plan, reviewed since.
    fit: (r, k, age) => (age >= 110 ? Math.abs(age - 170) : null),
    build: (r, k) => {
      const c = cpStory('cp_stepped_down', r, k, 'domestic', { category: 'EMO', visitEvery: 9, lastVisit: k.today, endAtReview: 1 }, [2, 3, 5, 7]);
      const end = c.cpPlan!.end!;
      // The CIN plan starts on the day the CP plan ends (they never run together).
      c.cinPlan = { start: end, end: null, endReason: null, reviews: cinReviews(end, ago(k, 2), ['The children are sleeping through; mum’s partner has moved out. Plan continues.', 'Good progress: plan continues with less frequent visits.']) };
      const last = c.cinPlan.reviews.at(-1)?.on ?? null;
      c.sos = sosFor('domestic', [...c.sos!.scaling.map((s) => s.on), ...(last ? [last] : [])], [2, 3, 4, 6, 7].slice(0, c.sos!.scaling.length + (last ? 1 : 0)), { planMappedOn: c.cpPlan!.icpc });
      return c;
    },
  },
  {
    key: 'cp_ended_closed',
    // CP plan ended at its first review; a CIN plan for 12 weeks; closed RC7 (no longer in need).
    fit: (r, k, age) => (age >= 150 ? Math.abs(age - 220) : null),
    build: (r, k) => {
      const c = cpStory('cp_ended_closed', r, k, 'neglect', { category: 'NEG', visitEvery: 10, lastVisit: k.today, endAtReview: 1 }, [2, 4, 6, 7]);
      const end = c.cpPlan!.end!;
      const close = back(k.cal, addCalendarDays(end, 80), 0);
      c.cinPlan = { start: end, end: close, endReason: 'Needs met: the family no longer need a plan', reviews: [{ on: close, next: null, outcome: 'The children are fed, clean and at school every day; mum is well. Plan ends and the case closes.' }] };
      c.episode = { ...c.episode, status: 'closed', end: close, closureReason: 'RC7' };
      c.sos = sosFor('neglect', [...c.sos!.scaling.map((s) => s.on), close], [2, 4, 5, 7, 8].slice(-(c.sos!.scaling.length + 1)), { planMappedOn: c.cpPlan!.icpc });
      return c;
    },
  },
  {
    key: 'cp_reviewed',
    // On a plan since months ago, reviewed (category changed to MUL at review), visits up to date; scaling improving.
    fit: (r, k, age) => (age >= 95 ? Math.abs(age - 130) : null),
    build: (r, k) => cpStory('cp_reviewed', r, k, 'drinking', { category: 'PHY', latest: 'MUL', visitEvery: 9, lastVisit: ago(k, 3) }, [2, 6], { voice: 'three_houses' }),
  },
  {
    key: 'cp_teen',
    // A young person on a plan for sexual exploitation; things getting worse.
    fit: (r, k, age) => (age >= 50 && yearsOld(r, k) >= 11 ? Math.abs(age - 90) : null),
    build: (r, k) => cpStory('cp_teen', r, k, 'missing', { category: 'SAB', visitEvery: 9, lastVisit: ago(k, 2) }, [5, 2]),
  },
  {
    key: 'cp_visit_overdue',
    // On a plan; the last statutory visit 14 working days ago (every 10): a visit is overdue. Scaling flat.
    fit: (r, k, age) => (age >= 55 ? Math.abs(age - 75) : null),
    build: (r, k) => cpStory('cp_visit_overdue', r, k, 'drinking', { category: 'PHY', visitEvery: 10, lastVisit: ago(k, 14) }, [3, 3, 4, 3, 3, 3]),
  },
  {
    key: 'cin_plan_worsening',
    // A CIN plan whose scaling is falling: group supervision agreed to share the bottom line (the Patel twins if referred).
    fit: (r, k, age) => (age >= 45 && age <= 200 ? (r.name === 'Ava Patel' ? -1000 : Math.abs(age - 80)) : null),
    build: (r, k) => {
      const c = baseCase('cin_plan_worsening', r, k);
      const start = fwd(k, r.receivedDate, 1);
      if (fdStrategy(r)) c.strategy = { on: start, decision: 'no_s47' };
      c.assessment = authorisedAssessment(k, r.receivedDate, start, fwd(k, start, 16), 'cin_plan', THEMES.neglect.factors);
      const planStart = c.assessment.authorised!;
      c.cinPlan = { start: planStart, end: null, endReason: null, reviews: cinReviews(planStart, ago(k, 8), ['Mum is still struggling; attendance worse. Plan continues with more support.']) };
      const supervision = ago(k, 4);
      const dates = [fwd(k, start, 3), planStart, fwd(k, planStart, 20), ...c.cinPlan.reviews.map((x) => x.on), ago(k, 15)];
      c.sos = sosFor('neglect', dates, [5, 2], { planMappedOn: planStart, shared: false, supervision: { on: supervision, score: 2 }, voice: 'words_and_pictures' });
      return c;
    },
  },
];

/** Earlier referrals of a child with a later one: closed before the next referral. */
function history(r: DemoReferral, k: Clock, next: string, i: number): DemoCase {
  const c = baseCase('closed_short', r, k);
  const start = fwd(k, r.receivedDate, 1);
  const lastDay = back(k.cal, addCalendarDays(next, -1), 0);
  if (fdStrategy(r) && start <= lastDay) c.strategy = { on: start, decision: 'no_s47' };
  if (k.cal.workingDaysBetween(start, lastDay) >= 12) {
    const authorised = min(fwd(k, start, 10 + (i % 6)), lastDay);
    const nfa = i % 2 === 0;
    c.key = nfa ? 'closed_nfa' : 'closed_early_help';
    c.assessment = authorisedAssessment(k, r.receivedDate, start, authorised, nfa ? 'nfa' : 'early_help', nfa ? ['21'] : ['4B']);
    c.episode = { status: 'closed', end: min(fwd(k, authorised, 1), lastDay), closureReason: nfa ? 'RC8' : 'RC9', allocation: c.episode.allocation };
  } else {
    // Re-referred within days: the work carried on under the new referral.
    c.episode = { status: 'closed', end: r.receivedDate > lastDay ? r.receivedDate : lastDay, closureReason: 'RC7', allocation: c.episode.allocation };
  }
  return c;
}

/** A child's latest referral with no cast story: by its age, an assessment in progress, a CIN plan or a closure. */
function generic(r: DemoReferral, k: Clock, i: number): DemoCase {
  const age = ageOf(k, r.receivedDate);
  const c = baseCase('assessment_in_progress', r, k);
  const start = fwd(k, r.receivedDate, 1);
  if (fdStrategy(r) && start <= k.today) c.strategy = { on: start, decision: 'no_s47' };
  if (age <= 40) {
    const s = min(start, k.today);
    const timescale = TIMESCALES.find((t) => dueDate(k, r.receivedDate, s, t) > k.today) ?? 45;
    c.assessment = { requested: s, status: 'in_progress', start: s, timescale, due: dueDate(k, r.receivedDate, s, timescale), childSeenOn: fwd(k, s, 2) <= k.today ? fwd(k, s, 2) : null, seenWithParent: i % 2 === 0, submitted: null, authorised: null, outcome: null, factors: [] };
    return c;
  }
  const kind = (['closed_nfa', 'cin_plan', 'closed_early_help', 'closed_cin'] as const)[i % 4]!;
  c.key = kind;
  const authorised = fwd(k, start, 12 + (i % 7));
  if (kind === 'closed_nfa' || kind === 'closed_early_help') {
    const nfa = kind === 'closed_nfa';
    c.assessment = authorisedAssessment(k, r.receivedDate, start, authorised, nfa ? 'nfa' : 'early_help', nfa ? ['21'] : ['4B']);
    c.episode = { ...c.episode, status: 'closed', end: fwd(k, authorised, 2), closureReason: nfa ? 'RC8' : 'RC9' };
    return c;
  }
  c.assessment = authorisedAssessment(k, r.receivedDate, start, authorised, 'cin_plan', ['4B', '3B']);
  if (kind === 'cin_plan' || age < 120) {
    c.key = 'cin_plan';
    c.cinPlan = { start: authorised, end: null, endReason: null, reviews: cinReviews(authorised, ago(k, 2), ['Mum engaging with her GP; domestic abuse service has made contact. Plan continues.', 'Steady progress. Plan continues.']) };
    c.sos = sosFor('domestic', [fwd(k, start, 3), authorised, ...c.cinPlan.reviews.map((x) => x.on)], [4, 6], { planMappedOn: authorised });
    return c;
  }
  // A CIN plan that ended at its second review: closed RC7.
  const reviews = cinReviews(authorised, k.today, ['Good progress. Plan continues.', 'Needs met. Plan ends.']).slice(0, 2);
  const close = reviews.at(-1)!.on;
  c.cinPlan = { start: authorised, end: close, endReason: 'Needs met: the family no longer need a plan', reviews: reviews.map((x, n) => (n === reviews.length - 1 ? { ...x, next: null } : x)) };
  c.episode = { ...c.episode, status: 'closed', end: close, closureReason: 'RC7' };
  return c;
}

/** The pre-birth case: the midwife's referral 35 working days ago about the mother of a child whose CP plan ended. */
function preBirth(k: Clock, mother: { id: number; familyName: string }): DemoCase {
  const referral = ago(k, 35);
  const start = fwd(k, referral, 1);
  const sd = fwd(k, start, 11);
  const p = protection(k, sd, { category: 'NEG', visitEvery: 10, lastVisit: ago(k, 2), preBirth: true, icpcDay: 11 });
  const assessment = authorisedAssessment(k, referral, start, sd, 'strategy_discussion', THEMES.unborn.factors);
  return {
    key: 'pre_birth',
    referral: null,
    personId: null,
    referralDate: referral,
    referralSource: '3D',
    primaryNeed: 'N1',
    episode: { status: 'open', end: null, closureReason: null, allocation: { from: start, transferred: sd } },
    assessment: { ...assessment, childSeenOn: null },
    cinPlan: null,
    strategy: p.strategy,
    s47: p.s47,
    cpPlan: p.plan,
    sos: sosFor('unborn', [fwd(k, start, 3), p.plan.icpc, ...p.plan.coreGroups.slice(0, 1)], [2, 3, 3], { planMappedOn: p.plan.icpc }),
    preBirth: { motherId: mother.id, familyName: mother.familyName, expectedDateOfBirth: addCalendarMonths(k.today, 2) },
  };
}

/** Loads the front door's referrals and casts the stories: every seeder gets the same cases. */
export async function demoCases(c: Pick<DemoSeedContext, 'db' | 'services' | 'today'>): Promise<DemoCase[]> {
  const cal = await c.services.calendar.calendar();
  const k: Clock = { cal, today: c.today };
  const rows = await sql<{ contact_child_id: number; contact_id: number; person_id: number; name: string; date_of_birth: string | null; received_date: string; source_code: string; primary_need_code: string | null; decision: string | null }>`
    select cc.id as contact_child_id, cc.contact_id, cc.person_id, n.given_names || ' ' || n.family_name as name, p.date_of_birth,
      c.received_date, c.source_code, cc.primary_need_code, cc.decision
    from contact_children cc
    join contacts c on c.id = cc.contact_id
    join people p on p.id = cc.person_id
    left join person_names n on n.person_id = p.id and n.kind = 'current'
    where cc.is_referral = true and c.received_date <= ${c.today}
    order by c.received_date desc, cc.id`.execute(c.db);
  const referrals: DemoReferral[] = rows.rows.map((r) => ({
    contactChildId: r.contact_child_id, contactId: r.contact_id, personId: r.person_id, name: r.name ?? 'A child', dateOfBirth: r.date_of_birth,
    receivedDate: r.received_date, sourceCode: r.source_code, primaryNeed: r.primary_need_code, decision: r.decision ?? 'referral',
  }));
  const cases: DemoCase[] = [];
  // Earlier referrals of a child: closed before the next one (newest first, so `next` is the later referral).
  const latest = new Map<number, DemoReferral>();
  const nextOf = new Map<number, string>();
  for (const r of referrals) {
    if (!latest.has(r.personId)) latest.set(r.personId, r);
    else {
      const i = cases.length;
      cases.push(history(r, k, nextOf.get(r.personId)!, i));
    }
    nextOf.set(r.personId, r.receivedDate);
  }
  const candidates = [...latest.values()];
  // The two newest are waiting to be allocated.
  const cast = new Map<number, DemoCase>();
  for (const r of candidates.slice(0, 2)) {
    const u = baseCase('unallocated', r, k);
    u.episode.allocation = null;
    cast.set(r.contactChildId, u);
  }
  const ages = new Map(candidates.map((r) => [r.contactChildId, ageOf(k, r.receivedDate)]));
  for (const story of STORIES) {
    let best: { r: DemoReferral; score: number } | null = null;
    for (const r of candidates) {
      if (cast.has(r.contactChildId) || !r.dateOfBirth) continue;
      const score = story.fit(r, k, ages.get(r.contactChildId)!);
      if (score === null) continue;
      if (!best || score < best.score) best = { r, score };
    }
    if (best) cast.set(best.r.contactChildId, story.build(best.r, k));
  }
  let g = 0;
  for (const r of candidates) cases.push(cast.get(r.contactChildId) ?? generic(r, k, g++));
  // Pre-birth: the mother of the child whose CP plan ended (or of any child on a plan).
  for (const ended of [...cases.filter((x) => x.key === 'cp_ended_closed'), ...cases.filter((x) => x.cpPlan && x.key !== 'cp_ended_closed')]) {
    const mother = await c.db
      .selectFrom('relationships as r')
      .innerJoin('people as p', 'p.id', 'r.person_id')
      .innerJoin('person_names as n', (j) => j.onRef('n.person_id', '=', 'p.id').on('n.kind', '=', 'current'))
      .select(['p.id', 'n.family_name'])
      .where('r.related_person_id', '=', ended.personId!)
      .where('r.type', '=', 'mother')
      .where('p.restricted', '=', false)
      .where('p.date_of_death', 'is', null)
      .orderBy('p.id')
      .executeTakeFirst();
    if (mother) {
      cases.push(preBirth(k, { id: mother.id, familyName: mother.family_name }));
      break;
    }
  }
  return cases;
}

/** The pre-birth child's episode is the one with no front-door referral whose child is not yet born. */
export async function preBirthEpisode(db: DemoSeedContext['db']): Promise<{ id: number; person_id: number } | undefined> {
  return db
    .selectFrom('cin_episodes as e')
    .innerJoin('people as p', 'p.id', 'e.person_id')
    .select(['e.id', 'e.person_id'])
    .where('e.contact_child_id', 'is', null)
    .where('p.date_of_birth', 'is', null)
    .where('p.expected_date_of_birth', 'is not', null)
    .orderBy('e.id')
    .executeTakeFirst();
}

/** Scorers around a median: offsets that keep the median exactly (3 or 5 people). */
export const SCORERS: Array<[name: string, role: string, agency: string, family: boolean, offset: number]> = [
  ['Sam Walker', 'Social worker', 'Children’s services', false, 0],
  ['Jo Reynolds', 'Designated safeguarding lead', 'School', false, 1],
  ['Hana Ellis', 'Health visitor', 'Health', false, -1],
  ['DC Pat Ollerton', 'Police officer', 'Police', false, -2],
  ['', 'Parent', 'Family', true, 2],
];
