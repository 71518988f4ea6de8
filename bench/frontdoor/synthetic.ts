/**
 * A synthetic year of a large council's front door, written with set-based SQL (generate_series), not
 * through the services: 200,000 people, 40,000 contacts, 15,000 of them referrals, a few hundred still
 * open on the MASH queue. Random but repeatable (setseed). All fictional; postcodes are in the demo's
 * invented "DB" area.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';

export const GIVEN = ['Oliver', 'Amelia', 'George', 'Isla', 'Noah', 'Ava', 'Arthur', 'Mia', 'Leo', 'Ivy', 'Oscar', 'Lily', 'Harry', 'Freya', 'Muhammad', 'Grace', 'Jack', 'Sophia', 'Charlie', 'Aisha', 'Jacob', 'Zara', 'Thomas', 'Maya', 'Theo', 'Evie', 'Finley', 'Ella', 'Alfie', 'Rosie', 'Kai', 'Nia', 'Reggie', 'Hana', 'Ezra', 'Layla', 'Ibrahim', 'Priya', 'Tomasz', 'Zofia'];
export const FAMILY = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Robinson', 'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Khan', 'Lewis', 'Harris', 'Clarke', 'Jackson', 'Wood', 'Turner', 'Hussain', 'Martin', 'Cooper', 'Hill', 'Ward', 'Morris', 'Moore', 'Clark', 'Lee', 'King', 'Baker', 'Harrison', 'Morgan', 'Allen', 'James', 'Scott', 'Phillips', 'Watson', 'Davis', 'Parker', 'Price', 'Bennett', 'Young', 'Griffiths', 'Mitchell', 'Kelly', 'Cook', 'Carter', 'Richardson', 'Bailey', 'Collins', 'Bell', 'Shaw', 'Murphy', 'Miller', 'Cox', 'Richards', 'Khalid', 'Begum', 'Ali', 'Ahmed', 'Nowak', 'Kowalski', 'Okafor', 'Mensah', 'Adeyemi', 'Osei', 'Silva', 'Santos', 'Murray', 'Reid', 'Grant', 'Lloyd', 'Fox', 'Hunt'];
const LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

export async function seedSyntheticYear(db: Kysely<Database>, sizes: { people: number; contacts: number; referrals: number; open: number }, today: string, userId: number): Promise<void> {
  await sql`select setseed(0.4242)`.execute(db);
  const given = sql.lit(`{${GIVEN.join(',')}}`);
  const family = sql.lit(`{${FAMILY.join(',')}}`);
  const letters = sql.lit(LETTERS);
  // People: 60% children (0-17), the rest adults; one current name and address each.
  await sql`create temporary table bench_people as
    select g as n,
      case when g % 10 < 6 then ${today}::date - (random() * 6500)::int else ${today}::date - (6600 + random() * 18000)::int end as dob,
      case when random() < 0.5 then 'M' else 'F' end as sex,
      (${given}::text[])[1 + (random() * ${GIVEN.length - 1})::int] as given,
      (${family}::text[])[1 + (random() * ${FAMILY.length - 1})::int] as family,
      'DB' || (1 + (random() * 8)::int) || ' ' || (random() * 9)::int || substr(${letters}, 1 + (random() * 19)::int, 1) || substr(${letters}, 1 + (random() * 19)::int, 1) as postcode
    from generate_series(1, ${sizes.people}) g`.execute(db);
  await sql`alter table bench_people add column id bigint`.execute(db);
  await sql`update bench_people set id = nextval(pg_get_serial_sequence('people', 'id'))`.execute(db);
  await sql`insert into people (id, date_of_birth, sex, source_system, source_id) select id, dob, sex, 'bench', n::text from bench_people`.execute(db);
  await sql`insert into person_names (person_id, kind, given_names, family_name, given_key, family_key)
    select id, 'current', given, family, lower(given), lower(family) from bench_people`.execute(db);
  await sql`insert into person_addresses (person_id, line1, town, postcode, from_date)
    select id, (1 + n % 200) || ' Bench Street', 'Benchtown', postcode, dob from bench_people`.execute(db);

  // Contacts over the past year about children; the most recent `open` are still on the MASH queue.
  await sql`insert into contacts (received_at, received_date, method, origin, source_code, referrer_name, referrer_organisation, what_happened, parents_aware, consent, consent_override_reason, status, rag, created_by)
    select ts, (ts at time zone 'Europe/London')::date,
      (array['phone','email','online_form','police_notification','letter'])[1 + (random() * 4)::int], 'front_door',
      (array['2A','3A','3B','6','6','6','1A','4','5A','8','9'])[1 + (random() * 10)::int],
      'Referrer ' || g, 'Organisation ' || (g % 300), 'Synthetic concern number ' || g || ': what happened, in a few sentences of text so the page has something to show.',
      'unknown', 'not_sought', 'Synthetic: proceeding without consent to test performance',
      case when g > ${sizes.contacts - sizes.open} then 'open' else 'closed' end,
      (array['red','amber','green'])[1 + (random() * 2)::int], ${userId}
    from (select g, now() - ((${sizes.contacts} - g) * (interval '365 days' / ${sizes.contacts})) as ts from generate_series(1, ${sizes.contacts}) g) x`.execute(db);
  // One to three children per contact, drawn from the children; the first `referrals` contacts' children are referrals.
  await sql`insert into contact_children (contact_id, person_id, status, recommendation, decision, decision_rationale, decided_by, decided_at, decision_date, is_referral)
    select c.id, p.id,
      case when c.status = 'open' then 'awaiting_recommendation' else 'decided' end,
      case when c.status = 'open' then null else d.decision end,
      case when c.status = 'open' then null else d.decision end,
      case when c.status = 'open' then '' else 'Synthetic rationale' end,
      case when c.status = 'open' then null else ${userId}::int end,
      case when c.status = 'open' then null else c.received_at + interval '5 hours' end,
      case when c.status = 'open' then null else c.received_date end,
      c.status <> 'open' and d.decision = 'referral'
    from contacts c
    cross join lateral generate_series(1, 1 + (c.id % 3 = 0)::int + (c.id % 7 = 0)::int) k
    join bench_people b on b.n = ((1 + (c.id * 7919 + k * 104729) % ${Math.floor(sizes.people * 0.6) - 1}) / 6) * 10 + (1 + (c.id * 7919 + k * 104729) % ${Math.floor(sizes.people * 0.6) - 1}) % 6
    join people p on p.id = b.id
    cross join lateral (select case when c.id % ${Math.round(sizes.contacts / sizes.referrals * 100)} < 100 then 'referral' else (array['nfa','information_advice','early_help'])[1 + c.id % 3] end as decision) d`.execute(db);
  await sql`analyze`.execute(db);
}
