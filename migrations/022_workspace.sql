-- 022 workspace (issue 12): the rooms and equipment each office lends,
-- the bookings of them, their equipment, the monthly quotas of hours of
-- partner organizations and the notifications of decisions.
--
-- Times are text in Syria's local time: a booking's start_at and end_at are
-- 'YYYY-MM-DDTHH:MM' (so text order is time order, and a booking lies
-- within one day); a room's opens and closes are 'HH:MM'.  Two bookings
-- overlap when a.start_at < b.end_at AND b.start_at < a.end_at (touching
-- ends do not).  A slot of a room is taken by an APPROVED booking only:
-- requests may overlap each other; approving one checks again, inside the
-- same write transaction, that no approved booking overlaps it.
--
-- status: requested, approved, refused, cancelled.
-- requester_kind: staff (daam's users for the office), partner (a partner
-- organization, org_id set), initiative and individual (the public form,
-- public_* set), center (an activity of the center, activity_id set).
-- Hours of use: (julianday(end_at) - julianday(start_at)) * 24.

CREATE TABLE rooms (
	id              INTEGER PRIMARY KEY,
	office_id       INTEGER NOT NULL REFERENCES offices(id),
	name            TEXT NOT NULL,
	capacity        INTEGER NOT NULL DEFAULT 0,       -- people; 0 not said
	opens           TEXT NOT NULL DEFAULT '08:00',    -- HH:MM
	closes          TEXT NOT NULL DEFAULT '16:00',    -- HH:MM, after opens
	closed_days     TEXT NOT NULL DEFAULT '5',        -- weekdays closed, digits 0 (Sunday) … 6 (Saturday)
	active          INTEGER NOT NULL DEFAULT 1,       -- 0: deactivated (kept for its bookings)
	created_at      INTEGER NOT NULL
);
CREATE INDEX rooms_office ON rooms(office_id, active, name);

-- Items lent with a room or alone; count is how many the office has.
CREATE TABLE equipment (
	id              INTEGER PRIMARY KEY,
	office_id       INTEGER NOT NULL REFERENCES offices(id),
	name            TEXT NOT NULL,
	count           INTEGER NOT NULL DEFAULT 1,
	active          INTEGER NOT NULL DEFAULT 1,
	created_at      INTEGER NOT NULL
);
CREATE INDEX equipment_office ON equipment(office_id, active, name);

-- A recurring booking's rule; its occurrences are bookings with series_id.
CREATE TABLE booking_series (
	id              INTEGER PRIMARY KEY,
	freq            TEXT NOT NULL,                    -- daily, weekly
	until_day       TEXT NOT NULL DEFAULT '',         -- YYYY-MM-DD or ''
	times           INTEGER NOT NULL DEFAULT 0,       -- N occurrences or 0
	created_by      INTEGER REFERENCES users(id),
	created_at      INTEGER NOT NULL
);

CREATE TABLE bookings (
	id              INTEGER PRIMARY KEY,
	room_id         INTEGER REFERENCES rooms(id),     -- NULL: equipment alone
	office_id       INTEGER NOT NULL REFERENCES offices(id),
	start_at        TEXT NOT NULL,                    -- YYYY-MM-DDTHH:MM local
	end_at          TEXT NOT NULL,                    -- same day, after start_at
	status          TEXT NOT NULL DEFAULT 'requested',-- requested, approved, refused, cancelled
	purpose         TEXT NOT NULL DEFAULT '',
	attendees       INTEGER NOT NULL DEFAULT 0,
	requester_kind  TEXT NOT NULL DEFAULT 'staff',    -- staff, partner, initiative, individual, center
	org_id          INTEGER REFERENCES orgs(id),      -- partner requests
	activity_id     INTEGER REFERENCES activities(id),-- the activity it serves
	person_id       INTEGER REFERENCES people(id),    -- a registry person linked by staff, else NULL
	public_name     TEXT NOT NULL DEFAULT '',         -- the public form's requester
	public_phone    TEXT NOT NULL DEFAULT '',
	public_initiative TEXT NOT NULL DEFAULT '',
	public_token_hash BLOB UNIQUE,                    -- BLAKE2b of the status page's secret (public form)
	series_id       INTEGER REFERENCES booking_series(id),
	refusal_reason  TEXT NOT NULL DEFAULT '',
	created_by      INTEGER REFERENCES users(id),     -- NULL: the public form
	created_at      INTEGER NOT NULL,
	decided_by      INTEGER REFERENCES users(id),
	decided_at      INTEGER,
	cancelled_by    INTEGER REFERENCES users(id),
	cancelled_at    INTEGER
);
CREATE INDEX bookings_room ON bookings(room_id, start_at);
CREATE INDEX bookings_office ON bookings(office_id, start_at);
CREATE INDEX bookings_org ON bookings(org_id, start_at) WHERE org_id IS NOT NULL;
CREATE INDEX bookings_series ON bookings(series_id) WHERE series_id IS NOT NULL;
CREATE INDEX bookings_pending ON bookings(office_id, created_at) WHERE status = 'requested';

CREATE TABLE booking_equipment (
	booking_id      INTEGER NOT NULL REFERENCES bookings(id) ON DELETE CASCADE,
	equipment_id    INTEGER NOT NULL REFERENCES equipment(id),
	count           INTEGER NOT NULL DEFAULT 1,
	PRIMARY KEY (booking_id, equipment_id)
);
CREATE INDEX booking_equipment_item ON booking_equipment(equipment_id);

-- Hours a partner organization may book in a calendar month (requested
-- and approved bookings count); no row: no limit.
CREATE TABLE booking_quotas (
	org_id          INTEGER PRIMARY KEY REFERENCES orgs(id),
	hours           INTEGER NOT NULL,
	updated_by      INTEGER REFERENCES users(id),
	updated_at      INTEGER NOT NULL
);

-- Notifications inside daam: a decision on a user's request (kind
-- approved / refused / cancelled) or a new request for a coordinator (new).
CREATE TABLE booking_notices (
	id              INTEGER PRIMARY KEY,
	user_id         INTEGER NOT NULL REFERENCES users(id),
	booking_id      INTEGER NOT NULL REFERENCES bookings(id) ON DELETE CASCADE,
	kind            TEXT NOT NULL,
	created_at      INTEGER NOT NULL,
	read_at         INTEGER
);
CREATE INDEX booking_notices_user ON booking_notices(user_id, read_at, id);

-- The people reached by the rooms (read by the activities' counts):
-- approved bookings with a registry person, on the day they start.
CREATE VIEW reach_bookings AS
	SELECT person_id, office_id, substr(start_at, 1, 10) AS day FROM bookings
	WHERE status = 'approved' AND person_id IS NOT NULL;
