-- 006: how many people are registered (merged records not counted), kept by
-- triggers in the same transaction as the change, so the start page and the
-- unfiltered people list do not count 200,000 rows on every view.
CREATE TABLE counts (
	name  TEXT PRIMARY KEY,
	n     INTEGER NOT NULL
);
INSERT INTO counts (name, n) SELECT 'people', count(*) FROM people WHERE merged_into IS NULL;
INSERT INTO counts (name, n) SELECT 'orgs', count(*) FROM orgs;

CREATE TRIGGER counts_people_insert AFTER INSERT ON people WHEN NEW.merged_into IS NULL
BEGIN UPDATE counts SET n = n + 1 WHERE name = 'people'; END;
CREATE TRIGGER counts_people_merge AFTER UPDATE OF merged_into ON people
	WHEN OLD.merged_into IS NULL AND NEW.merged_into IS NOT NULL
BEGIN UPDATE counts SET n = n - 1 WHERE name = 'people'; END;
CREATE TRIGGER counts_people_delete AFTER DELETE ON people WHEN OLD.merged_into IS NULL
BEGIN UPDATE counts SET n = n - 1 WHERE name = 'people'; END;
CREATE TRIGGER counts_orgs_insert AFTER INSERT ON orgs
BEGIN UPDATE counts SET n = n + 1 WHERE name = 'orgs'; END;
CREATE TRIGGER counts_orgs_delete AFTER DELETE ON orgs
BEGIN UPDATE counts SET n = n - 1 WHERE name = 'orgs'; END;
