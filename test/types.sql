-- pgTAP: the types of api.md — objects, casts, operators, opclasses, SQLSTATEs, binary round trips.
BEGIN;
SET search_path = ocenka, public;
SELECT plan(81);

-- Binary COPY round trips need a server-side file: done as the superuser that runs the suite.
CREATE TEMP TABLE score_out AS SELECT (i::numeric / 100)::ocenka.score AS s FROM generate_series(0, 500) i;
CREATE TEMP TABLE score_back (s ocenka.score);
CREATE TEMP TABLE quarter_out AS SELECT '1900-Q1'::ocenka.quarter + i AS q FROM generate_series(0, 32399, 7) i
	UNION ALL SELECT '9999-Q4';
CREATE TEMP TABLE quarter_back (q ocenka.quarter);
CREATE TEMP TABLE copy_path AS SELECT current_setting('data_directory') || '/ocenka_types_' AS p;
DO $$
DECLARE
	p text := (SELECT p FROM copy_path);
BEGIN
	EXECUTE format('COPY score_out TO %L (FORMAT binary)', p || 'score.bin');
	EXECUTE format('COPY score_back FROM %L (FORMAT binary)', p || 'score.bin');
	EXECUTE format('COPY quarter_out TO %L (FORMAT binary)', p || 'quarter.bin');
	EXECUTE format('COPY quarter_back FROM %L (FORMAT binary)', p || 'quarter.bin');
	-- hand-made binary values the receive functions must refuse
	EXECUTE format('COPY (SELECT 501::int2) TO %L (FORMAT binary)', p || 'score501.bin');
	EXECUTE format('COPY (SELECT (-1)::int2) TO %L (FORMAT binary)', p || 'score-1.bin');
	EXECUTE format('COPY (SELECT 1::int4) TO %L (FORMAT binary)', p || 'score_wide.bin');
	EXECUTE format('COPY (SELECT %L::bytea) TO %L (FORMAT binary)', '\x07ea05', p || 'quarter5.bin');
	EXECUTE format('COPY (SELECT %L::bytea) TO %L (FORMAT binary)', '\x076b01', p || 'quarter1899.bin');
	EXECUTE format('COPY (SELECT %L::bytea) TO %L (FORMAT binary)', '\x07ea0100', p || 'quarter_long.bin');
	-- issue 14: fields too short to hold the value (lengths 0–2)
	EXECUTE format('COPY (SELECT %L::bytea) TO %L (FORMAT binary)', '\x', p || 'score_0.bin');
	EXECUTE format('COPY (SELECT %L::bytea) TO %L (FORMAT binary)', '\x01', p || 'score_1.bin');
	EXECUTE format('COPY (SELECT %L::bytea) TO %L (FORMAT binary)', '\x', p || 'quarter_0.bin');
	EXECUTE format('COPY (SELECT %L::bytea) TO %L (FORMAT binary)', '\x07', p || 'quarter_1.bin');
	EXECUTE format('COPY (SELECT %L::bytea) TO %L (FORMAT binary)', '\x07ea', p || 'quarter_2.bin');
END $$;
GRANT SELECT ON copy_path TO PUBLIC;
GRANT ALL ON score_back, quarter_back TO PUBLIC;

SELECT set_eq('SELECT s FROM score_out', 'SELECT s FROM score_back', 'binary COPY round trip of every score');
SELECT set_eq('SELECT q FROM quarter_out', 'SELECT q FROM quarter_back', 'binary COPY round trip of quarters 1900-Q1 … 9999-Q4');
SELECT throws_ok(format('COPY score_back FROM %L (FORMAT binary)', p || 'score501.bin'), '22003', NULL,
                 'binary score 501 hundredths is refused') FROM copy_path;
SELECT throws_ok(format('COPY score_back FROM %L (FORMAT binary)', p || 'score-1.bin'), '22003', NULL,
                 'binary score -1 hundredths is refused') FROM copy_path;
SELECT throws_ok(format('COPY score_back FROM %L (FORMAT binary)', p || 'score_wide.bin'), '22P03', NULL,
                 'a 4-byte binary score is refused') FROM copy_path;
SELECT throws_ok(format('COPY quarter_back FROM %L (FORMAT binary)', p || 'quarter5.bin'), '22P03', NULL,
                 'binary quarter 2026-Q5 is refused') FROM copy_path;
SELECT throws_ok(format('COPY quarter_back FROM %L (FORMAT binary)', p || 'quarter1899.bin'), '22P03', NULL,
                 'binary quarter 1899-Q1 is refused') FROM copy_path;
SELECT throws_ok(format('COPY quarter_back FROM %L (FORMAT binary)', p || 'quarter_long.bin'), '22P03', NULL,
                 'a 4-byte binary quarter is refused') FROM copy_path;
SELECT throws_ok(format('COPY score_back FROM %L (FORMAT binary)', p || 'score_' || n || '.bin'), '22P03',
                 'invalid binary score: field length ' || n || ', not 2',
                 'a ' || n || '-byte binary score is refused with 22P03') FROM copy_path, generate_series(0, 1) n;
SELECT throws_ok(format('COPY quarter_back FROM %L (FORMAT binary)', p || 'quarter_' || n || '.bin'), '22P03',
                 'invalid binary quarter: field length ' || n || ', not 3',
                 'a ' || n || '-byte binary quarter is refused with 22P03') FROM copy_path, generate_series(0, 2) n;

-- everything below runs as an ordinary role
SET ROLE ocenka_tester;

SELECT has_schema('ocenka');
SELECT has_type('ocenka', 'score', 'type ocenka.score exists');
SELECT has_type('ocenka', 'quarter', 'type ocenka.quarter exists');
SELECT has_enum('ocenka', 'gradation', 'enum ocenka.gradation exists');
SELECT has_enum('ocenka', 'penalty_kind', 'enum ocenka.penalty_kind exists');
SELECT enum_has_labels('ocenka', 'gradation', ARRAY['unsatisfactory', 'satisfactory', 'proper', 'effective']);
SELECT enum_has_labels('ocenka', 'penalty_kind', ARRAY['remark', 'reprimand', 'severe_reprimand',
	'incomplete_compliance_warning', 'demotion', 'dismissal', 'other']);

SELECT results_eq(
	$$SELECT typname::text COLLATE "default", typlen::int, typbyval FROM pg_type
	  WHERE typnamespace = 'ocenka'::regnamespace AND typname IN ('score', 'quarter') ORDER BY typname$$,
	$$VALUES ('quarter', 4, true), ('score', 2, true)$$,
	'both types are fixed-size (at most 8 bytes) and passed by value');

-- casts and their contexts (api.md)
SELECT has_cast('score', 'numeric', 'cast score → numeric exists');
SELECT cast_context_is('score', 'numeric', 'implicit');
SELECT cast_context_is('numeric', 'score', 'assignment');
SELECT cast_context_is('integer', 'score', 'assignment');

-- operators
SELECT has_operator('score', 'ocenka', '=', 'score', 'boolean', 'operator score = score exists');
SELECT has_operator('score', 'ocenka', '<>', 'score', 'boolean', 'operator score <> score exists');
SELECT has_operator('score', 'ocenka', '<', 'score', 'boolean', 'operator score < score exists');
SELECT has_operator('score', 'ocenka', '<=', 'score', 'boolean', 'operator score <= score exists');
SELECT has_operator('score', 'ocenka', '>', 'score', 'boolean', 'operator score > score exists');
SELECT has_operator('score', 'ocenka', '>=', 'score', 'boolean', 'operator score >= score exists');
SELECT has_operator('quarter', 'ocenka', '=', 'quarter', 'boolean', 'operator quarter = quarter exists');
SELECT has_operator('quarter', 'ocenka', '<', 'quarter', 'boolean', 'operator quarter < quarter exists');
SELECT has_operator('quarter', 'ocenka', '>=', 'quarter', 'boolean', 'operator quarter >= quarter exists');
SELECT has_operator('quarter', 'ocenka', '+', 'integer', 'quarter', 'operator quarter + integer exists');
SELECT has_operator('quarter', 'ocenka', '-', 'integer', 'quarter', 'operator quarter - integer exists');
SELECT has_operator('quarter', 'ocenka', '-', 'quarter', 'integer', 'operator quarter - quarter exists');

-- operator classes are the defaults for btree and hash
SELECT has_opclass('ocenka', 'score_ops', 'operator class ocenka.score_ops exists');
SELECT has_opclass('ocenka', 'score_hash_ops', 'operator class ocenka.score_hash_ops exists');
SELECT has_opclass('ocenka', 'quarter_ops', 'operator class ocenka.quarter_ops exists');
SELECT has_opclass('ocenka', 'quarter_hash_ops', 'operator class ocenka.quarter_hash_ops exists');
SELECT results_eq(
	$$SELECT t.typname::text COLLATE "default", a.amname::text COLLATE "default" FROM pg_opclass c
	  JOIN pg_type t ON t.oid = c.opcintype JOIN pg_am a ON a.oid = c.opcmethod
	  WHERE c.opcdefault AND t.typnamespace = 'ocenka'::regnamespace ORDER BY 1, 2$$,
	$$VALUES ('quarter', 'btree'), ('quarter', 'hash'), ('score', 'btree'), ('score', 'hash')$$,
	'btree and hash are the default operator classes of both types');

-- comparison functions are LEAKPROOF, so indexes stay usable under row-level security
SELECT is_empty(
	$$SELECT p.proname FROM pg_proc p
	  WHERE p.pronamespace = 'ocenka'::regnamespace
	    AND p.proname ~ '^(score|quarter)_(eq|ne|lt|le|gt|ge|cmp)$' AND NOT p.proleakproof$$,
	'every comparison function of score and quarter is LEAKPROOF');
SELECT is((SELECT count(*)::int FROM pg_proc WHERE pronamespace = 'ocenka'::regnamespace
           AND proname ~ '^(score|quarter)_(eq|ne|lt|le|gt|ge|cmp)$'), 14, 'fourteen comparison functions');

-- text forms of api.md
SELECT is('4'::ocenka.score::text, '4.00', 'score 4 prints 4.00');
SELECT is('4.5'::ocenka.score::text, '4.50', 'score 4.5 prints 4.50');
SELECT is('4.50'::ocenka.score::text, '4.50', 'score 4.50 prints 4.50');
SELECT is((4.555::numeric)::ocenka.score::text, '4.56', 'numeric 4.555 casts to 4.56');
SELECT is((4.545::numeric)::ocenka.score::text, '4.55', 'numeric 4.545 rounds half away from zero to 4.55');
SELECT is('2026-q3'::ocenka.quarter::text, '2026-Q3', '2026-q3 prints 2026-Q3');
SELECT is(ocenka.quarter_of('2026-05-05')::text, '2026-Q2', 'quarter_of(2026-05-05) = 2026-Q2');
SELECT is(ocenka.last_day('2026-Q1'), date '2026-03-31', 'last_day(2026-Q1) = 2026-03-31');
SELECT is(ocenka.first_day('2026-Q3'), date '2026-07-01', 'first_day(2026-Q3) = 2026-07-01');
SELECT is(ocenka.year_of('2026-Q3'), 2026, 'year_of(2026-Q3) = 2026');
SELECT is(('2026-Q4'::ocenka.quarter + 1)::text, '2027-Q1', 'quarter + integer crosses the year');
SELECT is(('2026-Q1'::ocenka.quarter - 2)::text, '2025-Q3', 'quarter - integer crosses the year');
SELECT is('2026-Q3'::ocenka.quarter - '2025-Q4'::ocenka.quarter, 3, 'quarter - quarter counts quarters');

-- every bad input, with its SQLSTATE (data-driven)
SELECT throws_ok(format('SELECT %L::ocenka.score', input), sqlstate, NULL,
                 format('score %L is refused with %s', input, sqlstate))
FROM (VALUES ('4.555', '22P02'), ('4.500', '22P02'), ('', '22P02'), ('abc', '22P02'), ('4,5', '22P02'),
             ('1e0', '22P02'), ('NaN', '22P02'), ('5.01', '22003'), ('6', '22003'), ('-1', '22003'),
             ('-0.01', '22003'), ('100000000000000000000', '22003')) AS t(input, sqlstate);
SELECT throws_ok(format('SELECT (%s)::numeric::ocenka.score', input), '22003', NULL,
                 format('numeric %s is refused with 22003', input))
FROM (VALUES ('5.005'), ('-0.005'), ('''NaN'''), ('''Infinity''')) AS t(input);
SELECT throws_ok('SELECT 6::ocenka.score', '22003', NULL, 'integer 6 is refused with 22003');
SELECT throws_ok(format('SELECT %L::ocenka.quarter', input), '22P02', NULL,
                 format('quarter %L is refused with 22P02', input))
FROM (VALUES ('2026-Q5'), ('2026-Q0'), ('1899-Q4'), ('10000-Q1'), ('2026Q1'), ('2026-1'), ('')) AS t(input);

SELECT * FROM finish();
ROLLBACK;
