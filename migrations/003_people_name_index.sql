-- 003: lists are ordered by name (folded, so أ/ا/آ and ة/ه sort together);
-- these indexes give the first page without sorting 200,000 rows
-- (merged_into IS NULL is part of every people query).
CREATE INDEX people_name ON people(merged_into, name_folded, id);
CREATE INDEX orgs_name ON orgs(name_ar, id);
