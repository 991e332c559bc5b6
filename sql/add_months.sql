-- add_months(date, n): n calendar months later (or earlier), clamped to the month's end,
-- as date + interval does; found by scripts/sanitize (UBSan: a negative month indexed the
-- month-length table out of bounds in 0.1).
SET search_path = ocenka, public;
SET datestyle = ISO;
\set SHOW_CONTEXT never

SELECT d, n, add_months(d, n)
FROM (VALUES ('2026-01-31'::date, 1), ('2024-01-31', 1), ('2026-03-31', -1), ('2026-01-15', -1),
             ('2026-01-31', -13), ('2026-05-05', -12), ('2026-05-05', -17), ('2026-12-31', 0),
             ('2000-02-29', -12), ('2026-05-05', 1200), ('infinity', 5), ('-infinity', -5)) AS t(d, n);
-- every n from -40 to 40 months agrees with date + interval
SELECT count(*) AS disagreements
FROM generate_series('2023-01-01'::date, '2027-12-31', '1 day') AS g(d), generate_series(-40, 40) AS n
WHERE add_months(g.d::date, n) <> (g.d + make_interval(months => n))::date;
-- out of the date type's range: 22008, never a wrong date
SELECT add_months('2026-05-05', 2147483647);
SELECT add_months('2026-05-05', -2147483648);
SELECT add_months('4713-01-01 BC', -1);
SELECT add_months('4714-11-24 BC', -1);
SELECT add_months('5874897-12-01', 1);
