/*
 * arm-smmuv3-pm: Arm SMMUv3 with power management, public interface
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_ARM_SMMUV3_PM_H
#define HW_ARM_SMMUV3_PM_H

#include "hw/sysbus.h"

#define TYPE_ARM_SMMUV3_PM "arm-smmuv3-pm"
#define TYPE_ARM_SMMUV3_PM_IOMMU_MEMORY_REGION "arm-smmuv3-pm-iommu-mr"

/* Wired interrupts, in the order of the DT "interrupt-names" */
#define ARM_SMMUV3_PM_NUM_IRQS 4

/* Size of the register region: page 0 and page 1 */
#define ARM_SMMUV3_PM_MMIO_SIZE 0x20000

/*
 * QEMU's exit status when pm-strict=on and an error-severity PM checker
 * rule fired (distinct from QEMU's own failures, which exit with 1)
 */
#define ARM_SMMUV3_PM_STRICT_EXIT_STATUS 3

/*
 * Add the "arm,smmu-v3" node of @dev under @parent_node of @fdt.
 * @reg_base is the base address in the parent's address space (which has
 * @addr_cells address and size cells); @spis are the GIC SPI numbers of
 * the four interrupts.  Also points the PCIe host node's "iommu-map" at
 * the SMMU.  Returns the new node's phandle.
 */
uint32_t arm_smmuv3_pm_fdt_add_node(DeviceState *dev, void *fdt,
                                    const char *parent_node,
                                    int addr_cells, uint64_t reg_base,
                                    const uint32_t *spis);

#endif /* HW_ARM_SMMUV3_PM_H */
