/*
 * arm-smmuv3-pm core: a bounded set-associative cache
 *
 * The storage behind the TLB, the walk caches and the configuration cache:
 * a fixed number of sets and ways allocated once at init (memory is
 * bounded by the geometry), fixed-size entries, and a per-set replacement
 * policy.  A full set evicts one victim; nothing ever flushes the whole
 * cache because it is full.
 *
 * The cache does not know what an entry means: callers choose the set
 * from their key (smmu_pm_cache_set_of) and pass a match predicate.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_CACHE_H
#define SMMUV3_PM_CORE_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum SmmuPmRepl {
    SMMU_PM_REPL_LRU,
    SMMU_PM_REPL_FIFO,
    SMMU_PM_REPL_RANDOM,        /* deterministic PRNG, seeded at init */
    SMMU_PM_REPL__MAX,
} SmmuPmRepl;

typedef struct SmmuPmCacheGeom {
    unsigned sets;              /* a power of two, >= 1 */
    unsigned ways;              /* >= 1 */
    SmmuPmRepl repl;
} SmmuPmCacheGeom;

typedef struct SmmuPmCacheStats {
    uint64_t lookups;
    uint64_t hits;
    uint64_t inserts;
    uint64_t evictions;         /* a victim of another key replaced */
    uint64_t invalidated;       /* entries removed by invalidation */
} SmmuPmCacheStats;

typedef struct SmmuPmCache SmmuPmCache;

/* Predicate over an entry: @arg is the caller's key or filter */
typedef bool SmmuPmCacheMatch(const void *entry, const void *arg);

/*
 * Called with each valid entry that leaves the cache (replaced or evicted
 * by an insert, or invalidated), before its slot is reused, so that an
 * owner can keep summaries of the contents (the TLB counts its entries
 * per size).
 */
typedef void SmmuPmCacheEvict(const void *entry, void *opaque);

/* Parse "lru", "fifo", "random"; -1 if unknown */
int smmu_pm_repl_parse(const char *name);
const char *smmu_pm_repl_name(SmmuPmRepl repl);

/*
 * Validate a geometry; false with *@errmsg (g_free it) naming what is
 * wrong.  @what names the cache in the message ("tlb", ...).
 */
bool smmu_pm_cache_geom_valid(const SmmuPmCacheGeom *geom, const char *what,
                              char **errmsg);

SmmuPmCache *smmu_pm_cache_new(const SmmuPmCacheGeom *geom,
                               size_t entry_size);
void smmu_pm_cache_free(SmmuPmCache *cache);
void smmu_pm_cache_set_evict_hook(SmmuPmCache *cache, SmmuPmCacheEvict *fn,
                                  void *opaque);

/*
 * Set index for a hash of the caller's key.  The low log2(sets) bits of
 * @hash pick the set, XORed with a mix of the bits above: consecutive
 * hashes (pages, StreamIDs) fill consecutive sets, tags in the high bits
 * scatter.
 */
unsigned smmu_pm_cache_set_of(const SmmuPmCache *cache, uint64_t hash);

/*
 * The valid entry of @set that @match accepts (updating the replacement
 * state), or NULL.  The pointer stays valid until the next insert or
 * invalidation.
 */
void *smmu_pm_cache_lookup(SmmuPmCache *cache, unsigned set,
                           SmmuPmCacheMatch *match, const void *key);

/*
 * Account a hit of @entry (a valid entry of @cache) as
 * smmu_pm_cache_lookup() would: counters and replacement state, so that a
 * caller that found the entry by other means (a memo, a micro-TLB) leaves
 * the cache exactly as a lookup would have.
 */
void smmu_pm_cache_touch(SmmuPmCache *cache, const void *entry);

/*
 * Memos: a caller that looks up the same key again and again (the STE of
 * a busy stream) remembers where it found its entry, in one of
 * SMMU_PM_CACHE_MEMOS numbered memos.  smmu_pm_cache_recall() gives the
 * entry back, without a lookup or any accounting, as long as the cache's
 * contents have not changed since (no insert, no entry left, no foreach),
 * else NULL.  The caller checks that the entry is the one for its key,
 * then calls smmu_pm_cache_touch() for the hit.
 */
#define SMMU_PM_CACHE_MEMOS     8
void smmu_pm_cache_remember(SmmuPmCache *cache, unsigned memo,
                            const void *entry);
void *smmu_pm_cache_recall(const SmmuPmCache *cache, unsigned memo);

/* Advances whenever the contents change: insert, invalidation, foreach */
uint64_t smmu_pm_cache_generation(const SmmuPmCache *cache);

/*
 * A slot in @set for a new entry: an entry @match accepts if there is one
 * (replaced in place, so a key is never cached twice), else an invalid
 * way, else the policy's victim.  The caller fills all entry_size bytes;
 * the slot is valid from then on.
 */
void *smmu_pm_cache_insert(SmmuPmCache *cache, unsigned set,
                           SmmuPmCacheMatch *match, const void *key);

/*
 * The same by a hash of the key (the set is smmu_pm_cache_set_of(@hash)),
 * for callers whose equal keys always have equal hashes: the cache keeps
 * each entry's hash and asks @match only about entries of the same hash,
 * which spares most of its calls.  A cache is used either with
 * find/place or with lookup/insert, not both.
 */
void *smmu_pm_cache_find(SmmuPmCache *cache, uint64_t hash,
                         SmmuPmCacheMatch *match, const void *key);
void *smmu_pm_cache_place(SmmuPmCache *cache, uint64_t hash,
                          SmmuPmCacheMatch *match, const void *key);

/* Invalidate every valid entry @match accepts; returns how many */
unsigned smmu_pm_cache_invalidate(SmmuPmCache *cache, SmmuPmCacheMatch *match,
                                  const void *arg);
void smmu_pm_cache_invalidate_all(SmmuPmCache *cache);

/* Number of valid entries, capacity, and counters */
unsigned smmu_pm_cache_occupancy(const SmmuPmCache *cache);
unsigned smmu_pm_cache_capacity(const SmmuPmCache *cache);
const SmmuPmCacheStats *smmu_pm_cache_stats(const SmmuPmCache *cache);

/*
 * Call @fn on every valid entry (for tests, and for the later power model
 * that corrupts or keeps entries across power-off).
 */
void smmu_pm_cache_foreach(SmmuPmCache *cache,
                           void (*fn)(void *entry, void *opaque),
                           void *opaque);

/*
 * Power-up with garbage caches: a page-aligned, nonzero pattern inside a
 * 48-bit address space, derived from @seed, that the TLB, walk and
 * configuration caches XOR into the addresses they hold
 */
uint64_t smmu_pm_garbage_pattern(uint64_t seed);

#endif /* SMMUV3_PM_CORE_CACHE_H */
