-- score_avg and mean360 (api.md "Aggregates"): exact, with combine, serial and deserial functions.

CREATE FUNCTION ocenka.score_avg_accum(internal, ocenka.score) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION ocenka.score_avg_retract(internal, ocenka.score) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION ocenka.score_avg_final(internal) RETURNS ocenka.score
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION ocenka.mean360_accum(internal, smallint, boolean) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION ocenka.mean360_final(internal) RETURNS numeric
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION ocenka.mean_combine(internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION ocenka.mean_serialize(internal) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ocenka.mean_deserialize(bytea, internal) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ocenka.score_avg_accum(internal, ocenka.score) IS 'score_avg transition: adds a score in hundredths';
COMMENT ON FUNCTION ocenka.score_avg_retract(internal, ocenka.score) IS 'score_avg inverse transition for moving window frames';
COMMENT ON FUNCTION ocenka.score_avg_final(internal) IS 'score_avg final: the mean rounded half away from zero';
COMMENT ON FUNCTION ocenka.mean360_accum(internal, smallint, boolean) IS 'mean360 transition: checks the answer is 1–5, counts it unless it is a self-assessment';
COMMENT ON FUNCTION ocenka.mean360_final(internal) IS 'mean360 final: the mean rounded half away from zero to two decimals';
COMMENT ON FUNCTION ocenka.mean_combine(internal, internal) IS 'combines two partial sums of score_avg or mean360';
COMMENT ON FUNCTION ocenka.mean_serialize(internal) IS 'serializes a partial sum of score_avg or mean360';
COMMENT ON FUNCTION ocenka.mean_deserialize(bytea, internal) IS 'deserializes a partial sum of score_avg or mean360';

CREATE AGGREGATE ocenka.score_avg(ocenka.score) (
	SFUNC = ocenka.score_avg_accum,
	STYPE = internal,
	SSPACE = 16,
	FINALFUNC = ocenka.score_avg_final,
	COMBINEFUNC = ocenka.mean_combine,
	SERIALFUNC = ocenka.mean_serialize,
	DESERIALFUNC = ocenka.mean_deserialize,
	MSFUNC = ocenka.score_avg_accum,
	MINVFUNC = ocenka.score_avg_retract,
	MSTYPE = internal,
	MSSPACE = 16,
	MFINALFUNC = ocenka.score_avg_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ocenka.score_avg(ocenka.score) IS 'the mean of scores rounded half away from zero to two decimals; NULL for no rows (methodology §2, §5)';

CREATE AGGREGATE ocenka.mean360(answer smallint, is_self boolean) (
	SFUNC = ocenka.mean360_accum,
	STYPE = internal,
	SSPACE = 16,
	FINALFUNC = ocenka.mean360_final,
	COMBINEFUNC = ocenka.mean_combine,
	SERIALFUNC = ocenka.mean_serialize,
	DESERIALFUNC = ocenka.mean_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ocenka.mean360(smallint, boolean) IS 'the 360 competency mean of answers 1–5 without self-assessments, rounded to two decimals; NULL if none remain (methodology §8a)';
