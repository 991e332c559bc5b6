-- Rules: the methodologies as data, the forms, eligibility, today, capacities (methodology §3–§7).

CREATE TABLE ocenka.methodology (
	code text PRIMARY KEY,
	title text NOT NULL,
	seed text NOT NULL,
	in_force_from date NOT NULL,
	in_force_until date,
	evaluation_period text NOT NULL CHECK (evaluation_period IN ('quarter', 'year')),
	quarter_deadline_day smallint CHECK (quarter_deadline_day BETWEEN 1 AND 28),
	annual_rule text NOT NULL CHECK (annual_rule IN ('mean_of_quarters', 'kpi_count')),
	annual_deadline_day smallint CHECK (annual_deadline_day BETWEEN 1 AND 31),
	head_form text,
	employee_form text,
	kpi_min smallint CHECK (kpi_min BETWEEN 1 AND 5),
	kpi_max smallint CHECK (kpi_max BETWEEN 1 AND 5),
	kpi_min_months_before_year_end smallint NOT NULL DEFAULT 0,
	min_months smallint NOT NULL CHECK (min_months BETWEEN 0 AND 12),
	min_worked_days smallint NOT NULL DEFAULT 0 CHECK (min_worked_days >= 0),
	probation_excludes boolean NOT NULL DEFAULT false,
	tenure_after_leave boolean NOT NULL DEFAULT false,
	penalty_cap boolean NOT NULL DEFAULT false,
	survey_360 boolean NOT NULL DEFAULT false,
	survey_deadline_day smallint CHECK (survey_deadline_day BETWEEN 1 AND 31),
	builtin boolean NOT NULL DEFAULT false,
	CHECK (evaluation_period = 'year' OR (quarter_deadline_day IS NOT NULL AND head_form IS NOT NULL
	                                      AND employee_form IS NOT NULL)),
	CHECK (kpi_min <= kpi_max),
	CHECK (in_force_until IS NULL OR in_force_until >= in_force_from)
);
COMMENT ON TABLE ocenka.methodology IS 'the evaluation methodologies ocenka can run, one row per act or edition (methodology.md); builtin rows ship with the extension, administrators may add editions';
COMMENT ON COLUMN ocenka.methodology.code IS 'short code used everywhere, e.g. typical-2023';
COMMENT ON COLUMN ocenka.methodology.title IS 'the act and its edition';
COMMENT ON COLUMN ocenka.methodology.seed IS 'the source text the rules were read from';
COMMENT ON COLUMN ocenka.methodology.in_force_from IS 'first day the act applies';
COMMENT ON COLUMN ocenka.methodology.in_force_until IS 'last day the act applies; NULL while in force';
COMMENT ON COLUMN ocenka.methodology.evaluation_period IS 'quarter: KPI and ranking each quarter; year: annual evaluation only';
COMMENT ON COLUMN ocenka.methodology.quarter_deadline_day IS 'the day of the month after the quarter by which the quarter is evaluated (10 or 20, §5)';
COMMENT ON COLUMN ocenka.methodology.annual_rule IS 'mean_of_quarters (§5) or kpi_count (§7)';
COMMENT ON COLUMN ocenka.methodology.annual_deadline_day IS 'the day of January after the year by which the annual grade is formed (wko-2026: 30)';
COMMENT ON COLUMN ocenka.methodology.head_form IS 'the sheet form of heads: kpi (typical-2023) or wko-leadership (wko-2026)';
COMMENT ON COLUMN ocenka.methodology.employee_form IS 'the sheet form of other employees: typical-ranking or wko-non-leadership';
COMMENT ON COLUMN ocenka.methodology.kpi_min IS 'fewest KPIs a plan may hold (3 for typical-2023, 5 for akmola-2018)';
COMMENT ON COLUMN ocenka.methodology.kpi_max IS 'most KPIs a plan may hold (5)';
COMMENT ON COLUMN ocenka.methodology.kpi_min_months_before_year_end IS 'no KPIs are set when fewer calendar months than this remain from appointment to 31 December (typical-2023 ¶22: 3)';
COMMENT ON COLUMN ocenka.methodology.min_months IS 'calendar months in the position within the period below which a person is not evaluated (§6)';
COMMENT ON COLUMN ocenka.methodology.min_worked_days IS 'actually worked working days the period must include (wko-2026 ¶5: 15)';
COMMENT ON COLUMN ocenka.methodology.probation_excludes IS 'whether a person on probation is not evaluated (akmola-2018 ¶4)';
COMMENT ON COLUMN ocenka.methodology.tenure_after_leave IS 'whether time in the position counts again from the return from social leave or study (akmola-2018 ¶4)';
COMMENT ON COLUMN ocenka.methodology.penalty_cap IS 'whether a disciplinary penalty in the quarter caps the sheet score (wko-2026, §4b)';
COMMENT ON COLUMN ocenka.methodology.survey_360 IS 'whether the 360 method runs once a year (typical-2023, §8a)';
COMMENT ON COLUMN ocenka.methodology.survey_deadline_day IS 'the day of January after the year by which the 360 evaluation is done (typical-2023 ¶4: 10)';
COMMENT ON COLUMN ocenka.methodology.builtin IS 'true for the rows shipped with the extension (pg_dump keeps only the others)';

INSERT INTO ocenka.methodology (code, title, seed, in_force_from, in_force_until, evaluation_period,
	quarter_deadline_day, annual_rule, annual_deadline_day, head_form, employee_form, kpi_min, kpi_max,
	kpi_min_months_before_year_end, min_months, min_worked_days, probation_excludes, tenure_after_leave,
	penalty_cap, survey_360, survey_deadline_day, builtin)
VALUES
	('typical-2023', 'Bokey Orda district akimat resolution No 51 of 03.04.2018, edition of 03.08.2023 No 84 (chapters 1–5); Alatau city maslikhat decision No 10-27 of 22.10.2024',
	 '000_91914844952f5b46.txt, 004_ec6c3b80786ba2fe.txt', '2023-08-03', NULL, 'quarter',
	 10, 'mean_of_quarters', NULL, 'kpi', 'typical-ranking', 3, 5, 3, 1, 0, false, false, false, true, 10, true),
	('wko-2026', 'West Kazakhstan oblast akimat resolution No 53 of 15.03.2018, edition of 05.05.2026 No 107',
	 '002_cb6464f9152e2bf0.txt', '2026-05-05', NULL, 'quarter',
	 20, 'mean_of_quarters', 30, 'wko-leadership', 'wko-non-leadership', NULL, NULL, 0, 1, 15, false, false, true, false, NULL, true),
	('akmola-2018', 'Akmola oblast maslikhat decision No 6С-19-24 of 16.03.2018',
	 '001_64b1b30edae2a36e.txt', '2018-04-04', '2022-03-15', 'year',
	 NULL, 'kpi_count', NULL, NULL, NULL, 5, 5, 0, 3, 0, true, true, false, false, NULL, true),
	('vsk-2018', 'Supreme Judicial Council apparatus order No 2-4/26 of 12.07.2018 amending order No 3-4/14',
	 '003_a3d2d5412e1a2149.txt', '2018-07-26', NULL, 'year',
	 NULL, 'kpi_count', NULL, NULL, NULL, 5, 5, 0, 3, 0, true, true, false, false, NULL, true),
	('legacy-2021', 'Bokey Orda district akimat resolution No 51, chapter 6 (periods 2021-07-01 … 2022-12-31)',
	 '000_91914844952f5b46.txt', '2021-07-01', '2023-08-31', 'year',
	 NULL, 'kpi_count', NULL, NULL, NULL, 5, 5, 0, 1, 0, false, false, false, false, NULL, true);
SELECT pg_catalog.pg_extension_config_dump('ocenka.methodology', 'WHERE NOT builtin');

-- the ranking forms live in C (a CHECK constraint on items calls parameter_in_form); this view shows them
CREATE FUNCTION ocenka.parameter_in_form(form text, no integer) RETURNS boolean
	AS 'MODULE_PATHNAME', 'parameter_in_form' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- the items' CHECK constraints are small calls on their own columns: PostgreSQL reads a table's CHECK
-- constraints anew for every statement, and a one-row INSERT pays for every node of them
CREATE FUNCTION ocenka.parameter_in_form(form text, no smallint) RETURNS boolean
	AS 'MODULE_PATHNAME', 'parameter_in_form_int2' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ocenka.kpi_item_fields_ok(form text, kpi_id bigint, percent numeric) RETURNS boolean
	AS 'MODULE_PATHNAME', 'kpi_item_fields_ok' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION ocenka.form_parameters(OUT form text, OUT no smallint, OUT code text, OUT name_kk text,
                                       OUT name_ru text, OUT name_en text, OUT source text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'form_parameters' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 14;
CREATE VIEW ocenka.form_parameter AS SELECT * FROM ocenka.form_parameters();
COMMENT ON FUNCTION ocenka.parameter_in_form(text, integer) IS 'whether a sheet of the form has item number no: 1–4 typical-ranking, 1–5 wko forms, 1–5 KPIs';
COMMENT ON FUNCTION ocenka.parameter_in_form(text, smallint) IS 'parameter_in_form for a smallint item number (the CHECK on ocenka.item.no)';
COMMENT ON FUNCTION ocenka.kpi_item_fields_ok(text, bigint, numeric) IS 'whether an item names its KPI and its percentage exactly when its form is kpi, and neither otherwise (methodology §3); NULL without a form';
COMMENT ON FUNCTION ocenka.form_parameters() IS 'the parameters of the ranking forms, from the seeds'' appendices';
COMMENT ON VIEW ocenka.form_parameter IS 'the parameters of each ranking form with their kk/ru/en names (kk is NULL where the seed has no kk text)';
COMMENT ON COLUMN ocenka.form_parameter.form IS 'the ranking form: typical-ranking, wko-leadership or wko-non-leadership';
COMMENT ON COLUMN ocenka.form_parameter.no IS 'the parameter''s number on the form (an item''s no)';
COMMENT ON COLUMN ocenka.form_parameter.code IS 'the parameter''s code (quality, deadlines, initiative, discipline, no_penalties …)';
COMMENT ON COLUMN ocenka.form_parameter.name_kk IS 'its name in Kazakh as the seed words it; NULL where the seed has no Kazakh text';
COMMENT ON COLUMN ocenka.form_parameter.name_ru IS 'its name in Russian as the seed words it';
COMMENT ON COLUMN ocenka.form_parameter.name_en IS 'its name in English (our translation)';
COMMENT ON COLUMN ocenka.form_parameter.source IS 'the seed and appendix the wording comes from';
GRANT SELECT ON ocenka.form_parameter TO PUBLIC;

-- eligibility (§6) from a position's dates, as a pure function the store's queries call
CREATE FUNCTION ocenka.ineligibility(min_months integer, min_worked_days integer, probation_excludes boolean,
                                     position_start date, position_end date, probation_until date,
                                     worked_days integer)
	RETURNS text
	AS 'MODULE_PATHNAME', 'ineligibility' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION ocenka.ineligibility(integer, integer, boolean, date, date, date, integer) IS 'why a person is not evaluated for a period (not_in_position, tenure, probation, worked_days), or NULL if they are (methodology §6)';
CREATE FUNCTION ocenka.add_months(date, integer) RETURNS date
	AS 'MODULE_PATHNAME', 'add_months' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ocenka.add_months(date, integer) IS 'the same day n calendar months later, clamped to the end of the month';

CREATE TABLE ocenka.ineligibility_reason (
	code text PRIMARY KEY,
	description text NOT NULL,
	basis text NOT NULL
);
COMMENT ON TABLE ocenka.ineligibility_reason IS 'why a person is not evaluated: the codes ineligibility() and the close procedures use';
COMMENT ON COLUMN ocenka.ineligibility_reason.code IS 'reason code';
COMMENT ON COLUMN ocenka.ineligibility_reason.description IS 'what it means';
COMMENT ON COLUMN ocenka.ineligibility_reason.basis IS 'the methodology paragraph it applies';
INSERT INTO ocenka.ineligibility_reason VALUES
	('not_in_position', 'did not hold a position in the body during the period', 'methodology §6'),
	('tenure', 'less time in the position within the period than the methodology requires (1 month; 3 months for akmola-2018)', 'methodology §6: typical-2023 ¶5, wko-2026 ¶5, akmola-2018 ¶4'),
	('probation', 'on probation at the end of the period', 'methodology §6: akmola-2018 ¶4'),
	('worked_days', 'fewer than 15 actually worked working days in the period', 'methodology §6: wko-2026 ¶5'),
	('no_kpi', 'a head appointed less than 3 months before 31 December gets no KPIs that year', 'methodology §6: typical-2023 ¶22'),
	('legacy_2021', 'on social leave or temporarily unable to work during 2021-07-01 … 2022-12-31: evaluated for the year by the KPI count of legacy-2021, not quarterly', 'methodology §7: seed 000 ch. 6 ¶48–49');
GRANT SELECT ON ocenka.ineligibility_reason TO PUBLIC;

-- "today", which tests and the demo may fix (superuser-only setting ocenka.today)
CREATE FUNCTION ocenka.today() RETURNS date
	AS 'MODULE_PATHNAME', 'today' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION ocenka.today() IS 'the date deadlines and retention are measured against: current_date, or the superuser-only setting ocenka.today';

-- deadlines (§5): calendar dates
CREATE FUNCTION ocenka.quarter_deadline(q ocenka.quarter, deadline_day integer) RETURNS date
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN ocenka.last_day(q) + deadline_day;
COMMENT ON FUNCTION ocenka.quarter_deadline(ocenka.quarter, integer) IS 'the given day of the month after the quarter: the last day its evaluation may be entered (methodology §5)';

-- who may do what beyond ordinary entry: HR (late entry) and administrators (historical load)
CREATE TABLE ocenka.staff_capacity (
	grantee regrole NOT NULL,
	capacity text NOT NULL CHECK (capacity IN ('hr', 'admin', 'records', 'auditor', 'disclosure')),
	PRIMARY KEY (grantee, capacity)
);
COMMENT ON TABLE ocenka.staff_capacity IS 'database roles acting as HR service, administrator, records keeper, auditor or disclosing official; members of the role have the capacity';
COMMENT ON COLUMN ocenka.staff_capacity.grantee IS 'a role; its members have the capacity';
COMMENT ON COLUMN ocenka.staff_capacity.capacity IS 'hr (HR service: late entry, sees and keeps every evaluation), admin (historical load, closes, purge, every row), records (keys in and keeps the evaluation records: sees them, no late entry), auditor (reads the audit log), disclosure (opens one result for service necessity with a legal ground)';
SELECT pg_catalog.pg_extension_config_dump('ocenka.staff_capacity', '');
GRANT SELECT ON ocenka.staff_capacity TO PUBLIC;

CREATE FUNCTION ocenka.has_capacity(capacity text, role name DEFAULT current_user) RETURNS boolean
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	BEGIN ATOMIC
		SELECT EXISTS (SELECT FROM pg_catalog.pg_roles r WHERE r.rolname = has_capacity.role AND r.rolsuper)
		    OR EXISTS (SELECT FROM ocenka.staff_capacity c
		               WHERE c.capacity = has_capacity.capacity
		                 AND pg_catalog.pg_has_role(has_capacity.role, c.grantee::oid, 'MEMBER'));
	END;
COMMENT ON FUNCTION ocenka.has_capacity(text, name) IS 'whether a role (default: the current user) is a superuser or a member of a role with the capacity';

CREATE FUNCTION ocenka.entry_mode() RETURNS text
	AS 'MODULE_PATHNAME', 'entry_mode' LANGUAGE C VOLATILE PARALLEL RESTRICTED;
CREATE FUNCTION ocenka.entry_reason() RETURNS text
	AS 'MODULE_PATHNAME', 'entry_reason' LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION ocenka.entry_mode() IS 'normal, late_entry, historical_load or purge: how this transaction may enter data';
COMMENT ON FUNCTION ocenka.entry_reason() IS 'the reason recorded for late entry, historical load or purge in this transaction';
