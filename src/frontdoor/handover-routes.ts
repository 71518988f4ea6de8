import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../container.js';
import { domainErrors, idParam, notFoundIfMissing, renderWithErrors, setFlash } from '../web/render.js';
import { NotFoundError } from '../db/transaction.js';

const V = 'frontdoor/views/handover';
const ACCESS = { access: 'frontdoor.handover' } as const;
const timeFmt = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** The MASH morning queue of out-of-hours (EDT) work, and the history of what was acknowledged. */
export function registerHandoverRoutes(app: FastifyInstance, services: Services): void {
  const svc = services.handover;

  const queueData = async (request: FastifyRequest, values: Record<string, unknown> = {}) => ({
    pageTitle: 'Out-of-hours handover',
    items: await svc.queue(request.ctx),
    values,
  });

  app.get('/frontdoor/handover', { config: ACCESS }, async (request, reply) => reply.view(`${V}/queue.njk`, await queueData(request)));

  app.get('/frontdoor/handover/acknowledged', { config: ACCESS }, async (request, reply) =>
    reply.view(`${V}/acknowledged.njk`, { pageTitle: 'Acknowledged handovers', items: await svc.acknowledged(request.ctx) }),
  );

  app.post('/frontdoor/handover/:id/acknowledge', { config: ACCESS }, async (request, reply) => {
    const id = idParam(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const note = typeof body.note === 'string' ? body.note : '';
    let outcome: Awaited<ReturnType<typeof svc.acknowledge>>;
    try {
      outcome = await svc.acknowledge(request.ctx, id, note);
    } catch (err) {
      if (err instanceof NotFoundError) return notFoundIfMissing(err);
      const errors = domainErrors(err);
      return renderWithErrors(reply, `${V}/queue.njk`, await queueData(request, { [`note-${id}`]: note }), errors);
    }
    setFlash(
      request,
      outcome.acknowledged
        ? { heading: 'Handover acknowledged', text: 'It has moved to the acknowledged list.' }
        : { heading: 'Already acknowledged', text: `${outcome.by || 'Someone'} acknowledged this handover${outcome.at ? ` at ${timeFmt.format(outcome.at)}` : ''}. Nothing was changed.` },
    );
    return reply.redirect('/frontdoor/handover');
  });
}
