/**
 * The duplicate finder: a scan over the whole person index that proposes pairs of records that are
 * probably the same person, for a worker to merge (MergeService.merge) or mark "not the same".
 *
 * The scan works through people in id order, a batch at a time: set-based blocking in SQL
 * (pair-blocking.ts) gives the candidate pairs of the batch, both sides are loaded in bulk and
 * scored with the same Fellegi–Sunter scorer as the search (scorePair), and pairs at or above the
 * "possible" threshold are stored in duplicate_candidates. Progress (last_person_id, pairs_found)
 * is written in the same transaction as the batch's pairs, so a scan that is interrupted (the app
 * stopped, the machine restarted) resumes exactly where it stopped, and running a batch twice
 * changes nothing.
 *
 * A pair a worker has reviewed (status not_same or merged) is never proposed again: a rescan only
 * inserts new pairs and refreshes the score of pairs still open.
 *
 * Background scans run in this process (startBackgroundScan). A job queue such as pg-boss would
 * survive restarts by itself, but pg-boss 12 needs Node 22 and this service runs on Node 20; the
 * duplicate_scans row already makes the scan resumable, so resumeUnfinishedScans at app start is
 * all a restart needs. With several app servers on PostgreSQL two may pick up the same scan:
 * each batch advances the progress only from the value it read (optimistic), so one of them
 * wins each batch and the other moves on.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { NotFoundError } from '../db/transaction.js';
import { writeAudit, type RequestContext } from '../audit/audit-log.js';
import { birthmateKeys, finderThreshold, scorePair, thresholds, type MatchContext, type MatchWeights, type PairScore, type PersonForMatching } from './matching/index.js';
import { loadBriefs, type PersonBrief } from './match-data.js';
import { DEFAULT_BLOCK_CAP, batchEnd, blockPairs, loadBirthmates, loadForMatching } from './pair-blocking.js';
import type { PersonSearchService } from './search-service.js';

/** The context of work no user started (the background scan); the CLI passes its own. */
export const SCAN_CONTEXT: RequestContext = { requestId: 'duplicate-scan', ip: 'local', user: null };

export interface DuplicateReason {
  field: string;
  level: string;
  reason: string;
  weight: number;
}

export interface DuplicatePair {
  id: number;
  score: number;
  /** Field by field, as stored when the pair was found. */
  reasons: DuplicateReason[];
  /** Guards that held the score down ("could be a twin"). */
  cautions: string[];
  status: 'open' | 'not_same' | 'merged';
  foundAt: Date;
  a: PersonBrief;
  b: PersonBrief;
}

export interface ScanState {
  id: number;
  status: 'running' | 'finished' | 'failed';
  lastPersonId: number;
  pairsFound: number;
  startedAt: Date;
  finishedAt: Date | null;
}

export interface RunScanOptions {
  /** People per batch (default 2,000). */
  batchSize?: number;
  /** Stops after the current batch; the scan stays 'running' and resumes later. */
  signal?: AbortSignal;
  /** Stop after this many batches (the scan stays 'running'): for tests and short background slices. */
  maxBatches?: number;
  /** Store pairs scoring at least this (default: the "possible" threshold). */
  minScore?: number;
  /** Partners per person per blocking key. */
  blockCap?: number;
  ctx?: RequestContext;
  /** After each batch: how far the scan has got. */
  onBatch?: (state: { lastPersonId: number; pairsFound: number; pairsScored: number }) => void;
}

/** Scoring is CPU work on the event loop: let requests through every this many pairs. */
const YIELD_EVERY = 500;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

class ScanMovedOn extends Error {}

export class DuplicatesService {
  private background: { scanId: number; controller: AbortController; done: Promise<void> } | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly search: PersonSearchService,
  ) {}

  /**
   * The score from which pairs are likely the same person at this index's size (finderThreshold):
   * the default for exports. Lower-scoring pairs down to "possible" are kept for review.
   */
  async likelyThreshold(): Promise<number> {
    const r = await sql<{ n: number }>`select count(*)::int as n from people where merged_into_id is null`.execute(this.db);
    return finderThreshold(Number(r.rows[0]?.n ?? 0));
  }

  /** Starts a scan, or returns the one already running (there is only ever one). */
  async startScan(): Promise<number> {
    const running = await this.db.selectFrom('duplicate_scans').select('id').where('status', '=', 'running').orderBy('id', 'desc').executeTakeFirst();
    if (running) return running.id;
    const { id } = await this.db.insertInto('duplicate_scans').defaultValues().returning('id').executeTakeFirstOrThrow();
    return id;
  }

  async scan(scanId: number): Promise<ScanState | null> {
    const row = await this.db.selectFrom('duplicate_scans').selectAll().where('id', '=', scanId).executeTakeFirst();
    return row ? toState(row) : null;
  }

  async latestScan(): Promise<ScanState | null> {
    const row = await this.db.selectFrom('duplicate_scans').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
    return row ? toState(row) : null;
  }

  /**
   * Runs (or resumes) a scan from its recorded progress until every person has been compared,
   * the signal aborts, or maxBatches batches are done. Returns the scan's state.
   */
  async runScan(scanId: number, opts: RunScanOptions = {}): Promise<ScanState> {
    const batchSize = opts.batchSize ?? 2000;
    const minScore = opts.minScore ?? thresholds.possible;
    const ctx = opts.ctx ?? SCAN_CONTEXT;
    const weights = await this.search.currentWeights();
    const context = await this.search.matchContext();
    let state = await this.scan(scanId);
    if (!state) throw new NotFoundError(`No duplicate scan ${scanId}`);
    if (state.status !== 'running') return state;
    let batches = 0;
    try {
      for (;;) {
        if (opts.signal?.aborted || (opts.maxBatches !== undefined && batches >= opts.maxBatches)) return state;
        const from = state.lastPersonId;
        const upTo = await batchEnd(this.db, from, batchSize);
        if (upTo === null) {
          await this.db.updateTable('duplicate_scans').set({ status: 'finished', finished_at: new Date() }).where('id', '=', scanId).where('status', '=', 'running').execute();
          await writeAudit(this.db, ctx, { action: 'person.duplicate.scan', recordType: 'duplicate_scan', recordId: scanId, details: { pairsFound: state.pairsFound } });
          return (await this.scan(scanId))!;
        }
        const pairs = await this.scoreBatch(from, upTo, weights, context, minScore, opts.blockCap ?? DEFAULT_BLOCK_CAP);
        try {
          const inserted = await this.db.transaction().execute(async (tx) => {
            const added = await storePairs(tx, pairs.found);
            const moved = await tx
              .updateTable('duplicate_scans')
              .set((eb) => ({ last_person_id: upTo, pairs_found: eb('pairs_found', '+', added) }))
              .where('id', '=', scanId)
              .where('last_person_id', '=', from)
              .where('status', '=', 'running')
              .executeTakeFirst();
            if (Number(moved.numUpdatedRows) === 0) throw new ScanMovedOn();
            return added;
          });
          state = { ...state, lastPersonId: upTo, pairsFound: state.pairsFound + inserted };
        } catch (err) {
          if (!(err instanceof ScanMovedOn)) throw err;
          // Another worker did this batch (or the scan was stopped): carry on from where it is now.
          state = (await this.scan(scanId))!;
          if (state.status !== 'running') return state;
        }
        batches++;
        opts.onBatch?.({ lastPersonId: state.lastPersonId, pairsFound: state.pairsFound, pairsScored: pairs.scored });
      }
    } catch (err) {
      await this.db.updateTable('duplicate_scans').set({ status: 'failed', finished_at: new Date() }).where('id', '=', scanId).where('status', '=', 'running').execute().catch(() => undefined);
      throw err;
    }
  }

  /** Blocks and scores one batch: the pairs worth keeping, and how many were scored. */
  private async scoreBatch(from: number, upTo: number, weights: MatchWeights, context: MatchContext, minScore: number, cap: number) {
    const candidates = await blockPairs(this.db, from, upTo, cap);
    const people = await loadForMatching(this.db, candidates.flat());
    const scored = await scoreCandidates(this.db, candidates, people, weights, context, YIELD_EVERY);
    return { found: scored.filter((p) => p.score.score >= minScore), scored: candidates.length };
  }

  /**
   * Runs a scan in the background (resuming the one in progress, if any) and returns its id at once.
   * A second call while one runs returns the same scan. Failures are logged, and the scan is left
   * 'failed' for the next start to begin afresh.
   */
  async startBackgroundScan(opts: Pick<RunScanOptions, 'batchSize' | 'minScore'> & { log?: (message: string, err?: unknown) => void } = {}): Promise<number> {
    if (this.background) return this.background.scanId;
    const scanId = await this.startScan();
    if (this.background) return (this.background as { scanId: number }).scanId;
    const controller = new AbortController();
    const log = opts.log ?? ((message: string, err?: unknown) => console.error(message, err ?? ''));
    const done = this.runScan(scanId, { batchSize: opts.batchSize ?? 1000, signal: controller.signal, ...(opts.minScore !== undefined ? { minScore: opts.minScore } : {}) })
      .then(
        () => undefined,
        (err: unknown) => log(`Duplicate scan ${scanId} failed`, err),
      )
      .finally(() => {
        if (this.background?.scanId === scanId) this.background = undefined;
      });
    this.background = { scanId, controller, done };
    return scanId;
  }

  /** True while a background scan runs in this process. */
  get backgroundScanRunning(): boolean {
    return this.background !== undefined;
  }

  /** Stops the background scan after its current batch (it stays resumable) and waits for it. Call before closing the database. */
  async stopBackgroundScan(): Promise<void> {
    const job = this.background;
    if (!job) return;
    job.controller.abort();
    await job.done;
  }

  /** Open pairs with both records, highest score first. Pairs whose records have since been merged are left out. */
  async openPairs(opts: { limit?: number; offset?: number } = {}): Promise<DuplicatePair[]> {
    const rows = await this.livePairs()
      .where('d.status', '=', 'open')
      .orderBy('d.score', 'desc')
      .orderBy('d.id')
      .limit(opts.limit ?? 50)
      .offset(opts.offset ?? 0)
      .execute();
    return this.withBriefs(rows);
  }

  async countOpenPairs(): Promise<number> {
    const r = await this.db
      .selectFrom('duplicate_candidates as d')
      .innerJoin('people as pa', 'pa.id', 'd.person_a')
      .innerJoin('people as pb', 'pb.id', 'd.person_b')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('d.status', '=', 'open')
      .where('pa.merged_into_id', 'is', null)
      .where('pb.merged_into_id', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async getPair(id: number): Promise<DuplicatePair> {
    const row = await this.db.selectFrom('duplicate_candidates as d').selectAll('d').where('d.id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError(`No duplicate pair ${id}`);
    const [pair] = await this.withBriefs([row]);
    if (!pair) throw new NotFoundError(`Duplicate pair ${id}: one of its records has been merged`);
    return pair;
  }

  /** A worker has checked the pair: not the same person. It is never proposed again. */
  async markNotSame(ctx: RequestContext, pairId: number): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const pair = await tx
        .updateTable('duplicate_candidates')
        .set({ status: 'not_same', reviewed_by: ctx.user?.id ?? null, reviewed_at: new Date() })
        .where('id', '=', pairId)
        .where('status', '=', 'open')
        .returning(['person_a', 'person_b', 'score'])
        .executeTakeFirst();
      if (!pair) throw new NotFoundError(`No open duplicate pair ${pairId}`);
      await writeAudit(tx, ctx, {
        action: 'person.duplicate.not_same',
        recordType: 'duplicate_candidate',
        recordId: pairId,
        personIds: [pair.person_a, pair.person_b],
        details: { score: pair.score },
      });
    });
  }

  /** Open pairs scoring at least minScore, with each record's source id (for exports): highest score first. */
  async pairsAbove(minScore: number): Promise<Array<{ personA: number; personB: number; sourceA: string | null; sourceB: string | null; score: number }>> {
    const rows = await this.livePairs()
      .where('d.status', '=', 'open')
      .where('d.score', '>=', minScore)
      .select(['pa.source_id as source_a', 'pb.source_id as source_b'])
      .orderBy('d.score', 'desc')
      .orderBy('d.person_a')
      .orderBy('d.person_b')
      .execute();
    return rows.map((r) => ({ personA: r.person_a, personB: r.person_b, sourceA: r.source_a, sourceB: r.source_b, score: r.score }));
  }

  private livePairs() {
    return this.db
      .selectFrom('duplicate_candidates as d')
      .innerJoin('people as pa', 'pa.id', 'd.person_a')
      .innerJoin('people as pb', 'pb.id', 'd.person_b')
      .selectAll('d')
      .where('pa.merged_into_id', 'is', null)
      .where('pb.merged_into_id', 'is', null);
  }

  private async withBriefs(rows: readonly CandidateRow[]): Promise<DuplicatePair[]> {
    const briefs = await loadBriefs(this.db, rows.flatMap((r) => [r.person_a, r.person_b]));
    return rows.flatMap((r) => {
      const a = briefs.get(r.person_a);
      const b = briefs.get(r.person_b);
      if (!a || !b) return [];
      const stored = (Array.isArray(r.reasons) ? r.reasons : []) as DuplicateReason[];
      return [
        {
          id: r.id,
          score: r.score,
          reasons: stored.filter((x) => x.field !== 'guard'),
          cautions: stored.filter((x) => x.field === 'guard').map((x) => x.reason),
          status: r.status as DuplicatePair['status'],
          foundAt: r.found_at,
          a,
          b,
        },
      ];
    });
  }
}

interface CandidateRow {
  id: number;
  person_a: number;
  person_b: number;
  score: number;
  reasons: unknown;
  status: string;
  found_at: Date;
}

function toState(row: { id: number; status: string; last_person_id: number; pairs_found: number; started_at: Date; finished_at: Date | null }): ScanState {
  return {
    id: row.id,
    status: row.status as ScanState['status'],
    lastPersonId: Number(row.last_person_id),
    pairsFound: row.pairs_found,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

/** Guards that a look-up of birthmates may lift (compare.ts, householdSlip). */
const TWIN_RULES: ReadonlySet<string> = new Set(['possibleTwin', 'differentGivenNames']);

/**
 * Scores candidate pairs as the duplicate finder does: each pair with scorePair, then the pairs
 * held down as possible twins (same family name and date of birth, given names apart) once more
 * with the index's birthmates, looked up in one query for the lot, so a given-name slip with no
 * twin in the index to belong to is recognised as one.
 */
export async function scoreCandidates(
  db: Kysely<Database>,
  candidates: ReadonlyArray<readonly [number, number]>,
  people: ReadonlyMap<number, PersonForMatching>,
  weights: MatchWeights,
  context: MatchContext,
  yieldEvery = YIELD_EVERY,
): Promise<Array<{ a: number; b: number; score: PairScore }>> {
  const out: Array<{ a: number; b: number; score: PairScore }> = [];
  const twins: number[] = [];
  let n = 0;
  for (const [a, b] of candidates) {
    if (++n % yieldEvery === 0) await yieldToEventLoop();
    const pa = people.get(a);
    const pb = people.get(b);
    if (!pa || !pb) continue;
    const score = scorePair(pa, pb, weights, thresholds, context);
    if (score.guards.some((g) => TWIN_RULES.has(g.rule)) && birthmateKeys(pa, pb).length > 0) twins.push(out.length);
    out.push({ a, b, score });
  }
  if (twins.length > 0) {
    const birthmates = await loadBirthmates(db, twins.flatMap((i) => birthmateKeys(people.get(out[i]!.a)!, people.get(out[i]!.b)!)));
    const withBirthmates: MatchContext = { ...context, birthmates };
    for (const i of twins) {
      const pair = out[i]!;
      out[i] = { ...pair, score: scorePair(people.get(pair.a)!, people.get(pair.b)!, weights, thresholds, withBirthmates) };
    }
  }
  return out;
}

/** The stored explanation: each field's level and reason, then the guards that applied. */
export function reasonsOf(score: PairScore): DuplicateReason[] {
  return [
    ...score.fields.filter((f) => f.level !== 'missing').map((f) => ({ field: f.field, level: f.level, reason: f.reason, weight: Math.round(f.weight * 10) / 10 })),
    ...score.guards.map((g) => ({ field: 'guard', level: g.rule, reason: g.reason, weight: 0 })),
  ];
}

/**
 * Inserts found pairs; a pair already there keeps its status, and only an open one takes the new
 * score (reviewed pairs are never reopened). Returns how many pairs were new.
 */
async function storePairs(tx: Kysely<Database>, found: ReadonlyArray<{ a: number; b: number; score: PairScore }>): Promise<number> {
  let added = 0;
  for (let i = 0; i < found.length; i += 5000) {
    const chunk = found.slice(i, i + 5000);
    const r = await sql<{ inserted: boolean }>`
      insert into duplicate_candidates (person_a, person_b, score, reasons)
      select t.a, t.b, t.score, t.reasons::jsonb
        from unnest(${chunk.map((p) => p.a)}::bigint[], ${chunk.map((p) => p.b)}::bigint[], ${chunk.map((p) => Math.round(p.score.score * 10) / 10)}::float8[],
                    ${chunk.map((p) => JSON.stringify(reasonsOf(p.score)))}::text[]) as t(a, b, score, reasons)
      on conflict (person_a, person_b) do update set score = excluded.score, reasons = excluded.reasons
        where duplicate_candidates.status = 'open'
      returning (xmax = 0) as inserted`.execute(tx);
    added += r.rows.filter((x) => x.inserted).length;
  }
  return added;
}

/**
 * At app start: carries on a scan that was running when the app last stopped. Returns its id, or
 * null if none was unfinished.
 */
export async function resumeUnfinishedScans(services: { duplicates: DuplicatesService }): Promise<number | null> {
  const state = await services.duplicates.latestScan();
  if (!state || state.status !== 'running') return null;
  return services.duplicates.startBackgroundScan();
}
