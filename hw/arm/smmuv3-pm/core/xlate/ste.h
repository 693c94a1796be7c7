/*
 * arm-smmuv3-pm core: Stream Table Entries and Context Descriptors
 *
 * Decoding checks every field the Non-secure stream world defines against
 * the ID registers and turns the raw structure into what the translation
 * path needs.  An ILLEGAL structure is reported with the reason, so that
 * the C_BAD_STE/C_BAD_CD event can be logged with it (Arm IHI 0070,
 * 5.2.2 and 5.4.2).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_STE_H
#define SMMUV3_PM_CORE_STE_H

#include <stdbool.h>
#include <stdint.h>

#include "hw/arm/smmuv3-pm/core/base/arch.h"
#include "hw/arm/smmuv3-pm/core/caches/tlb.h"
#include "hw/arm/smmuv3-pm/core/xlate/walk.h"

typedef struct SmmuPmCore SmmuPmCore;

typedef struct SmmuPmSte {
    uint8_t config;
    bool s1;                    /* stage 1 translates */
    bool s2;                    /* stage 2 translates */
    uint8_t s1fmt;
    uint8_t s1cdmax;
    uint8_t s1dss;
    uint64_t s1_ctx_ptr;
    bool s1stalld;
    uint8_t eats;
    SmmuPmWorld world;
    uint8_t privcfg;            /* attribute overrides, as encoded */
    uint8_t instcfg;
    uint16_t vmid;              /* tags stage 1 too when stage 2 exists */
    bool s2r;                   /* record stage-2 faults */
    bool s2s;                   /* stall stage-2 faults */
    SmmuPmWalkCfg s2cfg;
} SmmuPmSte;

typedef struct SmmuPmCd {
    uint16_t asid;
    bool epd[2];
    SmmuPmWalkCfg tt[2];        /* TTB0 and TTB1 regimes */
    bool pan;
    bool record;                /* CD.R */
    bool stall;                 /* CD.S */
    bool abort;                 /* CD.A: 0 = RAZ/WI when terminated */
    uint64_t mair;
} SmmuPmCd;

/*
 * Decode @raw (host order) into @ste.  Returns NULL when the STE is valid,
 * else a static string saying why it is ILLEGAL.
 */
const char *smmu_pm_ste_decode(const SmmuPmCore *core,
                               const uint64_t raw[SMMU_STE_DWORDS],
                               SmmuPmSte *ste);

/* Decode a CD used through @ste; NULL or the ILLEGAL reason */
const char *smmu_pm_cd_decode(const SmmuPmCore *core, const SmmuPmSte *ste,
                              const uint64_t raw[SMMU_CD_DWORDS],
                              SmmuPmCd *cd);

/* Translation granule shift for a TG encoding, 0 if reserved */
unsigned smmu_pm_tg0_shift(unsigned tg0);       /* CD.TG0, STE.S2TG */
unsigned smmu_pm_tg1_shift(unsigned tg1);       /* CD.TG1 */

/* Output size in bits for an IPS/PS encoding, capped at the SMMU's OAS */
unsigned smmu_pm_ps_bits(const SmmuPmCore *core, unsigned ps);

#endif /* SMMUV3_PM_CORE_STE_H */
