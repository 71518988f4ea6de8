import type { FastifyInstance } from 'fastify';
import type { Services } from '../container.js';
import { openApiDocument } from './openapi.js';
import { registerApiContactRoutes } from './contacts-routes.js';
import { registerApiPoliceRoutes } from './police-notifications-routes.js';

/** The partner JSON API: its description (public, so partners' developers can read it) and its operations. */
export function registerApiRoutes(app: FastifyInstance, services: Services): void {
  const document = openApiDocument();
  app.get('/api/openapi.json', { config: { access: 'public' } }, async (_request, reply) => reply.type('application/json').send(document));
  registerApiContactRoutes(app, services);
  registerApiPoliceRoutes(app, services);
}
