-- The country-wide reports of bench/shard, the same text on the coordinator (country.*) and on the
-- single node (ocenka.*): -v report=N chooses one; the first line is its title.
\set ON_ERROR_STOP 1
SET enable_partitionwise_aggregate = on;
\if :{?single}
SET search_path = ocenka, public;
\else
SET search_path = country, ocenka, public;
\endif
SELECT :report = 1 AS r1, :report = 2 AS r2, :report = 3 AS r3 \gset
SELECT CASE :report WHEN 1 THEN 'gradation distribution and mean score per body and quarter'
                    WHEN 2 THEN 'bodies'' annual results (mean of quarters), effective or better than 4.50'
                    WHEN 3 THEN 'the country''s gradation distribution per quarter'
                    ELSE 'the country''s weakest 360 competencies' END;
\if :r1
SELECT body_id, q, gradation, count(*), ocenka.score_avg(score) FROM quarter_result GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
\elif :r2
SELECT body_id, count(*), ocenka.score_avg(score) FROM annual_result
WHERE gradation = 'effective' AND score > '4.50'::ocenka.score GROUP BY 1 ORDER BY 1;
\elif :r3
SELECT q, methodology, gradation, sum(n) FROM (SELECT body_id, q, methodology, gradation, count(*) AS n FROM quarter_result
                                             GROUP BY 1, 2, 3, 4) x GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
\else
\if :{?single}
SELECT competency_code, count(*) FILTER (WHERE weakest) AS weakest_for FROM competency_result GROUP BY 1 ORDER BY 2 DESC, 1;
\else
SELECT competency_code, sum(n) FROM (SELECT competency_code, count(*) FILTER (WHERE weakest) AS n FROM competency_result_1 GROUP BY 1
                                     UNION ALL
                                     SELECT competency_code, count(*) FILTER (WHERE weakest) FROM competency_result_2 GROUP BY 1) x
GROUP BY 1 ORDER BY 2 DESC, 1;
\endif
\endif
