-- the hand-written close of :q, timed; its results' digest is kept for the check
BEGIN;
SELECT clock_timestamp() AS t0 \gset
\ir close-handwritten.sql
SELECT extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) * 1000 AS ms \gset
SELECT count(*) AS hand_rows, md5(string_agg(r::text, ',' ORDER BY employee_id)) AS hand_digest
FROM (SELECT employee_id, q, body_id, methodology, status, reason, sheet_id, method, form, mean, cap, score, gradation, completed_on
      FROM public.hand_quarter_result) r \gset
ROLLBACK;
INSERT INTO public.bench_time VALUES ('p6 close', 'hand-written SQL close', :run, :ms);
