-- ocenka.quarter: a calendar quarter, the evaluated period of the KPI and ranking methods (methodology §1).

CREATE TYPE ocenka.quarter;

CREATE FUNCTION ocenka.quarter_in(cstring) RETURNS ocenka.quarter
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ocenka.quarter_out(ocenka.quarter) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ocenka.quarter_recv(internal) RETURNS ocenka.quarter
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ocenka.quarter_send(ocenka.quarter) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE ocenka.quarter (
	INPUT = ocenka.quarter_in,
	OUTPUT = ocenka.quarter_out,
	RECEIVE = ocenka.quarter_recv,
	SEND = ocenka.quarter_send,
	INTERNALLENGTH = 4,
	PASSEDBYVALUE,
	ALIGNMENT = int4,
	STORAGE = plain,
	CATEGORY = 'D'
);

COMMENT ON TYPE ocenka.quarter IS 'a calendar quarter 1900-Q1 … 9999-Q4, written 2026-Q1';
COMMENT ON FUNCTION ocenka.quarter_in(cstring) IS 'text input of ocenka.quarter: 2026-Q1 or 2026-q1';
COMMENT ON FUNCTION ocenka.quarter_out(ocenka.quarter) IS 'text output of ocenka.quarter: 2026-Q1';
COMMENT ON FUNCTION ocenka.quarter_recv(internal) IS 'binary input of ocenka.quarter: int16 year, int8 quarter number';
COMMENT ON FUNCTION ocenka.quarter_send(ocenka.quarter) IS 'binary output of ocenka.quarter: int16 year, int8 quarter number';

CREATE FUNCTION ocenka.quarter_eq(ocenka.quarter, ocenka.quarter) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION ocenka.quarter_ne(ocenka.quarter, ocenka.quarter) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION ocenka.quarter_lt(ocenka.quarter, ocenka.quarter) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION ocenka.quarter_le(ocenka.quarter, ocenka.quarter) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION ocenka.quarter_gt(ocenka.quarter, ocenka.quarter) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION ocenka.quarter_ge(ocenka.quarter, ocenka.quarter) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION ocenka.quarter_cmp(ocenka.quarter, ocenka.quarter) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION ocenka.quarter_sortsupport(internal) RETURNS void
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ocenka.quarter_hash(ocenka.quarter) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION ocenka.quarter_hash_extended(ocenka.quarter, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

COMMENT ON FUNCTION ocenka.quarter_eq(ocenka.quarter, ocenka.quarter) IS 'implementation of = for ocenka.quarter';
COMMENT ON FUNCTION ocenka.quarter_ne(ocenka.quarter, ocenka.quarter) IS 'implementation of <> for ocenka.quarter';
COMMENT ON FUNCTION ocenka.quarter_lt(ocenka.quarter, ocenka.quarter) IS 'implementation of < for ocenka.quarter';
COMMENT ON FUNCTION ocenka.quarter_le(ocenka.quarter, ocenka.quarter) IS 'implementation of <= for ocenka.quarter';
COMMENT ON FUNCTION ocenka.quarter_gt(ocenka.quarter, ocenka.quarter) IS 'implementation of > for ocenka.quarter';
COMMENT ON FUNCTION ocenka.quarter_ge(ocenka.quarter, ocenka.quarter) IS 'implementation of >= for ocenka.quarter';
COMMENT ON FUNCTION ocenka.quarter_cmp(ocenka.quarter, ocenka.quarter) IS 'btree comparison of ocenka.quarter';
COMMENT ON FUNCTION ocenka.quarter_sortsupport(internal) IS 'btree sort support of ocenka.quarter';
COMMENT ON FUNCTION ocenka.quarter_hash(ocenka.quarter) IS 'hash of ocenka.quarter';
COMMENT ON FUNCTION ocenka.quarter_hash_extended(ocenka.quarter, bigint) IS 'seeded hash of ocenka.quarter';

CREATE OPERATOR ocenka.= (
	LEFTARG = ocenka.quarter, RIGHTARG = ocenka.quarter, FUNCTION = ocenka.quarter_eq,
	COMMUTATOR = OPERATOR(ocenka.=), NEGATOR = OPERATOR(ocenka.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR ocenka.<> (
	LEFTARG = ocenka.quarter, RIGHTARG = ocenka.quarter, FUNCTION = ocenka.quarter_ne,
	COMMUTATOR = OPERATOR(ocenka.<>), NEGATOR = OPERATOR(ocenka.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR ocenka.< (
	LEFTARG = ocenka.quarter, RIGHTARG = ocenka.quarter, FUNCTION = ocenka.quarter_lt,
	COMMUTATOR = OPERATOR(ocenka.>), NEGATOR = OPERATOR(ocenka.>=),
	RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR ocenka.<= (
	LEFTARG = ocenka.quarter, RIGHTARG = ocenka.quarter, FUNCTION = ocenka.quarter_le,
	COMMUTATOR = OPERATOR(ocenka.>=), NEGATOR = OPERATOR(ocenka.>),
	RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR ocenka.> (
	LEFTARG = ocenka.quarter, RIGHTARG = ocenka.quarter, FUNCTION = ocenka.quarter_gt,
	COMMUTATOR = OPERATOR(ocenka.<), NEGATOR = OPERATOR(ocenka.<=),
	RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR ocenka.>= (
	LEFTARG = ocenka.quarter, RIGHTARG = ocenka.quarter, FUNCTION = ocenka.quarter_ge,
	COMMUTATOR = OPERATOR(ocenka.<=), NEGATOR = OPERATOR(ocenka.<),
	RESTRICT = scalargesel, JOIN = scalargejoinsel
);

CREATE OPERATOR CLASS ocenka.quarter_ops
	DEFAULT FOR TYPE ocenka.quarter USING btree AS
	OPERATOR 1 ocenka.<,
	OPERATOR 2 ocenka.<=,
	OPERATOR 3 ocenka.=,
	OPERATOR 4 ocenka.>=,
	OPERATOR 5 ocenka.>,
	FUNCTION 1 ocenka.quarter_cmp(ocenka.quarter, ocenka.quarter),
	FUNCTION 2 ocenka.quarter_sortsupport(internal);

CREATE OPERATOR CLASS ocenka.quarter_hash_ops
	DEFAULT FOR TYPE ocenka.quarter USING hash AS
	OPERATOR 1 ocenka.=,
	FUNCTION 1 ocenka.quarter_hash(ocenka.quarter),
	FUNCTION 2 ocenka.quarter_hash_extended(ocenka.quarter, bigint);

COMMENT ON OPERATOR ocenka.=  (ocenka.quarter, ocenka.quarter) IS 'equal';
COMMENT ON OPERATOR ocenka.<> (ocenka.quarter, ocenka.quarter) IS 'not equal';
COMMENT ON OPERATOR ocenka.<  (ocenka.quarter, ocenka.quarter) IS 'earlier than';
COMMENT ON OPERATOR ocenka.<= (ocenka.quarter, ocenka.quarter) IS 'earlier than or equal';
COMMENT ON OPERATOR ocenka.>  (ocenka.quarter, ocenka.quarter) IS 'later than';
COMMENT ON OPERATOR ocenka.>= (ocenka.quarter, ocenka.quarter) IS 'later than or equal';
COMMENT ON OPERATOR CLASS ocenka.quarter_ops USING btree IS 'btree ordering of ocenka.quarter';
COMMENT ON OPERATOR CLASS ocenka.quarter_hash_ops USING hash IS 'hash equality of ocenka.quarter';
COMMENT ON OPERATOR FAMILY ocenka.quarter_ops USING btree IS 'btree ordering of ocenka.quarter';
COMMENT ON OPERATOR FAMILY ocenka.quarter_hash_ops USING hash IS 'hash equality of ocenka.quarter';

-- arithmetic
CREATE FUNCTION ocenka.quarter_pl_int4(ocenka.quarter, integer) RETURNS ocenka.quarter
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ocenka.int4_pl_quarter(integer, ocenka.quarter) RETURNS ocenka.quarter
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ocenka.quarter_mi_int4(ocenka.quarter, integer) RETURNS ocenka.quarter
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ocenka.quarter_mi_quarter(ocenka.quarter, ocenka.quarter) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR ocenka.+ (
	LEFTARG = ocenka.quarter, RIGHTARG = integer, FUNCTION = ocenka.quarter_pl_int4,
	COMMUTATOR = OPERATOR(ocenka.+)
);
CREATE OPERATOR ocenka.+ (
	LEFTARG = integer, RIGHTARG = ocenka.quarter, FUNCTION = ocenka.int4_pl_quarter,
	COMMUTATOR = OPERATOR(ocenka.+)
);
CREATE OPERATOR ocenka.- (
	LEFTARG = ocenka.quarter, RIGHTARG = integer, FUNCTION = ocenka.quarter_mi_int4
);
CREATE OPERATOR ocenka.- (
	LEFTARG = ocenka.quarter, RIGHTARG = ocenka.quarter, FUNCTION = ocenka.quarter_mi_quarter
);

COMMENT ON FUNCTION ocenka.quarter_pl_int4(ocenka.quarter, integer) IS 'implementation of quarter + integer';
COMMENT ON FUNCTION ocenka.int4_pl_quarter(integer, ocenka.quarter) IS 'implementation of integer + quarter';
COMMENT ON FUNCTION ocenka.quarter_mi_int4(ocenka.quarter, integer) IS 'implementation of quarter - integer';
COMMENT ON FUNCTION ocenka.quarter_mi_quarter(ocenka.quarter, ocenka.quarter) IS 'implementation of quarter - quarter';
COMMENT ON OPERATOR ocenka.+ (ocenka.quarter, integer) IS 'the quarter n quarters later';
COMMENT ON OPERATOR ocenka.+ (integer, ocenka.quarter) IS 'the quarter n quarters later';
COMMENT ON OPERATOR ocenka.- (ocenka.quarter, integer) IS 'the quarter n quarters earlier';
COMMENT ON OPERATOR ocenka.- (ocenka.quarter, ocenka.quarter) IS 'number of quarters between';

-- calendar functions of api.md, plus two conveniences
CREATE FUNCTION ocenka.quarter_of(date) RETURNS ocenka.quarter
	AS 'MODULE_PATHNAME', 'quarter_of' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ocenka.first_day(ocenka.quarter) RETURNS date
	AS 'MODULE_PATHNAME', 'quarter_first_day' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ocenka.last_day(ocenka.quarter) RETURNS date
	AS 'MODULE_PATHNAME', 'quarter_last_day' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ocenka.year_of(ocenka.quarter) RETURNS integer
	AS 'MODULE_PATHNAME', 'quarter_year' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ocenka.quarter_number(ocenka.quarter) RETURNS integer
	AS 'MODULE_PATHNAME', 'quarter_number' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ocenka.make_quarter(year integer, n integer) RETURNS ocenka.quarter
	AS 'MODULE_PATHNAME', 'quarter_make' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ocenka.quarter_of(date) IS 'the quarter containing a date';
COMMENT ON FUNCTION ocenka.first_day(ocenka.quarter) IS 'the first day of a quarter';
COMMENT ON FUNCTION ocenka.last_day(ocenka.quarter) IS 'the last day of a quarter';
COMMENT ON FUNCTION ocenka.year_of(ocenka.quarter) IS 'the year of a quarter';
COMMENT ON FUNCTION ocenka.quarter_number(ocenka.quarter) IS 'the number 1 … 4 of a quarter within its year';
COMMENT ON FUNCTION ocenka.make_quarter(integer, integer) IS 'the quarter n (1 … 4) of a year';

CREATE FUNCTION ocenka.quarter_larger(ocenka.quarter, ocenka.quarter) RETURNS ocenka.quarter
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ocenka.quarter_smaller(ocenka.quarter, ocenka.quarter) RETURNS ocenka.quarter
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE ocenka.max(ocenka.quarter) (
	SFUNC = ocenka.quarter_larger, STYPE = ocenka.quarter, COMBINEFUNC = ocenka.quarter_larger,
	SORTOP = OPERATOR(ocenka.>), PARALLEL = SAFE
);
CREATE AGGREGATE ocenka.min(ocenka.quarter) (
	SFUNC = ocenka.quarter_smaller, STYPE = ocenka.quarter, COMBINEFUNC = ocenka.quarter_smaller,
	SORTOP = OPERATOR(ocenka.<), PARALLEL = SAFE
);
COMMENT ON FUNCTION ocenka.quarter_larger(ocenka.quarter, ocenka.quarter) IS 'the later of two quarters';
COMMENT ON FUNCTION ocenka.quarter_smaller(ocenka.quarter, ocenka.quarter) IS 'the earlier of two quarters';
COMMENT ON AGGREGATE ocenka.max(ocenka.quarter) IS 'the latest quarter';
COMMENT ON AGGREGATE ocenka.min(ocenka.quarter) IS 'the earliest quarter';
