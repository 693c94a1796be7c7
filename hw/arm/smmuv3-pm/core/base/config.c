/*
 * arm-smmuv3-pm core: implementation configuration, presets, ID registers
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <string.h>
#include <glib.h>

#include "hw/arm/smmuv3-pm/core/base/config.h"
#include "hw/arm/smmuv3-pm/core/base/arch.h"

/* JEP106 code of Arm Ltd: continuation 4, identity 0x3b */
#define ARM_JEP106_IMPLEMENTER  0x43b

typedef struct SmmuPmPreset {
    const char *name;
    SmmuPmConfig defaults;
    /* product identity */
    uint16_t implementer;       /* IIDR.Implementer (JEP106) */
    uint16_t product_id;
    uint8_t variant;            /* the "rN" of rNpM */
    uint8_t revision;           /* the "pM" of rNpM */
    uint8_t arch_minor;         /* SMMUv3.<arch_minor> */
} SmmuPmPreset;

/*
 * Defaults common to every preset.  ATS and PRI are off until the engine
 * models ATC invalidation and page requests; a user may still advertise
 * them explicitly.
 */
#define COMMON_DEFAULTS                                 \
    .stage = SMMU_PM_STAGE_NESTED,                      \
    .oas_bits = 48,                                     \
    .sidsize = 16,                                      \
    .ssidsize = 20,                                     \
    .cmdqs = SMMU_PM_QS_MAX,                            \
    .eventqs = SMMU_PM_QS_MAX,                          \
    .priqs = SMMU_PM_QS_MAX,                            \
    .msi = true,                                        \
    .ats = false,                                       \
    .pri = false,                                       \
    .granules = SMMU_PM_GRAN_ALL,                       \
    .gbpa_reset = SMMU_PM_GBPA_BYPASS

static const SmmuPmPreset presets[SMMU_PM_MODEL__MAX] = {
    [SMMU_PM_MODEL_GENERIC] = {
        .name = "generic",
        .defaults = {
            COMMON_DEFAULTS,
            .model = SMMU_PM_MODEL_GENERIC,
            .ril = true,
            .stall_model = SMMU_PM_STALL_NONE,
            .httu = SMMU_PM_HTTU_NONE,
        },
        .arch_minor = 2,
    },
    [SMMU_PM_MODEL_MMU600] = {
        .name = "mmu600",
        .defaults = {
            COMMON_DEFAULTS,
            .model = SMMU_PM_MODEL_MMU600,
            .ril = false,               /* RIL is an SMMUv3.2 feature */
            .stall_model = SMMU_PM_STALL_STALL,
            .httu = SMMU_PM_HTTU_AD,
        },
        .implementer = ARM_JEP106_IMPLEMENTER,
        .product_id = 0x483,
        .variant = 1,
        .revision = 0,
        .arch_minor = 1,
    },
    [SMMU_PM_MODEL_MMU700] = {
        .name = "mmu700",
        .defaults = {
            COMMON_DEFAULTS,
            .model = SMMU_PM_MODEL_MMU700,
            .ril = true,
            .stall_model = SMMU_PM_STALL_STALL,
            .httu = SMMU_PM_HTTU_AD,
        },
        .implementer = ARM_JEP106_IMPLEMENTER,
        .product_id = 0x487,
        .variant = 1,
        .revision = 0,
        .arch_minor = 2,
    },
};

static const char *const stage_names[SMMU_PM_STAGE__MAX] = {
    [SMMU_PM_STAGE_S1] = "s1",
    [SMMU_PM_STAGE_S2] = "s2",
    [SMMU_PM_STAGE_NESTED] = "nested",
};

static const char *const stall_names[SMMU_PM_STALL__MAX] = {
    [SMMU_PM_STALL_STALL] = "stall",
    [SMMU_PM_STALL_NONE] = "none",
    [SMMU_PM_STALL_FORCE] = "force",
};

static const char *const httu_names[SMMU_PM_HTTU__MAX] = {
    [SMMU_PM_HTTU_NONE] = "none",
    [SMMU_PM_HTTU_A] = "a",
    [SMMU_PM_HTTU_AD] = "ad",
};

static const char *const gbpa_names[SMMU_PM_GBPA__MAX] = {
    [SMMU_PM_GBPA_BYPASS] = "bypass",
    [SMMU_PM_GBPA_ABORT] = "abort",
};

static const unsigned oas_sizes[] = { 32, 36, 40, 42, 44, 48, 52 };

void smmu_pm_user_config_init(SmmuPmUserConfig *user)
{
    memset(user, 0, sizeof(*user));
    user->oas = SMMU_PM_UNSET;
    user->sidsize = SMMU_PM_UNSET;
    user->ssidsize = SMMU_PM_UNSET;
    user->cmdqs = SMMU_PM_UNSET;
    user->eventqs = SMMU_PM_UNSET;
    user->priqs = SMMU_PM_UNSET;
    user->msi = SMMU_PM_UNSET;
    user->ats = SMMU_PM_UNSET;
    user->pri = SMMU_PM_UNSET;
    user->ril = SMMU_PM_UNSET;
}

const char *smmu_pm_model_name(SmmuPmModel model)
{
    return model < SMMU_PM_MODEL__MAX ? presets[model].name : "?";
}

const char *smmu_pm_stage_name(SmmuPmStage stage)
{
    return (unsigned)stage < SMMU_PM_STAGE__MAX ? stage_names[stage] : NULL;
}

const char *smmu_pm_stall_model_name(SmmuPmStallModel model)
{
    return (unsigned)model < SMMU_PM_STALL__MAX ? stall_names[model] : NULL;
}

const char *smmu_pm_httu_name(SmmuPmHttu httu)
{
    return (unsigned)httu < SMMU_PM_HTTU__MAX ? httu_names[httu] : NULL;
}

const char *smmu_pm_gbpa_reset_name(SmmuPmGbpaReset gbpa)
{
    return (unsigned)gbpa < SMMU_PM_GBPA__MAX ? gbpa_names[gbpa] : NULL;
}

int smmu_pm_oas_encode(unsigned oas_bits)
{
    for (unsigned i = 0; i < G_N_ELEMENTS(oas_sizes); i++) {
        if (oas_sizes[i] == oas_bits) {
            return i;
        }
    }
    return -1;
}

unsigned smmu_pm_oas_bits(unsigned oas_field)
{
    /* Reserved encodings behave as the largest size (IHI 0070, IDR5.OAS) */
    if (oas_field >= G_N_ELEMENTS(oas_sizes)) {
        return oas_sizes[G_N_ELEMENTS(oas_sizes) - 1];
    }
    return oas_sizes[oas_field];
}

/* "a, b, c" for error messages */
static char *join_names(const char *const *names, unsigned count)
{
    GString *s = g_string_new(NULL);

    for (unsigned i = 0; i < count; i++) {
        g_string_append_printf(s, "%s%s", i ? ", " : "", names[i]);
    }
    return g_string_free(s, FALSE);
}

/* Look @value up in @names; unset (NULL) keeps *@out. */
static bool parse_enum(const char *prop, const char *value,
                       const char *const *names, unsigned count,
                       int *out, char **errmsg)
{
    g_autofree char *valid = NULL;

    if (!value) {
        return true;
    }
    for (unsigned i = 0; i < count; i++) {
        if (names[i] && !strcmp(names[i], value)) {
            *out = i;
            return true;
        }
    }
    valid = join_names(names, count);
    *errmsg = g_strdup_printf("invalid value '%s' for property '%s': "
                              "valid values are %s", value, prop, valid);
    return false;
}

static bool parse_granules(const char *value, unsigned *out, char **errmsg)
{
    g_auto(GStrv) tokens = NULL;
    unsigned mask = 0;

    if (!value) {
        return true;
    }
    tokens = g_strsplit(value, ",", -1);
    for (char **t = tokens; *t; t++) {
        g_strstrip(*t);
        if (!g_ascii_strcasecmp(*t, "4k")) {
            mask |= SMMU_PM_GRAN_4K;
        } else if (!g_ascii_strcasecmp(*t, "16k")) {
            mask |= SMMU_PM_GRAN_16K;
        } else if (!g_ascii_strcasecmp(*t, "64k")) {
            mask |= SMMU_PM_GRAN_64K;
        } else {
            *errmsg = g_strdup_printf("invalid value '%s' for property "
                                      "'granules': valid values are a "
                                      "comma-separated list of 4k, 16k, 64k",
                                      value);
            return false;
        }
    }
    if (!mask) {
        *errmsg = g_strdup_printf("invalid value '%s' for property "
                                  "'granules': at least one of 4k, 16k, "
                                  "64k is required", value);
        return false;
    }
    *out = mask;
    return true;
}

static bool take_uint(const char *prop, int value, unsigned max,
                      unsigned *out, char **errmsg)
{
    if (value == SMMU_PM_UNSET) {
        return true;
    }
    if (value < 0 || (unsigned)value > max) {
        *errmsg = g_strdup_printf("invalid value %d for property '%s': "
                                  "valid values are 0 to %u", value, prop,
                                  max);
        return false;
    }
    *out = value;
    return true;
}

static void take_bool(int value, bool *out)
{
    if (value != SMMU_PM_UNSET) {
        *out = value != 0;
    }
}

static bool take_oas(int value, unsigned *out, char **errmsg)
{
    if (value == SMMU_PM_UNSET) {
        return true;
    }
    if (value < 0 || smmu_pm_oas_encode(value) < 0) {
        *errmsg = g_strdup_printf("invalid value %d for property 'oas': "
                                  "valid values are 32, 36, 40, 42, 44, 48, "
                                  "52", value);
        return false;
    }
    *out = value;
    return true;
}

/* Combinations the architecture does not allow */
static bool check_consistency(const SmmuPmConfig *cfg, char **errmsg)
{
    if (cfg->ssidsize && cfg->stage == SMMU_PM_STAGE_S2) {
        *errmsg = g_strdup_printf("property 'ssidsize' must be 0 when "
                                  "'stage' is s2: substreams select stage 1 "
                                  "context descriptors");
        return false;
    }
    if (cfg->pri && !cfg->ats) {
        *errmsg = g_strdup("property 'pri' requires 'ats': PRI is only "
                           "supported together with ATS");
        return false;
    }
    if (cfg->ril && presets[cfg->model].arch_minor < 2) {
        *errmsg = g_strdup_printf("property 'ril'=on needs SMMUv3.2, but "
                                  "model '%s' is SMMUv3.%u",
                                  presets[cfg->model].name,
                                  presets[cfg->model].arch_minor);
        return false;
    }
    if (cfg->oas_bits == 52 && !(cfg->granules & SMMU_PM_GRAN_64K)) {
        *errmsg = g_strdup("property 'oas'=52 requires the 64k granule in "
                           "'granules'");
        return false;
    }
    return true;
}

bool smmu_pm_config_resolve(const SmmuPmUserConfig *user, SmmuPmConfig *cfg,
                            char **errmsg)
{
    int model = SMMU_PM_MODEL_GENERIC;
    const char *model_names[SMMU_PM_MODEL__MAX];
    int stage, stall, httu, gbpa;

    *errmsg = NULL;
    for (unsigned i = 0; i < SMMU_PM_MODEL__MAX; i++) {
        model_names[i] = presets[i].name;
    }
    if (!parse_enum("model", user->model, model_names, SMMU_PM_MODEL__MAX,
                    &model, errmsg)) {
        return false;
    }
    *cfg = presets[model].defaults;

    stage = cfg->stage;
    stall = cfg->stall_model;
    httu = cfg->httu;
    gbpa = cfg->gbpa_reset;
    if (!parse_enum("stage", user->stage, stage_names, SMMU_PM_STAGE__MAX,
                    &stage, errmsg) ||
        !parse_enum("stall-model", user->stall_model, stall_names,
                    SMMU_PM_STALL__MAX, &stall, errmsg) ||
        !parse_enum("httu", user->httu, httu_names, SMMU_PM_HTTU__MAX,
                    &httu, errmsg) ||
        !parse_enum("gbpa-reset", user->gbpa_reset, gbpa_names,
                    SMMU_PM_GBPA__MAX, &gbpa, errmsg) ||
        !parse_granules(user->granules, &cfg->granules, errmsg) ||
        !take_oas(user->oas, &cfg->oas_bits, errmsg) ||
        !take_uint("sidsize", user->sidsize, SMMU_PM_SIDSIZE_MAX,
                   &cfg->sidsize, errmsg) ||
        !take_uint("ssidsize", user->ssidsize, SMMU_PM_SSIDSIZE_MAX,
                   &cfg->ssidsize, errmsg) ||
        !take_uint("cmdqs", user->cmdqs, SMMU_PM_QS_MAX, &cfg->cmdqs,
                   errmsg) ||
        !take_uint("eventqs", user->eventqs, SMMU_PM_QS_MAX, &cfg->eventqs,
                   errmsg) ||
        !take_uint("priqs", user->priqs, SMMU_PM_QS_MAX, &cfg->priqs,
                   errmsg)) {
        return false;
    }
    cfg->stage = stage;
    /* Without stage 1 there are no substreams: default to none */
    if (stage == SMMU_PM_STAGE_S2 && user->ssidsize == SMMU_PM_UNSET) {
        cfg->ssidsize = 0;
    }
    cfg->stall_model = stall;
    cfg->httu = httu;
    cfg->gbpa_reset = gbpa;
    take_bool(user->msi, &cfg->msi);
    take_bool(user->ats, &cfg->ats);
    take_bool(user->pri, &cfg->pri);
    take_bool(user->ril, &cfg->ril);

    return check_consistency(cfg, errmsg);
}

/* CoreSight PIDR layout: part number, JEP106 code, revisions */
static void pidr_of(const SmmuPmPreset *p, uint8_t pidr[8])
{
    /* IIDR.Implementer: JEP106 continuation code [11:8], identity [6:0] */
    unsigned jep_cont = extract32(p->implementer, 8, 4);
    unsigned jep_id = extract32(p->implementer, 0, 7);

    pidr[0] = FIELD_DP32(0, PIDR0, PART_0, p->product_id);
    pidr[1] = FIELD_DP32(0, PIDR1, PART_1, p->product_id >> 8);
    pidr[1] = FIELD_DP32(pidr[1], PIDR1, DES_0, jep_id);
    pidr[2] = FIELD_DP32(0, PIDR2, DES_1, jep_id >> 4);
    pidr[2] = FIELD_DP32(pidr[2], PIDR2, JEDEC, 1);
    pidr[2] = FIELD_DP32(pidr[2], PIDR2, REVISION, p->variant);
    pidr[3] = FIELD_DP32(0, PIDR3, REVAND, p->revision);
    pidr[4] = FIELD_DP32(0, PIDR4, DES_2, jep_cont);
}

const SmmuPmIdentity *smmu_pm_model_identity(SmmuPmModel model)
{
    static SmmuPmIdentity identities[SMMU_PM_MODEL__MAX];
    static gsize initialised;

    if (g_once_init_enter(&initialised)) {
        for (unsigned i = 0; i < SMMU_PM_MODEL__MAX; i++) {
            const SmmuPmPreset *p = &presets[i];
            SmmuPmIdentity *id = &identities[i];

            id->iidr = FIELD_DP32(0, IIDR, IMPLEMENTER, p->implementer);
            id->iidr = FIELD_DP32(id->iidr, IIDR, REVISION, p->revision);
            id->iidr = FIELD_DP32(id->iidr, IIDR, VARIANT, p->variant);
            id->iidr = FIELD_DP32(id->iidr, IIDR, PRODUCTID, p->product_id);
            id->aidr = FIELD_DP32(0, AIDR, ARCHMINORREV, p->arch_minor);
            if (p->implementer) {
                pidr_of(p, id->pidr);
            }
        }
        g_once_init_leave(&initialised, 1);
    }
    return model < SMMU_PM_MODEL__MAX ? &identities[model] : NULL;
}

uint32_t smmu_pm_build_idr0(const SmmuPmConfig *cfg)
{
    uint32_t v = 0;
    bool s1 = cfg->stage != SMMU_PM_STAGE_S2;
    bool s2 = cfg->stage != SMMU_PM_STAGE_S1;

    v = FIELD_DP32(v, IDR0, S2P, s2);
    v = FIELD_DP32(v, IDR0, S1P, s1);
    v = FIELD_DP32(v, IDR0, TTF, SMMU_IDR0_TTF_AARCH64);
    v = FIELD_DP32(v, IDR0, COHACC, 1);
    v = FIELD_DP32(v, IDR0, HTTU, cfg->httu);
    v = FIELD_DP32(v, IDR0, HYP, s1);
    v = FIELD_DP32(v, IDR0, ATS, cfg->ats);
    v = FIELD_DP32(v, IDR0, ASID16, s1);
    v = FIELD_DP32(v, IDR0, MSI, cfg->msi);
    v = FIELD_DP32(v, IDR0, SEV, 1);
    v = FIELD_DP32(v, IDR0, PRI, cfg->pri);
    v = FIELD_DP32(v, IDR0, VMID16, s2);
    v = FIELD_DP32(v, IDR0, CD2L, s1);
    v = FIELD_DP32(v, IDR0, TTENDIAN, SMMU_IDR0_TTENDIAN_LE);
    v = FIELD_DP32(v, IDR0, STALL_MODEL, cfg->stall_model);
    v = FIELD_DP32(v, IDR0, ST_LEVEL, SMMU_IDR0_ST_LEVEL_2LVL);
    return v;
}

uint32_t smmu_pm_build_idr1(const SmmuPmConfig *cfg)
{
    uint32_t v = 0;

    v = FIELD_DP32(v, IDR1, SIDSIZE, cfg->sidsize);
    v = FIELD_DP32(v, IDR1, SSIDSIZE, cfg->ssidsize);
    v = FIELD_DP32(v, IDR1, PRIQS, cfg->pri ? cfg->priqs : 0);
    v = FIELD_DP32(v, IDR1, EVENTQS, cfg->eventqs);
    v = FIELD_DP32(v, IDR1, CMDQS, cfg->cmdqs);
    v = FIELD_DP32(v, IDR1, ATTR_PERMS_OVR, 1);
    v = FIELD_DP32(v, IDR1, ATTR_TYPES_OVR, 1);
    return v;
}

uint32_t smmu_pm_build_idr3(const SmmuPmConfig *cfg)
{
    /* PPS: a PRG Response has a PASID iff its request had one (pri.h) */
    return FIELD_DP32(FIELD_DP32(0, IDR3, RIL, cfg->ril), IDR3, PPS,
                      cfg->pri);
}

uint32_t smmu_pm_build_idr5(const SmmuPmConfig *cfg)
{
    uint32_t v = 0;

    v = FIELD_DP32(v, IDR5, OAS, smmu_pm_oas_encode(cfg->oas_bits));
    v = FIELD_DP32(v, IDR5, GRAN4K, !!(cfg->granules & SMMU_PM_GRAN_4K));
    v = FIELD_DP32(v, IDR5, GRAN16K, !!(cfg->granules & SMMU_PM_GRAN_16K));
    v = FIELD_DP32(v, IDR5, GRAN64K, !!(cfg->granules & SMMU_PM_GRAN_64K));
    /* Outstanding stalls the model can hold when stalling is possible */
    v = FIELD_DP32(v, IDR5, STALL_MAX,
                   cfg->stall_model == SMMU_PM_STALL_NONE ? 0 : 256);
    return v;
}
