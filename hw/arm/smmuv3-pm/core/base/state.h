/*
 * arm-smmuv3-pm core: the simulator-independent SMMU state
 *
 * Everything the SMMU holds (registers, caches, held stalls, the power
 * domain, the PM checker) is one SmmuPmCore, defined here at the bottom
 * of the core's layers so that every layer can work on it; each layer's
 * functions live in its own folder (docs/developer.md).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_BASE_STATE_H
#define SMMUV3_PM_CORE_BASE_STATE_H

#include <stdbool.h>
#include <stdint.h>

#include "hw/arm/smmuv3-pm/core/caches/cache.h"
#include "hw/arm/smmuv3-pm/core/caches/tlb.h"
#include "hw/arm/smmuv3-pm/core/base/checker-state.h"
#include "hw/arm/smmuv3-pm/core/base/config.h"
#include "hw/arm/smmuv3-pm/core/base/host.h"
#include "hw/arm/smmuv3-pm/core/base/power-state.h"
#include "hw/arm/smmuv3-pm/core/base/stall-state.h"
#include "hw/arm/smmuv3-pm/core/base/stats.h"
#include "hw/arm/smmuv3-pm/core/base/timing-state.h"

/* PROD/CONS and the programming registers of one queue */
typedef struct SmmuPmQueueRegs {
    uint64_t base;
    uint32_t prod;
    uint32_t cons;
    uint64_t irq_cfg0;
    uint32_t irq_cfg1;
    uint32_t irq_cfg2;
} SmmuPmQueueRegs;

/* Architectural register state (Arm IHI 0070, ch. 6) */
typedef struct SmmuPmRegs {
    uint32_t idr[6];
    uint32_t iidr;
    uint32_t aidr;
    uint32_t cr0;
    uint32_t cr0ack;
    uint32_t cr1;
    uint32_t cr2;
    uint32_t statusr;
    uint32_t gbpa;
    uint32_t agbpa;
    uint32_t irq_ctrl;
    uint32_t irq_ctrlack;
    uint32_t gerror;
    uint32_t gerrorn;
    uint64_t gerror_irq_cfg0;
    uint32_t gerror_irq_cfg1;
    uint32_t gerror_irq_cfg2;
    uint64_t strtab_base;
    uint32_t strtab_base_cfg;
    SmmuPmQueueRegs cmdq;
    SmmuPmQueueRegs eventq;
    SmmuPmQueueRegs priq;
} SmmuPmRegs;

/* Default configuration cache: 256 STEs/CDs */
#define SMMU_PM_CFG_DEFAULT_SETS    64
#define SMMU_PM_CFG_DEFAULT_WAYS    4

/* Geometry of the caches (from properties) */
typedef struct SmmuPmCacheConfig {
    SmmuPmCacheGeom tlb;
    SmmuPmCacheGeom walk;
    SmmuPmCacheGeom cfg;
} SmmuPmCacheConfig;

typedef struct SmmuPmCore {
    SmmuPmConfig cfg;
    const SmmuPmIdentity *identity;
    SmmuPmRegs regs;
    SmmuPmStats stats;
    const SmmuPmHostOps *host;
    void *host_opaque;
    SmmuPmTlb *tlb;             /* TLB and walk caches */
    SmmuPmCache *cfgcache;      /* STEs and CDs */
    /* An ATC_INV since the last CMD_SYNC was not acknowledged */
    bool atc_inv_failed;
    SmmuPmStalls stalls;        /* transactions held by the Stall model */
    SmmuPmPower power;          /* the power domain */
    SmmuPmChecker checker;      /* the PM checker */
    SmmuPmTiming timing;        /* when effects become visible, costs */
} SmmuPmCore;

/* Active (unacknowledged) global errors */
static inline uint32_t smmu_pm_active_gerrors(const SmmuPmCore *core)
{
    return core->regs.gerror ^ core->regs.gerrorn;
}

/* The SMMU has power (registers answer, DMA is translated) */
static inline bool smmu_pm_powered(const SmmuPmCore *core)
{
    return core->power.on;
}

/* Virtual time, from the host (0 without a clock) */
static inline uint64_t smmu_pm_now_ns(const SmmuPmCore *core)
{
    return core->host->now_ns ? core->host->now_ns(core->host_opaque) : 0;
}

/* Incoming transactions while SMMUEN=0 (as acknowledged in CR0ACK) */
static inline bool smmu_pm_enabled(const SmmuPmCore *core)
{
    return core->regs.cr0ack & 1;
}

/*
 * Only the registers back to their reset values (power-off without
 * retention): caches, power and checker state are left alone
 */
void smmu_pm_regs_reset(SmmuPmCore *core);

#endif /* SMMUV3_PM_CORE_BASE_STATE_H */
