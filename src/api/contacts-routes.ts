import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../container.js';
import { sendProblem } from '../access/api-auth.js';
import { ContactRulesError } from '../frontdoor/contacts-service.js';
import { CONSENT, PARENTS_AWARE, REFERRAL_SOURCES, consentErrors, type ReferralSource } from '../frontdoor/rules.js';
import { normalisePostcode, validateNhsNumber } from '../people/matching/index.js';
import { isValidIsoDate } from '../time/index.js';
import { ValidationError } from '../db/transaction.js';
import { zodProblems, type FieldProblem } from './problems.js';

const text = (max: number) => z.string().trim().max(max, `must be ${max} characters or fewer`).default('');
const keys = <T extends object>(o: T) => Object.keys(o) as [keyof T & string, ...Array<keyof T & string>];

const person = z.object({
  givenName: z.string().trim().min(1, 'is required').max(100),
  familyName: z.string().trim().min(1, 'is required').max(100),
  dateOfBirth: z.string().refine(isValidIsoDate, 'must be a date, like 2019-04-03').nullable(),
  postcode: z.string().trim().refine((v) => v === '' || normalisePostcode(v) !== null, 'must be a full UK postcode, like SW1A 1AA').default(''),
  nhsNumber: z.string().trim().refine((v) => v === '' || validateNhsNumber(v).ok, 'is not a valid NHS number').default(''),
  sex: z.enum(['M', 'F', 'U']).default('U'),
});

export const contactRequestSchema = z
  .object({
    receivedAt: z.iso.datetime({ offset: true, message: 'must be a date and time with a time zone, like 2026-11-26T09:15:00Z' }),
    sourceCode: z.enum(keys(REFERRAL_SOURCES), { message: `must be a DfE referral source code: ${Object.keys(REFERRAL_SOURCES).join(', ')}` }),
    referrer: z.object({
      anonymous: z.boolean().default(false),
      name: text(200),
      organisation: text(200),
      role: text(200),
      phone: text(50),
      email: text(200),
      address: text(500),
    }),
    whatHappened: z.string().trim().min(1, 'is required').max(20000),
    worries: text(20000),
    actionsTaken: text(20000),
    childViews: text(20000),
    familyViews: text(20000),
    parentsAware: z.enum(keys(PARENTS_AWARE)),
    consent: z.enum(keys(CONSENT)),
    consentOverrideReason: text(5000),
    children: z.array(person).min(1, 'needs at least one child').max(20),
    adults: z.array(person.extend({ involvement: text(200) })).max(20).default([]),
  })
  .strict();

/** The field names ContactsService's rules use, as JSON pointers into this API's body. */
const RULE_POINTERS: Record<string, string> = { consentOverrideReason: '/consentOverrideReason', children: '/children', whatHappened: '/whatHappened', referrerName: '/referrer/name', receivedAt: '/receivedAt' };

export function registerApiContactRoutes(app: FastifyInstance, services: Services): void {
  app.post('/api/v1/contacts', { config: { access: 'api.contacts' } }, async (request, reply) => {
    const parsed = contactRequestSchema.safeParse(request.body);
    if (!parsed.success) return sendProblem(reply, 422, 'The contact is not valid', { errors: zodProblems(parsed.error) });
    const b = parsed.data;
    const ruleProblems: FieldProblem[] = consentErrors(b.consent, b.consentOverrideReason).map((e) => ({ pointer: RULE_POINTERS[e.field] ?? '/', detail: e.text }));
    if (!b.referrer.anonymous && !b.referrer.name) ruleProblems.push({ pointer: '/referrer/name', detail: 'Give the referrer’s name, or set anonymous to true' });
    if (ruleProblems.length) return sendProblem(reply, 422, 'The contact is not valid', { errors: ruleProblems });
    try {
      const result = await services.partnerContacts.create(request.ctx, {
        ...b,
        receivedAt: new Date(b.receivedAt),
        sourceCode: b.sourceCode as ReferralSource,
        children: b.children.map((c) => ({ ...c, postcode: c.postcode ? normalisePostcode(c.postcode)! : '' })),
        adults: b.adults.map((a) => ({ ...a, postcode: a.postcode ? normalisePostcode(a.postcode)! : '' })),
      });
      return reply.code(201).header('location', `/frontdoor/contacts/${result.contactId}`).send({ contactId: result.contactId, people: result.people });
    } catch (err) {
      if (err instanceof ContactRulesError) return sendProblem(reply, 422, 'The contact is not valid', { errors: err.errors.map((e) => ({ pointer: RULE_POINTERS[e.field] ?? '/', detail: e.text })) });
      if (err instanceof ValidationError) return sendProblem(reply, 422, 'The contact is not valid', { errors: [{ pointer: '/', detail: err.message }] });
      throw err;
    }
  });
}
