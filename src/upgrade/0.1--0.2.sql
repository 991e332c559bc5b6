-- ocenka 0.1 → 0.2: the changes to objects that 0.1 created. The Makefile appends every source
-- file that 0.2 adds whole (see UPGRADE_SOURCES) and src/finish.sql; the result must leave a
-- database identical to a fresh install of 0.2 (scripts/upgrade-check proves it).

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION ocenka UPDATE TO '0.2'" to load this file. \quit
