/**
 * A front-door year for the demo council: contacts from every source over the last twelve months, decided and
 * closed (some late, with reasons; some stepped down to early help), and today's open work in every state:
 * not yet rated, red with the response time running out, awaiting recommendation, awaiting the manager,
 * challenged, decided with feedback to send, overdue, an anonymous call and last night's out-of-hours contact.
 * Written in bulk in one transaction with one audit event, so the demo seeds quickly. All fictional.
 */
import { sql } from 'kysely';
import type { DemoSeedContext } from '../demo/seeders.js';
import { writeAudit } from '../audit/audit-log.js';
import { addCalendarDays, defaultCalendar, isoDateInLondon, londonDateTime } from '../time/index.js';
import { feedbackLetter, isReferralOutcome, responseDue, type Outcome, type Rag } from './rules.js';

interface Household {
  children: number[];
  adults: number[];
  names: Map<number, string>;
}

/** A small deterministic generator, so every demo start has the same year. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SOURCES: Array<[string, number, string, string]> = [
  ['6', 26, 'PC Sam Reid', 'Demo Police'],
  ['2A', 18, 'Designated safeguarding lead', 'Brackenbury Primary School'],
  ['3B', 8, 'Health visitor', 'Demo Community Health Trust'],
  ['3A', 5, 'GP', 'Kingsholme Surgery'],
  ['3E', 5, 'Paediatric liaison nurse', 'Demo General Hospital'],
  ['1A', 8, 'Grandmother', ''],
  ['1B', 5, 'Neighbour', ''],
  ['4', 4, 'Housing officer', 'Demo Homes'],
  ['5A', 4, 'Adult social worker', 'Demo Borough adult social care'],
  ['5D', 4, 'Family worker', 'Demo Borough early help'],
  ['8', 5, 'Project worker', 'Demo Women’s Aid'],
  ['7', 2, 'Probation officer', 'Probation Service'],
  ['9', 4, '', ''],
  ['2B', 2, 'Education welfare officer', 'Demo Borough education'],
];
const OUTCOME_MIX: Array<[Outcome, number]> = [['nfa', 28], ['information_advice', 22], ['early_help', 20], ['referral', 20], ['strategy_discussion', 8], ['transfer', 2]];
const WORRIES = [
  'Child disclosed that a parent hit them; a mark was seen on the arm.',
  'Police attended a domestic incident at the home overnight; the children were present.',
  'Repeated non-attendance at school and the child appears hungry and unkempt.',
  'Parent presented at A&E intoxicated with a toddler in their care.',
  'Neighbour reports children left alone in the evenings and shouting from the flat.',
  'Missed health appointments and concerns about the baby’s weight.',
  'Young person missing overnight, found with older males in another town.',
  'Family served notice on their tenancy; parent’s mental health is deteriorating.',
];

const pick = <T>(rand: () => number, weighted: Array<[T, number, ...unknown[]]>): [T, number, ...unknown[]] => {
  const total = weighted.reduce((a, w) => a + w[1], 0);
  let r = rand() * total;
  for (const w of weighted) if ((r -= w[1]) < 0) return w;
  return weighted[0]!;
};

export async function seedFrontDoor(c: DemoSeedContext): Promise<void> {
  const minDob = addCalendarDays(c.today, -17 * 365);
  const rows = await sql<{ id: number; date_of_birth: string | null; line1: string; postcode: string; given: string; family: string }>`
    select p.id, p.date_of_birth, a.line1, a.postcode, n.given_names as given, n.family_name as family
    from people p
    join person_addresses a on a.person_id = p.id and a.to_date is null
    join person_names n on n.person_id = p.id and n.kind = 'current'
    where p.restricted = false and p.merged_into_id is null and p.date_of_death is null
    order by p.id`.execute(c.db);
  const byAddress = new Map<string, Household>();
  for (const r of rows.rows) {
    const key = `${r.line1}|${r.postcode}`;
    const h = byAddress.get(key) ?? byAddress.set(key, { children: [], adults: [], names: new Map() }).get(key)!;
    (r.date_of_birth && r.date_of_birth > minDob ? h.children : h.adults).push(r.id);
    h.names.set(r.id, `${r.given} ${r.family}`);
  }
  const households = [...byAddress.values()].filter((h) => h.children.length);
  if (!households.length) return;
  const users = new Map((await c.db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.username, u.id]));
  const worker = users.get('mash.worker') ?? null;
  const manager = users.get('mash.manager') ?? null;
  const edt = users.get('edt.worker') ?? null;
  const earlyHelpTeam = (await c.db.selectFrom('teams').select('id').where('name', '=', 'Early Help').executeTakeFirst())?.id ?? null;
  const councilName = (await c.services.settings.get()).councilName;
  const calendar = defaultCalendar();
  const rand = random(20261127);
  let created = 0;

  await c.db.transaction().execute(async (tx) => {
    const insertContact = async (o: {
      receivedAt: Date; source: string; referrer: string; organisation: string; worry: string; household: Household; children: number[];
      origin?: string; method?: string; rag?: Rag | null; status?: 'open' | 'closed'; edtActions?: string; createdBy?: number | null;
    }) => {
      const anonymous = o.source === '9';
      const receivedDate = isoDateInLondon(o.receivedAt);
      const { id } = await tx
        .insertInto('contacts')
        .values({
          received_at: o.receivedAt, received_date: receivedDate, method: o.method ?? (o.source === '6' ? 'police_notification' : o.source === '2A' ? 'email' : 'phone'), origin: o.origin ?? 'front_door',
          source_code: o.source, referrer_anonymous: anonymous, referrer_name: anonymous ? '' : `${o.referrer} (demo)`, referrer_organisation: o.organisation, referrer_role: o.referrer,
          referrer_phone: anonymous ? '' : '01632 960123', referrer_email: anonymous || !o.organisation ? '' : 'referrer@demo-partner.example',
          what_happened: o.worry, referrer_worries: 'Worried the children are not safe at home.', referrer_actions: anonymous ? '' : 'Spoke to the child and recorded what was said.',
          child_views: rand() < 0.5 ? 'The child said they feel scared when the adults argue.' : '', family_views: '',
          parents_aware: anonymous ? 'unknown' : rand() < 0.7 ? 'yes' : 'no', consent: anonymous ? 'not_sought' : rand() < 0.75 ? 'given' : 'not_sought',
          consent_override_reason: '', rag: o.rag ?? null, rag_rationale: o.rag ? 'Screened against the threshold document.' : '', rag_set_at: o.rag ? new Date(o.receivedAt.getTime() + 20 * 60000) : null,
          rag_set_by: o.rag ? worker : null, response_due_at: o.rag ? responseDue(calendar, o.rag, new Date(o.receivedAt.getTime() + 20 * 60000)) : null,
          status: o.status ?? 'open', feedback_method: null, feedback_sent_at: null, feedback_sent_by: null, closed_at: null, closed_by: null,
          edt_actions: o.edtActions ?? '', early_help_episode_id: null, police_notification_id: null, created_by: o.createdBy ?? worker,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // Consent not sought always carries its reason.
      await tx.updateTable('contacts').set({ consent_override_reason: 'Seeking consent first would place the child at risk of significant harm.' }).where('id', '=', id).where('consent', '<>', 'given').execute();
      const childRows = [];
      for (const person_id of o.children) {
        childRows.push((await tx.insertInto('contact_children').values({ contact_id: id, person_id, recommendation: null, recommended_by: null, recommended_at: null, decision: null, decided_by: null, decided_at: null, decision_date: null, early_help_team_id: null, primary_need_code: null }).returning('id').executeTakeFirstOrThrow()).id);
      }
      const adults = o.household.adults.slice(0, 2);
      if (adults.length) await tx.insertInto('contact_adults').values(adults.map((person_id, i) => ({ contact_id: id, person_id, involvement: i === 0 ? 'Parent' : 'Parent’s partner' }))).execute();
      created++;
      return { id, childRows, receivedDate };
    };
    const recommend = (rowId: number, outcome: Outcome, at: Date) =>
      tx.updateTable('contact_children').set({ recommendation: outcome, recommendation_rationale: 'Weighed the history, the worries and what is working well.', recommended_by: worker, recommended_at: at, status: 'awaiting_decision', early_help_team_id: outcome === 'early_help' ? earlyHelpTeam : null, step_down_analysis: outcome === 'early_help' ? 'Needs can be met by family support with the school.' : '', transfer_authority: outcome === 'transfer' ? 'Demo County Council' : '' }).where('id', '=', rowId).execute();
    const decide = async (rowId: number, personId: number, outcome: Outcome, date: string, late: boolean) => {
      await tx.updateTable('contact_children').set({ decision: outcome, decision_rationale: 'Agree with the recommendation: proportionate to the worries and history.', decided_by: manager, decided_at: londonDateTime(date, '15:30'), decision_date: date, late_reason: late ? 'Waiting for police and health information that was needed for a safe decision.' : '', is_referral: isReferralOutcome(outcome), primary_need_code: isReferralOutcome(outcome) ? 'N1' : null, status: 'decided' }).where('id', '=', rowId).execute();
      if (outcome === 'early_help') await tx.insertInto('early_help_episodes').values({ person_id: personId, team_id: earlyHelpTeam, started_on: date, contact_child_id: rowId, analysis: 'Needs can be met by family support with the school.', lead_professional: 'Erin Hale', status: date < addCalendarDays(c.today, -120) ? 'closed' : 'open', ended_on: date < addCalendarDays(c.today, -120) ? addCalendarDays(date, 90) : null, end_reason: date < addCalendarDays(c.today, -120) ? 'Family plan goals met' : '', step_up_contact_id: null, created_by: manager }).execute();
    };
    const household = () => households[Math.floor(rand() * households.length)]!;
    const childrenOf = (h: Household) => (h.children.length > 1 && rand() < 0.4 ? h.children.slice(0, 2) : [h.children[Math.floor(rand() * h.children.length)]!]);

    // A year of decided and closed contacts.
    for (let i = 0; i < 160; i++) {
      const daysAgo = 4 + Math.floor(rand() * 360);
      let day = addCalendarDays(c.today, -daysAgo);
      // Drawn whether or not it is needed, so the year is the same whatever day the demo starts on.
      const moveToWorkingDay = rand() < 0.8;
      if (!calendar.isWorkingDay(day) && moveToWorkingDay) day = calendar.addWorkingDays(day, 1);
      if (day >= c.today) continue;
      const [source, , referrer, organisation] = pick(rand, SOURCES) as [string, number, string, string];
      const h = household();
      const kids = childrenOf(h);
      const receivedAt = londonDateTime(day, `${String(8 + Math.floor(rand() * 9)).padStart(2, '0')}:${String(Math.floor(rand() * 60)).padStart(2, '0')}`);
      const { id, childRows } = await insertContact({ receivedAt, source, referrer, organisation, worry: WORRIES[Math.floor(rand() * WORRIES.length)]!, household: h, children: kids, rag: pick(rand, [['green', 5], ['amber', 4], ['red', 1]] as Array<[Rag, number]>)[0], status: 'closed' });
      const late = rand() < 0.08;
      const decisionDate = late ? calendar.addWorkingDays(day, 2) : calendar.isWorkingDay(day) && rand() < 0.6 ? day : calendar.addWorkingDays(day, 1);
      const decisions: Array<{ name: string; decision: Outcome }> = [];
      for (const [k, rowId] of childRows.entries()) {
        const outcome = pick(rand, OUTCOME_MIX)[0];
        await recommend(rowId, outcome, receivedAt);
        await decide(rowId, kids[k]!, outcome, decisionDate, late);
        decisions.push({ name: h.names.get(kids[k]!) ?? 'A child', decision: outcome });
      }
      const closedAt = londonDateTime(decisionDate, '16:45');
      await tx
        .updateTable('contacts')
        .set(source === '9'
          ? { closed_at: closedAt, closed_by: worker }
          : { feedback_method: 'email', feedback_recipient: 'referrer@demo-partner.example', feedback_text: feedbackLetter({ councilName, referrerName: `${referrer} (demo)`, receivedDate: day, workerName: 'Morgan Ashby', children: decisions }), feedback_sent_at: closedAt, feedback_sent_by: worker, closed_at: closedAt, closed_by: worker })
        .where('id', '=', id)
        .execute();
    }

    // Today's open work, in every state.
    const now = new Date();
    const todayAt = (hhmm: string) => londonDateTime(c.today, hhmm);
    const workingDaysBefore = (n: number) => {
      let d = c.today;
      for (let i = 0; i < n; ) if (calendar.isWorkingDay((d = addCalendarDays(d, -1)))) i++;
      return d;
    };
    const lastWorkingDay = workingDaysBefore(1);
    const open = async (o: { at: Date; source: string; rag?: Rag | null; stage: 'new' | 'recommend' | 'decision' | 'challenged' | 'feedback'; origin?: string; edtActions?: string }) => {
      const [src, , referrer, organisation] = SOURCES.find((s) => s[0] === o.source)!;
      const h = household();
      const kids = childrenOf(h);
      const at = o.at.getTime() > now.getTime() ? new Date(now.getTime() - 30 * 60000) : o.at;
      const contact = await insertContact({ receivedAt: at, source: src, referrer, organisation, worry: WORRIES[Math.floor(rand() * WORRIES.length)]!, household: h, children: kids, rag: o.rag ?? null, origin: o.origin, edtActions: o.edtActions, createdBy: o.origin === 'edt' ? edt : worker, method: o.origin === 'edt' ? 'phone' : undefined });
      const outcomes: Outcome[] = ['strategy_discussion', 'early_help', 'referral', 'information_advice'];
      for (const [k, rowId] of contact.childRows.entries()) {
        if (o.stage === 'new') continue;
        if (o.stage === 'recommend' && k === 0) continue;
        const outcome = outcomes[(contact.id + k) % outcomes.length]!;
        await recommend(rowId, outcome, new Date(at.getTime() + 3600_000));
        if (o.stage === 'challenged') {
          await tx.insertInto('decision_challenges').values({ contact_child_id: rowId, challenged_recommendation: outcome, challenge: 'Have you considered the two police call-outs last month? Please check with health before I decide.', raised_by: manager!, outcome: null, resolved_by: null, resolved_at: null }).execute();
          await tx.updateTable('contact_children').set({ status: 'challenged' }).where('id', '=', rowId).execute();
        }
        if (o.stage === 'feedback') await decide(rowId, kids[k]!, outcome, c.today, false);
      }
      if (o.origin === 'edt') await tx.insertInto('handover_items').values({ contact_id: contact.id, summary: o.edtActions ?? '', created_by: edt, acknowledged_by: null, acknowledged_at: null }).execute();
      return contact.id;
    };
    await open({ at: todayAt('08:40'), source: '2A', stage: 'new' });
    await open({ at: todayAt('09:15'), source: '3B', stage: 'new' });
    await open({ at: todayAt('09:50'), source: '9', stage: 'new' });
    await open({ at: todayAt('08:05'), source: '6', rag: 'red', stage: 'new' });
    await open({ at: new Date(now.getTime() - 5 * 3600_000), source: '3E', rag: 'red', stage: 'recommend' });
    await open({ at: londonDateTime(lastWorkingDay, '14:20'), source: '1B', rag: 'amber', stage: 'decision' });
    await open({ at: todayAt('07:55'), source: '2A', rag: 'amber', stage: 'decision' });
    await open({ at: londonDateTime(lastWorkingDay, '11:00'), source: '6', rag: 'amber', stage: 'challenged' });
    await open({ at: londonDateTime(lastWorkingDay, '10:10'), source: '3A', rag: 'green', stage: 'feedback' });
    await open({ at: londonDateTime(workingDaysBefore(3), '12:00'), source: '4', rag: 'green', stage: 'recommend' });
    await open({ at: londonDateTime(addCalendarDays(c.today, -1), '23:10'), source: '6', stage: 'new', origin: 'edt', edtActions: 'Police called at 22:50: mother arrested after an assault on her partner. EDT visited with police; the two children are staying with their grandmother overnight. Safety plan agreed by phone.' });
    await writeAudit(tx, c.ctx, { action: 'contact.demo_seed', recordType: 'contact', details: { contacts: created } });
  });
  c.log(`  ${created} contacts`);
}
