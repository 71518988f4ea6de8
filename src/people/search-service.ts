import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { writeAudit, type RequestContext } from '../audit/audit-log.js';
import { canAccessRecord } from '../access/policy.js';
import { DEFAULT_WEIGHTS, scorePair, type MatchBand, type MatchContext, type MatchWeights, type PersonForMatching } from './matching/index.js';
import { NameFrequencyCache } from './name-frequencies.js';
import { findCandidates } from './candidates.js';
import { loadBriefs, type PersonBrief } from './match-data.js';
import { buildQuery, type PersonQuery, type SearchInput } from './search-query.js';

export interface SearchHit {
  id: number;
  /** Null when the record is restricted and this user may not see it: they see that it exists, nothing more. */
  person: PersonBrief | null;
  score: number;
  band: MatchBand;
  reasons: Array<{ field: string; reason: string; weight: number }>;
  cautions: string[];
}

export interface SearchOutcome {
  query: PersonQuery;
  hits: SearchHit[];
  candidatesScored: number;
}

/** The query as a PersonForMatching, so the same scorer ranks search results and duplicate pairs. */
export function queryAsPerson(q: PersonQuery): PersonForMatching {
  return {
    givenNames: q.givenName ? [q.givenName] : [],
    familyNames: q.familyName ? [q.familyName] : [],
    dateOfBirth: q.dateOfBirth,
    sex: null,
    postcodes: q.postcode ? [q.postcode] : [],
    nhsNumber: q.nhsNumber,
    upn: q.upn,
  };
}

export class PersonSearchService {
  private weights: { value: MatchWeights; at: number } | undefined;

  private readonly frequencies: NameFrequencyCache;

  constructor(private readonly db: Kysely<Database>) {
    this.frequencies = new NameFrequencyCache(db);
  }

  /** Weights estimated from this council's data when there are some, otherwise the defaults. */
  async currentWeights(): Promise<MatchWeights> {
    if (this.weights && Date.now() - this.weights.at < 60000) return this.weights.value;
    const row = await this.db.selectFrom('match_weights').select('weights').orderBy('id', 'desc').limit(1).executeTakeFirst();
    const value = (row?.weights as MatchWeights | undefined) ?? DEFAULT_WEIGHTS;
    this.weights = { value, at: Date.now() };
    return value;
  }

  /** What matching knows of this index beyond two records: its name frequencies. */
  async matchContext(): Promise<MatchContext> {
    return { frequencies: await this.frequencies.get() };
  }

  forgetWeights() {
    this.weights = undefined;
    this.frequencies.forget();
  }

  /**
   * Ranks candidates without auditing: for the command line and the duplicate finder. Candidates
   * come with what matching needs in one round trip (findCandidates); only those shown are then
   * loaded in full for display.
   */
  async rank(query: PersonQuery, limit = 20, excludeId?: number): Promise<{ hits: Array<Omit<SearchHit, 'person'> & { brief: PersonBrief }>; scored: number }> {
    const [people, weights, context] = await Promise.all([findCandidates(this.db, query, excludeId), this.currentWeights(), this.matchContext()]);
    const probe = queryAsPerson(query);
    const ranked = [...people]
      .map(([id, person]) => {
        const s = scorePair(probe, person, weights, undefined, context);
        return {
          id,
          score: Math.round(s.score * 10) / 10,
          evidence: s.rawScore,
          band: s.band,
          reasons: s.fields.filter((f) => f.level !== 'missing').map((f) => ({ field: f.field, reason: f.reason, weight: Math.round(f.weight * 10) / 10 })),
          cautions: s.guards.map((g) => g.reason),
        };
      })
      .filter((h) => h.score > 0)
      // A guard holds a pair's score below a threshold (twins look alike); among pairs held at the same
      // score, the one with more evidence before the guard comes first: a search for a child's exact
      // date of birth and postcode with a misspelt given name should show that child before her father
      // (born twenty years earlier), even though both are held at "possible".
      .sort((a, b) => b.score - a.score || b.evidence - a.evidence || a.id - b.id)
      .slice(0, limit)
      .map(({ evidence: _evidence, ...h }) => h);
    const briefs = await loadBriefs(this.db, ranked.map((h) => h.id));
    const hits = ranked.flatMap((h) => {
      const brief = briefs.get(h.id);
      return brief ? [{ ...h, brief }] : [];
    });
    return { hits, scored: people.size };
  }

  /** The front-door search: ranked, explained, restricted records masked, audited. */
  async search(ctx: RequestContext, input: SearchInput, limit = 20): Promise<SearchOutcome> {
    const query = buildQuery(input);
    const { hits, scored } = await this.rank(query, limit);
    const user = ctx.user!;
    const shown: SearchHit[] = hits.map(({ brief, ...h }) => {
      const visible = canAccessRecord(user, { restrictedTo: brief.restricted ? brief.restrictedTo : null }).allowed;
      return visible ? { ...h, person: brief } : { ...h, person: null, reasons: [], cautions: [] };
    });
    await writeAudit(this.db, ctx, {
      action: 'person.search',
      personIds: shown.map((h) => h.id),
      details: { query: { ...query }, results: shown.length },
    });
    return { query, hits: shown, candidatesScored: scored };
  }
}
