import { ageOn } from '../people/codes.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../container.js';
import { domainErrors, idParam, notFoundIfMissing, renderWithErrors, setFlash } from '../web/render.js';
import { SearchInputError } from '../people/search-query.js';
import { todayInLondon } from '../time/index.js';
import { ContactRulesError } from './contacts-service.js';
import { adultsFrom, fieldsFrom, newDraft, readContact, type DraftData } from './contact-form.js';
import { CONSENT, CONTACT_METHODS, PARENTS_AWARE, REFERRAL_SOURCES, REFERRAL_SOURCE_ORDER } from './rules.js';
import { choiceItems, type FieldError } from '../web/forms.js';

const V = 'frontdoor/views';
const BAND_TAGS = { likely: { text: 'Likely match', classes: 'govuk-tag--green' }, possible: { text: 'Possible match', classes: 'govuk-tag--yellow' }, unlikely: { text: 'Unlikely match', classes: 'govuk-tag--grey' } };

/** Recording a contact: a draft saved as it is typed, people found through the person index first. */
export function registerContactRoutes(app: FastifyInstance, services: Services): void {
  const drafts = services.contactDrafts;
  const isEdt = (request: FastifyRequest) => request.ctx.user?.role === 'edt_worker';

  async function loadDraft(request: FastifyRequest) {
    try {
      return await drafts.get(request.ctx, idParam(request));
    } catch (err) {
      return notFoundIfMissing(err);
    }
  }

  async function formView(request: FastifyRequest, draftId: number, d: DraftData) {
    const briefs = await services.people.briefs([...d.childIds, ...d.adults.map((a) => a.personId)]);
    const today = todayInLondon();
    const person = (id: number) => {
      const b = briefs.get(id);
      return b ? { id, name: `${b.givenNames} ${b.familyName}`, dateOfBirth: b.dateOfBirth, age: ageOn(b.dateOfBirth, today), address: b.address, warnings: b.warnings } : { id, name: `Person ${id}`, dateOfBirth: null, age: null, address: null, warnings: [] };
    };
    let hits: unknown[] | null = null;
    let searchError: FieldError | null = null;
    if (d.q.trim()) {
      try {
        const outcome = await services.personSearch.search(request.ctx, { q: d.q });
        request.session.set('lastPersonSearch', outcome.query);
        const chosen = new Set([...d.childIds, ...d.adults.map((a) => a.personId)]);
        hits = outcome.hits.map((h) => ({ id: h.id, person: h.person, chosen: chosen.has(h.id), tag: BAND_TAGS[h.band], reasons: h.reasons, age: h.person ? ageOn(h.person.dateOfBirth, today) : null }));
      } catch (err) {
        if (!(err instanceof SearchInputError)) throw err;
        searchError = { field: 'q', text: err.message };
      }
    }
    return {
      pageTitle: isEdt(request) ? 'Record an out-of-hours contact' : 'Record a contact',
      draftId,
      values: d.fields,
      q: d.q,
      hits,
      searchError,
      edt: isEdt(request),
      children: d.childIds.map(person),
      adults: d.adults.map((a) => ({ ...person(a.personId), involvement: a.involvement })),
      methodItems: choiceItems(CONTACT_METHODS, d.fields.method).filter((i) => i.value !== 'api'),
      sourceItems: [{ value: '', text: 'Select the referral source' }, ...REFERRAL_SOURCE_ORDER.map((value) => ({ value, text: `${value}: ${REFERRAL_SOURCES[value]}`, selected: value === d.fields.sourceCode }))],
      parentsAwareItems: choiceItems(PARENTS_AWARE, d.fields.parentsAware),
      consentItems: choiceItems(CONSENT, d.fields.consent),
    };
  }

  // One click from the tray: a new draft, then the form.
  app.post('/frontdoor/contacts/new', { config: { access: 'frontdoor.record' } }, async (request, reply) => {
    const id = await drafts.create(request.ctx, newDraft());
    return reply.redirect(`/frontdoor/drafts/${id}`);
  });
  app.get('/frontdoor/contacts/new', { config: { access: 'frontdoor.record' } }, async (request, reply) => {
    const id = await drafts.create(request.ctx, newDraft());
    return reply.redirect(`/frontdoor/drafts/${id}`);
  });

  app.get('/frontdoor/drafts/:id', { config: { access: 'frontdoor.record' } }, async (request, reply) => {
    const draft = await loadDraft(request);
    const added = Number((request.query as Record<string, string>).added);
    const as = (request.query as Record<string, string>).as;
    // Back from "add a new person": the new record joins the draft as a child or an adult.
    if (Number.isInteger(added) && added > 0) {
      const d = draft.data;
      if (!d.childIds.includes(added) && !d.adults.some((a) => a.personId === added)) {
        if (as === 'adult') d.adults.push({ personId: added, involvement: '' });
        else d.childIds.push(added);
      }
      d.q = '';
      await drafts.save(request.ctx, draft.id, d);
      return reply.redirect(`/frontdoor/drafts/${draft.id}#people`);
    }
    const view = await formView(request, draft.id, draft.data);
    if (view.searchError) return renderWithErrors(reply, `${V}/contact-form.njk`, view, [view.searchError]);
    return reply.view(`${V}/contact-form.njk`, view);
  });

  // Autosave from the browser as the worker types (progressive enhancement: the buttons save too).
  app.post('/frontdoor/drafts/:id/autosave', { config: { access: 'frontdoor.record' } }, async (request, reply) => {
    const draft = await loadDraft(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    await drafts.save(request.ctx, draft.id, { ...draft.data, fields: fieldsFrom(body), adults: adultsFrom(body, draft.data.adults) });
    return reply.code(204).send();
  });

  app.post('/frontdoor/drafts/:id', { config: { access: 'frontdoor.record' } }, async (request, reply) => {
    const draft = await loadDraft(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const action = typeof body.action === 'string' ? body.action : 'save';
    const d: DraftData = { ...draft.data, fields: fieldsFrom(body), adults: adultsFrom(body, draft.data.adults) };
    const back = (hash = '') => reply.redirect(`/frontdoor/drafts/${draft.id}${hash}`);
    const [verb, arg] = action.split(':');
    const personId = Number(arg);
    switch (verb) {
      case 'search':
        d.q = typeof body.q === 'string' ? body.q.slice(0, 200) : '';
        await drafts.save(request.ctx, draft.id, d);
        return back('#people');
      case 'add-child':
      case 'add-adult':
        if (Number.isInteger(personId) && !d.childIds.includes(personId) && !d.adults.some((a) => a.personId === personId)) {
          await services.people.assertCanOpen(request.ctx, personId).catch(notFoundIfMissing);
          if (verb === 'add-child') d.childIds.push(personId);
          else d.adults.push({ personId, involvement: '' });
        }
        await drafts.save(request.ctx, draft.id, d);
        return back('#people');
      case 'remove':
        d.childIds = d.childIds.filter((x) => x !== personId);
        d.adults = d.adults.filter((a) => a.personId !== personId);
        await drafts.save(request.ctx, draft.id, d);
        return back('#people');
      case 'new-child':
      case 'new-adult':
        // Search has run (the form is offered only after it); the new record comes back to this draft.
        await drafts.save(request.ctx, draft.id, d);
        request.session.set('personReturnTo', `/frontdoor/drafts/${draft.id}?as=${verb === 'new-adult' ? 'adult' : 'child'}`);
        return reply.redirect('/people/new');
      case 'discard':
        await drafts.discard(request.ctx, draft.id);
        setFlash(request, { heading: 'Draft discarded' });
        return reply.redirect('/frontdoor');
      case 'submit': {
        await drafts.save(request.ctx, draft.id, d);
        const { input, errors } = readContact(d, { edt: isEdt(request) });
        if (!input) return renderWithErrors(reply, `${V}/contact-form.njk`, await formView(request, draft.id, d), errors);
        try {
          const id = await drafts.submit(request.ctx, draft.id, input);
          setFlash(request, { heading: 'Contact recorded', text: isEdt(request) ? 'It is on the MASH’s morning handover queue.' : `Contact ${id} is on the MASH queue for screening.` });
          return reply.redirect(`/frontdoor/contacts/${id}`);
        } catch (err) {
          const errs = err instanceof ContactRulesError ? err.errors : domainErrors(err);
          return renderWithErrors(reply, `${V}/contact-form.njk`, await formView(request, draft.id, d), errs);
        }
      }
      default:
        await drafts.save(request.ctx, draft.id, d);
        setFlash(request, { heading: 'Draft saved', text: 'Find it under “Your drafts” on the front door page.' });
        return back();
    }
  });
}
