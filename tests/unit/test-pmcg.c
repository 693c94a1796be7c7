/*
 * arm-smmuv3-pm unit tests: the PMCG (pmcg/)
 *
 * The performance monitor counter group alone, through its register
 * pages and the calls the translation path, the clock and the power
 * layer make: every register's reset value and access rules, each event
 * counted from known per-transaction increments, the CR.E and CNTEN
 * gates, StreamID filters (exact, span, global, per counter), overflow
 * with OVS and the wired or MSI interrupt, capture, and power off/on
 * with and without retention.  Offsets and bit positions are written
 * here from Arm IHI 0070 ch. 10, not taken from pmcg-regs.h.  The PMCG's
 * host is a fake of its SmmuPmPmcgOps (fake-pmcg-host.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "fake-pmcg-host.h"
#include "hw/arm/smmuv3-pm/core/pmcg/pmcg.h"
#include "hw/arm/smmuv3-pm/core/pmcg/pmcg-mmio.h"

/* SMMU_PMCG_* offsets in their page */
#define EVCNTR(n, stride)   (0x000 + (n) * (stride))
#define EVTYPER(n)          (0x400 + (n) * 4)
#define SVR(n, stride)      (0x600 + (n) * (stride))
#define SMR(n)              (0xa00 + (n) * 4)
#define CNTENSET0           0xc00
#define CNTENCLR0           0xc20
#define INTENSET0           0xc40
#define INTENCLR0           0xc60
#define OVSCLR0             0xc80
#define OVSSET0             0xcc0
#define CAPR                0xd88
#define SCR                 0xdf8
#define CFGR                0xe00
#define CR                  0xe04
#define IIDR                0xe08
#define CEID0               0xe20
#define CEID1               0xe28
#define IRQ_CTRL            0xe50
#define IRQ_CTRLACK         0xe54
#define IRQ_CFG0            0xe58
#define IRQ_CFG1            0xe60
#define IRQ_CFG2            0xe64
#define AIDR                0xe70
#define PIDR4               0xfd0
#define PIDR0               0xfe0
#define CIDR0               0xff0

#define EVTYPER_SPAN        (1u << 29)
#define EVTYPER_SEC_SID     (1u << 30)
#define EVTYPER_OVFCAP      (1u << 31)
#define CFGR_RELOC_CTRS     (1u << 20)
#define CFGR_MSI            (1u << 21)
#define CFGR_CAPTURE        (1u << 22)
#define CFGR_SID_FILTER     (1u << 23)

/* Event numbers: architected, then the model's own (pmcg.h) */
enum {
    EV_CYCLES = 0, EV_TXN, EV_TLB_MISS, EV_CFG_MISS, EV_WALK_ACCESS,
    EV_CFG_ACCESS, EV_ATS_REQ, EV_ATS_TRANSLATED,
    EV_UTLB_LOOKUP = 0x80, EV_UTLB_MISS, EV_TLB_LOOKUP, EV_WC_LOOKUP,
    EV_WC_MISS, EV_CFG_LOOKUP,
};

typedef struct Env {
    FakePmcgHost host;
    SmmuPmPmcgConfig cfg;
    SmmuPmPmcg *p;
} Env;

/* 4 counters of 32 bits, MSI and capture, per-counter filters */
static SmmuPmPmcgConfig default_cfg(void)
{
    SmmuPmPmcgConfig cfg = {
        .counters = 4,
        .counter_bits = 32,
        .msi = true,
        .capture = true,
        .identity = *smmu_pm_model_identity(SMMU_PM_MODEL_MMU600),
    };

    return cfg;
}

static void env_init(Env *e, const SmmuPmPmcgConfig *cfg)
{
    fake_pmcg_host_init(&e->host);
    e->cfg = *cfg;
    e->p = smmu_pm_pmcg_new(cfg, &fake_pmcg_ops, &e->host);
}

static void env_free(Env *e)
{
    smmu_pm_pmcg_free(e->p);
    fake_pmcg_host_destroy(&e->host);
}

static uint32_t rd32(Env *e, unsigned page, unsigned off)
{
    return smmu_pm_pmcg_read(e->p, page, off, 4);
}

static uint64_t rd64(Env *e, unsigned page, unsigned off)
{
    return smmu_pm_pmcg_read(e->p, page, off, 8);
}

static void wr32(Env *e, unsigned page, unsigned off, uint32_t v)
{
    smmu_pm_pmcg_write(e->p, page, off, v, 4);
}

static void wr64(Env *e, unsigned page, unsigned off, uint64_t v)
{
    smmu_pm_pmcg_write(e->p, page, off, v, 8);
}

static unsigned guest_errors(Env *e)
{
    return fake_pmcg_host_count_logs(&e->host, SMMU_PM_LOG_GUEST_ERROR);
}

/* Counter @n counts @event for every StreamID; enabled, CR.E set */
static void program(Env *e, unsigned n, uint32_t event)
{
    wr32(e, 0, EVTYPER(n), event | EVTYPER_SPAN);
    wr32(e, 0, SMR(n), 0xffffffff);
    wr64(e, 0, CNTENSET0, 1ull << n);
    wr32(e, 0, CR, 1);
}

/* Counter @n as software reads it (page 0, 32-bit counters) */
static uint32_t cnt(Env *e, unsigned n)
{
    return rd32(e, 0, EVCNTR(n, 4));
}

/* One transaction of @sid that did one of everything */
static void txn(Env *e, uint32_t sid)
{
    SmmuPmPmcgDelta d = { .transactions = 1 };

    smmu_pm_pmcg_count(e->p, sid, &d);
}

/* ---- Configuration ------------------------------------------------------ */

static void check_invalid(SmmuPmPmcgConfig cfg, const char *msg)
{
    g_autofree char *err = NULL;

    g_assert_false(smmu_pm_pmcg_config_valid(&cfg, &err));
    g_assert_cmpstr(err, ==, msg);
}

static void test_config(void)
{
    SmmuPmPmcgConfig cfg = default_cfg();
    g_autofree char *err = NULL;

    g_assert_true(smmu_pm_pmcg_config_valid(&cfg, &err));
    g_assert_null(err);
    cfg.counters = 0;
    check_invalid(cfg, "pmcg-counters must be from 1 to 64 (got 0)");
    cfg.counters = 65;
    check_invalid(cfg, "pmcg-counters must be from 1 to 64 (got 65)");
    cfg = default_cfg();
    cfg.counter_bits = 31;
    check_invalid(cfg, "pmcg-counter-bits must be from 32 to 64 (got 31)");
    cfg.counter_bits = 65;
    check_invalid(cfg, "pmcg-counter-bits must be from 32 to 64 (got 65)");
    cfg.counter_bits = 64;
    cfg.counters = 64;
    g_assert_true(smmu_pm_pmcg_config_valid(&cfg, &err));
}

/* ---- Reset values and identification ----------------------------------- */

static void test_reset_values(void)
{
    SmmuPmPmcgConfig cfg = default_cfg();
    const SmmuPmIdentity *id = &cfg.identity;
    static const uint8_t cidr[4] = { 0x0d, 0xf0, 0x05, 0xb1 };
    Env e;

    env_init(&e, &cfg);
    for (unsigned n = 0; n < 4; n++) {
        g_assert_cmpuint(rd32(&e, 0, EVCNTR(n, 4)), ==, 0);
        g_assert_cmpuint(rd32(&e, 0, EVTYPER(n)), ==, 0);
        g_assert_cmpuint(rd32(&e, 0, SVR(n, 4)), ==, 0);
        g_assert_cmpuint(rd32(&e, 0, SMR(n)), ==, 0);
    }
    g_assert_cmpuint(rd64(&e, 0, CNTENSET0), ==, 0);
    g_assert_cmpuint(rd64(&e, 0, CNTENCLR0), ==, 0);
    g_assert_cmpuint(rd64(&e, 0, INTENSET0), ==, 0);
    g_assert_cmpuint(rd64(&e, 0, INTENCLR0), ==, 0);
    g_assert_cmpuint(rd64(&e, 0, OVSSET0), ==, 0);
    g_assert_cmpuint(rd64(&e, 0, OVSCLR0), ==, 0);
    g_assert_cmpuint(rd32(&e, 0, CAPR), ==, 0);
    g_assert_cmpuint(rd32(&e, 0, SCR), ==, 0);
    g_assert_cmpuint(rd32(&e, 0, CR), ==, 0);
    g_assert_cmpuint(rd32(&e, 0, IRQ_CTRL), ==, 0);
    g_assert_cmpuint(rd32(&e, 0, IRQ_CTRLACK), ==, 0);
    g_assert_cmpuint(rd64(&e, 0, IRQ_CFG0), ==, 0);
    g_assert_cmpuint(rd32(&e, 0, IRQ_CFG1), ==, 0);
    g_assert_cmpuint(rd32(&e, 0, IRQ_CFG2), ==, 0);
    /* NCTR = 3, SIZE = 31, MSI, CAPTURE */
    g_assert_cmpuint(rd32(&e, 0, CFGR), ==,
                     3 | (31 << 8) | CFGR_MSI | CFGR_CAPTURE);
    /* Events 0-5; no ATS, so not 6 and 7 */
    g_assert_cmpuint(rd64(&e, 0, CEID0), ==, 0x3f);
    g_assert_cmpuint(rd32(&e, 0, CEID0 + 4), ==, 0);
    g_assert_cmpuint(rd64(&e, 0, CEID1), ==, 0);
    g_assert_cmpuint(rd32(&e, 0, IIDR), ==, id->iidr);
    g_assert_cmpuint(rd32(&e, 0, AIDR), ==, id->aidr);
    g_assert_cmpuint(id->iidr, !=, 0);
    for (unsigned i = 0; i < 4; i++) {
        g_assert_cmpuint(rd32(&e, 0, PIDR0 + 4 * i), ==, id->pidr[i]);
        g_assert_cmpuint(rd32(&e, 0, PIDR4 + 4 * i), ==, id->pidr[4 + i]);
        g_assert_cmpuint(rd32(&e, 0, CIDR0 + 4 * i), ==, cidr[i]);
    }
    g_assert_cmpuint(guest_errors(&e), ==, 0);
    g_assert_false(smmu_pm_pmcg_regs_lost(e.p));
    env_free(&e);
}

static void test_cfgr_variants(void)
{
    SmmuPmPmcgConfig cfg = {
        .counters = 64, .counter_bits = 64, .reloc_ctrs = true,
        .global_filter = true, .ats = true,
    };
    Env e;

    env_init(&e, &cfg);
    g_assert_cmpuint(rd32(&e, 0, CFGR), ==,
                     63 | (63 << 8) | CFGR_RELOC_CTRS | CFGR_SID_FILTER);
    g_assert_cmpuint(rd64(&e, 0, CEID0), ==, 0xff);
    env_free(&e);
    cfg = default_cfg();
    cfg.counters = 1;
    cfg.counter_bits = 48;
    cfg.msi = false;
    cfg.capture = false;
    env_init(&e, &cfg);
    g_assert_cmpuint(rd32(&e, 0, CFGR), ==, 0 | (47 << 8));
    env_free(&e);
}

/* ---- Access rules ------------------------------------------------------- */

static void test_rw_masks(void)
{
    SmmuPmPmcgConfig cfg = default_cfg();
    Env e;

    env_init(&e, &cfg);
    wr32(&e, 0, EVCNTR(2, 4), 0xdeadbeef);
    g_assert_cmpuint(cnt(&e, 2), ==, 0xdeadbeef);
    /* FILTER_SEC_SID is RES0: no Secure StreamIDs */
    wr32(&e, 0, EVTYPER(1), 0xffffffff);
    g_assert_cmpuint(rd32(&e, 0, EVTYPER(1)), ==,
                     0xffff | EVTYPER_SPAN | EVTYPER_OVFCAP);
    wr32(&e, 0, SMR(3), 0x12345678);
    g_assert_cmpuint(rd32(&e, 0, SMR(3)), ==, 0x12345678);
    wr32(&e, 0, CR, 0xffffffff);
    g_assert_cmpuint(rd32(&e, 0, CR), ==, 1);
    wr64(&e, 0, IRQ_CFG0, UINT64_MAX);
    g_assert_cmpuint(rd64(&e, 0, IRQ_CFG0), ==, 0x000ffffffffffffcull);
    wr32(&e, 0, IRQ_CFG0 + 4, 0);
    g_assert_cmpuint(rd64(&e, 0, IRQ_CFG0), ==, 0xfffffffcull);
    wr32(&e, 0, IRQ_CFG1, 0xffffffff);
    g_assert_cmpuint(rd32(&e, 0, IRQ_CFG1), ==, 0xffffffff);
    wr32(&e, 0, IRQ_CFG2, 0xffffffff);
    g_assert_cmpuint(rd32(&e, 0, IRQ_CFG2), ==, 0x3f);
    wr32(&e, 0, IRQ_CTRL, 0xffffffff);
    g_assert_cmpuint(rd32(&e, 0, IRQ_CTRL), ==, 1);
    g_assert_cmpuint(rd32(&e, 0, IRQ_CTRLACK), ==, 1);
    g_assert_cmpuint(guest_errors(&e), ==, 0);
    /* Where the interrupt goes cannot change while it is enabled */
    wr64(&e, 0, IRQ_CFG0, 0x1000);
    wr32(&e, 0, IRQ_CFG1, 1);
    wr32(&e, 0, IRQ_CFG2, 1);
    g_assert_cmpuint(rd64(&e, 0, IRQ_CFG0), ==, 0xfffffffcull);
    g_assert_cmpuint(rd32(&e, 0, IRQ_CFG1), ==, 0xffffffff);
    g_assert_cmpuint(rd32(&e, 0, IRQ_CFG2), ==, 0x3f);
    g_assert_cmpuint(guest_errors(&e), ==, 3);
    wr32(&e, 0, IRQ_CTRL, 0);
    g_assert_cmpuint(rd32(&e, 0, IRQ_CTRLACK), ==, 0);
    wr32(&e, 0, IRQ_CFG1, 1);
    g_assert_cmpuint(rd32(&e, 0, IRQ_CFG1), ==, 1);
    env_free(&e);
}

/* Counters wider than 32 bits: 64-bit registers, 8-byte stride */
static void test_wide_counters(void)
{
    SmmuPmPmcgConfig cfg = default_cfg();
    Env e;

    cfg.counter_bits = 48;
    env_init(&e, &cfg);
    wr64(&e, 0, EVCNTR(1, 8), UINT64_MAX);
    g_assert_cmpuint(rd64(&e, 0, EVCNTR(1, 8)), ==, 0xffffffffffffull);
    g_assert_cmpuint(rd64(&e, 0, EVCNTR(0, 8)), ==, 0);
    wr32(&e, 0, EVCNTR(1, 8) + 4, 0x1234);
    g_assert_cmpuint(rd64(&e, 0, EVCNTR(1, 8)), ==, 0x1234ffffffffull);
    g_assert_cmpuint(rd32(&e, 0, EVCNTR(1, 8)), ==, 0xffffffff);
    g_assert_cmpuint(rd32(&e, 0, EVCNTR(1, 8) + 4), ==, 0x1234);
    /* SVRn too, read-only */
    wr32(&e, 0, CAPR, 1);
    g_assert_cmpuint(rd64(&e, 0, SVR(1, 8)), ==, 0x1234ffffffffull);
    g_assert_cmpuint(guest_errors(&e), ==, 0);
    /* 32-bit counters: an 8-byte access is not allowed */
    env_free(&e);
    cfg.counter_bits = 32;
    env_init(&e, &cfg);
    wr64(&e, 0, EVCNTR(0, 4), 5);
    g_assert_cmpuint(rd64(&e, 0, EVCNTR(0, 4)), ==, 0);
    g_assert_cmpuint(cnt(&e, 0), ==, 0);
    g_assert_cmpuint(guest_errors(&e), ==, 2);
    env_free(&e);
}

static void test_set_clear(void)
{
    SmmuPmPmcgConfig cfg = default_cfg();
    Env e;

    env_init(&e, &cfg);
    /* Only the implemented counters' bits */
    wr64(&e, 0, CNTENSET0, UINT64_MAX);
    g_assert_cmpuint(rd64(&e, 0, CNTENSET0), ==, 0xf);
    g_assert_cmpuint(rd64(&e, 0, CNTENCLR0), ==, 0xf);
    wr64(&e, 0, CNTENCLR0, 0x5);
    g_assert_cmpuint(rd64(&e, 0, CNTENSET0), ==, 0xa);
    wr32(&e, 0, INTENSET0, 0x3);
    g_assert_cmpuint(rd64(&e, 0, INTENSET0), ==, 0x3);
    wr32(&e, 0, INTENCLR0, 0x1);
    g_assert_cmpuint(rd64(&e, 0, INTENCLR0), ==, 0x2);
    wr64(&e, 0, OVSSET0, 0x1c);
    g_assert_cmpuint(rd64(&e, 0, OVSSET0), ==, 0xc);
    wr64(&e, 0, OVSCLR0, 0x4);
    g_assert_cmpuint(rd64(&e, 0, OVSCLR0), ==, 0x8);
    g_assert_cmpuint(guest_errors(&e), ==, 0);
    env_free(&e);

    /* 64 counters: a write to one half leaves the other half alone */
    cfg.counters = 64;
    env_init(&e, &cfg);
    wr64(&e, 0, CNTENSET0, 0x8000000100000001ull);
    wr32(&e, 0, CNTENCLR0 + 4, 0x1);
    g_assert_cmpuint(rd64(&e, 0, CNTENSET0), ==, 0x8000000000000001ull);
    wr32(&e, 0, CNTENCLR0, 0x1);
    g_assert_cmpuint(rd64(&e, 0, CNTENSET0), ==, 0x8000000000000000ull);
    wr32(&e, 0, OVSSET0 + 4, 0x80000000);
    wr32(&e, 0, OVSSET0, 0x2);
    g_assert_cmpuint(rd64(&e, 0, OVSSET0), ==, 0x8000000000000002ull);
    wr32(&e, 0, OVSCLR0 + 4, 0x80000000);
    g_assert_cmpuint(rd64(&e, 0, OVSCLR0), ==, 0x2);
    env_free(&e);
}

static void test_read_only(void)
{
    SmmuPmPmcgConfig cfg = default_cfg();
    static const unsigned ro[] = {
        CFGR, IIDR, CEID0, CEID1, IRQ_CTRLACK, AIDR, PIDR0, PIDR4, CIDR0,
        SVR(0, 4),
    };
    Env e;

    env_init(&e, &cfg);
    for (unsigned i = 0; i < G_N_ELEMENTS(ro); i++) {
        uint32_t before = rd32(&e, 0, ro[i]);

        wr32(&e, 0, ro[i], ~before);
        g_assert_cmpuint(rd32(&e, 0, ro[i]), ==, before);
        g_assert_cmpuint(guest_errors(&e), ==, i + 1);
    }
    g_assert_true(fake_pmcg_host_logged(&e.host, SMMU_PM_LOG_GUEST_ERROR,
                                   "read-only register CFGR"));
    g_assert_cmpuint(smmu_pm_pmcg_stats(e.p)->guest_errors, ==,
                     G_N_ELEMENTS(ro));
    env_free(&e);
}

/* Reserved offsets, pages and access sizes: RAZ/WI and a guest error */
static void test_reserved(void)
{
    SmmuPmPmcgConfig cfg = default_cfg();
    static const unsigned reserved[] = {
        EVCNTR(4, 4), EVTYPER(4), SVR(4, 4), SMR(4), 0x800, 0xc08, 0xd00,
        0xe0c, 0xe68, 0xe74, 0xfcc,
    };
    unsigned errors = 0;
    Env e;

    env_init(&e, &cfg);
    for (unsigned i = 0; i < G_N_ELEMENTS(reserved); i++) {
        wr32(&e, 0, reserved[i], 0xffffffff);
        g_assert_cmpuint(rd32(&e, 0, reserved[i]), ==, 0);
        errors += 2;
        g_assert_cmpuint(guest_errors(&e), ==, errors);
    }
    /* Beyond the page, page 1 without RELOC_CTRS, page 2 */
    g_assert_cmpuint(rd32(&e, 0, 0x1000), ==, 0);
    g_assert_cmpuint(rd32(&e, 1, CFGR), ==, 0);
    g_assert_cmpuint(rd32(&e, 1, EVCNTR(0, 4)), ==, 0);
    g_assert_cmpuint(rd32(&e, 2, CFGR), ==, 0);
    errors += 4;
    g_assert_cmpuint(guest_errors(&e), ==, errors);
    /* Sizes: 8 bytes to a 32-bit register, 2 and 1 bytes, misaligned */
    wr32(&e, 0, CR, 1);
    g_assert_cmpuint(smmu_pm_pmcg_read(e.p, 0, CR, 8), ==, 0);
    smmu_pm_pmcg_write(e.p, 0, CR, 0, 8);
    g_assert_cmpuint(smmu_pm_pmcg_read(e.p, 0, CR, 2), ==, 0);
    smmu_pm_pmcg_write(e.p, 0, CR, 0, 1);
    g_assert_cmpuint(rd32(&e, 0, CR), ==, 1);
    g_assert_cmpuint(rd64(&e, 0, CNTENSET0 + 4), ==, 0);
    g_assert_cmpuint(rd32(&e, 0, CR + 2), ==, 0);
    errors += 6;
    g_assert_cmpuint(guest_errors(&e), ==, errors);
    g_assert_true(fake_pmcg_host_logged(&e.host, SMMU_PM_LOG_GUEST_ERROR,
                                   "access size or alignment"));
    env_free(&e);
}

/* A register of a feature this configuration lacks is RES0: legal */
static void test_absent_features(void)
{
    SmmuPmPmcgConfig cfg = default_cfg();
    Env e;

    cfg.msi = false;
    cfg.capture = false;
    env_init(&e, &cfg);
    wr64(&e, 0, IRQ_CFG0, 0x1000);
    wr32(&e, 0, IRQ_CFG1, 1);
    wr32(&e, 0, IRQ_CFG2, 1);
    g_assert_cmpuint(rd64(&e, 0, IRQ_CFG0), ==, 0);
    g_assert_cmpuint(rd32(&e, 0, IRQ_CFG1), ==, 0);
    g_assert_cmpuint(rd32(&e, 0, IRQ_CFG2), ==, 0);
    wr32(&e, 0, EVCNTR(0, 4), 7);
    wr32(&e, 0, CAPR, 1);
    g_assert_cmpuint(rd32(&e, 0, SVR(0, 4)), ==, 0);
    g_assert_cmpuint(smmu_pm_pmcg_stats(e.p)->captures, ==, 0);
    /* OVFCAP is RES0 without capture */
    wr32(&e, 0, EVTYPER(0), EVTYPER_OVFCAP | EVTYPER_SPAN | 1);
    g_assert_cmpuint(rd32(&e, 0, EVTYPER(0)), ==, EVTYPER_SPAN | 1);
    wr32(&e, 0, SCR, 0xffffffff);
    g_assert_cmpuint(rd32(&e, 0, SCR), ==, 0);
    g_assert_cmpuint(guest_errors(&e), ==, 0);
    g_assert_true(fake_pmcg_host_logged(&e.host, SMMU_PM_LOG_INFO,
                                   "RES0 in this configuration"));
    env_free(&e);
}

/* RELOC_CTRS: EVCNTRn, SVRn, OVSCLR0, OVSSET0 and CAPR in page 1 */
static void test_reloc(void)
{
    SmmuPmPmcgConfig cfg = default_cfg();
    Env e;

    cfg.reloc_ctrs = true;
    env_init(&e, &cfg);
    wr32(&e, 1, EVCNTR(1, 4), 42);
    g_assert_cmpuint(rd32(&e, 1, EVCNTR(1, 4)), ==, 42);
    wr32(&e, 1, CAPR, 1);
    g_assert_cmpuint(rd32(&e, 1, SVR(1, 4)), ==, 42);
    wr64(&e, 1, OVSSET0, 0x3);
    g_assert_cmpuint(rd64(&e, 1, OVSSET0), ==, 0x3);
    wr64(&e, 1, OVSCLR0, 0x1);
    g_assert_cmpuint(rd64(&e, 1, OVSCLR0), ==, 0x2);
    wr32(&e, 0, CR, 1);
    wr32(&e, 0, EVTYPER(1), 5);
    wr64(&e, 0, CNTENSET0, 0x2);
    g_assert_cmpuint(guest_errors(&e), ==, 0);
    /* Their page 0 locations are reserved; page 1 holds nothing else */
    g_assert_cmpuint(rd32(&e, 0, EVCNTR(1, 4)), ==, 0);
    g_assert_cmpuint(rd32(&e, 0, SVR(1, 4)), ==, 0);
    g_assert_cmpuint(rd64(&e, 0, OVSSET0), ==, 0);
    wr32(&e, 0, CAPR, 1);
    g_assert_cmpuint(rd32(&e, 1, CFGR), ==, 0);
    g_assert_cmpuint(rd64(&e, 1, CNTENSET0), ==, 0);
    g_assert_cmpuint(guest_errors(&e), ==, 6);
    g_assert_cmpuint(rd32(&e, 0, CR), ==, 1);
    g_assert_cmpuint(rd32(&e, 0, EVTYPER(1)), ==, 5);
    env_free(&e);
}

/* ---- Events ------------------------------------------------------------- */

/* Each event number and what a transaction of @d adds to it */
static const struct {
    uint32_t event;
    uint32_t expect;
} event_cases[] = {
    { EV_TXN, 1 }, { EV_TLB_MISS, 2 }, { EV_CFG_MISS, 3 },
    { EV_WALK_ACCESS, 4 }, { EV_CFG_ACCESS, 5 }, { EV_ATS_REQ, 6 },
    { EV_ATS_TRANSLATED, 7 }, { EV_UTLB_LOOKUP, 11 }, { EV_UTLB_MISS, 12 },
    { EV_TLB_LOOKUP, 13 }, { EV_WC_LOOKUP, 14 }, { EV_WC_MISS, 15 },
    { EV_CFG_LOOKUP, 16 },
};

static const SmmuPmPmcgDelta every_event = {
    .transactions = 1, .tlb_misses = 2, .cfg_misses = 3,
    .walk_accesses = 4, .cfg_accesses = 5, .ats_requests = 6,
    .ats_translated = 7, .utlb_lookups = 11, .utlb_misses = 12,
    .tlb_lookups = 13, .walkcache_lookups = 14, .walkcache_misses = 15,
    .cfg_lookups = 16,
};

static void test_events(void)
{
    SmmuPmPmcgConfig cfg = default_cfg();
    Env e;

    cfg.counters = G_N_ELEMENTS(event_cases) + 1;
    cfg.ats = true;
    env_init(&e, &cfg);
    for (unsigned i = 0; i < G_N_ELEMENTS(event_cases); i++) {
        program(&e, i, event_cases[i].event);
    }
    program(&e, G_N_ELEMENTS(event_cases), EV_CYCLES);
    smmu_pm_pmcg_count(e.p, 3, &every_event);
    smmu_pm_pmcg_count(e.p, 9, &every_event);
    for (unsigned i = 0; i < G_N_ELEMENTS(event_cases); i++) {
        g_assert_cmpuint(cnt(&e, i), ==, 2 * event_cases[i].expect);
    }
    /* Transactions add no cycles; the clock adds only cycles */
    g_assert_cmpuint(cnt(&e, G_N_ELEMENTS(event_cases)), ==, 0);
    smmu_pm_pmcg_cycles(e.p, 1000);
    g_assert_cmpuint(cnt(&e, G_N_ELEMENTS(event_cases)), ==, 1000);
    g_assert_cmpuint(cnt(&e, 0), ==, 2);
    g_assert_cmpstr(smmu_pm_pmcg_event_name(EV_CYCLES), ==, "cycles");
    g_assert_cmpstr(smmu_pm_pmcg_event_name(EV_TLB_MISS), ==, "tlb_misses");
    g_assert_cmpstr(smmu_pm_pmcg_event_name(EV_CFG_LOOKUP), ==,
                    "cfg_lookups");
    g_assert_null(smmu_pm_pmcg_event_name(0x8));
    env_free(&e);
}

/* Unimplemented events count nothing: ATS's without ATS, 0x8, 0xffff */
static void test_unimplemented_events(void)
{
    SmmuPmPmcgConfig cfg = default_cfg();
    Env e;

    env_init(&e, &cfg);
    program(&e, 0, EV_ATS_REQ);
    program(&e, 1, EV_ATS_TRANSLATED);
    program(&e, 2, 0x8);
    program(&e, 3, 0xffff);
    smmu_pm_pmcg_count(e.p, 0, &every_event);
    smmu_pm_pmcg_cycles(e.p, 5);
    for (unsigned n = 0; n < 4; n++) {
        g_assert_cmpuint(cnt(&e, n), ==, 0);
    }
    env_free(&e);
}

/* CR.E and each counter's CNTEN bit gate counting; so does power */
static void test_gating(void)
{
    SmmuPmPmcgConfig cfg = default_cfg();
    Env e;

    env_init(&e, &cfg);
    program(&e, 0, EV_TXN);
    program(&e, 1, EV_TXN);
    program(&e, 2, EV_CYCLES);
    wr32(&e, 0, CR, 0);
    txn(&e, 1);
    smmu_pm_pmcg_cycles(e.p, 10);
    g_assert_cmpuint(cnt(&e, 0), ==, 0);
    g_assert_cmpuint(cnt(&e, 2), ==, 0);
    wr32(&e, 0, CR, 1);
    wr64(&e, 0, CNTENCLR0, 0x2);
    txn(&e, 1);
    smmu_pm_pmcg_cycles(e.p, 10);
    g_assert_cmpuint(cnt(&e, 0), ==, 1);
    g_assert_cmpuint(cnt(&e, 1), ==, 0);
    g_assert_cmpuint(cnt(&e, 2), ==, 10);
    /* Counter 3 was never enabled */
    g_assert_cmpuint(cnt(&e, 3), ==, 0);
    env_free(&e);
}

/* ---- StreamID filters --------------------------------------------------- */

static void filter(Env *e, unsigned n, bool span, uint32_t smr)
{
    wr32(e, 0, EVTYPER(n), EV_TXN | (span ? EVTYPER_SPAN : 0));
    wr32(e, 0, SMR(n), smr);
}

/* Does counter 0, filtered by (@span, @smr), count a transaction of @sid? */
static bool counts(bool span, uint32_t smr, uint32_t sid)
{
    SmmuPmPmcgConfig cfg = default_cfg();
    Env e;
    bool counted;

    env_init(&e, &cfg);
    program(&e, 0, EV_TXN);
    filter(&e, 0, span, smr);
    txn(&e, sid);
    counted = cnt(&e, 0) == 1;
    env_free(&e);
    return counted;
}

static void test_filter_exact(void)
{
    g_assert_true(counts(false, 0x42, 0x42));
    g_assert_false(counts(false, 0x42, 0x43));
    g_assert_false(counts(false, 0x42, 0x40));
    g_assert_false(counts(false, 0xffffffff, 0x1));
    g_assert_true(counts(false, 0xffffffff, 0xffffffff));
}

static void test_filter_span(void)
{
    /* No trailing one: bit 0 does not take part (0x42-0x43) */
    g_assert_true(counts(true, 0x42, 0x42));
    g_assert_true(counts(true, 0x42, 0x43));
    g_assert_false(counts(true, 0x42, 0x41));
    g_assert_false(counts(true, 0x42, 0x44));
    /* One trailing one: bits 1:0 (0x40-0x43) */
    g_assert_true(counts(true, 0x41, 0x40));
    g_assert_true(counts(true, 0x41, 0x43));
    g_assert_false(counts(true, 0x41, 0x44));
    g_assert_false(counts(true, 0x41, 0x3f));
    /* 0x0ff: bits 8:0 (0x000-0x1ff) */
    g_assert_true(counts(true, 0x0ff, 0x000));
    g_assert_true(counts(true, 0x0ff, 0x1ff));
    g_assert_false(counts(true, 0x0ff, 0x200));
    /* 0x100ff: 0x10000-0x101ff */
    g_assert_true(counts(true, 0x100ff, 0x10123));
    g_assert_false(counts(true, 0x100ff, 0x00123));
    /* All ones, or all but the top bit: every StreamID */
    g_assert_true(counts(true, 0xffffffff, 0));
    g_assert_true(counts(true, 0xffffffff, 0xabcdef));
    g_assert_true(counts(true, 0x7fffffff, 0xffffffff));
    g_assert_true(counts(true, 0x7fffffff, 0));
}

static void test_filter_per_counter(void)
{
    SmmuPmPmcgConfig cfg = default_cfg();
    Env e;

    env_init(&e, &cfg);
    program(&e, 0, EV_TXN);
    program(&e, 1, EV_TXN);
    program(&e, 2, EV_TXN);
    program(&e, 3, EV_CYCLES);
    filter(&e, 0, false, 1);
    filter(&e, 1, false, 2);
    filter(&e, 2, true, 0x1);  /* 0-3 */
    wr32(&e, 0, EVTYPER(3), EV_CYCLES);
    wr32(&e, 0, SMR(3), 77);
    txn(&e, 1);
    txn(&e, 2);
    txn(&e, 2);
    txn(&e, 5);
    g_assert_cmpuint(cnt(&e, 0), ==, 1);
    g_assert_cmpuint(cnt(&e, 1), ==, 2);
    g_assert_cmpuint(cnt(&e, 2), ==, 3);
    /* Cycles are nobody's: an exact filter on 77 does not stop them */
    smmu_pm_pmcg_cycles(e.p, 9);
    g_assert_cmpuint(cnt(&e, 3), ==, 9);
    env_free(&e);
}

/* SID_FILTER_TYPE = 1: counter 0's EVTYPER and SMR0 filter every counter */
static void test_filter_global(void)
{
    SmmuPmPmcgConfig cfg = default_cfg();
    Env e;

    cfg.global_filter = true;
    env_init(&e, &cfg);
    program(&e, 0, EV_TXN);
    program(&e, 1, EV_TLB_MISS);
    filter(&e, 0, false, 7);
    /* SMR1 is RES0, and so is FILTER_SID_SPAN of EVTYPER1 */
    g_assert_cmpuint(rd32(&e, 0, SMR(1)), ==, 0);
    g_assert_cmpuint(rd32(&e, 0, EVTYPER(1)), ==, EV_TLB_MISS);
    g_assert_cmpuint(guest_errors(&e), ==, 0);
    smmu_pm_pmcg_count(e.p, 7, &every_event);
    smmu_pm_pmcg_count(e.p, 8, &every_event);
    g_assert_cmpuint(cnt(&e, 0), ==, 1);
    g_assert_cmpuint(cnt(&e, 1), ==, 2);
    /* Counter 0's span applies to counter 1 too */
    filter(&e, 0, true, 3);     /* 0-7 */
    smmu_pm_pmcg_count(e.p, 0, &every_event);
    smmu_pm_pmcg_count(e.p, 8, &every_event);
    g_assert_cmpuint(cnt(&e, 0), ==, 2);
    g_assert_cmpuint(cnt(&e, 1), ==, 4);
    env_free(&e);
}

/* ---- Overflow ----------------------------------------------------------- */

static void test_overflow_wired(void)
{
    SmmuPmPmcgConfig cfg = default_cfg();
    Env e;

    env_init(&e, &cfg);
    program(&e, 0, EV_TLB_MISS);
    program(&e, 1, EV_TLB_MISS);
    wr32(&e, 0, EVCNTR(0, 4), 0xfffffffe);
    wr32(&e, 0, EVCNTR(1, 4), 0xfffffff0);
    wr64(&e, 0, INTENSET0, 0x1);
    /* No IRQEN: OVS, no interrupt */
    smmu_pm_pmcg_count(e.p, 0, &(SmmuPmPmcgDelta){ .tlb_misses = 3 });
    g_assert_cmpuint(cnt(&e, 0), ==, 1);
    g_assert_cmpuint(cnt(&e, 1), ==, 0xfffffff3);
    g_assert_cmpuint(rd64(&e, 0, OVSSET0), ==, 0x1);
    g_assert_cmpuint(e.host.pulses, ==, 0);
    /* IRQEN, and no MSI address: the wired line */
    wr32(&e, 0, IRQ_CTRL, 1);
    wr32(&e, 0, EVCNTR(0, 4), 0xffffffff);
    smmu_pm_pmcg_count(e.p, 0, &(SmmuPmPmcgDelta){ .tlb_misses = 1 });
    g_assert_cmpuint(cnt(&e, 0), ==, 0);
    g_assert_cmpuint(e.host.pulses, ==, 1);
    g_assert_cmpuint(smmu_pm_pmcg_stats(e.p)->irq_pulses, ==, 1);
    g_assert_cmpuint(e.host.logs->len, ==, 0);
    g_assert_cmpuint(e.host.msis->len, ==, 0);
    /* Counter 1 (now 0xfffffff4) wraps without INTEN: OVS only */
    smmu_pm_pmcg_count(e.p, 0, &(SmmuPmPmcgDelta){ .tlb_misses = 0x10 });
    g_assert_cmpuint(cnt(&e, 0), ==, 0x10);
    g_assert_cmpuint(cnt(&e, 1), ==, 0x4);
    g_assert_cmpuint(rd64(&e, 0, OVSSET0), ==, 0x3);
    g_assert_cmpuint(e.host.pulses, ==, 1);
    g_assert_cmpuint(smmu_pm_pmcg_stats(e.p)->overflows, ==, 3);
    g_assert_cmpuint(smmu_pm_pmcg_stats(e.p)->irq_pulses, ==, 1);
    env_free(&e);
}

/* A 64-bit counter wraps at 2^64; a 40-bit one at 2^40 */
static void test_overflow_sizes(void)
{
    SmmuPmPmcgConfig cfg = default_cfg();
    Env e;

    cfg.counter_bits = 64;
    env_init(&e, &cfg);
    program(&e, 0, EV_CYCLES);
    wr64(&e, 0, EVCNTR(0, 8), UINT64_MAX - 1);
    smmu_pm_pmcg_cycles(e.p, 1);
    g_assert_cmpuint(rd64(&e, 0, OVSSET0), ==, 0);
    smmu_pm_pmcg_cycles(e.p, 3);
    g_assert_cmpuint(rd64(&e, 0, EVCNTR(0, 8)), ==, 2);
    g_assert_cmpuint(rd64(&e, 0, OVSSET0), ==, 1);
    env_free(&e);
    cfg.counter_bits = 40;
    env_init(&e, &cfg);
    program(&e, 0, EV_CYCLES);
    wr64(&e, 0, EVCNTR(0, 8), 0xfffffffffeull);
    smmu_pm_pmcg_cycles(e.p, 1);
    g_assert_cmpuint(rd64(&e, 0, OVSSET0), ==, 0);
    smmu_pm_pmcg_cycles(e.p, 2);
    g_assert_cmpuint(rd64(&e, 0, EVCNTR(0, 8)), ==, 1);
    g_assert_cmpuint(rd64(&e, 0, OVSSET0), ==, 1);
    env_free(&e);
}

static void setup_msi(Env *e)
{
    wr64(e, 0, IRQ_CFG0, 0x8000040ull);
    wr32(e, 0, IRQ_CFG1, 0xcafe);
    wr32(e, 0, IRQ_CFG2, 0x1f);         /* MEMATTR 0xf, SH 1 */
    wr64(e, 0, INTENSET0, 0x1);
    wr32(e, 0, IRQ_CTRL, 1);
}

static void test_overflow_msi(void)
{
    SmmuPmPmcgConfig cfg = default_cfg();
    const FakePmcgMsi *m;
    Env e;

    env_init(&e, &cfg);
    program(&e, 0, EV_TXN);
    setup_msi(&e);
    wr32(&e, 0, EVCNTR(0, 4), 0xffffffff);
    txn(&e, 0);
    g_assert_cmpuint(e.host.msis->len, ==, 1);
    m = fake_pmcg_host_msi_at(&e.host, 0);
    g_assert_cmpuint(m->addr, ==, 0x8000040ull);
    g_assert_cmpuint(m->data, ==, 0xcafe);
    g_assert_cmpuint(m->attr, ==, 0x1f);
    g_assert_cmpuint(e.host.pulses, ==, 0);
    g_assert_cmpuint(smmu_pm_pmcg_stats(e.p)->msis, ==, 1);
    /* An aborted MSI is counted and logged, nothing else */
    e.host.msi_ok = false;
    wr32(&e, 0, EVCNTR(0, 4), 0xffffffff);
    txn(&e, 0);
    g_assert_cmpuint(e.host.msis->len, ==, 2);
    g_assert_cmpuint(smmu_pm_pmcg_stats(e.p)->msi_aborts, ==, 1);
    g_assert_cmpuint(e.host.logs->len, ==, 1);
    g_assert_cmpint(fake_pmcg_host_log_at(&e.host, 0)->kind, ==,
                    SMMU_PM_LOG_INFO);
    g_assert_cmpstr(fake_pmcg_host_log_at(&e.host, 0)->msg, ==,
                    "PMCG MSI write to 0x8000040 aborted");
    g_assert_cmpuint(e.host.pulses, ==, 0);
    g_assert_cmpuint(guest_errors(&e), ==, 0);
    env_free(&e);

    /* MSIs not implemented: IRQ_CFG0 is RES0, the wired line is used */
    cfg.msi = false;
    env_init(&e, &cfg);
    program(&e, 0, EV_TXN);
    setup_msi(&e);
    wr32(&e, 0, EVCNTR(0, 4), 0xffffffff);
    txn(&e, 0);
    g_assert_cmpuint(e.host.msis->len, ==, 0);
    g_assert_cmpuint(e.host.pulses, ==, 1);
    env_free(&e);
}

/* OVSSET0 raises the interrupt for a newly set bit with INTEN */
static void test_ovsset_irq(void)
{
    SmmuPmPmcgConfig cfg = default_cfg();
    Env e;

    env_init(&e, &cfg);
    wr64(&e, 0, INTENSET0, 0x2);
    wr32(&e, 0, IRQ_CTRL, 1);
    wr64(&e, 0, OVSSET0, 0x1);
    g_assert_cmpuint(e.host.pulses, ==, 0);
    wr64(&e, 0, OVSSET0, 0x2);
    g_assert_cmpuint(e.host.pulses, ==, 1);
    wr64(&e, 0, OVSSET0, 0x2);
    g_assert_cmpuint(e.host.pulses, ==, 1);
    wr64(&e, 0, OVSCLR0, 0x3);
    g_assert_cmpuint(rd64(&e, 0, OVSSET0), ==, 0);
    wr64(&e, 0, OVSSET0, 0x2);
    g_assert_cmpuint(e.host.pulses, ==, 2);
    env_free(&e);
}

/*
 * log and pulse_irq may be NULL, and so may the ops without MSIs: the
 * PMCG still counts what it would have signalled
 */
static void test_no_host(void)
{
    SmmuPmPmcgConfig cfg = default_cfg();
    static const SmmuPmPmcgOps msi_only = {
        .send_msi = fake_pmcg_host_send_msi,
    };
    FakePmcgHost h;
    SmmuPmPmcg *p;
    SmmuPmPmcgDelta d = { .transactions = 1 };

    cfg.msi = false;
    p = smmu_pm_pmcg_new(&cfg, NULL, NULL);
    smmu_pm_pmcg_write(p, 0, CFGR, 0, 4);
    g_assert_cmpuint(smmu_pm_pmcg_stats(p)->guest_errors, ==, 1);
    smmu_pm_pmcg_write(p, 0, EVTYPER(0), EV_TXN | EVTYPER_SPAN, 4);
    smmu_pm_pmcg_write(p, 0, SMR(0), 0xffffffff, 4);
    smmu_pm_pmcg_write(p, 0, CNTENSET0, 1, 8);
    smmu_pm_pmcg_write(p, 0, INTENSET0, 1, 8);
    smmu_pm_pmcg_write(p, 0, IRQ_CTRL, 1, 4);
    smmu_pm_pmcg_write(p, 0, CR, 1, 4);
    smmu_pm_pmcg_write(p, 0, EVCNTR(0, 4), 0xffffffff, 4);
    smmu_pm_pmcg_count(p, 0, &d);
    g_assert_cmpuint(smmu_pm_pmcg_read(p, 0, OVSSET0, 8), ==, 1);
    g_assert_cmpuint(smmu_pm_pmcg_stats(p)->irq_pulses, ==, 1);
    smmu_pm_pmcg_free(p);

    /* An aborted MSI without a log callback: counted only */
    cfg.msi = true;
    fake_pmcg_host_init(&h);
    h.msi_ok = false;
    p = smmu_pm_pmcg_new(&cfg, &msi_only, &h);
    smmu_pm_pmcg_write(p, 0, EVTYPER(0), EV_TXN | EVTYPER_SPAN, 4);
    smmu_pm_pmcg_write(p, 0, SMR(0), 0xffffffff, 4);
    smmu_pm_pmcg_write(p, 0, CNTENSET0, 1, 8);
    smmu_pm_pmcg_write(p, 0, CR, 1, 4);
    smmu_pm_pmcg_write(p, 0, IRQ_CFG0, 0x8000040ull, 8);
    smmu_pm_pmcg_write(p, 0, IRQ_CFG1, 0xcafe, 4);
    smmu_pm_pmcg_write(p, 0, INTENSET0, 1, 8);
    smmu_pm_pmcg_write(p, 0, IRQ_CTRL, 1, 4);
    smmu_pm_pmcg_write(p, 0, EVCNTR(0, 4), 0xffffffff, 4);
    smmu_pm_pmcg_count(p, 0, &d);
    g_assert_cmpuint(h.msis->len, ==, 1);
    g_assert_cmpuint(fake_pmcg_host_msi_at(&h, 0)->addr, ==, 0x8000040ull);
    g_assert_cmpuint(fake_pmcg_host_msi_at(&h, 0)->data, ==, 0xcafe);
    g_assert_cmpuint(smmu_pm_pmcg_stats(p)->msis, ==, 1);
    g_assert_cmpuint(smmu_pm_pmcg_stats(p)->msi_aborts, ==, 1);
    g_assert_cmpuint(smmu_pm_pmcg_stats(p)->irq_pulses, ==, 0);
    g_assert_cmpuint(h.logs->len, ==, 0);
    g_assert_cmpuint(h.pulses, ==, 0);
    smmu_pm_pmcg_free(p);
    fake_pmcg_host_destroy(&h);
}

/* ---- Capture ------------------------------------------------------------ */

static void test_capture(void)
{
    SmmuPmPmcgConfig cfg = default_cfg();
    Env e;

    env_init(&e, &cfg);
    program(&e, 0, EV_TXN);
    program(&e, 1, EV_TXN);
    program(&e, 2, EV_TXN);
    wr32(&e, 0, EVCNTR(3, 4), 33);
    txn(&e, 0);
    txn(&e, 0);
    wr32(&e, 0, CAPR, 1);
    g_assert_cmpuint(rd32(&e, 0, CAPR), ==, 0);
    g_assert_cmpuint(rd32(&e, 0, SVR(0, 4)), ==, 2);
    g_assert_cmpuint(rd32(&e, 0, SVR(3, 4)), ==, 33);
    /* CAPR without CAPTURE set does nothing */
    txn(&e, 0);
    wr32(&e, 0, CAPR, 0);
    g_assert_cmpuint(rd32(&e, 0, SVR(0, 4)), ==, 2);
    g_assert_cmpuint(smmu_pm_pmcg_stats(e.p)->captures, ==, 1);

    /* Counter 1 wraps without OVFCAP: no capture */
    wr32(&e, 0, EVCNTR(1, 4), 0xffffffff);
    txn(&e, 0);
    g_assert_cmpuint(rd32(&e, 0, SVR(0, 4)), ==, 2);
    /* Counter 2 wraps with OVFCAP: every counter, after the increment */
    wr32(&e, 0, EVTYPER(2), EV_TXN | EVTYPER_SPAN | EVTYPER_OVFCAP);
    wr32(&e, 0, EVCNTR(2, 4), 0xffffffff);
    txn(&e, 0);
    g_assert_cmpuint(cnt(&e, 0), ==, 5);
    g_assert_cmpuint(rd32(&e, 0, SVR(0, 4)), ==, 5);
    g_assert_cmpuint(rd32(&e, 0, SVR(1, 4)), ==, 1);
    g_assert_cmpuint(rd32(&e, 0, SVR(2, 4)), ==, 0);
    g_assert_cmpuint(rd32(&e, 0, SVR(3, 4)), ==, 33);
    g_assert_cmpuint(smmu_pm_pmcg_stats(e.p)->captures, ==, 2);
    env_free(&e);
}

/* ---- Power -------------------------------------------------------------- */

static void test_power_lost(void)
{
    SmmuPmPmcgConfig cfg = default_cfg();
    Env e;

    env_init(&e, &cfg);
    program(&e, 0, EV_TXN);
    wr64(&e, 0, INTENSET0, 0x1);
    txn(&e, 0);
    g_assert_true(smmu_pm_pmcg_powered(e.p));
    smmu_pm_pmcg_power_off(e.p, false);
    g_assert_false(smmu_pm_pmcg_powered(e.p));
    /* Off, nothing counts */
    txn(&e, 0);
    smmu_pm_pmcg_cycles(e.p, 5);
    g_assert_false(smmu_pm_pmcg_regs_lost(e.p));
    smmu_pm_pmcg_power_on(e.p);
    g_assert_true(smmu_pm_pmcg_powered(e.p));
    g_assert_true(smmu_pm_pmcg_regs_lost(e.p));
    g_assert_cmpuint(cnt(&e, 0), ==, 0);
    g_assert_cmpuint(rd32(&e, 0, EVTYPER(0)), ==, 0);
    g_assert_cmpuint(rd32(&e, 0, SMR(0)), ==, 0);
    g_assert_cmpuint(rd64(&e, 0, CNTENSET0), ==, 0);
    g_assert_cmpuint(rd64(&e, 0, INTENSET0), ==, 0);
    g_assert_cmpuint(rd32(&e, 0, CR), ==, 0);
    /* Reads do not end it; a write (re-programming) does */
    g_assert_true(smmu_pm_pmcg_regs_lost(e.p));
    program(&e, 0, EV_TXN);
    g_assert_false(smmu_pm_pmcg_regs_lost(e.p));
    txn(&e, 0);
    g_assert_cmpuint(cnt(&e, 0), ==, 1);
    /* A refused write does not count as re-programming */
    smmu_pm_pmcg_power_off(e.p, false);
    smmu_pm_pmcg_power_on(e.p);
    wr32(&e, 0, CFGR, 0);
    g_assert_true(smmu_pm_pmcg_regs_lost(e.p));
    env_free(&e);
}

static void test_power_retained(void)
{
    SmmuPmPmcgConfig cfg = default_cfg();
    Env e;

    env_init(&e, &cfg);
    program(&e, 0, EV_TXN);
    txn(&e, 0);
    smmu_pm_pmcg_power_off(e.p, true);
    txn(&e, 0);
    smmu_pm_pmcg_power_on(e.p);
    g_assert_false(smmu_pm_pmcg_regs_lost(e.p));
    g_assert_cmpuint(cnt(&e, 0), ==, 1);
    g_assert_cmpuint(rd32(&e, 0, CR), ==, 1);
    txn(&e, 0);
    g_assert_cmpuint(cnt(&e, 0), ==, 2);
    /* Power-on when on changes nothing */
    smmu_pm_pmcg_power_on(e.p);
    g_assert_cmpuint(cnt(&e, 0), ==, 2);
    /* A reset is no loss */
    smmu_pm_pmcg_reset(e.p);
    g_assert_cmpuint(cnt(&e, 0), ==, 0);
    g_assert_false(smmu_pm_pmcg_regs_lost(e.p));
    env_free(&e);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/pmcg/config", test_config);
    g_test_add_func("/pmcg/regs/reset", test_reset_values);
    g_test_add_func("/pmcg/regs/cfgr", test_cfgr_variants);
    g_test_add_func("/pmcg/regs/rw-masks", test_rw_masks);
    g_test_add_func("/pmcg/regs/wide-counters", test_wide_counters);
    g_test_add_func("/pmcg/regs/set-clear", test_set_clear);
    g_test_add_func("/pmcg/regs/read-only", test_read_only);
    g_test_add_func("/pmcg/regs/reserved", test_reserved);
    g_test_add_func("/pmcg/regs/absent", test_absent_features);
    g_test_add_func("/pmcg/regs/reloc", test_reloc);
    g_test_add_func("/pmcg/events/each", test_events);
    g_test_add_func("/pmcg/events/unimplemented",
                    test_unimplemented_events);
    g_test_add_func("/pmcg/events/gating", test_gating);
    g_test_add_func("/pmcg/filter/exact", test_filter_exact);
    g_test_add_func("/pmcg/filter/span", test_filter_span);
    g_test_add_func("/pmcg/filter/per-counter", test_filter_per_counter);
    g_test_add_func("/pmcg/filter/global", test_filter_global);
    g_test_add_func("/pmcg/overflow/wired", test_overflow_wired);
    g_test_add_func("/pmcg/overflow/sizes", test_overflow_sizes);
    g_test_add_func("/pmcg/overflow/msi", test_overflow_msi);
    g_test_add_func("/pmcg/overflow/ovsset", test_ovsset_irq);
    g_test_add_func("/pmcg/overflow/no-host", test_no_host);
    g_test_add_func("/pmcg/capture", test_capture);
    g_test_add_func("/pmcg/power/lost", test_power_lost);
    g_test_add_func("/pmcg/power/retained", test_power_retained);
    return g_test_run();
}
