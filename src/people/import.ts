/**
 * Bulk import of people from another system's CSV export (`npm run cli -- people import FILE.csv`).
 *
 * Each row is checked first (dates, NHS number check digit, postcode, a name); a bad row is
 * reported with its line number and skipped, and nothing of it is written. Good rows are written
 * in batches (one transaction per batch, a few multi-row INSERTs fed by arrays), so a million rows
 * load in minutes: creating people one by one through PeopleService.create would take hours. Each
 * batch writes one `people.import` audit event with its count, and the run ends with a summary event.
 *
 * The source id is kept (people.source_system, people.source_id): importing the same file again
 * skips the rows already present, so an interrupted import can simply be run again.
 *
 * Records are imported as they are, duplicates included: two rows with the same NHS number are
 * both loaded (the web form would refuse the second) because a legacy export is where duplicates
 * come from. The duplicate finder (`people duplicates`) then offers them for review and merging.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { writeAudit, type RequestContext } from '../audit/audit-log.js';
import { normalisePostcode, validateNhsNumber } from './matching/index.js';
import { nameKeys } from './people-service.js';
import { parseUkDate } from './search-query.js';
import { readCsv } from './csv.js';

export const IMPORT_FIELDS = ['id', 'given_name', 'family_name', 'date_of_birth', 'sex', 'postcode', 'address', 'nhs_number'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

const isField = (s: string): s is ImportField => (IMPORT_FIELDS as readonly string[]).includes(s);

/** A problem with the mapping or the file as a whole: reported as a usage error, nothing is imported. */
export class MappingError extends Error {}

/** "Date of Birth" → "date_of_birth": how column names are compared. */
export function normaliseColumnName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** Parses `--map source_col=field,other=field` (the option may be given several times). */
export function parseMapSpecs(specs: readonly string[]): Map<string, ImportField> {
  const map = new Map<string, ImportField>();
  for (const spec of specs) {
    for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
      const eq = part.lastIndexOf('=');
      const column = eq > 0 ? normaliseColumnName(part.slice(0, eq)) : '';
      const field = eq > 0 ? normaliseColumnName(part.slice(eq + 1)) : '';
      if (!column || !field) throw new MappingError(`--map expects source_column=field pairs separated by commas (got "${part}")`);
      if (!isField(field)) throw new MappingError(`--map: "${field}" is not a field; the fields are ${IMPORT_FIELDS.join(', ')}`);
      map.set(column, field);
    }
  }
  return map;
}

export interface ColumnPlan {
  /** The field each column of the file feeds, or null for a column that is ignored. */
  columns: Array<ImportField | null>;
  /** Columns of the file that feed no field (ignored). */
  ignored: string[];
}

/**
 * Decides which column feeds which field. Columns named `--map` feed the field given; other columns
 * already named as a field feed it, unless `--map` names another column for that field. Several
 * columns may feed `address` (joined with ", "); any other field takes one column.
 */
export function planColumns(header: readonly string[], explicit: ReadonlyMap<string, ImportField>): ColumnPlan {
  const names = header.map(normaliseColumnName);
  for (const column of explicit.keys()) {
    if (!names.includes(column)) throw new MappingError(`--map names a column "${column}" that the file does not have (its columns: ${header.join(', ')})`);
  }
  const mappedFields = new Set(explicit.values());
  const columns = names.map((name): ImportField | null => {
    const mapped = explicit.get(name);
    if (mapped) return mapped;
    if (isField(name) && !mappedFields.has(name)) return name;
    return null;
  });
  for (const field of IMPORT_FIELDS) {
    if (field === 'address') continue;
    const feeding = header.filter((_, i) => columns[i] === field);
    if (feeding.length > 1) throw new MappingError(`Several columns feed ${field} (${feeding.join(', ')}): map only one of them with --map`);
  }
  if (!columns.includes('id')) throw new MappingError('No column gives the record id: name one with --map COLUMN=id (the id keeps re-imports from duplicating people)');
  if (!columns.includes('given_name') && !columns.includes('family_name')) {
    throw new MappingError('No column gives a given or family name: map them with --map COLUMN=given_name,COLUMN=family_name');
  }
  return { columns, ignored: header.filter((_, i) => columns[i] === null) };
}

/** One valid row, ready to insert. */
export interface ImportRow {
  line: number;
  sourceId: string;
  givenNames: string;
  familyName: string;
  dateOfBirth: string | null;
  sex: 'M' | 'F' | 'U';
  postcode: string | null;
  address: string;
  nhsNumber: string | null;
}

export interface RowProblem {
  line: number;
  sourceId: string;
  reason: string;
}

export function parseSex(value: string): 'M' | 'F' | 'U' | null {
  const v = value.trim().toLowerCase();
  if (v === 'm' || v === 'male') return 'M';
  if (v === 'f' || v === 'female') return 'F';
  if (v === '' || v === 'u' || v === 'unknown' || v === 'not known' || v === 'not stated' || v === 'indeterminate') return 'U';
  return null;
}

/** Reads one record through the column plan; a row that breaks a rule becomes a problem naming it. */
export function readRow(values: readonly string[], plan: ColumnPlan, line: number): { ok: true; row: ImportRow } | { ok: false; problem: RowProblem } {
  const raw: Partial<Record<ImportField, string>> = {};
  const address: string[] = [];
  plan.columns.forEach((field, i) => {
    if (field === null) return;
    const v = (values[i] ?? '').trim();
    if (field === 'address') {
      if (v) address.push(v);
    } else raw[field] = v;
  });
  const sourceId = raw.id ?? '';
  const problems: string[] = [];
  if (!sourceId) problems.push('no id');
  const givenNames = raw.given_name ?? '';
  const familyName = raw.family_name ?? '';
  if (!givenNames && !familyName) problems.push('no given or family name');
  let dateOfBirth: string | null = null;
  if (raw.date_of_birth) {
    dateOfBirth = parseUkDate(raw.date_of_birth);
    if (!dateOfBirth) problems.push(`date of birth "${raw.date_of_birth}" is not a real date (use dd/mm/yyyy, yyyy-mm-dd or yyyymmdd)`);
  }
  const sex = parseSex(raw.sex ?? '');
  if (sex === null) problems.push(`sex "${raw.sex}" must be M, F or U (or male, female)`);
  let postcode: string | null = null;
  if (raw.postcode) {
    postcode = normalisePostcode(raw.postcode);
    if (!postcode) problems.push(`postcode "${raw.postcode}" is not a full UK postcode`);
  }
  let nhsNumber: string | null = null;
  if (raw.nhs_number) {
    const v = validateNhsNumber(raw.nhs_number);
    if (v.ok) nhsNumber = v.value;
    else problems.push(`${v.reason} ("${raw.nhs_number}")`);
  }
  if (problems.length) return { ok: false, problem: { line, sourceId, reason: problems.join('; ') } };
  return { ok: true, row: { line, sourceId, givenNames, familyName, dateOfBirth, sex: sex!, postcode, address: address.join(', '), nhsNumber } };
}

export interface BatchOutcome {
  inserted: number;
  /** Rows whose source id was already in the index (an earlier import). */
  existing: number;
  failed: RowProblem[];
}

/** Writes validated rows in batches: people, names and addresses with one multi-row INSERT each. */
export class PeopleImporter {
  private batches = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly ctx: RequestContext,
    readonly source: string,
    private readonly file: string | null = null,
  ) {}

  /**
   * Inserts the rows in one transaction. If the database rejects the batch (a value the checks
   * did not foresee), each row is tried on its own so only the offending rows are lost, with the
   * database's reason: each row is still all or nothing.
   */
  async insertBatch(rows: readonly ImportRow[]): Promise<BatchOutcome> {
    if (rows.length === 0) return { inserted: 0, existing: 0, failed: [] };
    try {
      const inserted = await this.db.transaction().execute((tx) => this.write(tx, rows));
      return { inserted, existing: rows.length - inserted, failed: [] };
    } catch (err) {
      if (!isDataError(err)) throw err;
      if (rows.length === 1) return { inserted: 0, existing: 0, failed: [{ line: rows[0]!.line, sourceId: rows[0]!.sourceId, reason: `refused by the database: ${(err as Error).message}` }] };
      const total: BatchOutcome = { inserted: 0, existing: 0, failed: [] };
      for (const row of rows) {
        const one = await this.insertBatch([row]);
        total.inserted += one.inserted;
        total.existing += one.existing;
        total.failed.push(...one.failed);
      }
      return total;
    }
  }

  private async write(tx: Kysely<Database>, rows: readonly ImportRow[]): Promise<number> {
    const created = await sql<{ id: number; source_id: string }>`
      insert into people (source_system, source_id, date_of_birth, sex, nhs_number)
      select ${this.source}::text, t.source_id, t.dob, t.sex, t.nhs
        from unnest(${rows.map((r) => r.sourceId)}::text[], ${rows.map((r) => r.dateOfBirth)}::date[],
                    ${rows.map((r) => r.sex)}::text[], ${rows.map((r) => r.nhsNumber)}::text[]) with ordinality as t(source_id, dob, sex, nhs, ord)
       order by t.ord
      on conflict (source_system, source_id) where source_id is not null do nothing
      returning id, source_id`.execute(tx);
    if (created.rows.length === 0) return 0;
    const idOf = new Map(created.rows.map((r) => [r.source_id, Number(r.id)]));
    const fresh = rows.filter((r) => idOf.has(r.sourceId));
    const keys = fresh.map((r) => nameKeys(r.givenNames, r.familyName));
    await sql`
      insert into person_names (person_id, kind, given_names, family_name, given_key, family_key)
      select t.person_id, 'current', t.given, t.family, t.given_key, t.family_key
        from unnest(${fresh.map((r) => idOf.get(r.sourceId)!)}::bigint[], ${fresh.map((r) => r.givenNames)}::text[], ${fresh.map((r) => r.familyName)}::text[],
                    ${keys.map((k) => k.given_key)}::text[], ${keys.map((k) => k.family_key)}::text[]) as t(person_id, given, family, given_key, family_key)`.execute(tx);
    const withAddress = fresh.filter((r) => r.postcode || r.address);
    if (withAddress.length) {
      await sql`
        insert into person_addresses (person_id, line1, postcode)
        select t.person_id, t.line1, t.postcode
          from unnest(${withAddress.map((r) => idOf.get(r.sourceId)!)}::bigint[], ${withAddress.map((r) => r.address)}::text[], ${withAddress.map((r) => r.postcode)}::text[]) as t(person_id, line1, postcode)`.execute(tx);
    }
    const ids = created.rows.map((r) => Number(r.id));
    this.batches++;
    await writeAudit(tx, this.ctx, {
      action: 'people.import',
      recordType: 'person',
      details: { source: this.source, file: this.file, batch: this.batches, count: ids.length, firstPersonId: Math.min(...ids), lastPersonId: Math.max(...ids) },
    });
    return ids.length;
  }
}

/** Errors caused by the data (SQLSTATE classes 22 and 23), as opposed to a lost connection or a bug. */
function isDataError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

export interface ImportOptions {
  ctx: RequestContext;
  /** people.source_system for these rows; the file's base name by default. */
  source?: string | undefined;
  map?: ReadonlyMap<string, ImportField> | undefined;
  batchSize?: number | undefined;
  /** Called as the file is read: the fraction done and the rows read so far. */
  onProgress?: ((fraction: number, rows: number) => void) | undefined;
}

export interface ImportSummary {
  source: string;
  rows: number;
  imported: number;
  alreadyPresent: number;
  problems: RowProblem[];
  ignoredColumns: string[];
  seconds: number;
}

/** The default source system name: the file's base name without its extension. */
export function sourceNameFor(file: string): string {
  return path.basename(file).replace(/\.[^.]*$/, '') || path.basename(file);
}

/** Reads, checks and imports a CSV file; see the module comment. */
export async function importCsvFile(db: Kysely<Database>, file: string, opts: ImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  const source = opts.source ?? sourceNameFor(file);
  const batchSize = opts.batchSize ?? 1000;
  const totalBytes = Math.max(1, fs.statSync(file).size);
  const importer = new PeopleImporter(db, opts.ctx, source, path.basename(file));
  const summary: ImportSummary = { source, rows: 0, imported: 0, alreadyPresent: 0, problems: [], ignoredColumns: [], seconds: 0 };
  const firstLineOf = new Map<string, number>();
  let plan: ColumnPlan | null = null;
  let batch: ImportRow[] = [];
  // One batch is written while the next is read and checked (on PostgreSQL the two overlap).
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    const rows = batch;
    batch = [];
    await writing;
    writing = importer.insertBatch(rows).then((r) => {
      summary.imported += r.inserted;
      summary.alreadyPresent += r.existing;
      summary.problems.push(...r.failed);
    });
    // Surface a failure now rather than after the next batch has been read.
    writing.catch(() => undefined);
  };

  try {
    for await (const record of readCsv(file)) {
      if (plan === null) {
        plan = planColumns(record.values, opts.map ?? new Map());
        summary.ignoredColumns = plan.ignored;
        continue;
      }
      summary.rows++;
      const read = readRow(record.values, plan, record.line);
      if (!read.ok) {
        summary.problems.push(read.problem);
      } else {
        const first = firstLineOf.get(read.row.sourceId);
        if (first !== undefined) {
          summary.problems.push({ line: record.line, sourceId: read.row.sourceId, reason: `id ${read.row.sourceId} already appears on line ${first}` });
        } else {
          firstLineOf.set(read.row.sourceId, record.line);
          batch.push(read.row);
          if (batch.length >= batchSize) await flush();
        }
      }
      if (summary.rows % 1000 === 0) opts.onProgress?.(record.bytes / totalBytes, summary.rows);
    }
    if (plan === null) throw new MappingError(`${file} is empty: it needs a header line naming its columns`);
    if (batch.length) await flush();
  } finally {
    // Never leave a batch half-way through its transaction when reading fails.
    await writing.catch(() => undefined);
  }
  await writing;
  summary.problems.sort((a, b) => a.line - b.line);
  summary.seconds = (Date.now() - started) / 1000;
  await writeAudit(db, opts.ctx, {
    action: 'people.import.summary',
    recordType: 'person',
    details: { source, file: path.basename(file), rows: summary.rows, imported: summary.imported, alreadyPresent: summary.alreadyPresent, rejected: summary.problems.length },
  });
  opts.onProgress?.(1, summary.rows);
  return summary;
}
