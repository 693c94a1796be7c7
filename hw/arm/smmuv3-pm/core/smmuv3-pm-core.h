/*
 * arm-smmuv3-pm core: the interface for bindings
 *
 * The one header a simulator binding (the QEMU device in ../, a unit
 * test, a fuzzer) includes.  The core is layered, bottom to top (LAYERS
 * in this folder, checked by scripts/check-layers):
 *
 *   caches/   bounded set-associative caches, the TLB and walk caches
 *   base/     the SMMU's state, the architecture's fields (arch.h), host
 *             interface, messages, interrupts and GERROR, its own memory
 *             accesses, queue indexes
 *   checker/  the PM checker: named rules about power management
 *   queues/   the event queue and the PRI queue
 *   xlate/    stream table, STE/CD decoding, table walks, stalls,
 *             translation of one incoming transaction
 *   cmdq/     the command queue: fetch, validate, execute
 *   pm/       the power domain: transitions, what OFF loses
 *   .         the register file (MMIO) and the life cycle, this header
 *
 * A file calls and includes only files of its own layer or of layers
 * below it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_SMMUV3_PM_CORE_H
#define SMMUV3_PM_CORE_SMMUV3_PM_CORE_H

#include "hw/arm/smmuv3-pm/core/base/commands.h"
#include "hw/arm/smmuv3-pm/core/base/irq.h"
#include "hw/arm/smmuv3-pm/core/base/arch.h"
#include "hw/arm/smmuv3-pm/core/base/state.h"
#include "hw/arm/smmuv3-pm/core/base/timing.h"
#include "hw/arm/smmuv3-pm/core/caches/tlb.h"
#include "hw/arm/smmuv3-pm/core/checker/checker.h"
#include "hw/arm/smmuv3-pm/core/cmdq/cmdq.h"
#include "hw/arm/smmuv3-pm/core/pm/power.h"
#include "hw/arm/smmuv3-pm/core/queues/event.h"
#include "hw/arm/smmuv3-pm/core/queues/pri.h"
#include "hw/arm/smmuv3-pm/core/xlate/stall.h"
#include "hw/arm/smmuv3-pm/core/xlate/strtab.h"
#include "hw/arm/smmuv3-pm/core/xlate/translate.h"

/* ---- Life cycle (lifecycle.c) ------------------------------------------ */

/*
 * Bind @core to its configuration and host and allocate its caches
 * (@caches NULL: default geometry); call once before reset.
 */
void smmu_pm_core_init(SmmuPmCore *core, const SmmuPmConfig *cfg,
                       const SmmuPmCacheConfig *caches,
                       const SmmuPmHostOps *host, void *host_opaque);
void smmu_pm_core_finalize(SmmuPmCore *core);

/* Default cache geometry (the generic preset's) */
void smmu_pm_cache_config_default(SmmuPmCacheConfig *caches);
/* The cache geometry of @model */
void smmu_pm_cache_config_preset(SmmuPmModel model,
                                 SmmuPmCacheConfig *caches);

/* Commands one smmu_pm_core_run() consumes at the most */
#define SMMU_PM_RUN_BUDGET 1024

/*
 * Do the work the core asked for through SmmuPmHostOps.kick: consume up
 * to SMMU_PM_RUN_BUDGET commands.  If more remain, the core kicks the
 * host again, so that one register write never does unbounded work: the
 * host runs the rest later (the QEMU binding from a bottom half, outside
 * the vCPU's MMIO access).  Safe to call at any time; does nothing when
 * idle.
 */
void smmu_pm_core_run(SmmuPmCore *core);

/*
 * The host's timer (SmmuPmHostOps.set_timer) expired: finish what is due
 * by now (a power transition, acknowledgements, output-queue records,
 * commands) and ask for the next deadline.  Calling it early is harmless.
 */
void smmu_pm_core_timer(SmmuPmCore *core);

/* Architectural reset: every register to its reset value */
void smmu_pm_core_reset(SmmuPmCore *core);

/* ---- Register file (regfile.c) ----------------------------------------- */

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

/* Apply the handshake updates due by virtual time @now (timing on) */
void smmu_pm_regs_timer(SmmuPmCore *core, uint64_t now);

#endif /* SMMUV3_PM_CORE_SMMUV3_PM_CORE_H */
