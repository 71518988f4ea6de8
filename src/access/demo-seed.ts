import type { DemoSeedContext } from '../demo/seeders.js';
import type { Agency, Role } from './roles.js';

export const DEMO_TEAMS = [
  { name: 'MASH', description: 'Multi-agency safeguarding hub: the front door for contacts and referrals' },
  { name: 'Assessment', description: 'Single assessments and section 47 enquiries' },
  { name: 'Child Protection', description: 'Children on child protection and child in need plans' },
  { name: 'Children in Care', description: 'Children looked after by the council' },
  { name: 'Leaving Care', description: 'Care leavers up to 25' },
  { name: 'Early Help', description: 'Family support below statutory thresholds' },
  { name: 'Allegations (LADO)', description: 'Allegations against people who work with children' },
  { name: 'Emergency Duty', description: 'Out-of-hours emergency duty team' },
  { name: 'Performance', description: 'Performance, quality assurance and statutory returns' },
  { name: 'Administration', description: 'System administration' },
] as const;

type TeamName = (typeof DEMO_TEAMS)[number]['name'];

export const DEMO_USERS: Array<{ username: string; displayName: string; jobTitle: string; role: Role; agency?: Agency; teams: TeamName[] }> = [
  { username: 'admin', displayName: 'Alex Admin', jobTitle: 'System administrator', role: 'administrator', teams: ['Administration'] },
  { username: 'mash.worker', displayName: 'Morgan Ashby', jobTitle: 'MASH social worker', role: 'mash_worker', teams: ['MASH'] },
  { username: 'mash.manager', displayName: 'Priya Manning', jobTitle: 'MASH team manager', role: 'mash_manager', teams: ['MASH'] },
  { username: 'social.worker', displayName: 'Sam Walker', jobTitle: 'Social worker', role: 'social_worker', teams: ['Assessment', 'Child Protection'] },
  { username: 'team.manager', displayName: 'Taylor Mensah', jobTitle: 'Team manager', role: 'team_manager', teams: ['Child Protection'] },
  { username: 'lado', displayName: 'Lee Adeyemi', jobTitle: 'Designated officer (LADO)', role: 'lado', teams: ['Allegations (LADO)'] },
  { username: 'iro', displayName: 'Robin Okafor', jobTitle: 'Independent reviewing officer', role: 'iro', teams: ['Children in Care'] },
  { username: 'edt.worker', displayName: 'Eddie Thornton', jobTitle: 'Emergency duty social worker', role: 'edt_worker', teams: ['Emergency Duty'] },
  { username: 'analyst', displayName: 'Ana Lister', jobTitle: 'Performance analyst', role: 'analyst', teams: ['Performance'] },
  { username: 'police.partner', displayName: 'DC Pat Ollerton', jobTitle: 'Police MASH officer', role: 'partner', agency: 'police', teams: ['MASH'] },
  { username: 'health.partner', displayName: 'Hana Ellis', jobTitle: 'Safeguarding nurse', role: 'partner', agency: 'health', teams: ['MASH'] },
  { username: 'education.partner', displayName: 'Ed Carter', jobTitle: 'Education safeguarding officer', role: 'partner', agency: 'education', teams: ['MASH'] },
  { username: 'da.partner', displayName: 'Dana Abbott', jobTitle: 'Domestic abuse MASH worker', role: 'partner', agency: 'domestic_abuse', teams: ['MASH'] },
  { username: 'probation.partner', displayName: 'Perry Bowen', jobTitle: 'Probation MASH officer', role: 'partner', agency: 'probation', teams: ['MASH'] },
  { username: 'early.help', displayName: 'Erin Hale', jobTitle: 'Early help family worker', role: 'early_help_worker', teams: ['Early Help'] },
];

export async function seedTeamsAndUsers({ services, ctx, demoPassword }: DemoSeedContext): Promise<void> {
  const teamIds = new Map<string, number>();
  for (const t of DEMO_TEAMS) teamIds.set(t.name, await services.teams.create(ctx, { name: t.name, description: t.description, active: true }));
  for (const u of DEMO_USERS) {
    await services.users.create(
      ctx,
      {
        username: u.username,
        displayName: u.displayName,
        email: `${u.username}@demo-borough.example`,
        jobTitle: u.jobTitle,
        role: u.role,
        agency: u.agency ?? null,
        teamIds: u.teams.map((t) => teamIds.get(t)!),
      },
      demoPassword,
    );
  }
}
