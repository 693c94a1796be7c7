/*
 * arm-smmuv3-pm core: TLB lookup microbenchmark
 *
 * Not a test: prints lookup rates and hit rates for a TLB of the default
 * geometry, for working sets that fit and that do not.  A miss is
 * followed by an insert, as the translation path would after a walk, so
 * the rates of the larger working sets include the refills.  Figures
 * depend on the host; nothing is asserted.
 *
 *   bench-tlb [lookups per scenario]
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <glib.h>
#include <stdio.h>

#include "hw/arm/smmuv3-pm/core/caches/tlb.h"

#define PAGE_SHIFT      12
#define BLOCK_SHIFT     21

typedef struct Scenario {
    const char *name;
    unsigned pages;             /* 4K pages in the working set */
    unsigned blocks;            /* 2M blocks in the working set */
} Scenario;

/* Keeps the lookups from being optimised out */
static volatile uint64_t sink;

static uint64_t xorshift(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static SmmuPmTlbEntry mapping(uint64_t ia, unsigned shift)
{
    return (SmmuPmTlbEntry) {
        .ia = ia, .oa = ia + (1ull << 40),
        .world = SMMU_PM_WORLD_NS_EL1, .stages = SMMU_PM_STAGES_S1,
        .vmid = 1, .asid = 1,
        .size_shift = shift, .granule_shift = PAGE_SHIFT,
        .level = shift == PAGE_SHIFT ? 3 : 2,
        .perm_priv = 3,
    };
}

/* Address of working-set element @i: pages first, then blocks above */
static void element(const Scenario *sc, uint64_t i, uint64_t *ia,
                    unsigned *shift)
{
    if (i < sc->pages) {
        *ia = 0x10000000ull + (i << PAGE_SHIFT);
        *shift = PAGE_SHIFT;
    } else {
        *ia = 0x4000000000ull + ((i - sc->pages) << BLOCK_SHIFT);
        *shift = BLOCK_SHIFT;
    }
}

static void run(const Scenario *sc, uint64_t lookups)
{
    SmmuPmCacheGeom tg = {
        SMMU_PM_TLB_DEFAULT_SETS, SMMU_PM_TLB_DEFAULT_WAYS,
        SMMU_PM_TLB_DEFAULT_REPL,
    };
    SmmuPmCacheGeom wg = {
        SMMU_PM_WALKCACHE_DEFAULT_SETS, SMMU_PM_WALKCACHE_DEFAULT_WAYS,
        SMMU_PM_WALKCACHE_DEFAULT_REPL,
    };
    SmmuPmTlb *tlb = smmu_pm_tlb_new(&tg, &wg);
    uint64_t n = sc->pages + sc->blocks;
    uint64_t rng = 0x9e3779b97f4a7c15ull;
    uint64_t hits = 0;
    SmmuPmTlbKey key = {
        .world = SMMU_PM_WORLD_NS_EL1, .stages = SMMU_PM_STAGES_S1,
        .vmid = 1, .asid = 1,
    };
    SmmuPmTlbEntry out;
    int64_t t0, t1;
    double secs;

    /* Warm up: every element once */
    for (uint64_t i = 0; i < n; i++) {
        SmmuPmTlbEntry e;
        unsigned shift;
        uint64_t ia;

        element(sc, i, &ia, &shift);
        e = mapping(ia, shift);
        smmu_pm_tlb_insert(tlb, &e);
    }

    t0 = g_get_monotonic_time();
    for (uint64_t i = 0; i < lookups; i++) {
        uint64_t r = xorshift(&rng);
        unsigned shift;

        element(sc, r % n, &key.ia, &shift);
        key.ia += (r >> 40) & ((1ull << shift) - 1);
        if (smmu_pm_tlb_lookup(tlb, &key, &out)) {
            hits++;
            sink += out.oa;
        } else {
            SmmuPmTlbEntry e = mapping(key.ia & ~((1ull << shift) - 1),
                                       shift);

            smmu_pm_tlb_insert(tlb, &e);
        }
    }
    t1 = g_get_monotonic_time();
    secs = (t1 - t0) / 1e6;

    printf("%-34s %6u %5u %10.1f M/s %8.2f %%\n", sc->name, sc->pages,
           sc->blocks, lookups / secs / 1e6, 100.0 * hits / lookups);
    smmu_pm_tlb_free(tlb);
}

int main(int argc, char **argv)
{
    unsigned cap = SMMU_PM_TLB_DEFAULT_SETS * SMMU_PM_TLB_DEFAULT_WAYS;
    uint64_t lookups = argc > 1 ? g_ascii_strtoull(argv[1], NULL, 0) : 20000000;
    const Scenario scenarios[] = {
        { "fits: 4K pages", cap, 0 },
        { "fits: half capacity, 4K pages", cap / 2, 0 },
        { "fits: 4K pages + 2M blocks", cap / 2, cap / 4 },
        { "does not fit: 2x capacity", 2 * cap, 0 },
        { "does not fit: 8x capacity", 8 * cap, 0 },
        { "does not fit: 8x, 4K + 2M", 4 * cap, 4 * cap },
    };

    if (lookups == 0) {
        fprintf(stderr, "usage: %s [lookups per scenario]\n", argv[0]);
        return 1;
    }
    printf("TLB %u sets x %u ways %s, walk cache %u x %u; "
           "%" G_GUINT64_FORMAT " random lookups per scenario, "
           "misses refilled\n",
           SMMU_PM_TLB_DEFAULT_SETS, SMMU_PM_TLB_DEFAULT_WAYS,
           smmu_pm_repl_name(SMMU_PM_TLB_DEFAULT_REPL),
           SMMU_PM_WALKCACHE_DEFAULT_SETS, SMMU_PM_WALKCACHE_DEFAULT_WAYS,
           lookups);
    printf("%-34s %6s %5s %14s %10s\n", "working set", "pages", "2M",
           "lookups/s", "hit rate");
    for (size_t i = 0; i < G_N_ELEMENTS(scenarios); i++) {
        run(&scenarios[i], lookups);
    }
    return 0;
}
