-- Behavioural-indicator catalogues (methodology §8b; seed 001 ch. 4, seed 003 appendix 4): per
-- competency, the effective and ineffective indicators of two category groups. vsk-2018's catalogue
-- ships with the extension (src/store/catalogue_vsk.sql, generated from the seed); a body loads its own
-- into the same tables (body_id set), and then assesses by it.

CREATE TABLE ocenka.competency_catalogue (
	code text PRIMARY KEY,
	title text NOT NULL,
	source text NOT NULL,
	methodology text REFERENCES ocenka.methodology ON UPDATE CASCADE,
	body_id bigint UNIQUE REFERENCES ocenka.body,
	builtin boolean NOT NULL DEFAULT false,
	CONSTRAINT competency_catalogue_owner CHECK (num_nonnulls(methodology, body_id) = 1)
);
COMMENT ON TABLE ocenka.competency_catalogue IS 'catalogues of competencies and their behavioural indicators: a methodology''s (vsk-2018, seed 003 appendix 4) or one body''s own; a body assesses by its own if it has one, else by its methodology''s (catalogue_for)';
COMMENT ON COLUMN ocenka.competency_catalogue.code IS 'the catalogue''s code, e.g. vsk-2018';
COMMENT ON COLUMN ocenka.competency_catalogue.title IS 'the act it comes from';
COMMENT ON COLUMN ocenka.competency_catalogue.source IS 'the text it was read from';
COMMENT ON COLUMN ocenka.competency_catalogue.methodology IS 'the methodology whose catalogue it is (NULL for a body''s own)';
COMMENT ON COLUMN ocenka.competency_catalogue.body_id IS 'the body whose own catalogue it is (NULL for a methodology''s)';
COMMENT ON COLUMN ocenka.competency_catalogue.builtin IS 'true for the rows shipped with the extension (pg_dump keeps only the others)';

CREATE TABLE ocenka.catalogue_competency (
	catalogue text NOT NULL REFERENCES ocenka.competency_catalogue ON UPDATE CASCADE ON DELETE CASCADE,
	competency_no smallint NOT NULL CHECK (competency_no BETWEEN 1 AND 50),
	code text NOT NULL,
	name_kk text NOT NULL,
	name_ru text,
	name_en text,
	PRIMARY KEY (catalogue, competency_no),
	UNIQUE (catalogue, code)
);
COMMENT ON TABLE ocenka.catalogue_competency IS 'the competencies of a catalogue, in its order';
COMMENT ON COLUMN ocenka.catalogue_competency.catalogue IS 'the catalogue';
COMMENT ON COLUMN ocenka.catalogue_competency.competency_no IS 'the competency''s number in the catalogue';
COMMENT ON COLUMN ocenka.catalogue_competency.code IS 'a stable code of the competency';
COMMENT ON COLUMN ocenka.catalogue_competency.name_kk IS 'its name, kk wording of the source';
COMMENT ON COLUMN ocenka.catalogue_competency.name_ru IS 'its name in Russian, where a source gives it';
COMMENT ON COLUMN ocenka.catalogue_competency.name_en IS 'its name in English (methodology §8b)';

CREATE TABLE ocenka.behaviour_indicator (
	catalogue text NOT NULL,
	competency_no smallint NOT NULL,
	category_group text NOT NULL CHECK (category_group IN ('heads', 'employees')),
	effective boolean NOT NULL,
	indicator_no smallint NOT NULL CHECK (indicator_no >= 1),
	text_kk text NOT NULL,
	text_ru text,
	PRIMARY KEY (catalogue, competency_no, category_group, effective, indicator_no),
	FOREIGN KEY (catalogue, competency_no) REFERENCES ocenka.catalogue_competency ON UPDATE CASCADE ON DELETE CASCADE
);
COMMENT ON TABLE ocenka.behaviour_indicator IS 'the behavioural indicators of a competency for a category group: effective ones (the 3/4 rule counts them, seed 001 ¶27) and ineffective ones (marked beside them); at most 10 of a kind per competency (seed 001 ¶26, rule ocenka_indicators_at_most_10)';
COMMENT ON COLUMN ocenka.behaviour_indicator.catalogue IS 'the catalogue';
COMMENT ON COLUMN ocenka.behaviour_indicator.competency_no IS 'the competency';
COMMENT ON COLUMN ocenka.behaviour_indicator.category_group IS 'heads (B-1, B-2 unit heads) or employees (B-4, B-5): ocenka places unit heads in the first and everyone else in the second';
COMMENT ON COLUMN ocenka.behaviour_indicator.effective IS 'an effective indicator (counted by the 3/4 rule) or an ineffective one';
COMMENT ON COLUMN ocenka.behaviour_indicator.indicator_no IS 'its number among the competency''s indicators of its group and kind';
COMMENT ON COLUMN ocenka.behaviour_indicator.text_kk IS 'the indicator, kk wording of the source';
COMMENT ON COLUMN ocenka.behaviour_indicator.text_ru IS 'the indicator in Russian, where a source gives it';

-- at most 10 indicators of a kind per competency and group (seed 001 ¶26): its rule is made with the
-- assessments' (src/store/assessment.sql), after the rule engine
-- the catalogue a body assesses by under a methodology: its own, else the methodology's
CREATE FUNCTION ocenka.catalogue_for(body_id bigint, methodology text) RETURNS text
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN coalesce((SELECT c.code FROM ocenka.competency_catalogue c WHERE c.body_id = catalogue_for.body_id),
	                (SELECT c.code FROM ocenka.competency_catalogue c WHERE c.methodology = catalogue_for.methodology
	                 ORDER BY c.code LIMIT 1));
COMMENT ON FUNCTION ocenka.catalogue_for(bigint, text) IS 'the behavioural-indicator catalogue a body assesses competencies by: its own, else its methodology''s (vsk-2018); NULL if neither exists';
SELECT pg_catalog.pg_extension_config_dump('ocenka.competency_catalogue', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump('ocenka.catalogue_competency',
	'WHERE catalogue NOT IN (SELECT code FROM ocenka.competency_catalogue WHERE builtin)');
SELECT pg_catalog.pg_extension_config_dump('ocenka.behaviour_indicator',
	'WHERE catalogue NOT IN (SELECT code FROM ocenka.competency_catalogue WHERE builtin)');
GRANT SELECT ON ocenka.competency_catalogue, ocenka.catalogue_competency, ocenka.behaviour_indicator TO PUBLIC;
