/*
 * arm-smmuv3-pm: the SMMU's choice properties as QEMU enum types
 *
 * Each property that takes one of a few names (model, stage, tlb-repl,
 * power-retention, ...) has a type name and a QEnumLookup, so that
 * "-device arm-smmuv3-pm,help", qom-list-properties and
 * device-list-properties show its values and its default instead of
 * "str".  A bad value is refused when the property is set, with the
 * message the core gives for its own parsing: "invalid value 'x' for
 * property 'p': valid values are a, b, c".
 *
 * Where the model preset supplies the default (stage, stall-model, httu,
 * gbpa-reset), the last value is "auto", the default: it stands for
 * "unset", and realize hands the core NULL for it, so that the preset
 * decides exactly as it did when the property was an unset string.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/util.h"
#include "qapi/visitor.h"
#include "hw/qdev-properties.h"
#include "smmuv3-pm-internal.h"

#define AUTO "auto"

/*
 * The values' names are the core's own (smmu_pm_*_name()), in the order
 * of its enums, so that a property's value is the core's value; where the
 * model preset decides, "auto" follows the last of them.  The tables are
 * filled once, at class init, before any property is listed or set.
 * model, stage, stall-model, httu and gbpa-reset still go to the core by
 * name, through its own parser (smmu_pm_config_resolve(), which the unit
 * tests use); the others by value.
 */
static const char *model_names[SMMU_PM_MODEL__MAX];
static const char *stage_names[SMMU_PM_STAGE__MAX + 1];
static const char *stall_model_names[SMMU_PM_STALL__MAX + 1];
static const char *httu_names[SMMU_PM_HTTU__MAX + 1];
static const char *gbpa_reset_names[SMMU_PM_GBPA__MAX + 1];
static const char *repl_names[SMMU_PM_REPL__MAX];
static const char *retention_names[SMMU_PM_RETAIN__MAX];
static const char *up_caches_names[SMMU_PM_CACHES__MAX];
static const char *off_access_names[SMMU_PM_OFF__MAX];

/* "auto" is the value after the core's last, where a table has room */
QEMU_BUILD_BUG_ON(SMMUV3_PM_STAGE_AUTO != SMMU_PM_STAGE__MAX);
QEMU_BUILD_BUG_ON(SMMUV3_PM_STALL_AUTO != SMMU_PM_STALL__MAX);
QEMU_BUILD_BUG_ON(SMMUV3_PM_HTTU_AUTO != SMMU_PM_HTTU__MAX);
QEMU_BUILD_BUG_ON(SMMUV3_PM_GBPA_AUTO != SMMU_PM_GBPA__MAX);

/*
 * Fill @names (@n entries) with the core's names of values 0..@n-1, or,
 * with @with_auto, of 0..@n-2 and "auto" last
 */
static void fill_names(const char **names, int n, bool with_auto,
                       const char *(*name_of)(int value))
{
    int last = with_auto ? n - 1 : n;

    for (int i = 0; i < last; i++) {
        names[i] = name_of(i);
        g_assert(names[i]);
    }
    if (with_auto) {
        names[last] = AUTO;
    }
}

#define LOOKUP(names) \
    { .array = (names), .size = ARRAY_SIZE(names) }

static const QEnumLookup model_lookup = LOOKUP(model_names);
static const QEnumLookup stage_lookup = LOOKUP(stage_names);
static const QEnumLookup stall_model_lookup = LOOKUP(stall_model_names);
static const QEnumLookup httu_lookup = LOOKUP(httu_names);
static const QEnumLookup gbpa_reset_lookup = LOOKUP(gbpa_reset_names);
static const QEnumLookup repl_lookup = LOOKUP(repl_names);
static const QEnumLookup retention_lookup = LOOKUP(retention_names);
static const QEnumLookup up_caches_lookup = LOOKUP(up_caches_names);
static const QEnumLookup off_access_lookup = LOOKUP(off_access_names);

/* "a, b, c": the core's wording for the valid values */
static char *enum_values(const QEnumLookup *table)
{
    GString *s = g_string_new(NULL);

    for (int i = 0; i < table->size; i++) {
        g_string_append_printf(s, "%s%s", i ? ", " : "", table->array[i]);
    }
    return g_string_free(s, false);
}

/*
 * QEMU's own enum setter would say "Parameter 'stage' does not accept
 * value 's3'" without the valid values; users and the tests get the
 * message the device gave when it parsed strings at realize.
 */
static void set_enum(Object *obj, Visitor *v, const char *name,
                     void *opaque, Error **errp)
{
    const Property *prop = opaque;
    const QEnumLookup *table = prop->info->enum_table;
    int *ptr = object_field_prop_ptr(obj, prop);
    g_autofree char *value = NULL;
    g_autofree char *valid = NULL;
    int i;

    if (!visit_type_str(v, name, &value, errp)) {
        return;
    }
    i = qapi_enum_parse(table, value, -1, NULL);
    if (i < 0) {
        valid = enum_values(table);
        error_setg(errp, "%s: invalid value '%s' for property '%s': valid "
                   "values are %s", TYPE_ARM_SMMUV3_PM, value, name, valid);
        return;
    }
    *ptr = i;
}

/*
 * The getter and default of QEMU's enum properties (qdev_propinfo_*_enum)
 * are declared in hw/core's private header; these are the same two lines.
 */
static void get_enum(Object *obj, Visitor *v, const char *name,
                     void *opaque, Error **errp)
{
    const Property *prop = opaque;
    int *ptr = object_field_prop_ptr(obj, prop);

    visit_type_enum(v, name, ptr, prop->info->enum_table, errp);
}

static void set_default_enum(ObjectProperty *op, const Property *prop)
{
    object_property_set_default_str(op,
        qapi_enum_lookup(prop->info->enum_table, prop->defval.i));
}

#define ENUM_PROP(_type, _desc, _lookup)                                \
    {                                                                   \
        .type = (_type),                                                \
        .description = (_desc),                                         \
        .enum_table = &(_lookup),                                       \
        .get = get_enum,                                                \
        .set = set_enum,                                                \
        .set_default_value = set_default_enum,                          \
    }

const PropertyInfo smmuv3_pm_prop_model =
    ENUM_PROP("SmmuPmModel", "generic|mmu600|mmu700", model_lookup);
const PropertyInfo smmuv3_pm_prop_stage =
    ENUM_PROP("SmmuPmStage", "s1|s2|nested|auto", stage_lookup);
const PropertyInfo smmuv3_pm_prop_stall_model =
    ENUM_PROP("SmmuPmStallModel", "stall|none|force|auto",
              stall_model_lookup);
const PropertyInfo smmuv3_pm_prop_httu =
    ENUM_PROP("SmmuPmHttu", "none|a|ad|auto", httu_lookup);
const PropertyInfo smmuv3_pm_prop_gbpa_reset =
    ENUM_PROP("SmmuPmGbpaReset", "bypass|abort|auto", gbpa_reset_lookup);
const PropertyInfo smmuv3_pm_prop_repl =
    ENUM_PROP("SmmuPmRepl", "lru|fifo|random", repl_lookup);
const PropertyInfo smmuv3_pm_prop_retention =
    ENUM_PROP("SmmuPmRetention", "none|registers", retention_lookup);
const PropertyInfo smmuv3_pm_prop_up_caches =
    ENUM_PROP("SmmuPmPowerUpCaches", "clean|stale|garbage",
              up_caches_lookup);
const PropertyInfo smmuv3_pm_prop_off_access =
    ENUM_PROP("SmmuPmOffAccess", "raz|bus-error", off_access_lookup);

const char *smmuv3_pm_prop_user_value(const PropertyInfo *info, int value)
{
    const char *name = qapi_enum_lookup(info->enum_table, value);

    return strcmp(name, AUTO) ? name : NULL;
}

/* The core's name functions, as fill_names() takes them */
#define NAME_OF(fn, type) \
    static const char *name_of_##fn(int v) { return smmu_pm_##fn((type)v); }
NAME_OF(model_name, SmmuPmModel)
NAME_OF(stage_name, SmmuPmStage)
NAME_OF(stall_model_name, SmmuPmStallModel)
NAME_OF(httu_name, SmmuPmHttu)
NAME_OF(gbpa_reset_name, SmmuPmGbpaReset)
NAME_OF(repl_name, SmmuPmRepl)
NAME_OF(retention_name, SmmuPmRetention)
NAME_OF(power_up_caches_name, SmmuPmPowerUpCaches)
NAME_OF(off_access_name, SmmuPmOffAccess)
#undef NAME_OF

void smmuv3_pm_props_init(void)
{
    fill_names(model_names, ARRAY_SIZE(model_names), false,
               name_of_model_name);
    fill_names(stage_names, ARRAY_SIZE(stage_names), true,
               name_of_stage_name);
    fill_names(stall_model_names, ARRAY_SIZE(stall_model_names), true,
               name_of_stall_model_name);
    fill_names(httu_names, ARRAY_SIZE(httu_names), true, name_of_httu_name);
    fill_names(gbpa_reset_names, ARRAY_SIZE(gbpa_reset_names), true,
               name_of_gbpa_reset_name);
    fill_names(repl_names, ARRAY_SIZE(repl_names), false, name_of_repl_name);
    fill_names(retention_names, ARRAY_SIZE(retention_names), false,
               name_of_retention_name);
    fill_names(up_caches_names, ARRAY_SIZE(up_caches_names), false,
               name_of_power_up_caches_name);
    fill_names(off_access_names, ARRAY_SIZE(off_access_names), false,
               name_of_off_access_name);
}
