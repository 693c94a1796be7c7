/*
 * arm-smmuv3-pm core: TLB and walk caches
 *
 * TLB entries cache the outcome of a whole translation (stage 1, stage 2,
 * or both combined), tagged by stream world, VMID and ASID, with global
 * entries (nG == 0) matching every ASID.  Entries of different sizes
 * (pages and blocks) live in one structure: a lookup probes each size
 * currently present.
 *
 * Walk-cache entries hold the address of a next-level table found by an
 * earlier walk, per stage and level, with the hierarchical attributes
 * gathered above it; they serve SmmuPmWalkCacheOps.
 *
 * Invalidation follows the TLBI commands: a SmmuPmTlbInval says which tags
 * and which input-address range to drop, and whether only leaf entries
 * need go (Leaf = 1 keeps the walk caches).
 *
 * A micro-TLB (utlb.h; 32 entries unless set otherwise, 0: none) in front
 * answers a transaction by its stream and address with an entry of the
 * TLB found for them before, and only ever what the TLB would (tlb.c
 * says how).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_TLB_H
#define SMMUV3_PM_CORE_TLB_H

#include <stdbool.h>
#include <stdint.h>

#include "hw/arm/smmuv3-pm/core/caches/cache.h"
#include "hw/arm/smmuv3-pm/core/caches/utlb.h"

/*
 * Default geometries: 1024 TLB entries and 256 walk-cache entries, of the
 * order of an MMU-600 TCU's caches, and small enough that a full scan on
 * invalidation stays cheap.
 */
#define SMMU_PM_TLB_DEFAULT_SETS        256
#define SMMU_PM_TLB_DEFAULT_WAYS        4
#define SMMU_PM_TLB_DEFAULT_REPL        SMMU_PM_REPL_LRU
#define SMMU_PM_WALKCACHE_DEFAULT_SETS  64
#define SMMU_PM_WALKCACHE_DEFAULT_WAYS  4
#define SMMU_PM_WALKCACHE_DEFAULT_REPL  SMMU_PM_REPL_LRU

/* Translation regimes (STE.STRW with CR2.E2H), part of every tag */
typedef enum SmmuPmWorld {
    SMMU_PM_WORLD_NS_EL1,
    SMMU_PM_WORLD_EL2,
    SMMU_PM_WORLD_EL2_E2H,
    SMMU_PM_WORLD__MAX,
} SmmuPmWorld;

/* Which stages an entry covers */
enum {
    SMMU_PM_STAGES_S1 = 1 << 0,
    SMMU_PM_STAGES_S2 = 1 << 1,
    SMMU_PM_STAGES_NESTED = SMMU_PM_STAGES_S1 | SMMU_PM_STAGES_S2,
};

typedef struct SmmuPmTlbKey {
    uint8_t world;
    uint8_t stages;
    uint16_t vmid;              /* S2VMID (also tags S1-only when S2P) */
    uint16_t asid;              /* stage 1 only */
    uint64_t ia;                /* VA (IPA for stage-2-only entries) */
} SmmuPmTlbKey;

typedef struct SmmuPmTlbEntry {
    uint64_t ia;                /* input address, aligned to the size */
    uint64_t oa;                /* output address, aligned to the size */
    uint8_t world;
    uint8_t stages;
    uint16_t vmid;
    uint16_t asid;
    bool global;
    uint8_t size_shift;         /* log2 of the mapping size */
    uint8_t granule_shift;      /* translation granule of the leaf (TG) */
    uint8_t level;              /* level of the leaf (TTL) */
    uint8_t perm_priv;          /* SMMU_PM_PERM_* */
    uint8_t perm_user;
    bool user_accessible;
    bool dirty_pending;
    uint8_t attr;
    uint8_t sh;
} SmmuPmTlbEntry;

typedef struct SmmuPmTlbInval {
    uint8_t world;
    /*
     * Entries whose 'stages' intersects this mask are candidates:
     * SMMU_PM_STAGES_S1 for the NH/EL2 commands (S1-only and combined
     * entries), exactly SMMU_PM_STAGES_S2 for TLBI_S2_IPA (stage-2-only
     * entries).  Stage-2-only entries are never matched by an S1 mask.
     */
    uint8_t stages;
    /* A candidate of stages S2-only must have stages == S2 exactly */
    bool s2_only;
    bool match_vmid;
    uint16_t vmid;
    /*
     * Non-global entries of this ASID; with by_addr, global entries too
     * (TLBI_NH_VA).  Stage-2-only entries have no ASID and ignore it.
     */
    bool match_asid;
    uint16_t asid;
    bool keep_global;           /* global entries survive (TLBI_NH_ASID) */
    bool by_addr;               /* else the whole tag */
    uint64_t start;             /* first input address */
    uint64_t last;              /* last input address (inclusive) */
    bool leaf_only;             /* walk caches keep their entries */
    uint8_t ttl;                /* 0: any level; else the leaf level */
    uint8_t tg;                 /* 0: any granule; else granule_shift */
} SmmuPmTlbInval;

typedef struct SmmuPmTlb SmmuPmTlb;

SmmuPmTlb *smmu_pm_tlb_new(const SmmuPmCacheGeom *tlb_geom,
                           const SmmuPmCacheGeom *walk_geom);
void smmu_pm_tlb_free(SmmuPmTlb *tlb);

/* Find the entry translating @key->ia; copies it to @out */
bool smmu_pm_tlb_lookup(SmmuPmTlb *tlb, const SmmuPmTlbKey *key,
                        SmmuPmTlbEntry *out);

/* The same, without a copy: valid until the next insert or invalidation */
const SmmuPmTlbEntry *smmu_pm_tlb_find(SmmuPmTlb *tlb,
                                       const SmmuPmTlbKey *key);

/*
 * The micro-TLB is looked up directly (smmu_pm_tlb_utlb() and
 * smmu_pm_utlb_lookup(), with the caller's context: what else decided
 * the TLB key, the configuration); that accounts nothing to the TLB: a
 * caller that uses an answer calls smmu_pm_tlb_hit() for its source.
 */

/*
 * Enter @e (whose source is a TLB entry that smmu_pm_tlb_find() just
 * gave for the key of (@tag, @addr); @ia: the key's input address) in
 * the micro-TLB, if there is one
 */
void smmu_pm_tlb_utlb_fill(SmmuPmTlb *tlb, uint64_t tag, uint64_t addr,
                           uint64_t ia, uint64_t ctx,
                           const SmmuPmUtlbEntry *e);

/*
 * Account a hit of the TLB on @e, found through the micro-TLB, as
 * smmu_pm_tlb_lookup() would have (counters, replacement state)
 */
void smmu_pm_tlb_hit(SmmuPmTlb *tlb, const SmmuPmTlbEntry *e);

/*
 * Micro-TLB size: 0 removes it; else from 1 to SMMU_PM_UTLB_MAX_ENTRIES
 * (validated by the caller with smmu_pm_utlb_entries_valid).  Starts
 * empty.
 */
void smmu_pm_tlb_set_utlb_entries(SmmuPmTlb *tlb, unsigned entries);
unsigned smmu_pm_tlb_utlb_entries(const SmmuPmTlb *tlb);
void smmu_pm_tlb_insert(SmmuPmTlb *tlb, const SmmuPmTlbEntry *entry);

/*
 * Walk cache, per (world, stage, vmid, asid): the deepest cached table
 * for @ia (see SmmuPmWalkCacheOps.lookup) and its insertion.
 */
typedef struct SmmuPmWalkTag {
    uint8_t world;
    uint8_t stage;              /* 1 or 2 */
    uint16_t vmid;
    uint16_t asid;
    uint8_t granule_shift;
} SmmuPmWalkTag;

int smmu_pm_walkcache_lookup(SmmuPmTlb *tlb, const SmmuPmWalkTag *tag,
                             uint64_t ia, uint64_t *table,
                             uint8_t *table_attrs);
void smmu_pm_walkcache_insert(SmmuPmTlb *tlb, const SmmuPmWalkTag *tag,
                              unsigned level, uint64_t ia, uint64_t table,
                              uint8_t table_attrs);

/* Apply an invalidation to the TLB and (unless leaf_only) walk caches */
unsigned smmu_pm_tlb_invalidate(SmmuPmTlb *tlb, const SmmuPmTlbInval *inv);
void smmu_pm_tlb_invalidate_all(SmmuPmTlb *tlb);

/*
 * Power-up with garbage caches: every valid TLB and walk-cache entry
 * stays valid, with its output address or table pointer XORed with a
 * pattern derived from @seed (smmu_pm_garbage_pattern()) and kept below
 * 2^@addr_bits (the output address size: no cached address is wider)
 */
void smmu_pm_tlb_scramble(SmmuPmTlb *tlb, uint64_t seed, unsigned addr_bits);

const SmmuPmCacheStats *smmu_pm_tlb_stats(const SmmuPmTlb *tlb);
const SmmuPmCacheStats *smmu_pm_walkcache_stats(const SmmuPmTlb *tlb);
SmmuPmCache *smmu_pm_tlb_cache(SmmuPmTlb *tlb);
SmmuPmCache *smmu_pm_walkcache_cache(SmmuPmTlb *tlb);
SmmuPmUtlb *smmu_pm_tlb_utlb(SmmuPmTlb *tlb);   /* NULL: none */

#endif /* SMMUV3_PM_CORE_TLB_H */
