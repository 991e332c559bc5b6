# Sourced by the scripts: picks PostgreSQL 15's pg_config and bin directory.
if [ -z "${PG_CONFIG:-}" ]; then
	if [ -x /usr/lib/postgresql/15/bin/pg_config ]; then
		PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config
	else
		PG_CONFIG=pg_config
	fi
fi
export PG_CONFIG
PATH="$("$PG_CONFIG" --bindir):$PATH"
export PATH
# `make install` writes into PostgreSQL's own directories.
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi
