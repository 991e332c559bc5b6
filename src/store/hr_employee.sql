-- The employees of a body's HR service (персоналды басқару қызметі / служба управления персоналом), by dates:
-- who may sign for the HR service where a rule says an HR employee signs or sits (the refusal act of
-- acquaintance, akmola-2018 ¶41–42). Master data, like appointments; the database roles that act as the HR
-- service are a separate matter (ocenka.staff_capacity).

CREATE TABLE ocenka.hr_employee (
	body_id bigint NOT NULL REFERENCES ocenka.body,
	employee_id bigint NOT NULL REFERENCES ocenka.employee,
	valid_from date NOT NULL,
	valid_until date,
	PRIMARY KEY (body_id, employee_id, valid_from),
	CONSTRAINT hr_employee_dates CHECK (valid_until IS NULL OR valid_until >= valid_from)
);
COMMENT ON TABLE ocenka.hr_employee IS 'who works in a body''s HR service, from when until when: the HR employee who signs a refusal act of acquaintance must be one on the act''s day (akmola-2018 ¶41–42)';
COMMENT ON COLUMN ocenka.hr_employee.body_id IS 'the body whose HR service it is';
COMMENT ON COLUMN ocenka.hr_employee.employee_id IS 'the HR employee';
COMMENT ON COLUMN ocenka.hr_employee.valid_from IS 'first day in the HR service';
COMMENT ON COLUMN ocenka.hr_employee.valid_until IS 'last day in the HR service, or NULL';
SELECT pg_catalog.pg_extension_config_dump('ocenka.hr_employee', '');
GRANT SELECT ON ocenka.hr_employee TO PUBLIC;

-- Whether a person is an employee of a body's HR service on a day.
CREATE FUNCTION ocenka.is_hr_employee(p_body bigint, p_employee bigint, p_day date) RETURNS boolean
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN EXISTS (SELECT FROM ocenka.hr_employee h WHERE h.body_id = p_body AND h.employee_id = p_employee
	               AND h.valid_from <= p_day AND (h.valid_until IS NULL OR h.valid_until >= p_day));
COMMENT ON FUNCTION ocenka.is_hr_employee(bigint, bigint, date) IS 'whether a person works in a body''s HR service on a day (ocenka.hr_employee)';
