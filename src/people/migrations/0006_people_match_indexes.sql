-- Indexes for person matching at scale (measured on a synthetic index of 1,000,000 people, bench/match).
--
-- Person search (candidates.ts) looks people up by date of birth without the merged_into_id
-- condition that people_dob is partial on, so the planner could not use that index and read the
-- whole people table on every search: that block took ~120 ms at a million people, ~2 ms with
-- this index (search p50 81 -> 18 ms, p99 194 -> 49 ms on PostgreSQL 15).
CREATE INDEX people_date_of_birth ON people (date_of_birth);
