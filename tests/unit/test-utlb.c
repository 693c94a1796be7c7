/*
 * arm-smmuv3-pm unit tests: the micro-TLB
 *
 * The micro-TLB must never answer what the TLB would not.  Three levels:
 *  - the micro-TLB alone (caches/utlb.c): round-robin replacement over a
 *    fully associative set, flush, drops, its granule;
 *  - the TLB with and without a micro-TLB (caches/tlb.c), driven by the
 *    same random inserts (pages, blocks, overlapping ones: TLB
 *    conflicts), invalidations, power-up garbage and context changes:
 *    every lookup through the micro-TLB (then the TLB, filling the
 *    micro-TLB) finds the entry a plain lookup of the other finds, and
 *    both TLBs count, keep and evict the same entries;
 *  - two whole cores, one with the default 32-entry micro-TLB and one
 *    without, through every TLBI command (NH_VA, NH_VAA, NH_ASID, NH_ALL,
 *    S2_IPA, S12_VMALL, EL2_VA, EL2_VAA, EL2_ASID, EL2_ALL, NSNH_ALL) and
 *    each power-up cache policy (clean, stale, garbage): the same
 *    translations, and the one with the micro-TLB answered from it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "spec.h"
#include "hw/arm/smmuv3-pm/core/caches/utlb.h"

/* ---- The micro-TLB alone ------------------------------------------------ */

#define TAG(n)      ((1ull << 63) | (n))

/* Enter @src for (@tag, @addr), the TLB seeing the same address */
static void fill(SmmuPmUtlb *u, uint64_t tag, uint64_t addr, unsigned shift,
                 const void *src)
{
    SmmuPmUtlbEntry e = { .src = src };

    smmu_pm_utlb_fill(u, tag, addr, addr, shift, 0, &e);
}

/* The source of the entry for (@tag, @addr), or NULL */
static const void *find(SmmuPmUtlb *u, uint64_t tag, uint64_t addr)
{
    const SmmuPmUtlbEntry *e = smmu_pm_utlb_lookup(u, tag, addr, 0);

    return e ? e->src : NULL;
}

static void test_entries_valid(void)
{
    char *msg = NULL;

    g_assert_true(smmu_pm_utlb_entries_valid(0, "utlb-entries", &msg));
    g_assert_true(smmu_pm_utlb_entries_valid(256, "utlb-entries", &msg));
    g_assert_null(msg);
    g_assert_false(smmu_pm_utlb_entries_valid(257, "utlb-entries", &msg));
    g_assert_cmpstr(msg, ==, "utlb-entries must be from 0 (no micro-TLB) to "
                    "256 (got 257)");
    g_free(msg);
}

/* Entries go in slot after slot and the oldest leaves, hit or not */
static void test_round_robin(void)
{
    static const int src[6];
    SmmuPmUtlb *u = smmu_pm_utlb_new(4);

    for (unsigned i = 0; i < 4; i++) {
        fill(u, TAG(1), i << 12, 12, &src[i]);
    }
    g_assert_cmpuint(smmu_pm_utlb_occupancy(u), ==, 4);
    /* a hit on slot 0 does not save it: round robin, not LRU */
    g_assert_true(find(u, TAG(1), 0x0123) == &src[0]);
    fill(u, TAG(1), 4 << 12, 12, &src[4]);
    g_assert_null(find(u, TAG(1), 0x0123));
    for (unsigned i = 1; i < 5; i++) {
        g_assert_true(find(u, TAG(1), (i << 12) | 0xfff) ==
                      &src[i]);
    }
    fill(u, TAG(1), 5 << 12, 12, &src[5]);
    g_assert_null(find(u, TAG(1), 1 << 12));
    g_assert_cmpuint(smmu_pm_utlb_stats(u)->evictions, ==, 2);
    /* another tag at the same address is another entry */
    g_assert_null(find(u, TAG(2), 5 << 12));
    g_assert_cmpuint(smmu_pm_utlb_occupancy(u), ==, 4);
    smmu_pm_utlb_free(u);
}

static void test_flush_and_drops(void)
{
    static const int a, b, c;
    SmmuPmUtlb *u = smmu_pm_utlb_new(8);

    fill(u, TAG(1), 0x10000, 12, &a);
    fill(u, TAG(2), 0x10000, 12, &a);
    fill(u, TAG(1), 0x11000, 12, &b);
    fill(u, TAG(1), 0x40000, 12, &c);
    smmu_pm_utlb_drop_src(u, &a);                   /* both tags */
    g_assert_null(find(u, TAG(1), 0x10000));
    g_assert_null(find(u, TAG(2), 0x10000));
    g_assert_true(find(u, TAG(1), 0x11000) == &b);
    /* a range that touches the last byte of an entry drops it */
    smmu_pm_utlb_drop_range(u, 0x3f000, 0x40000);
    g_assert_null(find(u, TAG(1), 0x40fff));
    g_assert_true(find(u, TAG(1), 0x11000) == &b);
    g_assert_cmpuint(smmu_pm_utlb_occupancy(u), ==, 1);
    smmu_pm_utlb_flush(u);
    g_assert_true(smmu_pm_utlb_empty(u));
    g_assert_null(find(u, TAG(1), 0x11000));
    g_assert_cmpuint(smmu_pm_utlb_stats(u)->invalidated, ==, 4);
    smmu_pm_utlb_free(u);
}

/* The first entry after empty sets the granule of all */
static void test_granule(void)
{
    static const int a, b;
    SmmuPmUtlb *u = smmu_pm_utlb_new(2);

    fill(u, TAG(1), 0x40123456, 21, &a);
    g_assert_cmpuint(smmu_pm_utlb_shift(u), ==, 21);
    g_assert_true(find(u, TAG(1), 0x40000000) == &a);
    g_assert_true(find(u, TAG(1), 0x401fffff) == &a);
    g_assert_null(find(u, TAG(1), 0x40200000));
    /* while not empty, a fill keeps the granule */
    fill(u, TAG(1), 0x80000000, 12, &b);
    g_assert_true(find(u, TAG(1), 0x801ff000) == &b);
    smmu_pm_utlb_flush(u);
    fill(u, TAG(1), 0x80000000, 12, &b);
    g_assert_cmpuint(smmu_pm_utlb_shift(u), ==, 12);
    g_assert_null(find(u, TAG(1), 0x80001000));
    smmu_pm_utlb_free(u);
}

/* ---- The TLB with and without it --------------------------------------- */

static uint64_t rnd(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static const uint8_t sizes[] = { 12, 12, 12, 21, 21, 30 };

/* A random key in a small space: overlapping sizes, shared tags */
static SmmuPmTlbKey random_key(uint64_t *s)
{
    static const uint8_t stages[] = {
        SMMU_PM_STAGES_S1, SMMU_PM_STAGES_S2, SMMU_PM_STAGES_NESTED,
    };

    return (SmmuPmTlbKey) {
        .world = rnd(s) % 2,
        .stages = stages[rnd(s) % 3],
        .vmid = rnd(s) % 2,
        .asid = rnd(s) % 3,
        .ia = (rnd(s) % 4) << 30 | (rnd(s) % 4) << 21 | (rnd(s) % 8) << 12 |
              (rnd(s) & 0xfff),
    };
}

static SmmuPmTlbEntry random_entry(uint64_t *s)
{
    SmmuPmTlbKey k = random_key(s);
    uint8_t shift = sizes[rnd(s) % G_N_ELEMENTS(sizes)];

    return (SmmuPmTlbEntry) {
        .ia = k.ia & ~((1ull << shift) - 1),
        .oa = (rnd(s) % 64) << 30,
        .world = k.world, .stages = k.stages, .vmid = k.vmid,
        .asid = k.asid, .global = rnd(s) % 4 == 0,
        .size_shift = shift, .granule_shift = 12,
        .level = shift == 12 ? 3 : shift == 21 ? 2 : 1,
        .perm_priv = rnd(s) % 8, .perm_user = rnd(s) % 8,
    };
}

static SmmuPmTlbInval random_inval(uint64_t *s)
{
    SmmuPmTlbKey k = random_key(s);
    SmmuPmTlbInval inv = {
        .world = k.world,
        .stages = rnd(s) % 2 ? SMMU_PM_STAGES_S1 : SMMU_PM_STAGES_S2,
        .match_vmid = rnd(s) % 2, .vmid = k.vmid,
        .match_asid = rnd(s) % 2, .asid = k.asid,
        .keep_global = rnd(s) % 2,
        .by_addr = rnd(s) % 2,
        .start = k.ia & ~0xfffull,
        .leaf_only = rnd(s) % 2,
    };

    inv.s2_only = inv.stages == SMMU_PM_STAGES_S2;
    inv.last = inv.start + ((rnd(s) % 3) << 12) + 0xfff;
    return inv;
}

enum { MISS, HIT_UTLB, HIT_MAIN };

/* Every tag of @k: the micro-TLB's stream tag in these tests */
static uint64_t key_tag(const SmmuPmTlbKey *k)
{
    return k->world | (uint64_t)k->stages << 8 | (uint64_t)k->vmid << 16 |
           (uint64_t)k->asid << 32 | 1ull << 63;
}

/*
 * A lookup as the translation path makes one: the micro-TLB (a hit used
 * is accounted to the TLB), else the TLB, whose hit fills the micro-TLB
 */
static int tbu_lookup(SmmuPmTlb *t, const SmmuPmTlbKey *k, uint64_t ctx,
                      SmmuPmTlbEntry *out)
{
    SmmuPmUtlb *utlb = smmu_pm_tlb_utlb(t);
    const SmmuPmUtlbEntry *u = utlb ? smmu_pm_utlb_lookup(utlb, key_tag(k),
                                                          k->ia, ctx)
                                    : NULL;
    SmmuPmUtlbEntry fillme = { 0 };

    if (u) {
        *out = *(const SmmuPmTlbEntry *)u->src;
        smmu_pm_tlb_hit(t, u->src);
        return HIT_UTLB;
    }
    fillme.src = smmu_pm_tlb_find(t, k);
    if (!fillme.src) {
        return MISS;
    }
    *out = *(const SmmuPmTlbEntry *)fillme.src;
    smmu_pm_tlb_utlb_fill(t, key_tag(k), k->ia, k->ia, ctx, &fillme);
    return HIT_MAIN;
}

static void assert_same_entry(const SmmuPmTlbEntry *a, const SmmuPmTlbEntry *b)
{
    g_assert_cmphex(a->ia, ==, b->ia);
    g_assert_cmphex(a->oa, ==, b->oa);
    g_assert_cmpuint(a->size_shift, ==, b->size_shift);
    g_assert_cmpuint(a->asid, ==, b->asid);
    g_assert_cmpuint(a->global, ==, b->global);
    g_assert_cmpuint(a->perm_priv, ==, b->perm_priv);
    g_assert_cmpuint(a->perm_user, ==, b->perm_user);
}

static void assert_same_counts(SmmuPmTlb *a, SmmuPmTlb *b)
{
    const SmmuPmCacheStats *sa = smmu_pm_tlb_stats(a);
    const SmmuPmCacheStats *sb = smmu_pm_tlb_stats(b);

    g_assert_cmpuint(sa->lookups, ==, sb->lookups);
    g_assert_cmpuint(sa->hits, ==, sb->hits);
    g_assert_cmpuint(sa->inserts, ==, sb->inserts);
    g_assert_cmpuint(sa->evictions, ==, sb->evictions);
    g_assert_cmpuint(sa->invalidated, ==, sb->invalidated);
    g_assert_cmpuint(smmu_pm_cache_occupancy(smmu_pm_tlb_cache(a)), ==,
                     smmu_pm_cache_occupancy(smmu_pm_tlb_cache(b)));
}

/*
 * @ops random operations on a small TLB (4 sets x 2 ways: evictions all
 * the time) with an 8-entry micro-TLB, and the same on one without; a
 * lookup is repeated now and then so that the micro-TLB has hits
 */
static void equivalence_run(SmmuPmRepl repl, uint64_t seed, unsigned ops)
{
    SmmuPmCacheGeom tg = { 4, 2, repl }, wg = { 4, 2, repl };
    SmmuPmTlb *a = smmu_pm_tlb_new(&tg, &wg);
    SmmuPmTlb *b = smmu_pm_tlb_new(&tg, &wg);
    SmmuPmTlbKey last = { 0 };
    uint64_t s = seed, ctx = 0;

    smmu_pm_tlb_set_utlb_entries(a, 8);
    smmu_pm_tlb_set_utlb_entries(b, 0);
    for (unsigned i = 0; i < ops; i++) {
        unsigned op = rnd(&s) % 100;

        if (op < 30) {
            SmmuPmTlbEntry e = random_entry(&s);

            smmu_pm_tlb_insert(a, &e);
            smmu_pm_tlb_insert(b, &e);
        } else if (op < 35) {
            SmmuPmTlbInval inv = random_inval(&s);

            g_assert_cmpuint(smmu_pm_tlb_invalidate(a, &inv), ==,
                             smmu_pm_tlb_invalidate(b, &inv));
        } else if (op < 36) {
            smmu_pm_tlb_scramble(a, i, 48);
            smmu_pm_tlb_scramble(b, i, 48);
        } else if (op < 37) {
            ctx++;                  /* the configuration changed */
        } else {
            SmmuPmTlbKey k = op < 70 ? last : random_key(&s);
            SmmuPmTlbEntry ea, eb;
            bool hb = smmu_pm_tlb_lookup(b, &k, &eb);

            g_assert_cmpint(tbu_lookup(a, &k, ctx, &ea) != MISS, ==, hb);
            if (hb) {
                assert_same_entry(&ea, &eb);
            }
            last = k;
        }
        assert_same_counts(a, b);
    }
    /* the micro-TLB did answer, and was emptied and refilled */
    g_assert_cmpuint(smmu_pm_utlb_stats(smmu_pm_tlb_utlb(a))->hits, >, 0);
    g_assert_cmpuint(smmu_pm_utlb_stats(smmu_pm_tlb_utlb(a))->invalidated,
                     >, 0);
    smmu_pm_tlb_free(a);
    smmu_pm_tlb_free(b);
}

static void test_tlb_equivalence_lru(void)
{
    for (uint64_t seed = 1; seed <= 20; seed++) {
        equivalence_run(SMMU_PM_REPL_LRU, seed * 0x9e3779b97f4a7c15ull,
                        4000);
    }
}

static void test_tlb_equivalence_fifo(void)
{
    for (uint64_t seed = 1; seed <= 10; seed++) {
        equivalence_run(SMMU_PM_REPL_FIFO, seed * 0x2545f4914f6cdd1dull,
                        4000);
    }
}

/*
 * A TLB conflict the micro-TLB must not hide: a 2M block in the TLB (and
 * the micro-TLB, at a 2M granule as the only size present), then a 4K
 * page inside it: the TLB answers the page for its address, the block
 * elsewhere
 */
static void test_tlb_conflict(void)
{
    SmmuPmCacheGeom tg = { 16, 4, SMMU_PM_REPL_LRU };
    SmmuPmCacheGeom wg = { 4, 4, SMMU_PM_REPL_LRU };
    SmmuPmTlb *t = smmu_pm_tlb_new(&tg, &wg);
    SmmuPmTlbEntry block = {
        .ia = 0x40000000, .oa = 0x80000000, .world = 0,
        .stages = SMMU_PM_STAGES_S1, .asid = 1, .size_shift = 21,
        .granule_shift = 12, .level = 2, .perm_priv = 3,
    };
    SmmuPmTlbEntry page = block;
    SmmuPmTlbKey k = { .stages = SMMU_PM_STAGES_S1, .asid = 1,
                       .ia = 0x40005008 };
    SmmuPmTlbEntry e;

    page.ia = 0x40005000;
    page.oa = 0x12345000;
    page.size_shift = 12;
    page.level = 3;
    smmu_pm_tlb_insert(t, &block);
    g_assert_cmpint(tbu_lookup(t, &k, 0, &e), ==,
                    HIT_MAIN);
    g_assert_cmpint(tbu_lookup(t, &k, 0, &e), ==,
                    HIT_UTLB);
    g_assert_cmphex(e.oa, ==, 0x80000000);
    smmu_pm_tlb_insert(t, &page);       /* smaller than the granule */
    g_assert_true(smmu_pm_utlb_empty(smmu_pm_tlb_utlb(t)));
    g_assert_cmpint(tbu_lookup(t, &k, 0, &e), ==,
                    HIT_MAIN);
    g_assert_cmphex(e.oa, ==, 0x12345000);
    g_assert_cmpint(tbu_lookup(t, &k, 0, &e), ==,
                    HIT_UTLB);
    g_assert_cmphex(e.oa, ==, 0x12345000);
    /* the rest of the block: its own 4K granule of the block */
    k.ia = 0x40006000;
    g_assert_cmpint(tbu_lookup(t, &k, 0, &e), ==,
                    HIT_MAIN);
    g_assert_cmphex(e.oa, ==, 0x80000000);
    g_assert_cmpint(tbu_lookup(t, &k, 0, &e), ==,
                    HIT_UTLB);
    k.ia = 0x40005000;
    g_assert_cmpint(tbu_lookup(t, &k, 0, &e), ==,
                    HIT_UTLB);
    g_assert_cmphex(e.oa, ==, 0x12345000);
    smmu_pm_tlb_free(t);
}

/* ---- Two cores: with and without a micro-TLB --------------------------- */

#define SID_NH      1
#define SID_NEST    2
#define SID_EL2     3
#define SID_SSID    4                   /* two CDs, SubstreamIDs 1 and 2 */
#define VA_RO       (VA + 0x10000)      /* read-only */
#define VA_XN       (VA + 0x20000)      /* execute-never */
#define ASID        5
#define VMID        9
#define VA          0x7f0000203000ULL   /* a 4-level walk */
#define IPA_BASE    0x100000000ULL      /* stage 2 maps it to RAM */

/* Not global: an ASID-wide TLBI of another ASID leaves it */
static const SbPte s1_rw = { .af = true, .ap = 1, .sh = 3, .ng = true };
static const SbPte s1_ro = { .af = true, .ap = 3, .sh = 3, .ng = true };
static const SbPte s1_xn = { .af = true, .ap = 1, .sh = 3, .ng = true,
                             .pxn = true, .uxn = true };
static const SbPte s2_rw = { .af = true, .s2ap = 3, .sh = 3, .memattr = 0xf };

typedef struct Side {
    Env e;
    SbPgtable *s1, *s1n, *s1el2, *s2, *sa, *sb;
    SbCdtab ssid_cds;
    SbSte nh_ste;
    uint64_t pa[2];             /* the page's two places */
    uint64_t ipa[2];            /* what the nested stream's stage 1 gives */
} Side;

typedef struct Pair {
    Side side[2];               /* [0]: 32-entry micro-TLB, [1]: none */
} Pair;

/* CD @ssid of SID_SSID's table, over @pt with @asid */
static void side_cd_write(Side *d, uint32_t ssid, SbPgtable *pt,
                          uint16_t asid)
{
    SbCd cd = { .v = true, .aa64 = true, .r = true, .a = true, .ips = 5,
                .epd1 = true, .asid = asid };

    sb_pgt_fill_cd(pt, &cd);
    sb_cd_write(&d->e.sb, &d->ssid_cds, ssid, &cd);
}

static SbCdtab side_cd(Side *d, SbPgtable *pt, uint16_t asid)
{
    SbCd cd = { .v = true, .aa64 = true, .r = true, .a = true, .ips = 5,
                .epd1 = true, .asid = asid };
    SbCdtab cdtab = sb_cdtab_linear(&d->e.sb, 0);

    sb_pgt_fill_cd(pt, &cd);
    sb_cd_write(&d->e.sb, &cdtab, 0, &cd);
    return cdtab;
}

/*
 * Three streams over VA: stage 1 in the NS-EL1 regime (SID_NH), nested
 * (SID_NEST: VA -> IPA_BASE + page -> the same PA) and stage 1 in the
 * EL2 regime with E2H (SID_EL2)
 */
static void side_init(Side *d, bool utlb)
{
    SbSte ste = { .v = true, .config = SB_STE_CFG_S1 };
    SbSte nest = { .v = true, .config = SB_STE_CFG_NESTED, .s2vmid = VMID,
                   .s2ps = 5, .s2r = true };
    SbSte el2 = { .v = true, .config = SB_STE_CFG_S1, .strw = 2 };
    SbCdtab cdtab;

    memset(d, 0, sizeof(*d));
    env_init(&d->e, NULL);
    smmu_pm_tlb_set_utlb_entries(d->e.core.tlb, utlb ? 32 : 0);
    env_enable(&d->e, sb_strtab_linear(&d->e.sb, 4));
    /* CR2.E2H for the EL2 stream: written while SMMUEN is 0 */
    env_wr(&d->e, A_CR0, R_CR0_CMDQEN_MASK | R_CR0_EVENTQEN_MASK, 4);
    env_wr(&d->e, A_CR2, R_CR2_E2H_MASK | R_CR2_RECINVSID_MASK, 4);
    env_wr(&d->e, A_CR0, R_CR0_CMDQEN_MASK | R_CR0_EVENTQEN_MASK |
           R_CR0_SMMUEN_MASK, 4);
    d->pa[0] = sb_alloc(&d->e.sb, 0x1000, 0x1000);
    d->pa[1] = sb_alloc(&d->e.sb, 0x1000, 0x1000);
    d->ipa[0] = IPA_BASE + d->pa[0];
    d->ipa[1] = IPA_BASE + d->pa[1];

    d->s1 = sb_pgt_new(&d->e.sb, 1, 12, 16, -1, 1, false);
    g_assert_true(sb_pgt_map(d->s1, VA, d->pa[0], 0x1000, &s1_rw));
    g_assert_true(sb_pgt_map(d->s1, VA_RO, d->pa[0], 0x1000, &s1_ro));
    g_assert_true(sb_pgt_map(d->s1, VA_XN, d->pa[0], 0x1000, &s1_xn));
    cdtab = side_cd(d, d->s1, ASID);
    sb_ste_set_cdtab(&ste, &cdtab);
    sb_ste_write(&d->e.sb, &d->e.st, SID_NH, &ste);
    d->nh_ste = ste;

    /* SID_SSID: CD 1 over table sa (VA -> pa[0]), CD 2 over sb (pa[1]) */
    d->sa = sb_pgt_new(&d->e.sb, 1, 12, 16, -1, 1, false);
    g_assert_true(sb_pgt_map(d->sa, VA, d->pa[0], 0x1000, &s1_rw));
    d->sb = sb_pgt_new(&d->e.sb, 1, 12, 16, -1, 1, false);
    g_assert_true(sb_pgt_map(d->sb, VA, d->pa[1], 0x1000, &s1_rw));
    d->ssid_cds = sb_cdtab_linear(&d->e.sb, 2);
    side_cd_write(d, 1, d->sa, ASID + 1);
    side_cd_write(d, 2, d->sb, ASID + 2);
    ste = (SbSte) { .v = true, .config = SB_STE_CFG_S1 };
    sb_ste_set_cdtab(&ste, &d->ssid_cds);
    sb_ste_write(&d->e.sb, &d->e.st, SID_SSID, &ste);

    d->s1el2 = sb_pgt_new(&d->e.sb, 1, 12, 16, -1, 1, false);
    g_assert_true(sb_pgt_map(d->s1el2, VA, d->pa[0], 0x1000, &s1_rw));
    cdtab = side_cd(d, d->s1el2, ASID);
    sb_ste_set_cdtab(&el2, &cdtab);
    sb_ste_write(&d->e.sb, &d->e.st, SID_EL2, &el2);

    /* nested: stage 2 maps all of RAM 1:1 and IPA_BASE + RAM onto RAM */
    d->s1n = sb_pgt_new(&d->e.sb, 1, 12, 16, -1, 1, false);
    g_assert_true(sb_pgt_map(d->s1n, VA, d->ipa[0], 0x1000, &s1_rw));
    cdtab = side_cd(d, d->s1n, ASID);
    d->s2 = sb_pgt_new(&d->e.sb, 2, 12, 16, -1, 1, false);
    for (uint64_t off = 0; off < ENV_RAM_SIZE; off += 1ull << 21) {
        g_assert_true(sb_pgt_map(d->s2, ENV_RAM_BASE + off,
                                 ENV_RAM_BASE + off, 1ull << 21, &s2_rw));
    }
    g_assert_true(sb_pgt_map(d->s2, d->ipa[0], d->pa[0], 0x1000, &s2_rw));
    g_assert_true(sb_pgt_map(d->s2, d->ipa[1], d->pa[1], 0x1000, &s2_rw));
    sb_pgt_fill_ste(d->s2, &nest);
    sb_ste_set_cdtab(&nest, &cdtab);
    sb_ste_write(&d->e.sb, &d->e.st, SID_NEST, &nest);
}

static void side_free(Side *d)
{
    sb_pgt_free(d->s1);
    sb_pgt_free(d->s1n);
    sb_pgt_free(d->s1el2);
    sb_pgt_free(d->s2);
    sb_pgt_free(d->sa);
    sb_pgt_free(d->sb);
    env_free(&d->e);
}

static void pair_init(Pair *p)
{
    side_init(&p->side[0], true);
    side_init(&p->side[1], false);
}

static void pair_free(Pair *p)
{
    side_free(&p->side[0]);
    side_free(&p->side[1]);
}

/*
 * @txn on both: the same outcome, the same counters but the micro-TLB's;
 * returns what the one with the micro-TLB gave
 */
static SmmuPmTxnResult pair_txn(Pair *p, const SmmuPmTxn *txn)
{
    SmmuPmTxnResult r[2];

    for (int i = 0; i < 2; i++) {
        smmu_pm_translate(&p->side[i].e.core, txn, &r[i]);
    }
    g_assert_cmpint(r[0].status, ==, r[1].status);
    g_assert_cmphex(r[0].addr, ==, r[1].addr);
    g_assert_cmphex(r[0].addr_mask, ==, r[1].addr_mask);
    g_assert_cmpint(r[0].readable, ==, r[1].readable);
    g_assert_cmpint(r[0].writable, ==, r[1].writable);
#define SAME(f) g_assert_cmpuint(p->side[0].e.core.stats.f, ==, \
                                 p->side[1].e.core.stats.f)
    SAME(translations);
    SAME(tlb_hits);
    SAME(tlb_misses);
    SAME(walks);
    SAME(walk_accesses);
    SAME(cfg_hits);
    SAME(cfg_misses);
    SAME(events);
#undef SAME
    g_assert_cmpuint(p->side[1].e.core.stats.utlb_hits +
                     p->side[1].e.core.stats.utlb_misses, ==, 0);
    g_assert_cmpuint(env_events(&p->side[0].e), ==,
                     env_events(&p->side[1].e));
    return r[0];
}

/* A data read of @addr by @sid, no SubstreamID */
static SmmuPmTxnResult pair_translate(Pair *p, uint32_t sid, uint64_t addr)
{
    SmmuPmTxn txn = { .sid = sid, .addr = addr };

    return pair_txn(p, &txn);
}

/* The uTLB hits of the side that has one */
static uint64_t utlb_hits(Pair *p)
{
    return p->side[0].e.core.stats.utlb_hits;
}

/*
 * Translate VA until the micro-TLB answers (a walk, a TLB hit that fills
 * it, a micro-TLB hit): the page's old place
 */
static void pair_warm(Pair *p, uint32_t sid)
{
    uint64_t hits = utlb_hits(p);

    for (int i = 0; i < 3; i++) {
        g_assert_cmphex(pair_translate(p, sid, VA).addr, ==,
                        p->side[0].pa[0]);
    }
    g_assert_cmpuint(utlb_hits(p), ==, hits + 1);
}

/* The page moves to its other place, without invalidation yet */
static void pair_remap(Pair *p, uint32_t sid)
{
    for (int i = 0; i < 2; i++) {
        Side *d = &p->side[i];

        switch (sid) {
        case SID_NH:
            sb_pgt_unmap(d->s1, VA, 0x1000);
            g_assert_true(sb_pgt_map(d->s1, VA, d->pa[1], 0x1000, &s1_rw));
            break;
        case SID_EL2:
            sb_pgt_unmap(d->s1el2, VA, 0x1000);
            g_assert_true(sb_pgt_map(d->s1el2, VA, d->pa[1], 0x1000,
                                     &s1_rw));
            break;
        default:
            /* stage 2 moves the IPA: only S2_IPA or a VMID-wide TLBI */
            sb_pgt_unmap(d->s2, d->ipa[0], 0x1000);
            g_assert_true(sb_pgt_map(d->s2, d->ipa[0], d->pa[1], 0x1000,
                                     &s2_rw));
            break;
        }
    }
}

/* @build's command (for each side), then a CMD_SYNC */
static void pair_cmd(Pair *p, void (*build)(const Side *d, uint64_t c[2]))
{
    uint64_t sync[2], cmd[2];

    sb_cmd_sync(sync, 0, 0, 0, 0, 0);
    for (int i = 0; i < 2; i++) {
        build(&p->side[i], cmd);
        env_cmd_push(&p->side[i].e, cmd);
        env_cmd_push(&p->side[i].e, sync);
        g_assert_cmpuint(SPEC_CONS_ERR(env_rd(&p->side[i].e, A_CMDQ_CONS)),
                         ==, SPEC_CERROR_NONE);
    }
}

typedef struct TlbiCase {
    const char *name;
    uint32_t sid;
    void (*build)(const Side *d, uint64_t cmd[2]);
    bool moves;                 /* the new place is seen afterwards */
} TlbiCase;

static const SbTlbiAddr va_addr = { .addr = VA };

static void nh_va(const Side *d, uint64_t c[2])
{
    sb_cmd_tlbi_nh_va(c, 0, ASID, &va_addr);
}

static void nh_va_other_asid(const Side *d, uint64_t c[2])
{
    sb_cmd_tlbi_nh_va(c, 0, ASID + 1, &va_addr);
}

static void nh_vaa(const Side *d, uint64_t c[2])
{
    sb_cmd_tlbi_nh_vaa(c, 0, &va_addr);
}

static void nh_asid(const Side *d, uint64_t c[2])
{
    sb_cmd_tlbi_nh_asid(c, 0, ASID);
}

static void nh_asid_other(const Side *d, uint64_t c[2])
{
    sb_cmd_tlbi_nh_asid(c, 0, ASID + 1);
}

static void nh_all(const Side *d, uint64_t c[2])
{
    sb_cmd_tlbi_nh_all(c, 0);
}

static void nh_all_vmid(const Side *d, uint64_t c[2])
{
    sb_cmd_tlbi_nh_all(c, VMID);
}

static void s2_ipa(const Side *d, uint64_t c[2])
{
    SbTlbiAddr a = { .addr = d->ipa[0] };

    sb_cmd_tlbi_s2_ipa(c, VMID, &a);
}

static void s12_vmall(const Side *d, uint64_t c[2])
{
    sb_cmd_tlbi_s12_vmall(c, VMID);
}

static void el2_va(const Side *d, uint64_t c[2])
{
    sb_cmd_tlbi_el2_va(c, ASID, &va_addr);
}

static void el2_vaa(const Side *d, uint64_t c[2])
{
    sb_cmd_tlbi_el2_vaa(c, &va_addr);
}

static void el2_asid(const Side *d, uint64_t c[2])
{
    sb_cmd_tlbi_el2_asid(c, ASID);
}

static void el2_all(const Side *d, uint64_t c[2])
{
    sb_cmd_tlbi_el2_all(c);
}

static void nsnh_all(const Side *d, uint64_t c[2])
{
    sb_cmd_tlbi_nsnh_all(c);
}

static const TlbiCase tlbi_cases[] = {
    { "nh-va", SID_NH, nh_va, true },
    { "nh-va-other-asid", SID_NH, nh_va_other_asid, false },
    { "nh-asid-other", SID_NH, nh_asid_other, false },
    { "nh-vaa", SID_NH, nh_vaa, true },
    { "nh-asid", SID_NH, nh_asid, true },
    { "nh-all", SID_NH, nh_all, true },
    /* stage-1 entries go, the stage-2 one of the output IPA stays */
    { "nh-all-nested", SID_NEST, nh_all_vmid, false },
    { "nsnh-all", SID_NH, nsnh_all, true },
    { "nsnh-all-nested", SID_NEST, nsnh_all, true },
    /* stage-2-only entries go; the combined one stays (see tlb.c) */
    { "s2-ipa-nested", SID_NEST, s2_ipa, false },
    { "s12-vmall-nested", SID_NEST, s12_vmall, true },
    { "el2-va", SID_EL2, el2_va, true },
    { "el2-vaa", SID_EL2, el2_vaa, true },
    { "el2-asid", SID_EL2, el2_asid, true },
    { "el2-all", SID_EL2, el2_all, true },
    /* an EL2 TLBI leaves the NS-EL1 regime alone, and the reverse */
    { "el2-all-keeps-nh", SID_NH, el2_all, false },
    { "nh-all-keeps-el2", SID_EL2, nh_all, false },
};

/*
 * Warm the micro-TLB with the page, move the page, issue the TLBI: both
 * cores then translate alike, to the new place when the TLBI covers what
 * the TLB held of it, else still to the old one; the micro-TLB, emptied
 * by the TLBI, fills again and answers the third time at the latest
 */
static void test_tlbi(const void *opaque)
{
    const TlbiCase *tc = opaque;
    uint64_t hits;
    Pair p;

    pair_init(&p);
    pair_warm(&p, tc->sid);
    pair_remap(&p, tc->sid);
    /* nothing invalidated yet: the old place, from the micro-TLB */
    hits = utlb_hits(&p);
    g_assert_cmphex(pair_translate(&p, tc->sid, VA).addr, ==,
                    p.side[0].pa[0]);
    g_assert_cmpuint(utlb_hits(&p), ==, hits + 1);
    pair_cmd(&p, tc->build);
    /* any TLBI empties the micro-TLB, whatever it leaves in the TLB */
    g_assert_true(smmu_pm_utlb_empty(smmu_pm_tlb_utlb(p.side[0].e.core.tlb)));
    for (int i = 0; i < 3; i++) {
        g_assert_cmphex(pair_translate(&p, tc->sid, VA).addr, ==,
                        p.side[0].pa[tc->moves ? 1 : 0]);
    }
    g_assert_cmpuint(utlb_hits(&p), >, hits + 1);
    pair_free(&p);
}

/*
 * A TLB entry the micro-TLB points to is evicted by others of its set:
 * the micro-TLB forgets it, and the page is walked again as without one
 */
static void test_evicted_source(void)
{
    SmmuPmCacheGeom tg = { 1, 2, SMMU_PM_REPL_LRU };
    SmmuPmCacheGeom wg = { 16, 4, SMMU_PM_REPL_LRU };
    SmmuPmTlb *t = smmu_pm_tlb_new(&tg, &wg);
    SmmuPmTlbEntry e = {
        .world = 0, .stages = SMMU_PM_STAGES_S1, .asid = 1,
        .size_shift = 12, .granule_shift = 12, .level = 3, .perm_priv = 3,
    };
    SmmuPmTlbKey k = { .stages = SMMU_PM_STAGES_S1, .asid = 1, .ia = 0 };
    SmmuPmTlbEntry out;

    for (unsigned i = 0; i < 3; i++) {
        e.ia = i << 12;
        e.oa = 0x100000 + (i << 12);
        smmu_pm_tlb_insert(t, &e);
        if (i == 0) {
            g_assert_cmpint(tbu_lookup(t, &k, 0, &out), ==,
                            HIT_MAIN);
            g_assert_cmpint(tbu_lookup(t, &k, 0, &out), ==,
                            HIT_UTLB);
        }
    }
    /* the one set of 2 ways kept pages 1 and 2: page 0 is gone */
    g_assert_cmpint(tbu_lookup(t, &k, 0, &out), ==,
                    MISS);
    g_assert_cmpuint(smmu_pm_utlb_occupancy(smmu_pm_tlb_utlb(t)), ==, 0);
    smmu_pm_tlb_free(t);
}

/*
 * Power-up caches: clean (walked afresh), stale (the old translation, as
 * the TLB still holds it) and garbage (scrambled: as the TLB answers,
 * never the micro-TLB's old copy)
 */
static void test_power_up(const void *opaque)
{
    SmmuPmPowerUpCaches policy = GPOINTER_TO_INT(opaque);
    SmmuPmTxnResult r;
    Pair p;

    pair_init(&p);
    for (int i = 0; i < 2; i++) {
        p.side[i].e.core.power.cfg.up_caches = policy;
        p.side[i].e.core.power.cfg.retention = SMMU_PM_RETAIN_REGISTERS;
    }
    pair_warm(&p, SID_NH);
    pair_remap(&p, SID_NH);
    for (int i = 0; i < 2; i++) {
        smmu_pm_power_request(&p.side[i].e.core, false);
        smmu_pm_power_request(&p.side[i].e.core, true);
        g_assert_true(smmu_pm_powered(&p.side[i].e.core));
    }
    r = pair_translate(&p, SID_NH, VA);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_OK);
    switch (policy) {
    case SMMU_PM_CACHES_CLEAN:
        g_assert_cmphex(r.addr, ==, p.side[0].pa[1]);
        break;
    case SMMU_PM_CACHES_STALE:
        g_assert_cmphex(r.addr, ==, p.side[0].pa[0]);
        break;
    default:
        g_assert_cmphex(r.addr, !=, p.side[0].pa[0]);
        g_assert_cmphex(r.addr, !=, p.side[0].pa[1]);
        break;
    }
    /* and the micro-TLB answers that again, the same */
    pair_translate(&p, SID_NH, VA);
    g_assert_cmphex(pair_translate(&p, SID_NH, VA).addr, ==, r.addr);
    pair_free(&p);
}

/* Two SubstreamIDs of one stream: their own entries, their own answers */
static void test_ssid(void)
{
    SmmuPmTxn t1 = { .sid = SID_SSID, .ssv = true, .ssid = 1, .addr = VA };
    SmmuPmTxn t2 = t1;
    Pair p;

    t2.ssid = 2;
    pair_init(&p);
    for (int i = 0; i < 4; i++) {
        g_assert_cmphex(pair_txn(&p, &t1).addr, ==, p.side[0].pa[0]);
        g_assert_cmphex(pair_txn(&p, &t2).addr, ==, p.side[0].pa[1]);
    }
    /* both answered by the micro-TLB the last two times */
    g_assert_cmpuint(utlb_hits(&p), ==, 4);
    /*
     * A SubstreamID beyond 20 bits, equal to 1 in its low bits: not the
     * micro-TLB's entry for 1, but C_BAD_SUBSTREAMID (S1CDMax 2); and
     * without SSV the SubstreamID is ignored, whatever it is
     */
    t1.ssid = 1 | 1u << 20;
    g_assert_cmpint(pair_txn(&p, &t1).status, ==, SMMU_PM_TXN_ABORT);
    g_assert_cmpuint(utlb_hits(&p), ==, 4);
    pair_free(&p);
}

/*
 * A CD changed (another table, another ASID) and CFGI_CD: the micro-TLB,
 * which answered for the old CD, must not any more (no TLBI: the old
 * ASID's entry is still in the TLB, and is not the new CD's)
 */
static void test_cfgi_cd(void)
{
    SmmuPmTxn t1 = { .sid = SID_SSID, .ssv = true, .ssid = 1, .addr = VA };
    uint64_t c[2];
    Pair p;

    pair_init(&p);
    for (int i = 0; i < 3; i++) {
        g_assert_cmphex(pair_txn(&p, &t1).addr, ==, p.side[0].pa[0]);
    }
    g_assert_cmpuint(utlb_hits(&p), ==, 1);
    for (int i = 0; i < 2; i++) {
        side_cd_write(&p.side[i], 1, p.side[i].sb, ASID + 3);
        sb_cmd_cfgi_cd(c, SID_SSID, 1, true);
        env_cmd_push(&p.side[i].e, c);
    }
    for (int i = 0; i < 3; i++) {
        g_assert_cmphex(pair_txn(&p, &t1).addr, ==, p.side[0].pa[1]);
    }
    g_assert_cmpuint(utlb_hits(&p), ==, 2);
    pair_free(&p);
}

/*
 * An STE changed (INSTCFG: every read an instruction fetch) and
 * CFGI_STE: a read of an execute-never page the micro-TLB answered
 * before is now refused, with the event the slow path records
 */
static void test_cfgi_ste(void)
{
    SmmuPmTxnResult r;
    uint64_t c[2];
    Pair p;

    pair_init(&p);
    for (int i = 0; i < 3; i++) {
        g_assert_cmpint(pair_translate(&p, SID_NH, VA_XN).status, ==,
                        SMMU_PM_TXN_OK);
    }
    g_assert_cmpuint(utlb_hits(&p), ==, 1);
    for (int i = 0; i < 2; i++) {
        Side *d = &p.side[i];

        d->nh_ste.instcfg = 3;
        sb_ste_write(&d->e.sb, &d->e.st, SID_NH, &d->nh_ste);
        sb_cmd_cfgi_ste(c, SID_NH, true);
        env_cmd_push(&d->e, c);
    }
    r = pair_translate(&p, SID_NH, VA_XN);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_ABORT);
    g_assert_cmpuint(env_events(&p.side[0].e), ==, 1);
    pair_free(&p);
}

/*
 * A read-only page in the micro-TLB: a write is not answered from it but
 * refused by the slow path, with its event, on both cores alike
 */
static void test_refused_write(void)
{
    SmmuPmTxn w = { .sid = SID_NH, .addr = VA_RO, .write = true };
    uint64_t hits;
    Pair p;

    pair_init(&p);
    for (int i = 0; i < 3; i++) {
        g_assert_cmphex(pair_translate(&p, SID_NH, VA_RO).addr, ==,
                        p.side[0].pa[0]);
    }
    hits = utlb_hits(&p);
    g_assert_cmpint(pair_txn(&p, &w).status, ==, SMMU_PM_TXN_ABORT);
    g_assert_cmpuint(utlb_hits(&p), ==, hits);
    g_assert_cmpuint(env_events(&p.side[0].e), ==, 1);
    /* and reads are still answered */
    g_assert_cmphex(pair_translate(&p, SID_NH, VA_RO).addr, ==,
                    p.side[0].pa[0]);
    g_assert_cmpuint(utlb_hits(&p), ==, hits + 1);
    pair_free(&p);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/smmuv3-pm/utlb/entries-valid", test_entries_valid);
    g_test_add_func("/smmuv3-pm/utlb/round-robin", test_round_robin);
    g_test_add_func("/smmuv3-pm/utlb/flush-and-drops", test_flush_and_drops);
    g_test_add_func("/smmuv3-pm/utlb/granule", test_granule);
    g_test_add_func("/smmuv3-pm/utlb/tlb/equivalence-lru",
                    test_tlb_equivalence_lru);
    g_test_add_func("/smmuv3-pm/utlb/tlb/equivalence-fifo",
                    test_tlb_equivalence_fifo);
    g_test_add_func("/smmuv3-pm/utlb/tlb/conflict", test_tlb_conflict);
    g_test_add_func("/smmuv3-pm/utlb/tlb/evicted-source",
                    test_evicted_source);
    for (size_t i = 0; i < G_N_ELEMENTS(tlbi_cases); i++) {
        g_autofree char *path = g_strdup_printf("/smmuv3-pm/utlb/tlbi/%s",
                                                tlbi_cases[i].name);

        g_test_add_data_func(path, &tlbi_cases[i], test_tlbi);
    }
    g_test_add_func("/smmuv3-pm/utlb/stream/ssid", test_ssid);
    g_test_add_func("/smmuv3-pm/utlb/stream/cfgi-cd", test_cfgi_cd);
    g_test_add_func("/smmuv3-pm/utlb/stream/cfgi-ste", test_cfgi_ste);
    g_test_add_func("/smmuv3-pm/utlb/stream/refused-write",
                    test_refused_write);
    g_test_add_data_func("/smmuv3-pm/utlb/power-up/clean",
                         GINT_TO_POINTER(SMMU_PM_CACHES_CLEAN), test_power_up);
    g_test_add_data_func("/smmuv3-pm/utlb/power-up/stale",
                         GINT_TO_POINTER(SMMU_PM_CACHES_STALE), test_power_up);
    g_test_add_data_func("/smmuv3-pm/utlb/power-up/garbage",
                         GINT_TO_POINTER(SMMU_PM_CACHES_GARBAGE),
                         test_power_up);
    return g_test_run();
}
