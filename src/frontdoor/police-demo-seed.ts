/**
 * Demo police notifications: a dozen waiting for today's screening meeting (several domestic abuse, two
 * naming children the import could not match), and yesterday's meeting with its decisions, a contact to
 * the MASH and Operation Encompass notices sent. The children are the demo council's own (police details
 * as the police would give them); everything is fictional. Imported through the real import and meeting
 * code, so the demo shows what those produce.
 */
import { sql } from 'kysely';
import type { DemoSeedContext } from '../demo/seeders.js';
import { addCalendarDays, defaultCalendar } from '../time/index.js';
import { londonLocalTime, type NotificationInput, type NotificationPerson, type PoliceCategory, type PoliceRisk } from './police-rules.js';

interface Household {
  postcode: string;
  address: string;
  children: NotificationPerson[];
  adults: NotificationPerson[];
}

const SUMMARIES: Record<PoliceCategory, string[]> = {
  domestic_abuse: [
    'Police called by a neighbour to shouting at the address. Mother had a red mark on her face; partner had left before police arrived. Children were upstairs and heard the argument.',
    'Mother reported her ex-partner came to the house in breach of a non-molestation order and threatened her in front of the children.',
    'Verbal argument between the parents after drinking; the 999 call was made by the older child. No injuries seen. Coercive control disclosed by mother (monitoring her phone and money).',
    'Father arrested for assault on mother; the child was present and tried to intervene. Mother declined to support a prosecution.',
  ],
  missing_person: ['Reported missing by carer after not returning from school; found by police at 23:10 in a park with older youths. Would not say where they had been.'],
  child_concern: ['Officers attending an unrelated call found the home very cold and without food; the child was alone for several hours.', 'Child found walking alone near a main road at 21:00; returned home, parent asleep and unaware.'],
  crime: ['Child was a witness to a street robbery of a relative; shaken but unhurt.', 'Cannabis found at the home during a search warrant; children were present.'],
  other: ['Anti-social behaviour complaint from neighbours; officers had concerns about the condition of the home.'],
};

async function households(c: DemoSeedContext, wanted: number): Promise<Household[]> {
  const rows = await sql<{ id: number; given_names: string; family_name: string; date_of_birth: string | null; nhs_number: string | null; postcode: string; line1: string; town: string }>`
    select p.id, n.given_names, n.family_name, to_char(p.date_of_birth, 'YYYY-MM-DD') as date_of_birth, p.nhs_number, a.postcode, a.line1, a.town
    from people p
    join person_names n on n.person_id = p.id and n.kind = 'current'
    join lateral (select postcode, line1, town from person_addresses x where x.person_id = p.id and x.to_date is null order by x.from_date desc nulls last, x.id desc limit 1) a on true
    where p.merged_into_id is null and not p.restricted and p.date_of_death is null and p.date_of_birth is not null
    order by a.postcode, p.date_of_birth desc, p.id`.execute(c.db);
  const byPostcode = new Map<string, typeof rows.rows>();
  for (const r of rows.rows) byPostcode.set(r.postcode, [...(byPostcode.get(r.postcode) ?? []), r]);
  const result: Household[] = [];
  const cutoff = addCalendarDays(c.today, -16 * 365);
  for (const [postcode, people] of byPostcode) {
    const kids = people.filter((p) => p.date_of_birth! > cutoff);
    const grown = people.filter((p) => p.date_of_birth! < addCalendarDays(c.today, -20 * 365));
    if (!kids.length || !grown.length) continue;
    const asPerson = (role: 'child' | 'adult', p: (typeof people)[number]): NotificationPerson => ({
      role, givenName: p.given_names.split(' ')[0]!, familyName: p.family_name, dateOfBirth: p.date_of_birth, postcode, nhsNumber: '',
    });
    result.push({ postcode, address: `${people[0]!.line1}, ${people[0]!.town}`, children: kids.slice(0, 3).map((k) => asPerson('child', k)), adults: grown.slice(0, 2).map((a) => asPerson('adult', a)) });
    if (result.length >= wanted) break;
  }
  return result;
}

export async function seedPoliceNotifications(c: DemoSeedContext): Promise<void> {
  const { services, ctx, today } = c;
  const homes = await households(c, 17);
  if (homes.length < 6) return;
  const calendar = defaultCalendar();
  const yesterday = addCalendarDays(today, -1);
  // The previous working day (the calendar counts forwards only: step back until it is one).
  let meetingDay = yesterday;
  while (!calendar.isWorkingDay(meetingDay)) meetingDay = addCalendarDays(meetingDay, -1);
  const twoDaysBefore = addCalendarDays(meetingDay, -1);
  let serial = 4100;
  const make = (home: Household, category: PoliceCategory, risk: PoliceRisk, received: Date, incident: Date | null, i: number, people?: NotificationPerson[]): NotificationInput => ({
    policeReference: `DB-PPN-${today.slice(0, 4)}-${String(serial++).padStart(6, '0')}`,
    receivedAt: received,
    incidentAt: incident,
    category,
    domesticAbuse: category === 'domestic_abuse',
    risk,
    force: 'Demo Borough Police',
    officer: ['PC 2231 Okoro', 'PC 1187 Fielding', 'DC 3010 Marsh', 'PS 412 Lindqvist'][i % 4]!,
    summary: SUMMARIES[category][i % SUMMARIES[category].length]!,
    address: home.address,
    postcode: home.postcode,
    people: people ?? [...home.children, ...home.adults],
  });

  // Yesterday's meeting: five notifications received the day before it.
  const past: NotificationInput[] = [
    make(homes[0]!, 'domestic_abuse', 'medium', londonLocalTime(twoDaysBefore, 7, 5), londonLocalTime(addCalendarDays(twoDaysBefore, -1), 22, 40), 0),
    make(homes[1]!, 'domestic_abuse', 'high', londonLocalTime(twoDaysBefore, 7, 5), londonLocalTime(addCalendarDays(twoDaysBefore, -1), 23, 55), 3),
    make(homes[2]!, 'missing_person', 'standard', londonLocalTime(twoDaysBefore, 7, 5), londonLocalTime(addCalendarDays(twoDaysBefore, -1), 19, 30), 0),
    make(homes[3]!, 'child_concern', 'standard', londonLocalTime(twoDaysBefore, 7, 5), null, 0),
    make(homes[4]!, 'crime', 'standard', londonLocalTime(twoDaysBefore, 7, 5), null, 1),
  ];
  // Today's queue: twelve, received overnight; two name children who are not (yet) in the person index.
  const categories: Array<[PoliceCategory, PoliceRisk]> = [
    ['domestic_abuse', 'high'], ['domestic_abuse', 'medium'], ['child_concern', 'standard'], ['domestic_abuse', 'standard'], ['missing_person', 'medium'], ['crime', 'standard'],
    ['domestic_abuse', 'medium'], ['other', 'standard'], ['child_concern', 'medium'], ['domestic_abuse', 'standard'], ['crime', 'standard'], ['missing_person', 'standard'],
  ];
  const todays = categories.map(([cat, risk], i) => {
    const home = homes[(5 + i) % homes.length]!;
    const unknownChild: NotificationPerson = { role: 'child', givenName: ['Kacper', 'Amara'][i % 2]!, familyName: ['Nowakowski', 'Osei-Bonsu'][i % 2]!, dateOfBirth: addCalendarDays(today, -(6 + i) * 365), postcode: home.postcode, nhsNumber: '' };
    const people = i === 7 || i === 10 ? [unknownChild, ...home.adults] : undefined;
    return make(home, cat, risk, londonLocalTime(yesterday, 18 + (i % 5), 5 * i), londonLocalTime(yesterday, 16 + (i % 6), 3 * i), i, people);
  });
  await services.police.import(ctx, past, { kind: 'demo', fileName: 'demo: previous day' });
  await services.police.import(ctx, todays, { kind: 'demo', fileName: 'demo: overnight' });

  const rows = await c.db.selectFrom('police_notifications').select(['id', 'police_reference', 'version']).where('police_reference', 'in', past.map((p) => p.policeReference)).orderBy('id').execute();
  const id = (i: number) => rows.find((r) => r.police_reference === past[i]!.policeReference)!;
  const meetingUser = { ...ctx, user: await services.users.currentUser((await c.db.selectFrom('users').select('id').where('username', '=', 'mash.manager').executeTakeFirstOrThrow()).id) };
  await services.police.recordMeeting(meetingUser, {
    meetingDate: meetingDay,
    chair: 'Priya Manning (MASH team manager)',
    attendees: [
      { name: 'Priya Manning, MASH team manager', agency: 'childrens_social_care' },
      { name: 'DC Pat Ollerton, police MASH officer', agency: 'police' },
      { name: 'Hana Ellis, safeguarding nurse', agency: 'health' },
      { name: 'Ed Carter, education safeguarding officer', agency: 'education' },
      { name: 'Dana Abbott, domestic abuse MASH worker', agency: 'domestic_abuse' },
    ],
    notes: 'Five notifications from the previous day.',
    decisions: [
      { notificationId: id(0).id, version: id(0).version, decision: 'information_shared', notes: 'First notification for this family; mother engaging with the domestic abuse service.', sharedWith: 'Domestic abuse service (outreach)', action: { text: 'Offer mother an outreach appointment', owner: 'Dana Abbott', dueOn: calendar.addWorkingDays(meetingDay, 2) } },
      { notificationId: id(1).id, version: id(1).version, decision: 'contact', notes: 'High risk, children present during an assault: needs MASH screening today.', sharedWith: '', action: { text: 'Refer mother to MARAC', owner: 'DC Pat Ollerton', dueOn: calendar.addWorkingDays(meetingDay, 1) } },
      { notificationId: id(2).id, version: id(2).version, decision: 'information_shared', notes: 'First missing episode; school to offer a return conversation.', sharedWith: 'Education (school safeguarding lead)', action: null },
      { notificationId: id(3).id, version: id(3).version, decision: 'nfa', notes: 'Officers’ follow-up visit found the home warm and stocked; no further concerns.', sharedWith: '', action: null },
      { notificationId: id(4).id, version: id(4).version, decision: 'nfa', notes: 'Child a witness only, supported by family; no safeguarding concern.', sharedWith: '', action: null },
    ],
  });

  // Encompass notices for yesterday's domestic abuse notifications (sent the morning of the meeting).
  for (const i of [0, 1]) {
    const kids = await c.db.selectFrom('police_notification_people').select(['id', 'date_of_birth']).where('notification_id', '=', id(i).id).where('role', '=', 'child').orderBy('id').execute();
    for (const [k, kid] of kids.entries()) {
      const age = kid.date_of_birth ? Number(meetingDay.slice(0, 4)) - Number(kid.date_of_birth.slice(0, 4)) : 10;
      if (age >= 4) await services.police.recordEncompass(meetingUser, id(i).id, kid.id, { kind: 'school', recipientName: ['Riverside Primary School (DSL)', 'Demo Borough Academy (DSL)'][k % 2]!, sentOn: twoDaysBefore, sentBy: 'Morgan Ashby' });
      await services.police.recordEncompass(meetingUser, id(i).id, kid.id, { kind: age < 5 ? 'health_visitor' : 'school_nurse', recipientName: age < 5 ? 'Demo Borough health visiting team' : 'Demo Borough school nursing service', sentOn: twoDaysBefore, sentBy: 'Morgan Ashby' });
    }
  }
  c.log(`police notifications: ${past.length + todays.length} (${todays.length} awaiting screening), one screening meeting`);
}
