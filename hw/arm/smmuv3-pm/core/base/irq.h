/*
 * arm-smmuv3-pm core: interrupts
 *
 * Each interrupt source (event queue, PRI queue, CMD_SYNC, GERROR) is
 * either an edge on its wired line or, when the SMMU supports MSIs and
 * the source's MSI address is non-zero, a 32-bit MSI write.  A failed MSI
 * write is itself a global error (GERROR.MSI_*_ABT_ERR).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_IRQ_H
#define SMMUV3_PM_CORE_IRQ_H

#include "hw/arm/smmuv3-pm/core/base/state.h"

/*
 * Signal @src if IRQ_CTRL enables it (CMD_SYNC has no enable: it is
 * signalled through smmu_pm_irq_cmd_sync()).
 */
void smmu_pm_irq_signal(SmmuPmCore *core, SmmuPmIrq src);

/*
 * CMD_SYNC completion with CS == SIG_IRQ: an MSI to @msi_addr (if MSIs
 * are supported and it is non-zero) or the wired CMD_SYNC line.
 */
void smmu_pm_irq_cmd_sync(SmmuPmCore *core, uint64_t msi_addr,
                          uint32_t msi_data, uint32_t msi_attr);

/* "eventq", "priq", "cmd-sync", "gerror" (trace output, QMP stats) */
const char *smmu_pm_irq_name(SmmuPmIrq src);

/*
 * Report global errors (GERROR bits): each bit of @errors that is not
 * already active is toggled in GERROR and the GERROR interrupt is
 * signalled if enabled.  Returns the bits that became active.
 */
uint32_t smmu_pm_raise_gerror(SmmuPmCore *core, uint32_t errors);

#endif /* SMMUV3_PM_CORE_IRQ_H */
