-- 005: CSV files uploaded for import, kept between the upload and the
-- commit (the column-mapping step).  Only the user who uploaded a file sees
-- it; it is deleted once imported, and after one day otherwise.
CREATE TABLE import_uploads (
	id          INTEGER PRIMARY KEY,
	user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	kind        TEXT NOT NULL CHECK (kind IN ('people', 'orgs')),
	filename    TEXT NOT NULL DEFAULT '',
	data        BLOB NOT NULL,
	created_at  INTEGER NOT NULL
);
CREATE INDEX import_uploads_user ON import_uploads(user_id);
CREATE INDEX import_uploads_created ON import_uploads(created_at);
