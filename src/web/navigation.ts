import { hasPermission, type CurrentUser } from '../access/policy.js';
import type { Permission } from '../access/roles.js';

export interface NavItem {
  href: string;
  text: string;
  permission: Permission;
}

/**
 * The service navigation, in order. Each module adds its entry here; a user sees the entries
 * their role allows, so the navigation is the access policy made visible.
 */
export const NAV_ITEMS: NavItem[] = [
  { href: '/', text: 'Home', permission: 'home.view' },
  { href: '/people', text: 'Find a person', permission: 'people.search' },
  { href: '/casework', text: 'Cases', permission: 'casework.view' },
  { href: '/people/duplicates', text: 'Possible duplicates', permission: 'people.merge' },
  { href: '/frontdoor', text: 'Front door', permission: 'frontdoor.record' },
  { href: '/early-help', text: 'Early help', permission: 'earlyhelp.manage' },
  { href: '/partner/requests', text: 'Information requests', permission: 'partner.requests' },
  { href: '/allegations', text: 'Allegations', permission: 'allegations.manage' },
  { href: '/calendar', text: 'Working days', permission: 'calendar.view' },
  { href: '/admin/users', text: 'Users', permission: 'admin.users' },
  { href: '/admin/teams', text: 'Teams', permission: 'admin.teams' },
  { href: '/admin/api-clients', text: 'Partner systems', permission: 'admin.users' },
  { href: '/admin/audit', text: 'Audit log', permission: 'audit.search' },
  { href: '/admin/settings', text: 'Settings', permission: 'admin.settings' },
];

export function navigationFor(user: CurrentUser | null, currentPath: string) {
  if (!user) return [];
  const items = NAV_ITEMS.filter((i) => hasPermission(user, i.permission));
  const covers = (href: string) => (href === '/' ? currentPath === '/' : currentPath === href || currentPath.startsWith(href + '/'));
  // The most specific entry is the current one (/people/duplicates, not /people).
  const current = items.filter((i) => covers(i.href)).sort((a, b) => b.href.length - a.href.length)[0];
  return items.map((i) => ({ href: i.href, text: i.text, active: i === current }));
}
