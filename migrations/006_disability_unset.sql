-- 006: a person's disability may be "not recorded" (NULL) instead of
-- a silent "no": the form's first choice is "—" and what nobody asked
-- stays unset.  SQLite cannot drop a NOT NULL, so the table is made again
-- with the same columns, rows and indexes (SQLite's documented procedure;
-- the migration runs with foreign keys off, then checks them: db_migrate).
-- The records saved before keep their 0: nobody can tell now which of them
-- were asked.
CREATE TABLE people_new (
	id              INTEGER PRIMARY KEY,
	name_ar         TEXT NOT NULL,
	name_latin      TEXT NOT NULL DEFAULT '',
	name_folded     TEXT NOT NULL DEFAULT '',
	name_key        TEXT NOT NULL DEFAULT '',   -- cross-script phonetic key
	gender          TEXT NOT NULL DEFAULT '',   -- 'f', 'm' or '' (not said)
	birth_year      INTEGER,
	place_id        INTEGER REFERENCES places(id),
	displacement    TEXT NOT NULL DEFAULT '',   -- resident, displaced, returnee
	disability      INTEGER CHECK (disability IN (0, 1)), -- NULL: not recorded; for disaggregation only
	education       TEXT NOT NULL DEFAULT '',
	office_id       INTEGER REFERENCES offices(id),
	consent_date    TEXT NOT NULL DEFAULT '',
	consent_purpose TEXT NOT NULL DEFAULT '',
	consent_by      INTEGER REFERENCES users(id),
	merged_into     INTEGER REFERENCES people(id),
	created_at      INTEGER NOT NULL,
	updated_at      INTEGER NOT NULL
);
INSERT INTO people_new (id, name_ar, name_latin, name_folded, name_key, gender, birth_year, place_id,
	displacement, disability, education, office_id, consent_date, consent_purpose, consent_by,
	merged_into, created_at, updated_at)
SELECT id, name_ar, name_latin, name_folded, name_key, gender, birth_year, place_id,
	displacement, disability, education, office_id, consent_date, consent_purpose, consent_by,
	merged_into, created_at, updated_at FROM people;
DROP TABLE people;
ALTER TABLE people_new RENAME TO people;
CREATE INDEX people_key ON people(name_key);
CREATE INDEX people_office ON people(office_id);
CREATE INDEX people_merged ON people(merged_into);
CREATE INDEX people_name ON people(merged_into, name_folded, id);
