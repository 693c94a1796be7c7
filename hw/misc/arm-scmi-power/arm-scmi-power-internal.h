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
    SysBusDevice parent_obj;

    MemoryRegion shmem;             /* the channel, RAM the device owns */
    qemu_irq domain_power[SCMI_MAX_DOMAINS];

    /* Properties */
    uint32_t num_domains;
    char *domain_names;
    char *domain_states;
    uint32_t smc_id;

    ScmiPlatform platform;
    uint64_t doorbells;
    bool registered;                /* owns smc_id in the SMCCC registry */
    bool in_reset;                  /* outputs follow in the exit phase */

    /* The provider's phandle in the machine's device tree */
    void *fdt;
    uint32_t pd_phandle;
};

/*
 * Phandle of @dev's power-domain provider node (protocol@11) in @fdt,
 * allocated on first use (PowerDomainProviderClass.fdt_phandle)
 */
uint32_t arm_scmi_power_fdt_phandle(DeviceState *dev, void *fdt);

#endif /* HW_MISC_ARM_SCMI_POWER_INTERNAL_H */
