-- close_quarter_all(:q), timed and rolled back; its results' digest is kept for the check
BEGIN;
SELECT clock_timestamp() AS t0 \gset
CALL ocenka.close_quarter_all(:'q');
SELECT extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) * 1000 AS ms \gset
SELECT count(*) AS ocenka_rows, md5(string_agg(r::text, ',' ORDER BY employee_id)) AS ocenka_digest
FROM (SELECT employee_id, q, body_id, methodology, status, reason, sheet_id, method, form, mean, cap, score, gradation, completed_on
      FROM ocenka.quarter_result WHERE q::text = :'q') r \gset
ROLLBACK;
INSERT INTO public.bench_time VALUES ('p6 close', 'close_quarter_all', :run, :ms);
