import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../container.js';
import { checkboxValues, versionField, type FieldError, selectItems } from '../web/forms.js';
import { domainErrors, idParam, notFoundIfMissing, renderWithErrors, setFlash } from '../web/render.js';
import { ConflictError } from '../db/transaction.js';
import { RestrictedRecordError } from '../people/people-service.js';
import { AGENCIES, AGENCY_LABELS } from '../access/roles.js';
import { formatIsoDate } from '../web/nunjucks-setup.js';
import { isKey, RAG, type RagResponseTimes } from './rules.js';
import { INBOX_FILTERS, QUESTION_MAX, requestDue } from './partner-rules.js';
import { PartnerRequestRulesError } from './partner-requests-service.js';

const V = 'frontdoor/views/partner';

/**
 * The council's RAG response times. Settings do not hold them yet, so the defaults apply;
 * when they do, this is the one place to read them.
 */
const ragTimes = (services: Services): Promise<RagResponseTimes> => services.frontDoorSettings.ragTimes();

const list = (v: unknown): string[] => checkboxValues.parse(v).map(String);
const ids = (v: unknown): number[] => [...new Set(list(v).filter((x) => /^\d{1,9}$/.test(x)).map(Number))];
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Domain errors for a form, the rules' lists included; a conflict answers 409, anything else 400. */
function formErrors(err: unknown): { errors: FieldError[]; status: number } {
  if (err instanceof PartnerRequestRulesError) return { errors: err.errors, status: 400 };
  return { errors: domainErrors(err), status: err instanceof ConflictError ? 409 : 400 };
}

/** A contact the user may not open (a restricted child on it) is a 403 page; a missing one a 404. */
async function orRefused<T>(reply: FastifyReply, fn: () => Promise<T>): Promise<T | null> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof RestrictedRecordError) {
      await reply.code(403).view('people/views/restricted.njk', { pageTitle: 'Restricted record' });
      return null;
    }
    return notFoundIfMissing(err);
  }
}

export const contactRequestsPath = (contactId: number) => `/frontdoor/contacts/${contactId}/requests`;

export function registerPartnerRequestRoutes(app: FastifyInstance, services: Services): void {
  const svc = services.partnerRequests;

  // ---- MASH: the requests on a contact --------------------------------------------------------
  app.get('/frontdoor/contacts/:id/requests', { config: { access: 'frontdoor.screen' } }, async (request, reply) => {
    const contactId = idParam(request);
    const requests = await orRefused(reply, () => svc.forContact(request.ctx, contactId));
    if (!requests) return reply;
    return reply.view(`${V}/requests-for-contact.njk`, { pageTitle: `Information requests for contact ${contactId}`, contactId, requests });
  });

  // ---- MASH: sending ------------------------------------------------------------------------
  async function sendData(request: FastifyRequest, contactId: number, values: { agencies: string[]; people: number[] | null; question: string }) {
    const form = await svc.sendForm(request.ctx, contactId);
    const calendar = await services.calendar.calendar();
    const rag = isKey(RAG, form.contact.rag) ? form.contact.rag : null;
    const due = requestDue(calendar, rag, new Date(), await ragTimes(services));
    // Everyone on the contact can be chosen; by default the children, as adults are asked about only when needed.
    const chosen = values.people ?? form.children.map((c) => c.id);
    const personItems = [...form.children, ...form.adults].map((p) => ({
      value: String(p.id),
      text: p.name,
      checked: chosen.includes(p.id),
      hint: { text: [p.role === 'child' ? 'Child' : `Adult${p.involvement ? `: ${p.involvement}` : ''}`, p.dateOfBirth ? `born ${formatIsoDate(p.dateOfBirth)}` : ''].filter(Boolean).join(', ') },
    }));
    const agencyItems = AGENCIES.map((a) => {
      const busy = form.openAgencies.includes(a);
      return { value: a, text: AGENCY_LABELS[a], checked: values.agencies.includes(a), ...(busy ? { hint: { text: 'Already has a request awaiting an answer on this contact' } } : {}) };
    });
    return { pageTitle: 'Send an information request', contact: form.contact, contactId, due, personItems, agencyItems, values, questionMax: QUESTION_MAX, closed: form.contact.status === 'closed' };
  }

  app.get('/frontdoor/contacts/:id/requests/new', { config: { access: 'frontdoor.screen' } }, async (request, reply) => {
    const contactId = idParam(request);
    const data = await orRefused(reply, () => sendData(request, contactId, { agencies: [], people: null, question: '' }));
    if (!data) return reply;
    return reply.view(`${V}/send.njk`, data);
  });

  app.post('/frontdoor/contacts/:id/requests/new', { config: { access: 'frontdoor.screen' } }, async (request, reply) => {
    const contactId = idParam(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = { agencies: list(body.agencies), people: ids(body.people), question: str(body.question) };
    const data = await orRefused(reply, () => sendData(request, contactId, values));
    if (!data) return reply;
    let sent;
    try {
      sent = await svc.send(request.ctx, contactId, { agencies: values.agencies, personIds: values.people, question: values.question }, await services.calendar.calendar(), await ragTimes(services));
    } catch (err) {
      const { errors, status } = formErrors(err);
      return renderWithErrors(reply, `${V}/send.njk`, data, errors, status);
    }
    const names = values.agencies.map((a) => AGENCY_LABELS[a as keyof typeof AGENCY_LABELS]).join(', ');
    setFlash(request, {
      heading: sent.ids.length === 1 ? 'Request sent' : `${sent.ids.length} requests sent`,
      text: `Sent to ${names}. ${sent.ragAssumed ? 'The contact has no RAG rating yet, so the answer is due as for amber' : `Due as for ${RAG[sent.rag].toLowerCase()}`}.`,
    });
    return reply.redirect(contactRequestsPath(contactId));
  });

  // ---- MASH: withdrawing and sharing (forms on the contact's list of requests) ------------------
  async function mashRequest(request: FastifyRequest, reply: FastifyReply) {
    const id = idParam(request);
    // Not audited here: the write is, and a refused write's page is audited when it shows the request again.
    return orRefused(reply, () => svc.forMash(request.ctx, id, { audit: false }));
  }

  app.post('/frontdoor/requests/:id/withdraw', { config: { access: 'frontdoor.screen' } }, async (request, reply) => {
    const r = await mashRequest(request, reply);
    if (!r) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const reason = str(body.reason);
    const version = versionField.safeParse(body.version);
    const data = { pageTitle: 'Withdraw an information request', r, values: { reason } };
    if (!version.success) return renderWithErrors(reply, `${V}/withdraw.njk`, data, [{ field: 'form', text: 'The form was incomplete: reload the page and try again' }]);
    try {
      await svc.withdraw(request.ctx, r.id, reason, version.data);
    } catch (err) {
      const { errors, status } = formErrors(err);
      const fresh = await svc.forMash(request.ctx, r.id);
      return renderWithErrors(reply, `${V}/withdraw.njk`, { ...data, r: fresh }, errors, status);
    }
    setFlash(request, { heading: 'Request withdrawn', text: `${r.agencyLabel} will see that no answer is needed.` });
    return reply.redirect(`${contactRequestsPath(r.contactId)}#request-${r.id}`);
  });

  app.post('/frontdoor/requests/:id/share', { config: { access: 'frontdoor.screen' } }, async (request, reply) => {
    const r = await mashRequest(request, reply);
    if (!r) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const agencies = list(body.agencies);
    const version = versionField.safeParse(body.version);
    const data = { pageTitle: 'Share an answer', r, values: { agencies } };
    if (!version.success) return renderWithErrors(reply, `${V}/share.njk`, data, [{ field: 'form', text: 'The form was incomplete: reload the page and try again' }]);
    try {
      await svc.share(request.ctx, r.id, agencies, version.data);
    } catch (err) {
      const { errors, status } = formErrors(err);
      const fresh = await svc.forMash(request.ctx, r.id);
      return renderWithErrors(reply, `${V}/share.njk`, { ...data, r: fresh }, errors, status);
    }
    const labels = agencies.map((a) => AGENCY_LABELS[a as keyof typeof AGENCY_LABELS]);
    setFlash(request, { heading: labels.length ? 'Answer shared' : 'Answer no longer shared', text: labels.length ? `${r.agencyLabel}’s answer can now be seen by ${labels.join(', ')}.` : `Only the MASH can see ${r.agencyLabel}’s answer.` });
    return reply.redirect(`${contactRequestsPath(r.contactId)}#request-${r.id}`);
  });

  // ---- partners: the inbox and answering --------------------------------------------------------
  app.get('/partner/requests', { config: { access: 'partner.requests' } }, async (request, reply) => {
    const raw = str((request.query as Record<string, unknown>).status);
    const status = isKey(INBOX_FILTERS, raw) ? raw : undefined;
    const requests = await svc.inbox(request.ctx, status ? { status } : {});
    const statusItems = selectItems(INBOX_FILTERS, status, 'Any status');
    return reply.view(`${V}/inbox.njk`, { pageTitle: 'Information requests', requests, status, statusItems, filters: INBOX_FILTERS });
  });

  async function partnerView(request: FastifyRequest) {
    try {
      return await svc.getForPartner(request.ctx, idParam(request));
    } catch (err) {
      return notFoundIfMissing(err);
    }
  }

  app.get('/partner/requests/:id', { config: { access: 'partner.requests' } }, async (request, reply) => {
    const data = await partnerView(request);
    return reply.view(`${V}/request.njk`, { pageTitle: `Information request ${data.request.id}`, ...data, filters: INBOX_FILTERS, values: { answer: data.request.answer, version: data.request.version } });
  });

  app.post('/partner/requests/:id', { config: { access: 'partner.requests' } }, async (request, reply) => {
    const id = idParam(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const answer = str(body.answer);
    const version = versionField.safeParse(body.version);
    let corrected = false;
    try {
      if (!version.success) throw new PartnerRequestRulesError([{ field: 'form', text: 'The form was incomplete: reload the page and try again' }]);
      corrected = (await svc.answer(request.ctx, id, version.data, answer)).corrected;
    } catch (err) {
      const data = await partnerView(request);
      const { errors, status } = formErrors(err);
      // Keep what they typed; the version is the current one, so they can send it again after checking.
      return renderWithErrors(reply, `${V}/request.njk`, { pageTitle: `Information request ${id}`, ...data, filters: INBOX_FILTERS, values: { answer, version: data.request.version } }, errors, status);
    }
    setFlash(request, { heading: corrected ? 'Answer corrected' : 'Answer sent', text: 'The MASH can see it now.' });
    return reply.redirect(`/partner/requests/${id}`);
  });
}
