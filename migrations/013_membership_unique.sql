-- 013 one membership per person and organization: adding the same person
-- to the same organization twice made two identical rows (issue 9).  Rows
-- that are already doubled keep the first (lowest id), then a unique index
-- holds the rule for every writer (the member form, imports, merges).
DELETE FROM memberships WHERE id NOT IN (SELECT min(id) FROM memberships GROUP BY person_id, org_id);
DROP INDEX IF EXISTS memberships_person;
CREATE UNIQUE INDEX memberships_person ON memberships(person_id, org_id);
