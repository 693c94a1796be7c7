/*
 * arm-smmuv3-pm qtest: device tree helpers
 *
 * Fetch the running machine's flattened device tree (QMP "dumpdtb") and
 * find the SMMU in it, so that register tests use the address the guest
 * would use rather than a hard-coded one.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_DT_H
#define SMMUV3_PM_DT_H

#include "tests/qtest/libqtest.h"

#define SMMU_DT_NUM_IRQS    4

/* Index of each interrupt in "interrupts", per "interrupt-names" */
enum {
    SMMU_DT_IRQ_EVENTQ,
    SMMU_DT_IRQ_PRIQ,
    SMMU_DT_IRQ_CMDQ_SYNC,
    SMMU_DT_IRQ_GERROR,
};

/* What the register tests need to know about the SMMU and the machine */
typedef struct SmmuDtInfo {
    uint64_t base;              /* absolute MMIO base of the SMMU */
    uint64_t size;              /* size of its reg entry */
    uint32_t spi[SMMU_DT_NUM_IRQS];  /* GIC SPI numbers (INTID - 32) */
    uint32_t phandle;
    uint64_t gic_dist_base;     /* GIC distributor */
    uint64_t ecam_base;         /* PCIe host: ECAM window */
    uint64_t pci_mmio32_base;   /* PCIe host: 32-bit memory window (CPU) */
    uint64_t pci_mmio32_pci;    /* ... as seen on the PCI bus */
    uint64_t pci_mmio32_size;
    uint64_t ram_base;
    uint64_t ram_size;
} SmmuDtInfo;

/*
 * Dump the FDT of the machine behind @qts (QMP dumpdtb) and return it;
 * g_free() the result.
 */
void *smmu_dt_fetch(QTestState *qts);

/* Offset of the only "arm,smmu-v3" node in @fdt (asserts there is one) */
int smmu_dt_find_smmu(const void *fdt);

/*
 * Absolute CPU address of @node's reg entry @index, translating through
 * every parent's "ranges"; the entry's size goes to *@size if non-NULL.
 */
uint64_t smmu_dt_reg_address(const void *fdt, int node, int index,
                             uint64_t *size);

/* The one-cell property @name of @node (asserts it is one) */
uint32_t smmu_dt_prop_u32(const void *fdt, int node, const char *name);

/* Fill @info from the DT of the machine behind @qts */
void smmu_dt_info(QTestState *qts, SmmuDtInfo *info);

/*
 * Fill only the machine-wide fields of @info (GIC, RAM, PCIe host), for
 * machines that may have no SMMU or another one; the SMMU fields are 0.
 */
void smmu_dt_machine_info(QTestState *qts, SmmuDtInfo *info);

/* Absolute MMIO base of the SMMU of the machine behind @qts */
uint64_t smmu_base(QTestState *qts);

/* Register the DT tests */
void smmuv3_pm_dt_register_tests(void);

#endif /* SMMUV3_PM_DT_H */
