import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorMap, errorSummary, type FieldError } from './forms.js';
import type { Flash } from './types.js';
import { ConflictError, NotFoundError, ValidationError } from '../db/transaction.js';

/** Re-renders a form with the user's input and GOV.UK error messages (400: nothing was saved). */
export function renderWithErrors(reply: FastifyReply, template: string, data: Record<string, unknown>, errors: FieldError[], status = 400) {
  return reply.code(status).view(template, { ...data, errors: errorMap(errors), errorList: errorSummary(errors) });
}

/** Turns a domain error into field errors for the form; anything else is rethrown. */
export function domainErrors(err: unknown): FieldError[] {
  if (err instanceof ValidationError) return [{ field: err.field, text: err.message }];
  if (err instanceof ConflictError) {
    return [{ field: 'form', text: `${err.message} Your changes have not been saved. Check the current details below, then make your changes again.` }];
  }
  throw err;
}

export function setFlash(request: FastifyRequest, flash: Flash) {
  request.session.set('flash', flash);
}

export function notFoundIfMissing(err: unknown): never {
  if (err instanceof NotFoundError) {
    const e = new Error('Not found') as Error & { statusCode: number };
    e.statusCode = 404;
    throw e;
  }
  throw err;
}

/** Positive whole-number id from a URL parameter, or a 404. */
export function idParam(request: FastifyRequest, name = 'id'): number {
  const raw = (request.params as Record<string, string>)[name] ?? '';
  if (!/^\d{1,9}$/.test(raw)) notFoundIfMissing(new NotFoundError('bad id'));
  return Number(raw);
}
