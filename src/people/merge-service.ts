import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { inTransaction, NotFoundError, ValidationError, type Tx } from '../db/transaction.js';
import { writeAudit, type RequestContext } from '../audit/audit-log.js';

/**
 * Every table whose rows belong to a person and move with a merge. Later modules (contacts,
 * episodes, allegations...) add their person columns here, so a merge carries all history.
 */
export const PERSON_LINKS: Array<{ table: string; column: string }> = [
  { table: 'person_names', column: 'person_id' },
  { table: 'person_addresses', column: 'person_id' },
  { table: 'person_contacts', column: 'person_id' },
  { table: 'involvements', column: 'person_id' },
  { table: 'person_warnings', column: 'person_id' },
  { table: 'allegation_children', column: 'person_id' },
  { table: 'contact_children', column: 'person_id' },
  { table: 'contact_adults', column: 'person_id' },
  { table: 'partner_request_people', column: 'person_id' },
  { table: 'early_help_episodes', column: 'person_id' },
  { table: 'cin_episodes', column: 'person_id' },
  { table: 'screening_assessments', column: 'person_id' },
  { table: 'assessments', column: 'person_id' },
  { table: 'cin_plans', column: 'person_id' },
  { table: 'police_notification_people', column: 'person_id' },
  { table: 'mappings', column: 'person_id' },
  { table: 'scalings', column: 'person_id' },
  { table: 'child_voice_records', column: 'person_id' },
  { table: 'mapping_meetings', column: 'person_id' },
  { table: 'strategy_discussions', column: 'person_id' },
  { table: 's47_enquiries', column: 'person_id' },
  { table: 'conferences', column: 'person_id' },
  { table: 'cp_plans', column: 'person_id' },
  { table: 'case_notes', column: 'person_id' },
  { table: 'management_oversight', column: 'person_id' },
  { table: 'chronology_marks', column: 'person_id' },
];

interface MovedRecord {
  /** Row ids moved from the merged record to the kept one, per table and column. */
  rows: Array<{ table: string; column: string; ids: number[] }>;
  /** Names of the merged record that changed kind on the kept one (its current name became an alias). */
  nameKinds: Array<{ id: number; kind: string }>;
  relationships: Array<{ id: number; column: 'person_id' | 'related_person_id' }>;
  addedDisabilities: string[];
  addedRestrictions: number[];
  /** Identifiers the kept record lacked and took from the merged one. */
  filled: Record<string, null>;
}

const IDENTITY_FIELDS = ['date_of_birth', 'nhs_number', 'upn', 'ethnicity', 'first_language', 'religion'] as const;

export class MergeService {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Merges `mergedId` into `keptId`: its names, addresses, relationships and history move to the kept
   * record, which fills any identifier it lacked; the merged record stays as a redirect. Reversible.
   */
  async merge(ctx: RequestContext, keptId: number, mergedId: number): Promise<number> {
    if (keptId === mergedId) throw new ValidationError('keep', 'Choose two different records');
    return inTransaction(this.db, async (tx) => {
      const [kept, merged] = await Promise.all([this.live(tx, keptId), this.live(tx, mergedId)]);
      if (kept.nhs_number && merged.nhs_number && kept.nhs_number !== merged.nhs_number) {
        throw new ValidationError('keep', 'These records have different NHS numbers: they cannot be merged');
      }
      const moved: MovedRecord = { rows: [], nameKinds: [], relationships: [], addedDisabilities: [], addedRestrictions: [], filled: {} };

      const names = await tx.selectFrom('person_names').select(['id', 'kind']).where('person_id', '=', mergedId).execute();
      for (const n of names.filter((x) => x.kind === 'current')) {
        moved.nameKinds.push({ id: n.id, kind: n.kind });
        await tx.updateTable('person_names').set({ kind: 'alias' }).where('id', '=', n.id).execute();
      }
      for (const link of PERSON_LINKS) {
        const r = await sql<{ id: number }>`update ${sql.table(link.table)} set ${sql.ref(link.column)} = ${keptId} where ${sql.ref(link.column)} = ${mergedId} returning id`.execute(tx);
        if (r.rows.length) moved.rows.push({ table: link.table, column: link.column, ids: r.rows.map((x) => Number(x.id)) });
      }
      // Relationships move too, except one between the two records themselves (it would point at itself).
      for (const column of ['person_id', 'related_person_id'] as const) {
        const other = column === 'person_id' ? 'related_person_id' : 'person_id';
        const r = await sql<{ id: number }>`update relationships set ${sql.ref(column)} = ${keptId} where ${sql.ref(column)} = ${mergedId} and ${sql.ref(other)} <> ${keptId} returning id`.execute(tx);
        moved.relationships.push(...r.rows.map((x) => ({ id: Number(x.id), column })));
      }
      const keptDisabilities = new Set((await tx.selectFrom('person_disabilities').select('code').where('person_id', '=', keptId).execute()).map((d) => d.code));
      for (const d of await tx.selectFrom('person_disabilities').select('code').where('person_id', '=', mergedId).execute()) {
        if (keptDisabilities.has(d.code)) continue;
        await tx.insertInto('person_disabilities').values({ person_id: keptId, code: d.code }).execute();
        moved.addedDisabilities.push(d.code);
      }
      // A restriction on either record protects the merged one.
      for (const r of await tx.selectFrom('person_restrictions').select(['user_id', 'team_id']).where('person_id', '=', mergedId).execute()) {
        const { id } = await tx.insertInto('person_restrictions').values({ person_id: keptId, user_id: r.user_id, team_id: r.team_id }).returning('id').executeTakeFirstOrThrow();
        moved.addedRestrictions.push(id);
      }
      const fill: Record<string, string> = {};
      for (const f of IDENTITY_FIELDS) {
        if (kept[f] == null && merged[f] != null) {
          fill[f] = merged[f]!;
          moved.filled[f] = null;
        }
      }
      await tx
        .updateTable('people')
        .set((eb) => ({ ...fill, restricted: kept.restricted || merged.restricted, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', keptId)
        .execute();
      if (merged.restricted && !kept.restricted) (moved.filled as Record<string, unknown>).restricted = false;
      await tx.updateTable('people').set((eb) => ({ merged_into_id: keptId, version: eb('version', '+', 1), updated_at: new Date() })).where('id', '=', mergedId).execute();
      const [a, b] = keptId < mergedId ? [keptId, mergedId] : [mergedId, keptId];
      await tx
        .insertInto('duplicate_candidates')
        .values({ person_a: a, person_b: b, score: 0, reasons: '[]', status: 'merged', reviewed_by: ctx.user?.id ?? null, reviewed_at: new Date() })
        .onConflict((oc) => oc.columns(['person_a', 'person_b']).doUpdateSet({ status: 'merged', reviewed_by: ctx.user?.id ?? null, reviewed_at: new Date() }))
        .execute();
      const { id } = await tx.insertInto('person_merges').values({ kept_id: keptId, merged_id: mergedId, moved: JSON.stringify(moved), merged_by: ctx.user?.id ?? null }).returning('id').executeTakeFirstOrThrow();
      await writeAudit(tx, ctx, { action: 'person.merge', recordType: 'person_merge', recordId: id, personIds: [keptId, mergedId], details: { keptId, mergedId } });
      return id;
    });
  }

  /** Undoes a merge exactly: what moved goes back; anything added to the kept record since stays there. */
  async unmerge(ctx: RequestContext, mergeId: number): Promise<{ keptId: number; mergedId: number }> {
    return inTransaction(this.db, async (tx) => {
      const m = await tx.selectFrom('person_merges').selectAll().where('id', '=', mergeId).where('unmerged_at', 'is', null).executeTakeFirst();
      if (!m) throw new NotFoundError('No such merge, or it has already been undone');
      const moved = m.moved as MovedRecord;
      for (const r of moved.rows) {
        await sql`update ${sql.table(r.table)} set ${sql.ref(r.column)} = ${m.merged_id} where id = any(${r.ids}::bigint[]) and ${sql.ref(r.column)} = ${m.kept_id}`.execute(tx);
      }
      for (const n of moved.nameKinds) await tx.updateTable('person_names').set({ kind: n.kind }).where('id', '=', n.id).execute();
      for (const rel of moved.relationships) {
        await sql`update relationships set ${sql.ref(rel.column)} = ${m.merged_id} where id = ${rel.id}`.execute(tx);
      }
      if (moved.addedDisabilities.length) await tx.deleteFrom('person_disabilities').where('person_id', '=', m.kept_id).where('code', 'in', moved.addedDisabilities).execute();
      if (moved.addedRestrictions.length) await tx.deleteFrom('person_restrictions').where('id', 'in', moved.addedRestrictions).execute();
      if (Object.keys(moved.filled).length) {
        await tx.updateTable('people').set((eb) => ({ ...(moved.filled as Record<string, null>), version: eb('version', '+', 1) })).where('id', '=', m.kept_id).execute();
      }
      await tx.updateTable('people').set((eb) => ({ merged_into_id: null, version: eb('version', '+', 1), updated_at: new Date() })).where('id', '=', m.merged_id).execute();
      await tx.updateTable('person_merges').set({ unmerged_at: new Date(), unmerged_by: ctx.user?.id ?? null }).where('id', '=', mergeId).execute();
      const [a, b] = m.kept_id < m.merged_id ? [m.kept_id, m.merged_id] : [m.merged_id, m.kept_id];
      // Undone because they were not the same person: never propose the pair again.
      await tx.updateTable('duplicate_candidates').set({ status: 'not_same', reviewed_by: ctx.user?.id ?? null, reviewed_at: new Date() }).where('person_a', '=', a).where('person_b', '=', b).execute();
      await writeAudit(tx, ctx, { action: 'person.unmerge', recordType: 'person_merge', recordId: mergeId, personIds: [m.kept_id, m.merged_id] });
      return { keptId: m.kept_id, mergedId: m.merged_id };
    });
  }

  private async live(tx: Tx, id: number) {
    const p = await tx.selectFrom('people').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!p) throw new NotFoundError(`No person ${id}`);
    if (p.merged_into_id) throw new ValidationError('keep', `Person ${id} has already been merged into person ${p.merged_into_id}`);
    return p;
  }
}
