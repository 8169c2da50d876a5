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

-- room_use_months: the use of the rooms (src/workspace/use_report.c) by
-- month, office, room (0: equipment alone) and kind of requester — the
-- approved bookings' count and minutes, kept by the triggers below on
-- every write of a booking, so a report over years reads a few thousand
-- rows instead of every booking.
CREATE TABLE room_use_months (
	month       TEXT NOT NULL,                  -- YYYY-MM of the start
	office_id   INTEGER NOT NULL,
	room_id     INTEGER NOT NULL,               -- 0: equipment alone
	kind        TEXT NOT NULL,                  -- bookings.requester_kind
	minutes     INTEGER NOT NULL DEFAULT 0,
	bookings    INTEGER NOT NULL DEFAULT 0,
	UNIQUE (month, office_id, room_id, kind)
);
INSERT INTO room_use_months (month, office_id, room_id, kind, minutes, bookings)
	SELECT substr(start_at, 1, 7), office_id, coalesce(room_id, 0), requester_kind,
	       sum(CAST(round((julianday(end_at) - julianday(start_at)) * 1440) AS INTEGER)), count(*)
	FROM bookings WHERE status = 'approved' GROUP BY 1, 2, 3, 4;

CREATE TRIGGER room_use_insert AFTER INSERT ON bookings WHEN NEW.status = 'approved'
BEGIN
	INSERT INTO room_use_months (month, office_id, room_id, kind, minutes, bookings)
	VALUES (substr(NEW.start_at, 1, 7), NEW.office_id, coalesce(NEW.room_id, 0), NEW.requester_kind,
		CAST(round((julianday(NEW.end_at) - julianday(NEW.start_at)) * 1440) AS INTEGER), 1)
	ON CONFLICT (month, office_id, room_id, kind)
	DO UPDATE SET minutes = minutes + excluded.minutes, bookings = bookings + 1;
END;
CREATE TRIGGER room_use_update AFTER UPDATE ON bookings WHEN OLD.status = 'approved' OR NEW.status = 'approved'
BEGIN
	UPDATE room_use_months
	SET minutes = minutes - CAST(round((julianday(OLD.end_at) - julianday(OLD.start_at)) * 1440) AS INTEGER),
	    bookings = bookings - 1
	WHERE OLD.status = 'approved' AND month = substr(OLD.start_at, 1, 7) AND office_id = OLD.office_id
	      AND room_id = coalesce(OLD.room_id, 0) AND kind = OLD.requester_kind;
	INSERT INTO room_use_months (month, office_id, room_id, kind, minutes, bookings)
	SELECT substr(NEW.start_at, 1, 7), NEW.office_id, coalesce(NEW.room_id, 0), NEW.requester_kind,
	       CAST(round((julianday(NEW.end_at) - julianday(NEW.start_at)) * 1440) AS INTEGER), 1
	WHERE NEW.status = 'approved'
	ON CONFLICT (month, office_id, room_id, kind)
	DO UPDATE SET minutes = minutes + excluded.minutes, bookings = bookings + 1;
END;
CREATE TRIGGER room_use_delete AFTER DELETE ON bookings WHEN OLD.status = 'approved'
BEGIN
	UPDATE room_use_months
	SET minutes = minutes - CAST(round((julianday(OLD.end_at) - julianday(OLD.start_at)) * 1440) AS INTEGER),
	    bookings = bookings - 1
	WHERE month = substr(OLD.start_at, 1, 7) AND office_id = OLD.office_id
	      AND room_id = coalesce(OLD.room_id, 0) AND kind = OLD.requester_kind;
END;

-- The week and day views read an office's (or every office's) bookings by
-- their start (a booking lies within one day).
CREATE INDEX bookings_start ON bookings(start_at);
