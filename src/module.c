/*
 * module.c — the shared library's entry point: magic block and per-backend setup.
 */
#include "ocenka.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/* Runs once per backend when the library is loaded. */
void
_PG_init(void)
{
	oc_rules_init();
	oc_access_init();
}
