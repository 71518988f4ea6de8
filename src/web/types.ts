import type { RequestContext } from '../audit/audit-log.js';
import type { RouteAccess } from '../access/policy.js';

export interface Flash {
  heading: string;
  html?: string;
  text?: string;
}

declare module 'fastify' {
  interface Session {
    userId?: number;
    /** Milliseconds since epoch of the last request that counts as activity. */
    lastSeenAt?: number;
    signedInAt?: number;
    flash?: Flash;
    /** The last person search, so "add a new person" is offered only after searching, pre-filled from it. */
    /** Where "add a new person" returns to with the new record (a contact draft adding a child or adult). */
    personReturnTo?: string;
    lastPersonSearch?: { givenName: string | null; familyName: string | null; dateOfBirth: string | null; postcode: string | null; nhsNumber: string | null; upn: string | null };
  }
  interface FastifyContextConfig {
    /** Every route declares what it needs. A route without it stops the server from starting. */
    access?: RouteAccess;
    /** Static files: no signed-in user or page data is needed, so none is loaded. */
    staticFile?: boolean;
    /** Routes a user who must change their password may still use. */
    allowWithPasswordChangeDue?: boolean;
  }
  interface FastifyReply {
    /** Template data every page shares (set by web/page-locals.ts, read by @fastify/view). */
    locals: Record<string, unknown>;
  }
  interface FastifyRequest {
    ctx: RequestContext;
  }
}
