import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Services } from '../container.js';
import type { RequestContext } from '../audit/audit-log.js';
import { seedCouncil } from '../council/demo-seed.js';
import { seedTeamsAndUsers } from '../access/demo-seed.js';
import { seedPeople } from '../people/demo-seed.js';
import { seedAllegations } from '../allegations/demo-seed.js';
import { seedFrontDoor } from '../frontdoor/demo-seed.js';
import { seedPartnerRequests } from '../frontdoor/partner-demo-seed.js';
import { seedEarlyHelp } from '../earlyhelp/demo-seed.js';
import { seedAssessments } from '../assessments/demo-seed.js';
import { seedPoliceNotifications } from '../frontdoor/police-demo-seed.js';
import { seedPractice } from '../practice/demo-seed.js';
import { seedProtection } from '../protection/demo-seed.js';
import { seedCasework } from '../casework/demo-seed.js';

export interface DemoSeedContext {
  db: Kysely<Database>;
  services: Services;
  ctx: RequestContext;
  demoPassword: string;
  /** Today's date in London, so demo records sit at realistic points on their clocks. */
  today: string;
  log: (line: string) => void;
}

export interface DemoSeeder {
  name: string;
  seed(c: DemoSeedContext): Promise<void>;
}

/**
 * Each domain adds its own part of the demo council here, in dependency order
 * (people before contacts, contacts before assessments...).
 */
export const DEMO_SEEDERS: DemoSeeder[] = [
  { name: 'council', seed: seedCouncil },
  { name: 'teams and users', seed: seedTeamsAndUsers },
  { name: 'people', seed: seedPeople },
  { name: 'early help', seed: seedEarlyHelp },
  { name: 'allegations', seed: seedAllegations },
  { name: 'front door', seed: seedFrontDoor },
  // Opens a children in need episode for each demo referral and allocates them; the practice modules then add each
  // child's story to them (src/demo/stories.ts).
  { name: 'casework', seed: seedCasework },
  { name: 'assessments', seed: seedAssessments },
  { name: 'child protection', seed: seedProtection },
  // After the plans: each child's mapping is carried forward into their CP or CIN plan.
  { name: 'signs of safety', seed: seedPractice },
  // After the front door's demo contacts, so theirs keep the first ids; needs only people and users.
  { name: 'police notifications', seed: seedPoliceNotifications },
  // After every other seeder: it adds requests to whatever demo contacts exist by then.
  { name: 'partner requests', seed: seedPartnerRequests },
];
