-- 014 a merge keeps every office's view of the person (issue 9): when the
-- record merged away belonged to another office than the kept one, the
-- kept record is linked to that office too, so its staff still see the
-- person (PERSON_VISIBLE, src/registry/scope_sql.h).  merge_id: the merge
-- that made the link, which its undo takes away.
CREATE TABLE person_offices (
	person_id   INTEGER NOT NULL REFERENCES people(id),
	office_id   INTEGER NOT NULL REFERENCES offices(id),
	merge_id    INTEGER REFERENCES person_merges(id),
	PRIMARY KEY (person_id, office_id)
);
CREATE INDEX person_offices_merge ON person_offices(merge_id);
