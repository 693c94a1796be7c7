/*
 * arm-smmuv3-pm core: timing presets and arithmetic
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_BASE_TIMING_H
#define SMMUV3_PM_CORE_BASE_TIMING_H

#include <stdbool.h>
#include <stdint.h>

#include "hw/arm/smmuv3-pm/core/base/config.h"
#include "hw/arm/smmuv3-pm/core/base/timing-state.h"

/*
 * The latencies of @model (docs/user.md gives the source of each); timing
 * is on for mmu600 and mmu700, off for generic
 */
void smmu_pm_timing_preset(SmmuPmModel model, SmmuPmTimingConfig *cfg);

/* Virtual nanoseconds of @cycles of the SMMU clock, rounded up */
uint64_t smmu_pm_cycles_to_ns(const SmmuPmTimingConfig *cfg,
                              uint64_t cycles);

#endif /* SMMUV3_PM_CORE_BASE_TIMING_H */
