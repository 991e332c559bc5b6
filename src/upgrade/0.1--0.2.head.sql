-- ocenka 0.1 → 0.2, built by the Makefile (UPGRADE_SOURCES): this guard, the new files that need none
-- of the changes, the changes to objects 0.1 created (0.1--0.2.sql), the other new files, and
-- src/finish.sql; the result must leave a database identical to a fresh install of 0.2
-- (scripts/upgrade-check proves it).

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION ocenka UPDATE TO '0.2'" to load this file. \quit
