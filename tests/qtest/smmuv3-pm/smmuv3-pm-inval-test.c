/*
 * arm-smmuv3-pm qtest: the exact effect of every invalidation command
 *
 * Each test gives two DMA masters (StreamIDs SID and SID2) translations,
 * uses them once so that they are cached, then changes the structures in
 * memory behind the SMMU's back.  Until the right command is issued the
 * stale translation must still be used (the model caches like hardware and
 * never over-invalidates, so a driver that forgets a command is caught);
 * after it the new one, while entries the command does not name survive.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "smmu-env.h"

#define PAGE                0x1000ULL

/* ---- Helpers ------------------------------------------------------------- */

/* Data page @n: translations "move" from one data page to another */
static uint64_t data_page(Env *e, unsigned n)
{
    return e->data + n * PAGE;
}

static void remap_page(SbPgtable *pt, uint64_t ia, uint64_t oa,
                       const SbPte *pte)
{
    sb_pgt_unmap(pt, ia, PAGE);
    g_assert_true(sb_pgt_map(pt, ia, oa, PAGE, pte));
}

/* Master @m must read page @page at @iova (a distinct seed per check) */
static void check(Env *e, unsigned m, uint64_t iova, unsigned page)
{
    static uint8_t seed;

    env_use_master(e, m);
    env_expect_read(e, iova, DMAM_NO_PASID, data_page(e, page), ++seed);
}

/*
 * Two stage-1 streams: master m with VMID @vmid[m] (STE.S2VMID) and ASID
 * @asid[m], each mapping @n pages from @iova to data pages 0.. (master 0)
 * and 8.. (master 1).  TLB entries are tagged by VMID and ASID, not by
 * StreamID, so two streams sharing both would share entries.
 */
typedef struct TwoS1 {
    EnvS1 s[ENV_MASTERS];
} TwoS1;

static void two_s1_setup(Env *e, TwoS1 *t, uint64_t iova, unsigned n,
                         const uint16_t vmid[ENV_MASTERS],
                         const uint16_t asid[ENV_MASTERS])
{
    static const uint32_t sid[ENV_MASTERS] = { SID, SID2 };

    env_enable(e, sb_strtab_linear(&e->sb, 8), EVTQ_LOG2);
    for (int m = 0; m < ENV_MASTERS; m++) {
        EnvS1 *s = &t->s[m];

        env_s1_setup(e, s, 12, 0, 0);
        for (unsigned i = 0; i < n; i++) {
            g_assert_true(sb_pgt_map(s->pt, iova + i * PAGE,
                                     data_page(e, m * 8 + i), PAGE,
                                     &env_pte_rw));
        }
        s->cd.asid = asid[m];
        sb_cd_write(&e->sb, &s->cdtab, 0, &s->cd);
        s->ste.s2vmid = vmid[m];
        sb_ste_write(&e->sb, &e->st, sid[m], &s->ste);
    }
    for (int m = 0; m < ENV_MASTERS; m++) {
        for (unsigned i = 0; i < n; i++) {
            check(e, m, iova + i * PAGE, m * 8 + i);
        }
    }
}

/* Move every translation of both masters to data page + 4 */
static void two_s1_move_all(Env *e, TwoS1 *t, uint64_t iova, unsigned n)
{
    for (int m = 0; m < ENV_MASTERS; m++) {
        for (unsigned i = 0; i < n; i++) {
            remap_page(t->s[m].pt, iova + i * PAGE,
                       data_page(e, m * 8 + i + 4), &env_pte_rw);
        }
    }
}

/* ---- Stage 1 ------------------------------------------------------------- */

/*
 * One stream: TLBI_NH_VA, TLBI_NH_ASID (global entries survive it),
 * TLBI_NH_VAA, CFGI_CD after an ASID change and CFGI_STE after a Config
 * change
 */
static void test_basic(void)
{
    uint64_t a = 0x300000, b = 0x301000, g = 0x302000;
    SbTlbiAddr ta = { .addr = a, .leaf = true };
    uint64_t c[2];
    Env e;
    EnvS1 s;

    env_start(&e, "stage=s1");
    env_s1_setup(&e, &s, 12, 0, 0);
    g_assert_true(sb_pgt_map(s.pt, a, e.data, 0x1000, &env_pte_rw));
    g_assert_true(sb_pgt_map(s.pt, b, e.data + 0x1000, 0x1000, &env_pte_rw));
    g_assert_true(sb_pgt_map(s.pt, g, e.data + 0x4000, 0x1000,
                             &env_pte_global));
    sb_cd_write(&e.sb, &s.cdtab, 0, &s.cd);
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    sb_ste_write(&e.sb, &e.st, SID, &s.ste);
    env_expect_read(&e, a, DMAM_NO_PASID, e.data, 10);
    env_expect_read(&e, b, DMAM_NO_PASID, e.data + 0x1000, 11);
    env_expect_read(&e, g, DMAM_NO_PASID, e.data + 0x4000, 30);
    sb_pgt_unmap(s.pt, g, 0x1000);
    g_assert_true(sb_pgt_map(s.pt, g, e.data + 0x5000, 0x1000,
                             &env_pte_global));

    /* both pages move; until a TLBI the old translations are used */
    remap_page(s.pt, a, e.data + 0x2000, &env_pte_rw);
    remap_page(s.pt, b, e.data + 0x3000, &env_pte_rw);
    env_expect_read(&e, a, DMAM_NO_PASID, e.data, 12);
    env_expect_read(&e, b, DMAM_NO_PASID, e.data + 0x1000, 13);
    /* TLBI_NH_VA of a: a moves, b stays stale */
    sb_cmd_tlbi_nh_va(c, 0, 1, &ta);
    env_cmd(&e, c);
    env_expect_read(&e, a, DMAM_NO_PASID, e.data + 0x2000, 14);
    env_expect_read(&e, b, DMAM_NO_PASID, e.data + 0x1000, 15);
    /* TLBI_NH_ASID of another ASID: b stays stale */
    sb_cmd_tlbi_nh_asid(c, 0, 2);
    env_cmd(&e, c);
    env_expect_read(&e, b, DMAM_NO_PASID, e.data + 0x1000, 16);
    /* TLBI_NH_ASID of ASID 1: b moves; the global entry g survives */
    sb_cmd_tlbi_nh_asid(c, 0, 1);
    env_cmd(&e, c);
    env_expect_read(&e, b, DMAM_NO_PASID, e.data + 0x3000, 17);
    env_expect_read(&e, g, DMAM_NO_PASID, e.data + 0x4000, 31);
    /* TLBI_NH_VAA (all ASIDs) of g: it moves */
    ta.addr = g;
    sb_cmd_tlbi_nh_vaa(c, 0, &ta);
    env_cmd(&e, c);
    env_expect_read(&e, g, DMAM_NO_PASID, e.data + 0x5000, 32);
    /* NH_ASID dropped a too: it is walked again */
    env_expect_read(&e, a, DMAM_NO_PASID, e.data + 0x2000, 33);

    /* the CD changes ASID: stale until CFGI_CD, then a TLB miss */
    s.cd.asid = 9;
    remap_page(s.pt, a, e.data, &env_pte_rw);
    sb_cd_write(&e.sb, &s.cdtab, 0, &s.cd);
    env_expect_read(&e, a, DMAM_NO_PASID, e.data + 0x2000, 18);
    sb_cmd_cfgi_cd(c, SID, 0, true);
    env_cmd(&e, c);
    env_expect_read(&e, a, DMAM_NO_PASID, e.data, 19);

    /* the STE goes to bypass: stale until CFGI_STE */
    s.ste.config = SB_STE_CFG_BYPASS;
    sb_ste_write(&e.sb, &e.st, SID, &s.ste);
    env_expect_read(&e, a, DMAM_NO_PASID, e.data, 20);
    env_cfgi_ste(&e, SID);
    env_expect_read(&e, e.data + 0x100, DMAM_NO_PASID, e.data + 0x100, 21);
    env_expect_no_event(&e);
    env_stop(&e);
}

/* TLBI_NH_ALL is per VMID; TLBI_NSNH_ALL takes every VMID */
static void test_nh_all(void)
{
    static const uint16_t vmid[] = { 1, 2 }, asid[] = { 1, 1 };
    uint64_t iova = 0x500000, c[2];
    TwoS1 t;
    Env e;

    env_start(&e, "stage=nested");
    two_s1_setup(&e, &t, iova, 2, vmid, asid);
    two_s1_move_all(&e, &t, iova, 2);
    check(&e, 0, iova, 0);
    check(&e, 1, iova, 8);
    /* another VMID: nothing moves */
    sb_cmd_tlbi_nh_all(c, 3);
    env_cmd(&e, c);
    check(&e, 0, iova, 0);
    check(&e, 1, iova + PAGE, 9);
    /* VMID 1: master 0 moves, master 1 (VMID 2) stays stale */
    sb_cmd_tlbi_nh_all(c, 1);
    env_cmd(&e, c);
    check(&e, 0, iova, 4);
    check(&e, 0, iova + PAGE, 5);
    check(&e, 1, iova, 8);
    /* every VMID */
    sb_cmd_tlbi_nsnh_all(c);
    env_cmd(&e, c);
    check(&e, 1, iova, 12);
    check(&e, 1, iova + PAGE, 13);
    env_expect_no_event(&e);
    env_stop(&e);
}

/*
 * TLBI_NH_VA/ASID match the VMID too when stage 2 is implemented: the
 * same ASID in two VMIDs is two address spaces
 */
static void test_nh_va_vmid(void)
{
    static const uint16_t vmid[] = { 1, 2 }, asid[] = { 1, 1 };
    SbTlbiAddr ta = { .addr = 0x500000, .leaf = true };
    uint64_t c[2];
    TwoS1 t;
    Env e;

    env_start(&e, "stage=nested");
    two_s1_setup(&e, &t, ta.addr, 1, vmid, asid);
    two_s1_move_all(&e, &t, ta.addr, 1);
    sb_cmd_tlbi_nh_va(c, 2, 1, &ta);
    env_cmd(&e, c);
    check(&e, 0, ta.addr, 0);
    check(&e, 1, ta.addr, 12);
    sb_cmd_tlbi_nh_asid(c, 2, 1);       /* VMID 2 again: master 0 stays */
    env_cmd(&e, c);
    check(&e, 0, ta.addr, 0);
    sb_cmd_tlbi_nh_asid(c, 1, 1);
    env_cmd(&e, c);
    check(&e, 0, ta.addr, 4);
    env_expect_no_event(&e);
    env_stop(&e);
}

/*
 * Range invalidation (IDR3.RIL): a command covering pages 1-2 of four
 * moves exactly those; the split a driver makes for pages 0-3 moves all.
 */
static void test_nh_range(void)
{
    static const uint16_t vmid[] = { 0, 0 }, asid[] = { 1, 2 };
    uint64_t iova = 0x600000, c[2];
    SbTlbiAddr split[8];
    SbTlbiAddr ta = {
        .addr = iova + PAGE, .leaf = true, .tg = 1, .num = 1, .ttl = 3,
    };
    unsigned n;
    TwoS1 t;
    Env e;

    env_start(&e, "stage=s1,ril=on");
    two_s1_setup(&e, &t, iova, 4, vmid, asid);
    two_s1_move_all(&e, &t, iova, 4);
    /* NUM=1, SCALE=0: (1 + 1) * 2^0 = 2 pages from iova + PAGE */
    sb_cmd_tlbi_nh_va(c, 0, 1, &ta);
    env_cmd(&e, c);
    check(&e, 0, iova, 0);
    check(&e, 0, iova + PAGE, 5);
    check(&e, 0, iova + 2 * PAGE, 6);
    check(&e, 0, iova + 3 * PAGE, 3);
    check(&e, 1, iova + PAGE, 9);          /* ASID 2 */
    /* TTL=2 names level-2 entries only: the level-3 page stays stale */
    ta = (SbTlbiAddr) { .addr = iova, .leaf = true, .tg = 1, .ttl = 2 };
    sb_cmd_tlbi_nh_vaa(c, 0, &ta);
    env_cmd(&e, c);
    check(&e, 0, iova, 0);
    /* the split a driver makes for 4 pages at iova (NUM=3) */
    n = sb_tlbi_range_split(iova, 4 * PAGE, 12, true, 3, split, 8);
    for (unsigned i = 0; i < n; i++) {
        sb_cmd_tlbi_nh_va(c, 0, 1, &split[i]);
        env_cmd(&e, c);
    }
    check(&e, 0, iova, 4);
    check(&e, 0, iova + 3 * PAGE, 7);
    check(&e, 1, iova + 3 * PAGE, 11);
    env_expect_no_event(&e);
    env_stop(&e);
}

/*
 * Leaf=1 invalidates only last-level entries: after a level-2 table
 * pointer changes, the walk cache keeps the old table until a Leaf=0
 * invalidation (4.4.1: Leaf=1 need not invalidate intermediate entries).
 */
static void test_leaf(void)
{
    uint64_t iova = 0x800000, l3_new, c[2];
    SbTlbiAddr ta = { .addr = iova, .leaf = true };
    EnvS1 s;
    Env e;

    env_start(&e, "stage=s1");
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    env_s1_setup(&e, &s, 12, 0, 0);
    g_assert_true(sb_pgt_map(s.pt, iova, data_page(&e, 0), PAGE,
                             &env_pte_rw));
    sb_cd_write(&e.sb, &s.cdtab, 0, &s.cd);
    sb_ste_write(&e.sb, &e.st, SID, &s.ste);
    check(&e, 0, iova, 0);
    /* a new level-3 table mapping iova to page 1 */
    l3_new = sb_alloc(&e.sb, PAGE, PAGE);
    sb_write64(&e.sb, l3_new + 8 * ((iova >> 12) & 511),
               data_page(&e, 1) | 3 | (1 << 10) | (1 << 6) | (3 << 8) |
               (1ULL << 11));
    sb_pgt_write_raw(s.pt, iova, 2, l3_new | 3);
    sb_cmd_tlbi_nh_va(c, 0, 1, &ta);
    env_cmd(&e, c);
    check(&e, 0, iova, 0);      /* the old level-3 table, from the walk cache */
    ta.leaf = false;
    sb_cmd_tlbi_nh_va(c, 0, 1, &ta);
    env_cmd(&e, c);
    check(&e, 0, iova, 1);
    env_expect_no_event(&e);
    env_stop(&e);
}

/* ---- Stage 2 and nested -------------------------------------------------- */

static void test_s2(void)
{
    uint64_t ipa = 0x20000000, c[2];
    SbTlbiAddr ta = { .addr = ipa, .leaf = true };
    SbPgtable *pt[ENV_MASTERS];
    SbSte ste[ENV_MASTERS];
    Env e;

    env_start(&e, "stage=nested,ril=on");
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    for (int m = 0; m < ENV_MASTERS; m++) {
        pt[m] = env_s2_setup(&e, &ste[m], 12, SB_STE_CFG_S2);
        ste[m].s2vmid = 7 + m;
        for (int i = 0; i < 3; i++) {
            g_assert_true(sb_pgt_map(pt[m], ipa + i * PAGE,
                                     data_page(&e, m * 8 + i), PAGE,
                                     &env_pte_s2_rw));
        }
        sb_ste_write(&e.sb, &e.st, m ? SID2 : SID, &ste[m]);
    }
    for (int m = 0; m < ENV_MASTERS; m++) {
        for (int i = 0; i < 3; i++) {
            check(&e, m, ipa + i * PAGE, m * 8 + i);
            remap_page(pt[m], ipa + i * PAGE, data_page(&e, m * 8 + i + 4),
                       &env_pte_s2_rw);
        }
    }
    /* stage-1 invalidation leaves stage-2 entries alone */
    sb_cmd_tlbi_nh_all(c, 7);
    env_cmd(&e, c);
    check(&e, 0, ipa, 0);
    /* S2_IPA: one page of VMID 7 */
    sb_cmd_tlbi_s2_ipa(c, 7, &ta);
    env_cmd(&e, c);
    check(&e, 0, ipa, 4);
    check(&e, 0, ipa + PAGE, 1);
    check(&e, 1, ipa, 8);
    /* a range S2_IPA: pages 1-2 of VMID 7 (NUM=1, SCALE=0) */
    ta = (SbTlbiAddr) { .addr = ipa + PAGE, .leaf = true, .tg = 1, .num = 1 };
    sb_cmd_tlbi_s2_ipa(c, 7, &ta);
    env_cmd(&e, c);
    check(&e, 0, ipa + PAGE, 5);
    check(&e, 0, ipa + 2 * PAGE, 6);
    check(&e, 1, ipa + PAGE, 9);
    /* S12_VMALL: everything of VMID 8 */
    sb_cmd_tlbi_s12_vmall(c, 8);
    env_cmd(&e, c);
    check(&e, 1, ipa, 12);
    check(&e, 1, ipa + 2 * PAGE, 14);
    /* NSNH_ALL takes stage-2 entries too */
    remap_page(pt[0], ipa, data_page(&e, 2), &env_pte_s2_rw);
    check(&e, 0, ipa, 4);
    sb_cmd_tlbi_nsnh_all(c);
    env_cmd(&e, c);
    check(&e, 0, ipa, 2);
    env_expect_no_event(&e);
    env_stop(&e);
}

/*
 * Nested: a combined stage 1+2 entry is not removed by S2_IPA (the driver
 * must follow it with a stage-1 invalidation or S12_VMALL), and is removed
 * by TLBI_NH_VA of its VMID/ASID and by S12_VMALL.
 */
static void test_nested(void)
{
    uint64_t iova = 0x900000, ipa = 0x3000000000ULL, c[2];
    SbTlbiAddr ta = { .addr = ipa, .leaf = true };
    SbPgtable *s2pt;
    SbSte ste;
    EnvS1 s;
    Env e;

    env_start(&e, "stage=nested");
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    env_s1_setup(&e, &s, 12, 0, 0);
    s2pt = env_s2_setup(&e, &ste, 12, SB_STE_CFG_NESTED);
    for (uint64_t off = 0; off < (32 << 20); off += 2 << 20) {
        g_assert_true(sb_pgt_map(s2pt, e.sb.base + off, e.sb.base + off,
                                 2 << 20, &env_pte_s2_rw));
    }
    g_assert_true(sb_pgt_map(s.pt, iova, ipa, PAGE, &env_pte_rw));
    g_assert_true(sb_pgt_map(s2pt, ipa, data_page(&e, 0), PAGE,
                             &env_pte_s2_rw));
    sb_cd_write(&e.sb, &s.cdtab, 0, &s.cd);
    ste.s1_context_ptr = s.cdtab.base;
    sb_ste_write(&e.sb, &e.st, SID, &ste);
    check(&e, 0, iova, 0);
    /* stage 2 moves the IPA */
    remap_page(s2pt, ipa, data_page(&e, 1), &env_pte_s2_rw);
    sb_cmd_tlbi_s2_ipa(c, 7, &ta);
    env_cmd(&e, c);
    check(&e, 0, iova, 0);
    ta.addr = iova;
    sb_cmd_tlbi_nh_va(c, 7, 1, &ta);
    env_cmd(&e, c);
    check(&e, 0, iova, 1);
    /* again, with S12_VMALL; another VMID's first */
    remap_page(s2pt, ipa, data_page(&e, 2), &env_pte_s2_rw);
    sb_cmd_tlbi_s12_vmall(c, 8);
    env_cmd(&e, c);
    check(&e, 0, iova, 1);
    sb_cmd_tlbi_s12_vmall(c, 7);
    env_cmd(&e, c);
    check(&e, 0, iova, 2);
    env_expect_no_event(&e);
    env_stop(&e);
}

/* ---- EL2 streams --------------------------------------------------------- */

/*
 * STRW=EL2 (no E2H): entries belong to the EL2 regime, which has no
 * ASIDs.  TLBI_NSNH_ALL and TLBI_EL2_ASID leave them; TLBI_EL2_VA (any
 * ASID), TLBI_EL2_VAA and TLBI_EL2_ALL remove them, and none of the EL2
 * commands touches the NS-EL1 stream.
 */
static void test_el2(void)
{
    static const uint16_t vmid[] = { 0, 0 }, asid[] = { 1, 2 };
    uint64_t iova = 0x700000, c[2];
    SbTlbiAddr ta = { .addr = iova, .leaf = true };
    TwoS1 t;
    Env e;

    env_start(&e, "stage=s1");
    two_s1_setup(&e, &t, iova, 3, vmid, asid);
    /* master 0 becomes an EL2 stream */
    t.s[0].ste.strw = 2;
    sb_ste_write(&e.sb, &e.st, SID, &t.s[0].ste);
    sb_cmd_cfgi_all(c);
    env_cmd(&e, c);
    sb_cmd_tlbi_nsnh_all(c);
    env_cmd(&e, c);
    for (int i = 0; i < 3; i++) {
        check(&e, 0, iova + i * PAGE, i);
    }
    two_s1_move_all(&e, &t, iova, 3);
    sb_cmd_tlbi_nsnh_all(c);
    env_cmd(&e, c);
    check(&e, 0, iova, 0);
    check(&e, 1, iova, 12);
    remap_page(t.s[1].pt, iova, data_page(&e, 8), &env_pte_rw);
    sb_cmd_tlbi_el2_asid(c, 1);
    env_cmd(&e, c);
    check(&e, 0, iova, 0);
    sb_cmd_tlbi_el2_va(c, 55, &ta);
    env_cmd(&e, c);
    check(&e, 0, iova, 4);
    check(&e, 0, iova + PAGE, 1);
    ta.addr = iova + PAGE;
    sb_cmd_tlbi_el2_vaa(c, &ta);
    env_cmd(&e, c);
    check(&e, 0, iova + PAGE, 5);
    check(&e, 0, iova + 2 * PAGE, 2);
    sb_cmd_tlbi_el2_all(c);
    env_cmd(&e, c);
    check(&e, 0, iova + 2 * PAGE, 6);
    check(&e, 1, iova, 12);         /* the NS-EL1 entry was never touched */
    env_expect_no_event(&e);
    env_stop(&e);
}

/* With CR2.E2H=1 an EL2 stream has ASIDs: TLBI_EL2_ASID names them */
static void test_el2_e2h(void)
{
    uint64_t iova = 0x700000, c[2];
    EnvS1 s;
    Env e;

    env_start(&e, "stage=s1");
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    /* CR2 may only change while SMMUEN=0 */
    env_set_cr0(&e, CR0_CMDQEN | CR0_EVENTQEN);
    env_wr(&e, R_CR2, CR2_RECINVSID | 1 /* E2H */);
    env_set_cr0(&e, CR0_CMDQEN | CR0_EVENTQEN | CR0_SMMUEN);
    env_s1_setup(&e, &s, 12, 0, 0);
    s.ste.strw = 2;
    g_assert_true(sb_pgt_map(s.pt, iova, data_page(&e, 0), PAGE,
                             &env_pte_rw));
    sb_cd_write(&e.sb, &s.cdtab, 0, &s.cd);
    sb_ste_write(&e.sb, &e.st, SID, &s.ste);
    check(&e, 0, iova, 0);
    remap_page(s.pt, iova, data_page(&e, 1), &env_pte_rw);
    sb_cmd_tlbi_el2_asid(c, 2);
    env_cmd(&e, c);
    check(&e, 0, iova, 0);
    sb_cmd_tlbi_nh_asid(c, 0, 1);       /* the NS-EL1 world's ASID 1 */
    env_cmd(&e, c);
    check(&e, 0, iova, 0);
    sb_cmd_tlbi_el2_asid(c, 1);
    env_cmd(&e, c);
    check(&e, 0, iova, 1);
    env_expect_no_event(&e);
    env_stop(&e);
}

/* ---- Configuration ------------------------------------------------------- */

/*
 * CFGI_STE_RANGE: 2^(Range+1) StreamIDs from the aligned base.  Both
 * streams change to bypass; Range=2 from SID (0x18-0x1f) reaches only
 * master 0, Range=5 (0x00-0x3f) reaches master 1.
 */
static void test_cfgi_ste_range(void)
{
    static const uint16_t vmid[] = { 0, 0 }, asid[] = { 1, 2 };
    uint64_t iova = 0x500000, c[2];
    TwoS1 t;
    Env e;

    env_start(&e, "stage=s1");
    two_s1_setup(&e, &t, iova, 1, vmid, asid);
    for (int m = 0; m < ENV_MASTERS; m++) {
        t.s[m].ste.config = SB_STE_CFG_BYPASS;
        sb_ste_write(&e.sb, &e.st, m ? SID2 : SID, &t.s[m].ste);
    }
    check(&e, 0, iova, 0);
    sb_cmd_cfgi_ste_range(c, SID + 3, 2);
    env_cmd(&e, c);
    check(&e, 0, data_page(&e, 2), 2);      /* bypass: IOVA = PA */
    check(&e, 1, iova, 8);
    sb_cmd_cfgi_ste_range(c, 0x21, 5);
    env_cmd(&e, c);
    check(&e, 1, data_page(&e, 3), 3);
    env_expect_no_event(&e);
    env_stop(&e);
}

/*
 * CFGI_CD names one SubstreamID, CFGI_CD_ALL every CD of one StreamID:
 * master 0's CDs 1 and 2 and master 1's CD 1 all change ASID.
 */
static void test_cfgi_cd(void)
{
    uint64_t iova = 0x500000, c[2];
    EnvS1 s[ENV_MASTERS];
    Env e;

    env_start(&e, "stage=s1,ssidsize=4");
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    for (int m = 0; m < ENV_MASTERS; m++) {
        env_s1_setup(&e, &s[m], 12, 2, 0);
        g_assert_true(sb_pgt_map(s[m].pt, iova, data_page(&e, m * 8), PAGE,
                                 &env_pte_rw));
        s[m].cd.asid = 10 + m;
        sb_cd_write(&e.sb, &s[m].cdtab, 1, &s[m].cd);
        sb_cd_write(&e.sb, &s[m].cdtab, 2, &s[m].cd);
        sb_ste_write(&e.sb, &e.st, m ? SID2 : SID, &s[m].ste);
    }
    for (int m = 0; m < ENV_MASTERS; m++) {
        env_use_master(&e, m);
        for (uint32_t ssid = 1; ssid <= 2; ssid++) {
            env_expect_read(&e, iova, ssid, data_page(&e, m * 8), ssid);
        }
        /* the new CDs: another ASID, whose TLB entries are cold */
        remap_page(s[m].pt, iova, data_page(&e, m * 8 + 1), &env_pte_rw);
        s[m].cd.asid = 20 + m;
        sb_cd_write(&e.sb, &s[m].cdtab, 1, &s[m].cd);
        sb_cd_write(&e.sb, &s[m].cdtab, 2, &s[m].cd);
    }
    sb_cmd_cfgi_cd(c, SID, 1, true);
    env_cmd(&e, c);
    env_use_master(&e, 0);
    env_expect_read(&e, iova, 1, data_page(&e, 1), 40);
    env_expect_read(&e, iova, 2, data_page(&e, 0), 41);
    sb_cmd_cfgi_cd_all(c, SID);
    env_cmd(&e, c);
    env_expect_read(&e, iova, 2, data_page(&e, 1), 42);
    env_use_master(&e, 1);
    env_expect_read(&e, iova, 1, data_page(&e, 8), 43);
    sb_cmd_cfgi_cd_all(c, SID2);
    env_cmd(&e, c);
    env_expect_read(&e, iova, 1, data_page(&e, 9), 44);
    env_expect_no_event(&e);
    env_stop(&e);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    if (!qtest_has_device("smmu-dma-master")) {
        g_test_skip("smmu-dma-master is not compiled in");
        return g_test_run();
    }
    qtest_add_func("/smmuv3-pm/inval/basic", test_basic);
    qtest_add_func("/smmuv3-pm/inval/tlbi-nh-all", test_nh_all);
    qtest_add_func("/smmuv3-pm/inval/tlbi-nh-va-vmid", test_nh_va_vmid);
    qtest_add_func("/smmuv3-pm/inval/tlbi-range", test_nh_range);
    qtest_add_func("/smmuv3-pm/inval/tlbi-leaf", test_leaf);
    qtest_add_func("/smmuv3-pm/inval/tlbi-s2", test_s2);
    qtest_add_func("/smmuv3-pm/inval/tlbi-nested", test_nested);
    qtest_add_func("/smmuv3-pm/inval/tlbi-el2", test_el2);
    qtest_add_func("/smmuv3-pm/inval/tlbi-el2-e2h", test_el2_e2h);
    qtest_add_func("/smmuv3-pm/inval/cfgi-ste-range", test_cfgi_ste_range);
    qtest_add_func("/smmuv3-pm/inval/cfgi-cd", test_cfgi_cd);
    return g_test_run();
}
