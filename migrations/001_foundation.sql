-- 001 foundation: offices, users, sessions, the audit log.
-- Portable SQL (SQLite and PostgreSQL): integer keys, unix times in INTEGER.
-- daam never stores ethnicity, religion, sect or tribe (tests read the schema).

CREATE TABLE offices (
	id          INTEGER PRIMARY KEY,
	code        TEXT NOT NULL UNIQUE,
	name_ar     TEXT NOT NULL,
	name_en     TEXT NOT NULL,
	city_ar     TEXT NOT NULL DEFAULT '',
	city_en     TEXT NOT NULL DEFAULT '',
	created_at  INTEGER NOT NULL
);

-- Organizations are completed by the partners registry; users of the partner
-- role are bound to one.
CREATE TABLE orgs (
	id          INTEGER PRIMARY KEY,
	name_ar     TEXT NOT NULL,
	name_en     TEXT NOT NULL DEFAULT '',
	office_id   INTEGER REFERENCES offices(id),
	created_at  INTEGER NOT NULL
);

CREATE TABLE users (
	id            INTEGER PRIMARY KEY,
	name          TEXT NOT NULL UNIQUE,          -- login name
	display_name  TEXT NOT NULL DEFAULT '',
	role          TEXT NOT NULL,
	office_id     INTEGER REFERENCES offices(id), -- NULL: all offices
	org_id        INTEGER REFERENCES orgs(id),    -- partner users only
	password_hash TEXT NOT NULL,
	disabled      INTEGER NOT NULL DEFAULT 0,
	created_at    INTEGER NOT NULL,
	password_changed_at INTEGER NOT NULL
);

-- Sessions keep only a hash of the token the browser holds.
CREATE TABLE sessions (
	id          INTEGER PRIMARY KEY,
	token_hash  BLOB NOT NULL UNIQUE,
	user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	csrf        TEXT NOT NULL,
	created_at  INTEGER NOT NULL,
	last_seen   INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Who did what to which record, when; never the data itself.
CREATE TABLE audit_log (
	id          INTEGER PRIMARY KEY,
	at          INTEGER NOT NULL,
	user_id     INTEGER REFERENCES users(id),
	action      TEXT NOT NULL,
	entity      TEXT NOT NULL,
	entity_id   INTEGER,
	detail      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_at ON audit_log(at);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_user ON audit_log(user_id, at);
