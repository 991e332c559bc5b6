-- The two enums of api.md.

CREATE TYPE ocenka.gradation AS ENUM ('unsatisfactory', 'satisfactory', 'proper', 'effective');
COMMENT ON TYPE ocenka.gradation IS 'the four ordered result levels of methodology §2, worst to best';

CREATE TYPE ocenka.penalty_kind AS ENUM (
	'remark', 'reprimand', 'severe_reprimand', 'incomplete_compliance_warning',
	'demotion', 'dismissal', 'other'
);
COMMENT ON TYPE ocenka.penalty_kind IS 'kinds of disciplinary penalty; the first three cap a wko-2026 sheet at 2.99, the others at 1.99 (methodology §4b)';
