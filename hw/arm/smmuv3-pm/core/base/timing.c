/*
 * arm-smmuv3-pm core: timing presets and arithmetic
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "hw/arm/smmuv3-pm/core/base/timing.h"

/*
 * One set of latencies for both CoreLink presets; they differ in cache
 * geometry, not in the cost of a lookup.  Sources, per value, in
 * docs/user.md ("Timing").
 */
static const SmmuPmTimingConfig corelink_timing = {
    .clock_mhz = 1000,
    .utlb_cycles = 1,
    .tlb_cycles = 3,
    .link_cycles = 8,
    .cfg_cycles = 3,
    .walkcache_cycles = 4,
    .mem_cycles = 100,
    .cmd_fetch_cycles = 10,
    .cmd_cycles = {
        [SMMU_PM_CMDC_PREFETCH] = 1,
        [SMMU_PM_CMDC_CFGI] = 20,
        [SMMU_PM_CMDC_CFGI_ALL] = 100,
        [SMMU_PM_CMDC_TLBI_VA] = 20,
        [SMMU_PM_CMDC_TLBI_ASID] = 100,
        [SMMU_PM_CMDC_TLBI_VMID] = 100,
        [SMMU_PM_CMDC_TLBI_ALL] = 200,
        [SMMU_PM_CMDC_ATC_INV] = 1000,
        [SMMU_PM_CMDC_PRI_RESP] = 100,
        [SMMU_PM_CMDC_RESUME] = 20,
        [SMMU_PM_CMDC_SYNC] = 200,
    },
    .cmds_per_step = 4,
    .cr0ack_cycles = 100,
    .gbpa_cycles = 100,
    .irq_ctrlack_cycles = 50,
    .event_cycles = 200,
    .pri_cycles = 200,
};

void smmu_pm_timing_preset(SmmuPmModel model, SmmuPmTimingConfig *cfg)
{
    *cfg = corelink_timing;
    cfg->enabled = model == SMMU_PM_MODEL_MMU600 ||
                   model == SMMU_PM_MODEL_MMU700;
}

uint64_t smmu_pm_cycles_to_ns(const SmmuPmTimingConfig *cfg, uint64_t cycles)
{
    return (cycles * 1000 + cfg->clock_mhz - 1) / cfg->clock_mhz;
}
