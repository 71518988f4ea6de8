import { ROLE_PERMISSIONS, type Agency, type Permission, type Role } from './roles.js';

/** The signed-in user as every decision sees them. */
export interface CurrentUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  agency: Agency | null;
  teamIds: number[];
  teamNames: string[];
  mustChangePassword: boolean;
  /** Partner systems only: the API client's scopes, within which its role's permissions apply. */
  apiScopes?: readonly Permission[];
}

/** What a route declares it needs: a permission, any signed-in user, or nothing (public). */
export type RouteAccess = Permission | 'public';

export type Decision = { allowed: true } | { allowed: false; reason: string };

const allow: Decision = { allowed: true };
const deny = (reason: string): Decision => ({ allowed: false, reason });

export function hasPermission(user: CurrentUser, permission: Permission): boolean {
  if (user.apiScopes && !user.apiScopes.includes(permission)) return false;
  return ROLE_PERMISSIONS[user.role].has(permission);
}

/**
 * How a record relates to people and teams, so one function can decide whether a user may see it.
 * Modules describe their records in these terms; they never decide access themselves.
 */
export interface RecordAccess {
  /** Restricted records: only these users and teams (and no one else) may open them. */
  restrictedTo?: { userIds: number[]; teamIds: number[] } | null;
  /** The worker the record is allocated to, and their team. */
  allocatedUserId?: number | null;
  allocatedTeamId?: number | null;
  /** For records partners may see: the agencies the MASH has shared them with. */
  sharedWithAgencies?: Agency[];
}

/**
 * Record-level decision, applied after the route's permission check. Order matters:
 * a restriction beats everything (administrators included: they audit, they do not read case records),
 * then partners see only what is shared with their agency, then council staff see unrestricted records.
 */
export function canAccessRecord(user: CurrentUser, record: RecordAccess): Decision {
  const r = record.restrictedTo;
  if (r) {
    const named = r.userIds.includes(user.id) || user.teamIds.some((t) => r.teamIds.includes(t));
    const allocated = record.allocatedUserId === user.id;
    return named || allocated ? allow : deny('This record is restricted to named users and teams.');
  }
  if (user.role === 'partner') {
    return user.agency && record.sharedWithAgencies?.includes(user.agency)
      ? allow
      : deny('This record has not been shared with your agency.');
  }
  return allow;
}

export function decideRoute(user: CurrentUser | null, access: RouteAccess): 'allow' | 'sign-in' | 'forbidden' {
  if (access === 'public') return 'allow';
  if (!user) return 'sign-in';
  return hasPermission(user, access) ? 'allow' : 'forbidden';
}
