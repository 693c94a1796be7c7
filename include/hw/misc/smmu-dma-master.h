/*
 * smmu-dma-master: a PCIe endpoint that issues one DMA transfer on demand
 *
 * A test master for IOMMU models: software describes a transfer (IOVA,
 * length, direction, PASID, privileged/instruction attributes) in BAR0,
 * rings the doorbell, and reads back whether the bus (or the IOMMU in
 * front of it) completed or faulted it.  A burst doorbell issues many
 * such transfers over a range of IOVAs at once, so that a benchmark
 * measures the IOMMU rather than the register accesses that drive it.
 * With "dma-can-stall" it waits for accesses an arm-smmuv3-pm stalls.
 * See docs/user.md.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_MISC_SMMU_DMA_MASTER_H
#define HW_MISC_SMMU_DMA_MASTER_H

#include "hw/registerfields.h"

#define TYPE_SMMU_DMA_MASTER        "smmu-dma-master"

/* PCI identity: vendor PCI_VENDOR_ID_QEMU, class "other" (0x00ff) */
#define SMMU_DMA_MASTER_DEVICE_ID   0x5d4a
#define SMMU_DMA_MASTER_REVISION    1

/* BAR0: registers below 0x800, the data buffer above */
#define SMMU_DMA_MASTER_BAR_SIZE    0x1000
#define SMMU_DMA_MASTER_BUF_SIZE    0x800
#define SMMU_DMA_MASTER_PASID_BITS  20

/* Values of the read-only identification registers */
#define SMMU_DMA_MASTER_ID_VALUE    0x4d444d53      /* 'SMDM' */
#define SMMU_DMA_MASTER_VERSION_VALUE 1

REG32(SDM_ID, 0x000)
REG32(SDM_VERSION, 0x004)
REG64(SDM_IOVA, 0x008)              /* 64-bit, or two 32-bit halves */
REG32(SDM_IOVA_HI, 0x00c)
REG32(SDM_LEN, 0x010)               /* 1..SMMU_DMA_MASTER_BUF_SIZE */
REG32(SDM_PASID, 0x014)
    FIELD(SDM_PASID, PASID, 0, 20)
    FIELD(SDM_PASID, VALID, 31, 1)
REG32(SDM_ATTR, 0x018)
    FIELD(SDM_ATTR, WRITE, 0, 1)    /* 1: buffer -> memory, 0: the reverse */
    FIELD(SDM_ATTR, PRIV, 1, 1)     /* privileged access */
    FIELD(SDM_ATTR, INSTR, 2, 1)    /* instruction fetch (reads only) */
    /*
     * Through a MemoryRegionCache, as virtio reaches its rings: QEMU's
     * cached accessors carry no attributes (PASID, PRIV and INSTR must
     * be 0)
     */
    FIELD(SDM_ATTR, CACHED, 3, 1)
REG32(SDM_DOORBELL, 0x01c)          /* write 1: run the transfer */
REG32(SDM_STATUS, 0x020)
REG32(SDM_RESULT, 0x024)            /* MemTxResult of the last transfer */
REG32(SDM_COMPLETED, 0x028)
REG32(SDM_FAULTED, 0x02c)
REG32(SDM_STALLS, 0x030)            /* accesses the IOMMU held (stalled) */
/*
 * Page Requests (behind an arm-smmuv3-pm): writing SDM_PRI_REQ sends one
 * for the page of IOVA, with PASID and ATTR.PRIV/INSTR (Priv/Exec)
 */
REG32(SDM_PRI_REQ, 0x034)
    FIELD(SDM_PRI_REQ, PRGI, 0, 9)
    FIELD(SDM_PRI_REQ, READ, 16, 1)
    FIELD(SDM_PRI_REQ, WRITE, 17, 1)
    FIELD(SDM_PRI_REQ, LAST, 31, 1)
REG32(SDM_PRI_RESP, 0x038)          /* the last PRG Response received */
    FIELD(SDM_PRI_RESP, CODE, 0, 4)
    FIELD(SDM_PRI_RESP, PRGI, 16, 9)
    FIELD(SDM_PRI_RESP, PASID, 30, 1)   /* it carried a PASID */
    FIELD(SDM_PRI_RESP, VALID, 31, 1)
REG32(SDM_PRI_COUNT, 0x03c)         /* [15:0] requests sent, [31:16] responses */
/*
 * Burst mode: writing SDM_BURST_DOORBELL issues BURST_COUNT transfers of
 * LEN bytes with PASID and ATTR; transfer i starts at
 * IOVA + (i * BURST_STRIDE) mod BURST_WINDOW (BURST_WINDOW 0: no wrap)
 */
REG32(SDM_BURST_COUNT, 0x040)       /* 1..SDM_BURST_MAX_COUNT */
REG32(SDM_BURST_STRIDE, 0x044)      /* bytes from one transfer to the next */
REG64(SDM_BURST_WINDOW, 0x048)      /* 64-bit, or two 32-bit halves */
REG32(SDM_BURST_WINDOW_HI, 0x04c)
REG32(SDM_BURST_DOORBELL, 0x050)    /* write 1: run the burst */
REG32(SDM_BURST_DONE, 0x054)        /* transfers of the last burst done */
REG64(SDM_BURST_FAULT_ADDR, 0x058)  /* where the last burst failed */
REG32(SDM_BURST_FAULT_ADDR_HI, 0x05c)
REG32(SDM_DATA, 0x800)              /* the buffer, to the end of BAR0 */

#define SDM_ATTR_MASK   (R_SDM_ATTR_WRITE_MASK | R_SDM_ATTR_PRIV_MASK | \
                         R_SDM_ATTR_INSTR_MASK | R_SDM_ATTR_CACHED_MASK)
#define SDM_PASID_MASK  (R_SDM_PASID_PASID_MASK | R_SDM_PASID_VALID_MASK)
#define SDM_DOORBELL_GO 1
#define SDM_PRI_REQ_MASK (R_SDM_PRI_REQ_PRGI_MASK | R_SDM_PRI_REQ_READ_MASK | \
                          R_SDM_PRI_REQ_WRITE_MASK | R_SDM_PRI_REQ_LAST_MASK)

/* SDM_STATUS values */
typedef enum SmmuDmaMasterStatus {
    SDM_STATUS_IDLE = 0,        /* no transfer since reset */
    SDM_STATUS_DONE = 1,        /* the last transfer completed */
    SDM_STATUS_FAULTED = 2,     /* the bus or the IOMMU returned an error */
    SDM_STATUS_REFUSED = 3,     /* not issued: bad LEN, PASID off, no BME */
    SDM_STATUS_STALLED = 4,     /* waiting: the IOMMU holds part of it */
    /*
     * done or faulted, but the SMMU's modelled translation time (its
     * timing model) has not passed yet: the outcome shows after it
     */
    SDM_STATUS_BUSY = 5,
} SmmuDmaMasterStatus;

/*
 * Transfers of one burst: the bound on the work one doorbell does inside
 * an MMIO write (at most 64Ki transfers of 2 KiB, 128 MiB in 128Ki
 * page-sized accesses)
 */
#define SDM_BURST_MAX_COUNT 65536

/* Accesses of one transfer the IOMMU may hold at once (2 KiB: <= 2 pages) */
#define SDM_MAX_HELD 4

#endif /* HW_MISC_SMMU_DMA_MASTER_H */
