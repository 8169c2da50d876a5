-- 006: what a merge of two people changed, kept so the merge can be undone
-- for a while (src/registry/merge.c, 7 days): the kept record's fields as
-- they were, the merged record's last change, and every row the merge
-- moved, dropped or re-pointed.  Written in the merge's own transaction;
-- an undo puts all of it back and deletes it, an expired one is deleted by
-- the next merge.

CREATE TABLE merge_undo (
	merge_id        INTEGER PRIMARY KEY REFERENCES person_merges(id),
	until           INTEGER NOT NULL,       -- the undo is offered before this time
	kept_updated    INTEGER NOT NULL,       -- the kept record's updated_at set by the merge: a later change blocks the undo
	gone_updated    INTEGER NOT NULL,       -- the merged record's updated_at before the merge
	-- the kept record before the merge
	name_ar         TEXT NOT NULL,
	name_latin      TEXT NOT NULL,
	name_folded     TEXT NOT NULL,
	name_key        TEXT NOT NULL,
	gender          TEXT NOT NULL,
	birth_year      INTEGER,
	place_id        INTEGER,
	displacement    TEXT NOT NULL,
	disability      INTEGER,                -- NULL: not recorded (migration 006)
	education       TEXT NOT NULL,
	consent_date    TEXT NOT NULL,
	consent_purpose TEXT NOT NULL,
	consent_by      INTEGER,
	updated_at      INTEGER NOT NULL
);
CREATE INDEX merge_undo_until ON merge_undo(until);

-- The merged record's memberships as they were (moved to the kept record,
-- or dropped when it was already a member of the organization).
CREATE TABLE merge_undo_memberships (
	merge_id    INTEGER NOT NULL REFERENCES person_merges(id),
	id          INTEGER NOT NULL,
	person_id   INTEGER NOT NULL,
	org_id      INTEGER NOT NULL,
	role        TEXT NOT NULL,
	start_date  TEXT NOT NULL,
	end_date    TEXT NOT NULL
);
CREATE INDEX merge_undo_memberships_merge ON merge_undo_memberships(merge_id);

-- Both records' phones as they were.
CREATE TABLE merge_undo_phones (
	merge_id    INTEGER NOT NULL REFERENCES person_merges(id),
	id          INTEGER NOT NULL,
	person_id   INTEGER NOT NULL,
	phone       TEXT NOT NULL,
	phone_norm  TEXT NOT NULL
);
CREATE INDEX merge_undo_phones_merge ON merge_undo_phones(merge_id);

-- Records merged earlier into the merged one, re-pointed to the kept one.
CREATE TABLE merge_undo_people (
	merge_id    INTEGER NOT NULL REFERENCES person_merges(id),
	person_id   INTEGER NOT NULL
);
CREATE INDEX merge_undo_people_merge ON merge_undo_people(merge_id);

-- Pairs of possible duplicates with the merged record, dropped from the review.
CREATE TABLE merge_undo_pairs (
	merge_id    INTEGER NOT NULL REFERENCES person_merges(id),
	a           INTEGER NOT NULL,
	b           INTEGER NOT NULL,
	score       REAL NOT NULL,
	name_score  REAL NOT NULL,
	same_phone  INTEGER NOT NULL
);
CREATE INDEX merge_undo_pairs_merge ON merge_undo_pairs(merge_id);
