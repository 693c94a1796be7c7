/*
 * arm-smmuv3-pm unit tests: a sparse fake memory for table walks
 *
 * FakeMem is a sparse 64-bit address space made of 4K pages, created on
 * first write (reads of untouched memory return zeroes, without creating
 * anything).  It implements SmmuPmWalkMem, so that a walk reads its
 * descriptors from it and hardware updates compare-and-swap them:
 *
 *   FakeMem m;
 *   fake_mem_init(&m);
 *   fake_mem_write64(&m, 0x1000, desc);
 *   smmu_pm_walk(&cfg, fake_mem_ops(&m), NULL, ia, &acc, &res);
 *   g_assert_cmpuint(m.reads, ==, 4);
 *   fake_mem_destroy(&m);
 *
 * - Values are stored little-endian, or big-endian with big_endian set
 *   (what SmmuPmWalkCfg.endi asks of a real read callback); callers and
 *   the walker always see host-order values.
 * - fake_mem_add_abort() makes accesses to a range fail with a given
 *   fault (SMMU_PM_WALK_EABT, or SMMU_PM_WALK_STAGE2 to mimic a nested
 *   walk whose stage-2 translation faulted); fake_mem_add_update_abort()
 *   makes only the hardware updates fail.
 * - reads counts read() calls; updates counts update() calls and
 *   updates_done those that replaced the value.
 * - before_update, when set, runs at the start of each update() call, so
 *   that a test can play another agent changing the descriptor between
 *   the walker's read and its compare-and-swap.
 *
 * Header-only, for reuse by every test that walks tables.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_TESTS_FAKE_MEM_H
#define SMMUV3_PM_TESTS_FAKE_MEM_H

#include <glib.h>
#include <string.h>

#include "hw/arm/smmuv3-pm/core/xlate/walk.h"

#define FAKE_MEM_PAGE_SHIFT     12
#define FAKE_MEM_PAGE_SIZE      (1u << FAKE_MEM_PAGE_SHIFT)

typedef struct FakeMemAbort {
    uint64_t start;
    uint64_t last;                      /* inclusive */
    SmmuPmWalkFault fault;
    bool updates_only;                  /* reads succeed */
} FakeMemAbort;

typedef struct FakeMem FakeMem;
struct FakeMem {
    GHashTable *pages;                  /* page number -> page bytes */
    GArray *aborts;                     /* FakeMemAbort */
    bool big_endian;
    unsigned reads;
    unsigned updates;
    unsigned updates_done;
    void (*before_update)(FakeMem *m, uint64_t addr, void *opaque);
    void *before_update_opaque;
    SmmuPmWalkMem ops;
};

static inline uint8_t *fake_mem_page(FakeMem *m, uint64_t addr, bool create)
{
    uint64_t pfn = addr >> FAKE_MEM_PAGE_SHIFT;
    uint8_t *page = g_hash_table_lookup(m->pages, &pfn);

    if (!page && create) {
        uint64_t *key = g_new(uint64_t, 1);

        *key = pfn;
        page = g_malloc0(FAKE_MEM_PAGE_SIZE);
        g_hash_table_insert(m->pages, key, page);
    }
    return page;
}

/* The fault of an access to [addr, addr + 7], or SMMU_PM_WALK_OK */
static inline SmmuPmWalkFault fake_mem_abort_of(FakeMem *m, uint64_t addr,
                                                bool update)
{
    for (guint i = 0; i < m->aborts->len; i++) {
        FakeMemAbort *a = &g_array_index(m->aborts, FakeMemAbort, i);

        if (addr <= a->last && addr + 7 >= a->start &&
            (update || !a->updates_only)) {
            return a->fault;
        }
    }
    return SMMU_PM_WALK_OK;
}

/* Aligned 64-bit accesses only: a descriptor never straddles pages */
static inline uint64_t fake_mem_read64(FakeMem *m, uint64_t addr)
{
    uint8_t *page = fake_mem_page(m, addr, false);
    uint64_t v;

    g_assert_cmpuint(addr & 7, ==, 0);
    if (!page) {
        return 0;
    }
    memcpy(&v, page + (addr & (FAKE_MEM_PAGE_SIZE - 1)), sizeof(v));
    return m->big_endian ? GUINT64_FROM_BE(v) : GUINT64_FROM_LE(v);
}

static inline void fake_mem_write64(FakeMem *m, uint64_t addr, uint64_t val)
{
    uint8_t *page = fake_mem_page(m, addr, true);
    uint64_t v = m->big_endian ? GUINT64_TO_BE(val) : GUINT64_TO_LE(val);

    g_assert_cmpuint(addr & 7, ==, 0);
    memcpy(page + (addr & (FAKE_MEM_PAGE_SIZE - 1)), &v, sizeof(v));
}

static inline void fake_mem_add_abort(FakeMem *m, uint64_t start,
                                      uint64_t size, SmmuPmWalkFault fault)
{
    FakeMemAbort a = { start, start + size - 1, fault, false };

    g_array_append_val(m->aborts, a);
}

/* Only hardware updates (compare-and-swap) of the range fail */
static inline void fake_mem_add_update_abort(FakeMem *m, uint64_t start,
                                             uint64_t size,
                                             SmmuPmWalkFault fault)
{
    FakeMemAbort a = { start, start + size - 1, fault, true };

    g_array_append_val(m->aborts, a);
}

static SmmuPmWalkFault fake_mem_walk_read(void *opaque, uint64_t addr,
                                          uint64_t *desc)
{
    FakeMem *m = opaque;
    SmmuPmWalkFault f = fake_mem_abort_of(m, addr, false);

    m->reads++;
    if (f != SMMU_PM_WALK_OK) {
        return f;
    }
    *desc = fake_mem_read64(m, addr);
    return SMMU_PM_WALK_OK;
}

static SmmuPmWalkFault fake_mem_walk_update(void *opaque, uint64_t addr,
                                            uint64_t *old, uint64_t new)
{
    FakeMem *m = opaque;
    SmmuPmWalkFault f;
    uint64_t cur;

    m->updates++;
    if (m->before_update) {
        m->before_update(m, addr, m->before_update_opaque);
    }
    f = fake_mem_abort_of(m, addr, true);
    if (f != SMMU_PM_WALK_OK) {
        return f;
    }
    cur = fake_mem_read64(m, addr);
    if (cur != *old) {
        *old = cur;
        return SMMU_PM_WALK_OK;
    }
    fake_mem_write64(m, addr, new);
    m->updates_done++;
    return SMMU_PM_WALK_OK;
}

static inline void fake_mem_init(FakeMem *m)
{
    memset(m, 0, sizeof(*m));
    m->pages = g_hash_table_new_full(g_int64_hash, g_int64_equal,
                                     g_free, g_free);
    m->aborts = g_array_new(false, false, sizeof(FakeMemAbort));
    m->ops.read = fake_mem_walk_read;
    m->ops.update = fake_mem_walk_update;
    m->ops.opaque = m;
}

static inline void fake_mem_destroy(FakeMem *m)
{
    g_hash_table_destroy(m->pages);
    g_array_free(m->aborts, true);
}

static inline const SmmuPmWalkMem *fake_mem_ops(FakeMem *m)
{
    return &m->ops;
}

/* Forget the access counters, e.g. between the set-up and a walk */
static inline void fake_mem_reset_counts(FakeMem *m)
{
    m->reads = 0;
    m->updates = 0;
    m->updates_done = 0;
}

#endif /* SMMUV3_PM_TESTS_FAKE_MEM_H */
