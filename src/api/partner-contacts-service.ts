import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { writeAudit, type RequestContext } from '../audit/audit-log.js';
import type { PeopleService } from '../people/people-service.js';
import type { PersonSearchService } from '../people/search-service.js';
import { buildQuery } from '../people/search-query.js';
import { thresholds } from '../people/matching/index.js';
import type { ContactsService } from '../frontdoor/contacts-service.js';
import type { Consent, ReferralSource } from '../frontdoor/rules.js';

export interface PartnerPerson {
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  postcode: string;
  nhsNumber: string;
  sex: 'M' | 'F' | 'U';
}

export interface PartnerContactInput {
  receivedAt: Date;
  sourceCode: ReferralSource;
  referrer: { anonymous: boolean; name: string; organisation: string; role: string; phone: string; email: string; address: string };
  whatHappened: string;
  worries: string;
  actionsTaken: string;
  childViews: string;
  familyViews: string;
  parentsAware: 'yes' | 'no' | 'unknown';
  consent: Consent;
  consentOverrideReason: string;
  children: PartnerPerson[];
  adults: Array<PartnerPerson & { involvement: string }>;
}

export interface PartnerPersonOutcome {
  role: 'child' | 'adult';
  index: number;
  outcome: 'matched' | 'created';
  personId: number;
}

/**
 * A contact sent by a partner system. Each person is looked up in the person index with the front-door
 * search's scorer; only a single record at the auto-suggest level is taken as them. Anyone else gets a
 * new record marked as from a partner system (source_system), so the duplicate finder and the MASH check it:
 * a machine cannot pick between two possible records the way a worker can.
 */
export class PartnerContactsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly personSearch: PersonSearchService,
    private readonly people: PeopleService,
    private readonly contacts: ContactsService,
  ) {}

  private async confidentMatch(p: PartnerPerson): Promise<number | null> {
    const query = buildQuery({ givenName: p.givenName, familyName: p.familyName, dateOfBirth: p.dateOfBirth ?? undefined, postcode: p.postcode || undefined, nhsNumber: p.nhsNumber || undefined });
    const { hits } = await this.personSearch.rank(query, 5);
    const likely = hits.filter((h) => h.score >= thresholds.autoSuggest);
    return likely.length === 1 ? likely[0]!.id : null;
  }

  async create(ctx: RequestContext, input: PartnerContactInput): Promise<{ contactId: number; people: PartnerPersonOutcome[] }> {
    // Matching reads only; done before the transaction (on PGlite a read on `db` inside it would wait for ever).
    const everyone = [...input.children.map((p, index) => ({ p, index, role: 'child' as const })), ...input.adults.map((p, index) => ({ p, index, role: 'adult' as const }))];
    const matches = await Promise.all(everyone.map((e) => this.confidentMatch(e.p)));
    return inTransaction(this.db, async (tx) => {
      const outcomes: PartnerPersonOutcome[] = [];
      for (const [i, e] of everyone.entries()) {
        const matched = matches[i] ?? null;
        if (matched !== null) {
          outcomes.push({ role: e.role, index: e.index, outcome: 'matched', personId: matched });
          continue;
        }
        const personId = await this.people.create(
          ctx,
          {
            givenNames: e.p.givenName,
            familyName: e.p.familyName,
            dateOfBirth: e.p.dateOfBirth,
            sex: e.p.sex,
            nhsNumber: e.p.nhsNumber || undefined,
            address: e.p.postcode ? { line1: '', town: '', postcode: e.p.postcode } : undefined,
            source: { system: 'partner_system', id: `${ctx.user?.username ?? 'unknown'}:${ctx.requestId}:${e.role}${e.index}` },
          },
          tx,
        );
        outcomes.push({ role: e.role, index: e.index, outcome: 'created', personId });
      }
      const idOf = (role: 'child' | 'adult') => outcomes.filter((o) => o.role === role).map((o) => o.personId);
      const adultIds = idOf('adult');
      const contactId = await this.contacts.create(
        ctx,
        {
          receivedAt: input.receivedAt,
          method: 'api',
          origin: 'api',
          sourceCode: input.sourceCode,
          referrer: input.referrer,
          whatHappened: input.whatHappened,
          referrerWorries: input.worries,
          referrerActions: input.actionsTaken,
          childViews: input.childViews,
          familyViews: input.familyViews,
          parentsAware: input.parentsAware,
          consent: input.consent,
          consentOverrideReason: input.consentOverrideReason,
          childIds: idOf('child'),
          adults: input.adults.map((a, i) => ({ personId: adultIds[i]!, involvement: a.involvement })),
        },
        tx,
      );
      await writeAudit(tx, ctx, {
        action: 'contact.partner_api',
        recordType: 'contact',
        recordId: contactId,
        personIds: outcomes.map((o) => o.personId),
        details: {
          matched: outcomes.filter((o) => o.outcome === 'matched').map((o) => o.personId),
          // Records created from a partner system's details, unseen by a worker: for the MASH and the duplicate finder to check.
          createdFromPartnerSystem: outcomes.filter((o) => o.outcome === 'created').map((o) => o.personId),
        },
      });
      return { contactId, people: outcomes };
    });
  }
}
