-- attendance_uploads: a typed paper attendance sheet waiting for its review
-- (src/activities/attend_import.c), as the registry's import_uploads: only
-- the user who sent it sees it, for one session, at most
-- LIMIT_IMPORT_KEEP_S; dropped when marked or discarded, and purged with
-- the registry's uploads by the retention rules.
CREATE TABLE attendance_uploads (
	id          INTEGER PRIMARY KEY,
	user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	session_id  INTEGER NOT NULL REFERENCES activity_sessions(id) ON DELETE CASCADE,
	filename    TEXT NOT NULL DEFAULT '',
	data        BLOB NOT NULL,
	created_at  INTEGER NOT NULL
);
CREATE INDEX attendance_uploads_user ON attendance_uploads(user_id);
CREATE INDEX attendance_uploads_created ON attendance_uploads(created_at);
