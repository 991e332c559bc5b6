-- The coordinator of bench/shard: postgres_fdw servers for the two shards, with ocenka shippable.
CREATE EXTENSION postgres_fdw;
CREATE EXTENSION ocenka;
CREATE SERVER shard1 FOREIGN DATA WRAPPER postgres_fdw
	OPTIONS (host :'shard1', dbname 'country', extensions 'ocenka', fetch_size '10000');
CREATE SERVER shard2 FOREIGN DATA WRAPPER postgres_fdw
	OPTIONS (host :'shard2', dbname 'country', extensions 'ocenka', fetch_size '10000');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard1 OPTIONS (user 'postgres');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard2 OPTIONS (user 'postgres');

-- the country's results, partitioned by body over the shards
CREATE SCHEMA country;
CREATE TABLE country.quarter_result (LIKE ocenka.quarter_result) PARTITION BY RANGE (body_id);
CREATE FOREIGN TABLE country.quarter_result_1 PARTITION OF country.quarter_result
	FOR VALUES FROM (MINVALUE) TO (:half + 1) SERVER shard1 OPTIONS (schema_name 'ocenka', table_name 'quarter_result');
CREATE FOREIGN TABLE country.quarter_result_2 PARTITION OF country.quarter_result
	FOR VALUES FROM (:half + 1) TO (MAXVALUE) SERVER shard2 OPTIONS (schema_name 'ocenka', table_name 'quarter_result');
CREATE TABLE country.annual_result (LIKE ocenka.annual_result) PARTITION BY RANGE (body_id);
CREATE FOREIGN TABLE country.annual_result_1 PARTITION OF country.annual_result
	FOR VALUES FROM (MINVALUE) TO (:half + 1) SERVER shard1 OPTIONS (schema_name 'ocenka', table_name 'annual_result');
CREATE FOREIGN TABLE country.annual_result_2 PARTITION OF country.annual_result
	FOR VALUES FROM (:half + 1) TO (MAXVALUE) SERVER shard2 OPTIONS (schema_name 'ocenka', table_name 'annual_result');
-- 360 results carry no body: each shard's table, side by side
CREATE FOREIGN TABLE country.competency_result_1 (survey_id bigint, competency_no smallint, competency_code text,
	mean numeric(3, 2), self_mean numeric(3, 2), answers integer, weakest boolean, completed_on date)
	SERVER shard1 OPTIONS (schema_name 'ocenka', table_name 'competency_result');
CREATE FOREIGN TABLE country.competency_result_2 (survey_id bigint, competency_no smallint, competency_code text,
	mean numeric(3, 2), self_mean numeric(3, 2), answers integer, weakest boolean, completed_on date)
	SERVER shard2 OPTIONS (schema_name 'ocenka', table_name 'competency_result');
