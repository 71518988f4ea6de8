import type { FastifyInstance } from 'fastify';
import type { Services } from '../container.js';
import { SearchInputError, type SearchInput } from './search-query.js';
import { renderWithErrors } from '../web/render.js';
import { MATCH_FIELD_LABELS, SEX_LABELS, ageOn } from './codes.js';
import { todayInLondon } from '../time/index.js';

const FIELDS = ['q', 'givenName', 'familyName', 'dateOfBirth', 'postcode', 'nhsNumber', 'upn'] as const;
const BAND_TAGS = { likely: { text: 'Likely match', classes: 'govuk-tag--green' }, possible: { text: 'Possible match', classes: 'govuk-tag--yellow' }, unlikely: { text: 'Unlikely match', classes: 'govuk-tag--grey' } };

export function registerPersonSearchRoutes(app: FastifyInstance, services: Services): void {
  /** Find a person: one box plus optional fields; results ranked with the reason per field. */
  app.get('/people', { config: { access: 'people.search' } }, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const input: SearchInput = Object.fromEntries(FIELDS.map((f) => [f, typeof query[f] === 'string' ? query[f]!.slice(0, 200) : undefined]));
    const searched = FIELDS.some((f) => input[f]?.trim());
    const data = { pageTitle: 'Find a person', values: input, showMore: FIELDS.slice(1).some((f) => input[f]?.trim()) };
    if (!searched) return reply.view('people/views/search.njk', data);
    let outcome;
    try {
      outcome = await services.personSearch.search(request.ctx, input);
    } catch (err) {
      if (!(err instanceof SearchInputError)) throw err;
      return renderWithErrors(reply, 'people/views/search.njk', { ...data, showMore: true }, [{ field: err.field, text: err.message }]);
    }
    request.session.set('lastPersonSearch', outcome.query);
    const today = todayInLondon();
    return reply.view('people/views/search.njk', {
      ...data,
      outcome,
      understood: outcome.query,
      hits: outcome.hits.map((h) => ({
        ...h,
        tag: BAND_TAGS[h.band],
        age: h.person ? ageOn(h.person.dateOfBirth, today) : null,
        sexLabel: h.person ? SEX_LABELS[h.person.sex] : '',
        reasons: h.reasons.map((r) => ({ ...r, label: MATCH_FIELD_LABELS[r.field] ?? r.field })),
      })),
    });
  });
}
