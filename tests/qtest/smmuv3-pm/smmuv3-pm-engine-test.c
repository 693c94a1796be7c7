/*
 * arm-smmuv3-pm qtest: the translation engine, driven like a driver would
 *
 * Builds stream tables, CDs and page tables in guest RAM (tests/common's
 * builder), programs the SMMU through its registers, and makes the
 * smmu-dma-master PCI device issue DMA: translations for every granule and
 * stage, 2-level tables, SubstreamIDs, the exact event record of each
 * fault, the effect of invalidation commands, and the queues' error,
 * overflow and completion behaviour.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "tests/qtest/libqtest.h"
#include "smmuv3-pm-dt.h"
#include "dma-master.h"
#include "smmu-builder.h"

/* Register offsets (page 0 unless noted) */
#define R_IDR0              0x0
#define R_CR0               0x20
#define R_CR0ACK            0x24
#define R_CR2               0x2c
#define R_IRQ_CTRL          0x50
#define R_IRQ_CTRLACK       0x54
#define R_GERROR            0x60
#define R_GERRORN           0x64
#define R_STRTAB_BASE       0x80
#define R_STRTAB_BASE_CFG   0x88
#define R_CMDQ_BASE         0x90
#define R_CMDQ_PROD         0x98
#define R_CMDQ_CONS         0x9c
#define R_EVENTQ_BASE       0xa0
#define R_EVENTQ_PROD       0x100a8
#define R_EVENTQ_CONS       0x100ac

#define CR0_SMMUEN          (1u << 0)
#define CR0_EVENTQEN        (1u << 2)
#define CR0_CMDQEN          (1u << 3)
#define CR2_RECINVSID       (1u << 1)
#define GERROR_CMDQ_ERR     (1u << 0)
#define Q_OVFLG             (1u << 31)

#define DMAM_DEVFN          0x18        /* 03.0: StreamID 0x18 */
#define SID                 DMAM_DEVFN
#define POOL_OFFSET         (64 * 1024 * 1024)  /* builder pool in RAM */
#define POOL_SIZE           (64 * 1024 * 1024)
#define CMDQ_LOG2           6
#define EVTQ_LOG2           5

typedef struct Env {
    QTestState *qts;
    SmmuDtInfo dt;
    uint64_t base;
    SmmuBuilder sb;
    DmaMaster dm;
    SbStrtab st;
    uint64_t cmdq;
    uint64_t evtq;
    unsigned evtq_log2;
    uint32_t cmdq_prod;
    uint32_t evtq_cons;
    uint64_t data;              /* RAM the DMA targets */
} Env;

/* ---- Guest memory and registers ---------------------------------------- */

static void mem_write(void *opaque, uint64_t addr, const void *buf,
                      size_t len)
{
    qtest_memwrite(opaque, addr, buf, len);
}

static void mem_read(void *opaque, uint64_t addr, void *buf, size_t len)
{
    qtest_memread(opaque, addr, buf, len);
}

static uint32_t rd(Env *e, uint32_t off)
{
    return qtest_readl(e->qts, e->base + off);
}

static void wr(Env *e, uint32_t off, uint32_t v)
{
    qtest_writel(e->qts, e->base + off, v);
}

static void wrq(Env *e, uint32_t off, uint64_t v)
{
    qtest_writeq(e->qts, e->base + off, v);
}

static void set_cr0(Env *e, uint32_t v)
{
    wr(e, R_CR0, v);
    g_assert_cmphex(rd(e, R_CR0ACK), ==, v);
}

/* ---- Queues -------------------------------------------------------------- */

static void cmd_push(Env *e, const uint64_t cmd[2])
{
    sb_queue_push(&e->sb, e->cmdq, CMDQ_LOG2, &e->cmdq_prod, cmd);
    wr(e, R_CMDQ_PROD, e->cmdq_prod);
}

/* Issue @cmd followed by CMD_SYNC; the queue must drain without error */
static void cmd(Env *e, const uint64_t c[2])
{
    uint64_t sync[2];

    cmd_push(e, c);
    sb_cmd_sync(sync, SB_SYNC_CS_NONE, 0, 0, 0, 0);
    cmd_push(e, sync);
    g_assert_cmphex(rd(e, R_CMDQ_CONS), ==, e->cmdq_prod);
    g_assert_cmphex(rd(e, R_GERROR) ^ rd(e, R_GERRORN), ==, 0);
}

static void invalidate_all(Env *e)
{
    uint64_t c[2];

    sb_cmd_cfgi_all(c);
    cmd(e, c);
    sb_cmd_tlbi_nsnh_all(c);
    cmd(e, c);
}

static bool event_pending(Env *e)
{
    uint32_t mask = (2u << e->evtq_log2) - 1;

    return (rd(e, R_EVENTQ_PROD) & mask) != (e->evtq_cons & mask);
}

static void event_pop(Env *e, uint64_t rec[4])
{
    g_assert_true(event_pending(e));
    sb_evtq_pop(&e->sb, e->evtq, e->evtq_log2, &e->evtq_cons, rec);
    wr(e, R_EVENTQ_CONS, e->evtq_cons |
       (rd(e, R_EVENTQ_PROD) & Q_OVFLG));
}

/* The next event must be exactly @want, all 32 bytes */
static void expect_event(Env *e, const SbEvent *want)
{
    uint64_t rec[4], exp[4];
    SbEvent got;

    if (!event_pending(e)) {
        g_test_message("no event; wanted %s", sb_event_name(want->type));
    }
    event_pop(e, rec);
    sb_event_decode(rec, &got);
    sb_event_encode(want, exp);
    if (memcmp(rec, exp, sizeof(rec))) {
        g_test_message("got %s %016" PRIx64 " %016" PRIx64 " %016" PRIx64
                       " %016" PRIx64, sb_event_name(got.type), rec[0],
                       rec[1], rec[2], rec[3]);
        g_test_message("want %s %016" PRIx64 " %016" PRIx64 " %016" PRIx64
                       " %016" PRIx64, sb_event_name(want->type), exp[0],
                       exp[1], exp[2], exp[3]);
    }
    g_assert_cmphex(rec[0], ==, exp[0]);
    g_assert_cmphex(rec[1], ==, exp[1]);
    g_assert_cmphex(rec[2], ==, exp[2]);
    g_assert_cmphex(rec[3], ==, exp[3]);
}

static void expect_no_event(Env *e)
{
    if (event_pending(e)) {
        uint64_t rec[4];
        SbEvent ev;

        event_pop(e, rec);
        sb_event_decode(rec, &ev);
        g_test_message("unexpected %s: %016" PRIx64 " %016" PRIx64
                       " %016" PRIx64 " %016" PRIx64, sb_event_name(ev.type),
                       rec[0], rec[1], rec[2], rec[3]);
        g_assert_not_reached();
    }
}

/* ---- Setup --------------------------------------------------------------- */

static void env_start(Env *e, const char *props)
{
    SmmuBuilderMem mem;

    memset(e, 0, sizeof(*e));
    e->qts = qtest_initf("-machine virt,gic-version=3 -cpu max -net none "
                         "-m 512M -device arm-smmuv3-pm,id=smmu0,"
                         "primary-bus=pcie.0%s%s "
                         "-device smmu-dma-master,addr=0x3",
                         *props ? "," : "", props);
    smmu_dt_info(e->qts, &e->dt);
    e->base = e->dt.base;
    mem = (SmmuBuilderMem) { mem_write, mem_read, e->qts };
    sb_init(&e->sb, &mem, e->dt.ram_base + POOL_OFFSET, POOL_SIZE);
    e->data = sb_alloc(&e->sb, 4 * 1024 * 1024, 2 * 1024 * 1024);
    dmam_init(&e->dm, e->qts, e->dt.ecam_base, DMAM_DEVFN,
              e->dt.pci_mmio32_pci, e->dt.pci_mmio32_base);
}

/* Queues on, stream table @st, caches invalidated, SMMUEN=1 */
static void env_enable(Env *e, SbStrtab st, unsigned evtq_log2)
{
    e->st = st;
    e->evtq_log2 = evtq_log2;
    e->cmdq = sb_queue_alloc(&e->sb, CMDQ_LOG2, 16);
    e->evtq = sb_queue_alloc(&e->sb, evtq_log2, 32);
    wrq(e, R_CMDQ_BASE, sb_queue_base_reg(e->cmdq, CMDQ_LOG2, false));
    wr(e, R_CMDQ_PROD, 0);
    wr(e, R_CMDQ_CONS, 0);
    wrq(e, R_EVENTQ_BASE, sb_queue_base_reg(e->evtq, evtq_log2, false));
    wr(e, R_EVENTQ_PROD, 0);
    wr(e, R_EVENTQ_CONS, 0);
    wrq(e, R_STRTAB_BASE, sb_strtab_base_reg(&st, false));
    wr(e, R_STRTAB_BASE_CFG, sb_strtab_base_cfg_reg(&st));
    wr(e, R_CR2, CR2_RECINVSID);
    set_cr0(e, CR0_CMDQEN | CR0_EVENTQEN);
    invalidate_all(e);
    set_cr0(e, CR0_CMDQEN | CR0_EVENTQEN | CR0_SMMUEN);
}

static void env_stop(Env *e)
{
    qtest_quit(e->qts);
}

/* The DMA master's view: 64 bytes at @iova through the SMMU */
static void fill(Env *e, uint64_t pa, uint8_t seed)
{
    uint8_t buf[64];

    for (int i = 0; i < sizeof(buf); i++) {
        buf[i] = seed + i * 7;
    }
    qtest_memwrite(e->qts, pa, buf, sizeof(buf));
}

/* Read 64 bytes at @iova and check they are what fill(@pa, @seed) put */
static void expect_read(Env *e, uint64_t iova, uint32_t pasid, uint64_t pa,
                        uint8_t seed)
{
    uint8_t got[64], want[64];

    fill(e, pa, seed);
    qtest_memread(e->qts, pa, want, sizeof(want));
    if (dmam_read(&e->dm, iova, got, sizeof(got), pasid, 0) !=
        DMAM_STATUS_DONE) {
        g_test_message("read of iova 0x%" PRIx64 " faulted", iova);
        expect_no_event(e);
        g_assert_not_reached();
    }
    if (memcmp(got, want, sizeof(got))) {
        g_test_message("iova 0x%" PRIx64 " pasid 0x%x pa 0x%" PRIx64
                       ": got %02x %02x, want %02x %02x", iova, pasid, pa,
                       got[0], got[1], want[0], want[1]);
    }
    g_assert_cmpmem(got, sizeof(got), want, sizeof(want));
}

static void expect_write(Env *e, uint64_t iova, uint32_t pasid, uint64_t pa)
{
    uint8_t buf[16], got[16];

    for (int i = 0; i < sizeof(buf); i++) {
        buf[i] = 0xa0 + i;
    }
    g_assert_cmpint(dmam_write(&e->dm, iova, buf, sizeof(buf), pasid, 0), ==,
                    DMAM_STATUS_DONE);
    qtest_memread(e->qts, pa, got, sizeof(got));
    g_assert_cmpmem(got, sizeof(got), buf, sizeof(buf));
}

static void expect_fault(Env *e, uint64_t iova, uint32_t pasid, bool write,
                         unsigned attrs)
{
    uint8_t buf[8] = { 0 };
    int st = write ? dmam_write(&e->dm, iova, buf, 8, pasid, attrs)
                   : dmam_read(&e->dm, iova, buf, 8, pasid, attrs);

    g_assert_cmpint(st, ==, DMAM_STATUS_FAULTED);
}

/* ---- Configurations ------------------------------------------------------ */

/* Non-global (nG=1) like Linux's stage-1 mappings, EL0 RW / RO */
static const SbPte pte_rw = { .af = true, .ap = 1, .sh = 3, .ng = true };
static const SbPte pte_ro = { .af = true, .ap = 3, .sh = 3, .ng = true };
static const SbPte pte_global = { .af = true, .ap = 1, .sh = 3 };
static const SbPte pte_s2_rw = { .af = true, .s2ap = 3, .sh = 3,
                                 .memattr = 0xf };

/* A stage-1 regime with @granule: CD 0 (or @ssid) of the DMA master */
typedef struct S1 {
    SbPgtable *pt;
    SbCd cd;
    SbCdtab cdtab;
    SbSte ste;
} S1;

static void s1_setup(Env *e, S1 *s, unsigned granule, unsigned s1cdmax,
                     unsigned s1fmt)
{
    memset(s, 0, sizeof(*s));
    s->pt = sb_pgt_new(&e->sb, 1, granule, 64 - 48, -1, 1, false);
    s->cd = (SbCd) {
        .v = true, .aa64 = true, .r = true, .a = true, .ips = 5,
        .epd1 = true, .asid = 1, .t0sz = 16,
    };
    sb_pgt_fill_cd(s->pt, &s->cd);
    s->cdtab = s1fmt ? sb_cdtab_2lvl(&e->sb, s1cdmax, s1fmt)
                     : sb_cdtab_linear(&e->sb, s1cdmax);
    s->ste = (SbSte) { .v = true, .config = SB_STE_CFG_S1 };
    sb_ste_set_cdtab(&s->ste, &s->cdtab);
}

/* A stage-2 regime with @granule for the DMA master */
static SbPgtable *s2_setup(Env *e, SbSte *ste, unsigned granule,
                           unsigned config)
{
    SbPgtable *pt = sb_pgt_new(&e->sb, 2, granule, 64 - 40, -1, 1, false);

    *ste = (SbSte) {
        .v = true, .config = config, .s2vmid = 7, .s2aa64 = true,
        .s2r = true, .s2ps = 2, .s2sh0 = 3, .s2ir0 = 1, .s2or0 = 1,
    };
    sb_pgt_fill_ste(pt, ste);
    return pt;
}

/* ---- Translation --------------------------------------------------------- */

static void test_s1_granule(const void *opaque)
{
    unsigned granule = GPOINTER_TO_UINT(opaque);
    uint64_t page = 1ULL << granule;
    uint64_t iova = 0x40000000ULL + 3 * page;
    Env e;
    S1 s;

    env_start(&e, "stage=nested");
    s1_setup(&e, &s, granule, 0, 0);
    g_assert_true(sb_pgt_map(s.pt, iova, e.data, page, &pte_rw));
    sb_cd_write(&e.sb, &s.cdtab, 0, &s.cd);
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    sb_ste_write(&e.sb, &e.st, SID, &s.ste);
    expect_read(&e, iova + 0x40, DMAM_NO_PASID, e.data + 0x40, 1);
    expect_write(&e, iova + 0x80, DMAM_NO_PASID, e.data + 0x80);
    /* the next page is not mapped */
    expect_fault(&e, iova + page, DMAM_NO_PASID, false, 0);
    expect_event(&e, &(SbEvent) {
        .type = SB_EVT_F_TRANSLATION, .sid = SID, .rnw = true,
        .class_ = SB_EVT_CLASS_IN, .input_addr = iova + page,
    });
    expect_no_event(&e);
    env_stop(&e);
}

static void test_s2_granule(const void *opaque)
{
    unsigned granule = GPOINTER_TO_UINT(opaque);
    uint64_t page = 1ULL << granule;
    uint64_t ipa = 0x10000000ULL + 5 * page;
    SbPgtable *pt;
    SbSte ste;
    Env e;

    env_start(&e, "stage=nested");
    pt = s2_setup(&e, &ste, granule, SB_STE_CFG_S2);
    g_assert_true(sb_pgt_map(pt, ipa, e.data, page, &pte_s2_rw));
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    sb_ste_write(&e.sb, &e.st, SID, &ste);
    expect_read(&e, ipa + 8, DMAM_NO_PASID, e.data + 8, 2);
    expect_write(&e, ipa + 0x100, DMAM_NO_PASID, e.data + 0x100);
    expect_fault(&e, ipa - page, DMAM_NO_PASID, true, 0);
    expect_event(&e, &(SbEvent) {
        .type = SB_EVT_F_TRANSLATION, .sid = SID, .rnw = false, .s2 = true,
        .class_ = SB_EVT_CLASS_IN, .input_addr = ipa - page,
        .ipa = ipa - page,
    });
    expect_no_event(&e);
    env_stop(&e);
}

/*
 * Nested: the CD table and stage-1 tables live in IPA space, mapped 1:1 by
 * stage 2 over the builder's pool (so the builder's table pointers are
 * valid IPAs); the data page sits at an IPA far from its PA.  Faults at
 * stage 2 on the final IPA and on a stage-1 table access carry S2=1 and
 * CLASS IN / TT with the IPA.
 */
static void test_nested(void)
{
    uint64_t iova = 0x7000000ULL, ipa_data = 0x3000000000ULL;
    uint64_t iova_hole = 0x7001000ULL, ipa_hole = 0x3000100000ULL;
    uint64_t iova_tt = 0x40000000ULL, l3;
    SbPgtable *s2pt;
    SbSte ste;
    S1 s;
    Env e;

    env_start(&e, "stage=nested");
    s1_setup(&e, &s, 12, 0, 0);
    s2pt = s2_setup(&e, &ste, 12, SB_STE_CFG_NESTED);
    g_assert_true(sb_pgt_map(s.pt, iova, ipa_data, 0x1000, &pte_rw));
    g_assert_true(sb_pgt_map(s.pt, iova_hole, ipa_hole, 0x1000, &pte_rw));
    /* a level-3 table of its own, outside the pool: no stage-2 mapping */
    g_assert_true(sb_pgt_map(s.pt, iova_tt, ipa_data, 0x1000, &pte_rw));
    l3 = sb_pgt_read_raw(s.pt, iova_tt, 2) & ~0xfffULL & ((1ULL << 48) - 1);
    sb_pgt_write_raw(s.pt, iova_tt, 2, (ipa_hole + 0x10000) | 3);
    sb_cd_write(&e.sb, &s.cdtab, 0, &s.cd);
    ste.s1_context_ptr = s.cdtab.base;
    ste.s1cdmax = 0;
    for (uint64_t off = 0; off < (32 << 20); off += 2 << 20) {
        g_assert_true(sb_pgt_map(s2pt, e.sb.base + off, e.sb.base + off,
                                 2 << 20, &pte_s2_rw));
    }
    g_assert_true(sb_pgt_map(s2pt, ipa_data, e.data, 0x1000, &pte_s2_rw));
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    sb_ste_write(&e.sb, &e.st, SID, &ste);
    expect_read(&e, iova + 0x10, DMAM_NO_PASID, e.data + 0x10, 3);
    expect_write(&e, iova + 0x20, DMAM_NO_PASID, e.data + 0x20);
    /* stage 2 has no mapping for the output IPA: CLASS IN */
    expect_fault(&e, iova_hole + 8, DMAM_NO_PASID, false, 0);
    expect_event(&e, &(SbEvent) {
        .type = SB_EVT_F_TRANSLATION, .sid = SID, .rnw = true, .s2 = true,
        .class_ = SB_EVT_CLASS_IN, .input_addr = iova_hole + 8,
        .ipa = ipa_hole,
    });
    /* ... nor for a stage-1 table: CLASS TT, the descriptor's IPA */
    expect_fault(&e, iova_tt, DMAM_NO_PASID, false, 0);
    expect_event(&e, &(SbEvent) {
        .type = SB_EVT_F_TRANSLATION, .sid = SID, .rnw = true, .s2 = true,
        .class_ = SB_EVT_CLASS_TT, .ttrnw = true, .input_addr = iova_tt,
        .ipa = ipa_hole + 0x10000,
    });
    expect_no_event(&e);
    (void)l3;
    env_stop(&e);
}

/* A 2-level stream table, a 2-level CD table and SubstreamIDs */
static void test_2lvl_ssid(void)
{
    uint64_t iova = 0x100000;
    S1 s, s5;
    Env e;

    env_start(&e, "stage=s1,ssidsize=8");
    s1_setup(&e, &s, 12, 8, SB_S1FMT_2LVL_4K);
    g_assert_true(sb_pgt_map(s.pt, iova, e.data, 0x1000, &pte_rw));
    /* SSID 0x45 uses a different address space (CD in another L2 table) */
    s1_setup(&e, &s5, 12, 0, 0);
    g_assert_true(sb_pgt_map(s5.pt, iova, e.data + 0x1000, 0x1000,
                             &pte_rw));
    s5.cd.asid = 5;
    sb_cd_write(&e.sb, &s.cdtab, 0x45, &s5.cd);
    sb_cd_write(&e.sb, &s.cdtab, 1, &s.cd);
    s.ste.s1dss = 2;        /* no PASID: CD 0 ... which is invalid */
    env_enable(&e, sb_strtab_2lvl(&e.sb, 16, 8), EVTQ_LOG2);
    sb_ste_write(&e.sb, &e.st, SID, &s.ste);
    expect_read(&e, iova, 1, e.data, 4);
    expect_read(&e, iova, 0x45, e.data + 0x1000, 5);
    /* SSID 0 is reserved for non-substream traffic with S1DSS=0b10 */
    expect_fault(&e, iova, 0, false, 0);
    expect_event(&e, &(SbEvent) { .type = SB_EVT_F_STREAM_DISABLED,
                                  .sid = SID });
    /* beyond S1CDMax */
    expect_fault(&e, iova, 0x100, false, 0);
    expect_event(&e, &(SbEvent) { .type = SB_EVT_C_BAD_SUBSTREAMID,
                                  .sid = SID, .ssid = 0x100 });
    /* an L1CD with V == 0 */
    expect_fault(&e, iova, 0x80, false, 0);
    expect_event(&e, &(SbEvent) { .type = SB_EVT_C_BAD_SUBSTREAMID,
                                  .sid = SID, .ssid = 0x80 });
    /* no PASID: CD 0, never written, V == 0 */
    expect_fault(&e, iova, DMAM_NO_PASID, false, 0);
    expect_event(&e, &(SbEvent) { .type = SB_EVT_C_BAD_CD, .sid = SID });
    expect_no_event(&e);
    env_stop(&e);
}

/* ---- Configuration faults ------------------------------------------------ */

static void test_config_faults(void)
{
    uint64_t raw[8] = { 0 };
    SbStrtab small;
    Env e;
    S1 s;

    env_start(&e, "stage=s1");
    s1_setup(&e, &s, 12, 0, 0);
    small = sb_strtab_linear(&e.sb, 4);     /* StreamIDs 0-15 only */
    env_enable(&e, small, EVTQ_LOG2);
    /* StreamID 0x18 is beyond LOG2SIZE: C_BAD_STREAMID (RECINVSID=1) */
    expect_fault(&e, 0x1000, DMAM_NO_PASID, false, 0);
    expect_event(&e, &(SbEvent) { .type = SB_EVT_C_BAD_STREAMID,
                                  .sid = SID });
    expect_no_event(&e);
    env_stop(&e);

    env_start(&e, "stage=s1");
    s1_setup(&e, &s, 12, 0, 0);
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    /* STE.V == 0 */
    expect_fault(&e, 0x1000, DMAM_NO_PASID, true, 0);
    expect_event(&e, &(SbEvent) { .type = SB_EVT_C_BAD_STE, .sid = SID });
    /* a reserved Config */
    raw[0] = 1 | (1 << 1);
    sb_ste_write_raw(&e.sb, &e.st, SID, raw);
    expect_fault(&e, 0x1000, DMAM_NO_PASID, true, 0);
    expect_event(&e, &(SbEvent) { .type = SB_EVT_C_BAD_STE, .sid = SID });
    /* Config abort: terminated without an event */
    raw[0] = 1;
    sb_ste_write_raw(&e.sb, &e.st, SID, raw);
    expect_fault(&e, 0x1000, DMAM_NO_PASID, true, 0);
    expect_no_event(&e);
    /* a valid STE whose CD is invalid: C_BAD_CD (the abort STE is cached) */
    s.cd.v = false;
    sb_cd_write(&e.sb, &s.cdtab, 0, &s.cd);
    sb_ste_write(&e.sb, &e.st, SID, &s.ste);
    expect_fault(&e, 0x1000, DMAM_NO_PASID, false, 0);
    expect_no_event(&e);
    {
        uint64_t c[2];

        sb_cmd_cfgi_ste(c, SID, true);
        cmd(&e, c);
    }
    expect_fault(&e, 0x1000, DMAM_NO_PASID, false, 0);
    expect_event(&e, &(SbEvent) { .type = SB_EVT_C_BAD_CD, .sid = SID });
    /* a PASID on a stream without substreams */
    expect_fault(&e, 0x1000, 3, false, 0);
    expect_event(&e, &(SbEvent) { .type = SB_EVT_C_BAD_SUBSTREAMID,
                                  .sid = SID, .ssid = 3 });
    /* the CD table in unbacked memory: F_CD_FETCH */
    s.ste.s1_context_ptr = 0x4000000000ULL;
    sb_ste_write(&e.sb, &e.st, SID, &s.ste);
    {
        uint64_t c[2];

        sb_cmd_cfgi_ste(c, SID, true);
        cmd(&e, c);
    }
    expect_fault(&e, 0x1000, DMAM_NO_PASID, false, 0);
    expect_event(&e, &(SbEvent) { .type = SB_EVT_F_CD_FETCH, .sid = SID,
                                  .fetch_addr = 0x4000000000ULL });
    expect_no_event(&e);
    env_stop(&e);

    /* the stream table in unbacked memory: F_STE_FETCH */
    env_start(&e, "stage=s1");
    env_enable(&e, (SbStrtab) { .base = 0x4000000000ULL, .log2size = 8 },
               EVTQ_LOG2);
    expect_fault(&e, 0x1000, DMAM_NO_PASID, false, 0);
    expect_event(&e, &(SbEvent) { .type = SB_EVT_F_STE_FETCH, .sid = SID,
                                  .fetch_addr = 0x4000000000ULL +
                                                SID * 64 });
    expect_no_event(&e);
    env_stop(&e);
}

/* ---- Translation faults -------------------------------------------------- */

static void test_translation_faults(void)
{
    uint64_t iova = 0x200000, ro = 0x201000, noaf = 0x202000;
    uint64_t far = 0x203000, eabt = 0x400000;
    SbPte pte_noaf = pte_rw;
    Env e;
    S1 s;

    env_start(&e, "stage=s1,oas=40");
    s1_setup(&e, &s, 12, 0, 0);
    s.cd.ips = 2;           /* 40-bit */
    pte_noaf.af = false;
    g_assert_true(sb_pgt_map(s.pt, iova, e.data, 0x1000, &pte_rw));
    g_assert_true(sb_pgt_map(s.pt, ro, e.data, 0x1000, &pte_ro));
    g_assert_true(sb_pgt_map(s.pt, noaf, e.data, 0x1000, &pte_noaf));
    g_assert_true(sb_pgt_map(s.pt, far, 1ULL << 41, 0x1000, &pte_rw));
    /* a level-2 table pointer into unbacked memory */
    sb_pgt_write_raw(s.pt, eabt, 2, 0x4000000000ULL | 3);
    sb_cd_write(&e.sb, &s.cdtab, 0, &s.cd);
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    sb_ste_write(&e.sb, &e.st, SID, &s.ste);

    expect_write(&e, iova, DMAM_NO_PASID, e.data);
    expect_fault(&e, ro + 4, DMAM_NO_PASID, true, DMAM_PRIV);
    expect_event(&e, &(SbEvent) {
        .type = SB_EVT_F_PERMISSION, .sid = SID, .rnw = false, .pnu = true,
        .class_ = SB_EVT_CLASS_IN, .input_addr = ro + 4,
    });
    expect_fault(&e, noaf, DMAM_NO_PASID, false, 0);
    expect_event(&e, &(SbEvent) {
        .type = SB_EVT_F_ACCESS, .sid = SID, .rnw = true,
        .class_ = SB_EVT_CLASS_IN, .input_addr = noaf,
    });
    expect_fault(&e, far, DMAM_NO_PASID, false, 0);
    expect_event(&e, &(SbEvent) {
        .type = SB_EVT_F_ADDR_SIZE, .sid = SID, .rnw = true,
        .class_ = SB_EVT_CLASS_IN, .input_addr = far,
    });
    expect_fault(&e, eabt, DMAM_NO_PASID, false, 0);
    expect_event(&e, &(SbEvent) {
        .type = SB_EVT_F_WALK_EABT, .sid = SID, .rnw = true,
        .class_ = SB_EVT_CLASS_TT, .input_addr = eabt,
        .fetch_addr = 0x4000000000ULL + 8 * ((eabt >> 12) & 511),
    });
    /* with CD.R == 0, the translation fault is not recorded */
    s.cd.r = false;
    sb_cd_write(&e.sb, &s.cdtab, 0, &s.cd);
    {
        uint64_t c[2];

        sb_cmd_cfgi_cd(c, SID, 0, true);
        cmd(&e, c);
    }
    expect_fault(&e, 0x900000, DMAM_NO_PASID, false, 0);
    expect_no_event(&e);
    env_stop(&e);
}

/* ---- Invalidation -------------------------------------------------------- */

static void remap(S1 *s, uint64_t iova, uint64_t pa)
{
    sb_pgt_unmap(s->pt, iova, 0x1000);
    g_assert_true(sb_pgt_map(s->pt, iova, pa, 0x1000, &pte_rw));
}

static void test_tlbi(void)
{
    uint64_t a = 0x300000, b = 0x301000, g = 0x302000;
    SbTlbiAddr ta = { .addr = a, .leaf = true };
    uint64_t c[2];
    Env e;
    S1 s;

    env_start(&e, "stage=s1");
    s1_setup(&e, &s, 12, 0, 0);
    g_assert_true(sb_pgt_map(s.pt, a, e.data, 0x1000, &pte_rw));
    g_assert_true(sb_pgt_map(s.pt, b, e.data + 0x1000, 0x1000, &pte_rw));
    g_assert_true(sb_pgt_map(s.pt, g, e.data + 0x4000, 0x1000,
                             &pte_global));
    sb_cd_write(&e.sb, &s.cdtab, 0, &s.cd);
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    sb_ste_write(&e.sb, &e.st, SID, &s.ste);
    expect_read(&e, a, DMAM_NO_PASID, e.data, 10);
    expect_read(&e, b, DMAM_NO_PASID, e.data + 0x1000, 11);
    expect_read(&e, g, DMAM_NO_PASID, e.data + 0x4000, 30);
    sb_pgt_unmap(s.pt, g, 0x1000);
    g_assert_true(sb_pgt_map(s.pt, g, e.data + 0x5000, 0x1000,
                             &pte_global));

    /* both pages move; until a TLBI the old translations are used */
    remap(&s, a, e.data + 0x2000);
    remap(&s, b, e.data + 0x3000);
    expect_read(&e, a, DMAM_NO_PASID, e.data, 12);
    expect_read(&e, b, DMAM_NO_PASID, e.data + 0x1000, 13);
    /* TLBI_NH_VA of a: a moves, b stays stale */
    sb_cmd_tlbi_nh_va(c, 0, 1, &ta);
    cmd(&e, c);
    expect_read(&e, a, DMAM_NO_PASID, e.data + 0x2000, 14);
    expect_read(&e, b, DMAM_NO_PASID, e.data + 0x1000, 15);
    /* TLBI_NH_ASID of another ASID: b stays stale */
    sb_cmd_tlbi_nh_asid(c, 0, 2);
    cmd(&e, c);
    expect_read(&e, b, DMAM_NO_PASID, e.data + 0x1000, 16);
    /* TLBI_NH_ASID of ASID 1: b moves; the global entry g survives */
    sb_cmd_tlbi_nh_asid(c, 0, 1);
    cmd(&e, c);
    expect_read(&e, b, DMAM_NO_PASID, e.data + 0x3000, 17);
    expect_read(&e, g, DMAM_NO_PASID, e.data + 0x4000, 31);
    /* TLBI_NH_VAA (all ASIDs) of g: it moves */
    ta.addr = g;
    sb_cmd_tlbi_nh_vaa(c, 0, &ta);
    cmd(&e, c);
    expect_read(&e, g, DMAM_NO_PASID, e.data + 0x5000, 32);
    /* NH_ASID dropped a too: it is walked again */
    expect_read(&e, a, DMAM_NO_PASID, e.data + 0x2000, 33);

    /* the CD changes ASID: stale until CFGI_CD, then a TLB miss */
    s.cd.asid = 9;
    remap(&s, a, e.data);
    sb_cd_write(&e.sb, &s.cdtab, 0, &s.cd);
    expect_read(&e, a, DMAM_NO_PASID, e.data + 0x2000, 18);
    sb_cmd_cfgi_cd(c, SID, 0, true);
    cmd(&e, c);
    expect_read(&e, a, DMAM_NO_PASID, e.data, 19);

    /* the STE goes to bypass: stale until CFGI_STE */
    s.ste.config = SB_STE_CFG_BYPASS;
    sb_ste_write(&e.sb, &e.st, SID, &s.ste);
    expect_read(&e, a, DMAM_NO_PASID, e.data, 20);
    sb_cmd_cfgi_ste(c, SID, true);
    cmd(&e, c);
    expect_read(&e, e.data + 0x100, DMAM_NO_PASID, e.data + 0x100, 21);
    expect_no_event(&e);
    env_stop(&e);
}

/* ---- Queues -------------------------------------------------------------- */

static void test_cmdq_error_restart(void)
{
    uint64_t bad[2] = { 0x3f, 0 }, c[2];
    uint32_t start;
    Env e;

    env_start(&e, "");
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    start = e.cmdq_prod;
    sb_cmd_cfgi_all(c);
    cmd_push(&e, c);
    cmd_push(&e, bad);
    cmd_push(&e, c);
    /* consumption stops at the illegal command, CONS.ERR = CERROR_ILL */
    g_assert_cmphex(rd(&e, R_CMDQ_CONS), ==, (1u << 24) | (start + 1));
    g_assert_cmphex(rd(&e, R_GERROR) ^ rd(&e, R_GERRORN), ==,
                    GERROR_CMDQ_ERR);
    /* more commands do not move it until the error is acknowledged */
    wr(&e, R_CMDQ_PROD, e.cmdq_prod);
    g_assert_cmphex(rd(&e, R_CMDQ_CONS) & 0xfffff, ==, start + 1);
    /* replace the bad command by CMD_SYNC, acknowledge: it restarts */
    sb_cmd_sync(c, SB_SYNC_CS_NONE, 0, 0, 0, 0);
    sb_write_words(&e.sb, e.cmdq + 16 * (start + 1), c, 2);
    wr(&e, R_GERRORN, rd(&e, R_GERROR));
    g_assert_cmphex(rd(&e, R_CMDQ_CONS) & 0xfffff, ==, start + 3);
    env_stop(&e);
}

static void test_evtq_overflow(void)
{
    Env e;
    uint64_t rec[4];

    env_start(&e, "stage=s1");
    env_enable(&e, sb_strtab_linear(&e.sb, 8), 1);   /* 2 entries */
    for (int i = 0; i < 4; i++) {
        expect_fault(&e, 0x1000 * i, DMAM_NO_PASID, false, 0);
    }
    /* two recorded, the rest lost: OVFLG toggled once */
    g_assert_cmphex(rd(&e, R_EVENTQ_PROD), ==, Q_OVFLG | 2);
    event_pop(&e, rec);
    g_assert_cmphex(rec[0] & 0xff, ==, SB_EVT_C_BAD_STE);
    /* acknowledging (OVACKFLG = OVFLG) and making room: recorded again */
    expect_fault(&e, 0x5000, DMAM_NO_PASID, false, 0);
    g_assert_cmphex(rd(&e, R_EVENTQ_PROD), ==, Q_OVFLG | 3);
    env_stop(&e);
}

static void test_sync_msi(void)
{
    uint64_t c[2];
    uint64_t msi;
    Env e;

    env_start(&e, "msi=on");
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    msi = sb_alloc(&e.sb, 8, 8);
    sb_cmd_sync(c, SB_SYNC_CS_IRQ, 3, 0xf, 0xcafe0001, msi);
    cmd_push(&e, c);
    g_assert_cmphex(qtest_readl(e.qts, msi), ==, 0xcafe0001);
    env_stop(&e);
}

int main(int argc, char **argv)
{
    static const unsigned granules[] = { 12, 14, 16 };

    g_test_init(&argc, &argv, NULL);
    if (!qtest_has_device("smmu-dma-master")) {
        g_test_skip("smmu-dma-master is not compiled in");
        return g_test_run();
    }
    for (int i = 0; i < ARRAY_SIZE(granules); i++) {
        g_autofree char *p1 = g_strdup_printf(
            "/smmuv3-pm/engine/s1/granule-%uk", 1u << (granules[i] - 10));
        g_autofree char *p2 = g_strdup_printf(
            "/smmuv3-pm/engine/s2/granule-%uk", 1u << (granules[i] - 10));

        qtest_add_data_func(p1, GUINT_TO_POINTER(granules[i]),
                            test_s1_granule);
        qtest_add_data_func(p2, GUINT_TO_POINTER(granules[i]),
                            test_s2_granule);
    }
    qtest_add_func("/smmuv3-pm/engine/nested", test_nested);
    qtest_add_func("/smmuv3-pm/engine/2lvl-ssid", test_2lvl_ssid);
    qtest_add_func("/smmuv3-pm/engine/faults/config", test_config_faults);
    qtest_add_func("/smmuv3-pm/engine/faults/translation",
                   test_translation_faults);
    qtest_add_func("/smmuv3-pm/engine/invalidation", test_tlbi);
    qtest_add_func("/smmuv3-pm/engine/cmdq/error-restart",
                   test_cmdq_error_restart);
    qtest_add_func("/smmuv3-pm/engine/evtq/overflow", test_evtq_overflow);
    qtest_add_func("/smmuv3-pm/engine/cmdq/sync-msi", test_sync_msi);
    return g_test_run();
}
