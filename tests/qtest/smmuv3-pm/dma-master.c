/*
 * qtest driver for the smmu-dma-master PCIe test device
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "hw/pci/pci_regs.h"
#include "dma-master.h"

/* PCIe extended capability header: ID [15:0], version [19:16], next [31:20] */
#define EXT_CAP_ID(h)       ((h) & 0xffff)
#define EXT_CAP_NEXT(h)     (((h) >> 20) & 0xffc)
#define EXT_CAP_START       0x100
#define EXT_CAP_MAX         (4096 / 8)     /* entries a list can hold */

#define PASID_CAP_ID        0x1b
#define PASID_CTRL          0x06
#define PASID_CTRL_ENABLE   (1u << 0)
#define PASID_CTRL_EXEC     (1u << 1)
#define PASID_CTRL_PRIV     (1u << 2)

uint32_t dmam_readl(DmaMaster *dm, uint32_t offset)
{
    return qtest_readl(dm->qts, dm->bar + offset);
}

void dmam_writel(DmaMaster *dm, uint32_t offset, uint32_t value)
{
    qtest_writel(dm->qts, dm->bar + offset, value);
}

uint16_t dmam_find_ext_cap(DmaMaster *dm, uint16_t id)
{
    uint16_t off = EXT_CAP_START;

    /* bounded: a looping list must fail the test, not hang it */
    for (int i = 0; i < EXT_CAP_MAX && off; i++) {
        uint32_t hdr = qtest_readl(dm->qts, dm->cfg + off);

        if (hdr == 0 || hdr == UINT32_MAX) {
            return 0;
        }
        if (EXT_CAP_ID(hdr) == id) {
            return off;
        }
        off = EXT_CAP_NEXT(hdr);
        g_assert_true(off == 0 || off >= EXT_CAP_START);
    }
    g_assert_cmpuint(off, ==, 0);
    return 0;
}

uint16_t dmam_pasid_cap(DmaMaster *dm)
{
    uint16_t off = dmam_find_ext_cap(dm, PASID_CAP_ID);

    g_assert_cmphex(off, !=, 0);
    return off;
}

void dmam_init_bus(DmaMaster *dm, QTestState *qts, uint64_t ecam_base,
                   unsigned bus, unsigned devfn, uint64_t bar_pci_addr,
                   uint64_t bar_cpu_addr)
{
    uint16_t pasid;

    g_assert_cmpuint(bus, <, 256);
    g_assert_cmpuint(devfn, <, 256);
    dm->qts = qts;
    dm->cfg = ecam_base + ((uint64_t)bus << 20) + (devfn << 12);
    dm->bar = bar_cpu_addr;

    g_assert_cmphex(qtest_readw(qts, dm->cfg + PCI_VENDOR_ID), ==,
                    DMAM_VENDOR_ID);
    g_assert_cmphex(qtest_readw(qts, dm->cfg + PCI_DEVICE_ID), ==,
                    DMAM_DEVICE_ID);
    qtest_writel(qts, dm->cfg + PCI_BASE_ADDRESS_0, bar_pci_addr);
    qtest_writew(qts, dm->cfg + PCI_COMMAND,
                 PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
    pasid = dmam_pasid_cap(dm);
    qtest_writew(qts, dm->cfg + pasid + PASID_CTRL,
                 PASID_CTRL_ENABLE | PASID_CTRL_EXEC | PASID_CTRL_PRIV);
    g_assert_cmphex(dmam_readl(dm, DMAM_ID), ==, DMAM_ID_VALUE);
}

void dmam_init(DmaMaster *dm, QTestState *qts, uint64_t ecam_base,
               unsigned devfn, uint64_t bar_pci_addr, uint64_t bar_cpu_addr)
{
    dmam_init_bus(dm, qts, ecam_base, 0, devfn, bar_pci_addr, bar_cpu_addr);
}

/* (qtest's read and write commands refuse a zero length) */
void dmam_buf_read(DmaMaster *dm, void *buf, uint32_t len)
{
    g_assert_cmpuint(len, <=, DMAM_BUF_SIZE);
    if (len == 0) {
        return;
    }
    qtest_memread(dm->qts, dm->bar + DMAM_DATA, buf, len);
}

void dmam_buf_write(DmaMaster *dm, const void *buf, uint32_t len)
{
    g_assert_cmpuint(len, <=, DMAM_BUF_SIZE);
    if (len == 0) {
        return;
    }
    qtest_memwrite(dm->qts, dm->bar + DMAM_DATA, buf, len);
}

/* The address, PASID and ATTR registers of a transfer or Page Request */
static void dmam_set_target(DmaMaster *dm, uint64_t iova, uint32_t pasid,
                            unsigned attrs, bool write)
{
    uint32_t attr = write ? DMAM_ATTR_WRITE : 0;

    g_assert_cmpuint(attrs & ~(DMAM_PRIV | DMAM_INSTR | DMAM_CACHED), ==, 0);
    attr |= attrs & DMAM_PRIV ? DMAM_ATTR_PRIV : 0;
    attr |= attrs & DMAM_INSTR ? DMAM_ATTR_INSTR : 0;
    attr |= attrs & DMAM_CACHED ? DMAM_ATTR_CACHED : 0;

    qtest_writeq(dm->qts, dm->bar + DMAM_IOVA, iova);
    dmam_writel(dm, DMAM_PASID,
                pasid == DMAM_NO_PASID ? 0 : DMAM_PASID_VALID | pasid);
    dmam_writel(dm, DMAM_ATTR, attr);
}

/*
 * STATUS once the SMMU's modelled translation time (timing on) is over:
 * the virtual clock runs to the master's deadline, as a driver polling
 * STATUS would see it
 */
static int dmam_status(DmaMaster *dm)
{
    for (int i = 0; i < 100; i++) {
        int status = dmam_readl(dm, DMAM_STATUS);

        if (status != DMAM_STATUS_BUSY) {
            return status;
        }
        qtest_clock_step_next(dm->qts);
    }
    g_error("smmu-dma-master: still BUSY after 100 clock deadlines");
}

/* Program the descriptor, ring the doorbell, return STATUS */
static int dmam_run(DmaMaster *dm, uint64_t iova, uint32_t len,
                    uint32_t pasid, unsigned attrs, bool write)
{
    dmam_set_target(dm, iova, pasid, attrs, write);
    dmam_writel(dm, DMAM_LEN, len);
    dmam_writel(dm, DMAM_DOORBELL, 1);
    return dmam_status(dm);
}

void dmam_page_request(DmaMaster *dm, uint64_t iova, uint32_t pasid,
                       unsigned attrs, uint32_t prgi_flags)
{
    dmam_set_target(dm, iova, pasid, attrs, false);
    dmam_writel(dm, DMAM_PRI_REQ, prgi_flags);
}

int dmam_read(DmaMaster *dm, uint64_t iova, void *buf, uint32_t len,
              uint32_t pasid, unsigned attrs)
{
    int status = dmam_run(dm, iova, len, pasid, attrs, false);

    if (status == DMAM_STATUS_DONE) {
        dmam_buf_read(dm, buf, len);
    }
    return status;
}

int dmam_write(DmaMaster *dm, uint64_t iova, const void *buf, uint32_t len,
               uint32_t pasid, unsigned attrs)
{
    dmam_buf_write(dm, buf, MIN(len, DMAM_BUF_SIZE));
    return dmam_run(dm, iova, len, pasid, attrs, true);
}

void dmam_burst_setup(DmaMaster *dm, const DmamBurst *b)
{
    dmam_set_target(dm, b->iova, b->pasid, b->attrs, b->write);
    dmam_writel(dm, DMAM_LEN, b->len);
    dmam_writel(dm, DMAM_BURST_COUNT, b->count);
    dmam_writel(dm, DMAM_BURST_STRIDE, b->stride);
    qtest_writeq(dm->qts, dm->bar + DMAM_BURST_WINDOW, b->window);
}

int dmam_burst_go(DmaMaster *dm)
{
    dmam_writel(dm, DMAM_BURST_DOORBELL, 1);
    return dmam_status(dm);
}

int dmam_burst(DmaMaster *dm, const DmamBurst *b)
{
    dmam_burst_setup(dm, b);
    return dmam_burst_go(dm);
}

uint32_t dmam_burst_done(DmaMaster *dm)
{
    return dmam_readl(dm, DMAM_BURST_DONE);
}

uint64_t dmam_burst_fault_addr(DmaMaster *dm)
{
    return qtest_readq(dm->qts, dm->bar + DMAM_BURST_FAULT_ADDR);
}

int dmam_wait(DmaMaster *dm)
{
    for (int i = 0; i < 1000; i++) {
        int status = dmam_status(dm);

        if (status != DMAM_STATUS_STALLED) {
            return status;
        }
    }
    g_error("smmu-dma-master: transfer still stalled after 1000 polls");
}

uint32_t dmam_result(DmaMaster *dm)
{
    return dmam_readl(dm, DMAM_RESULT);
}
