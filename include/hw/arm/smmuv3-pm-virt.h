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

/* What ACPI IORT says about the machine's SMMUv3 */
typedef struct ArmSmmuV3PmIort {
    hwaddr base;                /* absolute MMIO base */
    /* GSIVs of the eventq, priq, cmdq-sync and gerror interrupts; 0 = MSI */
    uint32_t gsiv[4];
    bool msi;                   /* its interrupts are MSIs through the ITS */
    uint32_t msi_devid;         /* ... with this ITS DeviceID */
    uint8_t httu;               /* its IDR0.HTTU: the HTTU Override flags */
} ArmSmmuV3PmIort;

/*
 * Describe the machine's SMMUv3 for ACPI IORT: the fixed SMMU slot
 * (iommu=smmuv3 or iommu=smmuv3-pm) or a -device arm-smmuv3-pm on the
 * platform bus.  Returns false when there is none.
 */
bool arm_smmuv3_pm_virt_iort_smmu(VirtMachineState *vms, ArmSmmuV3PmIort *out);

/*
 * Append the SMMUv3 node's single ID mapping that gives the SMMU's own
 * MSIs their DeviceID (only when @smmu->msi); its index in the node's ID
 * array is the node's "DeviceID mapping index".
 */
void arm_smmuv3_pm_virt_iort_msi_mapping(GArray *table_data,
                                         const ArmSmmuV3PmIort *smmu,
                                         uint32_t its_group_offset);

/* Refuse combinations with another IOMMU; called from virt's pre-plug */
void arm_smmuv3_pm_virt_pre_plug(VirtMachineState *vms, DeviceState *dev,
                                 Error **errp);

#endif /* HW_ARM_SMMUV3_PM_VIRT_H */
