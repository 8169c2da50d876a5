-- 017 activities (issue 11): trainings, workshops and events, their
-- sessions, the people registered, attendance, test scores, certificates
-- and the private calendar links.  The people reached are counted from
-- activity_people (one row per activity and person, its attendance
-- counters kept by every write of a mark), never from a copy of a person.

CREATE TABLE activities (
	id              INTEGER PRIMARY KEY,
	kind            TEXT NOT NULL,              -- training, workshop, networking, advocacy, local_admin, sharek, other
	title           TEXT NOT NULL,
	office_id       INTEGER NOT NULL REFERENCES offices(id),
	room            TEXT NOT NULL DEFAULT '',   -- text until the workspace issue brings rooms
	facilitators    TEXT NOT NULL DEFAULT '',   -- trainers and facilitators from outside (names)
	target_group    TEXT NOT NULL DEFAULT '',
	capacity        INTEGER NOT NULL DEFAULT 0, -- 0: no limit
	threshold       INTEGER NOT NULL DEFAULT 75,-- % of the sessions attended for a certificate
	first_day       TEXT NOT NULL DEFAULT '',   -- the sessions' first and last day (kept by the session writes)
	last_day        TEXT NOT NULL DEFAULT '',
	created_by      INTEGER REFERENCES users(id),
	created_at      INTEGER NOT NULL,
	updated_at      INTEGER NOT NULL
);
CREATE INDEX activities_office_day ON activities(office_id, first_day);
CREATE INDEX activities_day ON activities(first_day);

-- The dimensions of PRODUCT.md an activity builds (fixed keys).
CREATE TABLE activity_dimensions (
	activity_id     INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
	dimension       TEXT NOT NULL,
	PRIMARY KEY (activity_id, dimension)
);

-- daam's users who train or facilitate (the per-trainer calendar).
CREATE TABLE activity_trainers (
	activity_id     INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
	user_id         INTEGER NOT NULL REFERENCES users(id),
	PRIMARY KEY (activity_id, user_id)
);
CREATE INDEX activity_trainers_user ON activity_trainers(user_id);

CREATE TABLE activity_sessions (
	id              INTEGER PRIMARY KEY,
	activity_id     INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
	day             TEXT NOT NULL,              -- YYYY-MM-DD
	start_time      TEXT NOT NULL DEFAULT '',   -- HH:MM
	end_time        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX activity_sessions_activity ON activity_sessions(activity_id, day);

-- One row per activity and person: registered, or waiting when the
-- activity was full; the attendance counters and days kept by the marks
-- (so the people reached are read from here, not from 2,000,000 marks);
-- the pre and post test scores (0–100, NULL not taken).
CREATE TABLE activity_people (
	id              INTEGER PRIMARY KEY,
	activity_id     INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
	person_id       INTEGER NOT NULL REFERENCES people(id),
	office_id       INTEGER NOT NULL REFERENCES offices(id),  -- the activity's
	status          TEXT NOT NULL DEFAULT 'registered',      -- registered, waiting, walk_in
	attended        INTEGER NOT NULL DEFAULT 0,             -- sessions marked present
	first_day       TEXT NOT NULL DEFAULT '',               -- first and last day present ('' none)
	last_day        TEXT NOT NULL DEFAULT '',
	pre_score       INTEGER,
	post_score      INTEGER,
	created_at      INTEGER NOT NULL,
	UNIQUE (activity_id, person_id)
);
CREATE INDEX activity_people_person ON activity_people(person_id);
-- the people reached in a period: those present from a day on
CREATE INDEX activity_people_reach ON activity_people(last_day, first_day, person_id, office_id, activity_id) WHERE attended > 0;

-- A person marked present at a session: one row whatever the number of
-- taps or of times an offline phone sends it (the natural key; mark_id is
-- the phone's id of its first sending, kept for the audit).
CREATE TABLE attendance (
	id              INTEGER PRIMARY KEY,
	session_id      INTEGER NOT NULL REFERENCES activity_sessions(id) ON DELETE CASCADE,
	person_id       INTEGER NOT NULL REFERENCES people(id),
	mark_id         TEXT NOT NULL DEFAULT '',
	marked_by       INTEGER REFERENCES users(id),
	marked_at       INTEGER NOT NULL,
	UNIQUE (session_id, person_id)
);
CREATE INDEX attendance_person ON attendance(person_id);

-- A certificate given: its public verification code.
CREATE TABLE certificates (
	id              INTEGER PRIMARY KEY,
	activity_id     INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
	person_id       INTEGER NOT NULL REFERENCES people(id),
	code            TEXT NOT NULL UNIQUE,
	issued_at       INTEGER NOT NULL,
	UNIQUE (activity_id, person_id)
);

-- Private calendar links: an office's or a trainer's feed; only the hash of
-- the link's secret is kept; revoked_at set: the link answers 404.
CREATE TABLE calendar_feeds (
	id              INTEGER PRIMARY KEY,
	kind            TEXT NOT NULL,              -- office, trainer
	target_id       INTEGER NOT NULL,
	token_hash      BLOB NOT NULL UNIQUE,
	created_by      INTEGER REFERENCES users(id),
	created_at      INTEGER NOT NULL,
	revoked_at      INTEGER
);

-- Who was reached at all, by office: one row per person and office with a
-- participation present at a session (kept by every write of a mark), so
-- the people reached over the whole history are read from ~200,000 rows
-- rather than every participation (src/activities/reach.c).
CREATE TABLE reach_all (
	person_id       INTEGER NOT NULL REFERENCES people(id),
	office_id       INTEGER NOT NULL REFERENCES offices(id),
	PRIMARY KEY (person_id, office_id)
);
