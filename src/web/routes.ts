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
import { registerContactRoutes } from '../frontdoor/contact-routes.js';
import { registerContactPageRoutes } from '../frontdoor/contact-page-routes.js';
import { registerTrayRoutes } from '../frontdoor/tray-routes.js';
import { registerFrontDoorSettingsRoutes } from '../frontdoor/frontdoor-settings-routes.js';
import { registerPartnerRequestRoutes } from '../frontdoor/partner-request-routes.js';
import { registerScreeningRoutes } from '../frontdoor/screening-routes.js';
import { registerHandoverRoutes } from '../frontdoor/handover-routes.js';
import { registerEarlyHelpRoutes } from '../earlyhelp/earlyhelp-routes.js';
import { registerCaseworkRoutes } from '../casework/casework-routes.js';

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
  registerTrayRoutes(app, services);
  registerFrontDoorSettingsRoutes(app, services);
  registerContactRoutes(app, services);
  registerContactPageRoutes(app, services);
  registerPartnerRequestRoutes(app, services);
  registerScreeningRoutes(app, services);
  registerHandoverRoutes(app, services);
  registerEarlyHelpRoutes(app, services);
  registerCaseworkRoutes(app, services);
}
