/*
 * arm-smmuv3-pm core microbenchmark: the cost of one translation, per path
 *
 * Runs smmu_pm_translate() on a whole core over the unit tests' flat fake
 * memory, with 4K granules and 48-bit input ranges (4-level walks at both
 * stages), one path at a time:
 *
 *   uTLB hit           4 pages translated in turn: they stay in the
 *                      micro-TLB
 *   TLB hit            512 pages in turn: more than the micro-TLB holds,
 *                      fewer than the TLB does
 *   walk-cache hit     a leaf-only invalidation (TLBI_NH_VA, Leaf = 1)
 *                      before each: the TLB misses, the walk cache gives
 *                      the level-3 table, one descriptor is read
 *   4-level walk       TLB and walk caches emptied before each
 *   nested walk        the same for a nested (stage 1 + stage 2) stream:
 *                      every stage-1 table address goes through stage 2
 *   STE+CD fetch+walk  the configuration cache emptied too
 *   TLB hit, no uTLB   as "TLB hit" without a micro-TLB (utlb-entries=0)
 *
 * each with timing off and with the mmu600 timing preset on: nanoseconds
 * per translation, their ratio, and the modelled SMMU cycles per
 * translation with timing on (SmmuPmTxnResult.cycles), with the micro-TLB
 * and TLB hit rates.  Each time is the best of several trials, which is
 * what a shared, loaded machine can measure; the invalidation before a
 * walk is part of its figure.  Prints figures only; asserts nothing
 * about speed.
 *
 *   build/unit/tests/bench/bench-translate [iterations [path [on|off]]]
 *
 * A path number (0-6, in the order above) runs that path alone, e.g.
 * under a profiler, and "on" or "off" only that timing.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "engine-env.h"
#include "hw/arm/smmuv3-pm/core/base/timing.h"
#include "hw/arm/smmuv3-pm/core/caches/tlb.h"

#define SID_S1      3
#define SID_NESTED  5
#define VA_BASE     0x7f0000000000ULL   /* every level of the walk is used */
#define PAGES       512                 /* within one level-3 table */
#define TRIALS      9

static const SbPte s1_rw = { .af = true, .ap = 1, .sh = 3 };
static const SbPte s2_rw = { .af = true, .s2ap = 3, .sh = 3, .memattr = 0xf };

typedef struct Bench {
    Env e;
    SbPgtable *s1, *s1n, *s2;
    uint64_t sink;
} Bench;

typedef enum Path {
    PATH_UTLB_HIT,
    PATH_TLB_HIT,
    PATH_WALKCACHE_HIT,
    PATH_WALK,
    PATH_NESTED_WALK,
    PATH_CFG_WALK,
    PATH_TLB_HIT_NO_UTLB,
    PATH__MAX,
} Path;

static const struct {
    const char *name;
    uint32_t sid;
    unsigned pages;             /* working set, translated in turn */
    unsigned div;               /* iterations / div translations */
} paths[PATH__MAX] = {
    [PATH_UTLB_HIT] = { "uTLB hit", SID_S1, 4, 1 },
    [PATH_TLB_HIT] = { "TLB hit (uTLB miss)", SID_S1, PAGES, 1 },
    [PATH_WALKCACHE_HIT] = { "walk-cache hit (1 read)", SID_S1, PAGES, 4 },
    [PATH_WALK] = { "4-level walk", SID_S1, PAGES, 10 },
    [PATH_NESTED_WALK] = { "nested walk (S1+S2)", SID_NESTED, PAGES, 20 },
    [PATH_CFG_WALK] = { "STE+CD fetch + walk", SID_S1, PAGES, 10 },
    [PATH_TLB_HIT_NO_UTLB] = { "TLB hit, utlb-entries=0", SID_S1, PAGES, 1 },
};

static double now_s(void)
{
    return g_get_monotonic_time() / 1e6;
}

/* A stage-1 CD over @pt, in its own CD table */
static SbCdtab bench_cd(Bench *b, SbPgtable *pt)
{
    SbCd cd = { .v = true, .aa64 = true, .r = true, .a = true, .ips = 5,
                .epd1 = true, .asid = 1, .t0sz = 16 };
    SbCdtab cdtab = sb_cdtab_linear(&b->e.sb, 0);

    sb_pgt_fill_cd(pt, &cd);
    sb_cd_write(&b->e.sb, &cdtab, 0, &cd);
    return cdtab;
}

/* SID_S1: stage 1 only, PAGES pages at VA_BASE */
static void setup_s1(Bench *b)
{
    SbCdtab cdtab;
    SbSte ste = { .v = true, .config = SB_STE_CFG_S1 };
    uint64_t pa;

    b->s1 = sb_pgt_new(&b->e.sb, 1, 12, 16, -1, 1, false);
    cdtab = bench_cd(b, b->s1);
    pa = sb_alloc(&b->e.sb, PAGES * 4096ULL, 4096);
    for (unsigned i = 0; i < PAGES; i++) {
        sb_pgt_map(b->s1, VA_BASE + i * 0x1000ULL, pa + i * 4096ULL, 4096,
                   &s1_rw);
    }
    sb_ste_set_cdtab(&ste, &cdtab);
    sb_ste_write(&b->e.sb, &b->e.st, SID_S1, &ste);
}

/*
 * SID_NESTED: stage 1 as SID_S1's (VA -> IPA == PA), and a 4-level stage
 * 2 (48-bit IPA) mapping its CD table, stage-1 tables and pages 1:1
 */
static void setup_nested(Bench *b)
{
    SbSte ste = { .v = true, .config = SB_STE_CFG_NESTED, .s2vmid = 7,
                  .s2ps = 5, .s2r = true };
    uint64_t lo, hi, pa;
    SbCdtab cdtab;

    lo = b->e.sb.next & ~0xfffULL;
    b->s1n = sb_pgt_new(&b->e.sb, 1, 12, 16, -1, 1, false);
    cdtab = bench_cd(b, b->s1n);
    pa = sb_alloc(&b->e.sb, PAGES * 4096ULL, 4096);
    for (unsigned i = 0; i < PAGES; i++) {
        sb_pgt_map(b->s1n, VA_BASE + i * 0x1000ULL, pa + i * 4096ULL, 4096,
                   &s1_rw);
    }
    hi = (b->e.sb.next + 0xfff) & ~0xfffULL;
    b->e.sb.next = hi;
    b->s2 = sb_pgt_new(&b->e.sb, 2, 12, 16, -1, 1, false);
    for (uint64_t p = lo; p < hi; p += 4096) {
        sb_pgt_map(b->s2, p, p, 4096, &s2_rw);
    }
    sb_pgt_fill_ste(b->s2, &ste);
    sb_ste_set_cdtab(&ste, &cdtab);
    sb_ste_write(&b->e.sb, &b->e.st, SID_NESTED, &ste);
}

static void bench_init(Bench *b)
{
    memset(b, 0, sizeof(*b));
    env_init(&b->e, NULL);
    env_enable(&b->e, sb_strtab_linear(&b->e.sb, 8));
    setup_s1(b);
    setup_nested(b);
}

static void bench_free(Bench *b)
{
    sb_pgt_free(b->s1);
    sb_pgt_free(b->s1n);
    sb_pgt_free(b->s2);
    env_free(&b->e);
}

/* What a path empties before each translation */
static void before_each(Bench *b, Path p)
{
    SmmuPmTlbInval all = { .stages = SMMU_PM_STAGES_NESTED };
    SmmuPmTlbInval leaves = { .stages = SMMU_PM_STAGES_NESTED,
                              .leaf_only = true };

    switch (p) {
    case PATH_WALKCACHE_HIT:
        smmu_pm_tlb_invalidate(b->e.core.tlb, &leaves);
        break;
    case PATH_WALK:
    case PATH_NESTED_WALK:
        smmu_pm_tlb_invalidate(b->e.core.tlb, &all);
        break;
    case PATH_CFG_WALK:
        smmu_pm_tlb_invalidate(b->e.core.tlb, &all);
        smmu_pm_cache_invalidate_all(b->e.core.cfgcache);
        break;
    default:
        break;
    }
}

static SmmuPmTxnResult one(Bench *b, Path p, uint64_t i)
{
    return env_translate(&b->e, paths[p].sid, 0, false,
                         VA_BASE + (i % paths[p].pages) * 0x1000ULL + 8,
                         false);
}

/*
 * One trial of @n translations of path @p: seconds.  Out of line so that
 * a profiler can count it alone (valgrind --toggle-collect=trial).
 */
static G_GNUC_NO_INLINE double trial(Bench *b, Path p, uint64_t n)
{
    double t = now_s();

    for (uint64_t i = 0; i < n; i++) {
        before_each(b, p);
        b->sink += one(b, p, i).addr;
    }
    return now_s() - t;
}

typedef struct Figure {
    double ns;                  /* best trial, per translation */
    double cycles;              /* modelled, per translation */
    double utlb_hit_rate;
    double tlb_hit_rate;
} Figure;

static Figure measure(Bench *b, Path p, bool timing, uint64_t iters)
{
    uint64_t n = iters / paths[p].div;
    SmmuPmStats s0;
    Figure f = { .ns = 1e30 };

    smmu_pm_timing_preset(SMMU_PM_MODEL_MMU600, &b->e.core.timing.cfg);
    smmu_pm_tlb_set_utlb_entries(b->e.core.tlb,
                                 p == PATH_TLB_HIT_NO_UTLB ? 0 : 32);
    b->e.core.timing.cfg.enabled = timing;
    /* Warm up: the working set in the caches the path keeps */
    for (unsigned i = 0; i < paths[p].pages; i++) {
        one(b, p, i);
    }
    s0 = b->e.core.stats;
    for (unsigned k = 0; k < TRIALS; k++) {
        double ns = trial(b, p, n) / n * 1e9;   /* MIN() evaluates twice */

        f.ns = MIN(f.ns, ns);
    }
    f.cycles = (double)(b->e.core.stats.cycles - s0.cycles) / (TRIALS * n);
    f.utlb_hit_rate = 100.0 * (b->e.core.stats.utlb_hits - s0.utlb_hits) /
                      (TRIALS * n);
    /* the transaction's own lookup: a nested walk's stage-2 ones aside */
    f.tlb_hit_rate = 100.0 * (b->e.core.stats.tlb_hits - s0.tlb_hits) /
                     (b->e.core.stats.tlb_hits - s0.tlb_hits +
                      b->e.core.stats.walks - s0.walks);
    return f;
}

int main(int argc, char **argv)
{
    uint64_t iters = argc > 1 ? strtoull(argv[1], NULL, 0) : 1000000;
    int only = argc > 2 ? atoi(argv[2]) : -1;
    const char *timing = argc > 3 ? argv[3] : "";
    uint64_t events;
    Bench b;

    bench_init(&b);
    printf("core translate microbenchmark: 4K granule, 48-bit VA/IPA, "
           "TLB %ux%u, walk cache %ux%u; best of %u trials of up to "
           "%" PRIu64 " translations\n",
           SMMU_PM_TLB_DEFAULT_SETS, SMMU_PM_TLB_DEFAULT_WAYS,
           SMMU_PM_WALKCACHE_DEFAULT_SETS, SMMU_PM_WALKCACHE_DEFAULT_WAYS,
           TRIALS, iters);
    printf("%-26s %8s %8s %7s %11s %6s %6s\n", "path", "off ns", "on ns",
           "on/off", "cycles (on)", "uTLB", "TLB");
    for (Path p = 0; p < PATH__MAX; p++) {
        Figure off, on;

        if (only >= 0 && p != (Path)only) {
            continue;
        }
        off = on = (Figure) { .ns = 1 };
        if (strcmp(timing, "on")) {
            off = measure(&b, p, false, iters);
        }
        if (strcmp(timing, "off")) {
            on = measure(&b, p, true, iters);
        }

        printf("%-26s %8.1f %8.1f %6.2fx %11.1f %5.1f%% %5.1f%%\n",
               paths[p].name, off.ns, on.ns, on.ns / off.ns, on.cycles,
               off.utlb_hit_rate, off.tlb_hit_rate);
    }
    events = b.e.core.stats.events;
    printf("(checksum %" PRIx64 ", events %" PRIu64 ")\n", b.sink, events);
    bench_free(&b);
    return events ? 1 : 0;
}
