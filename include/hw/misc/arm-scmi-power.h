/*
 * arm-scmi-power: an SCMI platform with the power domain management
 * protocol, over the SMC/HVC transport with a shared-memory channel
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_MISC_ARM_SCMI_POWER_H
#define HW_MISC_ARM_SCMI_POWER_H

#include "hw/sysbus.h"
#include "hw/misc/power-domain-provider.h"

#define TYPE_ARM_SCMI_POWER "arm-scmi-power"

/* The shared-memory channel: one page of RAM the device owns */
#define ARM_SCMI_POWER_SHMEM_SIZE 0x1000

/*
 * A power-domain provider (hw/misc/power-domain-provider.h): named GPIO
 * outputs "domain-power", one per domain, 1 = powered, 0 = off
 */

/* Default doorbell: fast call, SMC32, SiP service, function 0x10 */
#define ARM_SCMI_POWER_DEFAULT_SMC_ID 0x82000010u

/*
 * Add @dev's nodes to @fdt: the "arm,scmi-shmem" channel under
 * @parent_node (whose #address-cells and #size-cells are @cells), at
 * @shmem_base in the parent's address space, and /firmware/scmi
 * ("arm,scmi-smc", arm,smc-id, shmem, protocol@11).
 */
void arm_scmi_power_fdt_add_node(DeviceState *dev, void *fdt,
                                 const char *parent_node, int cells,
                                 uint64_t shmem_base);

#endif /* HW_MISC_ARM_SCMI_POWER_H */
