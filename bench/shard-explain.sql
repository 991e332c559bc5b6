-- bench/shard: the plans of two reports on the coordinator, to show what is shipped to the shards.
SET search_path = country, ocenka, public;
SET enable_partitionwise_aggregate = on;
EXPLAIN (VERBOSE, COSTS OFF)
SELECT body_id, q, gradation, count(*), ocenka.score_avg(score) FROM quarter_result GROUP BY 1, 2, 3;
EXPLAIN (VERBOSE, COSTS OFF)
SELECT body_id, count(*), ocenka.score_avg(score) FROM annual_result
WHERE gradation = 'effective' AND score > '4.50'::ocenka.score GROUP BY 1;
