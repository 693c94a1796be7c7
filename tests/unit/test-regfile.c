/*
 * arm-smmuv3-pm core: register file tests
 *
 * Drives the core through smmu_pm_mmio_read/write only, with a fake host
 * that records log messages, interrupts, MSIs and translation_changed
 * notifications.  Register offsets and field positions are written out
 * here from the architecture (Arm IHI 0070, chapter 6) instead of being
 * taken from the core's base/arch.h, so a wrong definition there is caught.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <glib.h>
#include <string.h>

#include "hw/arm/smmuv3-pm/core/smmuv3-pm-core.h"
#include "hw/arm/smmuv3-pm/core/base/config.h"
#include "fake-host.h"

/* ---- Register map (IHI 0070 6.2) ---------------------------------------- */

#define OFF_IDR0                0x00
#define OFF_IDR1                0x04
#define OFF_IDR2                0x08
#define OFF_IDR3                0x0c
#define OFF_IDR4                0x10
#define OFF_IDR5                0x14
#define OFF_IIDR                0x18
#define OFF_AIDR                0x1c
#define OFF_CR0                 0x20
#define OFF_CR0ACK              0x24
#define OFF_CR1                 0x28
#define OFF_CR2                 0x2c
#define OFF_STATUSR             0x40
#define OFF_GBPA                0x44
#define OFF_AGBPA               0x48
#define OFF_IRQ_CTRL            0x50
#define OFF_IRQ_CTRLACK         0x54
#define OFF_GERROR              0x60
#define OFF_GERRORN             0x64
#define OFF_GERROR_IRQ_CFG0     0x68
#define OFF_GERROR_IRQ_CFG1     0x70
#define OFF_GERROR_IRQ_CFG2     0x74
#define OFF_STRTAB_BASE         0x80
#define OFF_STRTAB_BASE_CFG     0x88
#define OFF_CMDQ_BASE           0x90
#define OFF_CMDQ_PROD           0x98
#define OFF_CMDQ_CONS           0x9c
#define OFF_EVENTQ_BASE         0xa0
#define OFF_EVENTQ_PROD         0xa8
#define OFF_EVENTQ_CONS         0xac
#define OFF_EVENTQ_IRQ_CFG0     0xb0
#define OFF_EVENTQ_IRQ_CFG1     0xb8
#define OFF_EVENTQ_IRQ_CFG2     0xbc
#define OFF_PRIQ_BASE           0xc0
#define OFF_PRIQ_PROD           0xc8
#define OFF_PRIQ_CONS           0xcc
#define OFF_PRIQ_IRQ_CFG0       0xd0
#define OFF_PRIQ_IRQ_CFG1       0xd8
#define OFF_PRIQ_IRQ_CFG2       0xdc
#define OFF_PIDR4               0xfd0
#define OFF_PIDR0               0xfe0
#define OFF_CIDR0               0xff0
#define PAGE1                   0x10000

/* CR0 / CR0ACK */
#define CR0_SMMUEN              (1u << 0)
#define CR0_PRIQEN              (1u << 1)
#define CR0_EVENTQEN            (1u << 2)
#define CR0_CMDQEN              (1u << 3)
#define CR0_ATSCHK              (1u << 4)

/* GBPA: SHCFG [13:12], ABORT [20], UPDATE [31] */
#define GBPA_SHCFG_INCOMING     (1u << 12)
#define GBPA_ABORT              (1u << 20)
#define GBPA_UPDATE             (1u << 31)

/* IRQ_CTRL / IRQ_CTRLACK */
#define IRQ_GERROR_IRQEN        (1u << 0)
#define IRQ_PRIQ_IRQEN          (1u << 1)
#define IRQ_EVENTQ_IRQEN        (1u << 2)

/* GERROR / GERRORN */
#define GERR_CMDQ               (1u << 0)
#define GERR_EVENTQ_ABT         (1u << 2)
#define GERR_PRIQ_ABT           (1u << 3)
#define GERR_MSI_CMDQ_ABT       (1u << 4)
#define GERR_MSI_EVENTQ_ABT     (1u << 5)
#define GERR_MSI_PRIQ_ABT       (1u << 6)
#define GERR_MSI_GERROR_ABT     (1u << 7)
#define GERR_SFM                (1u << 8)
#define GERR_ALL                0x1fdu

/* PROD.OVFLG / CONS.OVACKFLG */
#define Q_OVFLG                 (1u << 31)

/* ---- Test context -------------------------------------------------------- */

typedef struct Ctx {
    FakeHost host;
    SmmuPmCore core;
    uint64_t ge_base;           /* stats.guest_errors at the last check */
} Ctx;

static SmmuPmUserConfig user_cfg(const char *model)
{
    SmmuPmUserConfig u;

    smmu_pm_user_config_init(&u);
    u.model = model;
    return u;
}

/* ATS and PRI on, so that every register of the map exists */
static SmmuPmUserConfig user_full(void)
{
    SmmuPmUserConfig u = user_cfg("generic");

    u.ats = 1;
    u.pri = 1;
    return u;
}

static void ctx_clear(Ctx *c)
{
    fake_host_clear(&c->host);
    c->ge_base = c->core.stats.guest_errors;
}

static Ctx *ctx_new(const SmmuPmUserConfig *u)
{
    Ctx *c = g_new0(Ctx, 1);
    g_autofree char *err = NULL;
    SmmuPmConfig cfg;

    if (!smmu_pm_config_resolve(u, &cfg, &err)) {
        g_error("bad test configuration: %s", err);
    }
    fake_host_init(&c->host);
    smmu_pm_core_init(&c->core, &cfg, NULL, &fake_host_ops, &c->host);
    smmu_pm_core_reset(&c->core);
    ctx_clear(c);
    return c;
}

static Ctx *ctx_new_full(void)
{
    SmmuPmUserConfig u = user_full();

    return ctx_new(&u);
}

static void ctx_free(Ctx *c)
{
    fake_host_destroy(&c->host);
    g_free(c);
}

static uint32_t rd32(Ctx *c, uint64_t off)
{
    return smmu_pm_mmio_read(&c->core, off, 4);
}

static uint64_t rd64(Ctx *c, uint64_t off)
{
    return smmu_pm_mmio_read(&c->core, off, 8);
}

static void wr32(Ctx *c, uint64_t off, uint32_t v)
{
    smmu_pm_mmio_write(&c->core, off, v, 4);
}

static void wr64(Ctx *c, uint64_t off, uint64_t v)
{
    smmu_pm_mmio_write(&c->core, off, v, 8);
}

/*
 * Exactly @n guest errors happened since the last check, both as logged
 * messages and in the stats; if @needle, one of them mentions it.
 */
static void expect_guest_errors(Ctx *c, unsigned n, const char *needle)
{
    g_assert_cmpuint(fake_host_count_logs(&c->host, SMMU_PM_LOG_GUEST_ERROR),
                     ==, n);
    g_assert_cmpuint(c->core.stats.guest_errors - c->ge_base, ==, n);
    if (needle) {
        if (!fake_host_logged(&c->host, SMMU_PM_LOG_GUEST_ERROR, needle)) {
            g_test_message("no guest error mentions '%s'", needle);
        }
        g_assert_true(fake_host_logged(&c->host, SMMU_PM_LOG_GUEST_ERROR,
                                       needle));
    }
    ctx_clear(c);
}

static void expect_no_guest_error(Ctx *c)
{
    expect_guest_errors(c, 0, NULL);
}

/* Enable the SMMU and/or queues through the CR0 handshake */
static void set_cr0(Ctx *c, uint32_t v)
{
    wr32(c, OFF_CR0, v);
    g_assert_cmphex(rd32(c, OFF_CR0ACK), ==, v);
}

static void set_irq_ctrl(Ctx *c, uint32_t v)
{
    wr32(c, OFF_IRQ_CTRL, v);
    g_assert_cmphex(rd32(c, OFF_IRQ_CTRLACK), ==, v);
}

/* ---- Reset values -------------------------------------------------------- */

typedef struct RegVal {
    const char *name;
    uint32_t off;
    unsigned width;             /* bytes */
    uint64_t value;
} RegVal;

/* Every register other than the ID registers resets to 0 except GBPA */
static const RegVal reset_zero[] = {
    { "IDR2", OFF_IDR2, 4, 0 },
    { "IDR4", OFF_IDR4, 4, 0 },
    { "CR0", OFF_CR0, 4, 0 },
    { "CR0ACK", OFF_CR0ACK, 4, 0 },
    { "CR1", OFF_CR1, 4, 0 },
    { "CR2", OFF_CR2, 4, 0 },
    { "STATUSR", OFF_STATUSR, 4, 0 },
    { "AGBPA", OFF_AGBPA, 4, 0 },
    { "IRQ_CTRL", OFF_IRQ_CTRL, 4, 0 },
    { "IRQ_CTRLACK", OFF_IRQ_CTRLACK, 4, 0 },
    { "GERROR", OFF_GERROR, 4, 0 },
    { "GERRORN", OFF_GERRORN, 4, 0 },
    { "GERROR_IRQ_CFG0", OFF_GERROR_IRQ_CFG0, 8, 0 },
    { "GERROR_IRQ_CFG1", OFF_GERROR_IRQ_CFG1, 4, 0 },
    { "GERROR_IRQ_CFG2", OFF_GERROR_IRQ_CFG2, 4, 0 },
    { "STRTAB_BASE", OFF_STRTAB_BASE, 8, 0 },
    { "STRTAB_BASE_CFG", OFF_STRTAB_BASE_CFG, 4, 0 },
    { "CMDQ_BASE", OFF_CMDQ_BASE, 8, 0 },
    { "CMDQ_PROD", OFF_CMDQ_PROD, 4, 0 },
    { "CMDQ_CONS", OFF_CMDQ_CONS, 4, 0 },
    { "EVENTQ_BASE", OFF_EVENTQ_BASE, 8, 0 },
    { "EVENTQ_PROD", OFF_EVENTQ_PROD, 4, 0 },
    { "EVENTQ_CONS", OFF_EVENTQ_CONS, 4, 0 },
    { "EVENTQ_IRQ_CFG0", OFF_EVENTQ_IRQ_CFG0, 8, 0 },
    { "EVENTQ_IRQ_CFG1", OFF_EVENTQ_IRQ_CFG1, 4, 0 },
    { "EVENTQ_IRQ_CFG2", OFF_EVENTQ_IRQ_CFG2, 4, 0 },
    { "PRIQ_BASE", OFF_PRIQ_BASE, 8, 0 },
    { "PRIQ_PROD", OFF_PRIQ_PROD, 4, 0 },
    { "PRIQ_CONS", OFF_PRIQ_CONS, 4, 0 },
    { "PRIQ_IRQ_CFG0", OFF_PRIQ_IRQ_CFG0, 8, 0 },
    { "PRIQ_IRQ_CFG1", OFF_PRIQ_IRQ_CFG1, 4, 0 },
    { "PRIQ_IRQ_CFG2", OFF_PRIQ_IRQ_CFG2, 4, 0 },
    { "EVENTQ_PROD(p1)", PAGE1 + OFF_EVENTQ_PROD, 4, 0 },
    { "EVENTQ_CONS(p1)", PAGE1 + OFF_EVENTQ_CONS, 4, 0 },
    { "PRIQ_PROD(p1)", PAGE1 + OFF_PRIQ_PROD, 4, 0 },
    { "PRIQ_CONS(p1)", PAGE1 + OFF_PRIQ_CONS, 4, 0 },
};

static void check_regs(Ctx *c, const RegVal *t, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        uint64_t v = t[i].width == 8 ? rd64(c, t[i].off) : rd32(c, t[i].off);

        if (v != t[i].value) {
            g_test_message("%s (0x%x) = 0x%" G_GINT64_MODIFIER "x, "
                           "expected 0x%" G_GINT64_MODIFIER "x", t[i].name,
                           t[i].off, v, t[i].value);
        }
        g_assert_cmphex(v, ==, t[i].value);
        if (t[i].width == 8) {
            g_assert_cmphex(rd32(c, t[i].off), ==, (uint32_t)t[i].value);
            g_assert_cmphex(rd32(c, t[i].off + 4), ==, t[i].value >> 32);
        }
    }
}

static void check_reset_state(Ctx *c, uint32_t gbpa)
{
    const SmmuPmConfig *cfg = &c->core.cfg;
    const SmmuPmIdentity *id = smmu_pm_model_identity(cfg->model);
    const RegVal ids[] = {
        { "IDR0", OFF_IDR0, 4, smmu_pm_build_idr0(cfg) },
        { "IDR1", OFF_IDR1, 4, smmu_pm_build_idr1(cfg) },
        { "IDR3", OFF_IDR3, 4, smmu_pm_build_idr3(cfg) },
        { "IDR5", OFF_IDR5, 4, smmu_pm_build_idr5(cfg) },
        { "IIDR", OFF_IIDR, 4, id->iidr },
        { "AIDR", OFF_AIDR, 4, id->aidr },
        { "GBPA", OFF_GBPA, 4, gbpa },
    };

    check_regs(c, reset_zero, G_N_ELEMENTS(reset_zero));
    check_regs(c, ids, G_N_ELEMENTS(ids));
    g_assert_false(smmu_pm_enabled(&c->core));
    g_assert_cmphex(smmu_pm_active_gerrors(&c->core), ==, 0);
}

static void test_reset_values(void)
{
    Ctx *c = ctx_new_full();

    check_reset_state(c, GBPA_SHCFG_INCOMING);
    expect_no_guest_error(c);

    /* Dirty everything, then reset again */
    wr32(c, OFF_CR1, 0x555);
    wr32(c, OFF_CR2, 0x6);
    wr32(c, OFF_GBPA, GBPA_UPDATE | GBPA_ABORT | 0xf);
    wr64(c, OFF_GERROR_IRQ_CFG0, 0x1000);
    wr32(c, OFF_GERROR_IRQ_CFG1, 0x1234);
    wr32(c, OFF_GERROR_IRQ_CFG2, 0x11);
    wr64(c, OFF_STRTAB_BASE, 0x80000);
    wr32(c, OFF_STRTAB_BASE_CFG, 0x10008);
    wr64(c, OFF_CMDQ_BASE, 0x90000 | 8);
    wr64(c, OFF_EVENTQ_BASE, 0xa0000 | 8);
    wr64(c, OFF_PRIQ_BASE, 0xb0000 | 8);
    wr32(c, OFF_CMDQ_PROD, 3);
    wr32(c, OFF_CMDQ_CONS, 2);
    wr32(c, OFF_EVENTQ_PROD, 4);
    wr32(c, OFF_EVENTQ_CONS, 1);
    wr32(c, OFF_PRIQ_PROD, 6);
    wr32(c, OFF_PRIQ_CONS, 5);
    wr64(c, OFF_EVENTQ_IRQ_CFG0, 0x2000);
    wr64(c, OFF_PRIQ_IRQ_CFG0, 0x3000);
    set_irq_ctrl(c, IRQ_GERROR_IRQEN | IRQ_EVENTQ_IRQEN | IRQ_PRIQ_IRQEN);
    set_cr0(c, CR0_SMMUEN | CR0_CMDQEN | CR0_EVENTQEN | CR0_PRIQEN);
    smmu_pm_raise_gerror(&c->core, GERR_SFM);
    expect_no_guest_error(c);
    g_assert_cmphex(rd32(c, OFF_CMDQ_PROD), ==, 3);

    smmu_pm_core_reset(&c->core);
    check_reset_state(c, GBPA_SHCFG_INCOMING);
    ctx_free(c);
}

static void test_reset_gbpa(void)
{
    SmmuPmUserConfig u = user_cfg("mmu600");
    Ctx *c;

    /* SHCFG = 0b01 (use incoming), ABORT from gbpa-reset */
    c = ctx_new(&u);
    g_assert_cmphex(rd32(c, OFF_GBPA), ==, 0x1000);
    ctx_free(c);

    u.gbpa_reset = "bypass";
    c = ctx_new(&u);
    g_assert_cmphex(rd32(c, OFF_GBPA), ==, 0x1000);
    ctx_free(c);

    u.gbpa_reset = "abort";
    c = ctx_new(&u);
    g_assert_cmphex(rd32(c, OFF_GBPA), ==, 0x101000);
    /* A reset restores it after the guest changed it */
    wr32(c, OFF_GBPA, GBPA_UPDATE);
    g_assert_cmphex(rd32(c, OFF_GBPA), ==, 0);
    smmu_pm_core_reset(&c->core);
    g_assert_cmphex(rd32(c, OFF_GBPA), ==, 0x101000);
    ctx_free(c);
}

/* CoreSight ID registers of the Arm presets */
static void check_coresight_ids(Ctx *c, const uint8_t *pidr)
{
    static const uint8_t cidr[4] = { 0x0d, 0xf0, 0x05, 0xb1 };

    for (unsigned i = 0; i < 4; i++) {
        g_assert_cmphex(rd32(c, OFF_PIDR0 + 4 * i), ==, pidr[i]);
        g_assert_cmphex(rd32(c, OFF_PIDR4 + 4 * i), ==, pidr[4 + i]);
        g_assert_cmphex(rd32(c, OFF_CIDR0 + 4 * i), ==, cidr[i]);
    }
    expect_no_guest_error(c);
}

static void test_reset_pidr_cidr(void)
{
    static const uint8_t mmu600[8] = { 0x83, 0xb4, 0x1b, 0x00, 0x04 };
    static const uint8_t mmu700[8] = { 0x87, 0xb4, 0x1b, 0x00, 0x04 };
    static const uint8_t generic[8];
    SmmuPmUserConfig u;
    Ctx *c;

    u = user_cfg("mmu600");
    c = ctx_new(&u);
    check_coresight_ids(c, mmu600);
    g_assert_cmphex(rd32(c, OFF_IIDR), ==, 0x4831043b);
    g_assert_cmphex(rd32(c, OFF_AIDR), ==, 0x01);
    ctx_free(c);

    u = user_cfg("mmu700");
    c = ctx_new(&u);
    check_coresight_ids(c, mmu700);
    g_assert_cmphex(rd32(c, OFF_IIDR), ==, 0x4871043b);
    g_assert_cmphex(rd32(c, OFF_AIDR), ==, 0x02);
    ctx_free(c);

    u = user_cfg("generic");
    c = ctx_new(&u);
    check_coresight_ids(c, generic);
    g_assert_cmphex(rd32(c, OFF_IIDR), ==, 0);
    g_assert_cmphex(rd32(c, OFF_AIDR), ==, 0x02);
    ctx_free(c);
}

/* ---- ID registers reflect the configuration ------------------------------ */

static void check_ids_match_builders(Ctx *c)
{
    const SmmuPmConfig *cfg = &c->core.cfg;

    g_assert_cmphex(rd32(c, OFF_IDR0), ==, smmu_pm_build_idr0(cfg));
    g_assert_cmphex(rd32(c, OFF_IDR1), ==, smmu_pm_build_idr1(cfg));
    g_assert_cmphex(rd32(c, OFF_IDR2), ==, 0);
    g_assert_cmphex(rd32(c, OFF_IDR3), ==, smmu_pm_build_idr3(cfg));
    g_assert_cmphex(rd32(c, OFF_IDR4), ==, 0);
    g_assert_cmphex(rd32(c, OFF_IDR5), ==, smmu_pm_build_idr5(cfg));
}

static void test_id_regs_config(void)
{
    SmmuPmUserConfig u = user_cfg("mmu700");
    Ctx *c;

    u.stage = "s1";
    u.msi = 0;
    u.oas = 40;
    u.granules = "4k";
    u.sidsize = 12;
    u.ssidsize = 3;
    u.cmdqs = 8;
    u.eventqs = 7;
    u.ril = 1;
    c = ctx_new(&u);
    check_ids_match_builders(c);
    /* IDR0: S1P only, no MSI */
    g_assert_cmphex(rd32(c, OFF_IDR0) & 0x3, ==, 0x2);
    g_assert_cmphex(rd32(c, OFF_IDR0) & (1u << 13), ==, 0);
    /* IDR1: SIDSIZE, SSIDSIZE, EVENTQS, CMDQS */
    g_assert_cmphex(rd32(c, OFF_IDR1) & 0x3ff07ff, ==,
                    12 | (3 << 6) | (7 << 16) | (8 << 21));
    /* IDR3.RIL */
    g_assert_cmphex(rd32(c, OFF_IDR3), ==, 1u << 10);
    /* IDR5: OAS 40 bits = 0b010, 4K granule only */
    g_assert_cmphex(rd32(c, OFF_IDR5) & 0x7f, ==, 0x2 | (1 << 4));
    ctx_free(c);

    u = user_full();
    u.stage = "s2";
    u.ssidsize = 0;
    u.priqs = 6;
    c = ctx_new(&u);
    check_ids_match_builders(c);
    /* S2P only; ATS, PRI and MSI */
    g_assert_cmphex(rd32(c, OFF_IDR0) & 0x3, ==, 0x1);
    g_assert_cmphex(rd32(c, OFF_IDR0) & ((1u << 10) | (1u << 13) | (1u << 16)),
                    ==, (1u << 10) | (1u << 13) | (1u << 16));
    g_assert_cmphex((rd32(c, OFF_IDR1) >> 11) & 0x1f, ==, 6);
    /* RIL, and PPS with PRI: PRG Responses keep the request's PASID */
    g_assert_cmphex(rd32(c, OFF_IDR3), ==, (1u << 10) | (1u << 5));
    /* 48 bits = 0b101, all granules */
    g_assert_cmphex(rd32(c, OFF_IDR5) & 0x7f, ==, 0x75);
    ctx_free(c);
}

/* ---- RES0 masking -------------------------------------------------------- */

static void check_masked(Ctx *c, const char *name, uint32_t off,
                         unsigned width, uint64_t written, uint64_t expected)
{
    uint64_t v;

    if (width == 8) {
        wr64(c, off, written);
        v = rd64(c, off);
    } else {
        wr32(c, off, written);
        v = rd32(c, off);
    }
    if (v != expected) {
        g_test_message("%s: wrote 0x%" G_GINT64_MODIFIER "x, read 0x%"
                       G_GINT64_MODIFIER "x, expected 0x%" G_GINT64_MODIFIER
                       "x", name, written, v, expected);
    }
    g_assert_cmphex(v, ==, expected);
}

#define ALL32   0xffffffffull
#define ALL64   0xffffffffffffffffull

static void test_res0_masking(void)
{
    Ctx *c = ctx_new_full();      /* oas 48, queue sizes 19 */

    /* Registers that can only be written while everything is disabled */
    check_masked(c, "CR1", OFF_CR1, 4, ALL32, 0xfff);
    /* E2H exists because IDR0.Hyp is set for nested */
    g_assert_cmphex(rd32(c, OFF_IDR0) & (1u << 9), ==, 1u << 9);
    check_masked(c, "CR2", OFF_CR2, 4, ALL32, 0x7);
    check_masked(c, "GBPA", OFF_GBPA, 4, ALL32, 0x001f3f1f);
    check_masked(c, "GERRORN", OFF_GERRORN, 4, 0, 0);
    check_masked(c, "GERROR_IRQ_CFG0", OFF_GERROR_IRQ_CFG0, 8, ALL64,
                 0x0000fffffffffffcull);
    check_masked(c, "GERROR_IRQ_CFG1", OFF_GERROR_IRQ_CFG1, 4, ALL32, ALL32);
    check_masked(c, "GERROR_IRQ_CFG2", OFF_GERROR_IRQ_CFG2, 4, ALL32, 0x3f);
    check_masked(c, "EVENTQ_IRQ_CFG0", OFF_EVENTQ_IRQ_CFG0, 8, ALL64,
                 0x0000fffffffffffcull);
    check_masked(c, "EVENTQ_IRQ_CFG1", OFF_EVENTQ_IRQ_CFG1, 4, ALL32, ALL32);
    check_masked(c, "EVENTQ_IRQ_CFG2", OFF_EVENTQ_IRQ_CFG2, 4, ALL32, 0x3f);
    check_masked(c, "PRIQ_IRQ_CFG0", OFF_PRIQ_IRQ_CFG0, 8, ALL64,
                 0x0000fffffffffffcull);
    check_masked(c, "PRIQ_IRQ_CFG1", OFF_PRIQ_IRQ_CFG1, 4, ALL32, ALL32);
    check_masked(c, "PRIQ_IRQ_CFG2", OFF_PRIQ_IRQ_CFG2, 4, ALL32, 0x3f);
    /* ADDR [47:6], RA [62] */
    check_masked(c, "STRTAB_BASE", OFF_STRTAB_BASE, 8, ALL64,
                 0x4000ffffffffffc0ull);
    /* LOG2SIZE [5:0], SPLIT [10:6], FMT [17:16] */
    check_masked(c, "STRTAB_BASE_CFG", OFF_STRTAB_BASE_CFG, 4, ALL32,
                 0x307ff);
    /* LOG2SIZE [4:0], ADDR [47:5], RA/WA [62] */
    check_masked(c, "CMDQ_BASE", OFF_CMDQ_BASE, 8, ALL64,
                 0x4000ffffffffffffull);
    check_masked(c, "EVENTQ_BASE", OFF_EVENTQ_BASE, 8, ALL64,
                 0x4000ffffffffffffull);
    check_masked(c, "PRIQ_BASE", OFF_PRIQ_BASE, 8, ALL64,
                 0x4000ffffffffffffull);
    /* LOG2SIZE 31 behaves as IDR1's 19: index [18:0], wrap bit 19 */
    check_masked(c, "CMDQ_PROD", OFF_CMDQ_PROD, 4, ALL32, 0xfffff);
    check_masked(c, "CMDQ_CONS", OFF_CMDQ_CONS, 4, 0x80ffffff, 0xfffff);
    check_masked(c, "EVENTQ_PROD", OFF_EVENTQ_PROD, 4, ALL32, 0x800fffff);
    check_masked(c, "EVENTQ_CONS", OFF_EVENTQ_CONS, 4, ALL32, 0x800fffff);
    check_masked(c, "PRIQ_PROD", OFF_PRIQ_PROD, 4, ALL32, 0x800fffff);
    check_masked(c, "PRIQ_CONS", OFF_PRIQ_CONS, 4, ALL32, 0x800fffff);
    /* GBPA again, through the other writes */
    g_assert_cmphex(rd32(c, OFF_GBPA), ==, 0x001f3f1f);
    expect_no_guest_error(c);

    /* Then the enables */
    check_masked(c, "IRQ_CTRL", OFF_IRQ_CTRL, 4, ALL32, 0x7);
    g_assert_cmphex(rd32(c, OFF_IRQ_CTRLACK), ==, 0x7);
    /* VMW is RES0 without IDR0.VMW; ATSCHK exists with ATS */
    check_masked(c, "CR0", OFF_CR0, 4, ALL32, 0x1f);
    g_assert_cmphex(rd32(c, OFF_CR0ACK), ==, 0x1f);
    expect_no_guest_error(c);
    ctx_free(c);
}

/* Fields that only exist with a feature are RES0 without it */
static void test_res0_by_feature(void)
{
    SmmuPmUserConfig u = user_cfg("generic");   /* no ATS, no PRI */
    Ctx *c;

    u.stage = "s2";                             /* no Hyp: no CR2.E2H */
    u.ssidsize = 0;
    c = ctx_new(&u);
    g_assert_cmphex(rd32(c, OFF_IDR0) & (1u << 9), ==, 0);
    check_masked(c, "CR2", OFF_CR2, 4, ALL32, 0x6);
    check_masked(c, "IRQ_CTRL", OFF_IRQ_CTRL, 4, ALL32, 0x5);
    g_assert_cmphex(rd32(c, OFF_IRQ_CTRLACK), ==, 0x5);
    check_masked(c, "CR0", OFF_CR0, 4, ALL32, 0x0d);
    g_assert_cmphex(rd32(c, OFF_CR0ACK), ==, 0x0d);
    expect_no_guest_error(c);
    ctx_free(c);
}

/* ---- Read-only registers ------------------------------------------------- */

static void test_read_only(void)
{
    static const struct {
        const char *name;
        uint32_t off;
    } ro[] = {
        { "IDR0", OFF_IDR0 }, { "IDR1", OFF_IDR1 }, { "IDR2", OFF_IDR2 },
        { "IDR3", OFF_IDR3 }, { "IDR4", OFF_IDR4 }, { "IDR5", OFF_IDR5 },
        { "IIDR", OFF_IIDR }, { "AIDR", OFF_AIDR },
        { "CR0ACK", OFF_CR0ACK }, { "STATUSR", OFF_STATUSR },
        { "IRQ_CTRLACK", OFF_IRQ_CTRLACK }, { "GERROR", OFF_GERROR },
        { "PIDR4", OFF_PIDR4 }, { "PIDR5", OFF_PIDR4 + 4 },
        { "PIDR6", OFF_PIDR4 + 8 }, { "PIDR7", OFF_PIDR4 + 12 },
        { "PIDR0", OFF_PIDR0 }, { "PIDR1", OFF_PIDR0 + 4 },
        { "PIDR2", OFF_PIDR0 + 8 }, { "PIDR3", OFF_PIDR0 + 12 },
        { "CIDR0", OFF_CIDR0 }, { "CIDR1", OFF_CIDR0 + 4 },
        { "CIDR2", OFF_CIDR0 + 8 }, { "CIDR3", OFF_CIDR0 + 12 },
    };
    SmmuPmUserConfig u = user_full();
    Ctx *c;

    u.model = "mmu700";
    c = ctx_new(&u);
    /* Make GERROR non-zero so that a write of 0 would show */
    smmu_pm_raise_gerror(&c->core, GERR_SFM);
    ctx_clear(c);

    for (unsigned i = 0; i < G_N_ELEMENTS(ro); i++) {
        uint32_t before = rd32(c, ro[i].off);

        wr32(c, ro[i].off, ~before);
        g_assert_cmphex(rd32(c, ro[i].off), ==, before);
        expect_guest_errors(c, 1, ro[i].name);
        wr32(c, ro[i].off, 0);
        g_assert_cmphex(rd32(c, ro[i].off), ==, before);
        expect_guest_errors(c, 1, "read-only");
    }

    /* Writing the acknowledgements does not enable anything */
    g_assert_false(smmu_pm_enabled(&c->core));
    g_assert_cmphex(rd32(c, OFF_CR0ACK), ==, 0);
    g_assert_cmphex(rd32(c, OFF_IRQ_CTRLACK), ==, 0);
    g_assert_cmphex(smmu_pm_active_gerrors(&c->core), ==, GERR_SFM);

    /* No alternate attributes: AGBPA is RAZ/WI, and writing it is legal */
    uint64_t errors_before = c->core.stats.guest_errors;

    wr32(c, OFF_AGBPA, ALL32);
    g_assert_cmphex(rd32(c, OFF_AGBPA), ==, 0);
    g_assert_cmpuint(c->core.stats.guest_errors, ==, errors_before);
    ctx_free(c);
}

/* ---- Access size and alignment ------------------------------------------- */

static void test_access_size(void)
{
    Ctx *c = ctx_new_full();
    uint32_t idr0 = rd32(c, OFF_IDR0);

    g_assert_cmphex(idr0, !=, 0);
    expect_no_guest_error(c);

    /* 1- and 2-byte reads of a non-zero register: RAZ */
    g_assert_cmphex(smmu_pm_mmio_read(&c->core, OFF_IDR0, 1), ==, 0);
    expect_guest_errors(c, 1, "1-byte");
    g_assert_cmphex(smmu_pm_mmio_read(&c->core, OFF_IDR0 + 1, 1), ==, 0);
    expect_guest_errors(c, 1, NULL);
    g_assert_cmphex(smmu_pm_mmio_read(&c->core, OFF_IDR0, 2), ==, 0);
    expect_guest_errors(c, 1, "2-byte");
    g_assert_cmphex(smmu_pm_mmio_read(&c->core, OFF_IDR0 + 2, 2), ==, 0);
    expect_guest_errors(c, 1, NULL);

    /* 1- and 2-byte writes: WI */
    smmu_pm_mmio_write(&c->core, OFF_CR1, 0xff, 1);
    expect_guest_errors(c, 1, "1-byte");
    smmu_pm_mmio_write(&c->core, OFF_CR1, 0xfff, 2);
    expect_guest_errors(c, 1, "2-byte");
    g_assert_cmphex(rd32(c, OFF_CR1), ==, 0);

    /* Unaligned 32-bit accesses */
    g_assert_cmphex(smmu_pm_mmio_read(&c->core, OFF_IDR0 + 2, 4), ==, 0);
    expect_guest_errors(c, 1, "alignment");
    smmu_pm_mmio_write(&c->core, OFF_CR1 + 1, 0xff, 4);
    expect_guest_errors(c, 1, "alignment");
    g_assert_cmphex(rd32(c, OFF_CR1), ==, 0);
    g_assert_cmphex(smmu_pm_mmio_read(&c->core, OFF_STRTAB_BASE + 2, 4), ==,
                    0);
    expect_guest_errors(c, 1, NULL);

    /* 64-bit accesses to 32-bit registers, e.g. the IDR0/IDR1 pair */
    g_assert_cmphex(rd64(c, OFF_IDR0), ==, 0);
    expect_guest_errors(c, 1, "IDR0");
    wr64(c, OFF_CR1, 0x0000000600000fffull);        /* CR1 and CR2 */
    expect_guest_errors(c, 1, "CR1");
    g_assert_cmphex(rd32(c, OFF_CR1), ==, 0);
    g_assert_cmphex(rd32(c, OFF_CR2), ==, 0);
    wr64(c, OFF_CR0, CR0_SMMUEN);
    expect_guest_errors(c, 1, "CR0");
    g_assert_false(smmu_pm_enabled(&c->core));

    /* Unaligned 64-bit access to a 64-bit register */
    wr64(c, OFF_STRTAB_BASE, 0x1000);
    expect_no_guest_error(c);
    g_assert_cmphex(rd64(c, OFF_STRTAB_BASE + 4), ==, 0);
    expect_guest_errors(c, 1, NULL);
    wr64(c, OFF_STRTAB_BASE + 4, 0x2000);
    expect_guest_errors(c, 1, NULL);
    g_assert_cmphex(rd64(c, OFF_STRTAB_BASE), ==, 0x1000);

    /* Valid accesses log nothing */
    g_assert_cmphex(rd32(c, OFF_IDR0), ==, idr0);
    wr32(c, OFF_CR1, 0x5);
    g_assert_cmphex(rd32(c, OFF_CR1), ==, 0x5);
    expect_no_guest_error(c);
    ctx_free(c);
}

/* 64-bit registers: each 32-bit half independently, or all 64 bits at once */
static void test_access_64bit_halves(void)
{
    static const struct {
        const char *name;
        uint32_t off;
        uint64_t val;               /* within every RES0 mask */
    } regs[] = {
        { "GERROR_IRQ_CFG0", OFF_GERROR_IRQ_CFG0, 0x0000123456789abcull },
        { "STRTAB_BASE", OFF_STRTAB_BASE, 0x4000abcdef012340ull },
        { "CMDQ_BASE", OFF_CMDQ_BASE, 0x4000abcdef012345ull },
        { "EVENTQ_BASE", OFF_EVENTQ_BASE, 0x0000543210fedca6ull },
        { "EVENTQ_IRQ_CFG0", OFF_EVENTQ_IRQ_CFG0, 0x0000fedcba987654ull },
        { "PRIQ_BASE", OFF_PRIQ_BASE, 0x40000000ffffffe7ull },
        { "PRIQ_IRQ_CFG0", OFF_PRIQ_IRQ_CFG0, 0x0000800000000004ull },
    };
    Ctx *c = ctx_new_full();

    for (unsigned i = 0; i < G_N_ELEMENTS(regs); i++) {
        uint32_t off = regs[i].off;
        uint64_t v = regs[i].val;

        if (g_test_verbose()) {
            g_test_message("%s", regs[i].name);
        }
        /* Low half leaves the high half alone and vice versa */
        wr32(c, off, (uint32_t)v);
        g_assert_cmphex(rd64(c, off), ==, (uint32_t)v);
        wr32(c, off + 4, v >> 32);
        g_assert_cmphex(rd64(c, off), ==, v);
        g_assert_cmphex(rd32(c, off), ==, (uint32_t)v);
        g_assert_cmphex(rd32(c, off + 4), ==, v >> 32);
        wr32(c, off, 0);
        g_assert_cmphex(rd64(c, off), ==, v & 0xffffffff00000000ull);
        wr32(c, off + 4, 0);
        g_assert_cmphex(rd64(c, off), ==, 0);

        /* 64-bit write, 32-bit reads */
        wr64(c, off, v);
        g_assert_cmphex(rd32(c, off), ==, (uint32_t)v);
        g_assert_cmphex(rd32(c, off + 4), ==, v >> 32);
        g_assert_cmphex(rd64(c, off), ==, v);
        wr64(c, off, 0);
        g_assert_cmphex(rd64(c, off), ==, 0);
    }
    expect_no_guest_error(c);
    ctx_free(c);
}

/* ---- Page 1 -------------------------------------------------------------- */

static void test_page1_aliases(void)
{
    static const struct {
        uint32_t off;
        uint32_t base;
    } q[] = {
        { OFF_EVENTQ_PROD, OFF_EVENTQ_BASE },
        { OFF_EVENTQ_CONS, OFF_EVENTQ_BASE },
        { OFF_PRIQ_PROD, OFF_PRIQ_BASE },
        { OFF_PRIQ_CONS, OFF_PRIQ_BASE },
    };
    Ctx *c = ctx_new_full();

    for (unsigned i = 0; i < G_N_ELEMENTS(q); i++) {
        wr64(c, q[i].base, 0x100000 | 6);
        wr32(c, PAGE1 + q[i].off, Q_OVFLG | 0x45);
        g_assert_cmphex(rd32(c, q[i].off), ==, Q_OVFLG | 0x45);
        g_assert_cmphex(rd32(c, PAGE1 + q[i].off), ==, Q_OVFLG | 0x45);
        wr32(c, q[i].off, 0x3a);
        g_assert_cmphex(rd32(c, PAGE1 + q[i].off), ==, 0x3a);
        /* Masking applies through the alias too: 6 index bits + wrap */
        wr32(c, PAGE1 + q[i].off, 0x7fffffff);
        g_assert_cmphex(rd32(c, q[i].off), ==, 0x7f);
    }
    expect_no_guest_error(c);

    /* The SMMU-owned index is protected through the alias too */
    set_cr0(c, CR0_EVENTQEN);
    wr32(c, PAGE1 + OFF_EVENTQ_PROD, 0x11);
    expect_guest_errors(c, 1, "EVENTQ_PROD");
    g_assert_cmphex(rd32(c, OFF_EVENTQ_PROD), ==, 0x7f);
    wr32(c, PAGE1 + OFF_EVENTQ_CONS, 0x12);
    g_assert_cmphex(rd32(c, OFF_EVENTQ_CONS), ==, 0x12);
    expect_no_guest_error(c);
    ctx_free(c);
}

/* Nothing but the four aliases lives in page 1 */
static void test_page1_other_offsets(void)
{
    static const uint32_t offs[] = {
        PAGE1 + OFF_IDR0, PAGE1 + OFF_CR0, PAGE1 + OFF_CMDQ_PROD,
        PAGE1 + OFF_CMDQ_CONS, PAGE1 + OFF_EVENTQ_BASE,
        PAGE1 + OFF_PRIQ_IRQ_CFG1, PAGE1 + OFF_CIDR0, PAGE1 + 0xfffc,
    };
    Ctx *c = ctx_new_full();
    SmmuPmRegs before = c->core.regs;

    for (unsigned i = 0; i < G_N_ELEMENTS(offs); i++) {
        g_assert_cmphex(rd32(c, offs[i]), ==, 0);
        expect_guest_errors(c, 1, NULL);
        wr32(c, offs[i], ALL32);
        expect_guest_errors(c, 1, NULL);
    }
    g_assert_cmpmem(&before, sizeof(before), &c->core.regs, sizeof(before));
    g_assert_false(smmu_pm_enabled(&c->core));

    /* Beyond the two pages */
    g_assert_cmphex(rd32(c, 2 * PAGE1), ==, 0);
    expect_guest_errors(c, 1, NULL);
    g_assert_cmphex(rd32(c, 2 * PAGE1 + OFF_CR0), ==, 0);
    expect_guest_errors(c, 1, NULL);
    wr32(c, 2 * PAGE1 + OFF_CR0, CR0_SMMUEN);
    expect_guest_errors(c, 1, NULL);
    g_assert_cmpmem(&before, sizeof(before), &c->core.regs, sizeof(before));
    ctx_free(c);
}

/* ---- Reserved and Secure offsets ----------------------------------------- */

static void test_reserved_offsets(void)
{
    static const uint32_t offs[] = {
        0x30, 0x34, 0x38, 0x3c, 0x4c, 0x58, 0x5c, 0x78, 0x7c, 0x8c,
        0xe0, 0xf8, 0xfc,
        0x100, 0x104,           /* GATOS_*: no ATOS */
        0x200, 0xe00, 0xfcc, 0x1000, 0x4000, 0x7ffc, 0x9000, 0xfffc,
    };
    Ctx *c = ctx_new_full();
    SmmuPmRegs before;

    /* Give the registers non-reset values, so a stray write would show */
    wr32(c, OFF_CR1, 0x5);
    wr32(c, OFF_CMDQ_PROD, 0x5);
    ctx_clear(c);
    before = c->core.regs;

    for (unsigned i = 0; i < G_N_ELEMENTS(offs); i++) {
        g_autofree char *hex = g_strdup_printf("0x%x", offs[i]);

        g_assert_cmphex(rd32(c, offs[i]), ==, 0);
        expect_guest_errors(c, 1, hex);
        wr32(c, offs[i], ALL32);
        expect_guest_errors(c, 1, hex);
        g_assert_cmphex(rd64(c, offs[i] & ~7u), ==, 0);
        expect_guest_errors(c, 1, NULL);
        wr64(c, offs[i] & ~7u, ALL64);
        expect_guest_errors(c, 1, NULL);
    }
    g_assert_cmpmem(&before, sizeof(before), &c->core.regs, sizeof(before));
    ctx_free(c);
}

static void test_secure_range(void)
{
    static const uint32_t offs[] = {
        0x8000, 0x8004, 0x8020, 0x8028, 0x8044, 0x8050, 0x8080, 0x8090,
        0x8800, 0x8ffc,
    };
    Ctx *c = ctx_new_full();
    SmmuPmRegs before = c->core.regs;

    for (unsigned i = 0; i < G_N_ELEMENTS(offs); i++) {
        g_assert_cmphex(rd32(c, offs[i]), ==, 0);
        wr32(c, offs[i], ALL32);
        g_assert_cmphex(rd32(c, offs[i]), ==, 0);
        wr64(c, offs[i] & ~7u, ALL64);
        g_assert_cmphex(rd64(c, offs[i] & ~7u), ==, 0);
        /* Every access is reported, as an access to a Secure register */
        g_assert_cmpuint(c->host.logs->len, ==, 5);
        for (unsigned j = 0; j < c->host.logs->len; j++) {
            g_assert_nonnull(strstr(fake_host_log_at(&c->host, j)->msg,
                                    "Secure"));
        }
        ctx_clear(c);
    }
    g_assert_cmpmem(&before, sizeof(before), &c->core.regs, sizeof(before));
    g_assert_false(smmu_pm_enabled(&c->core));
    ctx_free(c);
}

/* ---- Registers absent from the configuration ----------------------------- */

/*
 * Registers of a feature the configuration lacks are RES0: legal to
 * access, read as zero, writes ignored, no guest error (sizes and
 * alignment are still checked as for any register)
 */
static bool is_64bit_reg(uint32_t off)
{
    return off == OFF_GERROR_IRQ_CFG0 || off == OFF_EVENTQ_IRQ_CFG0 ||
           off == OFF_PRIQ_IRQ_CFG0 || off == OFF_PRIQ_BASE;
}

static void check_absent(Ctx *c, const uint32_t *offs, unsigned n)
{
    SmmuPmRegs before = c->core.regs;

    for (unsigned i = 0; i < n; i++) {
        g_assert_cmphex(rd32(c, offs[i]), ==, 0);
        wr32(c, offs[i], ALL32);
        expect_no_guest_error(c);
        if (is_64bit_reg(offs[i])) {
            g_assert_cmphex(rd64(c, offs[i]), ==, 0);
            wr64(c, offs[i], ALL64);
            expect_no_guest_error(c);
        } else if (!(offs[i] & 7) && !is_64bit_reg(offs[i] - 4)) {
            g_assert_cmphex(rd64(c, offs[i]), ==, 0);
            expect_guest_errors(c, 1, "32-bit register");
            wr64(c, offs[i], ALL64);
            expect_guest_errors(c, 1, "32-bit register");
        }
        smmu_pm_mmio_write(&c->core, offs[i], 0xff, 1);
        expect_guest_errors(c, 1, "1-byte");
    }
    g_assert_cmpmem(&before, sizeof(before), &c->core.regs, sizeof(before));
}

static void test_absent_pri(void)
{
    static const uint32_t offs[] = {
        OFF_PRIQ_BASE, OFF_PRIQ_BASE + 4, OFF_PRIQ_PROD, OFF_PRIQ_CONS,
        OFF_PRIQ_IRQ_CFG0, OFF_PRIQ_IRQ_CFG0 + 4, OFF_PRIQ_IRQ_CFG1,
        OFF_PRIQ_IRQ_CFG2, PAGE1 + OFF_PRIQ_PROD, PAGE1 + OFF_PRIQ_CONS,
    };
    SmmuPmUserConfig u = user_cfg("mmu700");
    Ctx *c;

    u.ats = 1;                  /* ATS alone does not bring the PRI queue */
    c = ctx_new(&u);
    check_absent(c, offs, G_N_ELEMENTS(offs));
    /* The event queue next door is there */
    wr32(c, OFF_EVENTQ_IRQ_CFG2, 0x15);
    g_assert_cmphex(rd32(c, OFF_EVENTQ_IRQ_CFG2), ==, 0x15);
    expect_no_guest_error(c);
    ctx_free(c);
}

static void test_absent_msi(void)
{
    static const uint32_t offs[] = {
        OFF_GERROR_IRQ_CFG0, OFF_GERROR_IRQ_CFG0 + 4, OFF_GERROR_IRQ_CFG1,
        OFF_GERROR_IRQ_CFG2, OFF_EVENTQ_IRQ_CFG0, OFF_EVENTQ_IRQ_CFG0 + 4,
        OFF_EVENTQ_IRQ_CFG1, OFF_EVENTQ_IRQ_CFG2, OFF_PRIQ_IRQ_CFG0,
        OFF_PRIQ_IRQ_CFG0 + 4, OFF_PRIQ_IRQ_CFG1, OFF_PRIQ_IRQ_CFG2,
    };
    SmmuPmUserConfig u = user_full();
    Ctx *c;

    u.msi = 0;
    c = ctx_new(&u);
    check_absent(c, offs, G_N_ELEMENTS(offs));
    /* The PRI queue itself is there */
    wr32(c, OFF_PRIQ_CONS, 0x1);
    g_assert_cmphex(rd32(c, OFF_PRIQ_CONS), ==, 0x1);
    expect_no_guest_error(c);
    ctx_free(c);
}

/* ---- Handshakes ---------------------------------------------------------- */

static void test_handshake_cr0(void)
{
    Ctx *c = ctx_new_full();

    wr32(c, OFF_CR0, CR0_CMDQEN | CR0_EVENTQEN);
    g_assert_cmphex(rd32(c, OFF_CR0), ==, CR0_CMDQEN | CR0_EVENTQEN);
    g_assert_cmphex(rd32(c, OFF_CR0ACK), ==, CR0_CMDQEN | CR0_EVENTQEN);
    g_assert_false(smmu_pm_enabled(&c->core));

    wr32(c, OFF_CR0, CR0_SMMUEN | CR0_CMDQEN | CR0_EVENTQEN | CR0_PRIQEN);
    g_assert_cmphex(rd32(c, OFF_CR0ACK), ==,
                    CR0_SMMUEN | CR0_CMDQEN | CR0_EVENTQEN | CR0_PRIQEN);
    g_assert_true(smmu_pm_enabled(&c->core));

    wr32(c, OFF_CR0, CR0_CMDQEN);
    g_assert_cmphex(rd32(c, OFF_CR0ACK), ==, CR0_CMDQEN);
    g_assert_false(smmu_pm_enabled(&c->core));

    wr32(c, OFF_CR0, 0);
    g_assert_cmphex(rd32(c, OFF_CR0ACK), ==, 0);
    expect_no_guest_error(c);
    ctx_free(c);
}

static void test_handshake_gbpa(void)
{
    Ctx *c = ctx_new_full();

    /* UPDATE applies the new value and reads back as 0 */
    wr32(c, OFF_GBPA, GBPA_UPDATE | GBPA_ABORT | 0x3);
    g_assert_cmphex(rd32(c, OFF_GBPA), ==, GBPA_ABORT | 0x3);
    expect_no_guest_error(c);

    /* Without UPDATE the write is ignored and reported */
    wr32(c, OFF_GBPA, GBPA_SHCFG_INCOMING);
    g_assert_cmphex(rd32(c, OFF_GBPA), ==, GBPA_ABORT | 0x3);
    expect_guest_errors(c, 1, "UPDATE");
    wr32(c, OFF_GBPA, 0);
    g_assert_cmphex(rd32(c, OFF_GBPA), ==, GBPA_ABORT | 0x3);
    expect_guest_errors(c, 1, "GBPA");

    wr32(c, OFF_GBPA, GBPA_UPDATE);
    g_assert_cmphex(rd32(c, OFF_GBPA), ==, 0);
    expect_no_guest_error(c);
    ctx_free(c);
}

static void test_handshake_irq_ctrl(void)
{
    Ctx *c = ctx_new_full();

    wr32(c, OFF_IRQ_CTRL, IRQ_EVENTQ_IRQEN);
    g_assert_cmphex(rd32(c, OFF_IRQ_CTRL), ==, IRQ_EVENTQ_IRQEN);
    g_assert_cmphex(rd32(c, OFF_IRQ_CTRLACK), ==, IRQ_EVENTQ_IRQEN);
    wr32(c, OFF_IRQ_CTRL, IRQ_GERROR_IRQEN | IRQ_PRIQ_IRQEN);
    g_assert_cmphex(rd32(c, OFF_IRQ_CTRLACK), ==,
                    IRQ_GERROR_IRQEN | IRQ_PRIQ_IRQEN);
    wr32(c, OFF_IRQ_CTRL, 0);
    g_assert_cmphex(rd32(c, OFF_IRQ_CTRLACK), ==, 0);
    expect_no_guest_error(c);
    ctx_free(c);
}

static void test_translation_changed(void)
{
    Ctx *c = ctx_new_full();
    FakeHost *h = &c->host;

    /* Queue enables alone do not change how transactions are handled */
    set_cr0(c, CR0_CMDQEN | CR0_EVENTQEN);
    g_assert_cmpuint(h->translation_changed, ==, 0);

    set_cr0(c, CR0_SMMUEN | CR0_CMDQEN | CR0_EVENTQEN);
    g_assert_cmpuint(h->translation_changed, ==, 1);
    set_cr0(c, CR0_SMMUEN | CR0_CMDQEN);
    set_cr0(c, CR0_SMMUEN | CR0_CMDQEN);
    g_assert_cmpuint(h->translation_changed, ==, 1);
    set_cr0(c, CR0_CMDQEN);
    g_assert_cmpuint(h->translation_changed, ==, 2);
    set_cr0(c, 0);
    g_assert_cmpuint(h->translation_changed, ==, 2);

    /* GBPA: when the value changes */
    wr32(c, OFF_GBPA, GBPA_UPDATE | GBPA_ABORT | GBPA_SHCFG_INCOMING);
    g_assert_cmpuint(h->translation_changed, ==, 3);
    wr32(c, OFF_GBPA, GBPA_UPDATE | GBPA_ABORT | GBPA_SHCFG_INCOMING);
    g_assert_cmpuint(h->translation_changed, ==, 3);
    wr32(c, OFF_GBPA, GBPA_SHCFG_INCOMING);         /* no UPDATE */
    g_assert_cmpuint(h->translation_changed, ==, 3);
    wr32(c, OFF_GBPA, GBPA_UPDATE | 0x1);           /* MEMATTR */
    g_assert_cmpuint(h->translation_changed, ==, 4);

    /* Other registers never */
    wr32(c, OFF_CR1, 0x5);
    wr32(c, OFF_CR2, 0x2);
    wr64(c, OFF_STRTAB_BASE, 0x1000);
    wr32(c, OFF_IRQ_CTRL, 0x7);
    g_assert_cmpuint(h->translation_changed, ==, 4);
    ctx_free(c);
}

/* ---- CONSTRAINED UNPREDICTABLE writes ------------------------------------ */

/* A write to @off that must be ignored and reported */
static void check_ignored(Ctx *c, uint32_t off, unsigned width, uint64_t v,
                          const char *name)
{
    uint64_t before = width == 8 ? rd64(c, off) : rd32(c, off);

    g_assert_cmphex(before, !=, v);
    if (width == 8) {
        wr64(c, off, v);
        g_assert_cmphex(rd64(c, off), ==, before);
        expect_guest_errors(c, 1, name);
        /* Either half alone is refused too */
        wr32(c, off, (uint32_t)v);
        expect_guest_errors(c, 1, name);
        wr32(c, off + 4, v >> 32);
        expect_guest_errors(c, 1, name);
        g_assert_cmphex(rd64(c, off), ==, before);
    } else {
        wr32(c, off, v);
        g_assert_cmphex(rd32(c, off), ==, before);
        expect_guest_errors(c, 1, name);
    }
}

/* A write to @off that must take effect */
static void check_accepted(Ctx *c, uint32_t off, unsigned width, uint64_t v)
{
    if (width == 8) {
        wr64(c, off, v);
        g_assert_cmphex(rd64(c, off), ==, v);
    } else {
        wr32(c, off, v);
        g_assert_cmphex(rd32(c, off), ==, v);
    }
    expect_no_guest_error(c);
}

static void test_cu_queue_base(void)
{
    static const struct {
        const char *name;
        uint32_t off;
        uint32_t enable;
    } q[] = {
        { "CMDQ_BASE", OFF_CMDQ_BASE, CR0_CMDQEN },
        { "EVENTQ_BASE", OFF_EVENTQ_BASE, CR0_EVENTQEN },
        { "PRIQ_BASE", OFF_PRIQ_BASE, CR0_PRIQEN },
    };
    Ctx *c = ctx_new_full();

    for (unsigned i = 0; i < G_N_ELEMENTS(q); i++) {
        uint32_t others = (CR0_CMDQEN | CR0_EVENTQEN | CR0_PRIQEN |
                           CR0_SMMUEN) & ~q[i].enable;

        /* Other enables do not protect this queue's base */
        set_cr0(c, others);
        check_accepted(c, q[i].off, 8, 0x40000000000a0005ull);
        set_cr0(c, q[i].enable);
        check_ignored(c, q[i].off, 8, 0x0000000000b00007ull, q[i].name);
        set_cr0(c, 0);
        check_accepted(c, q[i].off, 8, 0x0000000000b00007ull);
    }
    ctx_free(c);
}

static void test_cu_strtab(void)
{
    Ctx *c = ctx_new_full();

    set_cr0(c, CR0_CMDQEN | CR0_EVENTQEN | CR0_PRIQEN);
    check_accepted(c, OFF_STRTAB_BASE, 8, 0x10000);
    check_accepted(c, OFF_STRTAB_BASE_CFG, 4, 0x10188);
    set_cr0(c, CR0_SMMUEN);
    check_ignored(c, OFF_STRTAB_BASE, 8, 0x4000000000020000ull,
                  "STRTAB_BASE");
    check_ignored(c, OFF_STRTAB_BASE_CFG, 4, 0x8, "STRTAB_BASE_CFG");
    set_cr0(c, 0);
    check_accepted(c, OFF_STRTAB_BASE, 8, 0x4000000000020000ull);
    check_accepted(c, OFF_STRTAB_BASE_CFG, 4, 0x8);
    ctx_free(c);
}

static void test_cu_cr1(void)
{
    static const uint32_t enables[] = {
        CR0_SMMUEN, CR0_CMDQEN, CR0_EVENTQEN, CR0_PRIQEN,
    };
    Ctx *c = ctx_new_full();

    for (unsigned i = 0; i < G_N_ELEMENTS(enables); i++) {
        check_accepted(c, OFF_CR1, 4, 0x100 + i);
        set_cr0(c, enables[i]);
        check_ignored(c, OFF_CR1, 4, 0xaaa, "CR1");
        set_cr0(c, 0);
    }
    check_accepted(c, OFF_CR1, 4, 0xaaa);
    /* ATSCHK is not one of the enables */
    set_cr0(c, CR0_ATSCHK);
    check_accepted(c, OFF_CR1, 4, 0x555);
    ctx_free(c);
}

static void test_cu_cr2(void)
{
    Ctx *c = ctx_new_full();

    set_cr0(c, CR0_CMDQEN | CR0_EVENTQEN);
    check_accepted(c, OFF_CR2, 4, 0x4);
    set_cr0(c, CR0_SMMUEN);
    check_ignored(c, OFF_CR2, 4, 0x3, "CR2");
    set_cr0(c, 0);
    check_accepted(c, OFF_CR2, 4, 0x3);
    ctx_free(c);
}

static void test_cu_irq_cfg(void)
{
    static const struct {
        uint32_t irqen;
        uint32_t cfg0;
        const char *name;
    } irqs[] = {
        { IRQ_GERROR_IRQEN, OFF_GERROR_IRQ_CFG0, "GERROR_IRQ_CFG" },
        { IRQ_EVENTQ_IRQEN, OFF_EVENTQ_IRQ_CFG0, "EVENTQ_IRQ_CFG" },
        { IRQ_PRIQ_IRQEN, OFF_PRIQ_IRQ_CFG0, "PRIQ_IRQ_CFG" },
    };
    Ctx *c = ctx_new_full();

    for (unsigned i = 0; i < G_N_ELEMENTS(irqs); i++) {
        uint32_t cfg0 = irqs[i].cfg0, cfg1 = cfg0 + 8, cfg2 = cfg0 + 12;
        uint32_t others = 0x7 & ~irqs[i].irqen;

        set_irq_ctrl(c, others);
        check_accepted(c, cfg0, 8, 0x1000 * (i + 1));
        check_accepted(c, cfg1, 4, 0xd0 + i);
        check_accepted(c, cfg2, 4, 0x10 + i);
        set_irq_ctrl(c, irqs[i].irqen);
        check_ignored(c, cfg0, 8, 0xfee00000, irqs[i].name);
        check_ignored(c, cfg1, 4, 0x5a5a, irqs[i].name);
        check_ignored(c, cfg2, 4, 0x3f, irqs[i].name);
        set_irq_ctrl(c, 0);
        check_accepted(c, cfg0, 8, 0xfee00000);
        check_accepted(c, cfg1, 4, 0x5a5a);
        check_accepted(c, cfg2, 4, 0x3f);
    }
    ctx_free(c);
}

static void test_cu_owned_index(void)
{
    static const struct {
        const char *name;
        uint32_t owned, other;      /* SMMU-owned and software-owned */
        uint32_t base;
        uint32_t enable;
    } q[] = {
        { "CMDQ_CONS", OFF_CMDQ_CONS, OFF_CMDQ_PROD, OFF_CMDQ_BASE,
          CR0_CMDQEN },
        { "EVENTQ_PROD", OFF_EVENTQ_PROD, OFF_EVENTQ_CONS, OFF_EVENTQ_BASE,
          CR0_EVENTQEN },
        { "PRIQ_PROD", OFF_PRIQ_PROD, OFF_PRIQ_CONS, OFF_PRIQ_BASE,
          CR0_PRIQEN },
    };
    Ctx *c = ctx_new_full();

    for (unsigned i = 0; i < G_N_ELEMENTS(q); i++) {
        wr64(c, q[i].base, 0x100000 | 8);
        check_accepted(c, q[i].owned, 4, 0x21);
        set_cr0(c, q[i].enable | CR0_SMMUEN);
        check_ignored(c, q[i].owned, 4, 0x22, q[i].name);
        /* Software's own index stays writable */
        check_accepted(c, q[i].other, 4, 0x23);
        set_cr0(c, 0);
        check_accepted(c, q[i].owned, 4, 0x24);
    }
    ctx_free(c);
}

/* ---- PROD/CONS index masking --------------------------------------------- */

static void test_index_masking(void)
{
    static const struct {
        uint32_t base, prod, cons;
        bool ovflg;                 /* PROD.OVFLG / CONS.OVACKFLG */
    } q[] = {
        { OFF_CMDQ_BASE, OFF_CMDQ_PROD, OFF_CMDQ_CONS, false },
        { OFF_EVENTQ_BASE, OFF_EVENTQ_PROD, OFF_EVENTQ_CONS, true },
        { OFF_PRIQ_BASE, OFF_PRIQ_PROD, OFF_PRIQ_CONS, true },
    };
    static const unsigned sizes[] = { 0, 1, 4, 10, 19 };
    Ctx *c = ctx_new_full();

    for (unsigned i = 0; i < G_N_ELEMENTS(q); i++) {
        for (unsigned j = 0; j < G_N_ELEMENTS(sizes); j++) {
            /* log2size index bits plus the wrap bit */
            uint32_t idx = (2u << sizes[j]) - 1;
            uint32_t flg = q[i].ovflg ? Q_OVFLG : 0;

            wr64(c, q[i].base, 0x200000 | sizes[j]);
            wr32(c, q[i].prod, 0x7fffffff);
            g_assert_cmphex(rd32(c, q[i].prod), ==, idx);
            wr32(c, q[i].prod, ALL32);
            g_assert_cmphex(rd32(c, q[i].prod), ==, idx | flg);
            wr32(c, q[i].cons, 0x7fffffff);
            g_assert_cmphex(rd32(c, q[i].cons), ==, idx);
            wr32(c, q[i].cons, 0x80000000);
            g_assert_cmphex(rd32(c, q[i].cons), ==, flg);
            /* The wrap bit on its own */
            wr32(c, q[i].prod, 1u << sizes[j]);
            g_assert_cmphex(rd32(c, q[i].prod), ==, 1u << sizes[j]);
        }
    }
    expect_no_guest_error(c);
    ctx_free(c);
}

/*
 * The SMMU-owned indexes (CMDQ_CONS, EVENTQ_PROD, PRIQ_PROD) written
 * after CMDQ_BASE shrank the queue: index bits above the new LOG2SIZE are
 * RES0 and never come back from the larger queue (found by fuzz-core,
 * tests/fuzz/regress/fuzz-core/known-1-stale-cmdq-cons)
 */
static void test_index_after_shrink(void)
{
    static const struct {
        uint32_t base, owned;
        bool ovflg;
    } q[] = {
        { OFF_CMDQ_BASE, OFF_CMDQ_CONS, false },
        { OFF_EVENTQ_BASE, OFF_EVENTQ_PROD, true },
        { OFF_PRIQ_BASE, OFF_PRIQ_PROD, true },
    };
    Ctx *c = ctx_new_full();

    for (unsigned i = 0; i < G_N_ELEMENTS(q); i++) {
        uint32_t flg = q[i].ovflg ? Q_OVFLG : 0;

        wr64(c, q[i].base, 0x200000 | 10);
        wr32(c, q[i].owned, 0x7ff | flg);
        g_assert_cmphex(rd32(c, q[i].owned), ==, 0x7ff | flg);
        /* 4 entries: index bits [1:0], wrap bit 2 */
        wr64(c, q[i].base, 0x200000 | 2);
        wr32(c, q[i].owned, 0);
        g_assert_cmphex(rd32(c, q[i].owned), ==, 0);
        wr32(c, q[i].owned, 0x9 | flg);
        g_assert_cmphex(rd32(c, q[i].owned), ==, 0x1 | flg);
    }
    expect_no_guest_error(c);
    ctx_free(c);
}

/* LOG2SIZE beyond IDR1.{CMDQS,EVENTQS,PRIQS} behaves as the limit */
static void test_index_idr1_limit(void)
{
    SmmuPmUserConfig u = user_full();
    Ctx *c;

    u.cmdqs = 8;
    u.eventqs = 5;
    u.priqs = 3;
    c = ctx_new(&u);

    wr64(c, OFF_CMDQ_BASE, 0x100000 | 12);
    wr32(c, OFF_CMDQ_PROD, ALL32);
    g_assert_cmphex(rd32(c, OFF_CMDQ_PROD), ==, 0x1ff);
    wr32(c, OFF_CMDQ_CONS, 0x00ffffff);
    g_assert_cmphex(rd32(c, OFF_CMDQ_CONS), ==, 0x1ff);
    /* Below the limit LOG2SIZE counts */
    wr64(c, OFF_CMDQ_BASE, 0x100000 | 7);
    wr32(c, OFF_CMDQ_PROD, ALL32);
    g_assert_cmphex(rd32(c, OFF_CMDQ_PROD), ==, 0xff);

    wr64(c, OFF_EVENTQ_BASE, 0x100000 | 31);
    wr32(c, OFF_EVENTQ_PROD, ALL32);
    g_assert_cmphex(rd32(c, OFF_EVENTQ_PROD), ==, Q_OVFLG | 0x3f);
    wr32(c, OFF_EVENTQ_CONS, ALL32);
    g_assert_cmphex(rd32(c, OFF_EVENTQ_CONS), ==, Q_OVFLG | 0x3f);

    wr64(c, OFF_PRIQ_BASE, 0x100000 | 19);
    wr32(c, OFF_PRIQ_PROD, ALL32);
    g_assert_cmphex(rd32(c, OFF_PRIQ_PROD), ==, Q_OVFLG | 0xf);
    wr32(c, OFF_PRIQ_CONS, ALL32);
    g_assert_cmphex(rd32(c, OFF_PRIQ_CONS), ==, Q_OVFLG | 0xf);
    expect_no_guest_error(c);
    ctx_free(c);
}

/* ---- Address masking to the OAS ------------------------------------------ */

static void test_addr_mask_oas(void)
{
    static const struct {
        int oas;
        uint64_t strtab, qbase, irq_cfg0;
    } cases[] = {
        { 32, 0x40000000ffffffc0ull, 0x40000000ffffffffull,
          0x00000000fffffffcull },
        { 40, 0x400000ffffffffc0ull, 0x400000ffffffffffull,
          0x000000fffffffffcull },
        { 44, 0x40000fffffffffc0ull, 0x40000fffffffffffull,
          0x00000ffffffffffcull },
        { 52, 0x400fffffffffffc0ull, 0x400fffffffffffffull,
          0x000ffffffffffffcull },
    };

    for (unsigned i = 0; i < G_N_ELEMENTS(cases); i++) {
        SmmuPmUserConfig u = user_full();
        Ctx *c;

        u.oas = cases[i].oas;
        c = ctx_new(&u);
        check_masked(c, "STRTAB_BASE", OFF_STRTAB_BASE, 8, ALL64,
                     cases[i].strtab);
        check_masked(c, "CMDQ_BASE", OFF_CMDQ_BASE, 8, ALL64,
                     cases[i].qbase);
        check_masked(c, "EVENTQ_BASE", OFF_EVENTQ_BASE, 8, ALL64,
                     cases[i].qbase);
        check_masked(c, "PRIQ_BASE", OFF_PRIQ_BASE, 8, ALL64,
                     cases[i].qbase);
        check_masked(c, "GERROR_IRQ_CFG0", OFF_GERROR_IRQ_CFG0, 8, ALL64,
                     cases[i].irq_cfg0);
        check_masked(c, "EVENTQ_IRQ_CFG0", OFF_EVENTQ_IRQ_CFG0, 8, ALL64,
                     cases[i].irq_cfg0);
        check_masked(c, "PRIQ_IRQ_CFG0", OFF_PRIQ_IRQ_CFG0, 8, ALL64,
                     cases[i].irq_cfg0);
        /* Through a write of the high half only */
        wr64(c, OFF_STRTAB_BASE, 0);
        wr32(c, OFF_STRTAB_BASE + 4, ALL32);
        g_assert_cmphex(rd64(c, OFF_STRTAB_BASE), ==,
                        cases[i].strtab & 0xffffffff00000000ull);
        expect_no_guest_error(c);
        ctx_free(c);
    }
}

/* ---- Global errors ------------------------------------------------------- */

static void test_gerror_raise_toggle(void)
{
    Ctx *c = ctx_new_full();
    SmmuPmCore *s = &c->core;

    g_assert_cmphex(smmu_pm_raise_gerror(s, GERR_CMDQ), ==, GERR_CMDQ);
    g_assert_cmphex(rd32(c, OFF_GERROR), ==, GERR_CMDQ);
    g_assert_cmphex(rd32(c, OFF_GERRORN), ==, 0);
    g_assert_cmphex(smmu_pm_active_gerrors(s), ==, GERR_CMDQ);
    /* stats.gerrors counts errors that became active, one per bit */
    g_assert_cmpuint(s->stats.gerrors, ==, 1);

    /* Already active: nothing changes */
    g_assert_cmphex(smmu_pm_raise_gerror(s, GERR_CMDQ), ==, 0);
    g_assert_cmphex(rd32(c, OFF_GERROR), ==, GERR_CMDQ);
    g_assert_cmpuint(s->stats.gerrors, ==, 1);

    /* Only the inactive bits of a mixed request toggle */
    g_assert_cmphex(smmu_pm_raise_gerror(s, GERR_CMDQ | GERR_SFM), ==,
                    GERR_SFM);
    g_assert_cmphex(rd32(c, OFF_GERROR), ==, GERR_CMDQ | GERR_SFM);
    g_assert_cmpuint(s->stats.gerrors, ==, 2);

    /* Acknowledge CMDQ_ERR by toggling GERRORN to match */
    wr32(c, OFF_GERRORN, GERR_CMDQ);
    g_assert_cmphex(rd32(c, OFF_GERRORN), ==, GERR_CMDQ);
    g_assert_cmphex(smmu_pm_active_gerrors(s), ==, GERR_SFM);
    expect_no_guest_error(c);

    /* A new CMDQ_ERR toggles GERROR back to 0, which is active again */
    g_assert_cmphex(smmu_pm_raise_gerror(s, GERR_CMDQ), ==, GERR_CMDQ);
    g_assert_cmphex(rd32(c, OFF_GERROR), ==, GERR_SFM);
    g_assert_cmphex(smmu_pm_active_gerrors(s), ==, GERR_CMDQ | GERR_SFM);

    /* Acknowledge both at once */
    wr32(c, OFF_GERRORN, GERR_SFM);
    g_assert_cmphex(smmu_pm_active_gerrors(s), ==, 0);
    g_assert_cmphex(rd32(c, OFF_GERROR), ==, rd32(c, OFF_GERRORN));
    expect_no_guest_error(c);

    /* Every architected bit, and nothing else (bit 1 and [31:9] RES0) */
    g_assert_cmphex(smmu_pm_raise_gerror(s, 0xffffffff), ==, GERR_ALL);
    g_assert_cmphex(smmu_pm_active_gerrors(s), ==, GERR_ALL);
    g_assert_cmphex(smmu_pm_raise_gerror(s, 0xfffffe02), ==, 0);
    /* 3 so far, then the 8 architected bits, all inactive before */
    g_assert_cmpuint(s->stats.gerrors, ==, 3 + 8);
    ctx_free(c);
}

static void test_gerror_wired_irq(void)
{
    SmmuPmUserConfig u = user_full();
    Ctx *c;

    u.msi = 0;
    c = ctx_new(&u);

    /* Interrupt disabled: the error is recorded but not signalled */
    smmu_pm_raise_gerror(&c->core, GERR_EVENTQ_ABT);
    g_assert_cmpuint(c->host.irq_pulses[SMMU_PM_IRQ_GERROR], ==, 0);
    g_assert_cmphex(smmu_pm_active_gerrors(&c->core), ==, GERR_EVENTQ_ABT);

    /* Requested in IRQ_CTRL: signalled, on the GERROR line only */
    set_irq_ctrl(c, IRQ_GERROR_IRQEN);
    smmu_pm_raise_gerror(&c->core, GERR_PRIQ_ABT);
    g_assert_cmpuint(c->host.irq_pulses[SMMU_PM_IRQ_GERROR], ==, 1);
    g_assert_cmpuint(c->host.irq_pulses[SMMU_PM_IRQ_EVENTQ], ==, 0);
    g_assert_cmpuint(c->host.irq_pulses[SMMU_PM_IRQ_PRIQ], ==, 0);
    g_assert_cmpuint(c->host.irq_pulses[SMMU_PM_IRQ_CMD_SYNC], ==, 0);
    g_assert_cmpuint(c->host.msis->len, ==, 0);

    /* Nothing newly active: no interrupt */
    smmu_pm_raise_gerror(&c->core, GERR_PRIQ_ABT | GERR_EVENTQ_ABT);
    g_assert_cmpuint(c->host.irq_pulses[SMMU_PM_IRQ_GERROR], ==, 1);

    /* Two new errors at once: one interrupt */
    smmu_pm_raise_gerror(&c->core, GERR_CMDQ | GERR_SFM);
    g_assert_cmpuint(c->host.irq_pulses[SMMU_PM_IRQ_GERROR], ==, 2);

    /* After acknowledgement, the same error interrupts again */
    wr32(c, OFF_GERRORN, rd32(c, OFF_GERROR));
    smmu_pm_raise_gerror(&c->core, GERR_CMDQ);
    g_assert_cmpuint(c->host.irq_pulses[SMMU_PM_IRQ_GERROR], ==, 3);

    /* Disabled again */
    set_irq_ctrl(c, IRQ_EVENTQ_IRQEN | IRQ_PRIQ_IRQEN);
    smmu_pm_raise_gerror(&c->core, GERR_SFM);
    g_assert_cmpuint(c->host.irq_pulses[SMMU_PM_IRQ_GERROR], ==, 3);
    expect_no_guest_error(c);
    ctx_free(c);
}

static void test_gerror_msi(void)
{
    Ctx *c = ctx_new_full();
    const FakeMsi *m;

    /* MSI supported but GERROR_IRQ_CFG0.ADDR == 0: wired interrupt */
    set_irq_ctrl(c, IRQ_GERROR_IRQEN);
    smmu_pm_raise_gerror(&c->core, GERR_CMDQ);
    g_assert_cmpuint(c->host.irq_pulses[SMMU_PM_IRQ_GERROR], ==, 1);
    g_assert_cmpuint(c->host.msis->len, ==, 0);

    /* With an address: an MSI with CFG1 data and CFG2 attributes */
    set_irq_ctrl(c, 0);
    wr64(c, OFF_GERROR_IRQ_CFG0, 0x8090a0b0c0ull);
    wr32(c, OFF_GERROR_IRQ_CFG1, 0xcafe0042);
    wr32(c, OFF_GERROR_IRQ_CFG2, 0x31);        /* SH = 0b11, MemAttr = 1 */
    /* ... only when enabled */
    smmu_pm_raise_gerror(&c->core, GERR_SFM);
    g_assert_cmpuint(c->host.msis->len, ==, 0);
    set_irq_ctrl(c, IRQ_GERROR_IRQEN);
    smmu_pm_raise_gerror(&c->core, GERR_EVENTQ_ABT);
    g_assert_cmpuint(c->host.msis->len, ==, 1);
    m = fake_host_msi_at(&c->host, 0);
    g_assert_cmphex(m->addr, ==, 0x8090a0b0c0ull);
    g_assert_cmphex(m->data, ==, 0xcafe0042);
    g_assert_cmphex(m->attr, ==, 0x31);
    /* Instead of, not as well as, the wired interrupt */
    g_assert_cmpuint(c->host.irq_pulses[SMMU_PM_IRQ_GERROR], ==, 1);
    g_assert_cmphex(smmu_pm_active_gerrors(&c->core) &
                    GERR_MSI_GERROR_ABT, ==, 0);

    /* Already-active errors send nothing */
    smmu_pm_raise_gerror(&c->core, GERR_EVENTQ_ABT);
    g_assert_cmpuint(c->host.msis->len, ==, 1);
    expect_no_guest_error(c);
    ctx_free(c);
}

static void test_gerror_msi_abort(void)
{
    Ctx *c = ctx_new_full();

    wr64(c, OFF_GERROR_IRQ_CFG0, 0x10000);
    wr32(c, OFF_GERROR_IRQ_CFG1, 0x1);
    set_irq_ctrl(c, IRQ_GERROR_IRQEN);
    c->host.msi_ok = false;

    /* The aborted MSI is reported as MSI_GERROR_ABT_ERR */
    g_assert_cmphex(smmu_pm_raise_gerror(&c->core, GERR_CMDQ), &, GERR_CMDQ);
    g_assert_cmpuint(c->host.msis->len, ==, 1);
    g_assert_cmphex(smmu_pm_active_gerrors(&c->core), ==,
                    GERR_CMDQ | GERR_MSI_GERROR_ABT);
    g_assert_cmphex(rd32(c, OFF_GERROR), ==, GERR_CMDQ | GERR_MSI_GERROR_ABT);
    /* ... without another interrupt of either kind */
    g_assert_cmpuint(c->host.irq_pulses[SMMU_PM_IRQ_GERROR], ==, 0);
    /* Two errors became active: CMDQ_ERR and MSI_GERROR_ABT_ERR */
    g_assert_cmpuint(c->core.stats.gerrors, ==, 2);

    /* A second abort while it is active leaves it active */
    smmu_pm_raise_gerror(&c->core, GERR_SFM);
    g_assert_cmpuint(c->host.msis->len, ==, 2);
    g_assert_cmphex(smmu_pm_active_gerrors(&c->core), ==,
                    GERR_CMDQ | GERR_MSI_GERROR_ABT | GERR_SFM);

    /* Acknowledge everything, then MSIs succeed again */
    wr32(c, OFF_GERRORN, rd32(c, OFF_GERROR));
    g_assert_cmphex(smmu_pm_active_gerrors(&c->core), ==, 0);
    c->host.msi_ok = true;
    smmu_pm_raise_gerror(&c->core, GERR_CMDQ);
    g_assert_cmpuint(c->host.msis->len, ==, 3);
    g_assert_cmphex(smmu_pm_active_gerrors(&c->core), ==, GERR_CMDQ);
    expect_no_guest_error(c);
    ctx_free(c);
}

static void test_gerrorn_inactive(void)
{
    Ctx *c = ctx_new_full();

    /* Nothing active: toggling any bit is ignored and reported */
    wr32(c, OFF_GERRORN, GERR_CMDQ);
    g_assert_cmphex(rd32(c, OFF_GERRORN), ==, 0);
    expect_guest_errors(c, 1, "GERRORN");

    /* Only the active bit of a mixed acknowledgement takes effect */
    smmu_pm_raise_gerror(&c->core, GERR_SFM);
    wr32(c, OFF_GERRORN, GERR_SFM | GERR_MSI_CMDQ_ABT);
    g_assert_cmphex(rd32(c, OFF_GERRORN), ==, GERR_SFM);
    g_assert_cmphex(smmu_pm_active_gerrors(&c->core), ==, 0);
    expect_guest_errors(c, 1, "GERRORN");

    /* Toggling it back (un-acknowledging) is not allowed either */
    wr32(c, OFF_GERRORN, 0);
    g_assert_cmphex(rd32(c, OFF_GERRORN), ==, GERR_SFM);
    expect_guest_errors(c, 1, "GERRORN");

    /* RES0 bits are dropped without complaint */
    smmu_pm_raise_gerror(&c->core, GERR_CMDQ);
    wr32(c, OFF_GERRORN, GERR_SFM | GERR_CMDQ | 0xfffffe02);
    g_assert_cmphex(rd32(c, OFF_GERRORN), ==, GERR_SFM | GERR_CMDQ);
    g_assert_cmphex(smmu_pm_active_gerrors(&c->core), ==, 0);
    expect_no_guest_error(c);
    ctx_free(c);
}

/* ---- Statistics ---------------------------------------------------------- */

static void test_stats(void)
{
    Ctx *c = ctx_new_full();
    SmmuPmStats s0 = c->core.stats;
    const SmmuPmStats *s = &c->core.stats;

    rd32(c, OFF_IDR0);
    rd64(c, OFF_STRTAB_BASE);
    wr32(c, OFF_CR1, 1);
    g_assert_cmpuint(s->reads - s0.reads, ==, 2);
    g_assert_cmpuint(s->writes - s0.writes, ==, 1);
    g_assert_cmpuint(s->guest_errors - s0.guest_errors, ==, 0);

    /* Refused accesses still count as accesses */
    rd32(c, 0x30);                      /* reserved */
    smmu_pm_mmio_read(&c->core, OFF_CR0, 2);  /* bad size */
    wr32(c, OFF_IDR0, 1);               /* read-only */
    wr32(c, OFF_GBPA, 0);               /* no UPDATE */
    wr32(c, OFF_GERRORN, 1);            /* inactive */
    g_assert_cmpuint(s->reads - s0.reads, ==, 4);
    g_assert_cmpuint(s->writes - s0.writes, ==, 4);
    g_assert_cmpuint(s->guest_errors - s0.guest_errors, ==, 5);
    g_assert_cmpuint(fake_host_count_logs(&c->host,
                                          SMMU_PM_LOG_GUEST_ERROR), ==, 5);

    /* CONSTRAINED UNPREDICTABLE writes are guest errors too */
    set_cr0(c, CR0_SMMUEN);
    wr32(c, OFF_CR2, 1);
    g_assert_cmpuint(s->writes - s0.writes, ==, 6);
    g_assert_cmpuint(s->guest_errors - s0.guest_errors, ==, 6);
    ctx_free(c);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    g_test_add_func("/smmuv3-pm/regfile/reset/values", test_reset_values);
    g_test_add_func("/smmuv3-pm/regfile/reset/gbpa", test_reset_gbpa);
    g_test_add_func("/smmuv3-pm/regfile/reset/pidr-cidr",
                    test_reset_pidr_cidr);
    g_test_add_func("/smmuv3-pm/regfile/id/config", test_id_regs_config);
    g_test_add_func("/smmuv3-pm/regfile/res0/all", test_res0_masking);
    g_test_add_func("/smmuv3-pm/regfile/res0/by-feature",
                    test_res0_by_feature);
    g_test_add_func("/smmuv3-pm/regfile/read-only", test_read_only);
    g_test_add_func("/smmuv3-pm/regfile/access/size-alignment",
                    test_access_size);
    g_test_add_func("/smmuv3-pm/regfile/access/64bit-halves",
                    test_access_64bit_halves);
    g_test_add_func("/smmuv3-pm/regfile/page1/aliases", test_page1_aliases);
    g_test_add_func("/smmuv3-pm/regfile/page1/other-offsets",
                    test_page1_other_offsets);
    g_test_add_func("/smmuv3-pm/regfile/reserved/offsets",
                    test_reserved_offsets);
    g_test_add_func("/smmuv3-pm/regfile/reserved/secure", test_secure_range);
    g_test_add_func("/smmuv3-pm/regfile/absent/pri", test_absent_pri);
    g_test_add_func("/smmuv3-pm/regfile/absent/msi", test_absent_msi);
    g_test_add_func("/smmuv3-pm/regfile/handshake/cr0", test_handshake_cr0);
    g_test_add_func("/smmuv3-pm/regfile/handshake/gbpa", test_handshake_gbpa);
    g_test_add_func("/smmuv3-pm/regfile/handshake/irq-ctrl",
                    test_handshake_irq_ctrl);
    g_test_add_func("/smmuv3-pm/regfile/handshake/translation-changed",
                    test_translation_changed);
    g_test_add_func("/smmuv3-pm/regfile/cu/queue-base", test_cu_queue_base);
    g_test_add_func("/smmuv3-pm/regfile/cu/strtab", test_cu_strtab);
    g_test_add_func("/smmuv3-pm/regfile/cu/cr1", test_cu_cr1);
    g_test_add_func("/smmuv3-pm/regfile/cu/cr2", test_cu_cr2);
    g_test_add_func("/smmuv3-pm/regfile/cu/irq-cfg", test_cu_irq_cfg);
    g_test_add_func("/smmuv3-pm/regfile/cu/owned-index",
                    test_cu_owned_index);
    g_test_add_func("/smmuv3-pm/regfile/queue/index-masking",
                    test_index_masking);
    g_test_add_func("/smmuv3-pm/regfile/queue/index-after-shrink",
                    test_index_after_shrink);
    g_test_add_func("/smmuv3-pm/regfile/queue/idr1-limit",
                    test_index_idr1_limit);
    g_test_add_func("/smmuv3-pm/regfile/addr/oas-mask", test_addr_mask_oas);
    g_test_add_func("/smmuv3-pm/regfile/gerror/raise-toggle",
                    test_gerror_raise_toggle);
    g_test_add_func("/smmuv3-pm/regfile/gerror/wired-irq",
                    test_gerror_wired_irq);
    g_test_add_func("/smmuv3-pm/regfile/gerror/msi", test_gerror_msi);
    g_test_add_func("/smmuv3-pm/regfile/gerror/msi-abort",
                    test_gerror_msi_abort);
    g_test_add_func("/smmuv3-pm/regfile/gerror/gerrorn-inactive",
                    test_gerrorn_inactive);
    g_test_add_func("/smmuv3-pm/regfile/stats", test_stats);

    return g_test_run();
}
