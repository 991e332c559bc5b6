-- pgTAP: the rule functions the statement triggers and the close call are inlined into their callers'
-- plans (issue 16). A SQL function with a fixed search path is never inlined, and a non-inlined SQL
-- set-returning function is parsed and planned again at every execution of its caller: each KPI item
-- statement paid about 3 ms for it. These tests fail if such a function gets a search path or a text
-- body again, or if close_quarters computes bodies_plan more than once.
BEGIN;
SET search_path = ocenka, public;
SELECT plan(5);

SELECT is((SELECT p.proconfig FROM pg_proc p WHERE p.oid = 'ocenka.kpi_item_violation(bigint[],smallint[],bigint[],numeric[])'::regprocedure),
          NULL, 'kpi_item_violation has no fixed search path (it could not be inlined)');
SELECT ok((SELECT p.prosqlbody IS NOT NULL FROM pg_proc p WHERE p.oid = 'ocenka.kpi_item_violation(bigint[],smallint[],bigint[],numeric[])'::regprocedure),
          'kpi_item_violation has a SQL-standard body, resolved when created');

-- the item trigger's KPI rule, as the trigger runs it: no Function Scan of kpi_item_violation in its plan
CREATE TEMP TABLE plan_text (line text);
CREATE FUNCTION pg_temp.plan_of(q text) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE l text;
BEGIN
	FOR l IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
		RETURN NEXT l;
	END LOOP;
END $$;
SELECT is((SELECT count(*) FROM pg_temp.plan_of($$SELECT v.* FROM (SELECT ARRAY[1]::bigint[] AS s, ARRAY[1]::smallint[] AS n,
                                                                     ARRAY[1]::bigint[] AS k, ARRAY[100]::numeric[] AS p) i,
                                                   LATERAL ocenka.kpi_item_violation(i.s, i.n, i.k, i.p) v LIMIT 1$$) l
           WHERE l LIKE '%Function Scan on kpi_item_violation%'),
          0::bigint, 'the KPI item rule''s query inlines kpi_item_violation');

SELECT ok((SELECT p.prosqlbody IS NOT NULL AND p.proconfig IS NULL FROM pg_proc p
           WHERE p.oid = 'ocenka.plan_quarter_gaps(ocenka.plan_row[],bigint[],ocenka.quarter)'::regprocedure),
          'plan_quarter_gaps has a SQL-standard body and no search path: the close''s query inlines it');
-- one bodies_plan per quarter close
SELECT is((SELECT count(*) FROM regexp_matches(pg_get_functiondef('ocenka.close_quarters(bigint[],ocenka.quarter,boolean)'::regprocedure),
                                               'ocenka\.bodies_plan\(', 'g')),
          1::bigint, 'close_quarters calls bodies_plan once');

SELECT * FROM finish();
ROLLBACK;
