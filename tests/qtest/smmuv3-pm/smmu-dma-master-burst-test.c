/*
 * smmu-dma-master qtest: burst mode
 *
 * One doorbell, many transfers: the burst registers, where every transfer
 * lands (with no IOMMU, then through arm-smmuv3-pm's stage 1 at scattered
 * physical pages, checked in guest memory), a fault in the middle of a
 * burst (what was done, where it failed, the SMMU's event, nothing after
 * it), every refused parameter with its guest-error message, and
 * migration; and ATTR.CACHED's single transfers across IOMMU pages.  Expected values come from docs/user.md, restated in
 * dma-master.h and below.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "hw/pci/pci_regs.h"
#include "smmu-env.h"
#include "qtest-util.h"

/* MemTxResult bits (include/exec/memattrs.h) */
#define MEMTX_DECODE_ERROR  (1u << 1)

#define PAGE                0x1000ull
#define MARK                0x5a        /* RAM no transfer may touch */

/* The machine of smmu-env without an SMMU: DMA goes straight to RAM */
#define NO_IOMMU_ARGS "-machine virt,gic-version=3 -cpu max -net none " \
                      "-m 512M -device smmu-dma-master,addr=0x3%s " \
                      "-device smmu-dma-master,addr=0x4 %s"

static void start_no_iommu(Env *e, const char *master0, const char *extra)
{
    g_autofree char *args = g_strdup_printf(NO_IOMMU_ARGS, master0, extra);

    env_start_args(e, args, false);
}

static void pattern(uint8_t *buf, size_t len, uint8_t seed)
{
    for (size_t i = 0; i < len; i++) {
        buf[i] = seed + i * 13;
    }
}

static void ram_fill(Env *e, uint64_t pa, uint8_t seed, size_t len)
{
    g_autofree uint8_t *buf = g_malloc(len);

    pattern(buf, len, seed);
    qtest_memwrite(e->qts, pa, buf, len);
}

/* The master's buffer holds pattern @seed, @len bytes */
static void buf_fill(Env *e, uint8_t seed, size_t len)
{
    g_autofree uint8_t *buf = g_malloc(len);

    pattern(buf, len, seed);
    dmam_buf_write(e->dm, buf, len);
}

static void assert_ram(Env *e, uint64_t pa, uint8_t seed, size_t len)
{
    g_autofree uint8_t *want = g_malloc(len);
    g_autofree uint8_t *got = g_malloc(len);

    pattern(want, len, seed);
    qtest_memread(e->qts, pa, got, len);
    g_assert_cmpmem(got, len, want, len);
}

static void assert_marked(Env *e, uint64_t pa, size_t len)
{
    g_autofree uint8_t *want = g_malloc(len);
    g_autofree uint8_t *got = g_malloc(len);

    memset(want, MARK, len);
    qtest_memread(e->qts, pa, got, len);
    g_assert_cmpmem(got, len, want, len);
}

static void assert_buf(Env *e, uint8_t seed, size_t len)
{
    g_autofree uint8_t *want = g_malloc(len);
    g_autofree uint8_t *got = g_malloc(len);

    pattern(want, len, seed);
    dmam_buf_read(e->dm, got, len);
    g_assert_cmpmem(got, len, want, len);
}

static void assert_counters(Env *e, uint32_t completed, uint32_t faulted)
{
    g_assert_cmpuint(dmam_readl(e->dm, DMAM_COMPLETED), ==, completed);
    g_assert_cmpuint(dmam_readl(e->dm, DMAM_FAULTED), ==, faulted);
}

/* A burst that completed all @b->count transfers */
static void assert_burst_done(Env *e, const DmamBurst *b)
{
    g_assert_cmpint(dmam_burst(e->dm, b), ==, DMAM_STATUS_DONE);
    g_assert_cmphex(dmam_result(e->dm), ==, 0);
    g_assert_cmpuint(dmam_burst_done(e->dm), ==, b->count);
    g_assert_cmphex(dmam_burst_fault_addr(e->dm), ==, 0);
}

/* ---- Registers ----------------------------------------------------------- */

static void test_regs(void)
{
    static const uint32_t zero_regs[] = {
        DMAM_BURST_COUNT, DMAM_BURST_STRIDE, DMAM_BURST_WINDOW,
        DMAM_BURST_WINDOW_HI, DMAM_BURST_DOORBELL, DMAM_BURST_DONE,
        DMAM_BURST_FAULT_ADDR, DMAM_BURST_FAULT_ADDR_HI,
    };
    DmaMaster *dm;
    Env e;

    start_no_iommu(&e, "", "");
    dm = e.dm;
    for (int i = 0; i < ARRAY_SIZE(zero_regs); i++) {
        g_assert_cmphex(dmam_readl(dm, zero_regs[i]), ==, 0);
    }

    /* COUNT and STRIDE are kept as written, checked at the doorbell */
    dmam_writel(dm, DMAM_BURST_COUNT, 0xffffffff);
    g_assert_cmphex(dmam_readl(dm, DMAM_BURST_COUNT), ==, 0xffffffff);
    dmam_writel(dm, DMAM_BURST_STRIDE, 0x12345678);
    g_assert_cmphex(dmam_readl(dm, DMAM_BURST_STRIDE), ==, 0x12345678);

    /* WINDOW: one 64-bit register, or two 32-bit halves */
    qtest_writeq(e.qts, dm->bar + DMAM_BURST_WINDOW, 0x123456789abcdef0ull);
    g_assert_cmphex(qtest_readq(e.qts, dm->bar + DMAM_BURST_WINDOW), ==,
                    0x123456789abcdef0ull);
    g_assert_cmphex(dmam_readl(dm, DMAM_BURST_WINDOW), ==, 0x9abcdef0);
    g_assert_cmphex(dmam_readl(dm, DMAM_BURST_WINDOW_HI), ==, 0x12345678);
    dmam_writel(dm, DMAM_BURST_WINDOW_HI, 0xfedcba98);
    dmam_writel(dm, DMAM_BURST_WINDOW, 0x76543210);
    g_assert_cmphex(qtest_readq(e.qts, dm->bar + DMAM_BURST_WINDOW), ==,
                    0xfedcba9876543210ull);

    /* DONE and FAULT_ADDR are read-only; FAULT_ADDR also reads 64-bit */
    dmam_writel(dm, DMAM_BURST_DONE, 5);
    dmam_writel(dm, DMAM_BURST_FAULT_ADDR, 5);
    dmam_writel(dm, DMAM_BURST_FAULT_ADDR_HI, 5);
    qtest_writeq(e.qts, dm->bar + DMAM_BURST_FAULT_ADDR, 5);
    g_assert_cmphex(dmam_burst_done(dm), ==, 0);
    g_assert_cmphex(dmam_burst_fault_addr(dm), ==, 0);

    /* other registers take no 64-bit access */
    g_assert_cmphex(qtest_readq(e.qts, dm->bar + DMAM_BURST_COUNT), ==, 0);
    qtest_writeq(e.qts, dm->bar + DMAM_BURST_COUNT, 1);
    g_assert_cmphex(dmam_readl(dm, DMAM_BURST_COUNT), ==, 0xffffffff);

    /* BURST_DOORBELL values other than 1 start nothing */
    dmam_writel(dm, DMAM_BURST_DOORBELL, 2);
    dmam_writel(dm, DMAM_BURST_DOORBELL, 0xffffffff);
    g_assert_cmphex(dmam_readl(dm, DMAM_STATUS), ==, DMAM_STATUS_IDLE);
    assert_counters(&e, 0, 0);

    /* reset clears them all */
    qtest_system_reset(e.qts);
    dmam_init(dm, e.qts, e.dt.ecam_base, DMAM_DEVFN, e.dt.pci_mmio32_pci,
              e.dt.pci_mmio32_base);
    for (int i = 0; i < ARRAY_SIZE(zero_regs); i++) {
        g_assert_cmphex(dmam_readl(dm, zero_regs[i]), ==, 0);
    }
    env_stop(&e);
}

/* ---- Bursts with no IOMMU ------------------------------------------------ */

/* One transfer per page, at the same offset in each */
static void test_pages(void)
{
    const unsigned n = 64;
    DmamBurst b;
    Env e;

    start_no_iommu(&e, "", "");
    qtest_memset(e.qts, e.data, MARK, (n + 1) * PAGE);
    buf_fill(&e, 1, 64);
    b = (DmamBurst) {
        .iova = e.data + 0x10, .len = 64, .count = n, .stride = PAGE,
        .pasid = DMAM_NO_PASID, .write = true,
    };
    assert_burst_done(&e, &b);
    assert_counters(&e, n, 0);
    for (unsigned i = 0; i < n; i++) {
        uint64_t page = e.data + i * PAGE;

        assert_marked(&e, page, 0x10);
        assert_ram(&e, page + 0x10, 1, 64);
        assert_marked(&e, page + 0x50, PAGE - 0x50);
    }
    assert_marked(&e, e.data + n * PAGE, PAGE);

    /* the same with a PASID and attributes: a PCIe bus ignores them */
    buf_fill(&e, 2, 64);
    b.pasid = 0x1234;
    b.attrs = DMAM_PRIV;
    assert_burst_done(&e, &b);
    assert_ram(&e, e.data + (n - 1) * PAGE + 0x10, 2, 64);
    assert_counters(&e, 2 * n, 0);
    env_stop(&e);
}

/* WINDOW wraps the addresses; reads leave the last transfer's data */
static void test_window(void)
{
    DmamBurst b;
    Env e;

    start_no_iommu(&e, "", "");
    qtest_memset(e.qts, e.data, MARK, 2 * PAGE);
    for (int k = 0; k < 4; k++) {
        ram_fill(&e, e.data + k * 0x100, 10 + k, 0x100);
    }
    /* slots 0 1 2 3 0 1 2 3 0 1: the last read is slot 1's */
    b = (DmamBurst) {
        .iova = e.data, .len = 0x100, .count = 10, .stride = 0x100,
        .window = 0x400, .pasid = DMAM_NO_PASID,
    };
    assert_burst_done(&e, &b);
    assert_buf(&e, 11, 0x100);
    assert_counters(&e, 10, 0);

    /* writes wrap the same way: nothing lands past the window */
    qtest_memset(e.qts, e.data, MARK, 2 * PAGE);
    buf_fill(&e, 20, 0x100);
    b.count = 6;
    b.write = true;
    assert_burst_done(&e, &b);
    for (int k = 0; k < 4; k++) {
        assert_ram(&e, e.data + k * 0x100, 20, 0x100);
    }
    assert_marked(&e, e.data + 0x400, 2 * PAGE - 0x400);

    /* a stride that does not divide the window: starts 0, 0x300, 0x200 */
    qtest_memset(e.qts, e.data, MARK, 2 * PAGE);
    b = (DmamBurst) {
        .iova = e.data, .len = 8, .count = 3, .stride = 0x300,
        .window = 0x400, .pasid = DMAM_NO_PASID, .write = true,
    };
    assert_burst_done(&e, &b);
    assert_ram(&e, e.data, 20, 8);
    assert_ram(&e, e.data + 0x200, 20, 8);
    assert_ram(&e, e.data + 0x300, 20, 8);
    assert_marked(&e, e.data + 0x100, 8);

    /* zero stride without a window: one address, COUNT times */
    b = (DmamBurst) {
        .iova = e.data + PAGE, .len = 8, .count = 1000,
        .pasid = DMAM_NO_PASID, .write = true,
    };
    assert_burst_done(&e, &b);
    assert_ram(&e, e.data + PAGE, 20, 8);
    assert_marked(&e, e.data + PAGE + 8, 8);
    assert_counters(&e, 10 + 6 + 3 + 1000, 0);

    /* the largest burst, over the 4 MiB area */
    b = (DmamBurst) {
        .iova = e.data, .len = 4, .count = DMAM_BURST_MAX, .stride = 0x40,
        .window = 4 * 1024 * 1024, .pasid = DMAM_NO_PASID, .write = true,
    };
    assert_burst_done(&e, &b);
    assert_ram(&e, e.data + (DMAM_BURST_MAX - 1) * 0x40, 20, 4);
    assert_counters(&e, 10 + 6 + 3 + 1000 + DMAM_BURST_MAX, 0);
    env_stop(&e);
}

/* Transfers of 2 KiB that cross a page boundary */
static void test_cross_page(void)
{
    DmamBurst b;
    Env e;

    start_no_iommu(&e, "", "");
    qtest_memset(e.qts, e.data, MARK, 8 * PAGE);
    buf_fill(&e, 30, DMAM_BUF_SIZE);
    b = (DmamBurst) {
        .iova = e.data + 0xc00, .len = DMAM_BUF_SIZE, .count = 3,
        .stride = 2 * PAGE, .pasid = DMAM_NO_PASID, .write = true,
    };
    assert_burst_done(&e, &b);
    for (int i = 0; i < 3; i++) {
        uint64_t at = e.data + 0xc00 + i * 2 * PAGE;

        assert_marked(&e, at - 0x100, 0x100);
        assert_ram(&e, at, 30, DMAM_BUF_SIZE);
        assert_marked(&e, at + DMAM_BUF_SIZE, 0x100);
    }
    env_stop(&e);
}

/*
 * Nothing decodes above RAM: the burst stops at its first transfer there,
 * and BURST_FAULT_ADDR is the first byte that failed, also inside a
 * transfer
 */
static void test_bus_fault(void)
{
    uint64_t end;
    DmamBurst b;
    Env e;

    start_no_iommu(&e, "", "");
    end = e.dt.ram_base + e.dt.ram_size;
    qtest_memset(e.qts, end - 2 * PAGE, MARK, 2 * PAGE);
    buf_fill(&e, 40, DMAM_BUF_SIZE);
    b = (DmamBurst) {
        .iova = end - 2 * PAGE + 0x80, .len = 64, .count = 5, .stride = PAGE,
        .pasid = DMAM_NO_PASID, .write = true,
    };
    g_assert_cmpint(dmam_burst(e.dm, &b), ==, DMAM_STATUS_FAULTED);
    g_assert_cmphex(dmam_result(e.dm), ==, MEMTX_DECODE_ERROR);
    g_assert_cmpuint(dmam_burst_done(e.dm), ==, 2);
    g_assert_cmphex(dmam_burst_fault_addr(e.dm), ==, end + 0x80);
    assert_ram(&e, end - 2 * PAGE + 0x80, 40, 64);
    assert_ram(&e, end - PAGE + 0x80, 40, 64);
    /* as after 2 completed and 1 faulted single transfers */
    assert_counters(&e, 2, 1);

    /* a transfer across the end: its first half lands, then it fails */
    qtest_memset(e.qts, end - PAGE, MARK, PAGE);
    b = (DmamBurst) {
        .iova = end - 0x400, .len = DMAM_BUF_SIZE, .count = 1,
        .pasid = DMAM_NO_PASID, .write = true,
    };
    g_assert_cmpint(dmam_burst(e.dm, &b), ==, DMAM_STATUS_FAULTED);
    g_assert_cmpuint(dmam_burst_done(e.dm), ==, 0);
    g_assert_cmphex(dmam_burst_fault_addr(e.dm), ==, end);
    assert_ram(&e, end - 0x400, 40, 0x400);
    assert_counters(&e, 2, 2);

    /* a read burst too; a good burst afterwards clears the fault */
    b.write = false;
    b.iova = end - PAGE;
    b.len = 64;
    b.count = 3;
    b.stride = 0x800;
    g_assert_cmpint(dmam_burst(e.dm, &b), ==, DMAM_STATUS_FAULTED);
    g_assert_cmpuint(dmam_burst_done(e.dm), ==, 2);
    g_assert_cmphex(dmam_burst_fault_addr(e.dm), ==, end);
    b.count = 2;
    assert_burst_done(&e, &b);
    assert_counters(&e, 2 + 2 + 2, 3);
    env_stop(&e);
}

/* ---- Refusals ------------------------------------------------------------ */

typedef struct Refusals {
    Env e;
    char *log;                  /* QEMU's -d guest_errors -D file */
    DmamBurst good;             /* a burst that completes */
} Refusals;

static void refusals_start(Refusals *r)
{
    g_autofree char *extra = NULL;
    int fd;

    fd = g_file_open_tmp("smmu-dma-master-burst-XXXXXX.log", &r->log, NULL);
    g_assert_cmpint(fd, >=, 0);
    close(fd);
    extra = g_strdup_printf("-d guest_errors -D %s", r->log);
    /* master 0 can stall, master 1 (the one used) cannot */
    start_no_iommu(&r->e, ",dma-can-stall=on", extra);
    env_use_master(&r->e, 1);
    r->good = (DmamBurst) {
        .iova = r->e.data, .len = 64, .count = 4, .stride = PAGE,
        .pasid = DMAM_NO_PASID, .write = true,
    };
}

static void refusals_stop(Refusals *r)
{
    env_stop(&r->e);
    unlink(r->log);
    g_free(r->log);
}

/*
 * @b is refused: STATUS 3, RESULT 0, BURST_DONE 0, no counter moves,
 * nothing is written, and the guest-error log names @why
 */
static void assert_refused(Refusals *r, const DmamBurst *b, const char *why)
{
    Env *e = &r->e;
    uint32_t completed = dmam_readl(e->dm, DMAM_COMPLETED);
    uint32_t faulted = dmam_readl(e->dm, DMAM_FAULTED);
    g_autofree char *log = NULL;
    g_autofree char *line = g_strdup_printf("smmu-dma-master: burst "
                                            "refused: %s (", why);

    qtest_memset(e->qts, e->data, MARK, 4 * PAGE);
    buf_fill(e, 50, 64);
    g_assert_cmpint(dmam_burst(e->dm, b), ==, DMAM_STATUS_REFUSED);
    g_assert_cmphex(dmam_result(e->dm), ==, 0);
    g_assert_cmpuint(dmam_burst_done(e->dm), ==, 0);
    g_assert_cmphex(dmam_burst_fault_addr(e->dm), ==, 0);
    assert_counters(e, completed, faulted);
    assert_marked(e, e->data, 4 * PAGE);
    g_assert_true(g_file_get_contents(r->log, &log, NULL, NULL));
    if (!strstr(log, line)) {
        g_test_message("no \"%s\" in the log:\n%s", line, log);
        g_assert_not_reached();
    }
}

static void test_refused(void)
{
    const char *count = "BURST_COUNT is outside 1..65536";
    const char *stride = "with a BURST_WINDOW, BURST_STRIDE must be "
                         "1..WINDOW-1";
    const char *wrap = "the burst wraps past the top of the 64-bit address "
                       "space";
    Refusals r;
    DmamBurst b;

    refusals_start(&r);

    /* COUNT outside 1..65536 */
    b = r.good;
    b.count = 0;
    assert_refused(&r, &b, count);
    b.count = DMAM_BURST_MAX + 1;
    assert_refused(&r, &b, count);
    b.count = UINT32_MAX;
    assert_refused(&r, &b, count);

    /* a window needs a stride below it */
    b = r.good;
    b.window = 4 * PAGE;
    b.stride = 0;
    assert_refused(&r, &b, stride);
    b.stride = 4 * PAGE;
    assert_refused(&r, &b, stride);
    b.stride = 5 * PAGE;
    assert_refused(&r, &b, stride);
    b.stride = 4 * PAGE - 1;
    b.len = 1;
    assert_burst_done(&r.e, &b);

    /*
     * The furthest start, IOVA + min((COUNT - 1) * STRIDE, WINDOW - 1),
     * plus LEN must stay below 2^64.  A burst at the very top that does
     * not wrap is issued, and faults there: nothing decodes
     */
    b = r.good;
    b.iova = UINT64_MAX - 16 * PAGE + 1;
    b.count = 17;
    assert_refused(&r, &b, wrap);
    b.count = 16;
    g_assert_cmpint(dmam_burst(r.e.dm, &b), ==, DMAM_STATUS_FAULTED);
    g_assert_cmphex(dmam_burst_fault_addr(r.e.dm), ==, b.iova);
    b.window = PAGE;
    b.stride = 0x100;
    b.count = 1000;
    b.iova = UINT64_MAX - PAGE + 1;
    assert_refused(&r, &b, wrap);
    b.len = 1;
    g_assert_cmpint(dmam_burst(r.e.dm, &b), ==, DMAM_STATUS_FAULTED);

    /* the refusals of a single transfer refuse a burst too */
    b = r.good;
    b.len = 0;
    assert_refused(&r, &b, "LEN is outside 1..2048");
    b.len = DMAM_BUF_SIZE + 1;
    assert_refused(&r, &b, "LEN is outside 1..2048");
    b = r.good;
    b.pasid = 0x42;
    qtest_writew(r.e.qts, r.e.dm->cfg + dmam_pasid_cap(r.e.dm) + 6, 0);
    assert_refused(&r, &b, "PASID_VALID is set but the PASID capability is "
                   "not enabled");
    b = r.good;
    qtest_writew(r.e.qts, r.e.dm->cfg + PCI_COMMAND, PCI_COMMAND_MEMORY);
    assert_refused(&r, &b, "bus mastering is disabled (PCI_COMMAND.MASTER=0)");
    qtest_writew(r.e.qts, r.e.dm->cfg + PCI_COMMAND,
                 PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
    assert_burst_done(&r.e, &r.good);

    /* a master that can stall takes no bursts */
    env_use_master(&r.e, 0);
    assert_refused(&r, &r.good, "bursts need a master that cannot stall "
                   "(dma-can-stall=off)");
    refusals_stop(&r);
}

/* ---- Through arm-smmuv3-pm ----------------------------------------------- */

#define S1_IOVA             0x123400000000ull  /* no RAM there: no bypass */
#define S1_PAGES            32

/*
 * Stage 1 (4K) for the first master: IOVA page i at the data area's page
 * S1_PAGES - 1 - i (reversed, so a wrong walk lands somewhere else), every
 * page but @hole (-1: none)
 */
static void s1_start(Env *e, int hole)
{
    EnvS1 s;

    env_start(e, "");
    env_s1_setup(e, &s, 12, 0, 0);
    for (int i = 0; i < S1_PAGES; i++) {
        if (i != hole) {
            g_assert_true(sb_pgt_map(s.pt, S1_IOVA + i * PAGE,
                                     e->data + (S1_PAGES - 1 - i) * PAGE,
                                     PAGE, &env_pte_rw));
        }
    }
    sb_cd_write(&e->sb, &s.cdtab, 0, &s.cd);
    env_enable(e, sb_strtab_linear(&e->sb, 8), EVTQ_LOG2);
    sb_ste_write(&e->sb, &e->st, SID, &s.ste);
    qtest_memset(e->qts, e->data, MARK, S1_PAGES * PAGE);
}

static uint64_t s1_pa(Env *e, int i)
{
    return e->data + (S1_PAGES - 1 - i) * PAGE;
}

static void test_smmu_translated(void)
{
    DmamBurst b;
    Env e;

    s1_start(&e, -1);
    buf_fill(&e, 60, 64);
    b = (DmamBurst) {
        .iova = S1_IOVA + 0x20, .len = 64, .count = S1_PAGES, .stride = PAGE,
        .pasid = DMAM_NO_PASID, .write = true,
    };
    assert_burst_done(&e, &b);
    for (int i = 0; i < S1_PAGES; i++) {
        assert_marked(&e, s1_pa(&e, i), 0x20);
        assert_ram(&e, s1_pa(&e, i) + 0x20, 60, 64);
        assert_marked(&e, s1_pa(&e, i) + 0x60, PAGE - 0x60);
    }

    /* reads through a window: 2 * 32 + 3 transfers end on IOVA page 2 */
    for (int i = 0; i < S1_PAGES; i++) {
        ram_fill(&e, s1_pa(&e, i) + 0x20, 100 + i, 64);
    }
    b.write = false;
    b.count = 2 * S1_PAGES + 3;
    b.window = S1_PAGES * PAGE;
    assert_burst_done(&e, &b);
    assert_buf(&e, 100 + 2, 64);
    assert_counters(&e, 3 * S1_PAGES + 3, 0);
    env_expect_no_event(&e);
    env_stop(&e);
}

/*
 * ATTR.CACHED: a MemoryRegionCache over the transfer, as virtio reaches
 * its rings.  An access that crosses an IOMMU page goes on at the next
 * IOVA page's own translation, not into the page physically after the
 * first one (a used-ring element written across a page boundary did, and
 * corrupted guests: qemu-wiring's physmem patch)
 */
static void test_smmu_cached(void)
{
    uint8_t data[2048], got[16];
    Env e;

    s1_start(&e, -1);

    /* 8 bytes at the end of IOVA page 5: 4 there, 4 at page 6's start */
    pattern(data, 8, 70);
    g_assert_cmpint(dmam_write(e.dm, S1_IOVA + 5 * PAGE + 0xffc, data, 8,
                               DMAM_NO_PASID, DMAM_CACHED), ==,
                    DMAM_STATUS_DONE);
    qtest_memread(e.qts, s1_pa(&e, 5) + 0xffc, got, 4);
    g_assert_cmpmem(got, 4, data, 4);
    qtest_memread(e.qts, s1_pa(&e, 6), got, 4);
    g_assert_cmpmem(got, 4, data + 4, 4);
    /* the page physically after page 5's is IOVA page 4's: untouched */
    assert_marked(&e, s1_pa(&e, 4), PAGE);
    assert_marked(&e, s1_pa(&e, 6) + 4, PAGE - 4);

    /* 2 KiB across pages 7 and 8 */
    pattern(data, sizeof(data), 80);
    g_assert_cmpint(dmam_write(e.dm, S1_IOVA + 7 * PAGE + 0xc00, data,
                               sizeof(data), DMAM_NO_PASID, DMAM_CACHED), ==,
                    DMAM_STATUS_DONE);
    qtest_memread(e.qts, s1_pa(&e, 7) + 0xc00, got, 16);
    g_assert_cmpmem(got, 16, data, 16);
    assert_ram(&e, s1_pa(&e, 8), 80 + 0x400 * 13 % 256, 0x400);
    assert_marked(&e, s1_pa(&e, 6) + 4, PAGE - 4);

    /* a read across pages 9 and 10 */
    ram_fill(&e, s1_pa(&e, 9) + 0xff8, 90, 8);
    ram_fill(&e, s1_pa(&e, 10), 90 + 8 * 13, 8);
    g_assert_cmpint(dmam_read(e.dm, S1_IOVA + 9 * PAGE + 0xff8, got, 16,
                              DMAM_NO_PASID, DMAM_CACHED), ==,
                    DMAM_STATUS_DONE);
    pattern(data, 16, 90);
    g_assert_cmpmem(got, 16, data, 16);

    /* the cached accessors have no attributes to give */
    g_assert_cmpint(dmam_write(e.dm, S1_IOVA, data, 8, DMAM_NO_PASID,
                               DMAM_CACHED | DMAM_PRIV), ==,
                    DMAM_STATUS_REFUSED);
    assert_counters(&e, 3, 0);
    env_expect_no_event(&e);
    env_stop(&e);
}

/* An unmapped page stops the burst there, with the SMMU's event */
static void test_smmu_fault(void)
{
    const int hole = 5;
    DmamBurst b;
    Env e;

    s1_start(&e, hole);
    buf_fill(&e, 70, DMAM_BUF_SIZE);
    b = (DmamBurst) {
        .iova = S1_IOVA + 0x40, .len = 64, .count = S1_PAGES, .stride = PAGE,
        .pasid = DMAM_NO_PASID, .write = true,
    };
    g_assert_cmpint(dmam_burst(e.dm, &b), ==, DMAM_STATUS_FAULTED);
    g_assert_cmphex(dmam_result(e.dm), ==, MEMTX_DECODE_ERROR);
    g_assert_cmpuint(dmam_burst_done(e.dm), ==, hole);
    g_assert_cmphex(dmam_burst_fault_addr(e.dm), ==,
                    S1_IOVA + hole * PAGE + 0x40);
    assert_counters(&e, hole, 1);
    for (int i = 0; i < S1_PAGES; i++) {
        if (i < hole) {
            assert_ram(&e, s1_pa(&e, i) + 0x40, 70, 64);
        } else {
            assert_marked(&e, s1_pa(&e, i), PAGE);
        }
    }
    env_expect_event(&e, &(SbEvent) {
        .type = SB_EVT_F_TRANSLATION, .sid = SID, .rnw = false,
        .class_ = SB_EVT_CLASS_IN, .input_addr = S1_IOVA + hole * PAGE + 0x40,
    });
    env_expect_no_event(&e);

    /* a read that runs into the hole from the page before it */
    b = (DmamBurst) {
        .iova = S1_IOVA + hole * PAGE - 0x400, .len = DMAM_BUF_SIZE,
        .count = 2, .stride = 0x10, .pasid = DMAM_NO_PASID,
    };
    g_assert_cmpint(dmam_burst(e.dm, &b), ==, DMAM_STATUS_FAULTED);
    g_assert_cmpuint(dmam_burst_done(e.dm), ==, 0);
    g_assert_cmphex(dmam_burst_fault_addr(e.dm), ==, S1_IOVA + hole * PAGE);
    env_expect_event(&e, &(SbEvent) {
        .type = SB_EVT_F_TRANSLATION, .sid = SID, .rnw = true,
        .class_ = SB_EVT_CLASS_IN, .input_addr = S1_IOVA + hole * PAGE,
    });
    env_expect_no_event(&e);

    /* the read left RAM's bytes, then the bus's, in the buffer */
    buf_fill(&e, 71, 64);
    /* the pages after the hole still translate */
    b = (DmamBurst) {
        .iova = S1_IOVA + (hole + 1) * PAGE, .len = 64,
        .count = S1_PAGES - hole - 1, .stride = PAGE,
        .pasid = DMAM_NO_PASID, .write = true,
    };
    assert_burst_done(&e, &b);
    assert_ram(&e, s1_pa(&e, hole + 1), 71, 64);
    assert_ram(&e, s1_pa(&e, S1_PAGES - 1), 71, 64);
    assert_counters(&e, S1_PAGES - 1, 2);
    env_stop(&e);
}

/* ---- Migration ----------------------------------------------------------- */

static void test_migration(void)
{
    uint64_t end;
    DmamBurst b;
    Env e;

    start_no_iommu(&e, "", "");
    end = e.dt.ram_base + e.dt.ram_size;
    b = (DmamBurst) {
        .iova = end - PAGE, .len = 64, .count = 3, .stride = 0x800,
        .pasid = DMAM_NO_PASID, .write = true,
    };
    g_assert_cmpint(dmam_burst(e.dm, &b), ==, DMAM_STATUS_FAULTED);
    dmam_writel(e.dm, DMAM_BURST_COUNT, 77);
    dmam_writel(e.dm, DMAM_BURST_STRIDE, 0x40);
    qtest_writeq(e.qts, e.dm->bar + DMAM_BURST_WINDOW, 0x100000000ull);

    env_migrate(&e);
    g_assert_cmpuint(dmam_readl(e.dm, DMAM_BURST_COUNT), ==, 77);
    g_assert_cmphex(dmam_readl(e.dm, DMAM_BURST_STRIDE), ==, 0x40);
    g_assert_cmphex(qtest_readq(e.qts, e.dm->bar + DMAM_BURST_WINDOW), ==,
                    0x100000000ull);
    g_assert_cmpuint(dmam_burst_done(e.dm), ==, 2);
    g_assert_cmphex(dmam_burst_fault_addr(e.dm), ==, end);
    g_assert_cmpint(dmam_readl(e.dm, DMAM_STATUS), ==, DMAM_STATUS_FAULTED);
    assert_counters(&e, 2, 1);

    /* and bursts still run there */
    qtest_memset(e.qts, e.data, MARK, PAGE);
    buf_fill(&e, 80, 64);
    b.iova = e.data;
    b.count = 77;
    b.stride = 0x40;
    b.window = PAGE;
    assert_burst_done(&e, &b);
    assert_ram(&e, e.data + 0x40 * 12, 80, 64);
    env_stop(&e);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    qtest_add_func("/smmu-dma-master/burst/regs", test_regs);
    qtest_add_func("/smmu-dma-master/burst/pages", test_pages);
    qtest_add_func("/smmu-dma-master/burst/window", test_window);
    qtest_add_func("/smmu-dma-master/burst/cross-page", test_cross_page);
    qtest_add_func("/smmu-dma-master/burst/bus-fault", test_bus_fault);
    qtest_add_func("/smmu-dma-master/burst/refused", test_refused);
    qtest_add_func("/smmu-dma-master/burst/smmu/translated",
                   test_smmu_translated);
    qtest_add_func("/smmu-dma-master/burst/smmu/fault", test_smmu_fault);
    qtest_add_func("/smmu-dma-master/cached/smmu/cross-page",
                   test_smmu_cached);
    qtest_add_func("/smmu-dma-master/burst/migration", test_migration);
    return g_test_run();
}
