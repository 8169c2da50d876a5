-- 004: candidate duplicate pairs, recomputed by `daam dedup` or the
-- duplicates page; settings (the key of pseudonymous export codes).
CREATE TABLE dup_candidates (
	a           INTEGER NOT NULL REFERENCES people(id),
	b           INTEGER NOT NULL REFERENCES people(id),
	score       REAL NOT NULL,
	name_score  REAL NOT NULL,
	same_phone  INTEGER NOT NULL,
	PRIMARY KEY (a, b)
);
CREATE INDEX dup_candidates_score ON dup_candidates(score DESC);

CREATE TABLE settings (
	key         TEXT PRIMARY KEY,
	value       TEXT NOT NULL
);
