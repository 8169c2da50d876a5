-- 011: the second factor (src/auth/mfa.c, src/auth/totp.c).
-- A user's TOTP secret (RFC 6238: 30 s, 6 digits, HMAC-SHA-1), the last
-- time step a code was accepted for (a code is taken once), ten single-use
-- recovery codes stored hashed, and the short-lived step between the right
-- password and the code (bound to the browser by a cookie whose hash is
-- kept here).  The secret is kept as is: the server must read it to check a
-- code (docs/admin-guide.md, "Second factor", says why it is not encrypted
-- with a key kept beside it); it is never shown again after enrolment and
-- never logged.

CREATE TABLE second_factor (
	user_id       INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
	secret        BLOB NOT NULL,          -- 20 random bytes
	created_at    INTEGER NOT NULL,
	confirmed_at  INTEGER,                -- NULL: enrolment begun, first code not given yet
	last_step     INTEGER NOT NULL DEFAULT 0  -- codes of this step and earlier are refused
);

CREATE TABLE recovery_codes (
	id          INTEGER PRIMARY KEY,
	user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	code_hash   BLOB NOT NULL,            -- BLAKE2b of the user id and the code
	used_at     INTEGER                   -- NULL: still usable
);
CREATE INDEX recovery_codes_user ON recovery_codes(user_id);

CREATE TABLE signin_pending (
	id          INTEGER PRIMARY KEY,
	token_hash  BLOB NOT NULL UNIQUE,
	user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	created_at  INTEGER NOT NULL,
	tries       INTEGER NOT NULL DEFAULT 0,  -- wrong codes given in this step
	keep        INTEGER NOT NULL DEFAULT 0,  -- "keep me signed in" was ticked
	next        TEXT NOT NULL DEFAULT '/'
);
