/*
 * arm-smmuv3-pm core: reset values of the register state
 *
 * Used by the architectural reset and by a power-off that loses the
 * registers (pm/power.c): the ID registers come from the configuration,
 * the IMPLEMENTATION DEFINED GBPA.ABORT from its property.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <string.h>

#include "hw/arm/smmuv3-pm/core/base/arch.h"
#include "hw/arm/smmuv3-pm/core/base/state.h"

void smmu_pm_regs_reset(SmmuPmCore *c)
{
    SmmuPmRegs *regs = &c->regs;

    memset(regs, 0, sizeof(*regs));
    regs->idr[0] = smmu_pm_build_idr0(&c->cfg);
    regs->idr[1] = smmu_pm_build_idr1(&c->cfg);
    regs->idr[3] = smmu_pm_build_idr3(&c->cfg);
    regs->idr[5] = smmu_pm_build_idr5(&c->cfg);
    regs->iidr = c->identity->iidr;
    regs->aidr = c->identity->aidr;
    /* GBPA.ABORT's reset value is IMPLEMENTATION DEFINED: configurable */
    regs->gbpa = FIELD_DP32(0, GBPA, SHCFG, SMMU_GBPA_SHCFG_INCOMING);
    regs->gbpa = FIELD_DP32(regs->gbpa, GBPA, ABORT, c->cfg.gbpa_reset);
    c->atc_inv_failed = false;
}
