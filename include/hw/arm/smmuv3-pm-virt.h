/*
 * arm-smmuv3-pm: wiring into the Arm "virt" machine
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_ARM_SMMUV3_PM_VIRT_H
#define HW_ARM_SMMUV3_PM_VIRT_H

#include "hw/arm/virt.h"

/* -M virt,iommu=smmuv3-pm: create the SMMU at the machine's SMMU slot */
void arm_smmuv3_pm_virt_create(VirtMachineState *vms, PCIBus *bus);

/* Whether any arm-smmuv3-pm exists (fixed slot or -device) */
bool arm_smmuv3_pm_present(void);

/*
 * Where the machine's SMMUv3 is, for ACPI IORT: the fixed SMMU slot
 * (iommu=smmuv3 or iommu=smmuv3-pm) or a -device arm-smmuv3-pm on the
 * platform bus.  Returns false when there is none; otherwise fills the
 * absolute base address and the GSIVs of the eventq, priq, cmdq-sync and
 * gerror interrupts, in that order.
 */
bool arm_smmuv3_pm_virt_iort_smmu(VirtMachineState *vms, hwaddr *base,
                                  uint32_t gsiv[4]);

/* Refuse combinations with another IOMMU; called from virt's pre-plug */
void arm_smmuv3_pm_virt_pre_plug(VirtMachineState *vms, DeviceState *dev,
                                 Error **errp);

#endif /* HW_ARM_SMMUV3_PM_VIRT_H */
