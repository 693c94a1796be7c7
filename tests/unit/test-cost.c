/*
 * arm-smmuv3-pm unit tests: what a translation costs and counts
 *
 * With timing on (the mmu600 preset's latencies) every path of a
 * translation has an exact cost in SMMU cycles, computed here from the
 * timing configuration and from what the path must touch: a micro-TLB
 * hit, a TLB hit, a walk-cache hit, a full 4-level walk, a nested walk
 * (stage-2 walks of every stage-1 table) and an STE + CD fetch before a
 * walk.  A change in the accounting fails them.  The counters behind the
 * cost (walk and configuration accesses, walk-cache lookups, micro-TLB
 * hits) count with timing off too, where nothing is charged; and the
 * per-StreamID counters add up.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "spec.h"
#include "hw/arm/smmuv3-pm/core/base/timing.h"

#define SID_S1      1
#define SID_NEST    2
#define SID_BYPASS  3
#define VMID        4
#define VA          0x7f0000203000ULL   /* 48-bit VA: 4 levels */

static const SbPte s1_rw = { .af = true, .ap = 1, .sh = 3 };
static const SbPte s2_rw = { .af = true, .s2ap = 3, .sh = 3, .memattr = 0xf };

typedef struct Cost {
    Env e;
    SbPgtable *s1, *s1n, *s2;
    uint64_t pa;
    const SmmuPmTimingConfig *tc;
} Cost;

static SbCdtab cost_cd(Cost *k, SbPgtable *pt)
{
    SbCd cd = { .v = true, .aa64 = true, .r = true, .a = true, .ips = 5,
                .epd1 = true, .asid = 1 };
    SbCdtab cdtab = sb_cdtab_linear(&k->e.sb, 0);

    sb_pgt_fill_cd(pt, &cd);
    sb_cd_write(&k->e.sb, &cdtab, 0, &cd);
    return cdtab;
}

/*
 * SID_S1: stage 1 with 4K pages, 48-bit VA.  SID_NEST: the same stage 1
 * (VA -> IPA == PA) under a 4-level stage 2 that maps, page by page, the
 * CD table, every stage-1 table and the page: all in one 2M IPA region,
 * each in its own 4K page.  SID_BYPASS: an STE in bypass.  Timing on
 * with @timing (mmu600's latencies), the micro-TLB of @utlb entries.
 */
static void cost_init(Cost *k, bool timing, unsigned utlb)
{
    SbSte ste = { .v = true, .config = SB_STE_CFG_S1 };
    SbSte nest = { .v = true, .config = SB_STE_CFG_NESTED, .s2vmid = VMID,
                   .s2ps = 5, .s2r = true };
    SbSte bypass = { .v = true, .config = SB_STE_CFG_BYPASS };
    uint64_t lo, hi;
    SbCdtab cdtab;

    memset(k, 0, sizeof(*k));
    env_init(&k->e, NULL);
    smmu_pm_timing_preset(SMMU_PM_MODEL_MMU600, &k->e.core.timing.cfg);
    k->e.core.timing.cfg.enabled = timing;
    k->tc = &k->e.core.timing.cfg;
    smmu_pm_tlb_set_utlb_entries(k->e.core.tlb, utlb);
    env_enable(&k->e, sb_strtab_linear(&k->e.sb, 4));

    lo = spec_align_up(k->e.sb.next, 0x1000);
    k->e.sb.next = lo;
    k->pa = sb_alloc(&k->e.sb, 0x1000, 0x1000);
    k->s1 = sb_pgt_new(&k->e.sb, 1, 12, 16, -1, 1, false);
    g_assert_true(sb_pgt_map(k->s1, VA, k->pa, 0x1000, &s1_rw));
    cdtab = cost_cd(k, k->s1);
    sb_ste_set_cdtab(&ste, &cdtab);
    sb_ste_write(&k->e.sb, &k->e.st, SID_S1, &ste);

    k->e.sb.next = spec_align_up(k->e.sb.next, 0x1000);
    k->s1n = sb_pgt_new(&k->e.sb, 1, 12, 16, -1, 1, false);
    cdtab = cost_cd(k, k->s1n);
    g_assert_true(sb_pgt_map(k->s1n, VA, k->pa, 0x1000, &s1_rw));
    hi = spec_align_up(k->e.sb.next, 0x1000);
    k->e.sb.next = hi;
    g_assert_cmphex(lo >> 21, ==, (hi - 1) >> 21);
    k->s2 = sb_pgt_new(&k->e.sb, 2, 12, 16, -1, 1, false);
    for (uint64_t p = lo; p < hi; p += 0x1000) {
        g_assert_true(sb_pgt_map(k->s2, p, p, 0x1000, &s2_rw));
    }
    sb_pgt_fill_ste(k->s2, &nest);
    sb_ste_set_cdtab(&nest, &cdtab);
    sb_ste_write(&k->e.sb, &k->e.st, SID_NEST, &nest);
    sb_ste_write(&k->e.sb, &k->e.st, SID_BYPASS, &bypass);
}

static void cost_free(Cost *k)
{
    sb_pgt_free(k->s1);
    sb_pgt_free(k->s1n);
    sb_pgt_free(k->s2);
    env_free(&k->e);
}

/* One read of VA by @sid: OK, to the page; returns its cost */
static uint64_t xlate(Cost *k, uint32_t sid)
{
    uint64_t before = k->e.core.stats.cycles;
    SmmuPmTxnResult r = env_translate(&k->e, sid, 0, false, VA + 8, false);

    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_OK);
    g_assert_cmphex(r.addr, ==, k->pa + 8);
    /* the total is the sum of the transactions' costs */
    g_assert_cmpuint(k->e.core.stats.cycles - before, ==, r.cycles);
    return r.cycles;
}

static void cmd(Cost *k, void (*build)(uint64_t c[2]))
{
    uint64_t c[2];

    build(c);
    env_cmd_push(&k->e, c);
    sb_cmd_sync(c, 0, 0, 0, 0, 0);
    env_cmd_push(&k->e, c);
    g_assert_cmpuint(SPEC_CONS_ERR(env_rd(&k->e, A_CMDQ_CONS)), ==,
                     SPEC_CERROR_NONE);
}

/* TLBI_NH_VA of VA with Leaf = 1: the walk caches keep their tables */
static void tlbi_leaf(uint64_t c[2])
{
    SbTlbiAddr a = { .addr = VA, .leaf = true };

    sb_cmd_tlbi_nh_vaa(c, 0, &a);
}

static void tlbi_all(uint64_t c[2])
{
    sb_cmd_tlbi_nsnh_all(c);
}

static void cfgi_all(uint64_t c[2])
{
    sb_cmd_cfgi_all(c);
}

/* The TCU's part of a TLB miss: the link both ways, STE and CD lookups */
static uint64_t tcu_base(const SmmuPmTimingConfig *tc)
{
    return 2 * tc->link_cycles + 2 * tc->cfg_cycles;
}

/* Counters since a snapshot */
#define DELTA(k, s0, f) ((k)->e.core.stats.f - (s0).f)

static void test_utlb_and_tlb_hits(void)
{
    Cost k;
    SmmuPmStats s0;

    cost_init(&k, true, 32);
    xlate(&k, SID_S1);                                  /* walk */
    /* the TLB answers (the micro-TLB takes the entry), then the uTLB */
    g_assert_cmpuint(xlate(&k, SID_S1), ==,
                     k.tc->utlb_cycles + k.tc->tlb_cycles);
    s0 = k.e.core.stats;
    g_assert_cmpuint(xlate(&k, SID_S1), ==, k.tc->utlb_cycles);
    g_assert_cmpuint(DELTA(&k, s0, utlb_hits), ==, 1);
    g_assert_cmpuint(DELTA(&k, s0, tlb_hits), ==, 1);
    g_assert_cmpuint(DELTA(&k, s0, utlb_misses), ==, 0);
    cost_free(&k);

    /* without a micro-TLB, a TLB hit costs the TLB lookup alone */
    cost_init(&k, true, 0);
    xlate(&k, SID_S1);
    s0 = k.e.core.stats;
    g_assert_cmpuint(xlate(&k, SID_S1), ==, k.tc->tlb_cycles);
    g_assert_cmpuint(xlate(&k, SID_S1), ==, k.tc->tlb_cycles);
    g_assert_cmpuint(DELTA(&k, s0, utlb_hits) + DELTA(&k, s0, utlb_misses),
                     ==, 0);
    cost_free(&k);
}

/* Leaf-only TLBI: a TLB miss, the level-3 table from the walk cache */
static void test_walkcache_hit(void)
{
    Cost k;
    SmmuPmStats s0;

    cost_init(&k, true, 32);
    xlate(&k, SID_S1);
    cmd(&k, tlbi_leaf);
    s0 = k.e.core.stats;
    g_assert_cmpuint(xlate(&k, SID_S1), ==,
                     k.tc->utlb_cycles + k.tc->tlb_cycles + tcu_base(k.tc) +
                     k.tc->walkcache_cycles + 1 * k.tc->mem_cycles);
    g_assert_cmpuint(DELTA(&k, s0, walkcache_hits), ==, 1);
    g_assert_cmpuint(DELTA(&k, s0, walkcache_misses), ==, 0);
    g_assert_cmpuint(DELTA(&k, s0, walk_accesses), ==, 1);
    g_assert_cmpuint(DELTA(&k, s0, cfg_accesses), ==, 0);
    cost_free(&k);
}

/* Everything invalidated but the configuration: 4 descriptor reads */
static void test_full_walk(void)
{
    Cost k;
    SmmuPmStats s0;

    cost_init(&k, true, 32);
    xlate(&k, SID_S1);
    cmd(&k, tlbi_all);
    s0 = k.e.core.stats;
    g_assert_cmpuint(xlate(&k, SID_S1), ==,
                     k.tc->utlb_cycles + k.tc->tlb_cycles + tcu_base(k.tc) +
                     k.tc->walkcache_cycles + 4 * k.tc->mem_cycles);
    g_assert_cmpuint(DELTA(&k, s0, walkcache_misses), ==, 1);
    g_assert_cmpuint(DELTA(&k, s0, walk_accesses), ==, 4);
    g_assert_cmpuint(DELTA(&k, s0, walks), ==, 1);
    cost_free(&k);
}

/* The configuration too: an STE and a CD read (linear tables) first */
static void test_ste_cd_fetch(void)
{
    Cost k;
    SmmuPmStats s0;

    cost_init(&k, true, 32);
    s0 = k.e.core.stats;
    g_assert_cmpuint(xlate(&k, SID_S1), ==,
                     k.tc->utlb_cycles + k.tc->tlb_cycles + tcu_base(k.tc) +
                     2 * k.tc->mem_cycles +
                     k.tc->walkcache_cycles + 4 * k.tc->mem_cycles);
    g_assert_cmpuint(DELTA(&k, s0, cfg_accesses), ==, 2);
    g_assert_cmpuint(DELTA(&k, s0, cfg_misses), ==, 2);
    g_assert_cmpuint(DELTA(&k, s0, walk_accesses), ==, 4);
    /* again after CFGI_ALL and a TLBI: the same */
    cmd(&k, cfgi_all);
    cmd(&k, tlbi_all);
    g_assert_cmpuint(xlate(&k, SID_S1), ==,
                     k.tc->utlb_cycles + k.tc->tlb_cycles + tcu_base(k.tc) +
                     6 * k.tc->mem_cycles + k.tc->walkcache_cycles);
    cost_free(&k);
}

/*
 * Nested, configuration cached, everything else invalidated.  The TBU
 * misses; stage 1 walks 4 levels (a walk-cache miss, 4 reads), each table
 * address an IPA that stage 2 translates (a TLB miss each): the first by
 * a full stage-2 walk (a walk-cache miss, 4 reads), the next three and
 * the output IPA in the same 2M region from stage 2's walk cache (a hit,
 * 1 read each).  6 TLB lookups, 6 walk-cache lookups, 12 reads.
 */
static void test_nested_walk(void)
{
    Cost k;
    SmmuPmStats s0;

    cost_init(&k, true, 32);
    xlate(&k, SID_NEST);
    cmd(&k, tlbi_all);
    s0 = k.e.core.stats;
    g_assert_cmpuint(xlate(&k, SID_NEST), ==,
                     k.tc->utlb_cycles + 6 * k.tc->tlb_cycles +
                     tcu_base(k.tc) + 6 * k.tc->walkcache_cycles +
                     12 * k.tc->mem_cycles);
    g_assert_cmpuint(DELTA(&k, s0, tlb_misses), ==, 6);
    g_assert_cmpuint(DELTA(&k, s0, walks), ==, 6);
    g_assert_cmpuint(DELTA(&k, s0, walkcache_hits), ==, 4);
    g_assert_cmpuint(DELTA(&k, s0, walkcache_misses), ==, 2);
    g_assert_cmpuint(DELTA(&k, s0, walk_accesses), ==, 12);
    /* then the combined entry: a TLB hit, then a micro-TLB hit */
    g_assert_cmpuint(xlate(&k, SID_NEST), ==,
                     k.tc->utlb_cycles + k.tc->tlb_cycles);
    g_assert_cmpuint(xlate(&k, SID_NEST), ==, k.tc->utlb_cycles);
    cost_free(&k);
}

/*
 * A bypass STE: the micro-TLB misses (the TBU looks it up for every
 * transaction), then the TCU's configuration alone; SMMUEN = 0: nothing
 */
static void test_bypass_and_disabled(void)
{
    Cost k;
    SmmuPmTxnResult r;

    cost_init(&k, true, 32);
    r = env_translate(&k.e, SID_BYPASS, 0, false, 0x1234, false);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_OK);
    g_assert_cmpuint(r.cycles, ==, k.tc->utlb_cycles +
                     2 * k.tc->link_cycles + k.tc->cfg_cycles +
                     k.tc->mem_cycles);
    r = env_translate(&k.e, SID_BYPASS, 0, false, 0x1234, false);
    g_assert_cmpuint(r.cycles, ==, k.tc->utlb_cycles +
                     2 * k.tc->link_cycles + k.tc->cfg_cycles);
    env_wr(&k.e, A_CR0, 0, 4);
    r = env_translate(&k.e, SID_S1, 0, false, 0x1234, false);
    g_assert_cmpuint(r.cycles, ==, 0);
    cost_free(&k);
}

/*
 * Timing off: nothing is charged, but everything is counted as with
 * timing on (a full walk with an STE and CD fetch, then hits)
 */
static void test_timing_off(void)
{
    Cost on, off;

    cost_init(&on, true, 32);
    cost_init(&off, false, 32);
    for (int i = 0; i < 4; i++) {
        g_assert_cmpuint(xlate(&off, SID_NEST), ==, 0);
        xlate(&on, SID_NEST);
    }
    g_assert_cmpuint(off.e.core.stats.cycles, ==, 0);
    g_assert_cmpuint(on.e.core.stats.cycles, >, 0);
#define SAME(f) g_assert_cmpuint(on.e.core.stats.f, ==, off.e.core.stats.f)
    SAME(tlb_hits);
    SAME(tlb_misses);
    SAME(utlb_hits);
    SAME(utlb_misses);
    SAME(walk_accesses);
    SAME(cfg_accesses);
    SAME(walkcache_hits);
    SAME(walkcache_misses);
#undef SAME
    g_assert_cmpuint(off.e.core.stats.utlb_hits, ==, 2);
    g_assert_cmpuint(off.e.core.stats.cfg_accesses, >=, 2);
    cost_free(&on);
    cost_free(&off);
}

/* ---- Per StreamID ------------------------------------------------------- */

static const SmmuPmSidStats *sid_stats(Cost *k, uint32_t sid)
{
    const SmmuPmStatsBySid *b = &k->e.core.stats.by_sid;

    for (unsigned i = 0; i < b->used; i++) {
        if (b->sid[i] == sid) {
            return &b->slot[i];
        }
    }
    return NULL;
}

/* Each stream's counters are its own, and add up to the totals */
static void test_by_sid(void)
{
    const SmmuPmSidStats *a, *n;
    Cost k;

    cost_init(&k, true, 32);
    for (int i = 0; i < 3; i++) {
        xlate(&k, SID_S1);
        xlate(&k, SID_NEST);
    }
    xlate(&k, SID_S1);
    a = sid_stats(&k, SID_S1);
    n = sid_stats(&k, SID_NEST);
    g_assert_nonnull(a);
    g_assert_nonnull(n);
    g_assert_cmpuint(k.e.core.stats.by_sid.used, ==, 2);
    g_assert_cmpuint(a->translations, ==, 4);
    g_assert_cmpuint(n->translations, ==, 3);
    /* S1: a walk (4 reads), a TLB hit, two micro-TLB hits */
    g_assert_cmpuint(a->tlb_misses, ==, 1);
    g_assert_cmpuint(a->tlb_hits, ==, 3);
    g_assert_cmpuint(a->utlb_hits, ==, 2);
    g_assert_cmpuint(a->utlb_misses, ==, 2);
    g_assert_cmpuint(a->walk_accesses, ==, 4);
#define SUM(f) g_assert_cmpuint(a->f + n->f, ==, k.e.core.stats.f)
    SUM(translations);
    SUM(tlb_hits);
    SUM(tlb_misses);
    SUM(utlb_hits);
    SUM(utlb_misses);
    SUM(walk_accesses);
    SUM(cycles);
#undef SUM
    g_assert_cmpuint(k.e.core.stats.by_sid.other.translations, ==, 0);
    cost_free(&k);
}

/* StreamIDs beyond the first SMMU_PM_STATS_SIDS share "other" */
static void test_by_sid_other(void)
{
    const SmmuPmStatsBySid *b;
    Cost k;

    cost_init(&k, false, 32);
    /* SMMUEN = 0 (GBPA bypass): any StreamID is a transaction */
    env_wr(&k.e, A_CR0, 0, 4);
    for (uint32_t sid = 0; sid < SMMU_PM_STATS_SIDS + 6; sid++) {
        env_translate(&k.e, 0x1000 + sid, 0, false, 0x1234, false);
        env_translate(&k.e, 0x1000 + sid, 0, false, 0x1234, false);
    }
    b = &k.e.core.stats.by_sid;
    g_assert_cmpuint(b->used, ==, SMMU_PM_STATS_SIDS);
    for (unsigned i = 0; i < b->used; i++) {
        g_assert_cmphex(b->sid[i], ==, 0x1000 + i);
        g_assert_cmpuint(b->slot[i].translations, ==, 2);
    }
    g_assert_cmpuint(b->other.translations, ==, 12);
    /* a StreamID with a slot keeps it: its hint can be wrong, not it */
    memset((void *)k.e.core.stats.by_sid.hint, 0xff,
           sizeof(k.e.core.stats.by_sid.hint));
    env_translate(&k.e, 0x1005, 0, false, 0x1234, false);
    g_assert_cmpuint(b->slot[5].translations, ==, 3);
    cost_free(&k);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/smmuv3-pm/cost/utlb-and-tlb-hits",
                    test_utlb_and_tlb_hits);
    g_test_add_func("/smmuv3-pm/cost/walk-cache-hit", test_walkcache_hit);
    g_test_add_func("/smmuv3-pm/cost/full-walk", test_full_walk);
    g_test_add_func("/smmuv3-pm/cost/ste-cd-fetch", test_ste_cd_fetch);
    g_test_add_func("/smmuv3-pm/cost/nested-walk", test_nested_walk);
    g_test_add_func("/smmuv3-pm/cost/bypass-and-disabled",
                    test_bypass_and_disabled);
    g_test_add_func("/smmuv3-pm/cost/timing-off", test_timing_off);
    g_test_add_func("/smmuv3-pm/cost/by-sid", test_by_sid);
    g_test_add_func("/smmuv3-pm/cost/by-sid-other", test_by_sid_other);
    return g_test_run();
}
