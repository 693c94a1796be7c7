/*
 * arm-smmuv3-pm qtest: driver for the smmu-dma-master PCI test device
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "hw/pci/pci_regs.h"
#include "dma-master.h"

#define DMAM_VENDOR_DEVICE  0x5d4a1234u

/* BAR0 registers (include/hw/misc/smmu-dma-master.h) */
#define DMAM_ID             0x000
#define DMAM_IOVA           0x008
#define DMAM_LEN            0x010
#define DMAM_PASID          0x014
#define DMAM_ATTR           0x018
#define DMAM_DOORBELL       0x01c
#define DMAM_STATUS         0x020
#define DMAM_RESULT         0x024
#define DMAM_DATA           0x800

#define DMAM_PASID_VALID    (1u << 31)
#define DMAM_ATTR_WRITE     (1u << 0)
#define DMAM_ATTR_PRIV      (1u << 1)
#define DMAM_ATTR_INSTR     (1u << 2)

#define DMAM_ID_VALUE       0x4d444d53u

/* Offset of extended capability @id in config space, or 0 */
static unsigned find_ext_cap(DmaMaster *dm, uint16_t id)
{
    unsigned off = 0x100;

    for (int i = 0; off && i < 64; i++) {
        uint32_t hdr = qtest_readl(dm->qts, dm->cfg + off);

        if ((hdr & 0xffff) == id) {
            return off;
        }
        off = hdr >> 20;
    }
    return 0;
}

void dmam_init(DmaMaster *dm, QTestState *qts, uint64_t ecam_base,
               unsigned devfn, uint64_t bar_pci_addr, uint64_t bar_cpu_addr)
{
    unsigned pasid;

    dm->qts = qts;
    dm->cfg = ecam_base + ((uint64_t)devfn << 12);
    dm->bar = bar_cpu_addr;
    g_assert_cmphex(qtest_readl(qts, dm->cfg + PCI_VENDOR_ID), ==,
                    DMAM_VENDOR_DEVICE);
    qtest_writel(qts, dm->cfg + PCI_BASE_ADDRESS_0, bar_pci_addr);
    qtest_writew(qts, dm->cfg + PCI_COMMAND,
                 PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
    g_assert_cmphex(qtest_readl(qts, dm->bar + DMAM_ID), ==, DMAM_ID_VALUE);
    pasid = find_ext_cap(dm, PCI_EXT_CAP_ID_PASID);
    g_assert_cmpuint(pasid, !=, 0);
    qtest_writew(qts, dm->cfg + pasid + PCI_PASID_CTRL,
                 PCI_PASID_CTRL_ENABLE | PCI_PASID_CTRL_EXEC |
                 PCI_PASID_CTRL_PRIV);
}

static int transfer(DmaMaster *dm, uint64_t iova, uint32_t len,
                    uint32_t pasid, unsigned attrs, bool write)
{
    uint32_t attr = (write ? DMAM_ATTR_WRITE : 0) |
                    (attrs & DMAM_PRIV ? DMAM_ATTR_PRIV : 0) |
                    (attrs & DMAM_INSTR ? DMAM_ATTR_INSTR : 0);

    qtest_writeq(dm->qts, dm->bar + DMAM_IOVA, iova);
    qtest_writel(dm->qts, dm->bar + DMAM_LEN, len);
    qtest_writel(dm->qts, dm->bar + DMAM_PASID,
                 pasid == DMAM_NO_PASID ? 0 : (pasid | DMAM_PASID_VALID));
    qtest_writel(dm->qts, dm->bar + DMAM_ATTR, attr);
    qtest_writel(dm->qts, dm->bar + DMAM_DOORBELL, 1);
    return qtest_readl(dm->qts, dm->bar + DMAM_STATUS);
}

int dmam_read(DmaMaster *dm, uint64_t iova, void *buf, uint32_t len,
              uint32_t pasid, unsigned attrs)
{
    int st = transfer(dm, iova, len, pasid, attrs, false);

    if (st == DMAM_STATUS_OK) {
        qtest_memread(dm->qts, dm->bar + DMAM_DATA, buf, len);
    }
    return st;
}

int dmam_write(DmaMaster *dm, uint64_t iova, const void *buf, uint32_t len,
               uint32_t pasid, unsigned attrs)
{
    g_assert_cmpuint(len, <=, DMAM_BUF_SIZE);
    qtest_memwrite(dm->qts, dm->bar + DMAM_DATA, buf, len);
    return transfer(dm, iova, len, pasid, attrs, true);
}

uint32_t dmam_result(DmaMaster *dm)
{
    return qtest_readl(dm->qts, dm->bar + DMAM_RESULT);
}
