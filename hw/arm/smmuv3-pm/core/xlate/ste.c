/*
 * arm-smmuv3-pm core: Stream Table Entries and Context Descriptors
 *
 * Field positions are absolute bit numbers within the 512-bit structure,
 * as the spec's tables give them (Arm IHI 0070, 5.2 and 5.4).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "hw/arm/smmuv3-pm/core/base/state.h"
#include "hw/arm/smmuv3-pm/core/base/arch.h"
#include "hw/arm/smmuv3-pm/core/xlate/ste.h"

typedef struct Field {
    uint16_t lsb;
    uint8_t width;
} Field;

static uint64_t get(const uint64_t *raw, Field f)
{
    uint64_t v = raw[f.lsb / 64] >> (f.lsb % 64);

    return f.width == 64 ? v : v & ((1ULL << f.width) - 1);
}

/* Address fields: bits [51:lsb] of one doubleword, in place */
static uint64_t get_addr(const uint64_t *raw, unsigned dword, unsigned lsb)
{
    return raw[dword] & (((1ULL << 52) - 1) & ~((1ULL << lsb) - 1));
}

/* STE fields */
static const Field STE_V = { 0, 1 };
static const Field STE_CONFIG = { 1, 3 };
static const Field STE_S1FMT = { 4, 2 };
static const Field STE_S1CDMAX = { 59, 5 };
static const Field STE_S1DSS = { 64, 2 };
static const Field STE_S1STALLD = { 91, 1 };
static const Field STE_EATS = { 92, 2 };
static const Field STE_STRW = { 94, 2 };
static const Field STE_PRIVCFG = { 112, 2 };
static const Field STE_INSTCFG = { 114, 2 };
static const Field STE_S2VMID = { 128, 16 };
static const Field STE_S2T0SZ = { 160, 6 };
static const Field STE_S2SL0 = { 166, 2 };
static const Field STE_S2TG = { 174, 2 };
static const Field STE_S2PS = { 176, 3 };
static const Field STE_S2AA64 = { 179, 1 };
static const Field STE_S2ENDI = { 180, 1 };
static const Field STE_S2AFFD = { 181, 1 };
static const Field STE_S2HD = { 183, 1 };
static const Field STE_S2HA = { 184, 1 };
static const Field STE_S2S = { 185, 1 };
static const Field STE_S2R = { 186, 1 };

/* CD fields; TTBx regime fields are 16 bits apart */
static const Field CD_T0SZ = { 0, 6 };
static const Field CD_TG0 = { 6, 2 };
static const Field CD_EPD0 = { 14, 1 };
static const Field CD_ENDI = { 15, 1 };
static const Field CD_V = { 31, 1 };
static const Field CD_IPS = { 32, 3 };
static const Field CD_AFFD = { 35, 1 };
static const Field CD_WXN = { 36, 1 };
static const Field CD_TBI = { 38, 2 };
static const Field CD_PAN = { 40, 1 };
static const Field CD_AA64 = { 41, 1 };
static const Field CD_HD = { 42, 1 };
static const Field CD_HA = { 43, 1 };
static const Field CD_S = { 44, 1 };
static const Field CD_R = { 45, 1 };
static const Field CD_A = { 46, 1 };
static const Field CD_ASID = { 48, 16 };
static const Field CD_HAD0 = { 65, 1 };
static const Field CD_HAD1 = { 129, 1 };

static Field cd_regime_field(Field f0, unsigned ttb)
{
    return (Field){ f0.lsb + 16 * ttb, f0.width };
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
    unsigned strw = get(raw, STE_STRW);

    ste->s1fmt = get(raw, STE_S1FMT);
    ste->s1cdmax = get(raw, STE_S1CDMAX);
    ste->s1dss = get(raw, STE_S1DSS);
    ste->s1_ctx_ptr = get_addr(raw, 0, 6);
    ste->s1stalld = get(raw, STE_S1STALLD);

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
    unsigned granule = smmu_pm_tg0_shift(get(raw, STE_S2TG));
    unsigned tsz = get(raw, STE_S2T0SZ);
    unsigned level, concat;

    if (!get(raw, STE_S2AA64)) {
        return "S2AA64 is 0: only VMSAv8-64 tables are supported (TTF)";
    }
    if (!granule || !granule_supported(c, granule)) {
        return "S2TG selects a granule the SMMU does not support";
    }
    if (!tsz_valid(c, granule, tsz)) {
        return "S2T0SZ is out of range for the granule";
    }
    if (!smmu_pm_s2_start_level(granule, get(raw, STE_S2SL0), tsz, &level,
                                &concat)) {
        return "S2SL0 is inconsistent with S2T0SZ and the granule";
    }
    if (get(raw, STE_S2ENDI)) {
        return "S2ENDI is 1 but only little-endian tables are supported";
    }
    ste->s2s = get(raw, STE_S2S);
    ste->s2r = get(raw, STE_S2R);
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
        .oas_bits = smmu_pm_ps_bits(c, get(raw, STE_S2PS)),
        .affd = get(raw, STE_S2AFFD),
        .ha = get(raw, STE_S2HA) && c->cfg.httu >= SMMU_PM_HTTU_A,
        .hd = get(raw, STE_S2HD) && get(raw, STE_S2HA) &&
              c->cfg.httu >= SMMU_PM_HTTU_AD,
        .ttb = get_addr(raw, 3, 4),
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
    if (!get(raw, STE_V)) {
        return "V is 0";
    }
    ste->config = get(raw, STE_CONFIG);
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
    ste->eats = c->cfg.ats ? get(raw, STE_EATS) : 0;
    if (ste->eats == 3) {
        return "EATS is reserved (0b11)";
    }
    ste->privcfg = get(raw, STE_PRIVCFG);
    ste->instcfg = get(raw, STE_INSTCFG);
    if (has_stage(c, 2)) {
        ste->vmid = get(raw, STE_S2VMID);
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
    unsigned tg = get(raw, cd_regime_field(CD_TG0, ttb));
    unsigned granule = ttb ? smmu_pm_tg1_shift(tg) : smmu_pm_tg0_shift(tg);
    unsigned tsz = get(raw, cd_regime_field(CD_T0SZ, ttb));
    unsigned tbi = get(raw, CD_TBI);
    bool hd = get(raw, CD_HD) && get(raw, CD_HA);

    cd->epd[ttb] = get(raw, cd_regime_field(CD_EPD0, ttb));
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
    if (!tsz_valid(c, granule, tsz)) {
        return ttb ? "T1SZ is out of range for the granule"
                   : "T0SZ is out of range for the granule";
    }
    *w = (SmmuPmWalkCfg) {
        .stage = 1,
        .granule_shift = granule,
        .tsz = tsz,
        .start_level = -1,
        .oas_bits = smmu_pm_ps_bits(c, get(raw, CD_IPS)),
        .ttb1 = ttb,
        .tbi = (tbi >> ttb) & 1,
        .affd = get(raw, CD_AFFD),
        .ha = get(raw, CD_HA) && c->cfg.httu >= SMMU_PM_HTTU_A,
        .hd = hd && c->cfg.httu >= SMMU_PM_HTTU_AD,
        .had = get(raw, ttb ? CD_HAD1 : CD_HAD0),
        .el2 = ste->world == SMMU_PM_WORLD_EL2,
        .wxn = get(raw, CD_WXN),
        .ttb = get_addr(raw, 1 + ttb, 4),
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
    if (!get(raw, CD_V)) {
        return "V is 0";
    }
    if (!get(raw, CD_AA64)) {
        return "AA64 is 0: only VMSAv8-64 tables are supported (TTF)";
    }
    if (get(raw, CD_ENDI)) {
        return "ENDI is 1 but only little-endian tables are supported";
    }
    cd->stall = get(raw, CD_S);
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
    cd->asid = get(raw, CD_ASID);
    if (!FIELD_EX32(c->regs.idr[0], IDR0, ASID16)) {
        cd->asid &= 0xff;
    }
    /* EL2 without E2H has no ASIDs */
    if (ste->world == SMMU_PM_WORLD_EL2) {
        cd->asid = 0;
    }
    cd->pan = get(raw, CD_PAN);
    cd->record = get(raw, CD_R);
    cd->abort = FIELD_EX32(c->regs.idr[0], IDR0, TERM_MODEL) ||
                get(raw, CD_A);
    cd->mair = raw[3];
    return NULL;
}
