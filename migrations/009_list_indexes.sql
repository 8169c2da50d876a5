-- 009: the people list's filters answered from indexes, not from the rows
-- (bench/results/registry.md; docs/architecture.md, "Lists at scale").
-- people_name (003) also carries the filtered columns, so a filtered page
-- or count walks the index in name order and reads a row only when it
-- matches; people_place drives a count filtered by place from that place's
-- people alone.
DROP INDEX people_name;
CREATE INDEX people_name ON people(merged_into, name_folded, id, gender, birth_year, office_id, place_id);
CREATE INDEX people_place ON people(place_id, merged_into, gender, birth_year, office_id);
-- memberships_person also carries the organization, so the officer's
-- scope ("a member of one of the office's organizations") is answered from
-- the index without reading the membership rows.
DROP INDEX memberships_person;
CREATE INDEX memberships_person ON memberships(person_id, org_id);
-- people_office also carries gender and birth year: an officer's count
-- first counts the office's own people with the filters as an index range
-- (a lower bound of what the officer sees; past a thousand it is the answer).
DROP INDEX people_office;
CREATE INDEX people_office ON people(office_id, merged_into, gender, birth_year);
