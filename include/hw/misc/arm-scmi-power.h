/*
 * arm-scmi-power: an SCMI platform with the power domain management
 * protocol, over the SMC/HVC transport with a shared-memory channel
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_MISC_ARM_SCMI_POWER_H
#define HW_MISC_ARM_SCMI_POWER_H

#include "hw/sysbus.h"

#define TYPE_ARM_SCMI_POWER "arm-scmi-power"

/* The shared-memory channel: one page of RAM the device owns */
#define ARM_SCMI_POWER_SHMEM_SIZE 0x1000

/* Named GPIO outputs, one per domain: 1 = powered, 0 = off */
#define ARM_SCMI_POWER_GPIO_OUT "domain-power"

/* Default doorbell: fast call, SMC32, SiP service, function 0x10 */
#define ARM_SCMI_POWER_DEFAULT_SMC_ID 0x82000010u

/* Number of power domains of the (realized) provider @dev */
unsigned arm_scmi_power_num_domains(DeviceState *dev);

/* Whether domain @domain of @dev is on after reset (domain-states) */
bool arm_scmi_power_domain_on_at_reset(DeviceState *dev, unsigned domain);

/*
 * Phandle of @dev's power-domain provider node (protocol@11) in @fdt,
 * allocated on first use, so that consumers' "power-domains" and the
 * provider's own node can be written in either order.
 */
uint32_t arm_scmi_power_fdt_phandle(DeviceState *dev, void *fdt);

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
