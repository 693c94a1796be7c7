/*
 * arm-smmuv3-pm core: configuration resolution and ID register tests
 *
 * Expected register values are computed from the field positions of the
 * Arm SMMUv3 architecture (Arm IHI 0070, chapter 6), written out below,
 * rather than from the core's own field macros, so that a wrong field
 * definition in the core is caught.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <glib.h>
#include <stdarg.h>
#include <string.h>

#include "hw/arm/smmuv3-pm/core/base/config.h"
#include "hw/arm/smmuv3-pm/core/caches/cache.h"
#include "hw/arm/smmuv3-pm/core/pm/power.h"

/* SMMU_IDR0 (IHI 0070 6.3.1) */
#define IDR0_S2P                (1u << 0)
#define IDR0_S1P                (1u << 1)
#define IDR0_TTF(v)             (((v) >> 2) & 0x3)      /* [3:2] */
#define IDR0_HTTU(v)            (((v) >> 6) & 0x3)      /* [7:6] */
#define IDR0_ATS                (1u << 10)
#define IDR0_ASID16             (1u << 12)
#define IDR0_MSI                (1u << 13)
#define IDR0_PRI                (1u << 16)
#define IDR0_VMID16             (1u << 18)
#define IDR0_CD2L               (1u << 19)
#define IDR0_TTENDIAN(v)        (((v) >> 21) & 0x3)     /* [22:21] */
#define IDR0_STALL_MODEL(v)     (((v) >> 24) & 0x3)     /* [25:24] */
#define IDR0_ST_LEVEL(v)        (((v) >> 27) & 0x3)     /* [28:27] */
#define IDR0_RES0               0xe0000000u             /* [31:29] */

/* SMMU_IDR1 (6.3.2) */
#define IDR1_SIDSIZE(v)         ((v) & 0x3f)            /* [5:0] */
#define IDR1_SSIDSIZE(v)        (((v) >> 6) & 0x1f)     /* [10:6] */
#define IDR1_PRIQS(v)           (((v) >> 11) & 0x1f)    /* [15:11] */
#define IDR1_EVENTQS(v)         (((v) >> 16) & 0x1f)    /* [20:16] */
#define IDR1_CMDQS(v)           (((v) >> 21) & 0x1f)    /* [25:21] */
#define IDR1_REL                (1u << 28)
#define IDR1_QUEUES_PRESET      (1u << 29)
#define IDR1_TABLES_PRESET      (1u << 30)

/* SMMU_IDR3 (6.3.4) */
#define IDR3_RIL                (1u << 10)

/* SMMU_IDR5 (6.3.6) */
#define IDR5_OAS(v)             ((v) & 0x7)             /* [2:0] */
#define IDR5_GRAN4K             (1u << 4)
#define IDR5_GRAN16K            (1u << 5)
#define IDR5_GRAN64K            (1u << 6)
#define IDR5_STALL_MAX(v)       ((v) >> 16)             /* [31:16] */

/* SMMU_IIDR (6.3.7) and SMMU_AIDR (6.3.8) */
#define IIDR(impl, rev, var, prod) \
    ((uint32_t)(impl) | ((uint32_t)(rev) << 12) | \
     ((uint32_t)(var) << 16) | ((uint32_t)(prod) << 20))
#define AIDR(major, minor)      (((major) << 4) | (minor))

/* JEP106 code of Arm: continuation code 4 (bits [11:8]), identity 0x3b */
#define ARM_IMPLEMENTER         0x43b

/* ---- Helpers ----------------------------------------------------------- */

static SmmuPmUserConfig user_for(const char *model)
{
    SmmuPmUserConfig u;

    smmu_pm_user_config_init(&u);
    u.model = model;
    return u;
}

/* Resolve @u, which must succeed */
static SmmuPmConfig resolve_ok(const SmmuPmUserConfig *u)
{
    static char sentinel[] = "not cleared";
    SmmuPmConfig cfg;
    char *err = sentinel;       /* must be cleared on success */
    bool ok;

    memset(&cfg, 0xa5, sizeof(cfg));
    ok = smmu_pm_config_resolve(u, &cfg, &err);
    if (!ok) {
        g_test_message("unexpected error: %s", err);
    }
    g_assert_true(ok);
    g_assert_null(err);
    return cfg;
}

/*
 * Resolve @u, which must fail with a message containing every string of
 * the NULL-terminated list that follows.
 */
static void resolve_fails(const SmmuPmUserConfig *u, ...)
    G_GNUC_NULL_TERMINATED;

static void resolve_fails(const SmmuPmUserConfig *u, ...)
{
    SmmuPmConfig cfg;
    g_autofree char *err = NULL;
    const char *needle;
    va_list ap;

    g_assert_false(smmu_pm_config_resolve(u, &cfg, &err));
    g_assert_nonnull(err);
    va_start(ap, u);
    while ((needle = va_arg(ap, const char *))) {
        if (!strstr(err, needle)) {
            g_test_message("'%s' not found in error message '%s'",
                           needle, err);
        }
        g_assert_nonnull(strstr(err, needle));
    }
    va_end(ap);
}

/* ---- Presets ----------------------------------------------------------- */

/* Defaults every preset shares */
static void check_common_defaults(const SmmuPmConfig *c)
{
    g_assert_cmpint(c->stage, ==, SMMU_PM_STAGE_NESTED);
    g_assert_cmpuint(c->oas_bits, ==, 48);
    g_assert_cmpuint(c->sidsize, ==, 16);
    g_assert_cmpuint(c->ssidsize, ==, 20);
    g_assert_cmpuint(c->cmdqs, ==, 19);
    g_assert_cmpuint(c->eventqs, ==, 19);
    g_assert_cmpuint(c->priqs, ==, 19);
    g_assert_true(c->msi);
    g_assert_false(c->ats);
    g_assert_false(c->pri);
    g_assert_cmpuint(c->granules, ==,
                     SMMU_PM_GRAN_4K | SMMU_PM_GRAN_16K | SMMU_PM_GRAN_64K);
    g_assert_cmpint(c->gbpa_reset, ==, SMMU_PM_GBPA_BYPASS);
}

static void test_preset_generic(void)
{
    SmmuPmUserConfig u = user_for("generic");
    SmmuPmConfig c = resolve_ok(&u);

    g_assert_cmpint(c.model, ==, SMMU_PM_MODEL_GENERIC);
    check_common_defaults(&c);
    g_assert_true(c.ril);
    g_assert_cmpint(c.stall_model, ==, SMMU_PM_STALL_NONE);
    g_assert_cmpint(c.httu, ==, SMMU_PM_HTTU_NONE);
}

static void test_preset_default_is_generic(void)
{
    SmmuPmUserConfig u = user_for(NULL);
    SmmuPmUserConfig g = user_for("generic");
    SmmuPmConfig c = resolve_ok(&u);
    SmmuPmConfig cg = resolve_ok(&g);

    g_assert_cmpint(c.model, ==, SMMU_PM_MODEL_GENERIC);
    g_assert_cmpmem(&c, sizeof(c), &cg, sizeof(cg));
}

static void test_preset_mmu600(void)
{
    SmmuPmUserConfig u = user_for("mmu600");
    SmmuPmConfig c = resolve_ok(&u);

    g_assert_cmpint(c.model, ==, SMMU_PM_MODEL_MMU600);
    check_common_defaults(&c);
    g_assert_false(c.ril);          /* MMU-600 is SMMUv3.1: no RIL */
    g_assert_cmpint(c.stall_model, ==, SMMU_PM_STALL_STALL);
    g_assert_cmpint(c.httu, ==, SMMU_PM_HTTU_AD);
}

static void test_preset_mmu700(void)
{
    SmmuPmUserConfig u = user_for("mmu700");
    SmmuPmConfig c = resolve_ok(&u);

    g_assert_cmpint(c.model, ==, SMMU_PM_MODEL_MMU700);
    check_common_defaults(&c);
    g_assert_true(c.ril);
    g_assert_cmpint(c.stall_model, ==, SMMU_PM_STALL_STALL);
    g_assert_cmpint(c.httu, ==, SMMU_PM_HTTU_AD);
}

static void test_model_names(void)
{
    g_assert_cmpstr(smmu_pm_model_name(SMMU_PM_MODEL_GENERIC), ==,
                    "generic");
    g_assert_cmpstr(smmu_pm_model_name(SMMU_PM_MODEL_MMU600), ==, "mmu600");
    g_assert_cmpstr(smmu_pm_model_name(SMMU_PM_MODEL_MMU700), ==, "mmu700");
    g_assert_cmpstr(smmu_pm_model_name(SMMU_PM_MODEL__MAX), ==, "?");
}

/* ---- User overrides ---------------------------------------------------- */

/* Every property set away from its default, on every preset */
static void test_override_all(void)
{
    static const char *const models[] = { "generic", "mmu600", "mmu700" };

    for (unsigned i = 0; i < G_N_ELEMENTS(models); i++) {
        SmmuPmUserConfig u = user_for(models[i]);
        SmmuPmConfig c;

        u.stage = "s1";
        u.stall_model = "force";
        u.httu = "a";
        u.granules = "4k,16k";
        u.gbpa_reset = "abort";
        u.oas = 44;
        u.sidsize = 8;
        u.ssidsize = 5;
        u.cmdqs = 10;
        u.eventqs = 11;
        u.priqs = 12;
        u.msi = 0;
        u.ats = 1;
        u.pri = 1;
        u.ril = 0;                  /* every preset allows turning it off */
        c = resolve_ok(&u);

        g_assert_cmpint(c.model, ==, (int)i);
        g_assert_cmpint(c.stage, ==, SMMU_PM_STAGE_S1);
        g_assert_cmpint(c.stall_model, ==, SMMU_PM_STALL_FORCE);
        g_assert_cmpint(c.httu, ==, SMMU_PM_HTTU_A);
        g_assert_cmpuint(c.granules, ==, SMMU_PM_GRAN_4K | SMMU_PM_GRAN_16K);
        g_assert_cmpint(c.gbpa_reset, ==, SMMU_PM_GBPA_ABORT);
        g_assert_cmpuint(c.oas_bits, ==, 44);
        g_assert_cmpuint(c.sidsize, ==, 8);
        g_assert_cmpuint(c.ssidsize, ==, 5);
        g_assert_cmpuint(c.cmdqs, ==, 10);
        g_assert_cmpuint(c.eventqs, ==, 11);
        g_assert_cmpuint(c.priqs, ==, 12);
        g_assert_false(c.msi);
        g_assert_true(c.ats);
        g_assert_true(c.pri);
        g_assert_false(c.ril);
    }
}

/* Boolean overrides in both directions; any non-zero value means on */
static void test_override_bools(void)
{
    SmmuPmUserConfig u = user_for("generic");
    SmmuPmConfig c;

    u.ril = 0;
    u.msi = 0;
    c = resolve_ok(&u);
    g_assert_false(c.ril);
    g_assert_false(c.msi);

    u = user_for("mmu700");
    u.ril = 1;
    u.msi = 1;
    u.ats = 2;
    c = resolve_ok(&u);
    g_assert_true(c.ril);
    g_assert_true(c.msi);
    g_assert_true(c.ats);
    g_assert_false(c.pri);

    u = user_for("mmu700");
    u.ats = 1;
    u.pri = 0;
    c = resolve_ok(&u);
    g_assert_true(c.ats);
    g_assert_false(c.pri);
}

/* Each enum property accepts every one of its values */
static void test_override_enum_values(void)
{
    static const struct {
        const char *name;
        int value;
    } stages[] = {
        { "s1", SMMU_PM_STAGE_S1 },
        { "s2", SMMU_PM_STAGE_S2 },
        { "nested", SMMU_PM_STAGE_NESTED },
    }, stalls[] = {
        { "stall", SMMU_PM_STALL_STALL },
        { "none", SMMU_PM_STALL_NONE },
        { "force", SMMU_PM_STALL_FORCE },
    }, httus[] = {
        { "none", SMMU_PM_HTTU_NONE },
        { "a", SMMU_PM_HTTU_A },
        { "ad", SMMU_PM_HTTU_AD },
    }, gbpas[] = {
        { "bypass", SMMU_PM_GBPA_BYPASS },
        { "abort", SMMU_PM_GBPA_ABORT },
    };
    SmmuPmUserConfig u;
    SmmuPmConfig c;

    for (unsigned i = 0; i < G_N_ELEMENTS(stages); i++) {
        u = user_for("mmu700");
        u.stage = stages[i].name;
        u.ssidsize = 0;             /* allowed with every stage */
        c = resolve_ok(&u);
        g_assert_cmpint(c.stage, ==, stages[i].value);
    }
    for (unsigned i = 0; i < G_N_ELEMENTS(stalls); i++) {
        u = user_for("generic");
        u.stall_model = stalls[i].name;
        c = resolve_ok(&u);
        g_assert_cmpint(c.stall_model, ==, stalls[i].value);
    }
    for (unsigned i = 0; i < G_N_ELEMENTS(httus); i++) {
        u = user_for("mmu600");
        u.httu = httus[i].name;
        c = resolve_ok(&u);
        g_assert_cmpint(c.httu, ==, httus[i].value);
    }
    for (unsigned i = 0; i < G_N_ELEMENTS(gbpas); i++) {
        u = user_for("generic");
        u.gbpa_reset = gbpas[i].name;
        c = resolve_ok(&u);
        g_assert_cmpint(c.gbpa_reset, ==, gbpas[i].value);
    }
}

/* Every architectural output address size is accepted */
static void test_override_oas_values(void)
{
    static const int sizes[] = { 32, 36, 40, 42, 44, 48, 52 };

    for (unsigned i = 0; i < G_N_ELEMENTS(sizes); i++) {
        SmmuPmUserConfig u = user_for("generic");
        SmmuPmConfig c;

        u.oas = sizes[i];
        c = resolve_ok(&u);
        g_assert_cmpuint(c.oas_bits, ==, sizes[i]);
    }
}

/* The integer properties accept their whole architectural range */
static void test_override_int_limits(void)
{
    SmmuPmUserConfig u = user_for("generic");
    SmmuPmConfig c;

    u.sidsize = 32;
    u.ssidsize = 20;
    u.cmdqs = 19;
    u.eventqs = 19;
    u.priqs = 19;
    c = resolve_ok(&u);
    g_assert_cmpuint(c.sidsize, ==, 32);
    g_assert_cmpuint(c.ssidsize, ==, 20);
    g_assert_cmpuint(c.cmdqs, ==, 19);

    u.sidsize = 0;
    u.ssidsize = 0;
    u.cmdqs = 0;
    u.eventqs = 0;
    u.priqs = 0;
    c = resolve_ok(&u);
    g_assert_cmpuint(c.sidsize, ==, 0);
    g_assert_cmpuint(c.ssidsize, ==, 0);
    g_assert_cmpuint(c.cmdqs, ==, 0);
    g_assert_cmpuint(c.eventqs, ==, 0);
    g_assert_cmpuint(c.priqs, ==, 0);
}

/* ---- Invalid values ---------------------------------------------------- */

static void test_invalid_model(void)
{
    SmmuPmUserConfig u = user_for("mmu500");

    resolve_fails(&u, "'model'", "mmu500", "generic, mmu600, mmu700", NULL);
}

static void test_invalid_enums(void)
{
    SmmuPmUserConfig u;

    u = user_for("generic");
    u.stage = "s3";
    resolve_fails(&u, "'stage'", "s3", "s1, s2, nested", NULL);

    u = user_for("generic");
    u.stage = "";
    resolve_fails(&u, "'stage'", "''", "s1, s2, nested", NULL);

    u = user_for("generic");
    u.stall_model = "sometimes";
    resolve_fails(&u, "'stall-model'", "sometimes", "stall, none, force",
                  NULL);

    u = user_for("generic");
    u.httu = "d";
    resolve_fails(&u, "'httu'", "'d'", "none, a, ad", NULL);

    u = user_for("generic");
    u.gbpa_reset = "block";
    resolve_fails(&u, "'gbpa-reset'", "block", "bypass, abort", NULL);
}

static void test_invalid_oas(void)
{
    static const int bad[] = { 0, 31, 33, 41, 46, 50, 56, 64, -2 };

    for (unsigned i = 0; i < G_N_ELEMENTS(bad); i++) {
        SmmuPmUserConfig u = user_for("mmu600");
        g_autofree char *val = g_strdup_printf("%d", bad[i]);

        u.oas = bad[i];
        resolve_fails(&u, "'oas'", val, "32, 36, 40, 42, 44, 48, 52", NULL);
    }
}

static void test_invalid_ints(void)
{
    SmmuPmUserConfig u;

    u = user_for("generic");
    u.sidsize = 33;
    resolve_fails(&u, "'sidsize'", "33", "0 to 32", NULL);

    u = user_for("generic");
    u.sidsize = -7;
    resolve_fails(&u, "'sidsize'", "-7", "0 to 32", NULL);

    u = user_for("generic");
    u.ssidsize = 21;
    resolve_fails(&u, "'ssidsize'", "21", "0 to 20", NULL);

    u = user_for("generic");
    u.cmdqs = 20;
    resolve_fails(&u, "'cmdqs'", "20", "0 to 19", NULL);

    u = user_for("generic");
    u.eventqs = 32;
    resolve_fails(&u, "'eventqs'", "32", "0 to 19", NULL);

    u = user_for("generic");
    u.priqs = 20;
    resolve_fails(&u, "'priqs'", "20", "0 to 19", NULL);
}

/* ---- Consistency rules ------------------------------------------------- */

static void test_consistency_ssid_s2(void)
{
    SmmuPmUserConfig u = user_for("generic");
    SmmuPmConfig c;

    /* Substreams select stage 1 context descriptors: none with s2 only */
    u.stage = "s2";
    u.ssidsize = 4;
    resolve_fails(&u, "'ssidsize'", "s2", NULL);

    u.ssidsize = 0;
    c = resolve_ok(&u);
    g_assert_cmpint(c.stage, ==, SMMU_PM_STAGE_S2);
    g_assert_cmpuint(c.ssidsize, ==, 0);

    /* Left unset, SSIDSIZE follows the stage: no substreams without S1 */
    u = user_for("generic");
    u.stage = "s2";
    c = resolve_ok(&u);
    g_assert_cmpuint(c.ssidsize, ==, 0);

    /* Non-zero SSIDSIZE is fine with stage 1 */
    u.stage = "s1";
    u.ssidsize = 4;
    c = resolve_ok(&u);
    g_assert_cmpuint(c.ssidsize, ==, 4);
}

static void test_consistency_ril_v31(void)
{
    SmmuPmUserConfig u = user_for("mmu600");
    SmmuPmConfig c;

    /* IDR3.RIL is RES0 before SMMUv3.2: MMU-600 (v3.1) cannot have it */
    u.ril = 1;
    resolve_fails(&u, "'ril'", "mmu600", "SMMUv3.1", NULL);

    u = user_for("mmu700");
    u.ril = 1;
    c = resolve_ok(&u);
    g_assert_true(c.ril);
}

static void test_consistency_pri_ats(void)
{
    SmmuPmUserConfig u = user_for("mmu700");
    SmmuPmConfig c;

    u.pri = 1;
    resolve_fails(&u, "'pri'", "'ats'", NULL);

    u.ats = 0;
    resolve_fails(&u, "'pri'", "'ats'", NULL);

    u.ats = 1;
    c = resolve_ok(&u);
    g_assert_true(c.pri);
    g_assert_true(c.ats);
}

static void test_consistency_oas52(void)
{
    SmmuPmUserConfig u = user_for("generic");
    SmmuPmConfig c;

    u.oas = 52;
    u.granules = "4k,16k";
    resolve_fails(&u, "'oas'", "52", "64k", NULL);

    u.granules = "64k";
    c = resolve_ok(&u);
    g_assert_cmpuint(c.oas_bits, ==, 52);
    g_assert_cmpuint(c.granules, ==, SMMU_PM_GRAN_64K);

    /* The default granule set includes 64k */
    u.granules = NULL;
    c = resolve_ok(&u);
    g_assert_cmpuint(c.oas_bits, ==, 52);
}

/* ---- Granules ---------------------------------------------------------- */

static void test_granules_parse(void)
{
    static const struct {
        const char *text;
        unsigned mask;
    } good[] = {
        { "4k", SMMU_PM_GRAN_4K },
        { "16k", SMMU_PM_GRAN_16K },
        { "64k", SMMU_PM_GRAN_64K },
        { "4K", SMMU_PM_GRAN_4K },
        { "64K,16k", SMMU_PM_GRAN_64K | SMMU_PM_GRAN_16K },
        { " 4k , 64k ", SMMU_PM_GRAN_4K | SMMU_PM_GRAN_64K },
        { "\t16K,\t4k", SMMU_PM_GRAN_16K | SMMU_PM_GRAN_4K },
        { "4k,16k,64k", SMMU_PM_GRAN_4K | SMMU_PM_GRAN_16K |
                        SMMU_PM_GRAN_64K },
        { "4k,4k", SMMU_PM_GRAN_4K },
    };

    for (unsigned i = 0; i < G_N_ELEMENTS(good); i++) {
        SmmuPmUserConfig u = user_for("generic");
        SmmuPmConfig c;

        u.granules = good[i].text;
        c = resolve_ok(&u);
        g_assert_cmpuint(c.granules, ==, good[i].mask);
    }
}

static void test_granules_invalid(void)
{
    static const char *const bad[] = {
        "8k", "4k,8k", "4kb", "4 k", "4k;16k", "4k,,16k", "64k,",
        "all", "4096",
    };

    for (unsigned i = 0; i < G_N_ELEMENTS(bad); i++) {
        SmmuPmUserConfig u = user_for("generic");

        u.granules = bad[i];
        resolve_fails(&u, "'granules'", bad[i], "4k, 16k, 64k", NULL);
    }
}

static void test_granules_empty(void)
{
    SmmuPmUserConfig u = user_for("generic");

    u.granules = "";
    resolve_fails(&u, "'granules'", "4k, 16k, 64k", NULL);
    u.granules = " ";
    resolve_fails(&u, "'granules'", "4k, 16k, 64k", NULL);
}

/* ---- Identity ---------------------------------------------------------- */

static void check_arm_pidr(const SmmuPmIdentity *id, unsigned product,
                           unsigned variant, unsigned revision)
{
    unsigned part, jep_id;

    /* CoreSight PIDR layout (Arm IHI 0029) as used by SMMU_PIDRn */
    part = id->pidr[0] | ((id->pidr[1] & 0xf) << 8);
    jep_id = (id->pidr[1] >> 4) | ((id->pidr[2] & 0x7) << 4);
    g_assert_cmpuint(part, ==, product);
    g_assert_cmpuint(jep_id, ==, ARM_IMPLEMENTER & 0x7f);
    g_assert_cmpuint(id->pidr[2] & 0x8, ==, 0x8);       /* JEDEC */
    g_assert_cmpuint(id->pidr[2] >> 4, ==, variant);    /* REVISION */
    g_assert_cmpuint(id->pidr[3] >> 4, ==, revision);   /* REVAND */
    g_assert_cmpuint(id->pidr[3] & 0xf, ==, 0);         /* CMOD */
    g_assert_cmpuint(id->pidr[4] & 0xf, ==, ARM_IMPLEMENTER >> 8);
    g_assert_cmpuint(id->pidr[4] >> 4, ==, 0);          /* SIZE: 4KB */
    g_assert_cmpuint(id->pidr[5], ==, 0);
    g_assert_cmpuint(id->pidr[6], ==, 0);
    g_assert_cmpuint(id->pidr[7], ==, 0);
}

static void test_identity_mmu600(void)
{
    const SmmuPmIdentity *id = smmu_pm_model_identity(SMMU_PM_MODEL_MMU600);
    static const uint8_t pidr[8] = { 0x83, 0xb4, 0x1b, 0x00, 0x04 };

    g_assert_nonnull(id);
    /* MMU-600 r1p0, Arm, SMMUv3.1 */
    g_assert_cmphex(id->iidr, ==, IIDR(ARM_IMPLEMENTER, 0, 1, 0x483));
    g_assert_cmphex(id->iidr, ==, 0x4831043b);
    g_assert_cmphex(id->aidr, ==, AIDR(0, 1));
    check_arm_pidr(id, 0x483, 1, 0);
    g_assert_cmpmem(id->pidr, 8, pidr, 8);
}

static void test_identity_mmu700(void)
{
    const SmmuPmIdentity *id = smmu_pm_model_identity(SMMU_PM_MODEL_MMU700);
    static const uint8_t pidr[8] = { 0x87, 0xb4, 0x1b, 0x00, 0x04 };

    g_assert_nonnull(id);
    /* MMU-700 r1p0, Arm, SMMUv3.2 */
    g_assert_cmphex(id->iidr, ==, IIDR(ARM_IMPLEMENTER, 0, 1, 0x487));
    g_assert_cmphex(id->iidr, ==, 0x4871043b);
    g_assert_cmphex(id->aidr, ==, AIDR(0, 2));
    check_arm_pidr(id, 0x487, 1, 0);
    g_assert_cmpmem(id->pidr, 8, pidr, 8);
}

static void test_identity_generic(void)
{
    const SmmuPmIdentity *id = smmu_pm_model_identity(SMMU_PM_MODEL_GENERIC);
    static const uint8_t zero[8];

    g_assert_nonnull(id);
    /* No implementer, SMMUv3.2 (it advertises RIL by default) */
    g_assert_cmphex(id->iidr, ==, 0);
    g_assert_cmphex(id->aidr, ==, AIDR(0, 2));
    g_assert_cmpmem(id->pidr, 8, zero, 8);
}

static void test_identity_invalid(void)
{
    g_assert_null(smmu_pm_model_identity(SMMU_PM_MODEL__MAX));
    /* Stable: the same table on every call */
    g_assert_true(smmu_pm_model_identity(SMMU_PM_MODEL_MMU600) ==
                  smmu_pm_model_identity(SMMU_PM_MODEL_MMU600));
}

/* ---- OAS encoding ------------------------------------------------------ */

static void test_oas_encoding(void)
{
    /* IDR5.OAS: 0b000 32 bits ... 0b110 52 bits */
    static const unsigned bits[] = { 32, 36, 40, 42, 44, 48, 52 };

    for (unsigned i = 0; i < G_N_ELEMENTS(bits); i++) {
        g_assert_cmpint(smmu_pm_oas_encode(bits[i]), ==, i);
        g_assert_cmpuint(smmu_pm_oas_bits(i), ==, bits[i]);
    }
    g_assert_cmpint(smmu_pm_oas_encode(0), ==, -1);
    g_assert_cmpint(smmu_pm_oas_encode(41), ==, -1);
    g_assert_cmpint(smmu_pm_oas_encode(64), ==, -1);
}

/* ---- ID register builders ---------------------------------------------- */

static SmmuPmConfig cfg_with(const char *model, void (*tweak)(
                                 SmmuPmUserConfig *u, unsigned arg),
                             unsigned arg)
{
    SmmuPmUserConfig u = user_for(model);

    if (tweak) {
        tweak(&u, arg);
    }
    return resolve_ok(&u);
}

static void set_stage(SmmuPmUserConfig *u, unsigned stage)
{
    static const char *const names[] = { "s1", "s2", "nested" };

    u->stage = names[stage];
    if (stage == SMMU_PM_STAGE_S2) {
        u->ssidsize = 0;
    }
}

static void test_idr0_stage(void)
{
    static const struct {
        unsigned stage;
        bool s1, s2;
    } cases[] = {
        { SMMU_PM_STAGE_S1, true, false },
        { SMMU_PM_STAGE_S2, false, true },
        { SMMU_PM_STAGE_NESTED, true, true },
    };

    for (unsigned i = 0; i < G_N_ELEMENTS(cases); i++) {
        SmmuPmConfig c = cfg_with("mmu600", set_stage, cases[i].stage);
        uint32_t v = smmu_pm_build_idr0(&c);

        g_assert_cmpint(!!(v & IDR0_S1P), ==, cases[i].s1);
        g_assert_cmpint(!!(v & IDR0_S2P), ==, cases[i].s2);
        /* Stage-1-only features need stage 1, VMID16 needs stage 2 */
        if (!cases[i].s1) {
            g_assert_cmphex(v & (IDR0_CD2L | IDR0_ASID16), ==, 0);
        }
        if (!cases[i].s2) {
            g_assert_cmphex(v & IDR0_VMID16, ==, 0);
        }
        /* AArch64 tables only, little-endian, 2-level stream table */
        g_assert_cmpuint(IDR0_TTF(v), ==, 2);
        g_assert_cmpuint(IDR0_TTENDIAN(v), ==, 2);
        g_assert_cmpuint(IDR0_ST_LEVEL(v), ==, 1);
        g_assert_cmphex(v & IDR0_RES0, ==, 0);
    }
}

static void test_idr0_features(void)
{
    SmmuPmUserConfig u = user_for("generic");
    SmmuPmConfig c;
    uint32_t v;

    /* generic defaults: MSI, no ATS/PRI, no HTTU, stall not supported */
    c = resolve_ok(&u);
    v = smmu_pm_build_idr0(&c);
    g_assert_cmphex(v & IDR0_MSI, ==, IDR0_MSI);
    g_assert_cmphex(v & (IDR0_ATS | IDR0_PRI), ==, 0);
    g_assert_cmpuint(IDR0_HTTU(v), ==, 0);
    g_assert_cmpuint(IDR0_STALL_MODEL(v), ==, 1);

    u.msi = 0;
    u.ats = 1;
    c = resolve_ok(&u);
    v = smmu_pm_build_idr0(&c);
    g_assert_cmphex(v & IDR0_MSI, ==, 0);
    g_assert_cmphex(v & IDR0_ATS, ==, IDR0_ATS);
    g_assert_cmphex(v & IDR0_PRI, ==, 0);

    u.pri = 1;
    c = resolve_ok(&u);
    v = smmu_pm_build_idr0(&c);
    g_assert_cmphex(v & (IDR0_ATS | IDR0_PRI), ==, IDR0_ATS | IDR0_PRI);
}

static void test_idr0_httu_stall(void)
{
    static const struct {
        const char *name;
        unsigned enc;
    } httu[] = {
        { "none", 0 }, { "a", 1 }, { "ad", 2 },
    }, stall[] = {
        { "stall", 0 }, { "none", 1 }, { "force", 2 },
    };

    for (unsigned i = 0; i < G_N_ELEMENTS(httu); i++) {
        SmmuPmUserConfig u = user_for("generic");
        SmmuPmConfig c;

        u.httu = httu[i].name;
        c = resolve_ok(&u);
        g_assert_cmpuint(IDR0_HTTU(smmu_pm_build_idr0(&c)), ==, httu[i].enc);
    }
    for (unsigned i = 0; i < G_N_ELEMENTS(stall); i++) {
        SmmuPmUserConfig u = user_for("generic");
        SmmuPmConfig c;
        uint32_t idr5;

        u.stall_model = stall[i].name;
        c = resolve_ok(&u);
        g_assert_cmpuint(IDR0_STALL_MODEL(smmu_pm_build_idr0(&c)), ==,
                         stall[i].enc);
        /* STALL_MAX: outstanding stalls, none when stalling is impossible */
        idr5 = smmu_pm_build_idr5(&c);
        if (stall[i].enc == 1) {
            g_assert_cmpuint(IDR5_STALL_MAX(idr5), ==, 0);
        } else {
            g_assert_cmpuint(IDR5_STALL_MAX(idr5), >, 0);
        }
    }
}

static void test_idr1_sizes(void)
{
    SmmuPmUserConfig u = user_for("generic");
    SmmuPmConfig c;
    uint32_t v;

    u.sidsize = 32;
    u.ssidsize = 17;
    u.cmdqs = 9;
    u.eventqs = 7;
    u.priqs = 5;
    u.ats = 1;
    u.pri = 1;
    c = resolve_ok(&u);
    v = smmu_pm_build_idr1(&c);
    g_assert_cmpuint(IDR1_SIDSIZE(v), ==, 32);
    g_assert_cmpuint(IDR1_SSIDSIZE(v), ==, 17);
    g_assert_cmpuint(IDR1_CMDQS(v), ==, 9);
    g_assert_cmpuint(IDR1_EVENTQS(v), ==, 7);
    g_assert_cmpuint(IDR1_PRIQS(v), ==, 5);
    /* Base registers are programmable and absolute */
    g_assert_cmphex(v & (IDR1_TABLES_PRESET | IDR1_QUEUES_PRESET |
                         IDR1_REL), ==, 0);

    /* Defaults; without PRI there is no PRI queue to size */
    u = user_for("mmu600");
    c = resolve_ok(&u);
    v = smmu_pm_build_idr1(&c);
    g_assert_cmpuint(IDR1_SIDSIZE(v), ==, 16);
    g_assert_cmpuint(IDR1_SSIDSIZE(v), ==, 20);
    g_assert_cmpuint(IDR1_CMDQS(v), ==, 19);
    g_assert_cmpuint(IDR1_EVENTQS(v), ==, 19);
    g_assert_cmpuint(IDR1_PRIQS(v), ==, 0);
}

static void test_idr3_ril(void)
{
    SmmuPmUserConfig u = user_for("mmu600");
    SmmuPmConfig c = resolve_ok(&u);

    g_assert_cmphex(smmu_pm_build_idr3(&c), ==, 0);
    u = user_for("mmu700");
    c = resolve_ok(&u);
    g_assert_cmphex(smmu_pm_build_idr3(&c), ==, IDR3_RIL);
    u.ril = 0;
    c = resolve_ok(&u);
    g_assert_cmphex(smmu_pm_build_idr3(&c), ==, 0);
}

static void test_idr5_oas_granules(void)
{
    static const struct {
        int oas;
        const char *granules;
        unsigned oas_field;
        uint32_t gran_bits;
    } cases[] = {
        { 32, "4k", 0, IDR5_GRAN4K },
        { 36, "16k", 1, IDR5_GRAN16K },
        { 40, "64k", 2, IDR5_GRAN64K },
        { 42, "4k,64k", 3, IDR5_GRAN4K | IDR5_GRAN64K },
        { 44, "16k,4k", 4, IDR5_GRAN4K | IDR5_GRAN16K },
        { 48, NULL, 5, IDR5_GRAN4K | IDR5_GRAN16K | IDR5_GRAN64K },
        { 52, "64k", 6, IDR5_GRAN64K },
    };

    for (unsigned i = 0; i < G_N_ELEMENTS(cases); i++) {
        SmmuPmUserConfig u = user_for("generic");
        SmmuPmConfig c;
        uint32_t v;

        u.oas = cases[i].oas;
        u.granules = cases[i].granules;
        c = resolve_ok(&u);
        v = smmu_pm_build_idr5(&c);
        g_assert_cmpuint(IDR5_OAS(v), ==, cases[i].oas_field);
        g_assert_cmphex(v & (IDR5_GRAN4K | IDR5_GRAN16K | IDR5_GRAN64K), ==,
                        cases[i].gran_bits);
        /* Bit 3, [9:7] (RES0) and VAX [11:10] (48-bit VA) are zero */
        g_assert_cmphex(v & 0xf88, ==, 0);
    }
}

/*
 * The names of every property value, in the order of the core's enums
 * (the QEMU binding builds its enum property types from them), and NULL
 * past the last value
 */
static void test_value_names(void)
{
    static const char *const stage[] = { "s1", "s2", "nested" };
    static const char *const stall[] = { "stall", "none", "force" };
    static const char *const httu[] = { "none", "a", "ad" };
    static const char *const gbpa[] = { "bypass", "abort" };
    static const char *const repl[] = { "lru", "fifo", "random" };
    static const char *const retention[] = { "none", "registers" };
    static const char *const up_caches[] = { "clean", "stale", "garbage" };
    static const char *const off_access[] = { "raz", "bus-error" };

    g_assert_cmpint(SMMU_PM_STAGE__MAX, ==, G_N_ELEMENTS(stage));
    g_assert_cmpint(SMMU_PM_STALL__MAX, ==, G_N_ELEMENTS(stall));
    g_assert_cmpint(SMMU_PM_HTTU__MAX, ==, G_N_ELEMENTS(httu));
    g_assert_cmpint(SMMU_PM_GBPA__MAX, ==, G_N_ELEMENTS(gbpa));
    g_assert_cmpint(SMMU_PM_REPL__MAX, ==, G_N_ELEMENTS(repl));
    g_assert_cmpint(SMMU_PM_RETAIN__MAX, ==, G_N_ELEMENTS(retention));
    g_assert_cmpint(SMMU_PM_CACHES__MAX, ==, G_N_ELEMENTS(up_caches));
    g_assert_cmpint(SMMU_PM_OFF__MAX, ==, G_N_ELEMENTS(off_access));
    for (int i = 0; i < SMMU_PM_STAGE__MAX; i++) {
        g_assert_cmpstr(smmu_pm_stage_name(i), ==, stage[i]);
    }
    for (int i = 0; i < SMMU_PM_STALL__MAX; i++) {
        g_assert_cmpstr(smmu_pm_stall_model_name(i), ==, stall[i]);
    }
    for (int i = 0; i < SMMU_PM_HTTU__MAX; i++) {
        g_assert_cmpstr(smmu_pm_httu_name(i), ==, httu[i]);
    }
    for (int i = 0; i < SMMU_PM_GBPA__MAX; i++) {
        g_assert_cmpstr(smmu_pm_gbpa_reset_name(i), ==, gbpa[i]);
    }
    for (int i = 0; i < SMMU_PM_REPL__MAX; i++) {
        g_assert_cmpstr(smmu_pm_repl_name(i), ==, repl[i]);
        g_assert_cmpint(smmu_pm_repl_parse(repl[i]), ==, i);
    }
    for (int i = 0; i < SMMU_PM_RETAIN__MAX; i++) {
        g_assert_cmpstr(smmu_pm_retention_name(i), ==, retention[i]);
        g_assert_cmpint(smmu_pm_retention_parse(retention[i]), ==, i);
    }
    for (int i = 0; i < SMMU_PM_CACHES__MAX; i++) {
        g_assert_cmpstr(smmu_pm_power_up_caches_name(i), ==, up_caches[i]);
        g_assert_cmpint(smmu_pm_power_up_caches_parse(up_caches[i]), ==, i);
    }
    for (int i = 0; i < SMMU_PM_OFF__MAX; i++) {
        g_assert_cmpstr(smmu_pm_off_access_name(i), ==, off_access[i]);
        g_assert_cmpint(smmu_pm_off_access_parse(off_access[i]), ==, i);
    }
    g_assert_null(smmu_pm_stage_name(SMMU_PM_STAGE__MAX));
    g_assert_null(smmu_pm_stall_model_name(SMMU_PM_STALL__MAX));
    g_assert_null(smmu_pm_httu_name(SMMU_PM_HTTU__MAX));
    g_assert_null(smmu_pm_gbpa_reset_name(SMMU_PM_GBPA__MAX));
    g_assert_null(smmu_pm_repl_name(SMMU_PM_REPL__MAX));
    g_assert_null(smmu_pm_retention_name(SMMU_PM_RETAIN__MAX));
    g_assert_null(smmu_pm_power_up_caches_name(SMMU_PM_CACHES__MAX));
    g_assert_null(smmu_pm_off_access_name(SMMU_PM_OFF__MAX));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    g_test_add_func("/smmuv3-pm/config/preset/generic", test_preset_generic);
    g_test_add_func("/smmuv3-pm/config/preset/default-is-generic",
                    test_preset_default_is_generic);
    g_test_add_func("/smmuv3-pm/config/preset/mmu600", test_preset_mmu600);
    g_test_add_func("/smmuv3-pm/config/preset/mmu700", test_preset_mmu700);
    g_test_add_func("/smmuv3-pm/config/preset/names", test_model_names);
    g_test_add_func("/smmuv3-pm/config/override/all", test_override_all);
    g_test_add_func("/smmuv3-pm/config/override/bools", test_override_bools);
    g_test_add_func("/smmuv3-pm/config/override/enum-values",
                    test_override_enum_values);
    g_test_add_func("/smmuv3-pm/config/override/oas-values",
                    test_override_oas_values);
    g_test_add_func("/smmuv3-pm/config/override/int-limits",
                    test_override_int_limits);
    g_test_add_func("/smmuv3-pm/config/invalid/model", test_invalid_model);
    g_test_add_func("/smmuv3-pm/config/invalid/enums", test_invalid_enums);
    g_test_add_func("/smmuv3-pm/config/invalid/oas", test_invalid_oas);
    g_test_add_func("/smmuv3-pm/config/invalid/ints", test_invalid_ints);
    g_test_add_func("/smmuv3-pm/config/consistency/ssidsize-s2",
                    test_consistency_ssid_s2);
    g_test_add_func("/smmuv3-pm/config/consistency/ril-v3.1",
                    test_consistency_ril_v31);
    g_test_add_func("/smmuv3-pm/config/consistency/pri-ats",
                    test_consistency_pri_ats);
    g_test_add_func("/smmuv3-pm/config/consistency/oas52-64k",
                    test_consistency_oas52);
    g_test_add_func("/smmuv3-pm/config/granules/parse", test_granules_parse);
    g_test_add_func("/smmuv3-pm/config/granules/invalid",
                    test_granules_invalid);
    g_test_add_func("/smmuv3-pm/config/granules/empty", test_granules_empty);
    g_test_add_func("/smmuv3-pm/config/identity/mmu600",
                    test_identity_mmu600);
    g_test_add_func("/smmuv3-pm/config/identity/mmu700",
                    test_identity_mmu700);
    g_test_add_func("/smmuv3-pm/config/identity/generic",
                    test_identity_generic);
    g_test_add_func("/smmuv3-pm/config/identity/invalid",
                    test_identity_invalid);
    g_test_add_func("/smmuv3-pm/config/idr/oas-encoding", test_oas_encoding);
    g_test_add_func("/smmuv3-pm/config/idr/idr0-stage", test_idr0_stage);
    g_test_add_func("/smmuv3-pm/config/idr/idr0-features",
                    test_idr0_features);
    g_test_add_func("/smmuv3-pm/config/idr/idr0-httu-stall",
                    test_idr0_httu_stall);
    g_test_add_func("/smmuv3-pm/config/idr/idr1-sizes", test_idr1_sizes);
    g_test_add_func("/smmuv3-pm/config/idr/idr3-ril", test_idr3_ril);
    g_test_add_func("/smmuv3-pm/config/value-names", test_value_names);
    g_test_add_func("/smmuv3-pm/config/idr/idr5-oas-granules",
                    test_idr5_oas_granules);

    return g_test_run();
}
