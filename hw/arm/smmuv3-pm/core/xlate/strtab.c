/*
 * arm-smmuv3-pm core: configuration lookup
 *
 * Stream table formats: Arm IHI 0070, 3.3.2 and 5.1; CD tables: 3.3.3 and
 * 5.3.  The configuration cache holds decoded, valid STEs and CDs tagged
 * by StreamID (and SubstreamID): invalid structures are never cached, and
 * nothing is looked up while SMMUEN is 0.
 *
 * Every transaction looks up its STE and CD, mostly those of the previous
 * one: each lookup first recalls where the last lookup of a few
 * StreamIDs found its entry (the cache's memos, valid while the cache is
 * unchanged), and only looks up the cache when that is not its entry.  A
 * recalled hit is accounted as a hit (counters, LRU), so the cache holds
 * and evicts what it would without the memos.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <string.h>

#include <inttypes.h>

#include <glib.h>

#include "hw/arm/smmuv3-pm/core/base/state.h"
#include "hw/arm/smmuv3-pm/core/base/mem.h"
#include "hw/arm/smmuv3-pm/core/base/arch.h"
#include "hw/arm/smmuv3-pm/core/xlate/strtab.h"
#include "hw/arm/smmuv3-pm/core/base/log.h"

typedef enum CfgKind {
    CFG_STE,
    CFG_CD,
} CfgKind;

typedef struct CfgEntry {
    uint8_t kind;
    uint32_t sid;
    uint32_t ssid;              /* CD index */
    union {
        SmmuPmSte ste;
        SmmuPmCd cd;
    };
} CfgEntry;

typedef struct CfgKey {
    uint8_t kind;
    uint32_t sid;
    uint32_t ssid;
    uint32_t last_sid;          /* invalidation: a range of streams */
    bool any_ssid;
} CfgKey;

static bool cfg_match(const void *entry, const void *arg)
{
    const CfgEntry *e = entry;
    const CfgKey *k = arg;

    return e->kind == k->kind && e->sid == k->sid && e->ssid == k->ssid;
}

static bool cfg_match_inval(const void *entry, const void *arg)
{
    const CfgEntry *e = entry;
    const CfgKey *k = arg;

    if (e->sid < k->sid || e->sid > k->last_sid) {
        return false;
    }
    if (k->kind == CFG_STE) {
        return true;            /* the STE and the CDs found through it */
    }
    return e->kind == CFG_CD && (k->any_ssid || e->ssid == k->ssid);
}

/* Equal for equal keys: the cache's find/place */
static uint64_t cfg_hash(const CfgKey *k)
{
    return ((uint64_t)k->sid << 21) ^ k->ssid ^ ((uint64_t)k->kind << 60);
}

/* Memos of the cache: 4 for STEs, 4 for CDs, by the low StreamID bits */
static unsigned cfg_memo(const CfgKey *k)
{
    return (k->kind == CFG_STE ? 0 : 4) + ((k->sid ^ k->ssid) & 3);
}

/*
 * The entry the memo of @k remembers, if it is @k's (a hit), else NULL:
 * the fast path of every transaction
 */
static inline const CfgEntry *cfg_recall(SmmuPmCore *c, const CfgKey *k)
{
    const CfgEntry *e = smmu_pm_cache_recall(c->cfgcache, cfg_memo(k));

    if (e && cfg_match(e, k)) {
        smmu_pm_cache_touch(c->cfgcache, e);
        c->stats.cfg_hits++;
        return e;
    }
    return NULL;
}

/* A lookup of @k in the cache, after cfg_recall() found nothing */
static const CfgEntry *cfg_find(SmmuPmCore *c, const CfgKey *k)
{
    const CfgEntry *e = smmu_pm_cache_find(c->cfgcache, cfg_hash(k),
                                           cfg_match, k);

    if (e) {
        smmu_pm_cache_remember(c->cfgcache, cfg_memo(k), e);
        c->stats.cfg_hits++;
    } else {
        c->stats.cfg_misses++;
    }
    return e;
}

/* A new entry for @k, remembered (until the next change of the cache) */
static CfgEntry *cfg_insert(SmmuPmCore *c, const CfgKey *k)
{
    CfgEntry *e = smmu_pm_cache_place(c->cfgcache, cfg_hash(k), cfg_match,
                                      k);

    memset(e, 0, sizeof(*e));
    e->kind = k->kind;
    e->sid = k->sid;
    e->ssid = k->ssid;
    smmu_pm_cache_remember(c->cfgcache, cfg_memo(k), e);
    return e;
}

/* Read a configuration structure (or level-1 descriptor) at PA @addr */
static bool cfg_read(SmmuPmCore *c, uint64_t addr, uint64_t *out, unsigned n)
{
    c->stats.cfg_accesses++;
    return smmu_pm_mem_read64s(c, addr, out, n);
}

static void fetch_fault(SmmuPmEvent *ev, SmmuPmEventType type, uint64_t addr)
{
    ev->type = type;
    ev->fetch_addr = addr;
}

/* ---- Stream table ------------------------------------------------------- */

/*
 * Address of the STE of @sid in *@addr, or false with @ev set
 * (C_BAD_STREAMID, or F_STE_FETCH of the L1 descriptor).
 */
static bool ste_address(SmmuPmCore *c, uint32_t sid, uint64_t *addr,
                        SmmuPmEvent *ev)
{
    uint32_t cfg = c->regs.strtab_base_cfg;
    unsigned log2size = FIELD_EX32(cfg, STRTAB_BASE_CFG, LOG2SIZE);
    unsigned split = FIELD_EX32(cfg, STRTAB_BASE_CFG, SPLIT);
    uint64_t base = c->regs.strtab_base & R_STRTAB_BASE_ADDR_MASK;
    uint64_t l1_addr, l1;
    unsigned span;

    log2size = MIN(log2size, c->cfg.sidsize);
    if ((uint64_t)sid >> log2size) {
        ev->type = SMMU_EVT_C_BAD_STREAMID;
        return false;
    }
    if (FIELD_EX32(cfg, STRTAB_BASE_CFG, FMT) != SMMU_STRTAB_FMT_2LVL) {
        *addr = base + (uint64_t)sid * SMMU_STE_DWORDS * 8;
        return true;
    }
    /* SPLIT is 6, 8 or 10; other values behave as one of those (CU) */
    if (split != 6 && split != 8 && split != 10) {
        split = split < 6 ? 6 : split < 8 ? 8 : 10;
    }
    split = MIN(split, log2size);
    l1_addr = base + ((uint64_t)sid >> split) * 8;
    if (!cfg_read(c, l1_addr, &l1, 1)) {
        fetch_fault(ev, SMMU_EVT_F_STE_FETCH, l1_addr);
        return false;
    }
    span = FIELD_EX64(l1, L1STD, SPAN);
    if (span == 0 || span > split + 1 ||
        (sid & ((1u << split) - 1)) >= (1u << (span - 1))) {
        ev->type = SMMU_EVT_C_BAD_STREAMID;
        return false;
    }
    *addr = (l1 & R_L1STD_L2PTR_MASK) +
            (uint64_t)(sid & ((1u << split) - 1)) * SMMU_STE_DWORDS * 8;
    return true;
}

static G_GNUC_NO_INLINE SmmuPmLookup ste_lookup(SmmuPmCore *c,
                                                const CfgKey *k,
                                                SmmuPmSte *ste,
                                                SmmuPmEvent *ev,
                                                const void **entry)
{
    uint32_t sid = k->sid;
    const CfgEntry *hit = cfg_find(c, k);
    uint64_t raw[SMMU_STE_DWORDS];
    const char *why;
    uint64_t addr;

    *entry = hit;
    if (hit) {
        *ste = hit->ste;
        return SMMU_PM_LOOKUP_OK;
    }
    if (!ste_address(c, sid, &addr, ev)) {
        if (ev->type == SMMU_EVT_C_BAD_STREAMID &&
            !(c->regs.cr2 & R_CR2_RECINVSID_MASK)) {
            return SMMU_PM_LOOKUP_SILENT;
        }
        return SMMU_PM_LOOKUP_EVENT;
    }
    if (!cfg_read(c, addr, raw, SMMU_STE_DWORDS)) {
        fetch_fault(ev, SMMU_EVT_F_STE_FETCH, addr);
        return SMMU_PM_LOOKUP_EVENT;
    }
    why = smmu_pm_ste_decode(c, raw, ste);
    if (why) {
        smmu_pm_log(c, SMMU_PM_LOG_GUEST_ERROR,
                    "C_BAD_STE: StreamID 0x%x, STE at 0x%" PRIx64 ": %s", sid,
                    addr, why);
        ev->type = SMMU_EVT_C_BAD_STE;
        return SMMU_PM_LOOKUP_EVENT;
    }
    cfg_insert(c, k)->ste = *ste;
    return SMMU_PM_LOOKUP_OK;
}

SmmuPmLookup smmu_pm_ste_lookup(SmmuPmCore *c, uint32_t sid, SmmuPmSte *ste,
                                SmmuPmEvent *ev, const void **entry)
{
    CfgKey key = { .kind = CFG_STE, .sid = sid };
    const CfgEntry *hit = cfg_recall(c, &key);

    if (hit) {
        *entry = hit;
        *ste = hit->ste;
        return SMMU_PM_LOOKUP_OK;
    }
    return ste_lookup(c, &key, ste, ev, entry);
}

/* ---- CD tables ---------------------------------------------------------- */

typedef struct CdWalk {
    SmmuPmCore *c;
    const SmmuPmSte *ste;
    SmmuPmIpaTranslate *s2;
    void *opaque;
    SmmuPmEvent *ev;
} CdWalk;

/* Read a table structure at @addr (an IPA when nested) */
static bool cd_read(CdWalk *w, uint64_t addr, uint64_t *out, unsigned n)
{
    uint64_t pa = addr;

    if (w->ste->s2 && !w->s2(w->opaque, addr, &pa, w->ev)) {
        return false;
    }
    if (!cfg_read(w->c, pa, out, n)) {
        fetch_fault(w->ev, SMMU_EVT_F_CD_FETCH, pa);
        return false;
    }
    return true;
}

/* Address of CD @index in *@addr, or false with the event set */
static bool cd_address(CdWalk *w, uint32_t index, uint64_t *addr)
{
    const SmmuPmSte *ste = w->ste;
    unsigned leaf_bits;
    uint64_t l1_addr, l1;

    if (ste->s1cdmax == 0 || ste->s1fmt == 0) {
        *addr = ste->s1_ctx_ptr + (uint64_t)index * SMMU_CD_DWORDS * 8;
        return true;
    }
    /* S1Fmt 1: 4KB leaf tables (64 CDs); 2: 64KB leaf tables (1024 CDs) */
    leaf_bits = ste->s1fmt == 1 ? 6 : 10;
    l1_addr = ste->s1_ctx_ptr + (uint64_t)(index >> leaf_bits) * 8;
    if (!cd_read(w, l1_addr, &l1, 1)) {
        return false;
    }
    if (!FIELD_EX64(l1, L1CD, V) ||
        (l1 & R_L1CD_L2PTR_MASK) >> w->c->cfg.oas_bits) {
        w->ev->type = SMMU_EVT_C_BAD_SUBSTREAMID;
        w->ev->ssid = index;
        return false;
    }
    *addr = (l1 & R_L1CD_L2PTR_MASK) +
            (uint64_t)(index & ((1u << leaf_bits) - 1)) * SMMU_CD_DWORDS * 8;
    return true;
}

static G_GNUC_NO_INLINE SmmuPmLookup cd_lookup(SmmuPmCore *c,
                                               const CfgKey *k,
                                               const SmmuPmSte *ste,
                                               SmmuPmIpaTranslate *s2,
                                               void *opaque, SmmuPmCd *cd,
                                               SmmuPmEvent *ev,
                                               const void **entry)
{
    uint32_t sid = k->sid, index = k->ssid;
    const CfgEntry *hit = cfg_find(c, k);
    CdWalk w = { c, ste, s2, opaque, ev };
    uint64_t raw[SMMU_CD_DWORDS];
    const char *why;
    uint64_t addr;

    *entry = hit;
    if (hit) {
        *cd = hit->cd;
        return SMMU_PM_LOOKUP_OK;
    }
    if (!cd_address(&w, index, &addr)) {
        return SMMU_PM_LOOKUP_EVENT;
    }
    if (!cd_read(&w, addr, raw, SMMU_CD_DWORDS)) {
        return SMMU_PM_LOOKUP_EVENT;
    }
    why = smmu_pm_cd_decode(c, ste, raw, cd);
    if (why) {
        smmu_pm_log(c, SMMU_PM_LOG_GUEST_ERROR,
                    "C_BAD_CD: StreamID 0x%x CD %u at 0x%" PRIx64 ": %s", sid,
                    index, addr, why);
        ev->type = SMMU_EVT_C_BAD_CD;
        return SMMU_PM_LOOKUP_EVENT;
    }
    cfg_insert(c, k)->cd = *cd;
    return SMMU_PM_LOOKUP_OK;
}

SmmuPmLookup smmu_pm_cd_lookup(SmmuPmCore *c, uint32_t sid,
                               const SmmuPmSte *ste, uint32_t index,
                               SmmuPmIpaTranslate *s2, void *opaque,
                               SmmuPmCd *cd, SmmuPmEvent *ev,
                               const void **entry)
{
    CfgKey key = { .kind = CFG_CD, .sid = sid, .ssid = index };
    const CfgEntry *hit = cfg_recall(c, &key);

    if (hit) {
        *entry = hit;
        *cd = hit->cd;
        return SMMU_PM_LOOKUP_OK;
    }
    return cd_lookup(c, &key, ste, s2, opaque, cd, ev, entry);
}

/* ---- Invalidation ------------------------------------------------------- */

void smmu_pm_cfgcache_inv_sid_range(SmmuPmCore *c, uint32_t first,
                                    uint32_t last)
{
    CfgKey k = { .kind = CFG_STE, .sid = first, .last_sid = last };

    smmu_pm_cache_invalidate(c->cfgcache, cfg_match_inval, &k);
}

void smmu_pm_cfgcache_inv_cd(SmmuPmCore *c, uint32_t sid, uint32_t ssid)
{
    CfgKey k = { .kind = CFG_CD, .sid = sid, .last_sid = sid, .ssid = ssid };

    smmu_pm_cache_invalidate(c->cfgcache, cfg_match_inval, &k);
}

void smmu_pm_cfgcache_inv_cd_all(SmmuPmCore *c, uint32_t sid)
{
    CfgKey k = { .kind = CFG_CD, .sid = sid, .last_sid = sid,
                 .any_ssid = true };

    smmu_pm_cache_invalidate(c->cfgcache, cfg_match_inval, &k);
}

void smmu_pm_cfgcache_inv_all(SmmuPmCore *c)
{
    smmu_pm_cache_invalidate_all(c->cfgcache);
}

static void scramble_cfg_entry(void *entry, void *opaque)
{
    CfgEntry *e = entry;
    uint64_t pattern = *(uint64_t *)opaque;

    if (e->kind == CFG_STE) {
        e->ste.s1_ctx_ptr ^= pattern;
        e->ste.s2cfg.ttb ^= pattern;
    } else {
        e->cd.tt[0].ttb ^= pattern;
        e->cd.tt[1].ttb ^= pattern;
    }
}

void smmu_pm_cfgcache_scramble(SmmuPmCore *c, uint64_t seed)
{
    uint64_t pattern = smmu_pm_garbage_pattern(seed);

    smmu_pm_cache_foreach(c->cfgcache, scramble_cfg_entry, &pattern);
}

size_t smmu_pm_cfgcache_entry_size(void)
{
    return sizeof(CfgEntry);
}
