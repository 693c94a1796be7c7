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
 * Names in the order of the core's enums (the index is the core's
 * value), so that a property's value can be handed to the core as it is.
 * model, stage, stall-model, httu and gbpa-reset go to the core by name,
 * through its own parser (smmu_pm_config_resolve(), which the unit tests
 * use); the others by value, checked once in smmuv3_pm_props_check().
 */
static const char *const model_names[] = {
    [SMMU_PM_MODEL_GENERIC] = "generic",
    [SMMU_PM_MODEL_MMU600] = "mmu600",
    [SMMU_PM_MODEL_MMU700] = "mmu700",
};

static const char *const stage_names[] = {
    [SMMU_PM_STAGE_S1] = "s1",
    [SMMU_PM_STAGE_S2] = "s2",
    [SMMU_PM_STAGE_NESTED] = "nested",
    [SMMUV3_PM_STAGE_AUTO] = AUTO,
};

static const char *const stall_model_names[] = {
    [SMMU_PM_STALL_STALL] = "stall",
    [SMMU_PM_STALL_NONE] = "none",
    [SMMU_PM_STALL_FORCE] = "force",
    [SMMUV3_PM_STALL_AUTO] = AUTO,
};

static const char *const httu_names[] = {
    [SMMU_PM_HTTU_NONE] = "none",
    [SMMU_PM_HTTU_A] = "a",
    [SMMU_PM_HTTU_AD] = "ad",
    [SMMUV3_PM_HTTU_AUTO] = AUTO,
};

static const char *const gbpa_reset_names[] = {
    [SMMU_PM_GBPA_BYPASS] = "bypass",
    [SMMU_PM_GBPA_ABORT] = "abort",
    [SMMUV3_PM_GBPA_AUTO] = AUTO,
};

static const char *const repl_names[] = {
    [SMMU_PM_REPL_LRU] = "lru",
    [SMMU_PM_REPL_FIFO] = "fifo",
    [SMMU_PM_REPL_RANDOM] = "random",
};

static const char *const retention_names[] = {
    [SMMU_PM_RETAIN_NONE] = "none",
    [SMMU_PM_RETAIN_REGISTERS] = "registers",
};

static const char *const up_caches_names[] = {
    [SMMU_PM_CACHES_CLEAN] = "clean",
    [SMMU_PM_CACHES_STALE] = "stale",
    [SMMU_PM_CACHES_GARBAGE] = "garbage",
};

static const char *const off_access_names[] = {
    [SMMU_PM_OFF_RAZ_WI] = "raz",
    [SMMU_PM_OFF_BUS_ERROR] = "bus-error",
};

/* Every core value has a name, and "auto" comes right after the last */
QEMU_BUILD_BUG_ON(ARRAY_SIZE(model_names) != SMMU_PM_MODEL__MAX);
QEMU_BUILD_BUG_ON(ARRAY_SIZE(stage_names) != SMMU_PM_STAGE__MAX + 1);
QEMU_BUILD_BUG_ON(ARRAY_SIZE(stall_model_names) != SMMU_PM_STALL__MAX + 1);
QEMU_BUILD_BUG_ON(ARRAY_SIZE(httu_names) != SMMU_PM_HTTU__MAX + 1);
QEMU_BUILD_BUG_ON(ARRAY_SIZE(gbpa_reset_names) != SMMU_PM_GBPA__MAX + 1);
QEMU_BUILD_BUG_ON(ARRAY_SIZE(repl_names) != SMMU_PM_REPL__MAX);

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

/*
 * The values handed to the core as they are must mean what their names
 * say in the core's own parsers: a reordered core enum would otherwise
 * silently swap two settings.
 */
void smmuv3_pm_props_check(void)
{
    for (int i = 0; i < repl_lookup.size; i++) {
        g_assert(smmu_pm_repl_parse(repl_names[i]) == i);
    }
    for (int i = 0; i < retention_lookup.size; i++) {
        g_assert(smmu_pm_retention_parse(retention_names[i]) == i);
    }
    for (int i = 0; i < up_caches_lookup.size; i++) {
        g_assert(smmu_pm_power_up_caches_parse(up_caches_names[i]) == i);
    }
    for (int i = 0; i < off_access_lookup.size; i++) {
        g_assert(smmu_pm_off_access_parse(off_access_names[i]) == i);
    }
}
