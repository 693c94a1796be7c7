/*
 * arm-smmuv3-pm core: Stream Table Entries and Context Descriptors
 *
 * The fields are base/arch.h's, one doubleword at a time (Arm IHI 0070,
 * 5.2 and 5.4).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "hw/arm/smmuv3-pm/core/base/state.h"
#include "hw/arm/smmuv3-pm/core/base/arch.h"
#include "hw/arm/smmuv3-pm/core/xlate/ste.h"

/* The fields of one TTBx regime of a CD: TTB0 or TTB1 (5.4) */
typedef struct CdRegime {
    unsigned tsz;
    unsigned tg;
    bool epd;
    bool had;
    uint64_t ttb;
} CdRegime;

static CdRegime cd_regime(const uint64_t *raw, unsigned ttb)
{
    if (ttb) {
        return (CdRegime) {
            .tsz = FIELD_EX64(raw[0], CD_0, T1SZ),
            .tg = FIELD_EX64(raw[0], CD_0, TG1),
            .epd = FIELD_EX64(raw[0], CD_0, EPD1),
            .had = FIELD_EX64(raw[2], CD_2, HAD1),
            .ttb = raw[2] & R_CD_2_TTB1_MASK,
        };
    }
    return (CdRegime) {
        .tsz = FIELD_EX64(raw[0], CD_0, T0SZ),
        .tg = FIELD_EX64(raw[0], CD_0, TG0),
        .epd = FIELD_EX64(raw[0], CD_0, EPD0),
        .had = FIELD_EX64(raw[1], CD_1, HAD0),
        .ttb = raw[1] & R_CD_1_TTB0_MASK,
    };
}

unsigned smmu_pm_tg0_shift(unsigned tg0)
{
    static const uint8_t shift[4] = { 12, 16, 14, 0 };

    return shift[tg0 & 3];
}

unsigned smmu_pm_tg1_shift(unsigned tg1)
{
    static const uint8_t shift[4] = { 0, 14, 12, 16 };

    return shift[tg1 & 3];
}

unsigned smmu_pm_ps_bits(const SmmuPmCore *c, unsigned ps)
{
    static const uint8_t bits[8] = { 32, 36, 40, 42, 44, 48, 52, 52 };
    unsigned b = bits[ps & 7];

    /* Reserved encodings and sizes beyond the OAS act as the OAS */
    return b < c->cfg.oas_bits ? b : c->cfg.oas_bits;
}

static bool granule_supported(const SmmuPmCore *c, unsigned shift)
{
    switch (shift) {
    case 12:
        return c->cfg.granules & SMMU_PM_GRAN_4K;
    case 14:
        return c->cfg.granules & SMMU_PM_GRAN_16K;
    case 16:
        return c->cfg.granules & SMMU_PM_GRAN_64K;
    }
    return false;
}

static bool tsz_valid(const SmmuPmCore *c, unsigned granule, unsigned tsz)
{
    unsigned min, max;

    smmu_pm_tsz_range(granule, c->cfg.oas_bits == 52, &min, &max);
    return tsz >= min && tsz <= max;
}

static bool has_stage(const SmmuPmCore *c, unsigned stage)
{
    return stage == 1 ? c->cfg.stage != SMMU_PM_STAGE_S2
                      : c->cfg.stage != SMMU_PM_STAGE_S1;
}

/* ---- STE ---------------------------------------------------------------- */

static const char *decode_ste_s1(const SmmuPmCore *c, const uint64_t *raw,
                                 SmmuPmSte *ste)
{
    unsigned strw = FIELD_EX64(raw[1], STE_1, STRW);

    ste->s1fmt = FIELD_EX64(raw[0], STE_0, S1FMT);
    ste->s1cdmax = FIELD_EX64(raw[0], STE_0, S1CDMAX);
    ste->s1dss = FIELD_EX64(raw[1], STE_1, S1DSS);
    ste->s1_ctx_ptr = raw[0] & R_STE_0_S1CONTEXTPTR_MASK;
    ste->s1stalld = FIELD_EX64(raw[1], STE_1, S1STALLD);

    if (ste->s1cdmax > c->cfg.ssidsize) {
        return "S1CDMax exceeds SMMU_IDR1.SSIDSIZE";
    }
    if (ste->s1cdmax) {
        if (ste->s1fmt == 3) {
            return "S1Fmt is reserved (0b11)";
        }
        if (ste->s1dss == 3) {
            return "S1DSS is reserved (0b11)";
        }
    }
    if (ste->s1_ctx_ptr >> c->cfg.oas_bits) {
        return "S1ContextPtr is beyond the OAS";
    }
    if (ste->s1stalld && c->cfg.stall_model == SMMU_PM_STALL_FORCE) {
        return "S1STALLD is 1 but stalls are forced (STALL_MODEL 0b10)";
    }
    switch (strw) {
    case SMMU_STRW_NSEL1:
        ste->world = SMMU_PM_WORLD_NS_EL1;
        break;
    case SMMU_STRW_EL2:
        if (!FIELD_EX32(c->regs.idr[0], IDR0, HYP)) {
            return "STRW selects EL2 but SMMU_IDR0.HYP is 0";
        }
        if (ste->s2) {
            return "STRW selects EL2 with stage 2 enabled";
        }
        ste->world = (c->regs.cr2 & R_CR2_E2H_MASK) ? SMMU_PM_WORLD_EL2_E2H
                                                    : SMMU_PM_WORLD_EL2;
        break;
    default:
        return "STRW is reserved for a Non-secure stream";
    }
    return NULL;
}

static const char *decode_ste_s2(const SmmuPmCore *c, const uint64_t *raw,
                                 SmmuPmSte *ste)
{
    SmmuPmWalkCfg *w = &ste->s2cfg;
    uint64_t dw2 = raw[2];
    bool ha = FIELD_EX64(dw2, STE_2, S2HA);
    unsigned granule = smmu_pm_tg0_shift(FIELD_EX64(dw2, STE_2, S2TG));
    unsigned tsz = FIELD_EX64(dw2, STE_2, S2T0SZ);
    unsigned level, concat;

    if (!FIELD_EX64(dw2, STE_2, S2AA64)) {
        return "S2AA64 is 0: only VMSAv8-64 tables are supported (TTF)";
    }
    if (!granule || !granule_supported(c, granule)) {
        return "S2TG selects a granule the SMMU does not support";
    }
    if (!tsz_valid(c, granule, tsz)) {
        return "S2T0SZ is out of range for the granule";
    }
    if (!smmu_pm_s2_start_level(granule, FIELD_EX64(dw2, STE_2, S2SL0), tsz,
                                &level, &concat)) {
        return "S2SL0 is inconsistent with S2T0SZ and the granule";
    }
    if (FIELD_EX64(dw2, STE_2, S2ENDI)) {
        return "S2ENDI is 1 but only little-endian tables are supported";
    }
    ste->s2s = FIELD_EX64(dw2, STE_2, S2S);
    ste->s2r = FIELD_EX64(dw2, STE_2, S2R);
    if (ste->s2s && c->cfg.stall_model == SMMU_PM_STALL_NONE) {
        return "S2S is 1 but stalling is not supported (STALL_MODEL 0b01)";
    }
    if (!ste->s2s && c->cfg.stall_model == SMMU_PM_STALL_FORCE) {
        return "S2S is 0 but stalls are forced (STALL_MODEL 0b10)";
    }
    *w = (SmmuPmWalkCfg) {
        .stage = 2,
        .granule_shift = granule,
        .tsz = tsz,
        .start_level = level,
        .oas_bits = smmu_pm_ps_bits(c, FIELD_EX64(dw2, STE_2, S2PS)),
        .affd = FIELD_EX64(dw2, STE_2, S2AFFD),
        .ha = ha && c->cfg.httu >= SMMU_PM_HTTU_A,
        .hd = FIELD_EX64(dw2, STE_2, S2HD) && ha &&
              c->cfg.httu >= SMMU_PM_HTTU_AD,
        .ttb = raw[3] & R_STE_3_S2TTB_MASK,
    };
    /* A TTB beyond the output size makes the STE ILLEGAL (7.3.14) */
    if (w->ttb >> w->oas_bits) {
        return "S2TTB is beyond the output size of S2PS";
    }
    return NULL;
}

const char *smmu_pm_ste_decode(const SmmuPmCore *c,
                               const uint64_t raw[SMMU_STE_DWORDS],
                               SmmuPmSte *ste)
{
    const char *why;

    *ste = (SmmuPmSte) { 0 };
    if (!FIELD_EX64(raw[0], STE_0, V)) {
        return "V is 0";
    }
    ste->config = FIELD_EX64(raw[0], STE_0, CONFIG);
    if (ste->config != SMMU_STE_CFG_ABORT && !(ste->config & 4)) {
        return "Config is reserved (0b001..0b011)";
    }
    if (ste->config == SMMU_STE_CFG_ABORT) {
        return NULL;
    }
    ste->s1 = ste->config & 1;
    ste->s2 = ste->config & 2;
    if (ste->s1 && !has_stage(c, 1)) {
        return "Config enables stage 1, which is not implemented";
    }
    if (ste->s2 && !has_stage(c, 2)) {
        return "Config enables stage 2, which is not implemented";
    }
    ste->eats = c->cfg.ats ? FIELD_EX64(raw[1], STE_1, EATS) : 0;
    if (ste->eats == 3) {
        return "EATS is reserved (0b11)";
    }
    ste->privcfg = FIELD_EX64(raw[1], STE_1, PRIVCFG);
    ste->instcfg = FIELD_EX64(raw[1], STE_1, INSTCFG);
    if (has_stage(c, 2)) {
        ste->vmid = FIELD_EX64(raw[2], STE_2, S2VMID);
    }
    ste->world = SMMU_PM_WORLD_NS_EL1;
    if (ste->s2) {
        why = decode_ste_s2(c, raw, ste);
        if (why) {
            return why;
        }
    }
    if (ste->s1) {
        why = decode_ste_s1(c, raw, ste);
        if (why) {
            return why;
        }
    }
    return NULL;
}

/* ---- CD ----------------------------------------------------------------- */

static const char *decode_cd_regime(const SmmuPmCore *c, const uint64_t *raw,
                                    const SmmuPmSte *ste, unsigned ttb,
                                    SmmuPmCd *cd)
{
    SmmuPmWalkCfg *w = &cd->tt[ttb];
    CdRegime r = cd_regime(raw, ttb);
    unsigned granule = ttb ? smmu_pm_tg1_shift(r.tg)
                           : smmu_pm_tg0_shift(r.tg);
    unsigned tbi = FIELD_EX64(raw[0], CD_0, TBI);
    bool hd = FIELD_EX64(raw[0], CD_0, HD) && FIELD_EX64(raw[0], CD_0, HA);

    cd->epd[ttb] = r.epd;
    /* EL2 without E2H has one VA range: TTB1 is unused */
    if (ste->world == SMMU_PM_WORLD_EL2 && ttb == 1) {
        cd->epd[1] = true;
    }
    if (cd->epd[ttb]) {
        return NULL;
    }
    if (!granule || !granule_supported(c, granule)) {
        return ttb ? "TG1 selects a granule the SMMU does not support"
                   : "TG0 selects a granule the SMMU does not support";
    }
    if (!tsz_valid(c, granule, r.tsz)) {
        return ttb ? "T1SZ is out of range for the granule"
                   : "T0SZ is out of range for the granule";
    }
    *w = (SmmuPmWalkCfg) {
        .stage = 1,
        .granule_shift = granule,
        .tsz = r.tsz,
        .start_level = -1,
        .oas_bits = smmu_pm_ps_bits(c, FIELD_EX64(raw[0], CD_0, IPS)),
        .ttb1 = ttb,
        .tbi = (tbi >> ttb) & 1,
        .affd = FIELD_EX64(raw[0], CD_0, AFFD),
        .ha = FIELD_EX64(raw[0], CD_0, HA) && c->cfg.httu >= SMMU_PM_HTTU_A,
        .hd = hd && c->cfg.httu >= SMMU_PM_HTTU_AD,
        .had = r.had,
        .el2 = ste->world == SMMU_PM_WORLD_EL2,
        .wxn = FIELD_EX64(raw[0], CD_0, WXN),
        .ttb = r.ttb,
    };
    /* 52-bit output needs the 64K granule (FEAT_LPA) */
    if (w->oas_bits == 52 && granule != 16) {
        w->oas_bits = 48;
    }
    /* A TTB beyond the output size makes the CD ILLEGAL (7.3.14) */
    if (w->ttb >> w->oas_bits) {
        return ttb ? "TTB1 is beyond the output size of IPS"
                   : "TTB0 is beyond the output size of IPS";
    }
    return NULL;
}

const char *smmu_pm_cd_decode(const SmmuPmCore *c, const SmmuPmSte *ste,
                              const uint64_t raw[SMMU_CD_DWORDS],
                              SmmuPmCd *cd)
{
    const char *why;

    *cd = (SmmuPmCd) { 0 };
    if (!FIELD_EX64(raw[0], CD_0, V)) {
        return "V is 0";
    }
    if (!FIELD_EX64(raw[0], CD_0, AA64)) {
        return "AA64 is 0: only VMSAv8-64 tables are supported (TTF)";
    }
    if (FIELD_EX64(raw[0], CD_0, ENDI)) {
        return "ENDI is 1 but only little-endian tables are supported";
    }
    cd->stall = FIELD_EX64(raw[0], CD_0, S);
    if (cd->stall && (c->cfg.stall_model == SMMU_PM_STALL_NONE ||
                      ste->s1stalld)) {
        return "S is 1 but stalls are not supported or STE.S1STALLD is 1";
    }
    if (!cd->stall && c->cfg.stall_model == SMMU_PM_STALL_FORCE) {
        return "S is 0 but stalls are forced (STALL_MODEL 0b10)";
    }
    for (unsigned ttb = 0; ttb < 2; ttb++) {
        why = decode_cd_regime(c, raw, ste, ttb, cd);
        if (why) {
            return why;
        }
    }
    cd->asid = FIELD_EX64(raw[0], CD_0, ASID);
    if (!FIELD_EX32(c->regs.idr[0], IDR0, ASID16)) {
        cd->asid &= 0xff;
    }
    /* EL2 without E2H has no ASIDs */
    if (ste->world == SMMU_PM_WORLD_EL2) {
        cd->asid = 0;
    }
    cd->pan = FIELD_EX64(raw[0], CD_0, PAN);
    cd->record = FIELD_EX64(raw[0], CD_0, R);
    cd->abort = FIELD_EX32(c->regs.idr[0], IDR0, TERM_MODEL) ||
                FIELD_EX64(raw[0], CD_0, A);
    cd->mair = FIELD_EX64(raw[3], CD_3, MAIR0) |
               FIELD_EX64(raw[3], CD_3, MAIR1) << 32;
    return NULL;
}
