import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../container.js';
import { parseForm } from '../web/forms.js';
import { renderWithErrors } from '../web/render.js';
import { isValidIsoDate } from '../time/index.js';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const isoDate = (label: string) =>
  z.preprocess(blankToUndefined, z.string().refine(isValidIsoDate, `${label} must be a real date, like 2026-03-27`).optional());

const filterSchema = z
  .object({
    personId: z.preprocess(blankToUndefined, z.string().max(64).optional()),
    username: z.preprocess(blankToUndefined, z.string().max(100).optional()),
    action: z.preprocess(blankToUndefined, z.string().max(100).regex(/^[a-z0-9_.]+$/, 'Choose an action from the list').optional()),
    from: isoDate('The start date'),
    to: isoDate('The end date'),
    page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).optional()),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ['to'], message: 'The end date must be the same as or after the start date' });

export function registerAuditRoutes(app: FastifyInstance, services: Services): void {
  app.get('/admin/audit', { config: { access: 'audit.search' } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const actions = await services.auditSearch.distinctActions();
    const data = { pageTitle: 'Audit log', values: query, actionItems: [{ value: '', text: 'Any action' }, ...actions.map((a) => ({ value: a, text: a, selected: a === query.action }))] };
    const form = parseForm(filterSchema, query);
    if (!form.ok) return renderWithErrors(reply, 'audit/views/audit-search.njk', data, form.errors);
    const result = await services.auditSearch.search(request.ctx, form.data);
    const params = new URLSearchParams(Object.entries(form.data).filter(([k, v]) => k !== 'page' && v !== undefined).map(([k, v]) => [k, String(v)]));
    const pageHref = (p: number) => `/admin/audit?${new URLSearchParams([...params, ['page', String(p)]]).toString()}`;
    return reply.view('audit/views/audit-search.njk', {
      ...data,
      result,
      pagination: {
        previous: result.page > 1 ? { href: pageHref(result.page - 1) } : undefined,
        next: result.page < result.pages ? { href: pageHref(result.page + 1) } : undefined,
      },
    });
  });
}
