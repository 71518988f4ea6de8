-- Indexes for person search at scale (candidates.ts), measured on a synthetic index of 1,000,000
-- people (bench/match). Plain btree indexes: they work the same on PGlite and PostgreSQL.
--
-- 1. The block for a family name spelt differently enough to sound different looked through the
--    trigram index, which for a common surname (Williams) reads tens of thousands of names and then
--    filters on the given name: ~20-35 ms a search. The block now asks for a given name that sounds
--    alike and the same first letter of the family name (the scorer never counts names with
--    different first letters as similar spellings), which this index finds directly; family_key and
--    person_id are included so the trigram similarity is checked without visiting the table.
--    (A combined GIN index (given_dm, family_key gin_trgm_ops) would also do, but needs btree_gin,
--    which PGlite does not ship and which made PGlite exit silently when tried.)
CREATE INDEX person_names_given_dm_family_initial ON person_names (given_dm, left(family_key, 1)) INCLUDE (family_key, person_id);

-- 2. The date-of-birth blocks look up the few hundred people born on the searched date (and its
--    variants), then check each one's names: with these two indexes both steps read only the
--    indexes (once VACUUM has marked the pages all-visible), not ~800 scattered table pages.
CREATE INDEX people_date_of_birth_id ON people (date_of_birth) INCLUDE (id);
CREATE INDEX person_names_person_matching ON person_names (person_id) INCLUDE (family_dm, given_dm, family_key);
