-- The room bookings in the people reached (src/activities/reach.c): the
-- view reach_bookings (022) read by day, and reach_stamp (025) changed when
-- a booking that counts is made, approved, cancelled, moved or linked to
-- another person.
CREATE INDEX bookings_reach ON bookings(substr(start_at, 1, 10))
	WHERE status = 'approved' AND person_id IS NOT NULL;

CREATE TRIGGER reach_stamp_booking_insert AFTER INSERT ON bookings
WHEN NEW.status = 'approved' AND NEW.person_id IS NOT NULL
BEGIN UPDATE reach_stamp SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER reach_stamp_booking_update AFTER UPDATE ON bookings
WHEN (OLD.status = 'approved' AND OLD.person_id IS NOT NULL) OR (NEW.status = 'approved' AND NEW.person_id IS NOT NULL)
BEGIN UPDATE reach_stamp SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER reach_stamp_booking_delete AFTER DELETE ON bookings
WHEN OLD.status = 'approved' AND OLD.person_id IS NOT NULL
BEGIN UPDATE reach_stamp SET v = v + 1 WHERE id = 1; END;
