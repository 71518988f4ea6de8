import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Text = ColumnType<string, string | undefined, string>;

export interface CinEpisodesTable {
  id: Generated<number>;
  person_id: number;
  contact_child_id: number | null;
  referral_date: string;
  referral_source: string;
  primary_need_code: string | null;
  start_date: string;
  end_date: string | null;
  closure_reason: string | null;
  status: Text;
  team_id: number | null;
  worker_id: number | null;
  version: Generated<number>;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface EpisodeAllocationsTable {
  id: Generated<number>;
  episode_id: number;
  team_id: number | null;
  worker_id: number | null;
  from_date: string;
  to_date: string | null;
  reason: Text;
  allocated_by: number | null;
  allocated_at: CreatedAt;
}

export interface CaseworkTables {
  cin_episodes: CinEpisodesTable;
  episode_allocations: EpisodeAllocationsTable;
}
