/*
 * smmu-dma-master qtest: the PCIe DMA test master on its own
 *
 * PCI identity and capabilities, the BAR0 register file, transfers to and
 * from guest RAM, every refusal, bus faults, reset, migration, placement
 * behind a root port, and DMA through QEMU's own SMMUv3 (-M virt,
 * iommu=smmuv3) left disabled.  Expected values come from docs/user.md
 * and the PCIe specification, restated in dma-master.h and below.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "tests/qtest/libqtest.h"
#include "qobject/qdict.h"
#include "hw/pci/pci_regs.h"
#include "smmuv3-pm-dt.h"
#include "dma-master.h"
#include "qtest-util.h"

#define DMAM_SLOT           2
#define DMAM_DEVFN          (DMAM_SLOT << 3)
#define RP_SLOT             3

/* MemTxResult bits (include/exec/memattrs.h) */
#define MEMTX_DECODE_ERROR  (1u << 1)

/* PCIe capability (PCI_CAP_ID_EXP): Device/Port Type in its flags */
#define EXP_FLAGS_TYPE(f)   (((f) >> 4) & 0xf)
#define EXP_TYPE_ENDPOINT   0x0
#define EXP_TYPE_RC_END     0x9

/* PASID extended capability (PCIe: Process Address Space ID) */
#define PASID_CAP_ID        0x1b
#define PASID_CAP_REG       0x04
#define PASID_CTRL_REG      0x06
#define PASID_CAP_EXEC      (1u << 1)
#define PASID_CAP_PRIV      (1u << 2)
#define PASID_CAP_WIDTH(c)  (((c) >> 8) & 0x1f)
#define PASID_CTRL_ENABLE   (1u << 0)
#define PASID_CTRL_EXEC     (1u << 1)
#define PASID_CTRL_PRIV     (1u << 2)

/* QEMU's SMMUv3 (for the iommu=smmuv3 case) */
#define SMMU_GBPA           0x44
#define SMMU_GBPA_ABORT     (1u << 20)
#define SMMU_GBPA_UPDATE    (1u << 31)

#define LEN                 256

typedef struct Dut {
    QTestState *qts;
    SmmuDtInfo dt;
    DmaMaster dm;
    uint64_t ram;               /* a free 64 KiB of guest RAM for the tests */
} Dut;

/* The command line of a machine with the master at DMAM_SLOT */
static char *dut_args(const char *machine, const char *extra)
{
    return g_strdup_printf("-machine virt%s -cpu max -net none "
                           "-device smmu-dma-master,addr=0x%x%s%s",
                           machine, DMAM_SLOT, extra ? " " : "",
                           extra ? extra : "");
}

static QTestState *dut_qemu(const char *machine, const char *extra)
{
    g_autofree char *args = dut_args(machine, extra);

    return qtest_init(args);
}

static void dut_attach(Dut *d, QTestState *qts)
{
    d->qts = qts;
    smmu_dt_machine_info(qts, &d->dt);
    d->ram = d->dt.ram_base + d->dt.ram_size / 2;
    dmam_init(&d->dm, qts, d->dt.ecam_base, DMAM_DEVFN,
              d->dt.pci_mmio32_pci, d->dt.pci_mmio32_base);
}

static void dut_start(Dut *d, const char *machine, const char *extra)
{
    dut_attach(d, dut_qemu(machine, extra));
}

static void pattern(uint8_t *buf, size_t len, uint8_t seed)
{
    for (size_t i = 0; i < len; i++) {
        buf[i] = seed + i * 13;
    }
}

static void ram_fill(Dut *d, uint64_t addr, uint8_t seed, size_t len)
{
    g_autofree uint8_t *buf = g_malloc(len);

    pattern(buf, len, seed);
    qtest_memwrite(d->qts, addr, buf, len);
}

static void assert_ram(Dut *d, uint64_t addr, uint8_t seed, size_t len)
{
    g_autofree uint8_t *want = g_malloc(len);
    g_autofree uint8_t *got = g_malloc(len);

    pattern(want, len, seed);
    qtest_memread(d->qts, addr, got, len);
    g_assert_cmpmem(got, len, want, len);
}

static void assert_buf(Dut *d, uint8_t seed, size_t len)
{
    g_autofree uint8_t *want = g_malloc(len);
    g_autofree uint8_t *got = g_malloc(len);

    pattern(want, len, seed);
    dmam_buf_read(&d->dm, got, len);
    g_assert_cmpmem(got, len, want, len);
}

static uint16_t cfg_readw(Dut *d, uint32_t off)
{
    return qtest_readw(d->qts, d->dm.cfg + off);
}

static void cfg_writew(Dut *d, uint32_t off, uint16_t v)
{
    qtest_writew(d->qts, d->dm.cfg + off, v);
}

static void set_pasid_ctrl(Dut *d, uint16_t v)
{
    cfg_writew(d, dmam_pasid_cap(&d->dm) + PASID_CTRL_REG, v);
}

/* Offset of standard capability @id, or 0 */
static uint8_t find_cap(Dut *d, uint8_t id)
{
    uint8_t off = qtest_readb(d->qts, d->dm.cfg + PCI_CAPABILITY_LIST);

    for (int i = 0; i < 48 && off; i++) {
        if (qtest_readb(d->qts, d->dm.cfg + off) == id) {
            return off;
        }
        off = qtest_readb(d->qts, d->dm.cfg + off + 1);
    }
    return 0;
}

static void assert_counters(Dut *d, uint32_t completed, uint32_t faulted)
{
    g_assert_cmpuint(dmam_readl(&d->dm, DMAM_COMPLETED), ==, completed);
    g_assert_cmpuint(dmam_readl(&d->dm, DMAM_FAULTED), ==, faulted);
}

/* ---- PCI identity and capabilities --------------------------------------- */

static void test_identity(void)
{
    Dut d;
    uint8_t exp;

    dut_start(&d, "", NULL);
    g_assert_cmphex(cfg_readw(&d, PCI_VENDOR_ID), ==, 0x1234);
    g_assert_cmphex(cfg_readw(&d, PCI_DEVICE_ID), ==, 0x5d4a);
    g_assert_cmphex(cfg_readw(&d, PCI_CLASS_DEVICE), ==, 0x00ff);
    g_assert_cmphex(qtest_readb(d.qts, d.dm.cfg + PCI_HEADER_TYPE) & 0x7f,
                    ==, PCI_HEADER_TYPE_NORMAL);
    g_assert_cmphex(qtest_readb(d.qts, d.dm.cfg + PCI_INTERRUPT_PIN), ==, 0);
    g_assert_true(cfg_readw(&d, PCI_STATUS) & PCI_STATUS_CAP_LIST);

    /* BAR0: 4 KiB of 32-bit non-prefetchable memory */
    cfg_writew(&d, PCI_COMMAND, 0);
    qtest_writel(d.qts, d.dm.cfg + PCI_BASE_ADDRESS_0, 0xffffffff);
    g_assert_cmphex(qtest_readl(d.qts, d.dm.cfg + PCI_BASE_ADDRESS_0), ==,
                    0xfffff000);
    g_assert_cmphex(qtest_readl(d.qts, d.dm.cfg + PCI_BASE_ADDRESS_1), ==, 0);
    qtest_writel(d.qts, d.dm.cfg + PCI_BASE_ADDRESS_0, d.dt.pci_mmio32_pci);
    cfg_writew(&d, PCI_COMMAND, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);

    /* a PCIe function: on the root bus, a Root Complex Integrated EP */
    exp = find_cap(&d, PCI_CAP_ID_EXP);
    g_assert_cmpuint(exp, !=, 0);
    g_assert_cmphex(EXP_FLAGS_TYPE(cfg_readw(&d, exp + PCI_EXP_FLAGS)), ==,
                    EXP_TYPE_RC_END);

    g_assert_cmphex(dmam_readl(&d.dm, DMAM_ID), ==, 0x4d444d53);
    g_assert_cmphex(dmam_readl(&d.dm, DMAM_VERSION), ==, 1);
    qtest_quit(d.qts);
}

static void test_pasid_cap(void)
{
    Dut d;
    uint16_t pasid;
    uint32_t hdr;
    uint16_t cap;

    dut_start(&d, "", NULL);
    pasid = dmam_find_ext_cap(&d.dm, PASID_CAP_ID);
    g_assert_cmphex(pasid, >=, 0x100);
    hdr = qtest_readl(d.qts, d.dm.cfg + pasid);
    g_assert_cmphex(hdr & 0xffff, ==, PASID_CAP_ID);
    g_assert_cmphex((hdr >> 16) & 0xf, ==, 1);          /* version 1 */

    cap = cfg_readw(&d, pasid + PASID_CAP_REG);
    g_assert_cmpuint(PASID_CAP_WIDTH(cap), ==, 20);
    g_assert_true(cap & PASID_CAP_EXEC);
    g_assert_true(cap & PASID_CAP_PRIV);
    /* bits other than Execute, Privileged and Max PASID Width are RsvdP */
    g_assert_cmphex(cap & ~(0x1f00 | PASID_CAP_EXEC | PASID_CAP_PRIV), ==, 0);

    /* the capability register is read-only */
    cfg_writew(&d, pasid + PASID_CAP_REG, 0);
    g_assert_cmphex(cfg_readw(&d, pasid + PASID_CAP_REG), ==, cap);

    /* dmam_init() enabled it; only the three control bits are writable */
    g_assert_cmphex(cfg_readw(&d, pasid + PASID_CTRL_REG), ==,
                    PASID_CTRL_ENABLE | PASID_CTRL_EXEC | PASID_CTRL_PRIV);
    cfg_writew(&d, pasid + PASID_CTRL_REG, 0xffff);
    g_assert_cmphex(cfg_readw(&d, pasid + PASID_CTRL_REG), ==,
                    PASID_CTRL_ENABLE | PASID_CTRL_EXEC | PASID_CTRL_PRIV);
    cfg_writew(&d, pasid + PASID_CTRL_REG, 0);
    g_assert_cmphex(cfg_readw(&d, pasid + PASID_CTRL_REG), ==, 0);

    /* no other extended capability claims to be PASID */
    g_assert_cmphex(dmam_find_ext_cap(&d.dm, PASID_CAP_ID), ==, pasid);
    qtest_quit(d.qts);
}

/* ---- The register file --------------------------------------------------- */

static void test_regs_reset_values(void)
{
    static const uint32_t zero_regs[] = {
        DMAM_IOVA, DMAM_IOVA_HI, DMAM_LEN, DMAM_PASID, DMAM_ATTR,
        DMAM_DOORBELL, DMAM_STATUS, DMAM_RESULT, DMAM_COMPLETED,
        DMAM_FAULTED,
    };
    uint8_t buf[DMAM_BUF_SIZE], zero[DMAM_BUF_SIZE] = { 0 };
    Dut d;

    dut_start(&d, "", NULL);
    for (int i = 0; i < ARRAY_SIZE(zero_regs); i++) {
        g_assert_cmphex(dmam_readl(&d.dm, zero_regs[i]), ==, 0);
    }
    g_assert_cmpuint(dmam_readl(&d.dm, DMAM_STATUS), ==, DMAM_STATUS_IDLE);
    dmam_buf_read(&d.dm, buf, sizeof(buf));
    g_assert_cmpmem(buf, sizeof(buf), zero, sizeof(zero));
    qtest_quit(d.qts);
}

static void test_regs_access(void)
{
    DmaMaster *dm;
    Dut d;

    dut_start(&d, "", NULL);
    dm = &d.dm;

    /* IOVA: one 64-bit register, or two 32-bit halves */
    qtest_writeq(d.qts, dm->bar + DMAM_IOVA, 0x123456789abcdef0ull);
    g_assert_cmphex(qtest_readq(d.qts, dm->bar + DMAM_IOVA), ==,
                    0x123456789abcdef0ull);
    g_assert_cmphex(dmam_readl(dm, DMAM_IOVA), ==, 0x9abcdef0);
    g_assert_cmphex(dmam_readl(dm, DMAM_IOVA_HI), ==, 0x12345678);
    dmam_writel(dm, DMAM_IOVA_HI, 0xfedcba98);
    dmam_writel(dm, DMAM_IOVA, 0x76543210);
    g_assert_cmphex(qtest_readq(d.qts, dm->bar + DMAM_IOVA), ==,
                    0xfedcba9876543210ull);

    /* LEN is kept as written; an out-of-range value is refused later */
    dmam_writel(dm, DMAM_LEN, 0x12345);
    g_assert_cmphex(dmam_readl(dm, DMAM_LEN), ==, 0x12345);

    /* PASID: bits [19:0] and VALID; ATTR: bits [3:0]; the rest RES0 */
    dmam_writel(dm, DMAM_PASID, 0xffffffff);
    g_assert_cmphex(dmam_readl(dm, DMAM_PASID), ==, 0x800fffff);
    dmam_writel(dm, DMAM_ATTR, 0xffffffff);
    g_assert_cmphex(dmam_readl(dm, DMAM_ATTR), ==, 0xf);

    /* read-only registers ignore writes */
    dmam_writel(dm, DMAM_ID, 0);
    dmam_writel(dm, DMAM_VERSION, 0);
    dmam_writel(dm, DMAM_STATUS, 1);
    dmam_writel(dm, DMAM_RESULT, 1);
    dmam_writel(dm, DMAM_COMPLETED, 5);
    dmam_writel(dm, DMAM_FAULTED, 5);
    g_assert_cmphex(dmam_readl(dm, DMAM_ID), ==, DMAM_ID_VALUE);
    g_assert_cmphex(dmam_readl(dm, DMAM_VERSION), ==, 1);
    g_assert_cmphex(dmam_readl(dm, DMAM_STATUS), ==, DMAM_STATUS_IDLE);
    g_assert_cmphex(dmam_readl(dm, DMAM_RESULT), ==, 0);
    assert_counters(&d, 0, 0);

    /* DOORBELL values other than 1 start nothing */
    dmam_writel(dm, DMAM_DOORBELL, 2);
    dmam_writel(dm, DMAM_DOORBELL, 0xffffffff);
    g_assert_cmphex(dmam_readl(dm, DMAM_STATUS), ==, DMAM_STATUS_IDLE);
    assert_counters(&d, 0, 0);

    /* registers take 32-bit accesses (and 64-bit IOVA) only */
    g_assert_cmphex(qtest_readw(d.qts, dm->bar + DMAM_ID), ==, 0);
    g_assert_cmphex(qtest_readb(d.qts, dm->bar + DMAM_ID), ==, 0);
    g_assert_cmphex(qtest_readq(d.qts, dm->bar + DMAM_LEN), ==, 0);
    qtest_writew(d.qts, dm->bar + DMAM_LEN, 0x10);
    g_assert_cmphex(dmam_readl(dm, DMAM_LEN), ==, 0x12345);
    /* unassigned register offsets read as zero */
    g_assert_cmphex(dmam_readl(dm, 0x030), ==, 0);
    g_assert_cmphex(dmam_readl(dm, 0x7fc), ==, 0);

    /* the data buffer takes any naturally aligned size */
    qtest_writeb(d.qts, dm->bar + DMAM_DATA + 1, 0xaa);
    qtest_writew(d.qts, dm->bar + DMAM_DATA + 2, 0xbbcc);
    qtest_writel(d.qts, dm->bar + DMAM_DATA + 4, 0x11223344);
    qtest_writeq(d.qts, dm->bar + DMAM_DATA + DMAM_BUF_SIZE - 8,
                 0x0102030405060708ull);
    g_assert_cmphex(qtest_readq(d.qts, dm->bar + DMAM_DATA), ==,
                    0x11223344bbccaa00ull);
    g_assert_cmphex(qtest_readb(d.qts, dm->bar + DMAM_BAR_SIZE - 1), ==,
                    0x01);
    qtest_quit(d.qts);
}

/* ---- Transfers ----------------------------------------------------------- */

static void test_dma_roundtrip(void)
{
    uint8_t buf[DMAM_BUF_SIZE], want[DMAM_BUF_SIZE];
    uint64_t a, b, c;
    Dut d;

    dut_start(&d, "", NULL);
    a = d.ram;
    b = d.ram + 0x1000;
    c = d.ram + 0x2000;
    ram_fill(&d, a, 1, LEN);
    qtest_memset(d.qts, b, 0x5a, DMAM_BUF_SIZE);

    /* RAM -> device: the buffer holds what RAM held */
    g_assert_cmpint(dmam_read(&d.dm, a, buf, LEN, DMAM_NO_PASID, 0), ==,
                    DMAM_STATUS_DONE);
    g_assert_cmphex(dmam_result(&d.dm), ==, 0);
    pattern(want, LEN, 1);
    g_assert_cmpmem(buf, LEN, want, LEN);
    assert_buf(&d, 1, LEN);
    assert_counters(&d, 1, 0);

    /* device -> RAM, only LEN bytes */
    pattern(want, DMAM_BUF_SIZE, 77);
    g_assert_cmpint(dmam_write(&d.dm, b, want, LEN, DMAM_NO_PASID, 0), ==,
                    DMAM_STATUS_DONE);
    assert_ram(&d, b, 77, LEN);
    qtest_memread(d.qts, b + LEN, buf, 1);
    g_assert_cmphex(buf[0], ==, 0x5a);
    assert_counters(&d, 2, 0);

    /* the largest transfer, with every attribute combination */
    ram_fill(&d, c, 9, DMAM_BUF_SIZE);
    g_assert_cmpint(dmam_read(&d.dm, c, buf, DMAM_BUF_SIZE, 0x12345,
                              DMAM_PRIV | DMAM_INSTR), ==, DMAM_STATUS_DONE);
    pattern(want, DMAM_BUF_SIZE, 9);
    g_assert_cmpmem(buf, DMAM_BUF_SIZE, want, DMAM_BUF_SIZE);
    pattern(want, DMAM_BUF_SIZE, 200);
    g_assert_cmpint(dmam_write(&d.dm, b, want, DMAM_BUF_SIZE, 0xfffff,
                               DMAM_PRIV), ==, DMAM_STATUS_DONE);
    assert_ram(&d, b, 200, DMAM_BUF_SIZE);
    g_assert_cmpint(dmam_write(&d.dm, a, want, 1, 0, DMAM_INSTR), ==,
                    DMAM_STATUS_DONE);
    g_assert_cmpint(dmam_read(&d.dm, a + 3, buf, 1, DMAM_NO_PASID,
                              DMAM_PRIV), ==, DMAM_STATUS_DONE);
    pattern(want, LEN, 1);
    g_assert_cmphex(buf[0], ==, want[3]);
    assert_counters(&d, 6, 0);
    g_assert_cmphex(dmam_result(&d.dm), ==, 0);
    qtest_quit(d.qts);
}

/*
 * Assert that a transfer of @len at @pasid/@attrs is refused in both
 * directions and moves nothing: RAM keeps its marker and the buffer its
 * pattern; RESULT reads 0 and the counters stay.
 */
static void assert_refused(Dut *d, uint64_t iova, uint32_t len,
                           uint32_t pasid, unsigned attrs)
{
    uint32_t completed = dmam_readl(&d->dm, DMAM_COMPLETED);
    uint32_t faulted = dmam_readl(&d->dm, DMAM_FAULTED);
    uint8_t buf[DMAM_BUF_SIZE], src[DMAM_BUF_SIZE];

    pattern(src, DMAM_BUF_SIZE, 33);
    dmam_buf_write(&d->dm, src, DMAM_BUF_SIZE);
    memset(buf, 0xee, sizeof(buf));
    qtest_memset(d->qts, d->ram, 0x5a, DMAM_BUF_SIZE + 1);
    ram_fill(d, d->ram + 0x4000, 44, DMAM_BUF_SIZE);

    g_assert_cmpint(dmam_write(&d->dm, iova, src, len, pasid, attrs), ==,
                    DMAM_STATUS_REFUSED);
    g_assert_cmphex(dmam_result(&d->dm), ==, 0);
    if (iova == d->ram) {
        uint8_t ram[DMAM_BUF_SIZE + 1], marker[DMAM_BUF_SIZE + 1];

        memset(marker, 0x5a, sizeof(marker));
        qtest_memread(d->qts, d->ram, ram, sizeof(ram));
        g_assert_cmpmem(ram, sizeof(ram), marker, sizeof(marker));
    }

    g_assert_cmpint(dmam_read(&d->dm, iova == d->ram ? d->ram + 0x4000 : iova,
                              buf, len, pasid, attrs), ==,
                    DMAM_STATUS_REFUSED);
    g_assert_cmphex(dmam_result(&d->dm), ==, 0);
    assert_buf(d, 33, DMAM_BUF_SIZE);
    g_assert_cmphex(buf[0], ==, 0xee);

    assert_counters(d, completed, faulted);
}

static void assert_done(Dut *d, uint32_t len, uint32_t pasid, unsigned attrs)
{
    uint8_t buf[DMAM_BUF_SIZE];

    g_assert_cmpint(dmam_read(&d->dm, d->ram, buf, len, pasid, attrs), ==,
                    DMAM_STATUS_DONE);
}

static void test_dma_refused(void)
{
    uint8_t buf[LEN];
    Dut d;

    dut_start(&d, "", NULL);

    /* LEN outside 1..2048 */
    assert_refused(&d, d.ram, 0, DMAM_NO_PASID, 0);
    assert_refused(&d, d.ram, DMAM_BUF_SIZE + 1, DMAM_NO_PASID, 0);
    assert_refused(&d, d.ram, UINT32_MAX, DMAM_NO_PASID, 0);
    assert_done(&d, 1, DMAM_NO_PASID, 0);
    assert_done(&d, DMAM_BUF_SIZE, DMAM_NO_PASID, 0);

    /* a transfer that would wrap past 2^64 */
    assert_refused(&d, UINT64_MAX - 0xff, 0x100 + 1, DMAM_NO_PASID, 0);

    /* PASID while the PASID capability is disabled */
    set_pasid_ctrl(&d, PASID_CTRL_EXEC | PASID_CTRL_PRIV);
    assert_refused(&d, d.ram, LEN, 0x42, 0);
    assert_refused(&d, d.ram, LEN, 0, 0);
    assert_done(&d, LEN, DMAM_NO_PASID, DMAM_PRIV | DMAM_INSTR);

    /* privileged PASID requests need Privileged Mode Enable */
    set_pasid_ctrl(&d, PASID_CTRL_ENABLE | PASID_CTRL_EXEC);
    assert_refused(&d, d.ram, LEN, 0x42, DMAM_PRIV);
    assert_done(&d, LEN, 0x42, DMAM_INSTR);

    /* instruction fetches with a PASID need Execute Permission Enable */
    set_pasid_ctrl(&d, PASID_CTRL_ENABLE | PASID_CTRL_PRIV);
    g_assert_cmpint(dmam_read(&d.dm, d.ram, buf, LEN, 0x42, DMAM_INSTR), ==,
                    DMAM_STATUS_REFUSED);
    assert_done(&d, LEN, 0x42, DMAM_PRIV);
    /* ... but INSTR means nothing for a write */
    g_assert_cmpint(dmam_write(&d.dm, d.ram, "x", 1, 0x42, DMAM_INSTR), ==,
                    DMAM_STATUS_DONE);

    /* bus mastering disabled */
    set_pasid_ctrl(&d, PASID_CTRL_ENABLE | PASID_CTRL_EXEC | PASID_CTRL_PRIV);
    cfg_writew(&d, PCI_COMMAND, PCI_COMMAND_MEMORY);
    assert_refused(&d, d.ram, LEN, DMAM_NO_PASID, 0);
    assert_refused(&d, d.ram, LEN, 7, DMAM_PRIV);
    cfg_writew(&d, PCI_COMMAND, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
    assert_done(&d, LEN, 7, DMAM_PRIV);

    /* refusals counted nowhere: only the 7 transfers that ran */
    assert_counters(&d, 7, 0);
    qtest_quit(d.qts);
}

static void test_dma_fault(void)
{
    uint64_t hole;
    uint8_t buf[LEN];
    Dut d;

    dut_start(&d, "", NULL);
    /* nothing decodes just above RAM */
    hole = d.dt.ram_base + d.dt.ram_size;

    pattern(buf, LEN, 3);
    g_assert_cmpint(dmam_write(&d.dm, hole, buf, LEN, DMAM_NO_PASID, 0), ==,
                    DMAM_STATUS_FAULTED);
    g_assert_cmphex(dmam_result(&d.dm), !=, 0);
    g_assert_cmphex(dmam_result(&d.dm), ==, MEMTX_DECODE_ERROR);
    assert_counters(&d, 0, 1);

    g_assert_cmpint(dmam_read(&d.dm, hole + 0x1000, buf, LEN, 5, DMAM_PRIV),
                    ==, DMAM_STATUS_FAULTED);
    g_assert_cmphex(dmam_result(&d.dm), ==, MEMTX_DECODE_ERROR);
    assert_counters(&d, 0, 2);

    /* a good transfer afterwards clears RESULT */
    ram_fill(&d, d.ram, 4, LEN);
    g_assert_cmpint(dmam_read(&d.dm, d.ram, buf, LEN, DMAM_NO_PASID, 0), ==,
                    DMAM_STATUS_DONE);
    g_assert_cmphex(dmam_result(&d.dm), ==, 0);
    assert_buf(&d, 4, LEN);
    assert_counters(&d, 1, 2);
    qtest_quit(d.qts);
}

/* ---- Reset and migration ------------------------------------------------- */

/* Leave the device with every register and the buffer non-zero */
static void make_busy(Dut *d)
{
    uint8_t buf[DMAM_BUF_SIZE];

    ram_fill(d, d->ram, 21, LEN);
    g_assert_cmpint(dmam_read(&d->dm, d->ram, buf, LEN, DMAM_NO_PASID, 0),
                    ==, DMAM_STATUS_DONE);
    g_assert_cmpint(dmam_read(&d->dm, d->dt.ram_base + d->dt.ram_size, buf,
                              LEN, 0x9876, DMAM_PRIV | DMAM_INSTR),
                    ==, DMAM_STATUS_FAULTED);
    qtest_writeq(d->qts, d->dm.bar + DMAM_IOVA, 0x1122334455667788ull);
    /* the faulted read may have zeroed the buffer: make all of it non-zero */
    pattern(buf, DMAM_BUF_SIZE, 22);
    dmam_buf_write(&d->dm, buf, DMAM_BUF_SIZE);
}

static void test_reset(void)
{
    uint8_t buf[DMAM_BUF_SIZE], zero[DMAM_BUF_SIZE] = { 0 };
    Dut d;

    dut_start(&d, "", NULL);
    make_busy(&d);
    qtest_system_reset(d.qts);

    /* PASID is disabled again (the rest of config space is PCI's) */
    g_assert_cmphex(cfg_readw(&d, dmam_pasid_cap(&d.dm) + PASID_CTRL_REG),
                    ==, 0);
    dut_attach(&d, d.qts);
    g_assert_cmphex(qtest_readq(d.qts, d.dm.bar + DMAM_IOVA), ==, 0);
    g_assert_cmphex(dmam_readl(&d.dm, DMAM_LEN), ==, 0);
    g_assert_cmphex(dmam_readl(&d.dm, DMAM_PASID), ==, 0);
    g_assert_cmphex(dmam_readl(&d.dm, DMAM_ATTR), ==, 0);
    g_assert_cmphex(dmam_readl(&d.dm, DMAM_STATUS), ==, DMAM_STATUS_IDLE);
    g_assert_cmphex(dmam_result(&d.dm), ==, 0);
    assert_counters(&d, 0, 0);
    dmam_buf_read(&d.dm, buf, sizeof(buf));
    g_assert_cmpmem(buf, sizeof(buf), zero, sizeof(zero));
    qtest_quit(d.qts);
}

static void test_migration(void)
{
    g_autofree char *args = dut_args("", NULL);
    QTestState *dst;
    Dut d, e;

    dut_start(&d, "", NULL);
    make_busy(&d);
    dst = migrate_to_new(d.qts, args);

    /* config space came along: BAR0, bus mastering and PASID enable */
    e.qts = dst;
    e.dt = d.dt;
    e.ram = d.ram;
    e.dm = d.dm;
    e.dm.qts = dst;
    g_assert_cmphex(cfg_readw(&e, PCI_COMMAND) & PCI_COMMAND_MASTER, !=, 0);
    g_assert_cmphex(cfg_readw(&e, dmam_pasid_cap(&e.dm) + PASID_CTRL_REG),
                    ==, PASID_CTRL_ENABLE | PASID_CTRL_EXEC |
                    PASID_CTRL_PRIV);
    g_assert_cmphex(qtest_readq(dst, e.dm.bar + DMAM_IOVA), ==,
                    0x1122334455667788ull);
    g_assert_cmphex(dmam_readl(&e.dm, DMAM_LEN), ==, LEN);
    g_assert_cmphex(dmam_readl(&e.dm, DMAM_PASID), ==,
                    DMAM_PASID_VALID | 0x9876);
    g_assert_cmphex(dmam_readl(&e.dm, DMAM_ATTR), ==,
                    DMAM_ATTR_PRIV | DMAM_ATTR_INSTR);
    g_assert_cmphex(dmam_readl(&e.dm, DMAM_STATUS), ==, DMAM_STATUS_FAULTED);
    g_assert_cmphex(dmam_result(&e.dm), ==, MEMTX_DECODE_ERROR);
    assert_counters(&e, 1, 1);
    /* the buffer came along */
    {
        uint8_t a[DMAM_BUF_SIZE], b[DMAM_BUF_SIZE];

        dmam_buf_read(&d.dm, a, sizeof(a));
        dmam_buf_read(&e.dm, b, sizeof(b));
        g_assert_cmpmem(a, sizeof(a), b, sizeof(b));
    }
    /* and the device still works there */
    ram_fill(&e, e.ram + 0x1000, 50, LEN);
    assert_done(&e, LEN, DMAM_NO_PASID, 0);
    qtest_quit(d.qts);
    qtest_quit(dst);
}

/* ---- Placement and IOMMUs ------------------------------------------------ */

/* A roundtrip RAM -> device -> RAM */
static void assert_roundtrip(Dut *d, uint32_t pasid, unsigned attrs,
                             uint8_t seed)
{
    uint8_t buf[LEN];

    ram_fill(d, d->ram, seed, LEN);
    qtest_memset(d->qts, d->ram + 0x1000, 0, LEN);
    g_assert_cmpint(dmam_read(&d->dm, d->ram, buf, LEN, pasid, attrs), ==,
                    DMAM_STATUS_DONE);
    g_assert_cmpint(dmam_write(&d->dm, d->ram + 0x1000, buf, LEN, pasid,
                               attrs & DMAM_PRIV), ==, DMAM_STATUS_DONE);
    assert_ram(d, d->ram + 0x1000, seed, LEN);
}

static void test_root_port(void)
{
    QTestState *qts;
    uint64_t rp;
    uint16_t win;
    uint8_t exp;
    Dut d;

    qts = qtest_initf("-machine virt -cpu max -net none "
                      "-device pcie-root-port,id=rp0,bus=pcie.0,chassis=1,"
                      "addr=0x%x -device smmu-dma-master,bus=rp0",
                      RP_SLOT);
    d.qts = qts;
    smmu_dt_machine_info(qts, &d.dt);
    d.ram = d.dt.ram_base + d.dt.ram_size / 2;

    /* bus 1 behind the root port, a 1 MiB memory window for BAR0 */
    rp = d.dt.ecam_base + (RP_SLOT << 15);
    qtest_writeb(qts, rp + PCI_PRIMARY_BUS, 0);
    qtest_writeb(qts, rp + PCI_SECONDARY_BUS, 1);
    qtest_writeb(qts, rp + PCI_SUBORDINATE_BUS, 1);
    win = (d.dt.pci_mmio32_pci >> 16) & 0xfff0;
    qtest_writew(qts, rp + PCI_MEMORY_BASE, win);
    qtest_writew(qts, rp + PCI_MEMORY_LIMIT, win);
    qtest_writew(qts, rp + PCI_COMMAND,
                 PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);

    dmam_init_bus(&d.dm, qts, d.dt.ecam_base, 1, 0, d.dt.pci_mmio32_pci,
                  d.dt.pci_mmio32_base);
    /* a plain endpoint below a port */
    exp = find_cap(&d, PCI_CAP_ID_EXP);
    g_assert_cmpuint(exp, !=, 0);
    g_assert_cmphex(EXP_FLAGS_TYPE(cfg_readw(&d, exp + PCI_EXP_FLAGS)), ==,
                    EXP_TYPE_ENDPOINT);
    g_assert_cmphex(dmam_find_ext_cap(&d.dm, PASID_CAP_ID), !=, 0);

    assert_roundtrip(&d, DMAM_NO_PASID, 0, 61);
    assert_roundtrip(&d, 0x777, DMAM_PRIV | DMAM_INSTR, 62);
    assert_counters(&d, 4, 0);
    qtest_quit(qts);
}

static void test_qemu_smmuv3(void)
{
    g_autofree void *fdt = NULL;
    uint64_t smmu;
    uint8_t buf[LEN];
    Dut d;

    dut_start(&d, ",iommu=smmuv3", NULL);
    /* QEMU's own SMMU is in front of pcie.0 */
    fdt = smmu_dt_fetch(d.qts);
    smmu = smmu_dt_reg_address(fdt, smmu_dt_find_smmu(fdt), 0, NULL);

    /* disabled, GBPA.ABORT=0 by default: DMA bypasses, any attributes */
    assert_roundtrip(&d, DMAM_NO_PASID, 0, 71);
    assert_roundtrip(&d, 0x1234, DMAM_PRIV, 72);
    assert_roundtrip(&d, 0xfffff, DMAM_INSTR, 73);

    /* GBPA.ABORT=1: the same transfers now fault, so they went through it */
    qtest_writel(d.qts, smmu + SMMU_GBPA, SMMU_GBPA_UPDATE | SMMU_GBPA_ABORT);
    g_assert_cmpint(dmam_read(&d.dm, d.ram, buf, LEN, DMAM_NO_PASID, 0), ==,
                    DMAM_STATUS_FAULTED);
    g_assert_cmphex(dmam_result(&d.dm), !=, 0);
    g_assert_cmpint(dmam_write(&d.dm, d.ram, buf, LEN, 0x1234, 0), ==,
                    DMAM_STATUS_FAULTED);
    g_assert_cmphex(dmam_result(&d.dm), !=, 0);
    assert_counters(&d, 6, 2);
    qtest_quit(d.qts);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    qtest_add_func("/smmu-dma-master/pci/identity", test_identity);
    qtest_add_func("/smmu-dma-master/pci/pasid-cap", test_pasid_cap);
    qtest_add_func("/smmu-dma-master/regs/reset-values",
                   test_regs_reset_values);
    qtest_add_func("/smmu-dma-master/regs/access", test_regs_access);
    qtest_add_func("/smmu-dma-master/dma/roundtrip", test_dma_roundtrip);
    qtest_add_func("/smmu-dma-master/dma/refused", test_dma_refused);
    qtest_add_func("/smmu-dma-master/dma/fault", test_dma_fault);
    qtest_add_func("/smmu-dma-master/reset", test_reset);
    qtest_add_func("/smmu-dma-master/migration", test_migration);
    qtest_add_func("/smmu-dma-master/root-port", test_root_port);
    qtest_add_func("/smmu-dma-master/iommu/qemu-smmuv3", test_qemu_smmuv3);
    return g_test_run();
}
