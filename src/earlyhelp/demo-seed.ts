/**
 * Demo early help episodes for the Early Help team: five open (one with no lead professional yet)
 * and one closed, for children in the demo person index. Fictional, as all demo data.
 * Written in one transaction with one audit event, like the other demo seeders.
 */
import type { DemoSeedContext } from '../demo/seeders.js';
import { writeAudit } from '../audit/audit-log.js';
import { addCalendarDays } from '../time/index.js';

const SPECS: Array<{ daysAgo: number; analysis: string; lead: string; closedDaysAgo?: number; endReason?: string }> = [
  { daysAgo: 140, analysis: 'Poor school attendance and mum struggling after a bereavement; no evidence of significant harm. Family agree to support.', lead: 'Erin Hale, family worker', closedDaysAgo: 20, endReason: 'Attendance above 95% for a term; mum linked with bereavement counselling. Family’s needs met.' },
  { daysAgo: 90, analysis: 'Parental conflict witnessed by the children, no physical violence reported. Parents accept a referral for relationship support.', lead: 'Erin Hale, family worker' },
  { daysAgo: 60, analysis: 'Child’s behaviour at school deteriorating after a house move; parents asking for parenting support.', lead: 'Jordan Price, school family support worker' },
  { daysAgo: 35, analysis: 'Young carer for a parent with a long-term illness; missing school. Needs a young carers assessment and support.', lead: 'Erin Hale, family worker' },
  { daysAgo: 12, analysis: 'Overcrowded temporary housing and rent arrears; parents coping but stressed. Housing and debt advice needed.', lead: 'Sam Oduya, family support worker' },
  { daysAgo: 2, analysis: 'Health visitor worried about a mother’s low mood after the birth of her second child; father working away.', lead: '' },
];

export async function seedEarlyHelp(c: DemoSeedContext): Promise<void> {
  const team = await c.db.selectFrom('teams').select('id').where('name', '=', 'Early Help').executeTakeFirst();
  const worker = await c.db.selectFrom('users').select('id').where('username', '=', 'early.help').executeTakeFirst();
  // Children under 16, away from the first records (the allegations demo uses those).
  const children = await c.db
    .selectFrom('people')
    .select('id')
    .where('date_of_birth', '>', addCalendarDays(c.today, -16 * 365))
    .where('restricted', '=', false)
    .where('merged_into_id', 'is', null)
    .orderBy('id', 'desc')
    .limit(SPECS.length)
    .execute();
  if (!team || children.length < SPECS.length) return;
  await c.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('early_help_episodes')
      .values(
        SPECS.map((s, i) => ({
          person_id: children[i]!.id,
          team_id: team.id,
          started_on: addCalendarDays(c.today, -s.daysAgo),
          contact_child_id: null,
          analysis: s.analysis,
          lead_professional: s.lead,
          status: s.closedDaysAgo !== undefined ? 'closed' : 'open',
          ended_on: s.closedDaysAgo !== undefined ? addCalendarDays(c.today, -s.closedDaysAgo) : null,
          end_reason: s.endReason ?? '',
          step_up_contact_id: null,
          created_by: worker?.id ?? null,
        })),
      )
      .execute();
    await writeAudit(tx, c.ctx, { action: 'earlyhelp.demo_seed', recordType: 'early_help_episode', personIds: children.map((ch) => ch.id), details: { episodes: SPECS.length } });
  });
  c.log(`  ${SPECS.length} early help episodes`);
}
