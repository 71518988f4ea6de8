import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { inTransaction, ConflictError, NotFoundError, ValidationError, type Tx } from '../db/transaction.js';
import { writeAudit, type RequestContext } from '../audit/audit-log.js';
import { canAccessRecord } from '../access/policy.js';
import { nameKey, nameTokens, normalisePostcode, validateNhsNumber, validateUpn } from './matching/index.js';
import { isRelationshipType, describeRelationship, type RelationshipType } from './relationships.js';
import { loadBriefs, type PersonBrief } from './match-data.js';

export interface NewPersonInput {
  givenNames: string;
  familyName: string;
  knownAs?: string | undefined;
  dateOfBirth: string | null;
  expectedDateOfBirth?: string | null | undefined;
  sex: 'M' | 'F' | 'U';
  genderIdentity?: string | undefined;
  ethnicity?: string | undefined;
  firstLanguage?: string | undefined;
  interpreterNeeded?: boolean | undefined;
  religion?: string | undefined;
  nhsNumber?: string | undefined;
  upn?: string | undefined;
  immigrationStatus?: string | undefined;
  uasc?: boolean | undefined;
  disabilities?: string[] | undefined;
  address?: { line1: string; line2?: string; town: string; postcode: string; uprn?: string; fromDate?: string | null } | undefined;
  source?: { system: string; id: string } | undefined;
}

/** 403 wherever it is not caught and shown as the restricted-record page. */
export class RestrictedRecordError extends Error {
  readonly statusCode = 403;
}

/** Thrown by getRecord for a merged record: the caller sends the user to the record it was merged into. */
export class MergedRecordError extends Error {
  constructor(public readonly intoId: number) {
    super(`Merged into ${intoId}`);
  }
}

export const nameKeys = (given: string, family: string) => ({ given_key: nameTokens(given).join(' '), family_key: nameKey(family) });

/** Normalises and checks identifiers; the messages are written for the form. */
export function checkIdentifiers(input: { nhsNumber?: string | undefined; upn?: string | undefined }) {
  let nhs: string | null = null;
  let upn: string | null = null;
  if (input.nhsNumber?.trim()) {
    const v = validateNhsNumber(input.nhsNumber);
    if (!v.ok) throw new ValidationError('nhsNumber', v.reason);
    nhs = v.value;
  }
  if (input.upn?.trim()) {
    const v = validateUpn(input.upn.trim().toUpperCase());
    if (!v.ok) throw new ValidationError('upn', v.reason);
    upn = v.value;
  }
  return { nhs, upn };
}

type DetailsInput = Omit<NewPersonInput, 'address' | 'source' | 'knownAs'>;

/** The people columns a person's details form sets, shared by create and update. */
function detailColumns(input: DetailsInput, nhs: string | null, upn: string | null) {
  return {
    date_of_birth: input.dateOfBirth,
    expected_date_of_birth: input.expectedDateOfBirth ?? null,
    sex: input.sex,
    gender_identity: input.genderIdentity || null,
    ethnicity: input.ethnicity || null,
    first_language: input.firstLanguage || null,
    interpreter_needed: input.interpreterNeeded ?? false,
    religion: input.religion || null,
    nhs_number: nhs,
    upn,
    immigration_status: input.immigrationStatus || null,
    uasc: input.uasc ?? false,
  };
}

export class PeopleService {
  constructor(private readonly db: Kysely<Database>) {}

  async create(ctx: RequestContext, input: NewPersonInput, executor: Kysely<Database> = this.db): Promise<number> {
    const { nhs, upn } = checkIdentifiers(input);
    const postcode = input.address?.postcode ? normalisePostcode(input.address.postcode) : null;
    if (input.address?.postcode && !postcode) throw new ValidationError('postcode', 'Enter a real postcode, like SW1A 1AA');
    return inTransaction(executor, async (tx) => {
      if (nhs) await this.assertIdentifierFree(tx, 'nhs_number', nhs, 'nhsNumber', 'NHS number');
      const { id } = await tx
        .insertInto('people')
        .values({
          source_system: input.source?.system ?? null,
          source_id: input.source?.id ?? null,
          ...detailColumns(input, nhs, upn),
          date_of_death: null,
          merged_into_id: null,
          created_by: ctx.user?.id ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const names = [{ kind: 'current', given: input.givenNames, family: input.familyName }];
      if (input.knownAs?.trim()) names.push({ kind: 'known_as', given: input.knownAs.trim(), family: input.familyName });
      await tx
        .insertInto('person_names')
        .values(names.map((n) => ({ person_id: id, kind: n.kind, given_names: n.given, family_name: n.family, from_date: null, to_date: null, ...nameKeys(n.given, n.family) })))
        .execute();
      if (input.address && postcode) {
        await tx
          .insertInto('person_addresses')
          .values({ person_id: id, line1: input.address.line1, line2: input.address.line2 ?? '', town: input.address.town, postcode, uprn: input.address.uprn || null, from_date: input.address.fromDate ?? null, to_date: null, household_id: null })
          .execute();
      }
      if (input.disabilities?.length) {
        await tx.insertInto('person_disabilities').values(input.disabilities.map((code) => ({ person_id: id, code }))).execute();
      }
      await writeAudit(tx, ctx, { action: 'person.create', recordType: 'person', recordId: id, personIds: [id] });
      return id;
    });
  }

  /** Throws unless this user may open the record (restricted records: named users and teams only). */
  async assertCanOpen(ctx: RequestContext, id: number, executor: Kysely<Database> = this.db): Promise<void> {
    const person = await executor.selectFrom('people').select(['id', 'restricted', 'merged_into_id']).where('id', '=', id).executeTakeFirst();
    if (!person) throw new NotFoundError(`No person ${id}`);
    if (!person.restricted) return;
    const rows = await executor.selectFrom('person_restrictions').select(['user_id', 'team_id']).where('person_id', '=', id).execute();
    const decision = canAccessRecord(ctx.user!, {
      restrictedTo: { userIds: rows.flatMap((r) => (r.user_id ? [r.user_id] : [])), teamIds: rows.flatMap((r) => (r.team_id ? [r.team_id] : [])) },
    });
    if (!decision.allowed) {
      await writeAudit(executor, ctx, { action: 'person.view', outcome: 'denied', recordType: 'person', recordId: id, personIds: [id] });
      throw new RestrictedRecordError(decision.reason);
    }
  }

  /** The whole record for the person page; every successful open is audited. */
  async getRecord(ctx: RequestContext, id: number) {
    await this.assertCanOpen(ctx, id);
    const person = await this.db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    if (person.merged_into_id) throw new MergedRecordError(person.merged_into_id);
    const [names, addresses, disabilities, contacts, relRows, involvements, warnings, restrictions, merges] = await Promise.all([
      this.db.selectFrom('person_names').selectAll().where('person_id', '=', id).orderBy('id').execute(),
      this.db.selectFrom('person_addresses').selectAll().where('person_id', '=', id).orderBy('from_date', 'desc').orderBy('id', 'desc').execute(),
      this.db.selectFrom('person_disabilities').select('code').where('person_id', '=', id).execute(),
      this.db.selectFrom('person_contacts').selectAll().where('person_id', '=', id).execute(),
      this.db.selectFrom('relationships').selectAll().where((eb) => eb.or([eb('person_id', '=', id), eb('related_person_id', '=', id)])).orderBy('id').execute(),
      this.db
        .selectFrom('involvements')
        .innerJoin('organisations', 'organisations.id', 'involvements.organisation_id')
        .select(['involvements.id', 'involvements.role', 'involvements.contact_name', 'involvements.from_date', 'involvements.to_date', 'organisations.name', 'organisations.kind', 'organisations.phone'])
        .where('involvements.person_id', '=', id)
        .execute(),
      this.db.selectFrom('person_warnings').selectAll().where('person_id', '=', id).where('ended_at', 'is', null).orderBy('id').execute(),
      this.db
        .selectFrom('person_restrictions')
        .leftJoin('users', 'users.id', 'person_restrictions.user_id')
        .leftJoin('teams', 'teams.id', 'person_restrictions.team_id')
        .select(['person_restrictions.id', 'users.display_name', 'teams.name as team_name'])
        .where('person_id', '=', id)
        .execute(),
      this.db.selectFrom('person_merges').selectAll().where('kept_id', '=', id).where('unmerged_at', 'is', null).orderBy('id', 'desc').execute(),
    ]);
    const otherIds = relRows.map((r) => (r.person_id === id ? r.related_person_id : r.person_id));
    const others = await loadBriefs(this.db, otherIds);
    const relationships = relRows.flatMap((r) => {
      const fromSide = r.person_id === id;
      const other = others.get(fromSide ? r.related_person_id : r.person_id);
      if (!other) return [];
      const visible = canAccessRecord(ctx.user!, { restrictedTo: other.restricted ? other.restrictedTo : null }).allowed;
      return [{ id: r.id, type: r.type, label: describeRelationship(r.type, fromSide, other.sex), other: visible ? other : null, otherId: other.id, startDate: r.start_date, endDate: r.end_date, note: r.note }];
    });
    await writeAudit(this.db, ctx, { action: 'person.view', recordType: 'person', recordId: id, personIds: [id] });
    return { person, names, addresses, disabilities: disabilities.map((d) => d.code), contacts, relationships, involvements, warnings, restrictions, merges };
  }

  /** Names, dates of birth, addresses and warnings of several people at once (for lists). */
  briefs(ids: number[]): Promise<Map<number, PersonBrief>> {
    return loadBriefs(this.db, ids);
  }

  async brief(id: number): Promise<PersonBrief> {
    const b = (await loadBriefs(this.db, [id])).get(id);
    if (!b) throw new NotFoundError(`No person ${id}`);
    return b;
  }

  async addRelationship(ctx: RequestContext, personId: number, relatedPersonId: number, type: RelationshipType | string, startDate: string | null): Promise<void> {
    if (!isRelationshipType(type)) throw new ValidationError('type', 'Select the relationship');
    if (personId === relatedPersonId) throw new ValidationError('relatedPersonId', 'A person cannot be related to themselves');
    await inTransaction(this.db, async (tx) => {
      await this.assertCanOpen(ctx, personId, tx);
      await this.assertCanOpen(ctx, relatedPersonId, tx);
      const existing = await tx
        .selectFrom('relationships')
        .select('id')
        .where((eb) => eb.or([eb.and([eb('person_id', '=', personId), eb('related_person_id', '=', relatedPersonId)]), eb.and([eb('person_id', '=', relatedPersonId), eb('related_person_id', '=', personId)])]))
        .where('end_date', 'is', null)
        .executeTakeFirst();
      if (existing) throw new ValidationError('relatedPersonId', 'These two people already have a current relationship recorded');
      const { id } = await tx.insertInto('relationships').values({ person_id: personId, related_person_id: relatedPersonId, type, start_date: startDate, end_date: null }).returning('id').executeTakeFirstOrThrow();
      await writeAudit(tx, ctx, { action: 'person.relationship.add', recordType: 'relationship', recordId: id, personIds: [personId, relatedPersonId], details: { type } });
    });
  }

  async addName(ctx: RequestContext, personId: number, kind: 'previous' | 'alias' | 'known_as', given: string, family: string): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      await this.assertCanOpen(ctx, personId, tx);
      await tx.insertInto('person_names').values({ person_id: personId, kind, given_names: given, family_name: family, from_date: null, to_date: null, ...nameKeys(given, family) }).execute();
      await writeAudit(tx, ctx, { action: 'person.name.add', recordType: 'person', recordId: personId, personIds: [personId], details: { kind } });
    });
  }

  /** A move: the current address ends the day before the new one starts. */
  async moveAddress(ctx: RequestContext, personId: number, address: { line1: string; line2: string; town: string; postcode: string; uprn: string; fromDate: string }): Promise<void> {
    const postcode = normalisePostcode(address.postcode);
    if (!postcode) throw new ValidationError('postcode', 'Enter a real postcode, like SW1A 1AA');
    await inTransaction(this.db, async (tx) => {
      await this.assertCanOpen(ctx, personId, tx);
      await tx.updateTable('person_addresses').set({ to_date: sql<string>`(${address.fromDate}::date - 1)` }).where('person_id', '=', personId).where('to_date', 'is', null).execute();
      await tx.insertInto('person_addresses').values({ person_id: personId, line1: address.line1, line2: address.line2, town: address.town, postcode, uprn: address.uprn || null, from_date: address.fromDate, to_date: null, household_id: null }).execute();
      await writeAudit(tx, ctx, { action: 'person.address.add', recordType: 'person', recordId: personId, personIds: [personId] });
    });
  }

  async addWarning(ctx: RequestContext, personId: number, kind: string, details: string, reviewDate: string | null): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      await this.assertCanOpen(ctx, personId, tx);
      await tx.insertInto('person_warnings').values({ person_id: personId, kind, details, review_date: reviewDate, created_by: ctx.user?.id ?? null }).execute();
      await writeAudit(tx, ctx, { action: 'person.warning.add', recordType: 'person', recordId: personId, personIds: [personId], details: { kind } });
    });
  }

  async endWarning(ctx: RequestContext, personId: number, warningId: number): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      await this.assertCanOpen(ctx, personId, tx);
      const r = await tx.updateTable('person_warnings').set({ ended_at: new Date() }).where('id', '=', warningId).where('person_id', '=', personId).where('ended_at', 'is', null).executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw new NotFoundError('No such current warning');
      await writeAudit(tx, ctx, { action: 'person.warning.end', recordType: 'person', recordId: personId, personIds: [personId] });
    });
  }

  /** Updates the core details from the version the user loaded. */
  async updateDetails(ctx: RequestContext, personId: number, expectedVersion: number, input: DetailsInput): Promise<void> {
    const { nhs, upn } = checkIdentifiers(input);
    await inTransaction(this.db, async (tx) => {
      await this.assertCanOpen(ctx, personId, tx);
      if (nhs) await this.assertIdentifierFree(tx, 'nhs_number', nhs, 'nhsNumber', 'NHS number', personId);
      const r = await tx
        .updateTable('people')
        .set((eb) => ({
          ...detailColumns(input, nhs, upn),
          version: eb('version', '+', 1),
          updated_at: new Date(),
        }))
        .where('id', '=', personId)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw new ConflictError();
      const current = await tx.selectFrom('person_names').select(['id', 'given_names', 'family_name']).where('person_id', '=', personId).where('kind', '=', 'current').executeTakeFirst();
      if (current && (current.given_names !== input.givenNames || current.family_name !== input.familyName)) {
        // A change of name keeps the old one as a previous name, so searches on it still find the child.
        await tx.updateTable('person_names').set({ kind: 'previous', to_date: sql<string>`current_date` }).where('id', '=', current.id).execute();
        await tx.insertInto('person_names').values({ person_id: personId, kind: 'current', given_names: input.givenNames, family_name: input.familyName, from_date: sql<string>`current_date`, to_date: null, ...nameKeys(input.givenNames, input.familyName) }).execute();
      }
      await tx.deleteFrom('person_disabilities').where('person_id', '=', personId).execute();
      if (input.disabilities?.length) await tx.insertInto('person_disabilities').values(input.disabilities.map((code) => ({ person_id: personId, code }))).execute();
      await writeAudit(tx, ctx, { action: 'person.update', recordType: 'person', recordId: personId, personIds: [personId] });
    });
  }

  /** Restricts a record to named users and teams (or lifts the restriction with empty lists). */
  async setRestriction(ctx: RequestContext, personId: number, userIds: number[], teamIds: number[]): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      await this.assertCanOpen(ctx, personId, tx);
      const restricted = userIds.length + teamIds.length > 0;
      // Whoever restricts a record keeps access to it.
      const users = restricted && ctx.user && !userIds.includes(ctx.user.id) ? [...userIds, ctx.user.id] : userIds;
      await tx.deleteFrom('person_restrictions').where('person_id', '=', personId).execute();
      const rows = [...users.map((u) => ({ person_id: personId, user_id: u, team_id: null })), ...teamIds.map((t) => ({ person_id: personId, user_id: null, team_id: t }))];
      if (rows.length) await tx.insertInto('person_restrictions').values(rows).execute();
      await tx.updateTable('people').set((eb) => ({ restricted, version: eb('version', '+', 1) })).where('id', '=', personId).execute();
      await writeAudit(tx, ctx, { action: restricted ? 'person.restrict' : 'person.unrestrict', recordType: 'person', recordId: personId, personIds: [personId], details: { userIds: users, teamIds } });
    });
  }

  /** Who has opened this record, newest first (from the audit trail). */
  async viewers(ctx: RequestContext, personId: number) {
    await this.assertCanOpen(ctx, personId);
    return this.db
      .selectFrom('audit_events')
      .select(['occurred_at', 'username', 'role', 'team', 'action', 'outcome'])
      .where(sql<boolean>`person_ids @> ARRAY[${String(personId)}]::text[]`)
      .where('action', 'in', ['person.view', 'person.search'])
      .orderBy('id', 'desc')
      .limit(200)
      .execute();
  }

  private async assertIdentifierFree(tx: Tx, column: 'nhs_number', value: string, field: string, label: string, exceptId?: number) {
    let q = tx.selectFrom('people').select('id').where(column, '=', value).where('merged_into_id', 'is', null);
    if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
    const clash = await q.executeTakeFirst();
    if (clash) throw new ValidationError(field, `Another record (person ${clash.id}) already has this ${label}: search for it instead of adding a new person`);
  }
}
