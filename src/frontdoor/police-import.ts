/**
 * Bulk import of police notifications (CSV page, JSON API, CLI). The batch has already been checked
 * (police-rules.ts) so nothing half-valid reaches here; the whole batch is written in one transaction,
 * so a failure part-way leaves nothing behind. Idempotent on the police reference: a reference already
 * held is reported as already imported, and `on conflict do nothing` keeps two imports racing each other
 * from duplicating one.
 *
 * People are matched to the person index in bulk (a few queries per chunk, not a search per person, so a
 * year's 100,000 notifications import in seconds): candidates by NHS number, or by date of birth with
 * both names sounding alike; each scored with the person search's own scorer and weights. Only a single
 * candidate at the auto-suggest level is linked; anyone else stays unmatched with the details the police
 * gave, for the MASH to match on the notification page. Adults are not matched automatically: a wrong link
 * between an alleged perpetrator and someone's record does more harm than a worker's search costs.
 */
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { inTransaction, type Tx } from '../db/transaction.js';
import { writeAudit, type RequestContext } from '../audit/audit-log.js';
import { ADDRESS_ORDER, forMatching } from '../people/match-data.js';
import { nameKey, nameTokens, scorePair, thresholds, type MatchWeights, type PersonForMatching } from '../people/matching/index.js';
import type { NotificationInput, NotificationPerson } from './police-rules.js';

/** Where a batch came from (kept on police_import_batches.source). */
export type ImportSource = 'csv' | 'api' | 'cli' | 'demo' | 'bench';

/** Notifications written per statement: large enough to be quick, small enough for one audit row each. */
const CHUNK = 5000;
/** Children matched per query. */
const MATCH_SLICE = 4000;

export interface ImportResult {
  batchId: number;
  received: number;
  added: number;
  /** References that were already imported (by an earlier file or call): nothing was written for them. */
  alreadyImported: string[];
  matchedPeople: number;
  unmatchedPeople: number;
  /** Where the time went, in seconds: finding new references and matching children; writing (the two overlap on PostgreSQL). */
  seconds: { match: number; write: number };
}

const asProbe = (p: NotificationPerson): PersonForMatching => ({
  givenNames: p.givenName ? [p.givenName] : [],
  familyNames: p.familyName ? [p.familyName] : [],
  dateOfBirth: p.dateOfBirth,
  sex: null,
  postcodes: p.postcode ? [p.postcode] : [],
  nhsNumber: p.nhsNumber || null,
  upn: null,
});

/**
 * For each person, the id of the one record that matches at the auto-suggest level, or null.
 * Restricted records are matched too (linking shows nothing of them: the record page checks access).
 */
export async function matchPeopleInBulk(db: Kysely<Database>, weights: MatchWeights, people: NotificationPerson[]): Promise<Array<number | null>> {
  if (!people.length) return [];
  const idx = people.map((_, i) => i);
  const nhs = people.map((p) => p.nhsNumber || null);
  const dob = people.map((p) => p.dateOfBirth);
  const fam = people.map((p) => (p.familyName ? nameKey(p.familyName) : null));
  const giv = people.map((p) => (p.givenName ? (nameTokens(p.givenName)[0] ?? null) : null));
  // Candidates: the same NHS number, or the same date of birth with both names sounding alike (the
  // (family_dm, given_dm) index). Narrower than the search page's blocking on purpose: only these can
  // reach the auto-suggest level without a worker looking, and the narrow lookup keeps a year's import
  // in seconds. People it misses stay unmatched for the MASH to find with the full search.
  // One round trip: the candidates with what scoring needs (every name, every postcode, newest first).
  const rows = await sql<{ i: number; person_id: string | number; date_of_birth: string | null; sex: string; nhs_number: string | null; upn: string | null; names: Array<{ kind: string; given_names: string; family_name: string }>; postcodes: Array<string | null> | null }>`
    with q as (
      select i, nhs, dob, dmetaphone(fam) as fam_dm, dmetaphone(giv) as giv_dm
      from unnest(${idx}::int[], ${nhs}::text[], ${dob}::date[], ${fam}::text[], ${giv}::text[]) as q(i, nhs, dob, fam, giv)),
    c as (
      select q.i, p.id as person_id from q join people p on p.nhs_number = q.nhs
        where q.nhs is not null and p.merged_into_id is null
      union
      select q.i, n.person_id from q
        join person_names n on n.family_dm = q.fam_dm and n.given_dm = q.giv_dm
        join people p on p.id = n.person_id and p.date_of_birth = q.dob and p.merged_into_id is null
        where q.dob is not null)
    select c.i, p.id as person_id, to_char(p.date_of_birth, 'YYYY-MM-DD') as date_of_birth, p.sex, p.nhs_number, p.upn,
      (select json_agg(json_build_object('kind', n.kind, 'given_names', n.given_names, 'family_name', n.family_name) order by n.id) from person_names n where n.person_id = p.id) as names,
      (select array_agg(a.postcode order by ${ADDRESS_ORDER}) from person_addresses a where a.person_id = p.id) as postcodes
    from c join people p on p.id = c.person_id`.execute(db);
  const candidates = new Map<number, PersonForMatching[]>();
  const ids = new Map<PersonForMatching, number>();
  for (const r of rows.rows) {
    const person = forMatching(r, r.names ?? [], r.postcodes ?? []);
    ids.set(person, Number(r.person_id));
    const list = candidates.get(r.i) ?? [];
    list.push(person);
    candidates.set(r.i, list);
  }
  return people.map((p, i) => {
    const probe = asProbe(p);
    const likely = (candidates.get(i) ?? []).filter((c) => scorePair(probe, c, weights).score >= thresholds.autoSuggest);
    return likely.length === 1 ? ids.get(likely[0]!)! : null;
  });
}

/** References of `refs` already held (read in slices, so a year's file is a few queries). */
async function existingReferences(db: Kysely<Database>, refs: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < refs.length; i += 20_000) {
    const r = await sql<{ police_reference: string }>`select police_reference from police_notifications where police_reference = any(${refs.slice(i, i + 20_000)}::text[])`.execute(db);
    for (const row of r.rows) found.add(row.police_reference);
  }
  return found;
}

/** Runs `work` over the slices, `width` at a time (on PostgreSQL each on its own connection; PGlite queues them). */
async function inParallel<T>(slices: T[][], width: number, work: (slice: T[]) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < slices.length) await work(slices[next++]!);
  }));
}

const slicesOf = <T>(xs: T[], size: number) => Array.from({ length: Math.ceil(xs.length / size) }, (_, i) => xs.slice(i * size, (i + 1) * size));

export async function importNotifications(
  db: Kysely<Database>,
  weights: MatchWeights,
  ctx: RequestContext,
  notifications: NotificationInput[],
  source: { kind: ImportSource; fileName?: string },
  options: { overlap?: boolean } = {},
): Promise<ImportResult> {
  // Reads first, outside the transaction: which references are new, and who their children are. Only
  // children are matched (adults the police name are kept as given, and matched by the MASH if needed).
  // The insert below still skips a reference another import adds meanwhile (on conflict do nothing).
  const started = performance.now();
  const existing = await existingReferences(db, notifications.map((n) => n.policeReference));
  const children = notifications.filter((n) => !existing.has(n.policeReference)).flatMap((n) => n.people.filter((p) => p.role === 'child'));
  const matches = new Map<NotificationPerson, number | null>();
  let matchedAt = started;
  const matching = inParallel(slicesOf(children, MATCH_SLICE), 2, async (slice) => {
    const ids = await matchPeopleInBulk(db, weights, slice);
    slice.forEach((p, i) => matches.set(p, ids[i] ?? null));
  }).then(() => {
    matchedAt = performance.now();
  });
  // On PostgreSQL (options.overlap) the notifications are written while the children are matched on other
  // connections. Never on PGlite: its one connection is the transaction's, so a read beside it would wait for ever.
  if (options.overlap) matching.catch(() => undefined);
  else await matching;
  return inTransaction(db, async (tx) => {
    const writeStarted = performance.now();
    const { id: batchId } = await tx
      .insertInto('police_import_batches')
      .values({ source: source.kind, file_name: source.fileName ?? '', notifications: notifications.length, added: 0, already_imported: 0, imported_by: ctx.user?.id ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const written = [];
    for (const chunk of slicesOf(notifications, CHUNK)) written.push(await insertNotifications(tx, batchId, chunk));
    await matching;
    let matched = 0;
    let unmatched = 0;
    for (const w of written) {
      const r = await insertPeople(tx, ctx, batchId, w.fresh, w.idByRef, matches);
      matched += r.matched;
      unmatched += r.unmatched;
    }
    const added = written.reduce((n, w) => n + w.fresh.length, 0);
    const alreadyImported = written.flatMap((w) => w.already);
    await tx.updateTable('police_import_batches').set({ added, already_imported: alreadyImported.length }).where('id', '=', batchId).execute();
    await writeAudit(tx, ctx, {
      action: 'police.import',
      recordType: 'police_import_batch',
      recordId: batchId,
      details: { source: source.kind, fileName: source.fileName ?? null, received: notifications.length, added, alreadyImported: alreadyImported.length, matchedPeople: matched, unmatchedPeople: unmatched },
    });
    const seconds = { match: (matchedAt - started) / 1000, write: (performance.now() - writeStarted) / 1000 };
    return { batchId, received: notifications.length, added, alreadyImported, matchedPeople: matched, unmatchedPeople: unmatched, seconds };
  });
}

async function insertNotifications(tx: Tx, batchId: number, chunk: NotificationInput[]) {
  const col = <T>(f: (n: NotificationInput) => T) => chunk.map(f);
  const inserted = await sql<{ id: number; police_reference: string }>`
    insert into police_notifications (police_reference, received_at, incident_at, category, domestic_abuse, risk, force_name, officer, summary, address, postcode, import_batch_id)
    select r, rec, inc, cat, da, risk, frc, off, summ, addr, pc, ${batchId}::int
    from unnest(${col((n) => n.policeReference)}::text[], ${col((n) => n.receivedAt.toISOString())}::timestamptz[], ${col((n) => n.incidentAt?.toISOString() ?? null)}::timestamptz[],
                ${col((n) => n.category)}::text[], ${col((n) => n.domesticAbuse)}::boolean[], ${col((n) => n.risk)}::text[], ${col((n) => n.force)}::text[],
                ${col((n) => n.officer)}::text[], ${col((n) => n.summary)}::text[], ${col((n) => n.address)}::text[], ${col((n) => n.postcode)}::text[])
         as t(r, rec, inc, cat, da, risk, frc, off, summ, addr, pc)
    on conflict (police_reference) do nothing
    returning id, police_reference`.execute(tx);
  const idByRef = new Map(inserted.rows.map((r) => [r.police_reference, Number(r.id)]));
  return { idByRef, fresh: chunk.filter((n) => idByRef.has(n.policeReference)), already: chunk.filter((n) => !idByRef.has(n.policeReference)).map((n) => n.policeReference) };
}

async function insertPeople(tx: Tx, ctx: RequestContext, batchId: number, fresh: NotificationInput[], idByRef: ReadonlyMap<string, number>, matches: ReadonlyMap<NotificationPerson, number | null>) {
  const people = fresh.flatMap((n) => n.people.map((p) => ({ notificationId: idByRef.get(n.policeReference)!, p, personId: matches.get(p) ?? null })));
  if (people.length) {
    const pc = <T>(f: (x: (typeof people)[number]) => T) => people.map(f);
    await sql`
      insert into police_notification_people (notification_id, role, given_name, family_name, date_of_birth, postcode, nhs_number, person_id, matched_by, matched_at)
      select nid, role, gn, fn, dob, pc, nhs, pid, case when pid is null then null else 'import' end, case when pid is null then null else now() end
      from unnest(${pc((x) => x.notificationId)}::int[], ${pc((x) => x.p.role)}::text[], ${pc((x) => x.p.givenName)}::text[], ${pc((x) => x.p.familyName)}::text[],
                  ${pc((x) => x.p.dateOfBirth)}::date[], ${pc((x) => x.p.postcode)}::text[], ${pc((x) => x.p.nhsNumber)}::text[], ${pc((x) => x.personId)}::bigint[])
           as t(nid, role, gn, fn, dob, pc, nhs, pid)`.execute(tx);
  }
  const matchedIds = people.map((x) => x.personId).filter((id): id is number => id !== null);
  if (fresh.length) {
    // Whose records this import linked to: the people's own audit trail shows the notification arrived.
    await writeAudit(tx, ctx, { action: 'police.import_chunk', recordType: 'police_import_batch', recordId: batchId, personIds: [...new Set(matchedIds)], details: { added: fresh.length, firstReference: fresh[0]!.policeReference } });
  }
  return { matched: matchedIds.length, unmatched: people.length - matchedIds.length };
}
