-- The two enums of api.md.
SET search_path = ocenka, public;
SELECT unnest(enum_range(NULL::gradation)) AS gradation;
SELECT 'unsatisfactory'::gradation < 'effective'::gradation AS ordered_worst_to_best;
SELECT unnest(enum_range(NULL::penalty_kind)) AS penalty_kind;
SELECT 'warning'::penalty_kind;
