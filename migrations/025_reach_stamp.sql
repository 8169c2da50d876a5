-- reach_stamp: a number that changes whenever the people reached may have
-- changed, so the start page's headline (src/activities/reach_cache.c) is
-- counted again only then.  Kept by triggers, so no write path can forget
-- it: a participation's attendance, days, office or person; a session's
-- day; a person merged or unmerged.  (A later module that adds to the
-- people reached adds its own trigger.)
CREATE TABLE reach_stamp (
	id  INTEGER PRIMARY KEY CHECK (id = 1),
	v   INTEGER NOT NULL
);
INSERT INTO reach_stamp (id, v) VALUES (1, 0);

CREATE TRIGGER reach_stamp_part_insert AFTER INSERT ON activity_people WHEN NEW.attended > 0
BEGIN UPDATE reach_stamp SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER reach_stamp_part_update AFTER UPDATE ON activity_people
WHEN OLD.attended IS NOT NEW.attended OR OLD.first_day IS NOT NEW.first_day OR OLD.last_day IS NOT NEW.last_day
	OR OLD.office_id IS NOT NEW.office_id OR OLD.person_id IS NOT NEW.person_id
BEGIN UPDATE reach_stamp SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER reach_stamp_part_delete AFTER DELETE ON activity_people WHEN OLD.attended > 0
BEGIN UPDATE reach_stamp SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER reach_stamp_session_day AFTER UPDATE OF day ON activity_sessions
BEGIN UPDATE reach_stamp SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER reach_stamp_session_delete AFTER DELETE ON activity_sessions
BEGIN UPDATE reach_stamp SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER reach_stamp_merge AFTER UPDATE OF merged_into ON people
WHEN OLD.merged_into IS NOT NEW.merged_into
BEGIN UPDATE reach_stamp SET v = v + 1 WHERE id = 1; END;
