/*
 * arm-smmuv3-pm core: the micro-TLB
 *
 * A TBU's micro-TLB (MMU-600 organisation, and gem5's SMMUv3 default: 32
 * entries, fully associative, round-robin replacement, one cycle) answers
 * a transaction by its stream and input address, before anything else.
 * It holds no translation of its own: an entry says that input addresses
 * [page << shift, (page + 1) << shift) of a stream tag are answered by
 * one entry of the TLB, its source, which the TLB owns (tlb.c), with two
 * more pointers and a word the user keeps with it (what the translation
 * path needs to answer without the configuration: see translate.c).  All
 * entries have the one granule @shift chosen when the first entry goes
 * in after the micro-TLB was empty.  Each entry also records the input
 * page as the TLB sees it (@ia: a VA with its top byte ignored, say), so
 * that the TLB can drop the entries a new TLB entry overlaps.
 *
 * Coherence is the TLB's job: it empties the micro-TLB or drops the
 * entries concerned whenever its own answer could change (tlb.c says
 * when).  Here the micro-TLB is only a bounded map with the replacement
 * policy; lookups go through a small hash index, so that a miss costs no
 * scan of every entry, while which entries are present is exactly what a
 * fully associative round-robin cache would hold.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_UTLB_H
#define SMMUV3_PM_CORE_UTLB_H

#include <stdbool.h>
#include <stdint.h>

#include "hw/arm/smmuv3-pm/core/caches/cache.h"

#define SMMU_PM_UTLB_DEFAULT_ENTRIES    32
#define SMMU_PM_UTLB_MAX_ENTRIES        256

typedef struct SmmuPmUtlb SmmuPmUtlb;

/* What an entry gives back: the TLB entry, and the user's */
typedef struct SmmuPmUtlbEntry {
    const void *src;
    const void *aux[2];
    uint32_t data;
} SmmuPmUtlbEntry;

/*
 * An entry count the micro-TLB accepts: 0 (none) to
 * SMMU_PM_UTLB_MAX_ENTRIES; false with *@errmsg (g_free it) saying so,
 * naming @what (the property)
 */
bool smmu_pm_utlb_entries_valid(unsigned entries, const char *what,
                                char **errmsg);

/* @entries from 1 to SMMU_PM_UTLB_MAX_ENTRIES */
SmmuPmUtlb *smmu_pm_utlb_new(unsigned entries);
void smmu_pm_utlb_free(SmmuPmUtlb *utlb);

/*
 * The entry for @tag (nonzero: the caller's tags with a bit that no free
 * slot has) and input address @addr, or NULL; valid until the next fill,
 * drop or flush.  @ctx is the user's generation of what else its entries
 * depend on: a new one empties the micro-TLB first (lookup and fill).
 */
const SmmuPmUtlbEntry *smmu_pm_utlb_lookup(SmmuPmUtlb *utlb, uint64_t tag,
                                           uint64_t addr, uint64_t ctx);

/*
 * Enter @e for (@tag, @addr), whose address for the TLB is @ia: the
 * granule is the micro-TLB's, which @shift sets when the micro-TLB is
 * empty (the caller makes sure that every source covers at least a
 * granule).  The round-robin victim, if valid, leaves.
 */
void smmu_pm_utlb_fill(SmmuPmUtlb *utlb, uint64_t tag, uint64_t addr,
                       uint64_t ia, unsigned shift, uint64_t ctx,
                       const SmmuPmUtlbEntry *e);

/* Empty it */
void smmu_pm_utlb_flush(SmmuPmUtlb *utlb);

/* Drop the entries whose source is @src */
void smmu_pm_utlb_drop_src(SmmuPmUtlb *utlb, const void *src);

/* Drop the entries whose TLB addresses overlap [@first, @last] */
void smmu_pm_utlb_drop_range(SmmuPmUtlb *utlb, uint64_t first,
                             uint64_t last);

bool smmu_pm_utlb_empty(const SmmuPmUtlb *utlb);
/* The granule of its entries (meaningful while not empty) */
unsigned smmu_pm_utlb_shift(const SmmuPmUtlb *utlb);
unsigned smmu_pm_utlb_occupancy(const SmmuPmUtlb *utlb);
unsigned smmu_pm_utlb_capacity(const SmmuPmUtlb *utlb);

/*
 * lookups, hits, inserts (fills), evictions (a valid round-robin victim)
 * and invalidated (entries dropped or flushed)
 */
const SmmuPmCacheStats *smmu_pm_utlb_stats(const SmmuPmUtlb *utlb);

#endif /* SMMUV3_PM_CORE_UTLB_H */
