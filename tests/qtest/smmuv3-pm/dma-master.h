/*
 * arm-smmuv3-pm qtest: driver for the smmu-dma-master PCI test device
 *
 * Programs the device's BAR and config space through ECAM, then issues DMA
 * reads and writes of up to 2 KiB at an IOVA, with or without a PASID,
 * privileged or not, data or instruction, and reports the device's STATUS.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_DMA_MASTER_H
#define SMMUV3_PM_DMA_MASTER_H

#include "tests/qtest/libqtest.h"

#define DMAM_NO_PASID       UINT32_MAX
#define DMAM_BUF_SIZE       2048

/* STATUS register values */
enum {
    DMAM_STATUS_IDLE = 0,
    DMAM_STATUS_OK = 1,
    DMAM_STATUS_FAULT = 2,
    DMAM_STATUS_REFUSED = 3,
};

/* Transaction attributes */
enum {
    DMAM_PRIV = 1,
    DMAM_INSTR = 2,
};

typedef struct DmaMaster {
    QTestState *qts;
    uint64_t cfg;               /* ECAM address of its config space */
    uint64_t bar;               /* CPU address of BAR0 */
} DmaMaster;

/*
 * Find the device at @devfn on bus 0 behind @ecam_base, place BAR0 at
 * @bar_pci_addr (seen by the CPU at @bar_cpu_addr), enable memory space,
 * bus mastering and the PASID capability.
 */
void dmam_init(DmaMaster *dm, QTestState *qts, uint64_t ecam_base,
               unsigned devfn, uint64_t bar_pci_addr, uint64_t bar_cpu_addr);

/* DMA of @len bytes at @iova; returns STATUS (DMAM_STATUS_*) */
int dmam_read(DmaMaster *dm, uint64_t iova, void *buf, uint32_t len,
              uint32_t pasid, unsigned attrs);
int dmam_write(DmaMaster *dm, uint64_t iova, const void *buf, uint32_t len,
               uint32_t pasid, unsigned attrs);

/* MemTxResult of the last transfer */
uint32_t dmam_result(DmaMaster *dm);

#endif /* SMMUV3_PM_DMA_MASTER_H */
