/**
 * A year of demo allegations across sectors (education, early years, foster care, health, police, faith,
 * sport, transport), with every outcome, some overdue actions, cases awaiting initial consideration,
 * and one person (Mark Brennan) referred twice, by two employers. All fictional.
 * Written in bulk in one transaction with one audit event, so the demo seeds quickly.
 */
import { sql } from 'kysely';
import type { DemoSeedContext } from '../demo/seeders.js';
import { writeAudit } from '../audit/audit-log.js';
import { addCalendarDays, defaultCalendar } from '../time/index.js';
import { londonDateTime } from './allegation-forms.js';
import { subjectKey } from './rules.js';

interface Spec {
  given: string;
  family: string;
  dob: string | null;
  role: string;
  employer: string;
  sector: string;
  referrer: string;
  referrerSector: string;
  category: string;
  police: boolean;
  daysAgo: number;
  alleged: string;
  /** Undefined: awaiting consideration. */
  decision?: string;
  outcome?: string;
  /** Days from referral to outcome. */
  resolvedIn?: number;
  closed?: boolean;
  regulator?: string;
  otherRole?: { employer: string; sector: string; role: string; engagement: string };
  overdueAction?: boolean;
  engagement?: string;
}

const SPECS: Spec[] = [
  { given: 'Daniel', family: 'Hartley', dob: '1986-05-14', role: 'Class teacher', employer: 'Riverside Primary School', sector: 'education', referrer: 'Headteacher', referrerSector: 'education', category: 'physical', police: false, daysAgo: 350, alleged: 'Grabbed a pupil by the arm, leaving a mark.', decision: 'threshold_harm', outcome: 'unsubstantiated', resolvedIn: 24, closed: true },
  { given: 'Mark', family: 'Brennan', dob: '1983-07-12', role: 'Youth football coach', employer: 'Demo Town Juniors FC', sector: 'sport', referrer: 'Club welfare officer', referrerSector: 'sport', category: 'emotional', police: false, daysAgo: 330, alleged: 'Repeatedly shouted at and humiliated players in front of the team.', decision: 'threshold_behaviour', outcome: 'substantiated', resolvedIn: 40, closed: true, engagement: 'volunteer', otherRole: { employer: 'Demo Borough Fostering Service', sector: 'foster_care', role: 'Foster carer', engagement: 'paid' } },
  { given: 'Sophie', family: 'Lang', dob: '1995-02-02', role: 'Nursery practitioner', employer: 'Little Acorns Nursery', sector: 'early_years', referrer: 'Nursery manager', referrerSector: 'early_years', category: 'neglect', police: false, daysAgo: 310, alleged: 'Left a toddler unattended in the garden.', decision: 'threshold_harm', outcome: 'unfounded', resolvedIn: 18, closed: true },
  { given: 'Gareth', family: 'Price', dob: '1979-11-30', role: 'Foster carer', employer: 'Demo Borough Fostering Service', sector: 'foster_care', referrer: 'Supervising social worker', referrerSector: 'social_care', category: 'physical', police: true, daysAgo: 290, alleged: 'A child in placement said she was smacked.', decision: 'threshold_offence', outcome: 'false', resolvedIn: 75, closed: true },
  { given: 'Ayesha', family: 'Malik', dob: '1990-08-21', role: 'Staff nurse (paediatrics)', employer: 'Demo General Hospital', sector: 'health', referrer: 'Named nurse for safeguarding', referrerSector: 'health', category: 'unsuitability', police: false, daysAgo: 270, alleged: 'Shared images of a child patient on social media.', decision: 'threshold_unsuitability', outcome: 'substantiated', resolvedIn: 60, closed: true, regulator: 'nmc' },
  { given: 'Tom', family: 'Fielding', dob: '1984-03-09', role: 'Police constable', employer: 'Demo Police', sector: 'police', referrer: 'Professional standards', referrerSector: 'police', category: 'transferable', police: true, daysAgo: 250, alleged: 'Arrested for a domestic abuse incident at home; has children of his own.', decision: 'threshold_behaviour', outcome: 'substantiated', resolvedIn: 120, closed: true, regulator: 'dbs' },
  { given: 'Peter', family: 'Okonkwo', dob: '1970-01-17', role: 'Youth leader', employer: 'St Anne’s Church', sector: 'faith', referrer: 'Parish safeguarding officer', referrerSector: 'faith', category: 'sexual', police: true, daysAgo: 230, alleged: 'A young person disclosed inappropriate messages.', decision: 'threshold_offence', outcome: 'malicious', resolvedIn: 95, closed: true, engagement: 'volunteer' },
  { given: 'Lee', family: 'Granger', dob: '1968-06-05', role: 'School minibus driver', employer: 'Demo Travel Ltd', sector: 'transport', referrer: 'Transport coordinator', referrerSector: 'transport', category: 'emotional', police: false, daysAgo: 210, alleged: 'Swore at pupils and threatened to leave one at the roadside.', decision: 'threshold_behaviour', outcome: 'substantiated', resolvedIn: 28, closed: true },
  { given: 'Rachel', family: 'Doyle', dob: '1988-12-12', role: 'Teaching assistant', employer: 'Hill View Academy', sector: 'education', referrer: 'Parent', referrerSector: 'other', category: 'physical', police: false, daysAgo: 190, alleged: 'A parent reported that their child was pushed.', decision: 'not_met', closed: true },
  { given: 'Imogen', family: 'Shaw', dob: null, role: 'Swimming instructor', employer: 'Demo Leisure Centre', sector: 'sport', referrer: 'Duty manager', referrerSector: 'sport', category: 'unsuitability', police: false, daysAgo: 170, alleged: 'Asked for advice about a coach messaging a pupil privately.', decision: 'advice_only', closed: true },
  { given: 'Mark', family: 'Brennan', dob: '1983-07-12', role: 'Foster carer', employer: 'Demo Borough Fostering Service', sector: 'foster_care', referrer: 'Supervising social worker', referrerSector: 'social_care', category: 'emotional', police: false, daysAgo: 120, alleged: 'A child in placement described being shouted at and threatened with removal.', decision: 'threshold_behaviour', outcome: undefined, overdueAction: true, otherRole: { employer: 'Demo Town Juniors FC', sector: 'sport', role: 'Youth football coach', engagement: 'volunteer' } },
  { given: 'Ben', family: 'Carter', dob: '1992-04-18', role: 'PE teacher', employer: 'Riverside Secondary School', sector: 'education', referrer: 'Designated safeguarding lead', referrerSector: 'education', category: 'sexual', police: true, daysAgo: 100, alleged: 'Pupils reported comments of a sexual nature.', decision: 'threshold_offence', overdueAction: true },
  { given: 'Kelly', family: 'Marsh', dob: '1985-09-25', role: 'Residential support worker', employer: 'Oak House Children’s Home', sector: 'residential', referrer: 'Registered manager', referrerSector: 'social_care', category: 'physical', police: false, daysAgo: 45, alleged: 'Restraint of a child outside the agreed plan.', decision: 'threshold_harm' },
  { given: 'Hannah', family: 'Webb', dob: '1999-10-10', role: 'Childminder', employer: 'Self-employed childminder', sector: 'early_years', referrer: 'Ofsted', referrerSector: 'other', category: 'neglect', police: false, daysAgo: 20, alleged: 'Too many children in her care; one found alone in a car.', decision: 'threshold_harm', outcome: 'unsubstantiated', resolvedIn: 15 },
  { given: 'Colin', family: 'Reeves', dob: '1975-02-28', role: 'Paediatric physiotherapist', employer: 'Demo Community Health Trust', sector: 'health', referrer: 'Safeguarding lead', referrerSector: 'health', category: 'unsuitability', police: false, daysAgo: 1, alleged: 'Seen alone with a child outside clinic hours, against policy.' },
  { given: 'Jodie', family: 'Pearce', dob: '1993-06-01', role: 'Scout leader', employer: '1st Demo Town Scouts', sector: 'voluntary', referrer: 'District commissioner', referrerSector: 'voluntary', category: 'physical', police: false, daysAgo: 0, alleged: 'A scout arrived home with bruising after a camp activity.', engagement: 'volunteer' },
];

export async function seedAllegations(c: DemoSeedContext): Promise<void> {
  const children = await c.db
    .selectFrom('people')
    .select('id')
    .where('date_of_birth', '>', addCalendarDays(c.today, -17 * 365))
    .where('restricted', '=', false)
    .where('merged_into_id', 'is', null)
    .orderBy('id')
    .execute();
  if (!children.length) return;
  const lado = await c.db.selectFrom('users').select('id').where('username', '=', 'lado').executeTakeFirst();
  const calendar = defaultCalendar();
  const date = (daysAgo: number) => addCalendarDays(c.today, -daysAgo);
  await c.db.transaction().execute(async (tx) => {
    const subjects = new Map<string, number>();
    let n = 0;
    for (const s of SPECS) {
      const key = `${subjectKey(s.given, s.family)}|${s.dob ?? n}`;
      let subjectId = subjects.get(key);
      if (!subjectId) {
        subjectId = (await tx.insertInto('allegation_subjects').values({ given_names: s.given, family_name: s.family, date_of_birth: s.dob, name_key: subjectKey(s.given, s.family) }).returning('id').executeTakeFirstOrThrow()).id;
        subjects.set(key, subjectId);
      }
      const received = date(s.daysAgo);
      const considered = s.decision ? (calendar.isWorkingDay(received) ? received : calendar.addWorkingDays(received, 1)) : null;
      const outcomeDate = s.outcome && s.resolvedIn !== undefined ? date(Math.max(0, s.daysAgo - s.resolvedIn)) : null;
      const closedDate = s.closed ? (outcomeDate ?? considered) : null;
      const status = s.closed ? 'closed' : s.outcome ? 'outcome_recorded' : s.decision ? 'open' : 'awaiting_consideration';
      const { id } = await tx
        .insertInto('allegation_cases')
        .values({
          subject_id: subjectId, received_at: londonDateTime(received, `${String(9 + (n % 7)).padStart(2, '0')}:${n % 2 ? '15' : '40'}`), received_date: received,
          referrer_name: `${s.referrer} (demo)`, referrer_organisation: s.employer, referrer_sector: s.referrerSector, employer_name: s.employer, employer_sector: s.sector,
          dsl_name: `${s.referrer} (demo)`, dsl_contact: '01632 960001', subject_role: s.role, subject_engagement: s.engagement ?? 'paid', alleged: s.alleged, category: s.category, police_involved: s.police,
          status, consideration_decision: s.decision ?? null, consideration_rationale: s.decision ? 'Considered against the harm test with the employer’s account and the child’s account.' : null,
          consideration_date: considered, considered_by: s.decision ? lado?.id ?? null : null,
          outcome: s.outcome ?? null, outcome_date: outcomeDate, regulator_referral: s.outcome ? s.regulator ?? 'none' : null, regulator_referral_date: s.regulator && outcomeDate ? outcomeDate : null,
          lessons_learned: s.outcome ? 'Safer recruitment refresher for the employer.' : null, retained_on_file: s.outcome ? 'Outcome letter and summary of the allegation.' : null,
          reference_summary: s.outcome ? (['substantiated', 'unsubstantiated'].includes(s.outcome) ? 'An allegation was made and considered; see the outcome letter.' : 'Not to be referred to in references.') : null,
          closed_date: closedDate, closure_note: null, exceptional_reason: null, created_by: lado?.id ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.insertInto('allegation_subject_roles').values([
        { case_id: id, employer: s.employer, sector: s.sector, role: s.role, engagement: s.engagement ?? 'paid', is_primary: true },
        ...(s.otherRole ? [{ case_id: id, ...s.otherRole, is_primary: false }] : []),
      ]).execute();
      await tx.insertInto('allegation_children').values({ case_id: id, person_id: children[n % children.length]!.id }).execute();
      if (considered && s.decision?.startsWith('threshold_')) {
        const meetingDate = calendar.addWorkingDays(considered, 2) > c.today ? c.today : calendar.addWorkingDays(considered, 2);
        const { id: meetingId } = await tx
          .insertInto('allegation_meetings')
          .values({
            case_id: id, kind: 'initial', meeting_date: meetingDate, chair: 'Lee Adeyemi (designated officer)',
            attendees: JSON.stringify([{ agency: 'employer', name: `${s.referrer} (demo)`, attendance: 'attended' }, ...(s.police ? [{ agency: 'police', name: 'DC Pat Ollerton', attendance: 'attended' }] : []), { agency: 'hr', name: '', attendance: 'apologies' }]),
            key_issues: 'The child’s account; the employer’s records; whether other children are at risk.',
            subject_support_provider: 'Employee assistance programme and union representative', child_support: 'School pastoral lead',
            employment_status: s.category === 'sexual' ? 'suspended' : 'none', employment_from: s.category === 'sexual' ? meetingDate : null, employment_to: null,
            next_review_date: outcomeDate ? null : calendar.addWorkingDays(meetingDate, 20) > c.today ? calendar.addWorkingDays(meetingDate, 20) : calendar.addWorkingDays(c.today, 3),
            created_by: lado?.id ?? null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await tx.insertInto('allegation_decisions').values([
          { meeting_id: meetingId, decision: 'The employer will investigate under its disciplinary procedure.', rationale: 'No criminal investigation; the employer holds the evidence.' },
          { meeting_id: meetingId, decision: 'Children’s social care will check the child’s wellbeing.', rationale: 'The child is distressed and the family asked for support.' },
        ]).execute();
        const feedbackDue = calendar.addWorkingDays(meetingDate, 10);
        const done = !!s.outcome || !s.overdueAction;
        await tx.insertInto('allegation_actions').values([
          { case_id: id, meeting_id: meetingId, description: 'Employer to give feedback to the designated officer', owner: `${s.referrer} (demo)`, due_date: feedbackDue, employer_feedback: true, completed_date: done && feedbackDue <= c.today ? feedbackDue : null },
          { case_id: id, meeting_id: meetingId, description: 'Share the investigation report', owner: s.employer, due_date: s.overdueAction ? date(10) : feedbackDue, employer_feedback: false, completed_date: s.outcome ? outcomeDate : null },
        ]).execute();
      }
      n++;
    }
    // Closed cases have every action done.
    await sql`update allegation_actions set completed_date = c.closed_date from allegation_cases c where c.id = allegation_actions.case_id and c.status = 'closed' and allegation_actions.completed_date is null`.execute(tx);
    await writeAudit(tx, c.ctx, { action: 'allegation.demo_seed', recordType: 'allegation', details: { cases: SPECS.length } });
  });
  c.log(`  ${SPECS.length} allegations`);
}
