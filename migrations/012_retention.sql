-- 012: retention and erasure.  A person anonymized (by the retention
-- purge, or erased on their own request) keeps what the counts need —
-- gender, birth year, place, office, memberships, displacement, education,
-- disability — and loses their name, phones and the copies a merge kept
-- for its undo; anonymized_at says when (NULL: a person as registered).
-- The retention periods themselves are rows of settings ('retention.…').
ALTER TABLE people ADD COLUMN anonymized_at INTEGER;
-- Anonymizing a person finds the merges and the duplicate suggestions they
-- are in by these (a purge anonymizes thousands at once).
CREATE INDEX person_merges_kept ON person_merges(kept_id);
CREATE INDEX person_merges_merged ON person_merges(merged_id);
CREATE INDEX dup_candidates_b ON dup_candidates(b);
-- A person's own data lists the memberships added for them: those audit
-- entries name the person in their detail ("person=ID").
CREATE INDEX audit_add_member ON audit_log(detail) WHERE action = 'add_member';
