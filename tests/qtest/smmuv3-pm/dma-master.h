/*
 * qtest driver for the smmu-dma-master PCIe test device
 *
 * Programs the device through ECAM config space and its BAR0 so that a
 * test can issue single DMA transfers, or bursts of them, with a chosen
 * IOVA, PASID and privileged/instruction attributes, and read back their
 * outcome.
 *
 * The register layout is restated here from docs/user.md rather than
 * taken from the device's header, so that a wrong offset in the model
 * shows up as a test failure.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_DMA_MASTER_H
#define SMMUV3_PM_DMA_MASTER_H

#include "tests/qtest/libqtest.h"

/* PCI identity */
#define DMAM_VENDOR_ID      0x1234
#define DMAM_DEVICE_ID      0x5d4a

/* BAR0 registers */
#define DMAM_ID             0x000
#define DMAM_VERSION        0x004
#define DMAM_IOVA           0x008
#define DMAM_IOVA_HI        0x00c
#define DMAM_LEN            0x010
#define DMAM_PASID          0x014
#define DMAM_ATTR           0x018
#define DMAM_DOORBELL       0x01c
#define DMAM_STATUS         0x020
#define DMAM_RESULT         0x024
#define DMAM_COMPLETED      0x028
#define DMAM_FAULTED        0x02c
#define DMAM_STALLS         0x030
#define DMAM_PRI_REQ        0x034
#define DMAM_PRI_RESP       0x038
#define DMAM_PRI_COUNT      0x03c
#define DMAM_BURST_COUNT    0x040
#define DMAM_BURST_STRIDE   0x044
#define DMAM_BURST_WINDOW   0x048
#define DMAM_BURST_WINDOW_HI 0x04c
#define DMAM_BURST_DOORBELL 0x050
#define DMAM_BURST_DONE     0x054
#define DMAM_BURST_FAULT_ADDR 0x058
#define DMAM_BURST_FAULT_ADDR_HI 0x05c
#define DMAM_DATA           0x800
#define DMAM_BAR_SIZE       0x1000
#define DMAM_BUF_SIZE       2048
#define DMAM_BURST_MAX      65536       /* transfers of one burst */

#define DMAM_ID_VALUE       0x4d444d53      /* 'SMDM' */
#define DMAM_PASID_VALID    (1u << 31)
#define DMAM_ATTR_WRITE     (1u << 0)
#define DMAM_ATTR_PRIV      (1u << 1)
#define DMAM_ATTR_INSTR     (1u << 2)
#define DMAM_ATTR_CACHED    (1u << 3)

/* STATUS */
enum {
    DMAM_STATUS_IDLE = 0,
    DMAM_STATUS_DONE = 1,
    DMAM_STATUS_FAULTED = 2,
    DMAM_STATUS_REFUSED = 3,
    DMAM_STATUS_STALLED = 4,
    DMAM_STATUS_BUSY = 5,       /* the SMMU's modelled time not yet over */
};

typedef struct DmaMaster {
    QTestState *qts;
    uint64_t cfg;               /* CPU address of its ECAM config space */
    uint64_t bar;               /* CPU address of BAR0 */
} DmaMaster;

/* @pasid argument of dmam_read/dmam_write: no PASID prefix */
#define DMAM_NO_PASID UINT32_MAX

/* @attrs bits of dmam_read/dmam_write */
enum {
    DMAM_PRIV = 1,
    DMAM_INSTR = 2,
    DMAM_CACHED = 4,        /* through a MemoryRegionCache (ATTR.CACHED) */
};

/*
 * Set up the device at bus 0, @devfn of the ECAM window at @ecam_base:
 * BAR0 at @bar_pci_addr on the bus (@bar_cpu_addr from the CPU), memory
 * decoding and bus mastering on, and PASID enabled with Execute and
 * Privileged Mode permitted.
 */
void dmam_init(DmaMaster *dm, QTestState *qts, uint64_t ecam_base,
               unsigned devfn, uint64_t bar_pci_addr, uint64_t bar_cpu_addr);

/* The same, for a device on bus @bus (behind a bridge already set up) */
void dmam_init_bus(DmaMaster *dm, QTestState *qts, uint64_t ecam_base,
                   unsigned bus, unsigned devfn, uint64_t bar_pci_addr,
                   uint64_t bar_cpu_addr);

/*
 * One transfer of @len bytes between memory at @iova and @buf, with
 * PASID @pasid (DMAM_NO_PASID: none) and @attrs (DMAM_PRIV, DMAM_INSTR).
 * Returns STATUS.  dmam_read() copies the data into @buf only when the
 * transfer completed; dmam_write() loads at most DMAM_BUF_SIZE bytes of
 * @buf into the device, so that an out-of-range @len reaches the device.
 */
int dmam_read(DmaMaster *dm, uint64_t iova, void *buf, uint32_t len,
              uint32_t pasid, unsigned attrs);
int dmam_write(DmaMaster *dm, uint64_t iova, const void *buf, uint32_t len,
               uint32_t pasid, unsigned attrs);

/*
 * A burst: @count transfers of @len bytes, transfer i at @iova + (i *
 * @stride) mod @window (@window 0: no wrap), all with @pasid and @attrs,
 * in the direction @write (buffer -> memory) or not
 */
typedef struct DmamBurst {
    uint64_t iova;
    uint32_t len;
    uint32_t count;
    uint32_t stride;
    uint64_t window;
    uint32_t pasid;             /* DMAM_NO_PASID: none */
    unsigned attrs;             /* DMAM_PRIV, DMAM_INSTR */
    bool write;
} DmamBurst;

/* Program the burst's registers (and the shared IOVA, LEN, PASID, ATTR) */
void dmam_burst_setup(DmaMaster *dm, const DmamBurst *b);
/* Ring the burst doorbell and return STATUS */
int dmam_burst_go(DmaMaster *dm);
/*
 * Both; a write burst writes the device's buffer as it is (dmam_buf_write
 * it first), a read burst leaves the last transfer's data there
 */
int dmam_burst(DmaMaster *dm, const DmamBurst *b);
/* BURST_DONE: transfers of the last burst that completed */
uint32_t dmam_burst_done(DmaMaster *dm);
/* BURST_FAULT_ADDR: the first failing address of the last burst */
uint64_t dmam_burst_fault_addr(DmaMaster *dm);

/*
 * Send a PCIe Page Request for the page of @iova with PASID @pasid
 * (DMAM_NO_PASID: none) and @attrs (DMAM_PRIV, DMAM_INSTR): @prgi_flags is
 * the PRI_REQ register's value (PRG index and its flag bits).
 */
void dmam_page_request(DmaMaster *dm, uint64_t iova, uint32_t pasid,
                       unsigned attrs, uint32_t prgi_flags);

/*
 * STATUS once the transfer is no longer STALLED: the answer to a stall
 * reaches the master from QEMU's main loop, after the command that gave
 * it.  Fails the test if it is still stalled after many polls.
 */
int dmam_wait(DmaMaster *dm);

/* RESULT: the MemTxResult of the last transfer */
uint32_t dmam_result(DmaMaster *dm);

/* BAR0 register access */
uint32_t dmam_readl(DmaMaster *dm, uint32_t offset);
void dmam_writel(DmaMaster *dm, uint32_t offset, uint32_t value);

/* The device's data buffer, without any transfer */
void dmam_buf_read(DmaMaster *dm, void *buf, uint32_t len);
void dmam_buf_write(DmaMaster *dm, const void *buf, uint32_t len);

/*
 * Offset in config space of extended capability @id, or 0 if absent.
 * Walks the list from 0x100 as a driver would.
 */
uint16_t dmam_find_ext_cap(DmaMaster *dm, uint16_t id);

/* Offset of the PASID capability (asserts it is present) */
uint16_t dmam_pasid_cap(DmaMaster *dm);

#endif /* SMMUV3_PM_DMA_MASTER_H */
