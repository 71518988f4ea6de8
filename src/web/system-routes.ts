import type { FastifyInstance } from 'fastify';
import type { Services } from '../container.js';
import { ROLE_DESCRIPTIONS, ROLE_LABELS, AGENCY_LABELS } from '../access/roles.js';
import { NAV_ITEMS } from './navigation.js';
import { hasPermission } from '../access/policy.js';

export function registerSystemRoutes(app: FastifyInstance, services: Services): void {
  /** For load balancers and monitoring: no personal data, no authentication. */
  app.get('/health', { config: { access: 'public' } }, async (_request, reply) => {
    const ok = await services.ping();
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', database: { kind: services.databaseKind, status: ok ? 'ok' : 'unreachable' } });
  });

  app.get('/', { config: { access: 'home.view' } }, async (request, reply) => {
    const user = request.ctx.user!;
    const links = NAV_ITEMS.filter((i) => i.href !== '/' && hasPermission(user, i.permission));
    // Partners come here to answer the MASH: show what is waiting (counts only, no names).
    const partnerInbox = hasPermission(user, 'partner.requests') ? await services.partnerRequests.inboxCounts(request.ctx) : null;
    return reply.view('web/views/home.njk', {
      pageTitle: 'Home',
      roleLabel: ROLE_LABELS[user.role],
      roleDescription: ROLE_DESCRIPTIONS[user.role],
      agencyLabel: user.agency ? AGENCY_LABELS[user.agency] : null,
      links,
      partnerInbox,
    });
  });
}
