/*
 * arm-smmuv3-pm core: the simulator-independent SMMU state
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_CORE_H
#define SMMUV3_PM_CORE_CORE_H

#include <stdbool.h>
#include <stdint.h>

#include "config.h"
#include "host.h"

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

/* What the model counts about the guest's use of the register file */
typedef struct SmmuPmRegStats {
    uint64_t reads;
    uint64_t writes;
    uint64_t guest_errors;      /* bad size/alignment, reserved, ignored */
} SmmuPmRegStats;

typedef struct SmmuPmCore {
    SmmuPmConfig cfg;
    const SmmuPmIdentity *identity;
    SmmuPmRegs regs;
    SmmuPmRegStats stats;
    const SmmuPmHostOps *host;
    void *host_opaque;
} SmmuPmCore;

/* Bind @core to its configuration and host; call once before reset */
void smmu_pm_core_init(SmmuPmCore *core, const SmmuPmConfig *cfg,
                       const SmmuPmHostOps *host, void *host_opaque);

/* Architectural reset: every register to its reset value */
void smmu_pm_core_reset(SmmuPmCore *core);

/*
 * Register file accesses.  @offset is relative to the start of page 0 and
 * may fall in page 1; @size is the access size in bytes.  Accesses the
 * architecture does not allow are RAZ/WI and logged, never fatal.
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

/* Incoming transactions while SMMUEN=0 (as acknowledged in CR0ACK) */
static inline bool smmu_pm_enabled(const SmmuPmCore *core)
{
    return core->regs.cr0ack & 1;
}

/* Log a formatted message through the host */
void smmu_pm_log(SmmuPmCore *core, SmmuPmLogKind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif /* SMMUV3_PM_CORE_CORE_H */
