/*
 * arm-smmuv3-pm unit tests: the architecture's numbers, written from the
 * spec, for assertions
 *
 * Tests assert what Arm IHI 0070 prescribes, so the bit positions they
 * compare against are written here from the spec's tables, not taken
 * from the core's base/arch.h (which drives the registers in engine-env.h but
 * must not also be the oracle of its own values).  Field positions in an
 * event record are absolute bit numbers of the 256-bit record (7.3).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_TESTS_SPEC_H
#define SMMUV3_PM_TESTS_SPEC_H

#include "engine-env.h"

/* SMMU_GERROR / GERRORN (6.3.19) */
#define SPEC_GERROR_CMDQ_ERR            (1u << 0)
#define SPEC_GERROR_EVENTQ_ABT_ERR      (1u << 2)
#define SPEC_GERROR_PRIQ_ABT_ERR        (1u << 3)
#define SPEC_GERROR_MSI_CMDQ_ABT_ERR    (1u << 4)
#define SPEC_GERROR_MSI_EVENTQ_ABT_ERR  (1u << 5)
#define SPEC_GERROR_MSI_PRIQ_ABT_ERR    (1u << 6)
#define SPEC_GERROR_MSI_GERROR_ABT_ERR  (1u << 7)

/* SMMU_IRQ_CTRL (6.3.17) */
#define SPEC_IRQ_CTRL_GERROR_IRQEN      (1u << 0)
#define SPEC_IRQ_CTRL_PRIQ_IRQEN        (1u << 1)
#define SPEC_IRQ_CTRL_EVENTQ_IRQEN      (1u << 2)

/* SMMU_CR0 (6.3.9) */
#define SPEC_CR0_SMMUEN                 (1u << 0)
#define SPEC_CR0_EVENTQEN               (1u << 2)
#define SPEC_CR0_CMDQEN                 (1u << 3)

/* SMMU_CMDQ_CONS.ERR [30:24] (6.3.27), its codes (4.8) */
#define SPEC_CONS_ERR(cons)             (((cons) >> 24) & 0x7f)
#define SPEC_CERROR_NONE                0
#define SPEC_CERROR_ILL                 1
#define SPEC_CERROR_ABT                 2
#define SPEC_CERROR_ATC_INV_SYNC        3

/* PROD.OVFLG / CONS.OVACKFLG [31] (6.3.29-30) */
#define SPEC_Q_OVFLG                    (1u << 31)

/* Event record fields (7.3): rec[] are the four doublewords */
static inline uint64_t spec_bits(const uint64_t rec[4], unsigned hi,
                                 unsigned lo)
{
    unsigned w = lo / 64, l = lo % 64, n = hi - lo + 1;

    g_assert_cmpuint(hi / 64, ==, w);
    return n == 64 ? rec[w] : (rec[w] >> l) & ((1ULL << n) - 1);
}

#define EVR_TYPE(r)     spec_bits(r, 7, 0)
#define EVR_SSV(r)      spec_bits(r, 11, 11)
#define EVR_SSID(r)     spec_bits(r, 31, 12)
#define EVR_SID(r)      spec_bits(r, 63, 32)
#define EVR_STAG(r)     spec_bits(r, 79, 64)
#define EVR_STALL(r)    spec_bits(r, 95, 95)
/* F_UUT, F_STE_FETCH, F_CD_FETCH, F_WALK_EABT: where the others have STAG */
#define EVR_REASON(r)   spec_bits(r, 79, 64)
#define EVR_GPCF(r)     spec_bits(r, 80, 80)
#define EVR_PNU(r)      spec_bits(r, 97, 97)
#define EVR_IND(r)      spec_bits(r, 98, 98)
#define EVR_RNW(r)      spec_bits(r, 99, 99)
#define EVR_S2(r)       spec_bits(r, 103, 103)
#define EVR_CLASS(r)    spec_bits(r, 105, 104)
#define EVR_TTRNW(r)    spec_bits(r, 108, 108)
#define EVR_INPUT(r)    spec_bits(r, 191, 128)
#define EVR_IPA(r)      (spec_bits(r, 247, 204) << 12)    /* IPA[55:12] */
#define EVR_FETCH(r)    (spec_bits(r, 247, 195) << 3)     /* [55:3] */

enum {
    SPEC_EVT_F_UUT = 0x01,
    SPEC_EVT_C_BAD_STREAMID = 0x02,
    SPEC_EVT_F_STE_FETCH = 0x03,
    SPEC_EVT_C_BAD_STE = 0x04,
    SPEC_EVT_F_STREAM_DISABLED = 0x06,
    SPEC_EVT_F_TRANSL_FORBIDDEN = 0x07,
    SPEC_EVT_C_BAD_SUBSTREAMID = 0x08,
    SPEC_EVT_F_CD_FETCH = 0x09,
    SPEC_EVT_C_BAD_CD = 0x0a,
    SPEC_EVT_F_WALK_EABT = 0x0b,
    SPEC_EVT_F_TRANSLATION = 0x10,
    SPEC_EVT_F_ADDR_SIZE = 0x11,
    SPEC_EVT_F_ACCESS = 0x12,
    SPEC_EVT_F_PERMISSION = 0x13,
};

/* Event CLASS [105:104] */
enum { SPEC_CLASS_CD = 0, SPEC_CLASS_TT = 1, SPEC_CLASS_IN = 2 };

/* VMSAv8-64 descriptor bits (Arm ARM D8.3) */
#define SPEC_DESC_AF        (1ULL << 10)
#define SPEC_DESC_S2AP_W    (1ULL << 7)     /* S2AP[1]: write */
#define SPEC_DESC_AP_RO     (1ULL << 7)     /* stage 1 AP[2]: read-only */

/* A resolved configuration: preset "generic" with a few properties */
static inline void spec_config(SmmuPmConfig *cfg, const char *stage,
                               const char *stall, const char *httu, int msi)
{
    SmmuPmUserConfig user;
    char *err = NULL;

    smmu_pm_user_config_init(&user);
    user.stage = stage;
    user.stall_model = stall;
    user.httu = httu;
    user.msi = msi;
    if (!smmu_pm_config_resolve(&user, cfg, &err)) {
        g_error("config: %s", err);
    }
}

/* Pop the next event record, raw */
static inline void spec_event_pop_raw(Env *e, uint64_t rec[4])
{
    g_assert_cmpuint(env_events(e), >, 0);
    sb_evtq_pop(&e->sb, e->evtq, ENV_EVTQ_LOG2, &e->evtq_cons, rec);
    env_wr(e, A_EVENTQ_CONS, e->evtq_cons, 4);
}

static inline uint64_t spec_align_up(uint64_t v, uint64_t a)
{
    return (v + a - 1) & ~(a - 1);
}

#endif /* SMMUV3_PM_TESTS_SPEC_H */
