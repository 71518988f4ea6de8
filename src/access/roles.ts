/**
 * Roles and what each may do. This file and policy.ts are the only places that decide access:
 * routes declare a permission, the policy answers.
 */
export const ROLES = [
  'administrator',
  'mash_worker',
  'mash_manager',
  'social_worker',
  'team_manager',
  'lado',
  'iro',
  'edt_worker',
  'analyst',
  'partner',
  'early_help_worker',
] as const;
/**
 * Roles of service accounts, not people: a partner system calling the JSON API with a key. Kept out of
 * ROLES so that the user form never offers them and nothing loops over them as if they could sign in.
 */
export const SERVICE_ROLES = ['partner_system'] as const;
export type HumanRole = (typeof ROLES)[number];
export type ServiceRole = (typeof SERVICE_ROLES)[number];
export type Role = HumanRole | ServiceRole;

export const ROLE_LABELS: Record<Role, string> = {
  administrator: 'Administrator',
  mash_worker: 'MASH practitioner',
  mash_manager: 'MASH team manager',
  social_worker: 'Social worker',
  team_manager: 'Team manager',
  lado: 'Designated officer (LADO)',
  iro: 'Independent reviewing officer / child protection chair',
  edt_worker: 'Emergency duty team worker',
  analyst: 'Performance analyst',
  partner: 'Partner agency worker',
  early_help_worker: 'Early help practitioner',
  partner_system: 'Partner system (API)',
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  administrator: 'Manages user accounts, teams, council settings and the working-day calendar, and reviews the audit log.',
  mash_worker: 'Records contacts at the front door, finds the child, gathers partner information and recommends a threshold decision.',
  mash_manager: 'Decides contacts within one working day, challenges recommendations and allocates work.',
  social_worker: 'Carries out assessments, visits, plans and direct work with children.',
  team_manager: 'Gives management oversight and supervision, signs off work and watches caseloads.',
  lado: 'Manages allegations against people who work with children.',
  iro: 'Chairs child protection conferences and reviews for children in care.',
  edt_worker: 'Records and acts out of hours, then hands over to the MASH.',
  analyst: 'Produces dashboards, statutory returns and inspection data.',
  partner: 'Answers information requests from the MASH for their agency, and sees only what is shared with it.',
  early_help_worker: 'Works with families stepped down to early help, and steps a case back up to the front door when risk rises.',
  partner_system: 'Another agency’s computer system calling the JSON API with a key; never signs in to pages.',
};

/** Partner agencies whose staff may be given partner accounts. */
export const AGENCIES = ['police', 'health', 'education', 'domestic_abuse', 'probation'] as const;
export type Agency = (typeof AGENCIES)[number];
export const AGENCY_LABELS: Record<Agency, string> = {
  police: 'Police',
  health: 'Health',
  education: 'Education',
  domestic_abuse: 'Domestic abuse service',
  probation: 'Probation',
};

export const PERMISSIONS = {
  'home.view': 'See the home page',
  'account.manage': 'Change own password',
  'calendar.view': 'See the working-day calendar and calculator',
  'admin.users': 'Create, edit and deactivate user accounts',
  'admin.teams': 'Edit teams',
  'admin.settings': 'Change council settings',
  'admin.calendar': 'Add and remove local non-working days',
  'audit.search': 'Search the audit log',
  'people.search': 'Find people in the person index',
  'people.view': 'Open a person’s record',
  'people.create': 'Add a person (after searching)',
  'people.edit': 'Change a person’s details, names, addresses, relationships and warnings',
  'people.merge': 'Review possible duplicates, merge and unmerge records',
  'people.restrict': 'Restrict a record to named users and teams',
  'people.viewers': 'See who has viewed a person’s record',
  'allegations.manage': 'Record and manage allegations against people who work with children (restricted to the Allegations team)',
  'allegations.report': 'See and download the designated officer’s annual report',
  'frontdoor.view': 'See contacts and front-door decisions about a child',
  'frontdoor.record': 'Record a contact (including out of hours)',
  'frontdoor.screen': 'Screen contacts: RAG rating, partner information requests, recommendations, feedback to the referrer',
  'frontdoor.decide': 'Decide contacts and challenge recommendations (MASH manager)',
  'frontdoor.police': 'Import and screen police notifications, and record the daily screening meeting',
  'frontdoor.handover': 'Acknowledge out-of-hours handovers on the MASH morning queue',
  'screening.complete': 'Complete child exploitation and domestic abuse screening tools',
  'earlyhelp.manage': 'Manage early help episodes and step a case up to the front door',
  'partner.requests': 'Answer information requests addressed to your agency',
  'casework.view': 'See children’s episodes, plans, assessments, case notes and chronology',
  'casework.write': 'Record case notes, visits, assessments, mappings, strategy discussions and plans for children',
  'casework.manage': 'Allocate and transfer work, give management oversight and guidance, authorise assessments, close episodes',
  'casework.chair': 'Chair child protection conferences and reviews',
  'api.contacts': 'Partner system: create contacts through the API',
  'api.police': 'Partner system: import police notifications through the API',
} as const;
export type Permission = keyof typeof PERMISSIONS;

/** The permissions an API client can be given (its scopes). */
export const API_SCOPES = ['api.contacts', 'api.police'] as const satisfies readonly Permission[];
export type ApiScope = (typeof API_SCOPES)[number];

const EVERY_USER: Permission[] = ['home.view', 'account.manage'];
const COUNCIL_STAFF: Permission[] = [...EVERY_USER, 'calendar.view'];
/** Practitioners who work with children's records day to day. */
const PRACTITIONER: Permission[] = [...COUNCIL_STAFF, 'people.search', 'people.view', 'people.create', 'people.edit'];
/** Everyone who works on children's records sees the front-door history and can use the screening tools. */
const CASEWORK: Permission[] = [...PRACTITIONER, 'frontdoor.view', 'screening.complete', 'casework.view', 'casework.write'];
/** The MASH screens and recommends; its manager decides. */
const MASH: Permission[] = [...CASEWORK, 'frontdoor.record', 'frontdoor.screen', 'frontdoor.police', 'frontdoor.handover'];
/** Managers also resolve duplicates, restrict records and see who has looked at a record. */
const MANAGER: Permission[] = [...PRACTITIONER, 'people.merge', 'people.restrict', 'people.viewers'];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  // Administrators run the system and audit it; they do not open children's records.
  administrator: new Set<Permission>([
    ...COUNCIL_STAFF,
    'admin.users',
    'admin.teams',
    'admin.settings',
    'admin.calendar',
    'audit.search',
  ]),
  mash_worker: new Set(MASH),
  mash_manager: new Set<Permission>([...MASH, ...MANAGER, 'frontdoor.decide', 'casework.manage']),
  social_worker: new Set(CASEWORK),
  team_manager: new Set<Permission>([...CASEWORK, ...MANAGER, 'casework.manage']),
  lado: new Set<Permission>([...PRACTITIONER, 'people.restrict', 'allegations.manage', 'allegations.report']),
  iro: new Set<Permission>([...CASEWORK, 'casework.chair']),
  // Out of hours: records contacts and what was done; the MASH screens and decides in the morning.
  edt_worker: new Set<Permission>([...CASEWORK, 'frontdoor.record']),
  early_help_worker: new Set<Permission>([...CASEWORK, 'earlyhelp.manage']),
  // Analysts work from figures and returns (later modules), not by opening individual records.
  analyst: new Set(COUNCIL_STAFF),
  // Partners see only what the MASH shares with their agency: the requests addressed to it.
  partner: new Set<Permission>([...EVERY_USER, 'partner.requests']),
  // The most a partner system may be given; each API client holds a subset (its scopes). Nothing of EVERY_USER:
  // it has no home page or password.
  partner_system: new Set<Permission>(API_SCOPES),
};

/** A role a person can hold and sign in with (not a service account's). */
export function isRole(value: string): value is HumanRole {
  return (ROLES as readonly string[]).includes(value);
}
export function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value);
}
export function isAgency(value: string): value is Agency {
  return (AGENCIES as readonly string[]).includes(value);
}
