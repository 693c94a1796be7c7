/*
 * arm-smmuv3-pm core: the simulator-independent SMMU state
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_CORE_H
#define SMMUV3_PM_CORE_CORE_H

#include <stdbool.h>
#include <stdint.h>

#include "cache.h"
#include "checker.h"
#include "config.h"
#include "host.h"
#include "power.h"
#include "stall.h"
#include "tlb.h"

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

/* What the model counts about its own work (read by tests, QMP, demo) */
typedef struct SmmuPmStats {
    uint64_t reads;             /* register accesses */
    uint64_t writes;
    uint64_t guest_errors;      /* bad size/alignment, reserved, ignored */
    uint64_t translations;      /* incoming transactions */
    uint64_t bypassed;          /* SMMUEN=0 bypass or STE bypass */
    uint64_t aborted;           /* terminated with an abort */
    uint64_t tlb_hits;
    uint64_t tlb_misses;
    uint64_t walks;             /* full table walks (per stage) */
    uint64_t cfg_hits;          /* STE/CD found in the configuration cache */
    uint64_t cfg_misses;
    uint64_t commands;          /* consumed from the command queue */
    uint64_t commands_by_op[0x50];
    uint64_t cmd_errors;
    uint64_t syncs;
    uint64_t events;            /* events raised (recorded or not) */
    uint64_t events_by_type[0x40];
    uint64_t events_dropped_disabled;
    uint64_t events_dropped_overflow;
    uint64_t events_dropped_abort;
    uint64_t events_deferred;   /* stall events waiting for a writable queue */
    uint64_t stalls;            /* transactions held by the Stall model */
    uint64_t stalls_retried;
    uint64_t stalls_terminated;
    uint64_t pri_requests;      /* PRI messages from endpoints */
    uint64_t pri_discarded;     /* not queued (off, overflow, abort) */
    uint64_t pri_auto_responses;
    uint64_t pri_responses;     /* CMD_PRI_RESP sent */
    uint64_t msis;
    uint64_t msi_aborts;
    uint64_t irq_pulses[SMMU_PM_IRQ__MAX];
    uint64_t gerrors;           /* GERROR bits that became active */
} SmmuPmStats;

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
} SmmuPmCore;

/*
 * Bind @core to its configuration and host and allocate its caches
 * (@caches NULL: default geometry); call once before reset.
 */
void smmu_pm_core_init(SmmuPmCore *core, const SmmuPmConfig *cfg,
                       const SmmuPmCacheConfig *caches,
                       const SmmuPmHostOps *host, void *host_opaque);
void smmu_pm_core_finalize(SmmuPmCore *core);

/* Default cache geometry */
void smmu_pm_cache_config_default(SmmuPmCacheConfig *caches);

/*
 * Do the work the core asked for through SmmuPmHostOps.kick: consume
 * commands.  Safe to call at any time; does nothing when idle.
 */
void smmu_pm_core_run(SmmuPmCore *core);

/* Architectural reset: every register to its reset value */
void smmu_pm_core_reset(SmmuPmCore *core);

/*
 * Only the registers back to their reset values (power-off without
 * retention): caches, power and checker state are left alone
 */
void smmu_pm_regs_reset(SmmuPmCore *core);

/*
 * Something that decides the fate of incoming transactions changed: tell
 * the host (SmmuPmHostOps.translation_changed)
 */
void smmu_pm_notify_translation_changed(SmmuPmCore *core);

/* Name of the register at @offset, for messages */
const char *smmu_pm_reg_name(uint64_t offset);

/*
 * Register file accesses.  @offset is relative to the start of page 0 and
 * may fall in page 1; @size is the access size in bytes.  Accesses the
 * architecture does not allow are RAZ/WI and logged, never fatal.  While
 * the SMMU is powered off every access is RAZ/WI and reported by the PM
 * checker (the host may turn it into a bus error, power.cfg.off_access).
 */
uint64_t smmu_pm_mmio_read(SmmuPmCore *core, uint64_t offset, unsigned size);
void smmu_pm_mmio_write(SmmuPmCore *core, uint64_t offset, uint64_t value,
                        unsigned size);

/*
 * Report global errors (GERROR bits): each bit of @errors that is not
 * already active is toggled in GERROR and the GERROR interrupt is
 * signalled if enabled.  Returns the bits that became active.
 */
uint32_t smmu_pm_raise_gerror(SmmuPmCore *core, uint32_t errors);

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

/* Log a formatted message through the host */
void smmu_pm_log(SmmuPmCore *core, SmmuPmLogKind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif /* SMMUV3_PM_CORE_CORE_H */
