-- Last step of the install script: every function whose body is SQL or PL/pgSQL text is resolved
-- when it runs, so it gets a fixed search path: callers without ocenka in theirs still find its
-- operators (quarter = quarter), and nobody can redirect a name to their own object. Functions with
-- SQL-standard bodies (RETURN … or BEGIN ATOMIC) were resolved when created and keep inlining.
DO $$
DECLARE
	f regprocedure;
	kind "char";
BEGIN
	FOR f, kind IN
		SELECT p.oid, p.prokind FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_language l ON l.oid = p.prolang
		WHERE p.pronamespace = 'ocenka'::regnamespace AND l.lanname IN ('sql', 'plpgsql') AND p.prosqlbody IS NULL
	LOOP
		EXECUTE format('ALTER %s %s SET search_path = pg_catalog, ocenka, pg_temp',
		               CASE kind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END, f);
	END LOOP;
END $$;
