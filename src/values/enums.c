/*
 * enums.c — reading ocenka's own enum types from C.
 *
 * The enums' OIDs are assigned when the extension is created, so C code
 * finds them by name and keeps the mapping in fn_extra for one query: a
 * per-backend cache would go stale across DROP/CREATE EXTENSION. Callers
 * pass the type name as a string literal; its address identifies the map.
 */
#include "ocenka.h"

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_enum.h"
#include "catalog/pg_type.h"
#include "utils/catcache.h"
#include "utils/syscache.h"

#define OC_ENUM_MAX 16

typedef struct OcEnumMap
{
	const char *name;			/* a string literal of the caller */
	Oid			type;
	int			count;
	Oid			values[OC_ENUM_MAX];	/* by sort position */
} OcEnumMap;

/* The OID of an ocenka enum type by name. */
Oid
oc_enum_type(const char *name)
{
	Oid			nsp = get_namespace_oid("ocenka", false);
	Oid			type = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
									   CStringGetDatum(name), ObjectIdGetDatum(nsp));

	if (!OidIsValid(type))
		elog(ERROR, "type ocenka.%s does not exist", name);
	return type;
}

/* Fills a map with an enum's values ordered by their sort order. */
static void
oc_enum_load(OcEnumMap *map, Oid enumtype)
{
	CatCList   *list = SearchSysCacheList1(ENUMTYPOIDNAME, ObjectIdGetDatum(enumtype));
	float4		order[OC_ENUM_MAX];
	int			i;

	if (list->n_members > OC_ENUM_MAX)
		elog(ERROR, "enum %u has more than %d values", enumtype, OC_ENUM_MAX);
	map->type = enumtype;
	map->count = list->n_members;
	for (i = 0; i < list->n_members; i++)
	{
		Form_pg_enum en = (Form_pg_enum) GETSTRUCT(&list->members[i]->tuple);
		int			j = i;

		/* insertion sort by enumsortorder: at most a handful of values */
		while (j > 0 && order[j - 1] > en->enumsortorder)
		{
			order[j] = order[j - 1];
			map->values[j] = map->values[j - 1];
			j--;
		}
		order[j] = en->enumsortorder;
		map->values[j] = en->oid;
	}
	ReleaseSysCacheList(list);
}

static OcEnumMap *
oc_enum_map(FunctionCallInfo fcinfo, const char *name)
{
	OcEnumMap  *map = (OcEnumMap *) fcinfo->flinfo->fn_extra;

	if (map == NULL)
	{
		map = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(OcEnumMap));
		map->name = NULL;
		fcinfo->flinfo->fn_extra = map;
	}
	if (map->name != name)
	{
		oc_enum_load(map, oc_enum_type(name));
		map->name = name;
	}
	return map;
}

/* The 0-based sort position of an enum value. */
int
oc_enum_position(FunctionCallInfo fcinfo, const char *name, Oid value)
{
	OcEnumMap  *map = oc_enum_map(fcinfo, name);
	int			i;

	for (i = 0; i < map->count; i++)
		if (map->values[i] == value)
			return i;
	elog(ERROR, "%u is not a value of enum ocenka.%s", value, name);
	return -1;					/* keep compiler quiet */
}

/* The enum value at a 0-based sort position. */
Datum
oc_enum_value(FunctionCallInfo fcinfo, const char *name, int position)
{
	OcEnumMap  *map = oc_enum_map(fcinfo, name);

	if (position < 0 || position >= map->count)
		elog(ERROR, "enum ocenka.%s has no value at position %d", name, position);
	return ObjectIdGetDatum(map->values[position]);
}
