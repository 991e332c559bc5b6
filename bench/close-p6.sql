-- One run of P6 (issue 16, run by bench/close-p6): close_quarter_all(:q) against the hand-written
-- close (bench/close-handwritten.sql) on the same data, each in a transaction then rolled back, in an
-- order alternating by run; checks their results equal, records (what, target, run, ms) in
-- public.bench_time. ocenka.today is the caller's (after the quarter's end).
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
CREATE TABLE IF NOT EXISTS public.bench_time (what text, target text, run int, ms double precision);
CREATE TABLE IF NOT EXISTS public.hand_quarter_result (LIKE ocenka.quarter_result INCLUDING INDEXES INCLUDING CONSTRAINTS);
SELECT :run % 2 = 0 AS ocenka_first \gset
\if :ocenka_first
\ir close-p6-ocenka.sql
\ir close-p6-hand.sql
\else
\ir close-p6-hand.sql
\ir close-p6-ocenka.sql
\endif
-- the same rows, or the run fails
SELECT :'ocenka_digest' = :'hand_digest' AND :ocenka_rows > 0 AS same \gset
\if :same
\echo 'run' :run ': close_quarter_all and the hand-written close wrote the same' :ocenka_rows 'results (md5' :ocenka_digest ')'
\else
\echo 'run' :run ': close_quarter_all wrote' :ocenka_rows 'results (md5' :ocenka_digest '), the hand-written close' :hand_rows '(md5' :hand_digest ')'
SELECT 1 / 0 AS results_differ;
\endif
