-- The working-day calendar (methodology §10): Kazakhstan's fixed public holidays are a rule in C,
-- the administrator's table overrides it day by day. Deadlines in working days are counted with it.

CREATE TABLE ocenka.calendar (
	day date PRIMARY KEY
		CONSTRAINT calendar_day_in_range CHECK (day BETWEEN DATE '1900-01-01' AND DATE '9999-12-31'),
	is_working boolean NOT NULL,
	reason text NOT NULL
		CONSTRAINT calendar_reason_given CHECK (btrim(reason) <> '')
);
-- the administrator's rows are data, not part of the extension: pg_dump keeps them
SELECT pg_catalog.pg_extension_config_dump('ocenka.calendar', '');
-- the functions read the table as the calling user
GRANT SELECT ON ocenka.calendar TO PUBLIC;

COMMENT ON TABLE ocenka.calendar IS
	'exceptions to the shipped working-day rule (§10), maintained by the administrator: movable holidays, day transfers, working Saturdays; a row decides its day';
COMMENT ON COLUMN ocenka.calendar.day IS 'the day the row decides, 1900-01-01 … 9999-12-31';
COMMENT ON COLUMN ocenka.calendar.is_working IS
	'true: a declared working day (such as a working Saturday); false: a day off (such as the first day of Kurban Ait or a transferred day off)';
COMMENT ON COLUMN ocenka.calendar.reason IS
	'why, for the people who read the calendar: ''Kurban Ait'', ''day off transferred from Saturday 2025-01-04''';

CREATE FUNCTION ocenka.is_working_day(day date) RETURNS boolean
	AS 'MODULE_PATHNAME', 'calendar_is_working_day' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ocenka.add_working_days(day date, n integer) RETURNS date
	AS 'MODULE_PATHNAME', 'calendar_add_working_days' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ocenka.working_days_between(a date, b date) RETURNS integer
	AS 'MODULE_PATHNAME', 'calendar_working_days_between' LANGUAGE C STABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ocenka.is_working_day(date) IS
	'true if the date is a working day: its row in ocenka.calendar, else Monday–Friday that is no fixed public holiday and no day off carried from one';
COMMENT ON FUNCTION ocenka.add_working_days(date, integer) IS
	'the n-th working day after the date (n >= 0); 0 gives the date itself if it is a working day, else the next working day';
COMMENT ON FUNCTION ocenka.working_days_between(date, date) IS
	'the number of working days d with a < d <= b; 0 when b <= a';

-- Keeps every backend's cached calendar in step with the table (see src/calendar.c).
CREATE FUNCTION ocenka.calendar_changed() RETURNS trigger
	AS 'MODULE_PATHNAME', 'calendar_changed' LANGUAGE C;
CREATE TRIGGER calendar_changed
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ocenka.calendar
	FOR EACH STATEMENT EXECUTE FUNCTION ocenka.calendar_changed();
-- also when logical replication applies a change (session_replication_role = replica)
ALTER TABLE ocenka.calendar ENABLE ALWAYS TRIGGER calendar_changed;

COMMENT ON FUNCTION ocenka.calendar_changed() IS
	'trigger function: drops the cached working-day calendar of this backend and, once committed, of every other';
COMMENT ON TRIGGER calendar_changed ON ocenka.calendar IS
	'drops the cached working-day calendars when the table changes';
