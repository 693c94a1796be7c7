/*
 * arm-scmi-power: QEMU binding state shared by the binding's files
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_MISC_ARM_SCMI_POWER_INTERNAL_H
#define HW_MISC_ARM_SCMI_POWER_INTERNAL_H

#include "hw/misc/arm-scmi-power.h"
#include "core/platform.h"

OBJECT_DECLARE_SIMPLE_TYPE(ArmScmiPowerState, ARM_SCMI_POWER)

struct ArmScmiPowerState {
    PowerDomainProviderBase parent_obj;

    MemoryRegion shmem;             /* the channel, RAM the device owns */

    /* Properties */
    uint32_t num_domains;
    char *domain_names;
    char *domain_states;
    uint32_t smc_id;

    ScmiPlatform platform;
    uint64_t doorbells;
    bool registered;                /* owns smc_id in the SMCCC registry */
};

#endif /* HW_MISC_ARM_SCMI_POWER_INTERNAL_H */
