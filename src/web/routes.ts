import type { FastifyInstance } from 'fastify';
import type { Services } from '../container.js';
import { registerSystemRoutes } from './system-routes.js';
import { registerAuthRoutes } from '../access/auth-routes.js';
import { registerAdminUserRoutes } from '../access/admin-users-routes.js';
import { registerAdminTeamRoutes } from '../access/admin-teams-routes.js';
import { registerAuditRoutes } from '../audit/audit-routes.js';
import { registerSettingsRoutes } from '../council/settings-routes.js';
import { registerCalendarRoutes } from '../time/calendar-routes.js';
import { registerPersonSearchRoutes } from '../people/search-routes.js';
import { registerPersonRecordRoutes } from '../people/record-routes.js';
import { registerDuplicateRoutes } from '../people/duplicates-routes.js';
import { registerAllegationRoutes } from '../allegations/allegation-routes.js';
import { registerPoliceRoutes } from '../frontdoor/police-routes.js';
import { registerApiRoutes } from '../api/openapi-routes.js';
import { registerAdminApiClientRoutes } from '../access/admin-api-clients-routes.js';

/** Every domain's pages and API. Each route declares its access; the guard enforces it. */
export function registerAllRoutes(app: FastifyInstance, services: Services): void {
  registerSystemRoutes(app, services);
  registerAuthRoutes(app, services);
  registerAdminUserRoutes(app, services);
  registerAdminTeamRoutes(app, services);
  registerAuditRoutes(app, services);
  registerSettingsRoutes(app, services);
  registerCalendarRoutes(app, services);
  registerPersonSearchRoutes(app, services);
  registerPersonRecordRoutes(app, services);
  registerDuplicateRoutes(app, services);
  registerAllegationRoutes(app, services);
  registerPoliceRoutes(app, services);
  registerApiRoutes(app, services);
  registerAdminApiClientRoutes(app, services);
}
