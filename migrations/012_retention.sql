-- 012: retention and erasure.  A person anonymized (by the retention
-- purge, or erased on their own request) keeps what the counts need —
-- gender, birth year, place, office, memberships, displacement, education,
-- disability — and loses their name, phones and the copies a merge kept
-- for its undo; anonymized_at says when (NULL: a person as registered).
-- The retention periods themselves are rows of settings ('retention.…').
ALTER TABLE people ADD COLUMN anonymized_at INTEGER;
