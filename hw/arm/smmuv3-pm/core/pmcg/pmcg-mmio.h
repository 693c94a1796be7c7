/*
 * arm-smmuv3-pm core: the PMCG's register pages (Arm IHI 0070, ch. 10)
 *
 * Page 0 always; page 1 when CFGR.RELOC_CTRS = 1, which moves EVCNTRn,
 * SVRn, OVSCLR0, OVSSET0 and CAPR there (pmcg-regs.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_PMCG_MMIO_H
#define SMMUV3_PM_CORE_PMCG_MMIO_H

#include "hw/arm/smmuv3-pm/core/pmcg/pmcg.h"

/*
 * A register access: @page 0 or 1, @offset within the page, @size 4 or
 * 8.  Accesses the architecture does not allow are RAZ/WI and logged.
 */
uint64_t smmu_pm_pmcg_read(SmmuPmPmcg *p, unsigned page, uint64_t offset,
                           unsigned size);
void smmu_pm_pmcg_write(SmmuPmPmcg *p, unsigned page, uint64_t offset,
                        uint64_t value, unsigned size);

#endif /* SMMUV3_PM_CORE_PMCG_MMIO_H */
