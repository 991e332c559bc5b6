-- score_avg and mean360: exact means, NULL handling, window frames, errors.
SET search_path = ocenka, public;
\set SHOW_CONTEXT never

SELECT score_avg(s) FROM (VALUES ('4.5'::score), ('4'), ('3.99'), (NULL)) AS t(s);
SELECT score_avg(s) AS "3.995 → 4.00" FROM (VALUES ('4'::score), ('3.99')) AS t(s);
SELECT score_avg(s) AS "no rows" FROM (VALUES ('4'::score)) AS t(s) WHERE false;
SELECT score_avg(NULL::score) AS "only NULL";
SELECT q, score_avg(s) FROM (VALUES ('2026-Q1'::quarter, '4'::score), ('2026-Q1', '5'), ('2026-Q2', '3.33'),
                                    ('2026-Q2', '3.33'), ('2026-Q2', '3.34')) AS t(q, s)
GROUP BY q ORDER BY q;
-- moving frames use the inverse transition
SELECT i, s, score_avg(s) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
FROM (VALUES (1, '4.5'::score), (2, '4'), (3, '3.99'), (4, NULL), (5, '5')) AS t(i, s);

SELECT mean360(a::smallint, self) FROM (VALUES (5, false), (4, false), (4, false), (1, true)) AS t(a, self);
SELECT mean360(a::smallint, self) AS "only self" FROM (VALUES (5, true)) AS t(a, self);
SELECT mean360(a::smallint, self) AS "no rows" FROM (VALUES (5, false)) AS t(a, self) WHERE false;
SELECT mean360(a::smallint, self) AS "NULLs skipped" FROM (VALUES (5, false), (NULL, false), (3, NULL)) AS t(a, self);
SELECT mean360(a::smallint, self) AS "5/3 → 1.67" FROM (VALUES (1, false), (2, false), (2, false)) AS t(a, self);
SELECT mean360(a::smallint, self) FROM (VALUES (5, false), (6, false)) AS t(a, self);
SELECT mean360(a::smallint, self) FROM (VALUES (5, false), (0, true)) AS t(a, self);

-- issue 14: an answer outside 1–5 is an error whatever is_self holds; a NULL is_self row is not counted
SELECT mean360(9::smallint, NULL);
SELECT mean360(0::smallint, NULL);
SELECT mean360(a::smallint, self) AS "NULL is_self not counted" FROM (VALUES (5, NULL), (3, false), (4, NULL)) AS t(a, self);
SELECT mean360(a::smallint, self) FROM (VALUES (NULL, NULL), (4, false), (-1, NULL)) AS t(a, self);
