-- ocenka.score: a grade 0.00 … 5.00 with two decimals, fixed point (methodology §2).

CREATE TYPE ocenka.score;

CREATE FUNCTION ocenka.score_in(cstring) RETURNS ocenka.score
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ocenka.score_out(ocenka.score) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ocenka.score_recv(internal) RETURNS ocenka.score
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ocenka.score_send(ocenka.score) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE ocenka.score (
	INPUT = ocenka.score_in,
	OUTPUT = ocenka.score_out,
	RECEIVE = ocenka.score_recv,
	SEND = ocenka.score_send,
	INTERNALLENGTH = 2,
	PASSEDBYVALUE,
	ALIGNMENT = int2,
	STORAGE = plain,
	CATEGORY = 'N'
);

COMMENT ON TYPE ocenka.score IS 'a grade 0.00 … 5.00 with two decimals, held as hundredths (methodology §2)';
COMMENT ON FUNCTION ocenka.score_in(cstring) IS 'text input of ocenka.score: 4, 4.5 or 4.50; more than two decimals is an error';
COMMENT ON FUNCTION ocenka.score_out(ocenka.score) IS 'text output of ocenka.score, always two decimals';
COMMENT ON FUNCTION ocenka.score_recv(internal) IS 'binary input of ocenka.score: int16 hundredths, range-checked';
COMMENT ON FUNCTION ocenka.score_send(ocenka.score) IS 'binary output of ocenka.score: int16 hundredths';

-- comparisons: they cannot fail, so LEAKPROOF lets RLS-protected tables keep their indexes
CREATE FUNCTION ocenka.score_eq(ocenka.score, ocenka.score) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION ocenka.score_ne(ocenka.score, ocenka.score) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION ocenka.score_lt(ocenka.score, ocenka.score) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION ocenka.score_le(ocenka.score, ocenka.score) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION ocenka.score_gt(ocenka.score, ocenka.score) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION ocenka.score_ge(ocenka.score, ocenka.score) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION ocenka.score_cmp(ocenka.score, ocenka.score) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION ocenka.score_sortsupport(internal) RETURNS void
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ocenka.score_hash(ocenka.score) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION ocenka.score_hash_extended(ocenka.score, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

COMMENT ON FUNCTION ocenka.score_eq(ocenka.score, ocenka.score) IS 'implementation of = for ocenka.score';
COMMENT ON FUNCTION ocenka.score_ne(ocenka.score, ocenka.score) IS 'implementation of <> for ocenka.score';
COMMENT ON FUNCTION ocenka.score_lt(ocenka.score, ocenka.score) IS 'implementation of < for ocenka.score';
COMMENT ON FUNCTION ocenka.score_le(ocenka.score, ocenka.score) IS 'implementation of <= for ocenka.score';
COMMENT ON FUNCTION ocenka.score_gt(ocenka.score, ocenka.score) IS 'implementation of > for ocenka.score';
COMMENT ON FUNCTION ocenka.score_ge(ocenka.score, ocenka.score) IS 'implementation of >= for ocenka.score';
COMMENT ON FUNCTION ocenka.score_cmp(ocenka.score, ocenka.score) IS 'btree comparison of ocenka.score';
COMMENT ON FUNCTION ocenka.score_sortsupport(internal) IS 'btree sort support of ocenka.score';
COMMENT ON FUNCTION ocenka.score_hash(ocenka.score) IS 'hash of ocenka.score';
COMMENT ON FUNCTION ocenka.score_hash_extended(ocenka.score, bigint) IS 'seeded hash of ocenka.score';

CREATE OPERATOR ocenka.= (
	LEFTARG = ocenka.score, RIGHTARG = ocenka.score, FUNCTION = ocenka.score_eq,
	COMMUTATOR = OPERATOR(ocenka.=), NEGATOR = OPERATOR(ocenka.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR ocenka.<> (
	LEFTARG = ocenka.score, RIGHTARG = ocenka.score, FUNCTION = ocenka.score_ne,
	COMMUTATOR = OPERATOR(ocenka.<>), NEGATOR = OPERATOR(ocenka.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR ocenka.< (
	LEFTARG = ocenka.score, RIGHTARG = ocenka.score, FUNCTION = ocenka.score_lt,
	COMMUTATOR = OPERATOR(ocenka.>), NEGATOR = OPERATOR(ocenka.>=),
	RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR ocenka.<= (
	LEFTARG = ocenka.score, RIGHTARG = ocenka.score, FUNCTION = ocenka.score_le,
	COMMUTATOR = OPERATOR(ocenka.>=), NEGATOR = OPERATOR(ocenka.>),
	RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR ocenka.> (
	LEFTARG = ocenka.score, RIGHTARG = ocenka.score, FUNCTION = ocenka.score_gt,
	COMMUTATOR = OPERATOR(ocenka.<), NEGATOR = OPERATOR(ocenka.<=),
	RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR ocenka.>= (
	LEFTARG = ocenka.score, RIGHTARG = ocenka.score, FUNCTION = ocenka.score_ge,
	COMMUTATOR = OPERATOR(ocenka.<=), NEGATOR = OPERATOR(ocenka.<),
	RESTRICT = scalargesel, JOIN = scalargejoinsel
);

CREATE OPERATOR CLASS ocenka.score_ops
	DEFAULT FOR TYPE ocenka.score USING btree AS
	OPERATOR 1 ocenka.<,
	OPERATOR 2 ocenka.<=,
	OPERATOR 3 ocenka.=,
	OPERATOR 4 ocenka.>=,
	OPERATOR 5 ocenka.>,
	FUNCTION 1 ocenka.score_cmp(ocenka.score, ocenka.score),
	FUNCTION 2 ocenka.score_sortsupport(internal);

CREATE OPERATOR CLASS ocenka.score_hash_ops
	DEFAULT FOR TYPE ocenka.score USING hash AS
	OPERATOR 1 ocenka.=,
	FUNCTION 1 ocenka.score_hash(ocenka.score),
	FUNCTION 2 ocenka.score_hash_extended(ocenka.score, bigint);

COMMENT ON OPERATOR ocenka.=  (ocenka.score, ocenka.score) IS 'equal';
COMMENT ON OPERATOR ocenka.<> (ocenka.score, ocenka.score) IS 'not equal';
COMMENT ON OPERATOR ocenka.<  (ocenka.score, ocenka.score) IS 'less than';
COMMENT ON OPERATOR ocenka.<= (ocenka.score, ocenka.score) IS 'less than or equal';
COMMENT ON OPERATOR ocenka.>  (ocenka.score, ocenka.score) IS 'greater than';
COMMENT ON OPERATOR ocenka.>= (ocenka.score, ocenka.score) IS 'greater than or equal';
COMMENT ON OPERATOR CLASS ocenka.score_ops USING btree IS 'btree ordering of ocenka.score';
COMMENT ON OPERATOR CLASS ocenka.score_hash_ops USING hash IS 'hash equality of ocenka.score';
COMMENT ON OPERATOR FAMILY ocenka.score_ops USING btree IS 'btree ordering of ocenka.score';
COMMENT ON OPERATOR FAMILY ocenka.score_hash_ops USING hash IS 'hash equality of ocenka.score';

-- casts (api.md): score → numeric implicit; numeric → score rounds, then range-checks
CREATE FUNCTION ocenka.score_to_numeric(ocenka.score) RETURNS numeric
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ocenka.numeric_to_score(numeric) RETURNS ocenka.score
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ocenka.int4_to_score(integer) RETURNS ocenka.score
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE CAST (ocenka.score AS numeric) WITH FUNCTION ocenka.score_to_numeric(ocenka.score) AS IMPLICIT;
CREATE CAST (numeric AS ocenka.score) WITH FUNCTION ocenka.numeric_to_score(numeric) AS ASSIGNMENT;
CREATE CAST (integer AS ocenka.score) WITH FUNCTION ocenka.int4_to_score(integer) AS ASSIGNMENT;

COMMENT ON FUNCTION ocenka.score_to_numeric(ocenka.score) IS 'cast ocenka.score to numeric with two decimals';
COMMENT ON FUNCTION ocenka.numeric_to_score(numeric) IS 'cast numeric to ocenka.score, rounding half away from zero to two decimals, then range-checking';
COMMENT ON FUNCTION ocenka.int4_to_score(integer) IS 'cast integer 0 … 5 to ocenka.score';
COMMENT ON CAST (ocenka.score AS numeric) IS 'exact: a score is a numeric with two decimals';
COMMENT ON CAST (numeric AS ocenka.score) IS 'rounds half away from zero to two decimals, then checks 0 … 5';
COMMENT ON CAST (integer AS ocenka.score) IS 'checks 0 … 5';

-- min and max, for reports
CREATE FUNCTION ocenka.score_larger(ocenka.score, ocenka.score) RETURNS ocenka.score
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ocenka.score_smaller(ocenka.score, ocenka.score) RETURNS ocenka.score
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE ocenka.max(ocenka.score) (
	SFUNC = ocenka.score_larger, STYPE = ocenka.score, COMBINEFUNC = ocenka.score_larger,
	SORTOP = OPERATOR(ocenka.>), PARALLEL = SAFE
);
CREATE AGGREGATE ocenka.min(ocenka.score) (
	SFUNC = ocenka.score_smaller, STYPE = ocenka.score, COMBINEFUNC = ocenka.score_smaller,
	SORTOP = OPERATOR(ocenka.<), PARALLEL = SAFE
);
COMMENT ON FUNCTION ocenka.score_larger(ocenka.score, ocenka.score) IS 'the larger of two scores';
COMMENT ON FUNCTION ocenka.score_smaller(ocenka.score, ocenka.score) IS 'the smaller of two scores';
COMMENT ON AGGREGATE ocenka.max(ocenka.score) IS 'the highest score';
COMMENT ON AGGREGATE ocenka.min(ocenka.score) IS 'the lowest score';
