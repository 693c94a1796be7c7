/*
 * arm-smmuv3-pm qtest: the translation engine, driven like a driver would
 *
 * Builds stream tables, CDs and page tables in guest RAM (tests/common's
 * builder), programs the SMMU through its registers, and makes the
 * smmu-dma-master PCI device issue DMA: translations for every granule and
 * stage, 2-level tables, SubstreamIDs, the exact event record of each
 * fault (the invalidation commands are smmuv3-pm-inval-test's, the
 * queues smmuv3-pm-queue-test's).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "smmu-env.h"

/* ---- Translation --------------------------------------------------------- */

static void test_s1_granule(const void *opaque)
{
    unsigned granule = GPOINTER_TO_UINT(opaque);
    uint64_t page = 1ULL << granule;
    uint64_t iova = 0x40000000ULL + 3 * page;
    Env e;
    EnvS1 s;

    env_start(&e, "stage=nested");
    env_s1_setup(&e, &s, granule, 0, 0);
    g_assert_true(sb_pgt_map(s.pt, iova, e.data, page, &env_pte_rw));
    sb_cd_write(&e.sb, &s.cdtab, 0, &s.cd);
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    sb_ste_write(&e.sb, &e.st, SID, &s.ste);
    env_expect_read(&e, iova + 0x40, DMAM_NO_PASID, e.data + 0x40, 1);
    env_expect_write(&e, iova + 0x80, DMAM_NO_PASID, e.data + 0x80);
    /* the next page is not mapped */
    env_expect_fault(&e, iova + page, DMAM_NO_PASID, false, 0);
    env_expect_event(&e, &(SbEvent) {
        .type = SB_EVT_F_TRANSLATION, .sid = SID, .rnw = true,
        .class_ = SB_EVT_CLASS_IN, .input_addr = iova + page,
    });
    env_expect_no_event(&e);
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
    pt = env_s2_setup(&e, &ste, granule, SB_STE_CFG_S2);
    g_assert_true(sb_pgt_map(pt, ipa, e.data, page, &env_pte_s2_rw));
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    sb_ste_write(&e.sb, &e.st, SID, &ste);
    env_expect_read(&e, ipa + 8, DMAM_NO_PASID, e.data + 8, 2);
    env_expect_write(&e, ipa + 0x100, DMAM_NO_PASID, e.data + 0x100);
    env_expect_fault(&e, ipa - page, DMAM_NO_PASID, true, 0);
    env_expect_event(&e, &(SbEvent) {
        .type = SB_EVT_F_TRANSLATION, .sid = SID, .rnw = false, .s2 = true,
        .class_ = SB_EVT_CLASS_IN, .input_addr = ipa - page,
        .ipa = ipa - page,
    });
    env_expect_no_event(&e);
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
    EnvS1 s;
    Env e;

    env_start(&e, "stage=nested");
    env_s1_setup(&e, &s, 12, 0, 0);
    s2pt = env_s2_setup(&e, &ste, 12, SB_STE_CFG_NESTED);
    g_assert_true(sb_pgt_map(s.pt, iova, ipa_data, 0x1000, &env_pte_rw));
    g_assert_true(sb_pgt_map(s.pt, iova_hole, ipa_hole, 0x1000, &env_pte_rw));
    /* a level-3 table of its own, outside the pool: no stage-2 mapping */
    g_assert_true(sb_pgt_map(s.pt, iova_tt, ipa_data, 0x1000, &env_pte_rw));
    l3 = sb_pgt_read_raw(s.pt, iova_tt, 2) & ~0xfffULL & ((1ULL << 48) - 1);
    sb_pgt_write_raw(s.pt, iova_tt, 2, (ipa_hole + 0x10000) | 3);
    sb_cd_write(&e.sb, &s.cdtab, 0, &s.cd);
    ste.s1_context_ptr = s.cdtab.base;
    ste.s1cdmax = 0;
    for (uint64_t off = 0; off < (32 << 20); off += 2 << 20) {
        g_assert_true(sb_pgt_map(s2pt, e.sb.base + off, e.sb.base + off,
                                 2 << 20, &env_pte_s2_rw));
    }
    g_assert_true(sb_pgt_map(s2pt, ipa_data, e.data, 0x1000, &env_pte_s2_rw));
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    sb_ste_write(&e.sb, &e.st, SID, &ste);
    env_expect_read(&e, iova + 0x10, DMAM_NO_PASID, e.data + 0x10, 3);
    env_expect_write(&e, iova + 0x20, DMAM_NO_PASID, e.data + 0x20);
    /* stage 2 has no mapping for the output IPA: CLASS IN */
    env_expect_fault(&e, iova_hole + 8, DMAM_NO_PASID, false, 0);
    env_expect_event(&e, &(SbEvent) {
        .type = SB_EVT_F_TRANSLATION, .sid = SID, .rnw = true, .s2 = true,
        .class_ = SB_EVT_CLASS_IN, .input_addr = iova_hole + 8,
        .ipa = ipa_hole,
    });
    /* ... nor for a stage-1 table: CLASS TT, the descriptor's IPA */
    env_expect_fault(&e, iova_tt, DMAM_NO_PASID, false, 0);
    env_expect_event(&e, &(SbEvent) {
        .type = SB_EVT_F_TRANSLATION, .sid = SID, .rnw = true, .s2 = true,
        .class_ = SB_EVT_CLASS_TT, .ttrnw = true, .input_addr = iova_tt,
        .ipa = ipa_hole + 0x10000,
    });
    env_expect_no_event(&e);
    (void)l3;
    env_stop(&e);
}

/* A 2-level stream table, a 2-level CD table and SubstreamIDs */
static void test_2lvl_ssid(void)
{
    uint64_t iova = 0x100000;
    EnvS1 s, s5;
    Env e;

    env_start(&e, "stage=s1,ssidsize=8");
    env_s1_setup(&e, &s, 12, 8, SB_S1FMT_2LVL_4K);
    g_assert_true(sb_pgt_map(s.pt, iova, e.data, 0x1000, &env_pte_rw));
    /* SSID 0x45 uses a different address space (CD in another L2 table) */
    env_s1_setup(&e, &s5, 12, 0, 0);
    g_assert_true(sb_pgt_map(s5.pt, iova, e.data + 0x1000, 0x1000,
                             &env_pte_rw));
    s5.cd.asid = 5;
    sb_cd_write(&e.sb, &s.cdtab, 0x45, &s5.cd);
    sb_cd_write(&e.sb, &s.cdtab, 1, &s.cd);
    s.ste.s1dss = 2;        /* no PASID: CD 0 ... which is invalid */
    env_enable(&e, sb_strtab_2lvl(&e.sb, 16, 8), EVTQ_LOG2);
    sb_ste_write(&e.sb, &e.st, SID, &s.ste);
    env_expect_read(&e, iova, 1, e.data, 4);
    env_expect_read(&e, iova, 0x45, e.data + 0x1000, 5);
    /* SSID 0 is reserved for non-substream traffic with S1DSS=0b10 */
    env_expect_fault(&e, iova, 0, false, 0);
    env_expect_event(&e, &(SbEvent) { .type = SB_EVT_F_STREAM_DISABLED,
                                  .sid = SID });
    /* beyond S1CDMax */
    env_expect_fault(&e, iova, 0x100, false, 0);
    env_expect_event(&e, &(SbEvent) { .type = SB_EVT_C_BAD_SUBSTREAMID,
                                  .sid = SID, .ssid = 0x100 });
    /* an L1CD with V == 0 */
    env_expect_fault(&e, iova, 0x80, false, 0);
    env_expect_event(&e, &(SbEvent) { .type = SB_EVT_C_BAD_SUBSTREAMID,
                                  .sid = SID, .ssid = 0x80 });
    /* no PASID: CD 0, never written, V == 0 */
    env_expect_fault(&e, iova, DMAM_NO_PASID, false, 0);
    env_expect_event(&e, &(SbEvent) { .type = SB_EVT_C_BAD_CD, .sid = SID });
    env_expect_no_event(&e);
    env_stop(&e);
}

/* ---- Configuration faults ------------------------------------------------ */

static void test_config_faults(void)
{
    uint64_t raw[8] = { 0 };
    SbStrtab small;
    Env e;
    EnvS1 s;

    env_start(&e, "stage=s1");
    env_s1_setup(&e, &s, 12, 0, 0);
    small = sb_strtab_linear(&e.sb, 4);     /* StreamIDs 0-15 only */
    env_enable(&e, small, EVTQ_LOG2);
    /* StreamID 0x18 is beyond LOG2SIZE: C_BAD_STREAMID (RECINVSID=1) */
    env_expect_fault(&e, 0x1000, DMAM_NO_PASID, false, 0);
    env_expect_event(&e, &(SbEvent) { .type = SB_EVT_C_BAD_STREAMID,
                                  .sid = SID });
    env_expect_no_event(&e);
    env_stop(&e);

    env_start(&e, "stage=s1");
    env_s1_setup(&e, &s, 12, 0, 0);
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    /* STE.V == 0 */
    env_expect_fault(&e, 0x1000, DMAM_NO_PASID, true, 0);
    env_expect_event(&e, &(SbEvent) { .type = SB_EVT_C_BAD_STE, .sid = SID });
    /* a reserved Config */
    raw[0] = 1 | (1 << 1);
    sb_ste_write_raw(&e.sb, &e.st, SID, raw);
    env_expect_fault(&e, 0x1000, DMAM_NO_PASID, true, 0);
    env_expect_event(&e, &(SbEvent) { .type = SB_EVT_C_BAD_STE, .sid = SID });
    /* Config abort: terminated without an event */
    raw[0] = 1;
    sb_ste_write_raw(&e.sb, &e.st, SID, raw);
    env_expect_fault(&e, 0x1000, DMAM_NO_PASID, true, 0);
    env_expect_no_event(&e);
    /* a valid STE whose CD is invalid: C_BAD_CD (the abort STE is cached) */
    s.cd.v = false;
    sb_cd_write(&e.sb, &s.cdtab, 0, &s.cd);
    sb_ste_write(&e.sb, &e.st, SID, &s.ste);
    env_expect_fault(&e, 0x1000, DMAM_NO_PASID, false, 0);
    env_expect_no_event(&e);
    env_cfgi_ste(&e, SID);
    env_expect_fault(&e, 0x1000, DMAM_NO_PASID, false, 0);
    env_expect_event(&e, &(SbEvent) { .type = SB_EVT_C_BAD_CD, .sid = SID });
    /* a PASID on a stream without substreams */
    env_expect_fault(&e, 0x1000, 3, false, 0);
    env_expect_event(&e, &(SbEvent) { .type = SB_EVT_C_BAD_SUBSTREAMID,
                                  .sid = SID, .ssid = 3 });
    /* the CD table in unbacked memory: F_CD_FETCH */
    s.ste.s1_context_ptr = 0x4000000000ULL;
    env_ste_update(&e, SID, &s.ste);
    env_expect_fault(&e, 0x1000, DMAM_NO_PASID, false, 0);
    env_expect_event(&e, &(SbEvent) { .type = SB_EVT_F_CD_FETCH, .sid = SID,
                                  .fetch_addr = 0x4000000000ULL });
    env_expect_no_event(&e);
    env_stop(&e);

    /* the stream table in unbacked memory: F_STE_FETCH */
    env_start(&e, "stage=s1");
    env_enable(&e, (SbStrtab) { .base = 0x4000000000ULL, .log2size = 8 },
               EVTQ_LOG2);
    env_expect_fault(&e, 0x1000, DMAM_NO_PASID, false, 0);
    env_expect_event(&e, &(SbEvent) { .type = SB_EVT_F_STE_FETCH, .sid = SID,
                                  .fetch_addr = 0x4000000000ULL +
                                                SID * 64 });
    env_expect_no_event(&e);
    env_stop(&e);
}

/* ---- Translation faults -------------------------------------------------- */

static void test_translation_faults(void)
{
    uint64_t iova = 0x200000, ro = 0x201000, noaf = 0x202000;
    uint64_t far = 0x203000, eabt = 0x400000;
    SbPte pte_noaf = env_pte_rw;
    Env e;
    EnvS1 s;

    env_start(&e, "stage=s1,oas=40");
    env_s1_setup(&e, &s, 12, 0, 0);
    s.cd.ips = 2;           /* 40-bit */
    pte_noaf.af = false;
    g_assert_true(sb_pgt_map(s.pt, iova, e.data, 0x1000, &env_pte_rw));
    g_assert_true(sb_pgt_map(s.pt, ro, e.data, 0x1000, &env_pte_ro));
    g_assert_true(sb_pgt_map(s.pt, noaf, e.data, 0x1000, &pte_noaf));
    g_assert_true(sb_pgt_map(s.pt, far, 1ULL << 41, 0x1000, &env_pte_rw));
    /* a level-2 table pointer into unbacked memory */
    sb_pgt_write_raw(s.pt, eabt, 2, 0x4000000000ULL | 3);
    sb_cd_write(&e.sb, &s.cdtab, 0, &s.cd);
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    sb_ste_write(&e.sb, &e.st, SID, &s.ste);

    env_expect_write(&e, iova, DMAM_NO_PASID, e.data);
    env_expect_fault(&e, ro + 4, DMAM_NO_PASID, true, DMAM_PRIV);
    env_expect_event(&e, &(SbEvent) {
        .type = SB_EVT_F_PERMISSION, .sid = SID, .rnw = false, .pnu = true,
        .class_ = SB_EVT_CLASS_IN, .input_addr = ro + 4,
    });
    env_expect_fault(&e, noaf, DMAM_NO_PASID, false, 0);
    env_expect_event(&e, &(SbEvent) {
        .type = SB_EVT_F_ACCESS, .sid = SID, .rnw = true,
        .class_ = SB_EVT_CLASS_IN, .input_addr = noaf,
    });
    env_expect_fault(&e, far, DMAM_NO_PASID, false, 0);
    env_expect_event(&e, &(SbEvent) {
        .type = SB_EVT_F_ADDR_SIZE, .sid = SID, .rnw = true,
        .class_ = SB_EVT_CLASS_IN, .input_addr = far,
    });
    env_expect_fault(&e, eabt, DMAM_NO_PASID, false, 0);
    env_expect_event(&e, &(SbEvent) {
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
        env_cmd(&e, c);
    }
    env_expect_fault(&e, 0x900000, DMAM_NO_PASID, false, 0);
    env_expect_no_event(&e);
    env_stop(&e);
}

/*
 * Stage-2 faults carry S2 = 1 and the IPA: permission (S2AP), access
 * flag, address size beyond S2PS; not recorded when STE.S2R = 0
 */
static void test_s2_faults(void)
{
    uint64_t ro = 0x10000, noaf = 0x11000, far = 0x12000;
    SbPte pte_ro = env_pte_s2_rw, pte_noaf = env_pte_s2_rw;
    SbPgtable *pt;
    SbSte ste;
    Env e;

    env_start(&e, "stage=s2,oas=40");
    pt = env_s2_setup(&e, &ste, 12, SB_STE_CFG_S2);
    ste.s2ps = 1;                           /* 36-bit output */
    pte_ro.s2ap = 1;                        /* read only */
    pte_noaf.af = false;
    g_assert_true(sb_pgt_map(pt, ro, e.data, 0x1000, &pte_ro));
    g_assert_true(sb_pgt_map(pt, noaf, e.data, 0x1000, &pte_noaf));
    g_assert_true(sb_pgt_map(pt, far, 1ULL << 37, 0x1000, &env_pte_s2_rw));
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    sb_ste_write(&e.sb, &e.st, SID, &ste);

    env_expect_read(&e, ro, DMAM_NO_PASID, e.data, 9);
    env_expect_fault(&e, ro + 8, DMAM_NO_PASID, true, 0);
    env_expect_event(&e, &(SbEvent) {
        .type = SB_EVT_F_PERMISSION, .sid = SID, .rnw = false, .s2 = true,
        .class_ = SB_EVT_CLASS_IN, .input_addr = ro + 8, .ipa = ro,
    });
    env_expect_fault(&e, noaf, DMAM_NO_PASID, false, 0);
    env_expect_event(&e, &(SbEvent) {
        .type = SB_EVT_F_ACCESS, .sid = SID, .rnw = true, .s2 = true,
        .class_ = SB_EVT_CLASS_IN, .input_addr = noaf, .ipa = noaf,
    });
    env_expect_fault(&e, far, DMAM_NO_PASID, false, 0);
    env_expect_event(&e, &(SbEvent) {
        .type = SB_EVT_F_ADDR_SIZE, .sid = SID, .rnw = true, .s2 = true,
        .class_ = SB_EVT_CLASS_IN, .input_addr = far, .ipa = far,
    });
    /* S2R = 0: terminated, not recorded */
    ste.s2r = false;
    env_ste_update(&e, SID, &ste);
    env_expect_fault(&e, noaf, DMAM_NO_PASID, false, 0);
    env_expect_no_event(&e);
    env_stop(&e);
}

/* ---- Transaction attributes ---------------------------------------------- */

static void expect_perm_fault(Env *e, uint64_t iova, bool write,
                              unsigned attrs, bool pnu, bool ind)
{
    env_expect_fault(e, iova, DMAM_NO_PASID, write, attrs);
    env_expect_event(e, &(SbEvent) {
        .type = SB_EVT_F_PERMISSION, .sid = SID, .rnw = !write, .pnu = pnu,
        .ind = ind, .class_ = SB_EVT_CLASS_IN, .input_addr = iova,
    });
}

static void expect_ok(Env *e, uint64_t iova, unsigned attrs)
{
    uint8_t buf[8];

    g_assert_cmpint(dmam_read(e->dm, iova, buf, sizeof(buf), DMAM_NO_PASID,
                              attrs), ==, DMAM_STATUS_DONE);
}

/*
 * Privileged and instruction attributes from the master, the STE's
 * PRIVCFG/INSTCFG overrides, XN/PXN, the implied PXN of EL0-writable
 * pages (VMSAv8-64) and PAN; events carry the post-override PnU/InD
 */
static void test_attributes(void)
{
    uint64_t user_rw = 0x10000, user_xn = 0x11000, user_ro = 0x12000;
    uint64_t priv_ro_pxn = 0x13000, priv_rw = 0x14000;
    SbPte pte_user_xn = env_pte_rw, pte_pxn = env_pte_ro;
    SbPte pte_priv = env_pte_rw;
    uint64_t c[2];
    EnvS1 s;
    Env e;

    env_start(&e, "stage=s1");
    env_s1_setup(&e, &s, 12, 0, 0);
    pte_user_xn.uxn = true;
    pte_pxn.pxn = true;
    pte_priv.ap = 0;                    /* EL1 RW, no EL0 access */
    g_assert_true(sb_pgt_map(s.pt, user_rw, e.data, 0x1000, &env_pte_rw));
    g_assert_true(sb_pgt_map(s.pt, user_xn, e.data, 0x1000, &pte_user_xn));
    g_assert_true(sb_pgt_map(s.pt, user_ro, e.data, 0x1000, &env_pte_ro));
    g_assert_true(sb_pgt_map(s.pt, priv_ro_pxn, e.data, 0x1000, &pte_pxn));
    g_assert_true(sb_pgt_map(s.pt, priv_rw, e.data, 0x1000, &pte_priv));
    sb_cd_write(&e.sb, &s.cdtab, 0, &s.cd);
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    sb_ste_write(&e.sb, &e.st, SID, &s.ste);

    /* UXN stops unprivileged instruction fetches only */
    expect_perm_fault(&e, user_xn, false, DMAM_INSTR, false, true);
    expect_ok(&e, user_xn, 0);
    expect_ok(&e, user_ro, DMAM_INSTR);
    /* PXN stops privileged ones; EL0-writable pages are PXN regardless */
    expect_perm_fault(&e, priv_ro_pxn, false, DMAM_PRIV | DMAM_INSTR, true,
                      true);
    expect_ok(&e, user_ro, DMAM_PRIV | DMAM_INSTR);
    expect_perm_fault(&e, user_rw, false, DMAM_PRIV | DMAM_INSTR, true, true);
    /* an EL1-only page: unprivileged access faults */
    expect_perm_fault(&e, priv_rw, true, 0, false, false);
    expect_ok(&e, priv_rw, DMAM_PRIV);

    /* PRIVCFG = privileged: the unprivileged access now succeeds */
    s.ste.privcfg = 3;
    env_ste_update(&e, SID, &s.ste);
    expect_ok(&e, priv_rw, 0);
    /* PRIVCFG = unprivileged: the privileged one faults, PnU = 0 */
    s.ste.privcfg = 2;
    env_ste_update(&e, SID, &s.ste);
    expect_perm_fault(&e, priv_rw, false, DMAM_PRIV, false, false);
    /* INSTCFG = data: the instruction fetch becomes a data read */
    s.ste.privcfg = 0;
    s.ste.instcfg = 2;
    env_ste_update(&e, SID, &s.ste);
    expect_ok(&e, user_xn, DMAM_INSTR);
    /* INSTCFG = instruction: the data read becomes a fetch, InD = 1 */
    s.ste.instcfg = 3;
    env_ste_update(&e, SID, &s.ste);
    expect_perm_fault(&e, user_xn, false, 0, false, true);
    /* ... but a write stays data (InD = 0 whenever RnW = 0) */
    g_assert_cmpint(dmam_write(e.dm, user_xn, "12345678", 8, DMAM_NO_PASID,
                               0), ==, DMAM_STATUS_DONE);
    s.ste.instcfg = 0;
    env_ste_update(&e, SID, &s.ste);

    /* PAN: privileged data access to an EL0-accessible page faults */
    s.cd.pan = true;
    sb_cd_write(&e.sb, &s.cdtab, 0, &s.cd);
    sb_cmd_cfgi_cd(c, SID, 0, true);
    env_cmd(&e, c);
    expect_perm_fault(&e, user_ro, false, DMAM_PRIV, true, false);
    expect_ok(&e, priv_rw, DMAM_PRIV);
    expect_ok(&e, user_ro, 0);
    env_expect_no_event(&e);
    env_stop(&e);
}

/* ---- Hardware table updates ---------------------------------------------- */

/*
 * httu=ad with CD.HA/HD: the access flag is set on first use and a
 * writable-clean (DBM) page becomes dirty (AP[2] cleared) on a write; a
 * read-only page without DBM still faults
 */
static void test_httu(void)
{
    uint64_t noaf = 0x20000, clean = 0x21000, ro = 0x22000;
    SbPte pte_noaf = env_pte_rw, pte_clean = env_pte_ro;
    EnvS1 s;
    Env e;

    env_start(&e, "stage=s1,httu=ad");
    env_s1_setup(&e, &s, 12, 0, 0);
    s.cd.ha = s.cd.hd = true;
    pte_noaf.af = false;
    pte_clean.dbm = true;
    g_assert_true(sb_pgt_map(s.pt, noaf, e.data, 0x1000, &pte_noaf));
    g_assert_true(sb_pgt_map(s.pt, clean, e.data + 0x1000, 0x1000,
                             &pte_clean));
    g_assert_true(sb_pgt_map(s.pt, ro, e.data, 0x1000, &env_pte_ro));
    sb_cd_write(&e.sb, &s.cdtab, 0, &s.cd);
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    sb_ste_write(&e.sb, &e.st, SID, &s.ste);

    g_assert_false(sb_pgt_read_raw(s.pt, noaf, 3) & (1 << 10));
    env_expect_read(&e, noaf, DMAM_NO_PASID, e.data, 1);
    g_assert_true(sb_pgt_read_raw(s.pt, noaf, 3) & (1 << 10));

    /* a read leaves it clean, a write makes it dirty */
    env_expect_read(&e, clean, DMAM_NO_PASID, e.data + 0x1000, 2);
    g_assert_true(sb_pgt_read_raw(s.pt, clean, 3) & (1 << 7));
    env_expect_write(&e, clean + 0x10, DMAM_NO_PASID, e.data + 0x1010);
    g_assert_false(sb_pgt_read_raw(s.pt, clean, 3) & (1 << 7));

    env_expect_fault(&e, ro, DMAM_NO_PASID, true, 0);
    env_expect_event(&e, &(SbEvent) {
        .type = SB_EVT_F_PERMISSION, .sid = SID, .rnw = false,
        .class_ = SB_EVT_CLASS_IN, .input_addr = ro,
    });
    g_assert_true(sb_pgt_read_raw(s.pt, ro, 3) & (1 << 7));
    env_expect_no_event(&e);
    env_stop(&e);
}

/* ---- Fault configuration ------------------------------------------------- */

/*
 * CD.A = 0: a faulting transaction completes as RAZ/WI instead of an
 * abort (TERM_MODEL = 0), still recorded per CD.R
 */
static void test_cd_raz_wi(void)
{
    uint64_t hole = 0x30000;
    uint8_t buf[16];
    EnvS1 s;
    Env e;

    env_start(&e, "stage=s1");
    env_s1_setup(&e, &s, 12, 0, 0);
    s.cd.a = false;
    sb_cd_write(&e.sb, &s.cdtab, 0, &s.cd);
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    sb_ste_write(&e.sb, &e.st, SID, &s.ste);

    memset(buf, 0xee, sizeof(buf));
    g_assert_cmpint(dmam_read(e.dm, hole, buf, sizeof(buf), DMAM_NO_PASID,
                              0), ==, DMAM_STATUS_DONE);
    for (int i = 0; i < sizeof(buf); i++) {
        g_assert_cmpuint(buf[i], ==, 0);
    }
    env_expect_event(&e, &(SbEvent) {
        .type = SB_EVT_F_TRANSLATION, .sid = SID, .rnw = true,
        .class_ = SB_EVT_CLASS_IN, .input_addr = hole,
    });
    g_assert_cmpint(dmam_write(e.dm, hole, buf, sizeof(buf), DMAM_NO_PASID,
                               0), ==, DMAM_STATUS_DONE);
    env_expect_event(&e, &(SbEvent) {
        .type = SB_EVT_F_TRANSLATION, .sid = SID, .rnw = false,
        .class_ = SB_EVT_CLASS_IN, .input_addr = hole,
    });
    env_expect_no_event(&e);
    env_stop(&e);
}

/* A 2-level CD table with 64KB leaves (1024 CDs per L2 table) */
static void test_2lvl_cd_64k(void)
{
    uint64_t iova = 0x100000;
    EnvS1 s, s2;
    Env e;

    env_start(&e, "stage=s1,ssidsize=12");
    env_s1_setup(&e, &s, 12, 12, SB_S1FMT_2LVL_64K);
    g_assert_true(sb_pgt_map(s.pt, iova, e.data, 0x1000, &env_pte_rw));
    sb_cd_write(&e.sb, &s.cdtab, 3, &s.cd);
    env_s1_setup(&e, &s2, 12, 0, 0);
    g_assert_true(sb_pgt_map(s2.pt, iova, e.data + 0x1000, 0x1000,
                             &env_pte_rw));
    s2.cd.asid = 2;
    sb_cd_write(&e.sb, &s.cdtab, 0xc05, &s2.cd);   /* L2 table 3 */
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    sb_ste_write(&e.sb, &e.st, SID, &s.ste);
    env_expect_read(&e, iova, 3, e.data, 6);
    env_expect_read(&e, iova, 0xc05, e.data + 0x1000, 7);
    /* L2 table 1 was never allocated: its L1CD has V == 0 */
    env_expect_fault(&e, iova, 0x405, false, 0);
    env_expect_event(&e, &(SbEvent) { .type = SB_EVT_C_BAD_SUBSTREAMID,
                                      .sid = SID, .ssid = 0x405 });
    env_expect_no_event(&e);
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
    qtest_add_func("/smmuv3-pm/engine/faults/stage2", test_s2_faults);
    qtest_add_func("/smmuv3-pm/engine/faults/raz-wi", test_cd_raz_wi);
    qtest_add_func("/smmuv3-pm/engine/attributes", test_attributes);
    qtest_add_func("/smmuv3-pm/engine/httu", test_httu);
    qtest_add_func("/smmuv3-pm/engine/2lvl-cd-64k", test_2lvl_cd_64k);
    return g_test_run();
}
