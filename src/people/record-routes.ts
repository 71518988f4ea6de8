import { OUTCOMES } from '../frontdoor/rules.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../container.js';
import { checkboxValues, optionalText, parseForm, requiredText, versionField, type FieldError } from '../web/forms.js';
import { domainErrors, idParam, notFoundIfMissing, renderWithErrors, setFlash } from '../web/render.js';
import { hasPermission } from '../access/policy.js';
import { MergedRecordError, RestrictedRecordError, type NewPersonInput } from './people-service.js';
import { addressSchema, dateFromParts, disabilityItems, ethnicityItems, personDetailsSchema } from './person-form.js';
import { DISABILITY_CODES, ETHNICITY_CODES, NAME_KINDS, SEX_LABELS, WARNING_KINDS, ageOn } from './codes.js';
import { RELATIONSHIP_TYPES } from './relationships.js';
import { SearchInputError } from './search-query.js';
import { todayInLondon } from '../time/index.js';
import { genogramRelation, renderGenogram } from './genogram.js';

/** Restricted and merged records have their own answers; everything else is the usual error handling. */
async function withRecord<T>(request: FastifyRequest, reply: FastifyReply, fn: () => Promise<T>): Promise<T | FastifyReply> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof RestrictedRecordError) return reply.code(403).view('people/views/restricted.njk', { pageTitle: 'Restricted record' });
    if (err instanceof MergedRecordError) {
      setFlash(request, { heading: 'This record was merged', text: `You have been taken to the record it was merged into (person ${err.intoId}).` });
      return reply.redirect(`/people/${err.intoId}`);
    }
    return notFoundIfMissing(err);
  }
}

const isoFromIso = (v: string | null) => (v ? { day: String(Number(v.slice(8, 10))), month: String(Number(v.slice(5, 7))), year: v.slice(0, 4) } : {});

export function registerPersonRecordRoutes(app: FastifyInstance, services: Services): void {
  const formData = (values: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    values,
    ethnicityItems: ethnicityItems(values.ethnicity),
    disabilityItems: disabilityItems(values.disabilities),
    ...extra,
  });

  const readPerson = (body: Record<string, unknown>, withAddress: boolean): { input?: NewPersonInput; errors: FieldError[] } => {
    const errors: FieldError[] = [];
    const details = parseForm(personDetailsSchema, body);
    if (!details.ok) errors.push(...details.errors);
    const dob = dateFromParts(body, 'dateOfBirth', 'date of birth', { notFuture: true });
    if (dob.error) errors.push({ field: 'dateOfBirth', text: dob.error });
    const unborn = body.unborn === 'yes';
    const edd = unborn ? dateFromParts(body, 'expectedDateOfBirth', 'expected date of birth', { required: true }) : { value: null };
    if (edd.error) errors.push({ field: 'expectedDateOfBirth', text: edd.error });
    if (unborn && dob.value) errors.push({ field: 'dateOfBirth', text: 'An unborn child has an expected date of birth, not a date of birth' });
    let address: NewPersonInput['address'];
    const anyAddress = withAddress && ['line1', 'line2', 'town', 'postcode'].some((k) => String(body[k] ?? '').trim());
    if (anyAddress) {
      const a = parseForm(addressSchema, body);
      if (!a.ok) errors.push(...a.errors);
      else address = { ...a.data, fromDate: null };
    }
    if (errors.length || !details.ok) return { errors };
    const d = details.data;
    return {
      errors,
      input: {
        givenNames: d.givenNames, familyName: d.familyName, knownAs: d.knownAs, sex: unborn ? 'U' : d.sex, genderIdentity: d.genderIdentity,
        ethnicity: d.ethnicity, firstLanguage: d.firstLanguage, interpreterNeeded: d.interpreterNeeded, religion: d.religion,
        nhsNumber: d.nhsNumber, upn: d.upn, immigrationStatus: d.immigrationStatus, uasc: d.uasc, disabilities: d.disabilities,
        dateOfBirth: dob.value, expectedDateOfBirth: edd.value, address,
      },
    };
  };

  // Adding a person goes through search first: the form is offered only after a search, pre-filled from it.
  app.get('/people/new', { config: { access: 'people.create' } }, async (request, reply) => {
    const last = request.session.get('lastPersonSearch');
    if (!last) {
      setFlash(request, { heading: 'Search first', text: 'Search for the person before adding them, so that no one gets two records.' });
      return reply.redirect('/people');
    }
    const values = { givenNames: last.givenName ?? '', familyName: last.familyName ?? '', postcode: last.postcode ?? '', nhsNumber: last.nhsNumber ?? '', upn: last.upn ?? '', dateOfBirth: isoFromIso(last.dateOfBirth) };
    return reply.view('people/views/person-form.njk', formData(values, { pageTitle: 'Add a new person', isNew: true }));
  });

  app.post('/people/new', { config: { access: 'people.create' } }, async (request, reply) => {
    if (!request.session.get('lastPersonSearch')) return reply.redirect('/people');
    const body = request.body as Record<string, unknown>;
    const values = { ...body, dateOfBirth: { day: body['dateOfBirth-day'], month: body['dateOfBirth-month'], year: body['dateOfBirth-year'] }, expectedDateOfBirth: { day: body['expectedDateOfBirth-day'], month: body['expectedDateOfBirth-month'], year: body['expectedDateOfBirth-year'] } };
    const data = formData(values, { pageTitle: 'Add a new person', isNew: true });
    const { input, errors } = readPerson(body, true);
    if (!input) return renderWithErrors(reply, 'people/views/person-form.njk', data, errors);
    let id: number;
    try {
      id = await services.people.create(request.ctx, input);
    } catch (err) {
      return renderWithErrors(reply, 'people/views/person-form.njk', data, domainErrors(err));
    }
    request.session.set('lastPersonSearch', undefined);
    setFlash(request, { heading: 'Person added', text: `${input.givenNames} ${input.familyName} now has a record.` });
    // Added while recording something else (a contact): go back to it with the new person.
    const returnTo = request.session.get('personReturnTo');
    if (returnTo) {
      request.session.set('personReturnTo', undefined);
      return reply.redirect(`${returnTo}${returnTo.includes('?') ? '&' : '?'}added=${id}`);
    }
    return reply.redirect(`/people/${id}`);
  });

  app.get('/people/:id', { config: { access: 'people.view' } }, async (request, reply) => {
    const id = idParam(request);
    return withRecord(request, reply, async () => {
      const record = await services.people.getRecord(request.ctx, id);
      const user = request.ctx.user!;
      const today = todayInLondon();
      const current = record.names.find((n) => n.kind === 'current') ?? record.names[0];
      const name = current ? `${current.given_names} ${current.family_name}` : `Person ${id}`;
      return reply.view('people/views/person.njk', {
        pageTitle: name,
        name,
        record,
        age: ageOn(record.person.date_of_birth, today),
        today,
        labels: { sex: SEX_LABELS, ethnicity: ETHNICITY_CODES, disability: DISABILITY_CODES, nameKinds: NAME_KINDS, warnings: WARNING_KINDS },
        genogram: renderGenogram(
          { id, name, sex: record.person.sex as 'M' | 'F' | 'U', dateOfBirth: record.person.date_of_birth, dateOfDeath: record.person.date_of_death },
          record.relationships.map((r) => genogramRelation(r, today)),
          { today, idPrefix: `genogram-${id}` },
        ),
        can: {
          edit: hasPermission(user, 'people.edit'),
          restrict: hasPermission(user, 'people.restrict'),
          viewers: hasPermission(user, 'people.viewers'),
          merge: hasPermission(user, 'people.merge'),
          casework: hasPermission(user, 'casework.view'),
        },
        allegationNotice: await services.allegations.noticeFor(id),
        // Screening levels (exploitation, domestic abuse) for those who use the tools.
        screeningLevels: hasPermission(user, 'screening.complete') ? await services.screening.latestLevels(id) : null,
        // Contacts, decisions and early help, for those who work on children's records.
        frontDoorOutcomes: OUTCOMES,
        frontDoor: hasPermission(user, 'frontdoor.view') ? (await services.contacts.histories([id], 0, today)).get(id) ?? null : null,
        personId: id,
        warningKinds: Object.entries(WARNING_KINDS).map(([value, text]) => ({ value, text })),
        nameKindItems: [{ value: 'previous', text: 'Previous name' }, { value: 'alias', text: 'Alias' }, { value: 'known_as', text: 'Known as' }],
      });
    });
  });

  app.get('/people/:id/edit', { config: { access: 'people.edit' } }, async (request, reply) => {
    const id = idParam(request);
    return withRecord(request, reply, async () => {
      const { person, names, disabilities } = await services.people.getRecord(request.ctx, id);
      const current = names.find((n) => n.kind === 'current');
      const values = {
        givenNames: current?.given_names, familyName: current?.family_name, sex: person.sex, genderIdentity: person.gender_identity, ethnicity: person.ethnicity,
        firstLanguage: person.first_language, interpreterNeeded: person.interpreter_needed, religion: person.religion, nhsNumber: person.nhs_number, upn: person.upn,
        immigrationStatus: person.immigration_status, uasc: person.uasc, disabilities, dateOfBirth: isoFromIso(person.date_of_birth),
        expectedDateOfBirth: isoFromIso(person.expected_date_of_birth), unborn: !!person.expected_date_of_birth && !person.date_of_birth, version: person.version,
      };
      return reply.view('people/views/person-form.njk', formData(values, { pageTitle: `Change details: ${current?.given_names ?? ''} ${current?.family_name ?? ''}`, personId: id }));
    });
  });

  app.post('/people/:id/edit', { config: { access: 'people.edit' } }, async (request, reply) => {
    const id = idParam(request);
    const body = request.body as Record<string, unknown>;
    const values = { ...body, interpreterNeeded: body.interpreterNeeded === 'yes', uasc: body.uasc === 'yes', unborn: body.unborn === 'yes', dateOfBirth: { day: body['dateOfBirth-day'], month: body['dateOfBirth-month'], year: body['dateOfBirth-year'] }, expectedDateOfBirth: { day: body['expectedDateOfBirth-day'], month: body['expectedDateOfBirth-month'], year: body['expectedDateOfBirth-year'] } };
    const data = formData(values, { pageTitle: 'Change details', personId: id });
    const version = versionField.safeParse(body.version);
    const { input, errors } = readPerson(body, false);
    if (!input || !version.success) return renderWithErrors(reply, 'people/views/person-form.njk', data, errors.length ? errors : [{ field: 'form', text: 'The form was incomplete: reload the page and try again' }]);
    return withRecord(request, reply, async () => {
      try {
        await services.people.updateDetails(request.ctx, id, version.data, input);
      } catch (err) {
        const e = domainErrors(err);
        const latest = e[0]?.field === 'form' ? (await services.people.getRecord(request.ctx, id)).person.version : undefined;
        return renderWithErrors(reply, 'people/views/person-form.njk', { ...data, values: { ...values, version: latest ?? body.version } }, e, latest ? 409 : 400);
      }
      setFlash(request, { heading: 'Details saved' });
      return reply.redirect(`/people/${id}`);
    });
  });

  const nameForm = z.object({ kind: z.enum(['previous', 'alias', 'known_as'], { message: 'Select the kind of name' }), givenNames: requiredText('Enter the given names', 100), familyName: optionalText(100) });
  app.post('/people/:id/names', { config: { access: 'people.edit' } }, async (request, reply) => {
    const id = idParam(request);
    const form = parseForm(nameForm, request.body);
    return withRecord(request, reply, async () => {
      if (!form.ok) setFlash(request, { heading: 'Name not added', text: form.errors.map((e) => e.text).join('. ') });
      else {
        await services.people.addName(request.ctx, id, form.data.kind, form.data.givenNames, form.data.familyName);
        setFlash(request, { heading: 'Name added' });
      }
      return reply.redirect(`/people/${id}#names`);
    });
  });

  app.get('/people/:id/address', { config: { access: 'people.edit' } }, async (request, reply) => {
    const id = idParam(request);
    return withRecord(request, reply, async () => {
      const brief = await services.people.brief(id);
      await services.people.assertCanOpen(request.ctx, id);
      return reply.view('people/views/address-form.njk', { pageTitle: 'Record a new address', person: brief, values: {} });
    });
  });

  app.post('/people/:id/address', { config: { access: 'people.edit' } }, async (request, reply) => {
    const id = idParam(request);
    const body = request.body as Record<string, unknown>;
    return withRecord(request, reply, async () => {
      const brief = await services.people.brief(id);
      const data = { pageTitle: 'Record a new address', person: brief, values: { ...body, fromDate: { day: body['fromDate-day'], month: body['fromDate-month'], year: body['fromDate-year'] } } };
      const errors: FieldError[] = [];
      const a = parseForm(addressSchema, body);
      if (!a.ok) errors.push(...a.errors);
      const from = dateFromParts(body, 'fromDate', 'the date they moved in', { required: true, notFuture: true });
      if (from.error) errors.push({ field: 'fromDate', text: from.error });
      if (!a.ok || !from.value) return renderWithErrors(reply, 'people/views/address-form.njk', data, errors);
      try {
        await services.people.moveAddress(request.ctx, id, { ...a.data, fromDate: from.value });
      } catch (err) {
        return renderWithErrors(reply, 'people/views/address-form.njk', data, domainErrors(err));
      }
      setFlash(request, { heading: 'Address recorded', text: 'The previous address is kept in the address history.' });
      return reply.redirect(`/people/${id}#addresses`);
    });
  });

  app.get('/people/:id/relationships/new', { config: { access: 'people.edit' } }, async (request, reply) => {
    const id = idParam(request);
    const q = String((request.query as Record<string, unknown>).q ?? '').slice(0, 200);
    return withRecord(request, reply, async () => {
      await services.people.assertCanOpen(request.ctx, id);
      const person = await services.people.brief(id);
      const data = { pageTitle: `Add a relationship for ${person.givenNames} ${person.familyName}`, person, q, typeItems: Object.entries(RELATIONSHIP_TYPES).map(([value, t]) => ({ value, text: t.label })) };
      if (!q.trim()) return reply.view('people/views/relationship-form.njk', data);
      try {
        const outcome = await services.personSearch.search(request.ctx, { q });
        return reply.view('people/views/relationship-form.njk', { ...data, hits: outcome.hits.filter((h) => h.id !== id && h.person) });
      } catch (err) {
        if (!(err instanceof SearchInputError)) throw err;
        return renderWithErrors(reply, 'people/views/relationship-form.njk', data, [{ field: 'q', text: err.message }]);
      }
    });
  });

  const relationshipForm = z.object({
    relatedPersonId: z.string({ message: 'Select the related person' }).regex(/^\d{1,12}$/, 'Select the related person').transform(Number),
    type: z.enum(Object.keys(RELATIONSHIP_TYPES) as [string, ...string[]], { message: 'Select how they are related' }),
  });
  app.post('/people/:id/relationships', { config: { access: 'people.edit' } }, async (request, reply) => {
    const id = idParam(request);
    const form = parseForm(relationshipForm, request.body);
    return withRecord(request, reply, async () => {
      if (!form.ok) {
        setFlash(request, { heading: 'Relationship not added', text: form.errors.map((e) => e.text).join('. ') });
        return reply.redirect(`/people/${id}/relationships/new`);
      }
      try {
        // The form reads "<related person> is the <type> of <this person>".
        await services.people.addRelationship(request.ctx, form.data.relatedPersonId, id, form.data.type, null);
        setFlash(request, { heading: 'Relationship added' });
      } catch (err) {
        const [e] = domainErrors(err);
        setFlash(request, { heading: 'Relationship not added', text: e!.text });
      }
      return reply.redirect(`/people/${id}#relationships`);
    });
  });

  const warningForm = z.object({ kind: z.enum(Object.keys(WARNING_KINDS) as [string, ...string[]], { message: 'Select the kind of warning' }), details: requiredText('Enter the warning', 500) });
  app.post('/people/:id/warnings', { config: { access: 'people.edit' } }, async (request, reply) => {
    const id = idParam(request);
    const body = request.body as Record<string, unknown>;
    const form = parseForm(warningForm, body);
    const review = dateFromParts(body, 'reviewDate', 'the review date', { required: true, notPast: true });
    return withRecord(request, reply, async () => {
      if (!form.ok || review.error) {
        setFlash(request, { heading: 'Warning not added', text: [...(form.ok ? [] : form.errors.map((e) => e.text)), ...(review.error ? [review.error] : [])].join('. ') });
      } else {
        await services.people.addWarning(request.ctx, id, form.data.kind, form.data.details, review.value);
        setFlash(request, { heading: 'Warning added', text: 'It is shown wherever this person appears.' });
      }
      return reply.redirect(`/people/${id}#warnings`);
    });
  });

  app.post('/people/:id/warnings/:warningId/end', { config: { access: 'people.edit' } }, async (request, reply) => {
    const id = idParam(request);
    const warningId = idParam(request, 'warningId');
    return withRecord(request, reply, async () => {
      await services.people.endWarning(request.ctx, id, warningId);
      setFlash(request, { heading: 'Warning removed' });
      return reply.redirect(`/people/${id}#warnings`);
    });
  });

  app.get('/people/:id/viewers', { config: { access: 'people.viewers' } }, async (request, reply) => {
    const id = idParam(request);
    return withRecord(request, reply, async () => {
      const viewers = await services.people.viewers(request.ctx, id);
      const person = await services.people.brief(id);
      return reply.view('people/views/viewers.njk', { pageTitle: `Who has viewed ${person.givenNames} ${person.familyName}`, person, viewers });
    });
  });

  app.get('/people/:id/restriction', { config: { access: 'people.restrict' } }, async (request, reply) => {
    const id = idParam(request);
    return withRecord(request, reply, async () => {
      await services.people.assertCanOpen(request.ctx, id);
      const person = await services.people.brief(id);
      const [teams, users] = await Promise.all([services.teams.list(), services.users.list()]);
      return reply.view('people/views/restriction-form.njk', {
        pageTitle: 'Restrict this record',
        person,
        teamItems: teams.map((t) => ({ value: String(t.id), text: t.name, checked: person.restrictedTo.teamIds.includes(t.id) })),
        userItems: users.filter((u) => u.role !== 'partner').map((u) => ({ value: String(u.id), text: `${u.displayName} (${u.username})`, checked: person.restrictedTo.userIds.includes(u.id) })),
      });
    });
  });

  const restrictionForm = z.object({ teamIds: checkboxValues, userIds: checkboxValues });
  app.post('/people/:id/restriction', { config: { access: 'people.restrict' } }, async (request, reply) => {
    const id = idParam(request);
    const form = parseForm(restrictionForm, request.body);
    return withRecord(request, reply, async () => {
      if (!form.ok) return reply.redirect(`/people/${id}/restriction`);
      const num = (xs: string[]) => xs.filter((x) => /^\d{1,9}$/.test(x)).map(Number);
      await services.people.setRestriction(request.ctx, id, num(form.data.userIds), num(form.data.teamIds));
      setFlash(request, { heading: form.data.userIds.length + form.data.teamIds.length ? 'Record restricted' : 'Restriction removed' });
      return reply.redirect(`/people/${id}`);
    });
  });
}
