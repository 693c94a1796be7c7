/*
 * arm-smmuv3-pm unit tests: stage-2-only and nested translation, and
 * stage-1 hardware dirty state by privilege (stage-1-only and nested)
 *
 * The paths of xlate/translate.c that only qtests reached before: a
 * stage-2-only stream (Config 0b110), nested streams (0b111) whose CD and
 * stage-1 descriptors are IPAs, stage-2 faults with S2 = 1, their CLASS
 * (CD, TT, IN) and IPA, STE.S2R / STE.S2S, stage-2 permissions (S2AP,
 * XN), S2HA/S2HD updates and the stage-1 HTTU updates made through stage 2
 * (walk_update), for the 4K, 16K and 64K granules.  Every expected value
 * comes from the spec (tests/unit/spec.h) and from the structures the
 * builder wrote, not from the code under test.
 *
 * A nested translation cached as one combined TLB entry must behave as a
 * cold one (issue 15): the warm-* cases compare the two.
 *
 * With CD.HD, a writable-clean stage-1 page is made dirty only by a write
 * that it permits once dirty, at the write's privilege and under CD.PAN
 * (the s1-httu cases, stage 1 alone and nested).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "spec.h"

#define SID         0x21
#define VMID        0x2a
#define IPA_OUT     0x80000000ULL       /* outside RAM: only stage 2 maps it */
#define S2_TSZ      32                  /* 4 GiB of IPA space */

static const unsigned granules[] = { 12, 14, 16 };

static const SbPte s1_rw = { .af = true, .ap = 1, .sh = 3 };
static const SbPte s2_rw = { .af = true, .s2ap = 3, .sh = 3, .memattr = 0xf };

typedef struct Nest {
    Env e;
    unsigned g;
    uint64_t page;
    SbPgtable *s1, *s2;
    SbCdtab cdtab;
    SbCd cd;
    SbSte ste;
    uint64_t va, ipa, pa;
    uint64_t lo, hi;            /* identity-mapped IPAs: CDs, S1 tables */
} Nest;

typedef struct NestOpts {
    const char *httu;
    const char *stall;
    SbPte s1;                   /* the VA -> IPA_OUT page */
    SbPte s2_out;               /* IPA_OUT -> PA */
    SbPte s2_tables;            /* the identity map of CDs and S1 tables */
    bool no_s2_out;             /* leave IPA_OUT unmapped */
    bool s2r;
    bool s2s, s2ha, s2hd;       /* STE.S2S, S2HA, S2HD */
    bool ha, hd, pan;           /* CD.HA, CD.HD, CD.PAN */
    unsigned s1_aptable;        /* APTable of the table above the S1 page */
    bool stage2_only;           /* Config 0b110: no CD, no stage 1 */
    bool stage1_only;           /* Config 0b101: the S1 page maps to the PA */
} NestOpts;

static NestOpts opts_default(void)
{
    return (NestOpts) { .s1 = s1_rw, .s2_out = s2_rw, .s2_tables = s2_rw,
                        .s2r = true };
}

/* Stage 2: the identity map of [lo, hi), the output page, the STE */
static void nest_setup_s2(Nest *n, const NestOpts *o)
{
    for (uint64_t p = n->lo; p < n->hi; p += n->page) {
        g_assert_true(sb_pgt_map(n->s2, p, p, n->page, &o->s2_tables));
    }
    n->pa = sb_alloc(&n->e.sb, n->page, n->page);
    if (!o->no_s2_out) {
        g_assert_true(sb_pgt_map(n->s2, n->ipa, n->pa, n->page, &o->s2_out));
    }
    n->ste = (SbSte) {
        .v = true,
        .config = o->stage2_only ? SB_STE_CFG_S2 : SB_STE_CFG_NESTED,
        .s2vmid = VMID, .s2ps = 5, .s2r = o->s2r, .s2s = o->s2s,
        .s2ha = o->s2ha, .s2hd = o->s2hd,
    };
    sb_pgt_fill_ste(n->s2, &n->ste);
}

static void nest_setup(Nest *n, unsigned g, const NestOpts *o)
{
    SmmuPmConfig cfg;

    memset(n, 0, sizeof(*n));
    spec_config(&cfg, "nested", o->stall, o->httu, 1);
    env_init(&n->e, &cfg);
    env_enable(&n->e, sb_strtab_linear(&n->e.sb, 8));
    n->g = g;
    n->page = 1ULL << g;
    n->va = 0x7000ULL * n->page + 0x18;
    if (o->stage1_only) {
        n->pa = sb_alloc(&n->e.sb, n->page, n->page);
        n->ipa = n->pa;                 /* stage 1's output is the PA */
    } else {
        n->s2 = sb_pgt_new(&n->e.sb, 2, g, S2_TSZ, -1, 1, false);
        n->ipa = IPA_OUT + 3 * n->page;
    }

    /* CD table first (its own page), then stage 1's tables */
    n->lo = spec_align_up(n->e.sb.next, n->page);
    n->e.sb.next = n->lo;
    if (!o->stage2_only) {
        n->cdtab = sb_cdtab_linear(&n->e.sb, 0);
        n->e.sb.next = spec_align_up(n->e.sb.next, n->page);
        n->s1 = sb_pgt_new(&n->e.sb, 1, g, 16, -1, 1, false);
        g_assert_true(sb_pgt_map(n->s1, n->va & ~(n->page - 1), n->ipa,
                                 n->page, &o->s1));
        if (o->s1_aptable) {
            sb_pgt_set_table_attrs(n->s1, n->va, 2, o->s1_aptable, false,
                                   false);
        }
        n->cd = (SbCd) { .v = true, .aa64 = true, .r = true, .a = true,
                         .ips = 5, .epd1 = true, .asid = 3, .ha = o->ha,
                         .hd = o->hd, .pan = o->pan };
        sb_pgt_fill_cd(n->s1, &n->cd);
        sb_cd_write(&n->e.sb, &n->cdtab, 0, &n->cd);
    }
    n->hi = spec_align_up(n->e.sb.next, n->page);
    n->e.sb.next = n->hi;
    if (o->stage1_only) {
        n->ste = (SbSte) { .v = true, .config = SB_STE_CFG_S1 };
    } else {
        nest_setup_s2(n, o);
    }
    if (!o->stage2_only) {
        sb_ste_set_cdtab(&n->ste, &n->cdtab);
    }
    sb_ste_write(&n->e.sb, &n->e.st, SID, &n->ste);
}

static void nest_free(Nest *n)
{
    if (n->s1) {
        sb_pgt_free(n->s1);
    }
    if (n->s2) {
        sb_pgt_free(n->s2);
    }
    env_free(&n->e);
}

static SmmuPmTxnResult nest_txn(Nest *n, uint64_t addr, bool write,
                                bool instr, bool can_stall)
{
    SmmuPmTxn t = { .sid = SID, .addr = addr, .write = write,
                    .instr = instr, .can_stall = can_stall };
    SmmuPmTxnResult r;

    smmu_pm_translate(&n->e.core, &t, &r);
    return r;
}

/* A data write of @addr, privileged when @priv */
static SmmuPmTxnResult nest_write(Nest *n, uint64_t addr, bool priv)
{
    SmmuPmTxn t = { .sid = SID, .addr = addr, .write = true, .priv = priv };
    SmmuPmTxnResult r;

    smmu_pm_translate(&n->e.core, &t, &r);
    return r;
}

/* The record of a stage-2 fault: every field the spec gives it */
static void expect_s2_fault(Nest *n, unsigned type, unsigned class_,
                            uint64_t input, uint64_t ipa, bool rnw,
                            bool ttrnw)
{
    uint64_t rec[4];

    spec_event_pop_raw(&n->e, rec);
    g_assert_cmphex(EVR_TYPE(rec), ==, type);
    g_assert_cmphex(EVR_SID(rec), ==, SID);
    g_assert_cmpuint(EVR_SSV(rec), ==, 0);
    g_assert_cmpuint(EVR_S2(rec), ==, 1);
    g_assert_cmpuint(EVR_CLASS(rec), ==, class_);
    g_assert_cmpuint(EVR_RNW(rec), ==, rnw);
    g_assert_cmpuint(EVR_STALL(rec), ==, 0);
    g_assert_cmphex(EVR_INPUT(rec), ==, input);
    g_assert_cmphex(EVR_IPA(rec), ==, ipa & ~0xfffULL);
    /* bits [203:192] of the record are RES0 */
    g_assert_cmphex(rec[3] & 0xfff, ==, 0);
    if (type == SPEC_EVT_F_PERMISSION) {
        g_assert_cmpuint(EVR_TTRNW(rec), ==, ttrnw);
    }
    g_assert_cmpuint(env_events(&n->e), ==, 0);
}

/* ---- Stage 2 only ------------------------------------------------------- */

static void test_s2_only_ok(const void *p)
{
    unsigned g = GPOINTER_TO_UINT(p);
    NestOpts o = opts_default();
    SmmuPmTxnResult r;
    uint64_t reads;
    Nest n;

    o.stage2_only = true;
    nest_setup(&n, g, &o);
    r = nest_txn(&n, n.ipa + 0x44, true, false, false);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_OK);
    g_assert_false(r.bypass);
    g_assert_cmphex(r.addr, ==, n.pa + 0x44);
    g_assert_cmphex(r.addr_mask, ==, n.page - 1);
    g_assert_true(r.readable && r.writable);
    /* warm: the stage-2 TLB entry answers without a table read */
    reads = n.e.dma_reads;
    r = nest_txn(&n, n.ipa + 0x80, false, false, false);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_OK);
    g_assert_cmphex(r.addr, ==, n.pa + 0x80);
    g_assert_cmpuint(n.e.dma_reads, ==, reads);
    g_assert_cmpuint(n.e.core.stats.tlb_hits, ==, 1);
    g_assert_cmpuint(env_events(&n.e), ==, 0);
    nest_free(&n);
}

static void test_s2_only_faults(const void *p)
{
    unsigned g = GPOINTER_TO_UINT(p);
    NestOpts o = opts_default();
    SmmuPmTxnResult r;
    Nest n;

    /* an unmapped IPA: F_TRANSLATION, S2, CLASS IN, IPA = input */
    o.stage2_only = true;
    o.no_s2_out = true;
    nest_setup(&n, g, &o);
    r = nest_txn(&n, n.ipa + 0x123, false, false, false);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_ABORT);
    expect_s2_fault(&n, SPEC_EVT_F_TRANSLATION, SPEC_CLASS_IN, n.ipa + 0x123,
                    n.ipa, true, false);
    nest_free(&n);

    /* S2R == 0: the same fault aborts without a record */
    o.s2r = false;
    nest_setup(&n, g, &o);
    r = nest_txn(&n, n.ipa, true, false, false);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_ABORT);
    g_assert_cmpuint(env_events(&n.e), ==, 0);
    nest_free(&n);

    /* S2AP read-only: a write is F_PERMISSION, a read is fine */
    o = opts_default();
    o.stage2_only = true;
    o.s2_out.s2ap = 1;
    nest_setup(&n, g, &o);
    r = nest_txn(&n, n.ipa + 8, false, false, false);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_OK);
    g_assert_true(r.readable);
    g_assert_false(r.writable);
    r = nest_txn(&n, n.ipa + 8, true, false, false);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_ABORT);
    expect_s2_fault(&n, SPEC_EVT_F_PERMISSION, SPEC_CLASS_IN, n.ipa + 8,
                    n.ipa, false, false);
    nest_free(&n);

    /* XN[1:0] == 0b10: no execution at either level */
    o = opts_default();
    o.stage2_only = true;
    o.s2_out.xn = 2;
    nest_setup(&n, g, &o);
    r = nest_txn(&n, n.ipa, false, true, false);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_ABORT);
    {
        uint64_t rec[4];

        spec_event_pop_raw(&n.e, rec);
        g_assert_cmphex(EVR_TYPE(rec), ==, SPEC_EVT_F_PERMISSION);
        g_assert_cmpuint(EVR_S2(rec), ==, 1);
        g_assert_cmpuint(EVR_IND(rec), ==, 1);
        g_assert_cmpuint(EVR_RNW(rec), ==, 1);
        g_assert_cmpuint(EVR_CLASS(rec), ==, SPEC_CLASS_IN);
    }
    /* a data read of the same page is allowed */
    r = nest_txn(&n, n.ipa, false, false, false);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_OK);
    nest_free(&n);

    /* AF == 0 without S2HA: F_ACCESS */
    o = opts_default();
    o.stage2_only = true;
    o.s2_out.af = false;
    nest_setup(&n, g, &o);
    r = nest_txn(&n, n.ipa, false, false, false);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_ABORT);
    expect_s2_fault(&n, SPEC_EVT_F_ACCESS, SPEC_CLASS_IN, n.ipa, n.ipa, true,
                    false);
    nest_free(&n);
}

/* A stage-2 table in no memory: F_WALK_EABT, recorded even with S2R 0 */
static void test_s2_only_walk_eabt(const void *p)
{
    unsigned g = GPOINTER_TO_UINT(p);
    NestOpts o = opts_default();
    uint64_t rec[4], ttb = 0x10000000ULL;       /* below RAM: unbacked */
    SmmuPmTxnResult r;
    unsigned start, shift;
    Nest n;

    o.stage2_only = true;
    o.s2r = false;
    nest_setup(&n, g, &o);
    n.ste.s2ttb = ttb;
    sb_ste_write(&n.e.sb, &n.e.st, SID, &n.ste);
    r = nest_txn(&n, n.ipa, false, false, false);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_ABORT);
    spec_event_pop_raw(&n.e, rec);
    g_assert_cmphex(EVR_TYPE(rec), ==, SPEC_EVT_F_WALK_EABT);
    g_assert_cmpuint(EVR_S2(rec), ==, 1);
    g_assert_cmpuint(EVR_CLASS(rec), ==, SPEC_CLASS_IN);
    g_assert_cmphex(EVR_INPUT(rec), ==, n.ipa);
    /* the first descriptor read: start-level index of the IPA */
    start = sb_pgt_start_level(n.s2);
    shift = sb_pgt_level_shift(n.s2, start);
    g_assert_cmphex(EVR_FETCH(rec), ==, ttb + ((n.ipa >> shift) << 3));
    nest_free(&n);
}

/* S2HA sets AF; S2HD sets S2AP[1] on the first write of a DBM page */
static void test_s2_httu(const void *p)
{
    unsigned g = GPOINTER_TO_UINT(p);
    NestOpts o = opts_default();
    SmmuPmTxnResult r;
    uint64_t desc;
    Nest n;

    o.stage2_only = true;
    o.httu = "ad";
    o.s2ha = true;
    o.s2_out.af = false;
    nest_setup(&n, g, &o);
    g_assert_cmphex(sb_pgt_read_raw(n.s2, n.ipa, 3) & SPEC_DESC_AF, ==, 0);
    r = nest_txn(&n, n.ipa, false, false, false);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_OK);
    g_assert_cmphex(r.addr, ==, n.pa);
    g_assert_cmphex(sb_pgt_read_raw(n.s2, n.ipa, 3) & SPEC_DESC_AF, ==,
                    SPEC_DESC_AF);
    g_assert_cmpuint(env_events(&n.e), ==, 0);
    nest_free(&n);

    /* writable-clean (S2AP 0b01 + DBM): a read leaves it clean */
    o = opts_default();
    o.stage2_only = true;
    o.httu = "ad";
    o.s2ha = o.s2hd = true;
    o.s2_out.s2ap = 1;
    o.s2_out.dbm = true;
    nest_setup(&n, g, &o);
    r = nest_txn(&n, n.ipa, false, false, false);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_OK);
    g_assert_false(r.writable);
    desc = sb_pgt_read_raw(n.s2, n.ipa, 3);
    g_assert_cmphex(desc & SPEC_DESC_S2AP_W, ==, 0);
    /* then a write (TLB warm with a clean entry) makes it dirty */
    r = nest_txn(&n, n.ipa + 0x10, true, false, false);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_OK);
    g_assert_cmphex(r.addr, ==, n.pa + 0x10);
    g_assert_true(r.writable);
    g_assert_cmphex(sb_pgt_read_raw(n.s2, n.ipa, 3), ==,
                    desc | SPEC_DESC_S2AP_W);
    g_assert_cmpuint(env_events(&n.e), ==, 0);
    nest_free(&n);

    /* DBM without S2HD: a write to S2AP 0b01 is a permission fault */
    o.s2hd = false;
    nest_setup(&n, g, &o);
    r = nest_txn(&n, n.ipa, true, false, false);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_ABORT);
    expect_s2_fault(&n, SPEC_EVT_F_PERMISSION, SPEC_CLASS_IN, n.ipa, n.ipa,
                    false, false);
    g_assert_cmphex(sb_pgt_read_raw(n.s2, n.ipa, 3) & SPEC_DESC_S2AP_W, ==,
                    0);
    nest_free(&n);
}

/* STE.S2S: a stage-2 translation fault stalls, with Stall 1 and STAG */
static void test_s2_stall(const void *p)
{
    unsigned g = GPOINTER_TO_UINT(p);
    NestOpts o = opts_default();
    SmmuPmTxnResult r;
    uint64_t rec[4];
    Nest n;

    o.stage2_only = true;
    o.stall = "stall";
    o.s2s = true;
    o.s2r = false;          /* a stalled fault is recorded all the same */
    o.no_s2_out = true;
    nest_setup(&n, g, &o);
    r = nest_txn(&n, n.ipa + 4, true, false, true);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_STALLED);
    spec_event_pop_raw(&n.e, rec);
    g_assert_cmphex(EVR_TYPE(rec), ==, SPEC_EVT_F_TRANSLATION);
    g_assert_cmpuint(EVR_STALL(rec), ==, 1);
    g_assert_cmphex(EVR_STAG(rec), ==, r.stag);
    g_assert_cmpuint(EVR_S2(rec), ==, 1);
    g_assert_cmpuint(EVR_CLASS(rec), ==, SPEC_CLASS_IN);
    g_assert_cmphex(EVR_IPA(rec), ==, n.ipa);
    g_assert_cmpuint(EVR_RNW(rec), ==, 0);

    /* a requester that cannot wait: terminated, Stall 0 */
    r = nest_txn(&n, n.ipa + 4, false, false, false);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_ABORT);
    spec_event_pop_raw(&n.e, rec);
    g_assert_cmphex(EVR_TYPE(rec), ==, SPEC_EVT_F_TRANSLATION);
    g_assert_cmpuint(EVR_STALL(rec), ==, 0);
    g_assert_cmpuint(EVR_S2(rec), ==, 1);
    nest_free(&n);
}

/* Execute-only at stage 2 (S2AP 0b00, XN 0): a fetch, and no data read */
static void test_s2_only_exec_only(const void *p)
{
    unsigned g = GPOINTER_TO_UINT(p);
    NestOpts o = opts_default();
    SmmuPmTxnResult r;
    Nest n;

    o.stage2_only = true;
    o.s2_out.s2ap = 0;
    nest_setup(&n, g, &o);
    r = nest_txn(&n, n.ipa + 0x20, false, true, false);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_OK);
    g_assert_cmphex(r.addr, ==, n.pa + 0x20);
    g_assert_true(r.readable);
    g_assert_false(r.writable);
    g_assert_cmpuint(env_events(&n.e), ==, 0);
    r = nest_txn(&n, n.ipa + 0x20, false, false, false);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_ABORT);
    expect_s2_fault(&n, SPEC_EVT_F_PERMISSION, SPEC_CLASS_IN, n.ipa + 0x20,
                    n.ipa, true, false);
    nest_free(&n);
}

/* ---- Nested ------------------------------------------------------------- */

static void test_nested_ok(const void *p)
{
    unsigned g = GPOINTER_TO_UINT(p);
    NestOpts o = opts_default();
    SmmuPmTxnResult r;
    Nest n;

    nest_setup(&n, g, &o);
    r = nest_txn(&n, n.va, true, false, false);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_OK);
    g_assert_cmphex(r.addr, ==, n.pa + (n.va & (n.page - 1)));
    g_assert_cmphex(r.addr_mask, ==, n.page - 1);
    g_assert_true(r.readable && r.writable);
    g_assert_cmpuint(env_events(&n.e), ==, 0);
    nest_free(&n);
}

/* Stage 2 refuses the output IPA: S2, CLASS IN, IPA = stage 1's output */
static void test_nested_fault_in(const void *p)
{
    unsigned g = GPOINTER_TO_UINT(p);
    NestOpts o = opts_default();
    SmmuPmTxnResult r;
    Nest n;

    o.no_s2_out = true;
    nest_setup(&n, g, &o);
    r = nest_txn(&n, n.va, false, false, false);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_ABORT);
    expect_s2_fault(&n, SPEC_EVT_F_TRANSLATION, SPEC_CLASS_IN, n.va, n.ipa,
                    true, false);
    nest_free(&n);

    o = opts_default();
    o.s2_out.s2ap = 1;      /* read-only at stage 2, read-write at stage 1 */
    nest_setup(&n, g, &o);
    r = nest_txn(&n, n.va, true, false, false);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_ABORT);
    expect_s2_fault(&n, SPEC_EVT_F_PERMISSION, SPEC_CLASS_IN, n.va, n.ipa,
                    false, false);
    nest_free(&n);
}

/* A stage-1 permission fault: S2 0, CLASS IN, no IPA */
static void expect_s1_perm_fault(Nest *n, uint64_t input, bool rnw,
                                 bool pnu)
{
    uint64_t rec[4];

    spec_event_pop_raw(&n->e, rec);
    g_assert_cmphex(EVR_TYPE(rec), ==, SPEC_EVT_F_PERMISSION);
    g_assert_cmpuint(EVR_S2(rec), ==, 0);
    g_assert_cmpuint(EVR_CLASS(rec), ==, SPEC_CLASS_IN);
    g_assert_cmpuint(EVR_RNW(rec), ==, rnw);
    g_assert_cmpuint(EVR_PNU(rec), ==, pnu);
    g_assert_cmphex(EVR_INPUT(rec), ==, input);
    g_assert_cmphex(rec[3], ==, 0);
    g_assert_cmpuint(env_events(&n->e), ==, 0);
}

/*
 * Both stages refuse a write: stage 1's permission fault comes first
 * (IHI 0070, 7.3.22), so the record is stage 1's; and a stage-2 page that
 * S2HD would make dirty stays clean, stage 2 never seeing the write
 */
static void test_nested_s1_perm_first(const void *p)
{
    unsigned g = GPOINTER_TO_UINT(p);
    NestOpts o = opts_default();
    SmmuPmTxnResult r;
    uint64_t desc;
    Nest n;

    o.s1.ap = 3;                    /* read-only at both stages */
    o.s2_out.s2ap = 1;
    nest_setup(&n, g, &o);
    r = nest_txn(&n, n.va, true, false, false);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_ABORT);
    expect_s1_perm_fault(&n, n.va, false, false);
    nest_free(&n);

    o.httu = "ad";                  /* stage 2 writable-clean, S2HD */
    o.s2ha = o.s2hd = true;
    o.s2_out.dbm = true;
    nest_setup(&n, g, &o);
    desc = sb_pgt_read_raw(n.s2, n.ipa, 3);
    r = nest_txn(&n, n.va, true, false, false);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_ABORT);
    expect_s1_perm_fault(&n, n.va, false, false);
    g_assert_cmphex(sb_pgt_read_raw(n.s2, n.ipa, 3), ==, desc);
    nest_free(&n);
}

/*
 * Execute-only at stage 1: EL0 may fetch from an EL1-only page (AP 0b00,
 * UXN 0) though it may not read it, so the mapping must be readable for
 * the fetch (QEMU checks a fetch as a read) and for nothing else
 */
static void test_nested_el0_exec_only(const void *p)
{
    unsigned g = GPOINTER_TO_UINT(p);
    NestOpts o = opts_default();
    SmmuPmTxnResult r;
    Nest n;

    o.s1.ap = 0;
    nest_setup(&n, g, &o);
    r = nest_txn(&n, n.va, false, true, false);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_OK);
    g_assert_cmphex(r.addr, ==, n.pa + (n.va & (n.page - 1)));
    g_assert_true(r.readable);
    g_assert_false(r.writable);
    g_assert_cmpuint(env_events(&n.e), ==, 0);
    r = nest_txn(&n, n.va, false, false, false);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_ABORT);
    expect_s1_perm_fault(&n, n.va, true, false);
    nest_free(&n);
}

/* The CD's IPA has no stage-2 mapping: S2, CLASS CD, IPA = the CD's */
static void test_nested_fault_cd(const void *p)
{
    unsigned g = GPOINTER_TO_UINT(p);
    NestOpts o = opts_default();
    SmmuPmTxnResult r;
    Nest n;

    nest_setup(&n, g, &o);
    sb_pgt_unmap(n.s2, n.cdtab.base & ~(n.page - 1), n.page);
    r = nest_txn(&n, n.va, false, false, false);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_ABORT);
    expect_s2_fault(&n, SPEC_EVT_F_TRANSLATION, SPEC_CLASS_CD, n.va,
                    n.cdtab.base, true, false);
    nest_free(&n);
}

/* A stage-1 table's IPA has no stage-2 mapping: S2, CLASS TT */
static void test_nested_fault_tt(const void *p)
{
    unsigned g = GPOINTER_TO_UINT(p);
    NestOpts o = opts_default();
    SmmuPmTxnResult r;
    uint64_t leaf;
    Nest n;

    nest_setup(&n, g, &o);
    leaf = sb_pgt_desc_addr(n.s1, n.va, 3);
    sb_pgt_unmap(n.s2, leaf & ~(n.page - 1), n.page);
    r = nest_txn(&n, n.va, true, false, false);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_ABORT);
    expect_s2_fault(&n, SPEC_EVT_F_TRANSLATION, SPEC_CLASS_TT, n.va, leaf,
                    false, false);
    nest_free(&n);
}

/*
 * CD.HA: stage 1's AF update is a write to the descriptor's IPA, so it
 * goes through stage 2 (walk_update): allowed, the AF lands in the
 * table; refused by S2AP, an F_PERMISSION with CLASS TT and TTRnW 0.
 */
static void test_nested_s1_httu(const void *p)
{
    unsigned g = GPOINTER_TO_UINT(p);
    NestOpts o = opts_default();
    SmmuPmTxnResult r;
    uint64_t leaf;
    Nest n;

    o.httu = "ad";
    o.ha = true;
    o.s1.af = false;
    nest_setup(&n, g, &o);
    g_assert_cmphex(sb_pgt_read_raw(n.s1, n.va, 3) & SPEC_DESC_AF, ==, 0);
    r = nest_txn(&n, n.va, false, false, false);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_OK);
    g_assert_cmphex(r.addr, ==, n.pa + (n.va & (n.page - 1)));
    g_assert_cmphex(sb_pgt_read_raw(n.s1, n.va, 3) & SPEC_DESC_AF, ==,
                    SPEC_DESC_AF);
    g_assert_cmpuint(env_events(&n.e), ==, 0);
    nest_free(&n);

    /* the stage-1 tables read-only at stage 2 */
    o.s2_tables.s2ap = 1;
    nest_setup(&n, g, &o);
    leaf = sb_pgt_desc_addr(n.s1, n.va, 3);
    r = nest_txn(&n, n.va, false, false, false);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_ABORT);
    expect_s2_fault(&n, SPEC_EVT_F_PERMISSION, SPEC_CLASS_TT, n.va, leaf,
                    true, false);
    g_assert_cmphex(sb_pgt_read_raw(n.s1, n.va, 3) & SPEC_DESC_AF, ==, 0);
    nest_free(&n);
}

/* S1DSS bypass of a nested stream without SubstreamID: stage 2 alone */
static void test_nested_s1dss_bypass(void)
{
    NestOpts o = opts_default();
    SmmuPmTxnResult r;
    Nest n;

    nest_setup(&n, 12, &o);
    n.cdtab = sb_cdtab_linear(&n.e.sb, 2);
    sb_ste_set_cdtab(&n.ste, &n.cdtab);
    n.ste.s1dss = 1;                    /* bypass */
    sb_ste_write(&n.e.sb, &n.e.st, SID, &n.ste);
    r = nest_txn(&n, n.ipa + 0x30, false, false, false);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_OK);
    g_assert_cmphex(r.addr, ==, n.pa + 0x30);
    g_assert_false(r.bypass);
    nest_free(&n);
}

/* ---- Stage-1 dirty state by privilege ----------------------------------- */

/*
 * CD.HA/HD and a writable-clean stage-1 page (AP[2] 1 + DBM, @o->s1): a
 * write that the page refuses even once dirty, privileged when @refused
 * is, is a stage-1 F_PERMISSION and leaves the descriptor in memory as it
 * was; the other privilege's write then makes it dirty.  Hardware sets
 * the dirty state only for a write that does not fault given the updated
 * descriptor (Arm ARM, "Hardware management of the dirty state").  On a
 * stage-1-only stream, then nested (where the update is a write to the
 * descriptor's IPA through stage 2).
 */
static void s1_dirty_by_privilege(unsigned g, NestOpts *o, bool refused)
{
    o->httu = "ad";
    o->ha = o->hd = true;
    o->s1.dbm = true;
    for (int nested = 0; nested <= 1; nested++) {
        SmmuPmTxnResult r;
        uint64_t desc;
        Nest n;

        o->stage1_only = !nested;
        nest_setup(&n, g, o);
        desc = sb_pgt_read_raw(n.s1, n.va, 3);
        g_assert_cmphex(desc & SPEC_DESC_AP_RO, ==, SPEC_DESC_AP_RO);
        r = nest_write(&n, n.va, refused);
        g_assert_cmpint(r.status, ==, SMMU_PM_TXN_ABORT);
        expect_s1_perm_fault(&n, n.va, false, refused);
        g_assert_cmphex(sb_pgt_read_raw(n.s1, n.va, 3), ==, desc);

        r = nest_write(&n, n.va, !refused);
        g_assert_cmpint(r.status, ==, SMMU_PM_TXN_OK);
        g_assert_cmphex(r.addr, ==, n.pa + (n.va & (n.page - 1)));
        g_assert_true(r.writable);
        g_assert_cmphex(sb_pgt_read_raw(n.s1, n.va, 3), ==,
                        desc & ~SPEC_DESC_AP_RO);
        g_assert_cmpuint(env_events(&n.e), ==, 0);
        nest_free(&n);
    }
}

/* EL1-only (AP 0b10): EL0 may not write it even once dirty; EL1 may */
static void test_s1_httu_el1_only(const void *p)
{
    NestOpts o = opts_default();

    o.s1.ap = 2;
    s1_dirty_by_privilege(GPOINTER_TO_UINT(p), &o, false);
}

/*
 * EL0-accessible (AP 0b11) under CD.PAN: a privileged write is refused
 * (PAN), an unprivileged one makes it dirty
 */
static void test_s1_httu_pan(const void *p)
{
    NestOpts o = opts_default();

    o.s1.ap = 3;
    o.pan = true;
    s1_dirty_by_privilege(GPOINTER_TO_UINT(p), &o, true);
}

/*
 * EL0-accessible (AP 0b11) below a table with APTable[0] (no EL0 access):
 * the table's restriction holds for the dirty page too
 */
static void test_s1_httu_aptable_no_el0(const void *p)
{
    NestOpts o = opts_default();

    o.s1.ap = 3;
    o.s1_aptable = 1;
    s1_dirty_by_privilege(GPOINTER_TO_UINT(p), &o, false);
}

/*
 * Warm TLB (issue 15): a nested translation cached as one combined entry
 * must give what a cold TLB gives.  Each case runs the access twice: on
 * a fresh SMMU (cold), and after a data read of the same page has filled
 * the TLB (warm); both must end the same, with the same record.
 */
typedef void NestAccess(Nest *n, bool warm);

static void nest_cold_and_warm(unsigned g, const NestOpts *o, NestAccess *fn)
{
    for (int warm = 0; warm <= 1; warm++) {
        SmmuPmTxnResult r;
        Nest n;

        nest_setup(&n, g, o);
        if (warm) {
            r = nest_txn(&n, n.va + 8, false, false, false);
            g_assert_cmpint(r.status, ==, SMMU_PM_TXN_OK);
            g_assert_cmpuint(env_events(&n.e), ==, 0);
        }
        fn(&n, warm);
        nest_free(&n);
    }
}

/* (a) a write to a page stage 2 maps read-only: a stage-2 fault, its IPA */
static void write_s2_read_only(Nest *n, bool warm)
{
    SmmuPmTxnResult r = nest_txn(n, n->va, true, false, false);

    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_ABORT);
    expect_s2_fault(n, SPEC_EVT_F_PERMISSION, SPEC_CLASS_IN, n->va, n->ipa,
                    false, false);
}

static void test_nested_warm_s2_perm(const void *p)
{
    NestOpts o = opts_default();

    o.s2_out.s2ap = 1;
    nest_cold_and_warm(GPOINTER_TO_UINT(p), &o, write_s2_read_only);
}

/* (b) an instruction fetch from a page stage 2 makes execute-never */
static void fetch_s2_xn(Nest *n, bool warm)
{
    SmmuPmTxnResult r = nest_txn(n, n->va, false, true, false);

    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_ABORT);
    expect_s2_fault(n, SPEC_EVT_F_PERMISSION, SPEC_CLASS_IN, n->va, n->ipa,
                    true, false);
}

static void test_nested_warm_s2_xn(const void *p)
{
    NestOpts o = opts_default();

    o.s2_out.xn = 2;
    nest_cold_and_warm(GPOINTER_TO_UINT(p), &o, fetch_s2_xn);
}

/*
 * (c) S2HD with a writable-clean stage-2 page (S2AP 0b01 + DBM): a write
 * succeeds and makes the stage-2 descriptor dirty
 */
static void write_s2_dirty(Nest *n, bool warm)
{
    uint64_t desc = sb_pgt_read_raw(n->s2, n->ipa, 3);
    SmmuPmTxnResult r;

    g_assert_cmphex(desc & SPEC_DESC_S2AP_W, ==, 0);
    r = nest_txn(n, n->va + 0x10, true, false, false);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_OK);
    g_assert_cmphex(r.addr, ==, n->pa + 0x10 + (n->va & (n->page - 1)));
    g_assert_true(r.writable);
    g_assert_cmphex(sb_pgt_read_raw(n->s2, n->ipa, 3), ==,
                    desc | SPEC_DESC_S2AP_W);
    g_assert_cmpuint(env_events(&n->e), ==, 0);
}

static void test_nested_warm_s2_dirty(const void *p)
{
    NestOpts o = opts_default();

    o.httu = "ad";
    o.s2ha = o.s2hd = true;
    o.s2_out.s2ap = 1;
    o.s2_out.dbm = true;
    nest_cold_and_warm(GPOINTER_TO_UINT(p), &o, write_s2_dirty);
}

static void add_per_granule(const char *name, GTestDataFunc fn)
{
    for (unsigned i = 0; i < G_N_ELEMENTS(granules); i++) {
        char *path = g_strdup_printf("/smmuv3-pm/translate/%s/%uk", name,
                                     1u << (granules[i] - 10));

        g_test_add_data_func(path, GUINT_TO_POINTER(granules[i]), fn);
        g_free(path);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    add_per_granule("s2-only/ok", test_s2_only_ok);
    add_per_granule("s2-only/faults", test_s2_only_faults);
    add_per_granule("s2-only/walk-eabt", test_s2_only_walk_eabt);
    add_per_granule("s2-only/httu", test_s2_httu);
    add_per_granule("s2-only/stall", test_s2_stall);
    add_per_granule("s2-only/exec-only", test_s2_only_exec_only);
    add_per_granule("nested/ok", test_nested_ok);
    add_per_granule("nested/fault-in", test_nested_fault_in);
    add_per_granule("nested/s1-perm-first", test_nested_s1_perm_first);
    add_per_granule("nested/el0-exec-only", test_nested_el0_exec_only);
    add_per_granule("nested/fault-cd", test_nested_fault_cd);
    add_per_granule("nested/fault-tt", test_nested_fault_tt);
    add_per_granule("nested/s1-httu", test_nested_s1_httu);
    add_per_granule("s1-httu/el1-only", test_s1_httu_el1_only);
    add_per_granule("s1-httu/pan", test_s1_httu_pan);
    add_per_granule("s1-httu/aptable-no-el0", test_s1_httu_aptable_no_el0);
    g_test_add_func("/smmuv3-pm/translate/nested/s1dss-bypass",
                    test_nested_s1dss_bypass);
    add_per_granule("nested/warm-s2-perm", test_nested_warm_s2_perm);
    add_per_granule("nested/warm-s2-xn", test_nested_warm_s2_xn);
    add_per_granule("nested/warm-s2-dirty", test_nested_warm_s2_dirty);
    return g_test_run();
}
