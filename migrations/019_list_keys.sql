-- 019: lists at scale, the remainder (src/registry/people_query.c,
-- src/registry/orgs.c; bench/results/registry.md):
-- people_gender_age counts every office's people by gender and age band
-- as an index range, where the name index read about fifteen people for
-- each match; people_gender_name gives a list filtered by gender its name
-- order directly (names sort men first, so a page of women walked tens of
-- thousands of men in people_name); gender comes first in both so that no
-- query without a gender picks them.  orgs_place and org_areas_place drive
-- the organization list filtered by a place from that place's
-- organizations and the areas they serve, instead of a test of every one.
-- places_level: the place chooser of a long list (the official list loaded)
-- reads the governorates, districts and subdistricts only.
CREATE INDEX people_gender_age ON people(gender, merged_into, birth_year);
CREATE INDEX people_gender_name ON people(gender, merged_into, name_folded, id, birth_year, office_id, place_id);
CREATE INDEX orgs_place ON orgs(place_id);
CREATE INDEX org_areas_place ON org_areas(place_id, org_id);
CREATE INDEX places_level ON places(level, id);
