import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { choiceItems } from '../web/forms.js';
import type { Services } from '../container.js';
import { domainErrors, idParam, notFoundIfMissing, renderWithErrors, setFlash } from '../web/render.js';
import type { FieldError } from '../web/forms.js';
import { MergedRecordError, RestrictedRecordError } from '../people/people-service.js';
import { ValidationError } from '../db/transaction.js';
import { ScreeningRulesError } from './screening-service.js';
import {
  DASH_ANSWERS, DASH_QUESTIONS, DASH_HIGH_FROM, DASH_MEDIUM_FROM, EXPLOITATION_GROUPS, EXPLOITATION_HIGH_FROM, EXPLOITATION_INDICATORS, EXPLOITATION_MEDIUM_FROM,
  SCREENING_TOOLS, TOOL_SLUGS, fieldFor, toolFromSlug, type ScreeningTool,
} from './screening-tools.js';

const V = 'frontdoor/views/screening';
const ACCESS = { access: 'screening.complete' } as const;

/** Restricted and merged records get the same answers as on the person pages. */
async function withPerson(request: FastifyRequest, reply: FastifyReply, fn: () => Promise<unknown>, mergedTo: (intoId: number) => string) {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof RestrictedRecordError) return reply.code(403).view('people/views/restricted.njk', { pageTitle: 'Restricted record' });
    if (err instanceof MergedRecordError) {
      setFlash(request, { heading: 'This record was merged', text: `You have been taken to the record it was merged into (person ${err.intoId}).` });
      return reply.redirect(mergedTo(err.intoId));
    }
    return notFoundIfMissing(err);
  }
}

/** ?contact=123 or the hidden field: a contact id, or null. */
const contactParam = (raw: unknown): number | null => (typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : null);

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The question items for the form, with the answers given so far. */
function toolForm(tool: ScreeningTool, values: Record<string, unknown>, errors: Record<string, { text: string }> = {}) {
  if (tool === 'exploitation') {
    return {
      groups: (Object.keys(EXPLOITATION_GROUPS) as Array<keyof typeof EXPLOITATION_GROUPS>).map((g) => ({
        key: g,
        legend: EXPLOITATION_GROUPS[g],
        items: EXPLOITATION_INDICATORS.filter((i) => i.group === g).map((i) => ({
          name: fieldFor(i.key),
          value: 'yes',
          text: i.text,
          checked: values[fieldFor(i.key)] === 'yes',
          hint: i.aloneHigh ? { text: 'On its own, this makes the risk high' } : undefined,
        })),
      })),
      bands: `Low below ${EXPLOITATION_MEDIUM_FROM}, medium from ${EXPLOITATION_MEDIUM_FROM}, high from ${EXPLOITATION_HIGH_FROM}, or high if any indicator marked “on its own” is present.`,
    };
  }
  return {
    questions: DASH_QUESTIONS.map((q, n) => ({
      name: fieldFor(q.key),
      legend: `${n + 1}. ${q.text}`,
      error: errors[fieldFor(q.key)],
      items: choiceItems(DASH_ANSWERS, values[fieldFor(q.key)]),
    })),
    bands: `The count of “yes” answers: high at ${DASH_HIGH_FROM} or more, medium from ${DASH_MEDIUM_FROM} to ${DASH_HIGH_FROM - 1}, standard below ${DASH_MEDIUM_FROM}. “Not known” does not count.`,
  };
}

export function registerScreeningRoutes(app: FastifyInstance, services: Services): void {
  const svc = services.screening;

  const formData = async (request: FastifyRequest, tool: ScreeningTool, personId: number, contactId: number | null, values: Record<string, unknown>, errors: FieldError[] = []) => {
    const person = await svc.personFor(request.ctx, personId);
    const errorMap = Object.fromEntries(errors.map((e) => [e.field, { text: e.text }]));
    return {
      pageTitle: `${SCREENING_TOOLS[tool]}: ${person.name}`,
      tool,
      toolName: SCREENING_TOOLS[tool],
      action: `/people/${personId}/screening/${TOOL_SLUGS[tool]}/new`,
      person,
      contactId,
      values,
      form: toolForm(tool, values, errorMap),
    };
  };

  for (const tool of Object.keys(SCREENING_TOOLS) as ScreeningTool[]) {
    const url = `/people/:id/screening/${TOOL_SLUGS[tool]}/new`;

    app.get(url, { config: ACCESS }, async (request, reply) => {
      const personId = idParam(request);
      return withPerson(request, reply, async () => {
        let contactId = contactParam((request.query as Record<string, unknown>).contact);
        const errors: FieldError[] = [];
        if (contactId !== null) {
          try {
            await svc.contactFor(personId, contactId);
          } catch (err) {
            errors.push(...domainErrors(err));
            contactId = null;
          }
        }
        const data = await formData(request, tool, personId, contactId, {});
        return errors.length ? renderWithErrors(reply, `${V}/new.njk`, data, errors) : reply.view(`${V}/new.njk`, data);
      }, (into) => `/people/${into}/screening/${TOOL_SLUGS[tool]}/new`);
    });

    app.post(url, { config: ACCESS }, async (request, reply) => {
      const personId = idParam(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const contactId = contactParam(body.contactId);
      return withPerson(request, reply, async () => {
        const values = { ...body, judgementHigh: body.judgementHigh === 'yes' };
        let id: number;
        try {
          id = await svc.complete(request.ctx, personId, {
            tool,
            fields: body,
            judgementHigh: body.judgementHigh === 'yes',
            judgementReason: str(body.judgementReason),
            notes: str(body.notes),
            contactId,
          });
        } catch (err) {
          const errors = err instanceof ScreeningRulesError ? err.errors : domainErrors(err);
          const keepContact = err instanceof ValidationError && err.field === 'form' ? null : contactId;
          return renderWithErrors(reply, `${V}/new.njk`, await formData(request, tool, personId, keepContact, values, errors), errors);
        }
        setFlash(request, { heading: `${SCREENING_TOOLS[tool]} recorded` });
        return reply.redirect(`/screening/${id}`);
      }, (into) => `/people/${into}/screening/${TOOL_SLUGS[tool]}/new`);
    });
  }

  app.get('/people/:id/screening', { config: ACCESS }, async (request, reply) => {
    const personId = idParam(request);
    return withPerson(request, reply, async () => {
      const { person, assessments } = await svc.history(request.ctx, personId);
      return reply.view(`${V}/history.njk`, { pageTitle: `Screening: ${person.name}`, person, assessments, slugs: TOOL_SLUGS, tools: SCREENING_TOOLS });
    }, (into) => `/people/${into}/screening`);
  });

  app.get('/screening/:id', { config: ACCESS }, async (request, reply) => {
    const id = idParam(request);
    return withPerson(request, reply, async () => {
      const data = await svc.get(request.ctx, id);
      const a = data.assessment;
      const answers = a.answers as Record<string, string>;
      const rows =
        a.tool === 'exploitation'
          ? (Object.keys(EXPLOITATION_GROUPS) as Array<keyof typeof EXPLOITATION_GROUPS>).map((g) => ({
              heading: EXPLOITATION_GROUPS[g],
              present: EXPLOITATION_INDICATORS.filter((i) => i.group === g && answers[i.key] === 'yes').map((i) => ({ text: i.text, weight: i.weight, aloneHigh: !!i.aloneHigh })),
            }))
          : DASH_QUESTIONS.map((q, n) => ({ question: `${n + 1}. ${q.text}`, answer: DASH_ANSWERS[answers[q.key] as keyof typeof DASH_ANSWERS] ?? 'Not recorded' }));
      return reply.view(`${V}/show.njk`, { pageTitle: `${a.toolName}: ${data.person.name}`, ...data, rows });
    }, (into) => `/people/${into}/screening`);
  });
}
