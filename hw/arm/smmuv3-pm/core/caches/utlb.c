/*
 * arm-smmuv3-pm core: the micro-TLB
 *
 * Slots in an array, replaced in round-robin order whatever they hold
 * (gem5's "rr"): the victim pointer only moves forward and goes back to
 * slot 0 when the micro-TLB is emptied.  A slot is free when its tag is
 * 0.  The hash index has twice as many buckets as slots, each the head of
 * a doubly linked chain through the slots, so that a lookup reads one
 * bucket and, on a hit, usually one slot, and a slot leaves its chain in
 * a few stores (a fill replaces one on every TLB hit the micro-TLB did
 * not have).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <string.h>
#include <glib.h>

#include "hw/arm/smmuv3-pm/core/caches/utlb.h"

#define NONE    (-1)

typedef struct UtlbSlot {
    uint64_t tag;               /* 0: free */
    uint64_t page;              /* input address >> shift */
    uint64_t ia_page;           /* the same, as the TLB sees it */
    SmmuPmUtlbEntry e;
    int16_t next;               /* in its bucket's chain, or NONE */
    int16_t prev;
    uint16_t bucket;
} UtlbSlot;

struct SmmuPmUtlb {
    unsigned entries;
    unsigned used;              /* slots with a nonzero tag */
    unsigned victim;            /* next round-robin slot */
    unsigned shift;
    uint64_t ctx;               /* the user's context of every entry */
    unsigned bucket_bits;
    int16_t *head;              /* 1 << bucket_bits chains */
    UtlbSlot *slot;
    SmmuPmCacheStats stats;
};

bool smmu_pm_utlb_entries_valid(unsigned entries, const char *what,
                                char **errmsg)
{
    if (entries <= SMMU_PM_UTLB_MAX_ENTRIES) {
        return true;
    }
    if (errmsg) {
        *errmsg = g_strdup_printf("%s must be from 0 (no micro-TLB) to %u "
                                  "(got %u)", what, SMMU_PM_UTLB_MAX_ENTRIES,
                                  entries);
    }
    return false;
}

SmmuPmUtlb *smmu_pm_utlb_new(unsigned entries)
{
    SmmuPmUtlb *u = g_new0(SmmuPmUtlb, 1);

    g_assert(entries >= 1 && entries <= SMMU_PM_UTLB_MAX_ENTRIES);
    u->entries = entries;
    u->bucket_bits = g_bit_storage(entries * 2 - 1);
    u->head = g_new(int16_t, 1u << u->bucket_bits);
    u->slot = g_new0(UtlbSlot, entries);
    memset(u->head, 0xff, sizeof(int16_t) << u->bucket_bits);  /* NONE */
    return u;
}

void smmu_pm_utlb_free(SmmuPmUtlb *u)
{
    if (!u) {
        return;
    }
    g_free(u->head);
    g_free(u->slot);
    g_free(u);
}

/* Fibonacci hashing of the tag and page: the top bits pick the bucket */
static inline unsigned bucket_of(const SmmuPmUtlb *u, uint64_t tag,
                                 uint64_t page)
{
    return ((tag ^ page) * 0x9e3779b97f4a7c15ull) >> (64 - u->bucket_bits);
}

/* A new context: what the micro-TLB holds was found in another */
static inline void enter_context(SmmuPmUtlb *u, uint64_t ctx)
{
    if (ctx != u->ctx) {
        smmu_pm_utlb_flush(u);
        u->ctx = ctx;
    }
}

/* A lookup in a new context: emptied first, it misses */
static G_GNUC_NO_INLINE const SmmuPmUtlbEntry *
lookup_new_context(SmmuPmUtlb *u, uint64_t ctx)
{
    enter_context(u, ctx);
    u->stats.lookups++;
    return NULL;
}

const SmmuPmUtlbEntry *smmu_pm_utlb_lookup(SmmuPmUtlb *u, uint64_t tag,
                                           uint64_t addr, uint64_t ctx)
{
    uint64_t page = addr >> u->shift;

    if (ctx != u->ctx) {
        return lookup_new_context(u, ctx);
    }
    u->stats.lookups++;
    for (int i = u->head[bucket_of(u, tag, page)]; i != NONE;
         i = u->slot[i].next) {
        const UtlbSlot *s = &u->slot[i];

        if (s->tag == tag && s->page == page) {
            u->stats.hits++;
            return &s->e;
        }
    }
    return NULL;
}

/* Take slot @i out of its chain and free it */
static void unlink_slot(SmmuPmUtlb *u, int i)
{
    UtlbSlot *s = &u->slot[i];

    if (s->prev == NONE) {
        u->head[s->bucket] = s->next;
    } else {
        u->slot[s->prev].next = s->next;
    }
    if (s->next != NONE) {
        u->slot[s->next].prev = s->prev;
    }
    s->tag = 0;
    s->e.src = NULL;
    u->used--;
}

void smmu_pm_utlb_fill(SmmuPmUtlb *u, uint64_t tag, uint64_t addr,
                       uint64_t ia, unsigned shift, uint64_t ctx,
                       const SmmuPmUtlbEntry *e)
{
    unsigned i, b;
    UtlbSlot *s;

    g_assert(tag != 0 && e->src);
    enter_context(u, ctx);
    i = u->victim;
    s = &u->slot[i];
    if (!u->used) {
        u->shift = shift;
    }
    if (s->tag) {
        unlink_slot(u, i);
        u->stats.evictions++;
    }
    s->tag = tag;
    s->page = addr >> u->shift;
    s->ia_page = ia >> u->shift;
    s->e = *e;
    b = bucket_of(u, tag, s->page);
    s->bucket = b;
    s->prev = NONE;
    s->next = u->head[b];
    if (s->next != NONE) {
        u->slot[s->next].prev = i;
    }
    u->head[b] = i;
    u->used++;
    u->victim = i + 1 < u->entries ? i + 1 : 0;
    u->stats.inserts++;
}

void smmu_pm_utlb_flush(SmmuPmUtlb *u)
{
    if (!u->used) {
        u->victim = 0;
        return;
    }
    u->stats.invalidated += u->used;
    memset(u->head, 0xff, sizeof(int16_t) << u->bucket_bits);
    memset(u->slot, 0, sizeof(UtlbSlot) * u->entries);
    u->used = 0;
    u->victim = 0;
}

void smmu_pm_utlb_drop_src(SmmuPmUtlb *u, const void *src)
{
    for (unsigned i = 0; u->used && i < u->entries; i++) {
        if (u->slot[i].tag && u->slot[i].e.src == src) {
            unlink_slot(u, i);
            u->stats.invalidated++;
        }
    }
}

void smmu_pm_utlb_drop_range(SmmuPmUtlb *u, uint64_t first, uint64_t last)
{
    uint64_t first_page = first >> u->shift;
    uint64_t last_page = last >> u->shift;

    for (unsigned i = 0; u->used && i < u->entries; i++) {
        const UtlbSlot *s = &u->slot[i];

        if (s->tag && s->ia_page >= first_page && s->ia_page <= last_page) {
            unlink_slot(u, i);
            u->stats.invalidated++;
        }
    }
}

bool smmu_pm_utlb_empty(const SmmuPmUtlb *u)
{
    return !u->used;
}

unsigned smmu_pm_utlb_shift(const SmmuPmUtlb *u)
{
    return u->shift;
}

unsigned smmu_pm_utlb_occupancy(const SmmuPmUtlb *u)
{
    return u->used;
}

unsigned smmu_pm_utlb_capacity(const SmmuPmUtlb *u)
{
    return u->entries;
}

const SmmuPmCacheStats *smmu_pm_utlb_stats(const SmmuPmUtlb *u)
{
    return &u->stats;
}
