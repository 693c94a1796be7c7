/*
 * arm-smmuv3-pm core: TLB and walk caches
 *
 * Both are SmmuPmCaches.  A TLB entry's set comes from (world, VMID,
 * size, ia >> size) and not from the ASID, so that a global entry sits
 * where a lookup with any ASID looks for it.  Pages and blocks of all
 * sizes share the one cache: the TLB counts its valid entries per size
 * (kept exact by the cache's evict hook) and a lookup probes only the
 * sizes present, smallest first, one set each: overlapping entries
 * resolve to the smallest.
 *
 * A walk-cache entry for a table at level L is indexed by the input range
 * that table covers, i.e. the range mapped by the level L-1 descriptor
 * that points to it; lookups probe the levels present, deepest first.
 *
 * The micro-TLB (utlb.h) in front of the TLB answers a transaction by its
 * stream and address with an entry of the TLB that the translation path
 * found for that stream and address before (smmu_pm_tlb_utlb_fill), and
 * must never answer anything else than the TLB would.  A micro-TLB entry
 * covers a granule no larger than the smallest size present in the TLB
 * when it went in: every TLB entry that matches one address of the
 * granule then covers all of it, so the TLB's answer (the smallest
 * matching entry) is the same for the whole granule.  What could change
 * that answer empties the micro-TLB or drops the entries concerned:
 *  - any invalidation, invalidate_all and scramble (power-up garbage):
 *    emptied;
 *  - a TLB entry leaving (replaced, evicted, invalidated): the micro-TLB
 *    entries pointing to it are dropped;
 *  - an insert: the micro-TLB entries overlapping the new entry are
 *    dropped (a smaller new entry wins over the one they point to), and
 *    the micro-TLB is emptied if the new entry is smaller than its
 *    granule;
 *  - the caller's context generation (what decided the TLB key: the
 *    configuration cache) moving on: emptied at the next lookup or fill.
 * A micro-TLB hit the caller uses is accounted to the TLB entry
 * (smmu_pm_tlb_hit: its LRU state and counters), so that the TLB holds
 * and evicts exactly what it would without a micro-TLB: the micro-TLB
 * changes how fast and at what modelled cost a translation is found,
 * never which.
 *
 * Invalidation (Arm IHI 0070 4.4) is deliberately exact, never more than
 * the command asks for, because the model exists to expose drivers that
 * omit an invalidation:
 *  - TLBI_S2_IPA (s2_only) removes stage-2-only entries and keeps combined
 *    stage 1+2 entries, which the architecture does not require it to
 *    remove: software must follow it with TLBI_NH_ALL or TLBI_S12_VMALL.
 *  - A TTL or TG that does not match an entry leaves it in place (the
 *    architecture then requires no invalidation).  They describe the leaf,
 *    so walk-cache entries are invalidated over the range whatever the
 *    TTL and TG.
 *  - Leaf-only commands keep the walk cache.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <string.h>
#include <glib.h>

#include "hw/arm/smmuv3-pm/core/caches/tlb.h"
#include "hw/arm/smmuv3-pm/core/caches/utlb.h"

/* Table levels a walk-cache entry can have (LPA2 level 0 included) */
#define WALK_LEVELS     4

/* Size bits (one per size_shift) of a TLB entry */
#define TLB_SIZES       64

typedef struct SmmuPmWalkEntry {
    uint64_t ia;                /* aligned to the range the table covers */
    uint64_t table;
    uint8_t world;
    uint8_t stage;
    uint8_t granule_shift;
    uint8_t level;              /* of the table */
    uint8_t table_attrs;
    uint16_t vmid;
    uint16_t asid;              /* 0 for stage 2 */
} SmmuPmWalkEntry;

/* A walk-cache probe: the tag, one level, and the input address */
typedef struct WalkProbe {
    const SmmuPmWalkTag *tag;
    unsigned level;
    uint64_t ia;
} WalkProbe;

struct SmmuPmTlb {
    SmmuPmCache *tlb;
    SmmuPmCache *walk;
    SmmuPmUtlb *utlb;                   /* NULL: no micro-TLB */
    uint64_t size_mask;                 /* bit s: size_count[s] != 0 */
    uint32_t size_count[TLB_SIZES];
    uint32_t level_count[WALK_LEVELS];
    SmmuPmCacheStats tlb_stats;
    SmmuPmCacheStats walk_stats;
    const SmmuPmCacheStats *tlb_cstats;     /* the caches' own, live */
    const SmmuPmCacheStats *walk_cstats;
};

/* ---- Ranges ------------------------------------------------------------- */

/* Last address of the 2^shift-byte range at @base (shift <= 64) */
static inline uint64_t range_last(uint64_t base, unsigned shift)
{
    return base + (shift >= 64 ? UINT64_MAX : (1ull << shift) - 1);
}

static inline uint64_t align_down(uint64_t addr, unsigned shift)
{
    return shift >= 64 ? 0 : addr & ~((1ull << shift) - 1);
}

static inline bool ranges_intersect(uint64_t a0, uint64_t a1, uint64_t b0,
                                    uint64_t b1)
{
    return a0 <= b1 && b0 <= a1;
}

/*
 * Input range covered by a table at @level: what one descriptor at level
 * L-1 maps, i.e. the granule times (entries per table)^(4 - L).  For 4K:
 * level 3 covers 2M, level 2 1G, level 1 512G.
 */
static inline unsigned walk_span_shift(unsigned granule_shift, unsigned level)
{
    unsigned shift = granule_shift + (4 - level) * (granule_shift - 3);

    return MIN(shift, 64);
}

/* Tags in the high bits, the address's low bits pick the set directly */
static inline uint64_t hash_tags(uint64_t index, uint64_t tags)
{
    return index ^ (tags * 0x9e3779b97f4a7c15ull);
}

/* ---- TLB ---------------------------------------------------------------- */

/* Equal for every entry a lookup of this size could match (find/place) */
static inline uint64_t tlb_hash(unsigned world, unsigned vmid,
                                unsigned size_shift, uint64_t ia)
{
    uint64_t tags = world | (size_shift << 8) | ((uint64_t)vmid << 16);

    return hash_tags(ia >> size_shift, tags);
}

/*
 * Stage-2-only entries carry no ASID (an ASID is a stage 1 tag): they
 * match any, like global entries.
 */
static inline bool tlb_asid_free(const SmmuPmTlbEntry *e)
{
    return e->global || e->stages == SMMU_PM_STAGES_S2;
}

/* A TLB probe: the key, and the one size whose set is being searched */
typedef struct TlbProbe {
    const SmmuPmTlbKey *key;
    unsigned size_shift;
} TlbProbe;

/*
 * Only entries of the probed size match, although a set can also hold
 * other sizes: so that when entries overlap (a TLB conflict, after a
 * driver skipped an invalidation), the smallest wins whatever the sets.
 */
static bool tlb_match(const void *entry, const void *arg)
{
    const SmmuPmTlbEntry *e = entry;
    const TlbProbe *p = arg;
    const SmmuPmTlbKey *k = p->key;

    return e->size_shift == p->size_shift &&
           e->world == k->world && e->stages == k->stages &&
           e->vmid == k->vmid &&
           ((k->ia ^ e->ia) >> e->size_shift) == 0 &&
           (tlb_asid_free(e) || e->asid == k->asid);
}

/*
 * Insert replaces the entry that a lookup of the same size would find
 * instead, so that one address never has two entries of one size.
 */
static bool tlb_same_slot(const void *entry, const void *arg)
{
    const SmmuPmTlbEntry *e = entry;
    const SmmuPmTlbEntry *n = arg;

    return e->world == n->world && e->stages == n->stages &&
           e->vmid == n->vmid && e->size_shift == n->size_shift &&
           e->ia == n->ia &&
           (tlb_asid_free(e) || tlb_asid_free(n) || e->asid == n->asid);
}

static void tlb_evicted(const void *entry, void *opaque)
{
    const SmmuPmTlbEntry *e = entry;
    SmmuPmTlb *tlb = opaque;

    if (tlb->utlb && !smmu_pm_utlb_empty(tlb->utlb)) {
        smmu_pm_utlb_drop_src(tlb->utlb, entry);
    }
    g_assert(tlb->size_count[e->size_shift] > 0);
    if (--tlb->size_count[e->size_shift] == 0) {
        tlb->size_mask &= ~(1ull << e->size_shift);
    }
}

/* The TLB's answer for @key: the smallest matching entry, or NULL */
static const SmmuPmTlbEntry *tlb_find(SmmuPmTlb *tlb, const SmmuPmTlbKey *key)
{
    uint64_t sizes = tlb->size_mask;

    tlb->tlb_stats.lookups++;
    while (sizes) {
        TlbProbe probe = { .key = key, .size_shift = __builtin_ctzll(sizes) };
        uint64_t hash = tlb_hash(key->world, key->vmid, probe.size_shift,
                                 key->ia);
        const SmmuPmTlbEntry *e;

        sizes &= sizes - 1;
        e = smmu_pm_cache_find(tlb->tlb, hash, tlb_match, &probe);
        if (e) {
            tlb->tlb_stats.hits++;
            return e;
        }
    }
    return NULL;
}

bool smmu_pm_tlb_lookup(SmmuPmTlb *tlb, const SmmuPmTlbKey *key,
                        SmmuPmTlbEntry *out)
{
    const SmmuPmTlbEntry *e = tlb_find(tlb, key);

    if (e) {
        *out = *e;
    }
    return e != NULL;
}

const SmmuPmTlbEntry *smmu_pm_tlb_find(SmmuPmTlb *tlb,
                                       const SmmuPmTlbKey *key)
{
    return tlb_find(tlb, key);
}

void smmu_pm_tlb_utlb_fill(SmmuPmTlb *tlb, uint64_t tag, uint64_t addr,
                           uint64_t ia, uint64_t ctx,
                           const SmmuPmUtlbEntry *e)
{
    if (tlb->utlb) {
        /* Never wider than the smallest size present: see the top */
        smmu_pm_utlb_fill(tlb->utlb, tag, addr, ia,
                          __builtin_ctzll(tlb->size_mask), ctx, e);
    }
}

void smmu_pm_tlb_hit(SmmuPmTlb *tlb, const SmmuPmTlbEntry *e)
{
    smmu_pm_cache_touch(tlb->tlb, e);
    tlb->tlb_stats.lookups++;
    tlb->tlb_stats.hits++;
}

/*
 * Before @e goes in: micro-TLB entries it could take an address from go
 * (all of them if it is smaller than their granule)
 */
static void utlb_before_insert(SmmuPmTlb *tlb, const SmmuPmTlbEntry *e)
{
    if (!tlb->utlb || smmu_pm_utlb_empty(tlb->utlb)) {
        return;
    }
    if (e->size_shift < smmu_pm_utlb_shift(tlb->utlb)) {
        smmu_pm_utlb_flush(tlb->utlb);
    } else {
        smmu_pm_utlb_drop_range(tlb->utlb, e->ia,
                                range_last(e->ia, e->size_shift));
    }
}

void smmu_pm_tlb_insert(SmmuPmTlb *tlb, const SmmuPmTlbEntry *entry)
{
    SmmuPmTlbEntry e = *entry;
    uint64_t hash;

    g_assert(e.size_shift < TLB_SIZES);
    e.ia = align_down(e.ia, e.size_shift);
    utlb_before_insert(tlb, &e);
    hash = tlb_hash(e.world, e.vmid, e.size_shift, e.ia);
    memcpy(smmu_pm_cache_place(tlb->tlb, hash, tlb_same_slot, &e), &e,
           sizeof(e));

    if (tlb->size_count[e.size_shift]++ == 0) {
        tlb->size_mask |= 1ull << e.size_shift;
    }
    tlb->tlb_stats.inserts++;
    /* Only inserts evict, one at most each: the cache's count is ours */
    tlb->tlb_stats.evictions = tlb->tlb_cstats->evictions;
}

/* ---- Walk cache ---------------------------------------------------------- */

/* Equal for every entry a lookup of this level could match */
static uint64_t walk_hash(const SmmuPmWalkTag *tag, unsigned level,
                          uint64_t ia)
{
    unsigned shift = walk_span_shift(tag->granule_shift, level);
    uint64_t index = shift >= 64 ? 0 : ia >> shift;
    uint64_t tags = tag->world | (tag->stage << 2) | (level << 4) |
                    ((uint64_t)tag->granule_shift << 8) |
                    ((uint64_t)tag->vmid << 16) | ((uint64_t)tag->asid << 32);

    return hash_tags(index, tags);
}

static bool walk_tag_eq(const SmmuPmWalkEntry *e, const SmmuPmWalkTag *t)
{
    return e->world == t->world && e->stage == t->stage &&
           e->vmid == t->vmid && e->asid == t->asid &&
           e->granule_shift == t->granule_shift;
}

/* Also used by insert: the probe's ia is then already aligned */
static bool walk_match(const void *entry, const void *arg)
{
    const SmmuPmWalkEntry *e = entry;
    const WalkProbe *p = arg;

    return e->level == p->level && walk_tag_eq(e, p->tag) &&
           align_down(p->ia, walk_span_shift(e->granule_shift, e->level)) ==
           e->ia;
}

static void walk_evicted(const void *entry, void *opaque)
{
    const SmmuPmWalkEntry *e = entry;
    SmmuPmTlb *tlb = opaque;

    g_assert(tlb->level_count[e->level] > 0);
    tlb->level_count[e->level]--;
}

int smmu_pm_walkcache_lookup(SmmuPmTlb *tlb, const SmmuPmWalkTag *tag,
                             uint64_t ia, uint64_t *table,
                             uint8_t *table_attrs)
{
    tlb->walk_stats.lookups++;
    for (int level = WALK_LEVELS - 1; level >= 0; level--) {
        WalkProbe probe = { .tag = tag, .level = level, .ia = ia };
        const SmmuPmWalkEntry *e;

        if (!tlb->level_count[level]) {
            continue;
        }
        e = smmu_pm_cache_find(tlb->walk, walk_hash(tag, level, ia),
                               walk_match, &probe);
        if (e) {
            *table = e->table;
            *table_attrs = e->table_attrs;
            tlb->walk_stats.hits++;
            return level;
        }
    }
    return -1;
}

void smmu_pm_walkcache_insert(SmmuPmTlb *tlb, const SmmuPmWalkTag *tag,
                              unsigned level, uint64_t ia, uint64_t table,
                              uint8_t table_attrs)
{
    WalkProbe probe = { .tag = tag, .level = level };
    SmmuPmWalkEntry *e;

    g_assert(level < WALK_LEVELS && tag->granule_shift >= 12);
    probe.ia = align_down(ia, walk_span_shift(tag->granule_shift, level));
    e = smmu_pm_cache_place(tlb->walk, walk_hash(tag, level, ia),
                            walk_match, &probe);
    *e = (SmmuPmWalkEntry) {
        .ia = probe.ia,
        .table = table,
        .world = tag->world,
        .stage = tag->stage,
        .granule_shift = tag->granule_shift,
        .level = level,
        .table_attrs = table_attrs,
        .vmid = tag->vmid,
        .asid = tag->asid,
    };
    tlb->level_count[level]++;
    tlb->walk_stats.inserts++;
    tlb->walk_stats.evictions = tlb->walk_cstats->evictions;
}

/* ---- Invalidation -------------------------------------------------------- */

static bool inval_stages_match(const SmmuPmTlbInval *inv, unsigned stages)
{
    if (inv->s2_only) {
        return stages == SMMU_PM_STAGES_S2;
    }
    return (stages & inv->stages) != 0;
}

/*
 * The ASID filter of a stage-1 entry: NH_ASID (match_asid, keep_global)
 * takes the ASID's non-global entries; NH_VA (match_asid, by_addr) also
 * takes global ones; without match_asid every ASID goes, and global
 * entries unless keep_global.
 */
static bool inval_asid_match(const SmmuPmTlbInval *inv,
                             const SmmuPmTlbEntry *e)
{
    if (e->stages == SMMU_PM_STAGES_S2) {
        return true;
    }
    if (e->global) {
        return !inv->keep_global && (inv->by_addr || !inv->match_asid);
    }
    return !inv->match_asid || e->asid == inv->asid;
}

static bool tlb_inval_match(const void *entry, const void *arg)
{
    const SmmuPmTlbEntry *e = entry;
    const SmmuPmTlbInval *inv = arg;

    return e->world == inv->world &&
           inval_stages_match(inv, e->stages) &&
           (!inv->match_vmid || e->vmid == inv->vmid) &&
           inval_asid_match(inv, e) &&
           (!inv->ttl || e->level == inv->ttl) &&
           (!inv->tg || e->granule_shift == inv->tg) &&
           (!inv->by_addr ||
            ranges_intersect(e->ia, range_last(e->ia, e->size_shift),
                             inv->start, inv->last));
}

/* Walk-cache entries have no global flag, and TTL/TG do not apply */
static bool walk_inval_match(const void *entry, const void *arg)
{
    const SmmuPmWalkEntry *e = entry;
    const SmmuPmTlbInval *inv = arg;
    unsigned span = walk_span_shift(e->granule_shift, e->level);

    return e->world == inv->world &&
           inval_stages_match(inv, e->stage == 2 ? SMMU_PM_STAGES_S2
                                                 : SMMU_PM_STAGES_S1) &&
           (!inv->match_vmid || e->vmid == inv->vmid) &&
           (!inv->match_asid || e->stage == 2 || e->asid == inv->asid) &&
           (!inv->by_addr ||
            ranges_intersect(e->ia, range_last(e->ia, span), inv->start,
                             inv->last));
}

/* Any invalidation, whatever it removes from the TLB, empties it */
static void utlb_flush(SmmuPmTlb *tlb)
{
    if (tlb->utlb) {
        smmu_pm_utlb_flush(tlb->utlb);
    }
}

unsigned smmu_pm_tlb_invalidate(SmmuPmTlb *tlb, const SmmuPmTlbInval *inv)
{
    unsigned n_tlb, n_walk = 0;

    utlb_flush(tlb);
    n_tlb = smmu_pm_cache_invalidate(tlb->tlb, tlb_inval_match, inv);
    tlb->tlb_stats.invalidated += n_tlb;
    if (!inv->leaf_only) {
        n_walk = smmu_pm_cache_invalidate(tlb->walk, walk_inval_match, inv);
        tlb->walk_stats.invalidated += n_walk;
    }
    return n_tlb + n_walk;
}

void smmu_pm_tlb_invalidate_all(SmmuPmTlb *tlb)
{
    utlb_flush(tlb);
    tlb->tlb_stats.invalidated += smmu_pm_cache_occupancy(tlb->tlb);
    tlb->walk_stats.invalidated += smmu_pm_cache_occupancy(tlb->walk);
    smmu_pm_cache_invalidate_all(tlb->tlb);
    smmu_pm_cache_invalidate_all(tlb->walk);
}

/* ---- Power-up garbage -------------------------------------------------- */

/* The garbage of one power-up: its pattern, and the address width */
typedef struct Scramble {
    uint64_t pattern;
    unsigned addr_bits;
} Scramble;

/*
 * @addr with the bits of @sc's pattern above @shift flipped, and always bit
 * @shift (so the garbage differs from the real address) when it fits: the
 * result stays @shift-aligned, so lookups hit the entry as before, and
 * inside the output address size, as a real cache's address field is only
 * that wide
 */
static uint64_t scramble(uint64_t addr, const Scramble *sc, unsigned shift)
{
    uint64_t within = sc->addr_bits < 64 ? (1ull << sc->addr_bits) - 1
                                         : UINT64_MAX;
    uint64_t above = ~((1ull << shift) - 1);    /* a page or block: < 64 */
    uint64_t flip = sc->pattern | 1ull << shift;

    return (addr ^ (flip & above)) & within;
}

static void scramble_tlb_entry(void *entry, void *opaque)
{
    SmmuPmTlbEntry *e = entry;

    e->oa = scramble(e->oa, opaque, e->size_shift);
}

static void scramble_walk_entry(void *entry, void *opaque)
{
    SmmuPmWalkEntry *e = entry;

    e->table = scramble(e->table, opaque, e->granule_shift);
}

void smmu_pm_tlb_scramble(SmmuPmTlb *tlb, uint64_t seed, unsigned addr_bits)
{
    Scramble sc = {
        .pattern = smmu_pm_garbage_pattern(seed),
        .addr_bits = MIN(addr_bits, 64),
    };

    utlb_flush(tlb);
    smmu_pm_cache_foreach(tlb->tlb, scramble_tlb_entry, &sc);
    smmu_pm_cache_foreach(tlb->walk, scramble_walk_entry, &sc);
}

/* ---- Life cycle and accessors -------------------------------------------- */

SmmuPmTlb *smmu_pm_tlb_new(const SmmuPmCacheGeom *tlb_geom,
                           const SmmuPmCacheGeom *walk_geom)
{
    SmmuPmTlb *tlb = g_new0(SmmuPmTlb, 1);

    tlb->tlb = smmu_pm_cache_new(tlb_geom, sizeof(SmmuPmTlbEntry));
    tlb->walk = smmu_pm_cache_new(walk_geom, sizeof(SmmuPmWalkEntry));
    smmu_pm_cache_set_evict_hook(tlb->tlb, tlb_evicted, tlb);
    smmu_pm_cache_set_evict_hook(tlb->walk, walk_evicted, tlb);
    tlb->tlb_cstats = smmu_pm_cache_stats(tlb->tlb);
    tlb->walk_cstats = smmu_pm_cache_stats(tlb->walk);
    smmu_pm_tlb_set_utlb_entries(tlb, SMMU_PM_UTLB_DEFAULT_ENTRIES);
    return tlb;
}

void smmu_pm_tlb_set_utlb_entries(SmmuPmTlb *tlb, unsigned entries)
{
    g_assert(smmu_pm_utlb_entries_valid(entries, "utlb-entries", NULL));
    smmu_pm_utlb_free(tlb->utlb);
    tlb->utlb = entries ? smmu_pm_utlb_new(entries) : NULL;
}

unsigned smmu_pm_tlb_utlb_entries(const SmmuPmTlb *tlb)
{
    return tlb->utlb ? smmu_pm_utlb_capacity(tlb->utlb) : 0;
}

void smmu_pm_tlb_free(SmmuPmTlb *tlb)
{
    if (!tlb) {
        return;
    }
    smmu_pm_cache_free(tlb->tlb);
    smmu_pm_cache_free(tlb->walk);
    smmu_pm_utlb_free(tlb->utlb);
    g_free(tlb);
}

/*
 * Per TLB operation, unlike the underlying cache's counters, which count
 * one lookup per size or level probed
 */
const SmmuPmCacheStats *smmu_pm_tlb_stats(const SmmuPmTlb *tlb)
{
    return &tlb->tlb_stats;
}

const SmmuPmCacheStats *smmu_pm_walkcache_stats(const SmmuPmTlb *tlb)
{
    return &tlb->walk_stats;
}

SmmuPmCache *smmu_pm_tlb_cache(SmmuPmTlb *tlb)
{
    return tlb->tlb;
}

SmmuPmCache *smmu_pm_walkcache_cache(SmmuPmTlb *tlb)
{
    return tlb->walk;
}

SmmuPmUtlb *smmu_pm_tlb_utlb(SmmuPmTlb *tlb)
{
    return tlb->utlb;
}
