/*
 * arm-smmuv3-pm core: TLB and walk-cache tests
 *
 * Every entry gets a distinct output address, so that "which entries are
 * still cached" is read back exactly (by scanning the cache) after each
 * invalidation: each case checks that the stale entries are gone and that
 * every unrelated one survived.  The invalidation flavours follow the
 * TLBI commands of Arm IHI 0070 4.4.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <glib.h>
#include <string.h>

#include "hw/arm/smmuv3-pm/core/caches/tlb.h"

#define MISS            UINT64_MAX

#define SZ_4K           12
#define SZ_64K          16
#define SZ_2M           21
#define SZ_512M         29
#define SZ_1G           30

/*
 * The lookup tests run twice: with the default geometry, and with a single
 * set, where every entry shares the set and the tags alone must tell
 * entries apart.
 */
static bool one_set;

static SmmuPmTlb *new_tlb(void)
{
    SmmuPmCacheGeom single = { 1, 64, SMMU_PM_REPL_LRU };

    SmmuPmCacheGeom tg = {
        SMMU_PM_TLB_DEFAULT_SETS, SMMU_PM_TLB_DEFAULT_WAYS,
        SMMU_PM_TLB_DEFAULT_REPL,
    };
    SmmuPmCacheGeom wg = {
        SMMU_PM_WALKCACHE_DEFAULT_SETS, SMMU_PM_WALKCACHE_DEFAULT_WAYS,
        SMMU_PM_WALKCACHE_DEFAULT_REPL,
    };

    return one_set ? smmu_pm_tlb_new(&single, &single)
                   : smmu_pm_tlb_new(&tg, &wg);
}

/* A stage-1 NS-EL1 non-global entry of VMID 1, ASID 1, 4K granule */
static SmmuPmTlbEntry ent(uint64_t ia, unsigned size_shift, unsigned level,
                          uint64_t oa)
{
    return (SmmuPmTlbEntry) {
        .ia = ia, .oa = oa,
        .world = SMMU_PM_WORLD_NS_EL1, .stages = SMMU_PM_STAGES_S1,
        .vmid = 1, .asid = 1,
        .size_shift = size_shift, .granule_shift = SZ_4K, .level = level,
        .perm_priv = 7,
    };
}

static SmmuPmTlbKey key_of(const SmmuPmTlbEntry *e, uint64_t ia)
{
    return (SmmuPmTlbKey) {
        .world = e->world, .stages = e->stages, .vmid = e->vmid,
        .asid = e->asid, .ia = ia,
    };
}

/* Output address for @key, or MISS */
static uint64_t xlate(SmmuPmTlb *t, SmmuPmTlbKey key)
{
    SmmuPmTlbEntry out;

    if (!smmu_pm_tlb_lookup(t, &key, &out)) {
        return MISS;
    }
    g_assert_cmpuint(key.ia - out.ia, <, 1ull << out.size_shift);
    return out.oa + (key.ia - out.ia);
}

static void find_oa(void *entry, void *opaque)
{
    uint64_t *want = opaque;

    if (((SmmuPmTlbEntry *)entry)->oa == want[0]) {
        want[1]++;
    }
}

/* How many TLB entries have output address @oa */
static unsigned cached(SmmuPmTlb *t, uint64_t oa)
{
    uint64_t want[2] = { oa, 0 };

    smmu_pm_cache_foreach(smmu_pm_tlb_cache(t), find_oa, want);
    return want[1];
}

/* ---- Lookup -------------------------------------------------------------- */

static void test_mixed_sizes(void)
{
    SmmuPmTlb *t = new_tlb();
    SmmuPmTlbEntry e[] = {
        ent(0x10003000, SZ_4K, 3, 0xa0000000),
        ent(0x40200000, SZ_2M, 2, 0xb0000000),
        ent(0x8040000000, SZ_1G, 1, 0xc0000000),
        ent(0x100010000, SZ_64K, 3, 0xd0000000),
        ent(0x220000000, SZ_512M, 2, 0xe0000000),
    };
    SmmuPmTlbEntry p = ent(0x40234000, SZ_4K, 3, 0xf0000000);
    SmmuPmTlbEntry u = ent(0x7654321, SZ_4K, 3, 0x9000);

    e[3].granule_shift = e[4].granule_shift = SZ_64K;
    for (size_t i = 0; i < G_N_ELEMENTS(e); i++) {
        smmu_pm_tlb_insert(t, &e[i]);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(e); i++) {
        uint64_t size = 1ull << e[i].size_shift;
        uint64_t ia = e[i].ia;

        g_assert_cmphex(xlate(t, key_of(&e[i], ia)), ==, e[i].oa);
        g_assert_cmphex(xlate(t, key_of(&e[i], ia + size / 2 + 0x123)), ==,
                        e[i].oa + size / 2 + 0x123);
        g_assert_cmphex(xlate(t, key_of(&e[i], ia + size - 1)), ==,
                        e[i].oa + size - 1);
        g_assert_cmphex(xlate(t, key_of(&e[i], ia - 1)), ==, MISS);
        g_assert_cmphex(xlate(t, key_of(&e[i], ia + size)), ==, MISS);
    }

    /* A page inside a block: the smaller size wins, the block elsewhere */
    smmu_pm_tlb_insert(t, &p);
    g_assert_cmphex(xlate(t, key_of(&p, 0x40234008)), ==, 0xf0000008);
    g_assert_cmphex(xlate(t, key_of(&p, 0x40235008)), ==, 0xb0035008);

    /* An unaligned ia is aligned to the size on insert */
    smmu_pm_tlb_insert(t, &u);
    g_assert_cmphex(xlate(t, key_of(&u, 0x7654000)), ==, 0x9000);
    smmu_pm_tlb_free(t);
}

static void test_global_asid(void)
{
    SmmuPmTlb *t = new_tlb();
    SmmuPmTlbEntry ng = ent(0x1000, SZ_4K, 3, 0xa000);
    SmmuPmTlbEntry g = ent(0x2000, SZ_4K, 3, 0xb000);
    static const uint16_t asids[] = { 0, 5, 6, 9, 0xffff };
    SmmuPmTlbKey k;

    ng.asid = 5;
    g.asid = 9;
    g.global = true;
    smmu_pm_tlb_insert(t, &ng);
    smmu_pm_tlb_insert(t, &g);

    k = key_of(&ng, 0x1000);
    g_assert_cmphex(xlate(t, k), ==, 0xa000);
    k.asid = 6;
    g_assert_cmphex(xlate(t, k), ==, MISS);
    k.asid = 0;
    g_assert_cmphex(xlate(t, k), ==, MISS);

    for (size_t i = 0; i < G_N_ELEMENTS(asids); i++) {
        k = key_of(&g, 0x2abc);
        k.asid = asids[i];
        g_assert_cmphex(xlate(t, k), ==, 0xbabc);
    }
    smmu_pm_tlb_free(t);
}

static void test_world_vmid(void)
{
    SmmuPmTlb *t = new_tlb();
    SmmuPmTlbEntry e[4];
    SmmuPmTlbKey k;

    for (int i = 0; i < 4; i++) {
        e[i] = ent(0x5000, SZ_4K, 3, 0x10000 * (i + 1));
    }
    e[1].vmid = 2;
    e[2].world = SMMU_PM_WORLD_EL2;
    e[2].vmid = 0;
    e[3].world = SMMU_PM_WORLD_EL2_E2H;
    e[3].vmid = 0;
    for (int i = 0; i < 4; i++) {
        smmu_pm_tlb_insert(t, &e[i]);
    }
    for (int i = 0; i < 4; i++) {
        g_assert_cmphex(xlate(t, key_of(&e[i], 0x5010)), ==,
                        0x10000 * (i + 1) + 0x10);
    }
    k = key_of(&e[0], 0x5000);
    k.vmid = 3;
    g_assert_cmphex(xlate(t, k), ==, MISS);
    k = key_of(&e[2], 0x5000);
    k.vmid = 1;
    g_assert_cmphex(xlate(t, k), ==, MISS);
    smmu_pm_tlb_free(t);
}

static void test_stages(void)
{
    SmmuPmTlb *t = new_tlb();
    static const uint8_t stages[] = {
        SMMU_PM_STAGES_S1, SMMU_PM_STAGES_S2, SMMU_PM_STAGES_NESTED,
    };
    SmmuPmTlbEntry e[3];
    SmmuPmTlbKey k;

    for (int i = 0; i < 3; i++) {
        e[i] = ent(0x6000, SZ_4K, 3, 0x100000 * (i + 1));
        e[i].stages = stages[i];
        smmu_pm_tlb_insert(t, &e[i]);
    }
    for (int i = 0; i < 3; i++) {
        g_assert_cmphex(xlate(t, key_of(&e[i], 0x6000)), ==,
                        0x100000 * (i + 1));
    }
    /* Stage-2-only entries carry no ASID */
    k = key_of(&e[1], 0x6000);
    k.asid = 77;
    g_assert_cmphex(xlate(t, k), ==, 0x200000);
    k = key_of(&e[0], 0x6000);
    k.asid = 77;
    g_assert_cmphex(xlate(t, k), ==, MISS);
    smmu_pm_tlb_free(t);
}

static void test_insert_replaces(void)
{
    SmmuPmTlb *t = new_tlb();
    SmmuPmTlbEntry a = ent(0x7000, SZ_4K, 3, 0x1000);
    SmmuPmTlbEntry b = ent(0x7000, SZ_4K, 3, 0x2000);
    SmmuPmTlbEntry g = ent(0x7000, SZ_4K, 3, 0x3000);

    smmu_pm_tlb_insert(t, &a);
    smmu_pm_tlb_insert(t, &b);
    g_assert_cmpuint(smmu_pm_cache_occupancy(smmu_pm_tlb_cache(t)), ==, 1);
    g_assert_cmphex(xlate(t, key_of(&a, 0x7000)), ==, 0x2000);

    /* A global entry replaces the ASID's entry a lookup would also find */
    g.global = true;
    g.asid = 3;
    smmu_pm_tlb_insert(t, &g);
    g_assert_cmpuint(smmu_pm_cache_occupancy(smmu_pm_tlb_cache(t)), ==, 1);
    g_assert_cmphex(xlate(t, key_of(&a, 0x7000)), ==, 0x3000);
    smmu_pm_tlb_free(t);
}

/* ---- Invalidation flavours ----------------------------------------------- */

enum {
    E_A1,           /* S1 vmid 1 asid 1, 0x10000 */
    E_A2,           /* S1 vmid 1 asid 2, 0x10000 */
    E_G,            /* S1 vmid 1 global, 0x11000 */
    E_A1_FAR,       /* S1 vmid 1 asid 1, 0x20000 */
    E_NESTED,       /* S1+S2 vmid 1 asid 1, 0x10000 */
    E_S2,           /* S2 vmid 1, IPA 0x10000 */
    E_VMID2,        /* S1 vmid 2 asid 1, 0x10000 */
    E_EL2,          /* EL2 world, global, 0x10000 */
    E_S2_FAR,       /* S2 vmid 1, IPA 0x20000 */
    E_G_FAR,        /* S1 vmid 1 global, 0x21000 */
    E__N,
};

static uint64_t oa_of(int i)
{
    return (uint64_t)(i + 1) << 32;
}

static void populate(SmmuPmTlb *t)
{
    SmmuPmTlbEntry e[E__N];

    for (int i = 0; i < E__N; i++) {
        e[i] = ent(0x10000, SZ_4K, 3, oa_of(i));
    }
    e[E_A2].asid = 2;
    e[E_G].ia = 0x11000;
    e[E_G].global = true;
    e[E_A1_FAR].ia = 0x20000;
    e[E_NESTED].stages = SMMU_PM_STAGES_NESTED;
    e[E_S2].stages = SMMU_PM_STAGES_S2;
    e[E_S2].asid = 0;
    e[E_VMID2].vmid = 2;
    e[E_EL2].world = SMMU_PM_WORLD_EL2;
    e[E_EL2].vmid = 0;
    e[E_EL2].global = true;
    e[E_S2_FAR].stages = SMMU_PM_STAGES_S2;
    e[E_S2_FAR].asid = 0;
    e[E_S2_FAR].ia = 0x20000;
    e[E_G_FAR].ia = 0x21000;
    e[E_G_FAR].global = true;
    for (int i = 0; i < E__N; i++) {
        smmu_pm_tlb_insert(t, &e[i]);
    }
    g_assert_cmpuint(smmu_pm_cache_occupancy(smmu_pm_tlb_cache(t)), ==,
                     E__N);
}

/* Populate, invalidate, and check exactly the entries in @gone left */
static void check_inval(const SmmuPmTlbInval *inv, uint32_t gone)
{
    SmmuPmTlb *t = new_tlb();

    populate(t);
    g_assert_cmpuint(smmu_pm_tlb_invalidate(t, inv), ==,
                     __builtin_popcount(gone));
    for (int i = 0; i < E__N; i++) {
        if (cached(t, oa_of(i)) != !(gone & (1u << i))) {
            g_error("entry %d: expected %s", i,
                    gone & (1u << i) ? "gone" : "kept");
        }
    }
    g_assert_cmpuint(smmu_pm_tlb_stats(t)->invalidated, ==,
                     __builtin_popcount(gone));
    smmu_pm_tlb_free(t);
}

#define BIT(e)  (1u << (e))

static void test_inval_nh_all(void)
{
    /* TLBI_NH_ALL: all stage 1 (and combined) of the VMID, any ASID */
    SmmuPmTlbInval inv = {
        .world = SMMU_PM_WORLD_NS_EL1, .stages = SMMU_PM_STAGES_S1,
        .match_vmid = true, .vmid = 1,
    };

    check_inval(&inv, BIT(E_A1) | BIT(E_A2) | BIT(E_G) | BIT(E_A1_FAR) |
                BIT(E_NESTED) | BIT(E_G_FAR));
}

static void test_inval_nh_asid(void)
{
    /* TLBI_NH_ASID: non-global entries of the ASID, globals survive */
    SmmuPmTlbInval inv = {
        .world = SMMU_PM_WORLD_NS_EL1, .stages = SMMU_PM_STAGES_S1,
        .match_vmid = true, .vmid = 1,
        .match_asid = true, .asid = 1, .keep_global = true,
    };

    check_inval(&inv, BIT(E_A1) | BIT(E_A1_FAR) | BIT(E_NESTED));

    /* Without an address, match_asid alone never selects global entries */
    inv.keep_global = false;
    check_inval(&inv, BIT(E_A1) | BIT(E_A1_FAR) | BIT(E_NESTED));

    /* keep_global without an ASID: every non-global entry of the VMID */
    inv.match_asid = false;
    inv.keep_global = true;
    check_inval(&inv, BIT(E_A1) | BIT(E_A2) | BIT(E_A1_FAR) |
                BIT(E_NESTED));
}

static void test_inval_nh_va(void)
{
    /* TLBI_NH_VA: the ASID's entries and global ones in the range */
    SmmuPmTlbInval inv = {
        .world = SMMU_PM_WORLD_NS_EL1, .stages = SMMU_PM_STAGES_S1,
        .match_vmid = true, .vmid = 1,
        .match_asid = true, .asid = 1,
        .by_addr = true, .start = 0x10000, .last = 0x11fff,
    };

    check_inval(&inv, BIT(E_A1) | BIT(E_G) | BIT(E_NESTED));

    /* One page only: the global entry on the next page stays */
    inv.last = 0x10fff;
    check_inval(&inv, BIT(E_A1) | BIT(E_NESTED));
}

static void test_inval_nh_vaa(void)
{
    /* TLBI_NH_VAA: every ASID and global entries in the range */
    SmmuPmTlbInval inv = {
        .world = SMMU_PM_WORLD_NS_EL1, .stages = SMMU_PM_STAGES_S1,
        .match_vmid = true, .vmid = 1,
        .by_addr = true, .start = 0x10000, .last = 0x11fff,
    };

    check_inval(&inv, BIT(E_A1) | BIT(E_A2) | BIT(E_G) | BIT(E_NESTED));
}

static void test_inval_s2(void)
{
    /* TLBI_S2_IPA: stage-2-only entries; combined entries are kept */
    SmmuPmTlbInval inv = {
        .world = SMMU_PM_WORLD_NS_EL1, .stages = SMMU_PM_STAGES_S2,
        .s2_only = true, .match_vmid = true, .vmid = 1,
        .by_addr = true, .start = 0x10000, .last = 0x10fff,
    };
    SmmuPmTlbInval s12 = {
        .world = SMMU_PM_WORLD_NS_EL1, .stages = SMMU_PM_STAGES_NESTED,
        .match_vmid = true, .vmid = 1,
    };

    check_inval(&inv, BIT(E_S2));

    /* TLBI_S12_VMALL: everything of the VMID, either stage */
    check_inval(&s12, BIT(E_A1) | BIT(E_A2) | BIT(E_G) | BIT(E_A1_FAR) |
                BIT(E_NESTED) | BIT(E_S2) | BIT(E_S2_FAR) | BIT(E_G_FAR));
}

static void test_inval_el2(void)
{
    /* TLBI_EL2_ALL: the EL2 world only, no VMID */
    SmmuPmTlbInval inv = {
        .world = SMMU_PM_WORLD_EL2, .stages = SMMU_PM_STAGES_S1,
    };

    check_inval(&inv, BIT(E_EL2));
}

static void test_inval_range(void)
{
    SmmuPmTlb *t = new_tlb();
    SmmuPmTlbEntry block = ent(0x40000000, SZ_2M, 2, 0x1ull << 30);
    SmmuPmTlbEntry in = ent(0x40200000, SZ_4K, 3, 0x2ull << 30);
    SmmuPmTlbEntry after = ent(0x40201000, SZ_4K, 3, 0x3ull << 30);
    SmmuPmTlbEntry before = ent(0x3ffff000, SZ_4K, 3, 0x4ull << 30);
    /* The range ends inside @in and starts in the block's last page */
    SmmuPmTlbInval inv = {
        .world = SMMU_PM_WORLD_NS_EL1, .stages = SMMU_PM_STAGES_S1,
        .match_vmid = true, .vmid = 1,
        .by_addr = true, .start = 0x401ff000, .last = 0x402007ff,
    };

    smmu_pm_tlb_insert(t, &block);
    smmu_pm_tlb_insert(t, &in);
    smmu_pm_tlb_insert(t, &after);
    smmu_pm_tlb_insert(t, &before);
    g_assert_cmpuint(smmu_pm_tlb_invalidate(t, &inv), ==, 2);
    g_assert_cmphex(xlate(t, key_of(&block, 0x40000000)), ==, MISS);
    g_assert_cmphex(xlate(t, key_of(&block, 0x40200000)), ==, MISS);
    g_assert_cmphex(xlate(t, key_of(&after, 0x40201000)), ==,
                    0x3ull << 30);
    g_assert_cmphex(xlate(t, key_of(&before, 0x3ffff000)), ==,
                    0x4ull << 30);

    /* A range ending just before an entry does not touch it */
    inv.start = 0;
    inv.last = 0x3fffefff;
    g_assert_cmpuint(smmu_pm_tlb_invalidate(t, &inv), ==, 0);
    g_assert_cmpuint(cached(t, 0x4ull << 30), ==, 1);
    smmu_pm_tlb_free(t);
}

/* 4K page (L3), 2M block (L2), 64K page (L3), 512M block (L2) */
static SmmuPmTlb *ttl_tg_tlb(void)
{
    SmmuPmTlb *t = new_tlb();
    SmmuPmTlbEntry e[] = {
        ent(0x1000, SZ_4K, 3, 1ull << 32),
        ent(0x200000, SZ_2M, 2, 2ull << 32),
        ent(0x10000, SZ_64K, 3, 3ull << 32),
        ent(0x20000000, SZ_512M, 2, 4ull << 32),
    };

    e[2].granule_shift = e[3].granule_shift = SZ_64K;
    for (size_t i = 0; i < G_N_ELEMENTS(e); i++) {
        smmu_pm_tlb_insert(t, &e[i]);
    }
    return t;
}

static void check_ttl_tg(uint8_t ttl, uint8_t tg, unsigned gone)
{
    SmmuPmTlb *t = ttl_tg_tlb();
    SmmuPmTlbInval inv = {
        .world = SMMU_PM_WORLD_NS_EL1, .stages = SMMU_PM_STAGES_S1,
        .by_addr = true, .start = 0, .last = UINT64_MAX,
        .ttl = ttl, .tg = tg, .leaf_only = true,
    };

    g_assert_cmpuint(smmu_pm_tlb_invalidate(t, &inv), ==,
                     __builtin_popcount(gone));
    for (int i = 0; i < 4; i++) {
        g_assert_cmpuint(cached(t, (uint64_t)(i + 1) << 32), ==,
                         !(gone & (1u << i)));
    }
    smmu_pm_tlb_free(t);
}

static void test_inval_ttl_tg(void)
{
    check_ttl_tg(0, 0, 0xf);
    check_ttl_tg(3, 0, 0x5);            /* level-3 pages of both granules */
    check_ttl_tg(2, 0, 0xa);
    check_ttl_tg(0, SZ_64K, 0xc);
    check_ttl_tg(0, SZ_4K, 0x3);
    check_ttl_tg(2, SZ_4K, 0x2);
    check_ttl_tg(1, 0, 0);
    check_ttl_tg(0, SZ_4K + 2, 0);      /* 16K: none of these */
}

/* ---- Walk cache ---------------------------------------------------------- */

static const SmmuPmWalkTag tag_s1 = {
    .world = SMMU_PM_WORLD_NS_EL1, .stage = 1, .vmid = 1, .asid = 1,
    .granule_shift = SZ_4K,
};

static int walk(SmmuPmTlb *t, const SmmuPmWalkTag *tag, uint64_t ia,
                uint64_t *table)
{
    uint64_t tbl = 0;
    uint8_t attrs = 0xff;
    int level = smmu_pm_walkcache_lookup(t, tag, ia, &tbl, &attrs);

    if (level >= 0) {
        g_assert_cmpuint(attrs, ==, level);     /* as inserted below */
    }
    if (table) {
        *table = tbl;
    }
    return level;
}

static void test_walk_deepest(void)
{
    SmmuPmTlb *t = new_tlb();
    SmmuPmWalkTag other = tag_s1;
    SmmuPmWalkTag g64 = tag_s1;
    uint64_t table;

    g_assert_cmpint(walk(t, &tag_s1, 0x12345678, NULL), ==, -1);
    smmu_pm_walkcache_insert(t, &tag_s1, 1, 0x12345678, 0xa000, 1);
    g_assert_cmpint(walk(t, &tag_s1, 0x12345678, &table), ==, 1);
    g_assert_cmphex(table, ==, 0xa000);
    smmu_pm_walkcache_insert(t, &tag_s1, 2, 0x12345678, 0xb000, 2);
    g_assert_cmpint(walk(t, &tag_s1, 0x12345678, &table), ==, 2);
    g_assert_cmphex(table, ==, 0xb000);
    smmu_pm_walkcache_insert(t, &tag_s1, 3, 0x12345678, 0xc000, 3);
    g_assert_cmpint(walk(t, &tag_s1, 0x12345678, &table), ==, 3);
    g_assert_cmphex(table, ==, 0xc000);

    /* Level 3 covers 2M, level 2 1G, level 1 512G */
    g_assert_cmpint(walk(t, &tag_s1, 0x12200000, NULL), ==, 3);
    g_assert_cmpint(walk(t, &tag_s1, 0x123fffff, NULL), ==, 3);
    g_assert_cmpint(walk(t, &tag_s1, 0x12400000, NULL), ==, 2);
    g_assert_cmpint(walk(t, &tag_s1, 0x3fffffff, NULL), ==, 2);
    g_assert_cmpint(walk(t, &tag_s1, 0x40000000, NULL), ==, 1);
    g_assert_cmpint(walk(t, &tag_s1, 0x7fffffffff, NULL), ==, 1);
    g_assert_cmpint(walk(t, &tag_s1, 0x8000000000, NULL), ==, -1);

    /* Tags separate */
    other.asid = 2;
    g_assert_cmpint(walk(t, &other, 0x12345678, NULL), ==, -1);
    other = tag_s1;
    other.stage = 2;
    other.asid = 0;
    g_assert_cmpint(walk(t, &other, 0x12345678, NULL), ==, -1);
    g64.granule_shift = SZ_64K;
    g_assert_cmpint(walk(t, &g64, 0x12345678, NULL), ==, -1);

    /* Re-inserting a table replaces it */
    smmu_pm_walkcache_insert(t, &tag_s1, 3, 0x12200000, 0xd000, 3);
    g_assert_cmpint(walk(t, &tag_s1, 0x12345678, &table), ==, 3);
    g_assert_cmphex(table, ==, 0xd000);
    g_assert_cmpuint(smmu_pm_cache_occupancy(smmu_pm_walkcache_cache(t)),
                     ==, 3);

    /* 64K granule: a level-3 table covers 512M */
    smmu_pm_walkcache_insert(t, &g64, 3, 0x20000000, 0xe000, 3);
    g_assert_cmpint(walk(t, &g64, 0x3fffffff, &table), ==, 3);
    g_assert_cmphex(table, ==, 0xe000);
    g_assert_cmpint(walk(t, &g64, 0x40000000, NULL), ==, -1);
    g_assert_cmpint(walk(t, &g64, 0x1fffffff, NULL), ==, -1);

    g_assert_cmpuint(smmu_pm_walkcache_stats(t)->inserts, ==, 5);
    g_assert_cmpuint(smmu_pm_walkcache_stats(t)->lookups, ==, 18);
    g_assert_cmpuint(smmu_pm_walkcache_stats(t)->hits, ==, 11);
    smmu_pm_tlb_free(t);
}

/*
 * Power-up garbage stays what a real cache could hold: an output address
 * or table pointer inside the output address size (a 36-bit SMMU has no
 * 37th address bit to hold garbage in), still aligned to its page, block
 * or table so that the same inputs hit it, and different from the real one
 */
static void test_garbage_within_oas(void)
{
    static const struct {
        unsigned size_shift, level;
        uint64_t ia, oa;
    } leaves[] = {
        { SZ_4K, 3, 0x1000, 0xffffff000ull },   /* the top page of 36 bits */
        { SZ_2M, 2, 0x40200000, 0xfffe00000ull },
        { SZ_1G, 1, 0x80000000, 0xfc0000000ull },
    };
    SmmuPmTlb *t = new_tlb();
    uint64_t prev[G_N_ELEMENTS(leaves)];
    uint64_t table;

    for (size_t i = 0; i < G_N_ELEMENTS(leaves); i++) {
        SmmuPmTlbEntry e = ent(leaves[i].ia, leaves[i].size_shift,
                               leaves[i].level, leaves[i].oa);

        smmu_pm_tlb_insert(t, &e);
        prev[i] = leaves[i].oa;
    }
    smmu_pm_walkcache_insert(t, &tag_s1, 3, 0x12345678, 0xffffff000ull, 3);
    for (uint64_t seed = 1; seed <= 64; seed++) {
        smmu_pm_tlb_scramble(t, seed, 36);
        for (size_t i = 0; i < G_N_ELEMENTS(leaves); i++) {
            SmmuPmTlbEntry e = ent(leaves[i].ia, leaves[i].size_shift,
                                   leaves[i].level, 0);
            uint64_t oa = xlate(t, key_of(&e, leaves[i].ia));

            g_assert_cmphex(oa, !=, MISS);
            g_assert_cmphex(oa, <, 1ull << 36);
            g_assert_cmphex(oa & ((1ull << leaves[i].size_shift) - 1), ==, 0);
            g_assert_cmphex(oa, !=, prev[i]);   /* each power-up changes it */
            prev[i] = oa;
        }
        g_assert_cmpint(walk(t, &tag_s1, 0x12345678, &table), ==, 3);
        g_assert_cmphex(table, <, 1ull << 36);
        g_assert_cmphex(table & 0xfff, ==, 0);
    }
    smmu_pm_tlb_free(t);
}

static void test_inval_leaf_walk(void)
{
    SmmuPmTlb *t = new_tlb();
    SmmuPmWalkTag asid2 = tag_s1;
    SmmuPmWalkTag s2 = tag_s1;
    SmmuPmTlbEntry page = ent(0x10000, SZ_4K, 3, 0x1000000);
    SmmuPmTlbInval inv = {
        .world = SMMU_PM_WORLD_NS_EL1, .stages = SMMU_PM_STAGES_S1,
        .match_vmid = true, .vmid = 1, .match_asid = true, .asid = 1,
        .by_addr = true, .start = 0x10000, .last = 0x10fff,
        .leaf_only = true,
    };
    SmmuPmTlbInval s2inv = {
        .world = SMMU_PM_WORLD_NS_EL1, .stages = SMMU_PM_STAGES_S2,
        .s2_only = true, .match_vmid = true, .vmid = 1,
        .by_addr = true, .start = 0x10000, .last = 0x10fff,
    };
    SmmuPmTlbInval asid = {
        .world = SMMU_PM_WORLD_NS_EL1, .stages = SMMU_PM_STAGES_S1,
        .match_vmid = true, .vmid = 1, .match_asid = true, .asid = 1,
        .keep_global = true,
    };

    asid2.asid = 2;
    s2.stage = 2;
    s2.asid = 0;
    for (unsigned level = 1; level <= 3; level++) {
        smmu_pm_walkcache_insert(t, &tag_s1, level, 0x10000, level << 12,
                                 level);
    }
    smmu_pm_walkcache_insert(t, &tag_s1, 3, 0x40000000, 0x9000, 3);
    smmu_pm_walkcache_insert(t, &asid2, 3, 0x10000, 0x8000, 3);
    smmu_pm_walkcache_insert(t, &s2, 3, 0x10000, 0x7000, 3);
    smmu_pm_tlb_insert(t, &page);

    /* Leaf: the page goes, every walk-cache entry stays */
    g_assert_cmpuint(smmu_pm_tlb_invalidate(t, &inv), ==, 1);
    g_assert_cmphex(xlate(t, key_of(&page, 0x10000)), ==, MISS);
    g_assert_cmpint(walk(t, &tag_s1, 0x10000, NULL), ==, 3);
    g_assert_cmpuint(smmu_pm_cache_occupancy(smmu_pm_walkcache_cache(t)),
                     ==, 6);

    /* Non-leaf: the page and the ASID's tables covering it */
    smmu_pm_tlb_insert(t, &page);
    inv.leaf_only = false;
    g_assert_cmpuint(smmu_pm_tlb_invalidate(t, &inv), ==, 1 + 3);
    g_assert_cmphex(xlate(t, key_of(&page, 0x10000)), ==, MISS);
    g_assert_cmpint(walk(t, &tag_s1, 0x10000, NULL), ==, -1);
    g_assert_cmpint(walk(t, &tag_s1, 0x40000000, NULL), ==, 3);
    g_assert_cmpint(walk(t, &asid2, 0x10000, NULL), ==, 3);
    g_assert_cmpint(walk(t, &s2, 0x10000, NULL), ==, 3);
    g_assert_cmpuint(smmu_pm_walkcache_stats(t)->invalidated, ==, 3);

    /* TLBI_S2_IPA, non-leaf: the stage-2 table only */
    g_assert_cmpuint(smmu_pm_tlb_invalidate(t, &s2inv), ==, 1);
    g_assert_cmpint(walk(t, &s2, 0x10000, NULL), ==, -1);
    g_assert_cmpint(walk(t, &asid2, 0x10000, NULL), ==, 3);

    /* TLBI_NH_ASID: all the ASID's tables, wherever they are */
    g_assert_cmpuint(smmu_pm_tlb_invalidate(t, &asid), ==, 1);
    g_assert_cmpint(walk(t, &tag_s1, 0x40000000, NULL), ==, -1);
    g_assert_cmpint(walk(t, &asid2, 0x10000, NULL), ==, 3);

    smmu_pm_tlb_invalidate_all(t);
    g_assert_cmpint(walk(t, &asid2, 0x10000, NULL), ==, -1);
    g_assert_cmpuint(smmu_pm_cache_occupancy(smmu_pm_walkcache_cache(t)),
                     ==, 0);
    smmu_pm_tlb_free(t);
}

/* ---- Size bookkeeping, statistics, random operation ---------------------- */

/* Cache probes made by one TLB lookup */
static uint64_t probes(SmmuPmTlb *t, uint64_t ia)
{
    const SmmuPmCacheStats *st = smmu_pm_cache_stats(smmu_pm_tlb_cache(t));
    uint64_t before = st->lookups;
    SmmuPmTlbEntry probe = ent(0, SZ_4K, 3, 0);

    xlate(t, key_of(&probe, ia));
    return st->lookups - before;
}

static void test_size_counts(void)
{
    SmmuPmCacheGeom one = { 1, 2, SMMU_PM_REPL_LRU };
    SmmuPmTlb *t = smmu_pm_tlb_new(&one, &one);
    SmmuPmTlbEntry p1 = ent(0x1000, SZ_4K, 3, 0x1000);
    SmmuPmTlbEntry blk = ent(0x40000000, SZ_2M, 2, 0x200000);
    SmmuPmTlbEntry p2 = ent(0x2000, SZ_4K, 3, 0x2000);
    SmmuPmTlbEntry p3 = ent(0x3000, SZ_4K, 3, 0x3000);
    SmmuPmTlbInval all = {
        .world = SMMU_PM_WORLD_NS_EL1, .stages = SMMU_PM_STAGES_S1,
    };
    const SmmuPmCacheStats *st = smmu_pm_tlb_stats(t);

    g_assert_cmpuint(probes(t, 0x9000), ==, 0);
    smmu_pm_tlb_insert(t, &p1);
    g_assert_cmpuint(probes(t, 0x9000), ==, 1);
    smmu_pm_tlb_insert(t, &blk);
    g_assert_cmpuint(probes(t, 0x9000), ==, 2);
    smmu_pm_tlb_insert(t, &p2);                 /* evicts p1 */
    g_assert_cmpuint(probes(t, 0x9000), ==, 2);
    smmu_pm_tlb_insert(t, &p3);                 /* evicts the block */
    g_assert_cmpuint(probes(t, 0x9000), ==, 1);
    g_assert_cmphex(xlate(t, key_of(&blk, 0x40000000)), ==, MISS);
    smmu_pm_tlb_insert(t, &p3);                 /* replaced, not counted */
    g_assert_cmpuint(smmu_pm_tlb_invalidate(t, &all), ==, 2);
    g_assert_cmpuint(probes(t, 0x9000), ==, 0);
    smmu_pm_tlb_insert(t, &blk);
    g_assert_cmpuint(probes(t, 0x9000), ==, 1);
    smmu_pm_tlb_invalidate_all(t);
    g_assert_cmpuint(probes(t, 0x9000), ==, 0);

    g_assert_cmpuint(st->inserts, ==, 6);
    g_assert_cmpuint(st->evictions, ==, 2);
    g_assert_cmpuint(st->invalidated, ==, 3);
    g_assert_cmpuint(st->lookups, ==, 9);
    g_assert_cmpuint(st->hits, ==, 0);
    smmu_pm_tlb_free(t);
}

typedef struct RangeCheck {
    uint64_t start, last;
    unsigned hits;
} RangeCheck;

static void in_range(void *entry, void *opaque)
{
    SmmuPmTlbEntry *e = entry;
    RangeCheck *rc = opaque;
    uint64_t last = e->ia + (1ull << e->size_shift) - 1;

    if (e->ia <= rc->last && rc->start <= last) {
        rc->hits++;
    }
}

/* Translation under test: identity plus a fixed 64G offset */
#define RAND_OA(ia)     ((ia) + (16ull << 32))

static void test_random_ops(void)
{
    static const uint8_t shifts[] = { SZ_4K, SZ_4K, SZ_4K, SZ_2M, SZ_1G };
    SmmuPmCacheGeom small = { 4, 2, SMMU_PM_REPL_RANDOM };
    SmmuPmTlb *t = smmu_pm_tlb_new(&small, &small);
    GRand *rand = g_rand_new_with_seed(7);
    unsigned hits = 0;

    for (int i = 0; i < 100000; i++) {
        uint64_t ia = (uint64_t)g_rand_int_range(rand, 0, 1 << 22) << 12;
        int op = g_rand_int_range(rand, 0, 10);

        if (op < 5) {
            unsigned shift = shifts[g_rand_int_range(rand, 0, 5)];
            uint64_t base = ia & ~((1ull << shift) - 1);
            SmmuPmTlbEntry e = ent(base, shift, 3, RAND_OA(base));

            smmu_pm_tlb_insert(t, &e);
        } else if (op < 9) {
            SmmuPmTlbEntry p = ent(0, SZ_4K, 3, 0);
            uint64_t oa = xlate(t, key_of(&p, ia + 0x123));

            if (oa != MISS) {
                g_assert_cmphex(oa, ==, RAND_OA(ia + 0x123));
                hits++;
            }
        } else {
            SmmuPmTlbInval inv = {
                .world = SMMU_PM_WORLD_NS_EL1, .stages = SMMU_PM_STAGES_S1,
                .by_addr = true, .start = ia,
                .last = ia + g_rand_int_range(rand, 1, 1 << 24),
            };
            RangeCheck rc = { inv.start, inv.last, 0 };

            smmu_pm_tlb_invalidate(t, &inv);
            smmu_pm_cache_foreach(smmu_pm_tlb_cache(t), in_range, &rc);
            g_assert_cmpuint(rc.hits, ==, 0);
        }
        g_assert_cmpuint(smmu_pm_cache_occupancy(smmu_pm_tlb_cache(t)), <=,
                         8);
    }
    g_assert_cmpuint(hits, >, 0);
    g_rand_free(rand);
    smmu_pm_tlb_free(t);
}

typedef struct TestCase {
    const char *name;
    void (*fn)(void);
} TestCase;

static void run_case(const void *data)
{
    const TestCase *tc = data;

    one_set = g_str_has_prefix(tc->name, "/tlb/one-set/");
    tc->fn();
}

static const TestCase cases[] = {
    { "mixed-sizes", test_mixed_sizes },
    { "global-asid", test_global_asid },
    { "world-vmid", test_world_vmid },
    { "stages", test_stages },
    { "insert-replaces", test_insert_replaces },
    { "inval/nh-all", test_inval_nh_all },
    { "inval/nh-asid", test_inval_nh_asid },
    { "inval/nh-va", test_inval_nh_va },
    { "inval/nh-vaa", test_inval_nh_vaa },
    { "inval/s2-ipa", test_inval_s2 },
    { "inval/el2", test_inval_el2 },
    { "inval/range", test_inval_range },
    { "inval/ttl-tg", test_inval_ttl_tg },
    { "inval/leaf-walk", test_inval_leaf_walk },
    { "walk/deepest", test_walk_deepest },
    { "garbage-within-oas", test_garbage_within_oas },
    { "size-counts", test_size_counts },
    { "random-ops", test_random_ops },
};

int main(int argc, char **argv)
{
    static TestCase named[2 * G_N_ELEMENTS(cases)];
    int ret;

    g_test_init(&argc, &argv, NULL);
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        for (int one = 0; one < 2; one++) {
            TestCase *tc = &named[2 * i + one];

            tc->name = g_strdup_printf("/tlb/%s%s", one ? "one-set/" : "",
                                       cases[i].name);
            tc->fn = cases[i].fn;
            g_test_add_data_func(tc->name, tc, run_case);
        }
    }
    ret = g_test_run();
    for (size_t i = 0; i < G_N_ELEMENTS(named); i++) {
        g_free((char *)named[i].name);
    }
    return ret;
}
