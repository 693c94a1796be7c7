/*
 * arm-smmuv3-pm core: a bounded set-associative cache
 *
 * Storage is one array of sets * ways fixed-size slots plus one metadata
 * record per way, all allocated by smmu_pm_cache_new: lookup, insert and
 * invalidation never allocate, so the memory a guest can make the model
 * use is fixed by the geometry.
 *
 * Replacement state is a 64-bit stamp per way taken from a per-cache
 * clock: LRU restamps on every hit, FIFO only on insertion (replacing an
 * entry of the same key counts as inserting it anew), and the victim is
 * the way with the oldest stamp.  RANDOM ignores stamps and draws the
 * victim from a xorshift PRNG seeded with a constant, so that a run (and a
 * test) is reproducible.
 *
 * A bitmap of the valid slots, kept beside the per-way records, lets the
 * scans (invalidation, foreach) skip empty slots 64 at a time: a TLBI on
 * a mostly empty 1024-entry TLB reads 16 words, not 1024 records.
 *
 * Every change of contents (insert, any entry leaving, foreach, which may
 * rewrite entries) advances a generation number, so that a caller can
 * remember where it found an entry and trust the memory as long as the
 * generation has not moved (smmu_pm_cache_remember/recall).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <string.h>
#include <glib.h>

#include "hw/arm/smmuv3-pm/core/caches/cache.h"

/* Upper bound on sets * ways: 1M slots keeps a cache in the megabytes */
#define SMMU_PM_CACHE_MAX_SLOTS     (1u << 20)

/* Any fixed nonzero seed: xorshift has no other requirement */
#define SMMU_PM_CACHE_RNG_SEED      0x2545f4914f6cdd1dull

typedef struct SmmuPmCacheWay {
    uint64_t stamp;             /* LRU: last use; FIFO: insertion */
    uint64_t hash;              /* the caller's, with find/place */
    bool valid;
} SmmuPmCacheWay;

typedef struct SmmuPmCacheMemo {
    uint64_t gen;
    size_t idx;                 /* SIZE_MAX: nothing remembered */
} SmmuPmCacheMemo;

struct SmmuPmCache {
    unsigned sets;
    unsigned ways;
    unsigned set_bits;          /* log2(sets) */
    SmmuPmRepl repl;
    unsigned stride_shift;      /* log2 of the slot size */
    uint8_t *slots;             /* sets * ways * stride bytes */
    SmmuPmCacheWay *meta;       /* sets * ways */
    uint64_t *valid_bits;       /* bit i: meta[i].valid */
    size_t words;               /* of valid_bits */
    uint64_t gen;               /* advances whenever the contents change */
    SmmuPmCacheMemo memo[SMMU_PM_CACHE_MEMOS];
    uint64_t clock;
    uint64_t rng;
    unsigned occupancy;
    SmmuPmCacheStats stats;
    SmmuPmCacheEvict *evict;
    void *evict_opaque;
};

static const char *const repl_names[SMMU_PM_REPL__MAX] = {
    [SMMU_PM_REPL_LRU] = "lru",
    [SMMU_PM_REPL_FIFO] = "fifo",
    [SMMU_PM_REPL_RANDOM] = "random",
};

int smmu_pm_repl_parse(const char *name)
{
    for (int i = 0; i < SMMU_PM_REPL__MAX; i++) {
        if (name && strcmp(name, repl_names[i]) == 0) {
            return i;
        }
    }
    return -1;
}

const char *smmu_pm_repl_name(SmmuPmRepl repl)
{
    return (unsigned)repl < SMMU_PM_REPL__MAX ? repl_names[repl] : NULL;
}

bool smmu_pm_cache_geom_valid(const SmmuPmCacheGeom *geom, const char *what,
                              char **errmsg)
{
    char *msg = NULL;

    if (geom->sets == 0 || (geom->sets & (geom->sets - 1)) != 0 ||
        geom->sets > SMMU_PM_CACHE_MAX_SLOTS) {
        msg = g_strdup_printf("%s: sets must be a power of two from 1 to %u "
                              "(got %u)", what, SMMU_PM_CACHE_MAX_SLOTS,
                              geom->sets);
    } else if (geom->ways == 0 || geom->ways > SMMU_PM_CACHE_MAX_SLOTS) {
        msg = g_strdup_printf("%s: ways must be from 1 to %u (got %u)",
                              what, SMMU_PM_CACHE_MAX_SLOTS, geom->ways);
    } else if ((uint64_t)geom->sets * geom->ways > SMMU_PM_CACHE_MAX_SLOTS) {
        msg = g_strdup_printf("%s: sets * ways must be at most %u "
                              "(got %u * %u)", what, SMMU_PM_CACHE_MAX_SLOTS,
                              geom->sets, geom->ways);
    } else if ((unsigned)geom->repl >= SMMU_PM_REPL__MAX) {
        msg = g_strdup_printf("%s: replacement policy must be lru, fifo or "
                              "random (got %d)", what, (int)geom->repl);
    }

    if (msg) {
        if (errmsg) {
            *errmsg = msg;
        } else {
            g_free(msg);
        }
        return false;
    }
    return true;
}

SmmuPmCache *smmu_pm_cache_new(const SmmuPmCacheGeom *geom,
                               size_t entry_size)
{
    SmmuPmCache *cache;
    size_t slots;

    /* Callers validate user input first; this is a programming error */
    g_assert(smmu_pm_cache_geom_valid(geom, "cache", NULL));
    g_assert(entry_size > 0);

    cache = g_new0(SmmuPmCache, 1);
    cache->sets = geom->sets;
    cache->ways = geom->ways;
    cache->set_bits = g_bit_storage(geom->sets) - 1;
    cache->repl = geom->repl;
    /*
     * Slots of a power-of-two size, at least 8 (entries hold uint64_t
     * fields): the slot of an entry pointer is a shift away, not a
     * division, for smmu_pm_cache_touch() on the fast path
     */
    cache->stride_shift = MAX(g_bit_storage(entry_size - 1), 3);
    slots = (size_t)geom->sets * geom->ways;
    cache->slots = g_malloc0(slots << cache->stride_shift);
    cache->meta = g_new0(SmmuPmCacheWay, slots);
    cache->words = (slots + 63) / 64;
    cache->valid_bits = g_new0(uint64_t, cache->words);
    cache->rng = SMMU_PM_CACHE_RNG_SEED;
    for (unsigned i = 0; i < SMMU_PM_CACHE_MEMOS; i++) {
        cache->memo[i].idx = SIZE_MAX;
    }
    return cache;
}

void smmu_pm_cache_free(SmmuPmCache *cache)
{
    if (!cache) {
        return;
    }
    g_free(cache->slots);
    g_free(cache->meta);
    g_free(cache->valid_bits);
    g_free(cache);
}

void smmu_pm_cache_set_evict_hook(SmmuPmCache *cache, SmmuPmCacheEvict *fn,
                                  void *opaque)
{
    cache->evict = fn;
    cache->evict_opaque = opaque;
}

/* Multiply-xorshift finaliser: every input bit affects every output bit */
static inline uint64_t mix64(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return h;
}

/*
 * The low set_bits of the hash select the set directly, XORed with a mix
 * of all the bits above them.  Within any aligned run of 'sets'
 * consecutive hashes (consecutive pages, consecutive StreamIDs) the mixed
 * part is constant, so the run covers every set exactly once: sequential
 * working sets spread evenly instead of colliding by chance as they would
 * with a plain finaliser, while the high bits (tags) still scatter.
 */
unsigned smmu_pm_cache_set_of(const SmmuPmCache *cache, uint64_t hash)
{
    return (unsigned)((hash ^ mix64(hash >> cache->set_bits)) &
                      (cache->sets - 1));
}

static inline void *slot_at(const SmmuPmCache *cache, size_t idx)
{
    return cache->slots + (idx << cache->stride_shift);
}

static inline size_t idx_of(const SmmuPmCache *cache, const void *entry)
{
    return ((const uint8_t *)entry - cache->slots) >> cache->stride_shift;
}

/* A lookup of @idx hit: replacement state and counters */
static inline void account_hit(SmmuPmCache *cache, size_t idx)
{
    if (cache->repl == SMMU_PM_REPL_LRU) {
        cache->meta[idx].stamp = ++cache->clock;
    }
    cache->stats.lookups++;
    cache->stats.hits++;
}

static inline void set_valid(SmmuPmCache *cache, size_t idx, bool valid)
{
    uint64_t bit = 1ull << (idx % 64);

    cache->meta[idx].valid = valid;
    if (valid) {
        cache->valid_bits[idx / 64] |= bit;
    } else {
        cache->valid_bits[idx / 64] &= ~bit;
    }
}

/*
 * The valid entry of @set that @match accepts; with @hashed, only ways
 * that went in with @hash are asked (a cheap filter before the call)
 */
static inline void *lookup(SmmuPmCache *cache, unsigned set, bool hashed,
                           uint64_t hash, SmmuPmCacheMatch *match,
                           const void *key)
{
    size_t base = (size_t)set * cache->ways;
    /* Locals: match() could change *cache as far as the compiler knows */
    SmmuPmCacheWay *meta = cache->meta + base;
    unsigned ways = cache->ways;

    cache->stats.lookups++;
    for (unsigned w = 0; w < ways; w++) {
        SmmuPmCacheWay *way = &meta[w];

        if (way->valid && (!hashed || way->hash == hash) &&
            match(slot_at(cache, base + w), key)) {
            void *entry = slot_at(cache, base + w);

            if (cache->repl == SMMU_PM_REPL_LRU) {
                way->stamp = ++cache->clock;
            }
            cache->stats.hits++;
            return entry;
        }
    }
    return NULL;
}

void *smmu_pm_cache_lookup(SmmuPmCache *cache, unsigned set,
                           SmmuPmCacheMatch *match, const void *key)
{
    return lookup(cache, set, false, 0, match, key);
}

void *smmu_pm_cache_find(SmmuPmCache *cache, uint64_t hash,
                         SmmuPmCacheMatch *match, const void *key)
{
    return lookup(cache, smmu_pm_cache_set_of(cache, hash), true, hash,
                  match, key);
}

void smmu_pm_cache_touch(SmmuPmCache *cache, const void *entry)
{
    size_t idx = idx_of(cache, entry);

    /* (an entry outside the slots would not be valid here either) */
    g_assert(cache->meta[idx].valid);
    account_hit(cache, idx);
}

void smmu_pm_cache_remember(SmmuPmCache *cache, unsigned memo,
                            const void *entry)
{
    g_assert(memo < SMMU_PM_CACHE_MEMOS);
    cache->memo[memo] = (SmmuPmCacheMemo) {
        .gen = cache->gen,
        .idx = idx_of(cache, entry),
    };
}

void *smmu_pm_cache_recall(const SmmuPmCache *cache, unsigned memo)
{
    const SmmuPmCacheMemo *m = &cache->memo[memo % SMMU_PM_CACHE_MEMOS];

    /* A memo never set has generation 0 and no slot: see cache_new */
    if (m->gen != cache->gen || m->idx == SIZE_MAX) {
        return NULL;
    }
    return slot_at(cache, m->idx);
}

/* xorshift64: cheap, and reproducible from the fixed seed */
static unsigned random_way(SmmuPmCache *cache)
{
    uint64_t x = cache->rng;

    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    cache->rng = x;
    return (unsigned)(x % cache->ways);
}

/* Way of a full set to evict, by the policy */
static unsigned victim_way(SmmuPmCache *cache, size_t base)
{
    unsigned victim = 0;

    if (cache->repl == SMMU_PM_REPL_RANDOM) {
        return random_way(cache);
    }
    for (unsigned w = 1; w < cache->ways; w++) {
        if (cache->meta[base + w].stamp < cache->meta[base + victim].stamp) {
            victim = w;
        }
    }
    return victim;
}

/* A valid entry leaves the cache: tell the owner, then forget it */
static void drop_entry(SmmuPmCache *cache, size_t idx)
{
    if (cache->evict) {
        cache->evict(slot_at(cache, idx), cache->evict_opaque);
    }
    set_valid(cache, idx, false);
    cache->occupancy--;
    cache->gen++;
}

/* As lookup(): a slot in @set for a new entry (smmu_pm_cache_insert) */
static void *insert(SmmuPmCache *cache, unsigned set, bool hashed,
                    uint64_t hash, SmmuPmCacheMatch *match, const void *key)
{
    size_t base = (size_t)set * cache->ways;
    SmmuPmCacheWay *meta = cache->meta + base;
    unsigned ways = cache->ways;
    size_t idx = SIZE_MAX;
    size_t free_idx = SIZE_MAX;

    for (unsigned w = 0; w < ways; w++) {
        SmmuPmCacheWay *way = &meta[w];

        if (!way->valid) {
            if (free_idx == SIZE_MAX) {
                free_idx = base + w;
            }
        } else if (match && (!hashed || way->hash == hash) &&
                   match(slot_at(cache, base + w), key)) {
            idx = base + w;
            break;
        }
    }

    if (idx != SIZE_MAX) {
        /* Same key: an update in place, not an eviction */
        drop_entry(cache, idx);
    } else if (free_idx != SIZE_MAX) {
        idx = free_idx;
    } else {
        idx = base + victim_way(cache, base);
        drop_entry(cache, idx);
        cache->stats.evictions++;
    }

    set_valid(cache, idx, true);
    cache->meta[idx].stamp = ++cache->clock;
    cache->meta[idx].hash = hash;
    cache->occupancy++;
    cache->stats.inserts++;
    cache->gen++;
    return slot_at(cache, idx);
}

void *smmu_pm_cache_insert(SmmuPmCache *cache, unsigned set,
                           SmmuPmCacheMatch *match, const void *key)
{
    return insert(cache, set, false, 0, match, key);
}

void *smmu_pm_cache_place(SmmuPmCache *cache, uint64_t hash,
                          SmmuPmCacheMatch *match, const void *key)
{
    return insert(cache, smmu_pm_cache_set_of(cache, hash), true, hash,
                  match, key);
}

/*
 * The valid slots from @idx on, in order, through the bitmap: the index of
 * the next one, or SIZE_MAX.  Entries may be dropped meanwhile (the word
 * is read afresh each call).
 */
static size_t next_valid(const SmmuPmCache *cache, size_t idx)
{
    size_t w = idx / 64;
    uint64_t bits;

    if (w >= cache->words) {
        return SIZE_MAX;
    }
    bits = cache->valid_bits[w] & (~0ull << (idx % 64));
    while (!bits) {
        if (++w >= cache->words) {
            return SIZE_MAX;
        }
        bits = cache->valid_bits[w];
    }
    return w * 64 + __builtin_ctzll(bits);
}

unsigned smmu_pm_cache_invalidate(SmmuPmCache *cache, SmmuPmCacheMatch *match,
                                  const void *arg)
{
    unsigned n = 0;

    for (size_t i = next_valid(cache, 0); i != SIZE_MAX;
         i = next_valid(cache, i + 1)) {
        if (match(slot_at(cache, i), arg)) {
            drop_entry(cache, i);
            n++;
        }
    }
    cache->stats.invalidated += n;
    return n;
}

void smmu_pm_cache_invalidate_all(SmmuPmCache *cache)
{
    cache->stats.invalidated += cache->occupancy;
    for (size_t i = next_valid(cache, 0); i != SIZE_MAX;
         i = next_valid(cache, i + 1)) {
        drop_entry(cache, i);
    }
}

unsigned smmu_pm_cache_occupancy(const SmmuPmCache *cache)
{
    return cache->occupancy;
}

unsigned smmu_pm_cache_capacity(const SmmuPmCache *cache)
{
    return cache->sets * cache->ways;
}

const SmmuPmCacheStats *smmu_pm_cache_stats(const SmmuPmCache *cache)
{
    return &cache->stats;
}

void smmu_pm_cache_foreach(SmmuPmCache *cache,
                           void (*fn)(void *entry, void *opaque),
                           void *opaque)
{
    /* @fn may rewrite entries: what a caller remembered may be stale */
    cache->gen++;
    for (size_t i = next_valid(cache, 0); i != SIZE_MAX;
         i = next_valid(cache, i + 1)) {
        fn(slot_at(cache, i), opaque);
    }
}

uint64_t smmu_pm_cache_generation(const SmmuPmCache *cache)
{
    return cache->gen;
}

/* ---- Power-up garbage -------------------------------------------------- */

/*
 * A page-aligned, nonzero pattern inside a 48-bit address space: XORed
 * into an address, the result still looks like a real one
 */
uint64_t smmu_pm_garbage_pattern(uint64_t seed)
{
    return (((seed + 1) * 0x9e3779b97f4a7c15ull) & 0x00007ffffffff000ull) |
           0x1000;
}
