-- Extensions used for person search (trigram similarity, phonetic codes).
-- Both are "trusted" on PostgreSQL 15, so a database owner can create them; PGlite loads them itself.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
