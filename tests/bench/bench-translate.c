/*
 * arm-smmuv3-pm core microbenchmark: translations per second
 *
 * Runs smmu_pm_translate() on a whole core over the unit tests' flat fake
 * memory, through a stage-1 4K regime with 48-bit VAs (a 4-level walk):
 *   - TLB hits: a working set that fits in the TLB, after warming it;
 *   - full walks: each translation is preceded by TLBI_NH_ALL and walk
 *     caches are disabled by Leaf = 0 invalidation, so every translation
 *     reads the STE/CD from the configuration cache and walks 4 levels;
 *   - config + walk: also CFGI_ALL each time (STE and CD fetched too).
 * Prints figures; asserts nothing about speed.
 *
 *   build/unit/tests/bench/bench-translate [iterations]
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "engine-env.h"
#include "hw/arm/smmuv3-pm/core/caches/tlb.h"

#define SID 3

static double now_s(void)
{
    return g_get_monotonic_time() / 1e6;
}

static const SbPte pte_rw = { .af = true, .ap = 1, .sh = 3 };

static void report(const char *what, uint64_t n, double secs,
                   const SmmuPmStats *s0, const SmmuPmStats *s1)
{
    uint64_t hits = s1->tlb_hits - s0->tlb_hits;
    uint64_t misses = s1->tlb_misses - s0->tlb_misses;

    printf("%-34s %10.2f M/s  %7.1f ns  TLB hit rate %6.2f %%\n", what,
           n / secs / 1e6, secs / n * 1e9,
           hits + misses ? 100.0 * hits / (hits + misses) : 0.0);
}

int main(int argc, char **argv)
{
    uint64_t iters = argc > 1 ? strtoull(argv[1], NULL, 0) : 2000000;
    const unsigned pages = 512;         /* fits a 1024-entry TLB */
    SmmuPmTlbInval all = { .stages = SMMU_PM_STAGES_NESTED };
    SmmuPmStats s0;
    SbPgtable *pt;
    SbCdtab cdtab;
    SbSte ste;
    SbCd cd;
    uint64_t pa, sink = 0;
    double t;
    Env e;

    env_init(&e, NULL);
    env_enable(&e, sb_strtab_linear(&e.sb, 8));
    pt = sb_pgt_new(&e.sb, 1, 12, 16, -1, 1, false);
    cd = (SbCd) { .v = true, .aa64 = true, .r = true, .a = true, .ips = 5,
                  .epd1 = true, .asid = 1, .t0sz = 16 };
    sb_pgt_fill_cd(pt, &cd);
    cdtab = sb_cdtab_linear(&e.sb, 0);
    sb_cd_write(&e.sb, &cdtab, 0, &cd);
    ste = (SbSte) { .v = true, .config = SB_STE_CFG_S1 };
    sb_ste_set_cdtab(&ste, &cdtab);
    sb_ste_write(&e.sb, &e.st, SID, &ste);
    pa = sb_alloc(&e.sb, pages * 4096ULL, 4096);
    for (unsigned i = 0; i < pages; i++) {
        /* spread over the 48-bit VA space: every level is used */
        sb_pgt_map(pt, 0x7f0000000000ULL + i * 0x1000ULL, pa + i * 4096ULL,
                   4096, &pte_rw);
    }
    printf("core translate microbenchmark: stage 1, 4K granule, 48-bit VA "
           "(4-level walk), TLB %ux%u, %" PRIu64 " iterations\n",
           SMMU_PM_TLB_DEFAULT_SETS, SMMU_PM_TLB_DEFAULT_WAYS, iters);

    /* TLB hits */
    for (unsigned i = 0; i < pages; i++) {
        sink += env_translate(&e, SID, 0, false,
                              0x7f0000000000ULL + i * 0x1000ULL, false).addr;
    }
    s0 = e.core.stats;
    t = now_s();
    for (uint64_t i = 0; i < iters; i++) {
        sink += env_translate(&e, SID, 0, false, 0x7f0000000000ULL +
                              (i % pages) * 0x1000ULL + 8, false).addr;
    }
    report("TLB hit", iters, now_s() - t, &s0, &e.core.stats);

    /* Full 4-level walks: TLB and walk caches emptied before each */
    s0 = e.core.stats;
    t = now_s();
    for (uint64_t i = 0; i < iters / 10; i++) {
        smmu_pm_tlb_invalidate(e.core.tlb, &all);
        sink += env_translate(&e, SID, 0, false, 0x7f0000000000ULL +
                              (i % pages) * 0x1000ULL, false).addr;
    }
    report("4-level walk (TLB+walk cache cold)", iters / 10, now_s() - t,
           &s0, &e.core.stats);

    /* Walks that also fetch the STE and the CD */
    s0 = e.core.stats;
    t = now_s();
    for (uint64_t i = 0; i < iters / 10; i++) {
        smmu_pm_tlb_invalidate(e.core.tlb, &all);
        smmu_pm_cache_invalidate_all(e.core.cfgcache);
        sink += env_translate(&e, SID, 0, false, 0x7f0000000000ULL +
                              (i % pages) * 0x1000ULL, false).addr;
    }
    report("STE + CD fetch + 4-level walk", iters / 10, now_s() - t, &s0,
           &e.core.stats);
    printf("(checksum %" PRIx64 ", events %" PRIu64 ")\n", sink,
           e.core.stats.events);
    sb_pgt_free(pt);
    env_free(&e);
    return e.core.stats.events ? 1 : 0;
}
