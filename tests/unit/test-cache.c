/*
 * arm-smmuv3-pm core: bounded set-associative cache tests
 *
 * Entries are (key, value) pairs; most tests drive one set directly so
 * that the replacement victim is fully determined, and check both what
 * left the cache and what stayed.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <glib.h>
#include <string.h>

#include "hw/arm/smmuv3-pm/core/caches/cache.h"

typedef struct TestEntry {
    uint64_t key;
    uint64_t val;
} TestEntry;

static bool match_key(const void *entry, const void *arg)
{
    return ((const TestEntry *)entry)->key == *(const uint64_t *)arg;
}

static bool match_odd(const void *entry, const void *arg)
{
    return ((const TestEntry *)entry)->key & 1;
}

static SmmuPmCache *new_cache(unsigned sets, unsigned ways, SmmuPmRepl repl)
{
    SmmuPmCacheGeom geom = { .sets = sets, .ways = ways, .repl = repl };

    return smmu_pm_cache_new(&geom, sizeof(TestEntry));
}

static void put(SmmuPmCache *c, unsigned set, uint64_t key, uint64_t val)
{
    TestEntry *e = smmu_pm_cache_insert(c, set, match_key, &key);

    e->key = key;
    e->val = val;
}

/* Value cached for @key in @set, or UINT64_MAX */
static uint64_t get(SmmuPmCache *c, unsigned set, uint64_t key)
{
    TestEntry *e = smmu_pm_cache_lookup(c, set, match_key, &key);

    return e ? e->val : UINT64_MAX;
}

static bool has(SmmuPmCache *c, unsigned set, uint64_t key)
{
    return get(c, set, key) != UINT64_MAX;
}

/* ---- Geometry ------------------------------------------------------------ */

static void check_geom_msg(unsigned sets, unsigned ways, int repl,
                           const char *expected)
{
    SmmuPmCacheGeom g = { .sets = sets, .ways = ways, .repl = repl };
    char *msg = NULL;

    g_assert_false(smmu_pm_cache_geom_valid(&g, "tlb", &msg));
    g_assert_cmpstr(msg, ==, expected);
    g_free(msg);
}

static void test_geom(void)
{
    SmmuPmCacheGeom ok[] = {
        { 1, 1, SMMU_PM_REPL_LRU },
        { 256, 4, SMMU_PM_REPL_FIFO },
        { 1, 1u << 20, SMMU_PM_REPL_RANDOM },
        { 1u << 20, 1, SMMU_PM_REPL_LRU },
    };
    SmmuPmCacheGeom bad = { .sets = 5, .ways = 1 };
    char *msg = NULL;

    for (size_t i = 0; i < G_N_ELEMENTS(ok); i++) {
        g_assert_true(smmu_pm_cache_geom_valid(&ok[i], "tlb", &msg));
        g_assert_null(msg);
    }

    check_geom_msg(0, 4, SMMU_PM_REPL_LRU,
                   "tlb: sets must be a power of two from 1 to 1048576 "
                   "(got 0)");
    check_geom_msg(3, 4, SMMU_PM_REPL_LRU,
                   "tlb: sets must be a power of two from 1 to 1048576 "
                   "(got 3)");
    check_geom_msg(1u << 21, 1, SMMU_PM_REPL_LRU,
                   "tlb: sets must be a power of two from 1 to 1048576 "
                   "(got 2097152)");
    check_geom_msg(16, 0, SMMU_PM_REPL_LRU,
                   "tlb: ways must be from 1 to 1048576 (got 0)");
    check_geom_msg(1u << 20, 2, SMMU_PM_REPL_LRU,
                   "tlb: sets * ways must be at most 1048576 "
                   "(got 1048576 * 2)");
    check_geom_msg(16, 4, SMMU_PM_REPL__MAX,
                   "tlb: replacement policy must be lru, fifo or random "
                   "(got 3)");

    /* A NULL errmsg is allowed */
    g_assert_false(smmu_pm_cache_geom_valid(&bad, "x", NULL));
}

static void test_repl_names(void)
{
    g_assert_cmpint(smmu_pm_repl_parse("lru"), ==, SMMU_PM_REPL_LRU);
    g_assert_cmpint(smmu_pm_repl_parse("fifo"), ==, SMMU_PM_REPL_FIFO);
    g_assert_cmpint(smmu_pm_repl_parse("random"), ==, SMMU_PM_REPL_RANDOM);
    g_assert_cmpint(smmu_pm_repl_parse("LRU"), ==, -1);
    g_assert_cmpint(smmu_pm_repl_parse("plru"), ==, -1);
    g_assert_cmpint(smmu_pm_repl_parse(""), ==, -1);
    g_assert_cmpstr(smmu_pm_repl_name(SMMU_PM_REPL_LRU), ==, "lru");
    g_assert_cmpstr(smmu_pm_repl_name(SMMU_PM_REPL_FIFO), ==, "fifo");
    g_assert_cmpstr(smmu_pm_repl_name(SMMU_PM_REPL_RANDOM), ==, "random");
    g_assert_null(smmu_pm_repl_name(SMMU_PM_REPL__MAX));
}

/* ---- Replacement --------------------------------------------------------- */

/* Fill one 4-way set with keys 1..4, touch key 1, insert key 5 */
static SmmuPmCache *fill_touch_insert(SmmuPmRepl repl)
{
    SmmuPmCache *c = new_cache(1, 4, repl);

    for (uint64_t k = 1; k <= 4; k++) {
        put(c, 0, k, k * 10);
    }
    g_assert_cmpuint(smmu_pm_cache_stats(c)->evictions, ==, 0);
    g_assert_cmpuint(get(c, 0, 1), ==, 10);
    put(c, 0, 5, 50);
    g_assert_cmpuint(smmu_pm_cache_stats(c)->evictions, ==, 1);
    g_assert_cmpuint(smmu_pm_cache_occupancy(c), ==, 4);
    return c;
}

static void test_lru(void)
{
    SmmuPmCache *c = fill_touch_insert(SMMU_PM_REPL_LRU);

    /* 1 was touched after 2 was inserted: 2 is least recently used */
    g_assert_false(has(c, 0, 2));
    g_assert_cmpuint(get(c, 0, 1), ==, 10);
    g_assert_cmpuint(get(c, 0, 3), ==, 30);
    g_assert_cmpuint(get(c, 0, 4), ==, 40);
    g_assert_cmpuint(get(c, 0, 5), ==, 50);

    /* Order of use is now 1, 3, 4, 5: the next victim is 1 */
    put(c, 0, 6, 60);
    g_assert_false(has(c, 0, 1));
    g_assert_true(has(c, 0, 3));
    smmu_pm_cache_free(c);
}

static void test_fifo(void)
{
    SmmuPmCache *c = fill_touch_insert(SMMU_PM_REPL_FIFO);

    /* The touch does not matter: 1 was inserted first */
    g_assert_false(has(c, 0, 1));
    for (uint64_t k = 2; k <= 5; k++) {
        g_assert_cmpuint(get(c, 0, k), ==, k * 10);
    }
    put(c, 0, 6, 60);
    g_assert_false(has(c, 0, 2));
    g_assert_true(has(c, 0, 3));
    smmu_pm_cache_free(c);
}

/* Bitmap of the keys 1..n present in set 0 */
static unsigned present(SmmuPmCache *c, uint64_t n)
{
    unsigned mask = 0;

    for (uint64_t k = 1; k <= n; k++) {
        if (has(c, 0, k)) {
            mask |= 1u << (k - 1);
        }
    }
    return mask;
}

static void test_random(void)
{
    SmmuPmCache *a = new_cache(1, 4, SMMU_PM_REPL_RANDOM);
    SmmuPmCache *b = new_cache(1, 4, SMMU_PM_REPL_RANDOM);
    unsigned newest_evicted = 0;

    /* Invalid ways are used first: no eviction while filling */
    for (uint64_t k = 1; k <= 4; k++) {
        put(a, 0, k, k);
        put(b, 0, k, k);
    }
    g_assert_cmpuint(smmu_pm_cache_stats(a)->evictions, ==, 0);
    g_assert_cmpuint(present(a, 4), ==, 0xf);

    /* Same seed, same operations: the same victims, one per insert */
    for (uint64_t k = 5; k <= 24; k++) {
        unsigned before = present(a, 24);
        unsigned victim;

        put(a, 0, k, k);
        put(b, 0, k, k);
        g_assert_cmpuint(present(a, 24), ==, present(b, 24));
        g_assert_cmpuint(smmu_pm_cache_stats(a)->evictions, ==, k - 4);
        /* Exactly one of the previous four left, and k came in */
        victim = before & ~present(a, 24);
        g_assert_cmpuint(__builtin_popcount(victim), ==, 1);
        g_assert_cmpuint(present(a, 24), ==, (before & ~victim) |
                         (1u << (k - 1)));
        newest_evicted += victim == 1u << (k - 2);
    }
    /* Not degenerate: neither FIFO/LRU order nor always the newest */
    g_assert_cmpuint(present(a, 24), !=, 0xfu << 20);
    g_assert_cmpuint(newest_evicted, <, 19);

    /* With an invalid way present, RANDOM never evicts */
    for (int round = 0; round < 16; round++) {
        uint64_t gone = 100 + round;
        uint64_t victim = 0;
        uint64_t ev;

        for (uint64_t k = 1; k <= 200; k++) {
            if (has(a, 0, k)) {
                victim = k;
                break;
            }
        }
        g_assert_cmpuint(smmu_pm_cache_invalidate(a, match_key, &victim),
                         ==, 1);
        ev = smmu_pm_cache_stats(a)->evictions;
        put(a, 0, gone, gone);
        g_assert_cmpuint(smmu_pm_cache_stats(a)->evictions, ==, ev);
        g_assert_cmpuint(smmu_pm_cache_occupancy(a), ==, 4);
    }
    smmu_pm_cache_free(a);
    smmu_pm_cache_free(b);
}

static void test_invalid_way_first(void)
{
    for (int repl = 0; repl < SMMU_PM_REPL__MAX; repl++) {
        SmmuPmCache *c = new_cache(1, 4, repl);
        uint64_t k3 = 3;

        for (uint64_t k = 1; k <= 4; k++) {
            put(c, 0, k, k);
        }
        g_assert_cmpuint(smmu_pm_cache_invalidate(c, match_key, &k3), ==, 1);
        put(c, 0, 9, 9);
        g_assert_cmpuint(smmu_pm_cache_stats(c)->evictions, ==, 0);
        g_assert_cmpuint(present(c, 4), ==, 0xb);
        g_assert_true(has(c, 0, 9));
        smmu_pm_cache_free(c);
    }
}

static void test_insert_replaces(void)
{
    for (int repl = 0; repl < SMMU_PM_REPL__MAX; repl++) {
        SmmuPmCache *c = new_cache(1, 4, repl);
        uint64_t k7 = 7;

        put(c, 0, 7, 1);
        put(c, 0, 8, 2);
        put(c, 0, 7, 3);
        g_assert_cmpuint(smmu_pm_cache_occupancy(c), ==, 2);
        g_assert_cmpuint(get(c, 0, 7), ==, 3);
        g_assert_cmpuint(get(c, 0, 8), ==, 2);
        g_assert_cmpuint(smmu_pm_cache_stats(c)->evictions, ==, 0);
        g_assert_cmpuint(smmu_pm_cache_stats(c)->inserts, ==, 3);

        /* A full set still replaces the same key, never a victim */
        put(c, 0, 9, 4);
        put(c, 0, 10, 5);
        put(c, 0, 8, 6);
        g_assert_cmpuint(smmu_pm_cache_stats(c)->evictions, ==, 0);
        g_assert_cmpuint(present(c, 10), ==, 0x3c0);
        g_assert_cmpuint(get(c, 0, 8), ==, 6);

        /* Exactly one copy of key 7 */
        g_assert_cmpuint(smmu_pm_cache_invalidate(c, match_key, &k7), ==, 1);
        smmu_pm_cache_free(c);
    }
}

/* ---- Bounds -------------------------------------------------------------- */

static void count_entry(void *entry, void *opaque)
{
    (*(unsigned *)opaque)++;
}

static void test_bounded(void)
{
    for (int repl = 0; repl < SMMU_PM_REPL__MAX; repl++) {
        SmmuPmCache *c = new_cache(16, 4, repl);
        GRand *rand = g_rand_new_with_seed(42);
        unsigned counted = 0;

        for (int i = 0; i < 100000; i++) {
            uint64_t key = g_rand_int_range(rand, 0, 5000);

            put(c, smmu_pm_cache_set_of(c, key), key, key);
            g_assert_cmpuint(smmu_pm_cache_occupancy(c), <=, 64);
        }
        g_assert_cmpuint(smmu_pm_cache_occupancy(c), ==, 64);
        smmu_pm_cache_foreach(c, count_entry, &counted);
        g_assert_cmpuint(counted, ==, 64);
        g_assert_cmpuint(smmu_pm_cache_capacity(c), ==, 64);
        g_assert_cmpuint(smmu_pm_cache_stats(c)->inserts, ==, 100000);
        g_rand_free(rand);
        smmu_pm_cache_free(c);
    }
}

static void test_full_set_isolated(void)
{
    SmmuPmCache *c = new_cache(8, 2, SMMU_PM_REPL_LRU);

    for (unsigned set = 0; set < 8; set++) {
        put(c, set, 100 + set, set);
        put(c, set, 200 + set, set);
    }
    g_assert_cmpuint(smmu_pm_cache_occupancy(c), ==, 16);

    /* Thrash set 3 only */
    for (uint64_t k = 1000; k < 1100; k++) {
        put(c, 3, k, k);
    }
    g_assert_cmpuint(smmu_pm_cache_occupancy(c), ==, 16);
    g_assert_cmpuint(smmu_pm_cache_stats(c)->evictions, ==, 100);
    for (unsigned set = 0; set < 8; set++) {
        if (set == 3) {
            g_assert_false(has(c, 3, 103));
            g_assert_false(has(c, 3, 203));
            g_assert_true(has(c, 3, 1098));
            g_assert_true(has(c, 3, 1099));
        } else {
            g_assert_cmpuint(get(c, set, 100 + set), ==, set);
            g_assert_cmpuint(get(c, set, 200 + set), ==, set);
        }
    }
    smmu_pm_cache_free(c);
}

/* ---- Invalidation, hashing, statistics ----------------------------------- */

static void record_evict(const void *entry, void *opaque)
{
    g_array_append_val((GArray *)opaque, ((const TestEntry *)entry)->key);
}

static void test_invalidate_and_hook(void)
{
    SmmuPmCache *c = new_cache(4, 2, SMMU_PM_REPL_FIFO);
    GArray *gone = g_array_new(false, false, sizeof(uint64_t));

    smmu_pm_cache_set_evict_hook(c, record_evict, gone);
    for (uint64_t k = 0; k < 8; k++) {
        put(c, k % 4, k, k);
    }
    g_assert_cmpuint(gone->len, ==, 0);

    /* Odd keys go, even keys stay */
    g_assert_cmpuint(smmu_pm_cache_invalidate(c, match_odd, NULL), ==, 4);
    g_assert_cmpuint(gone->len, ==, 4);
    for (uint64_t k = 0; k < 8; k++) {
        g_assert_cmpint(has(c, k % 4, k), ==, !(k & 1));
    }
    g_assert_cmpuint(smmu_pm_cache_occupancy(c), ==, 4);
    g_assert_cmpuint(smmu_pm_cache_stats(c)->invalidated, ==, 4);

    /*
     * Replacing a key and evicting a victim both report the old entry;
     * a replaced key counts as newly inserted for FIFO.
     */
    put(c, 0, 0, 99);
    g_assert_cmpuint(gone->len, ==, 5);
    g_assert_cmpuint(g_array_index(gone, uint64_t, 4), ==, 0);
    put(c, 0, 12, 12);              /* FIFO victim: 4, older than new 0 */
    g_assert_cmpuint(g_array_index(gone, uint64_t, 5), ==, 4);
    put(c, 0, 16, 16);              /* then 0 */
    g_assert_cmpuint(gone->len, ==, 7);
    g_assert_cmpuint(g_array_index(gone, uint64_t, 6), ==, 0);
    g_assert_cmpuint(smmu_pm_cache_stats(c)->evictions, ==, 2);

    /* Left: 12 and 16 in set 0, 2 and 6 in set 2 */
    smmu_pm_cache_invalidate_all(c);
    g_assert_cmpuint(gone->len, ==, 7 + 4);
    g_assert_cmpuint(smmu_pm_cache_occupancy(c), ==, 0);
    g_assert_cmpuint(smmu_pm_cache_stats(c)->invalidated, ==, 4 + 4);
    g_assert_false(has(c, 0, 12));
    g_array_free(gone, true);
    smmu_pm_cache_free(c);
}

static void test_set_of(void)
{
    SmmuPmCache *c = new_cache(256, 4, SMMU_PM_REPL_LRU);
    unsigned count[256] = { 0 };
    unsigned seen = 0;

    /* Consecutive hashes fill every set evenly */
    for (uint64_t h = 0x123400; h < 0x123400 + 1024; h++) {
        count[smmu_pm_cache_set_of(c, h)]++;
    }
    for (unsigned s = 0; s < 256; s++) {
        g_assert_cmpuint(count[s], ==, 4);
    }

    /* High bits (tags) move the set too, and results stay in range */
    for (uint64_t t = 0; t < 64; t++) {
        unsigned set = smmu_pm_cache_set_of(c, t << 40);

        g_assert_cmpuint(set, <, 256);
        seen |= set != smmu_pm_cache_set_of(c, 0);
    }
    g_assert_cmpuint(seen, ==, 1);
    smmu_pm_cache_free(c);

    c = new_cache(1, 8, SMMU_PM_REPL_LRU);
    g_assert_cmpuint(smmu_pm_cache_set_of(c, UINT64_MAX), ==, 0);
    smmu_pm_cache_free(c);
}

static void test_stats(void)
{
    SmmuPmCache *c = new_cache(2, 1, SMMU_PM_REPL_LRU);
    const SmmuPmCacheStats *st = smmu_pm_cache_stats(c);

    put(c, 0, 1, 1);
    put(c, 0, 2, 2);                /* evicts 1 */
    put(c, 1, 3, 3);
    g_assert_false(has(c, 0, 1));
    g_assert_true(has(c, 0, 2));
    g_assert_true(has(c, 1, 3));
    g_assert_false(has(c, 1, 2));
    g_assert_cmpuint(st->lookups, ==, 4);
    g_assert_cmpuint(st->hits, ==, 2);
    g_assert_cmpuint(st->inserts, ==, 3);
    g_assert_cmpuint(st->evictions, ==, 1);
    g_assert_cmpuint(st->invalidated, ==, 0);
    smmu_pm_cache_free(c);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/cache/geom", test_geom);
    g_test_add_func("/cache/repl-names", test_repl_names);
    g_test_add_func("/cache/lru", test_lru);
    g_test_add_func("/cache/fifo", test_fifo);
    g_test_add_func("/cache/random", test_random);
    g_test_add_func("/cache/invalid-way-first", test_invalid_way_first);
    g_test_add_func("/cache/insert-replaces", test_insert_replaces);
    g_test_add_func("/cache/bounded", test_bounded);
    g_test_add_func("/cache/full-set-isolated", test_full_set_isolated);
    g_test_add_func("/cache/invalidate-hook", test_invalidate_and_hook);
    g_test_add_func("/cache/set-of", test_set_of);
    g_test_add_func("/cache/stats", test_stats);
    return g_test_run();
}
