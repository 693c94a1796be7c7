/*
 * arm-smmuv3-pm core: translation of incoming transactions
 *
 * Order of checks follows Arm IHI 0070, 3.3 (configuration lookup) and
 * 3.4 (translation): SMMUEN and GBPA, StreamID range and STE, Config,
 * SubstreamID against S1CDMax/S1DSS, CD, then the TLB and the walks.
 *
 * Fault recording: stage-1 translation-related faults (F_TRANSLATION,
 * F_ADDR_SIZE, F_ACCESS, F_PERMISSION) are recorded when CD.R is 1 and
 * terminate with an abort, or RAZ/WI when CD.A is 0; stage-2 ones are
 * recorded when STE.S2R is 1 and always abort.  Configuration errors and
 * external aborts are always recorded.  A translation-related fault that
 * CD.S or STE.S2S sends to the Stall model is held (stall.h) and always
 * recorded, with Stall == 1 and its STAG.
 *
 * Cost (only with timing on, SmmuPmTimingConfig): a transaction is
 * charged for what it touched, in the TBU/TCU split of an MMU-600.  In
 * the TBU: a micro-TLB lookup (utlb_cycles), and a TLB lookup (tlb_cycles)
 * unless the micro-TLB answered.  When the TBU cannot answer (a TLB miss,
 * a walk, or a configuration that decides alone: bypass, abort, a
 * configuration fault), the TCU: the link both ways (2 x link_cycles),
 * every configuration cache lookup (cfg_cycles) and STE/CD read
 * (mem_cycles), every walk-cache lookup (walkcache_cycles), every TLB
 * lookup for stage 2 inside a walk (tlb_cycles) and every table-walk
 * access (mem_cycles; a nested walk's stage-2 accesses for stage-1
 * tables included).  A TLB hit is the TBU's alone: the configuration
 * lookups the functional model makes to build the TLB key are not
 * charged then, as a TBU tags its entries by stream.  While SMMUEN is 0
 * or the SMMU is off nothing is charged.  The counts are taken where the
 * stats counters of the same name move (Work), so what is charged is
 * what is counted.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <string.h>

#include <glib.h>

#include "hw/arm/smmuv3-pm/core/base/state.h"
#include "hw/arm/smmuv3-pm/core/queues/event.h"
#include "hw/arm/smmuv3-pm/core/base/mem.h"
#include "hw/arm/smmuv3-pm/core/base/arch.h"
#include "hw/arm/smmuv3-pm/core/xlate/stall.h"
#include "hw/arm/smmuv3-pm/core/xlate/strtab.h"
#include "hw/arm/smmuv3-pm/core/xlate/translate.h"
#include "hw/arm/smmuv3-pm/core/xlate/walk.h"
#include "hw/arm/smmuv3-pm/core/checker/checker.h"

/* STE.PRIVCFG / STE.INSTCFG overrides */
enum {
    OVR_PRIV_UNPRIV = 2,
    OVR_PRIV_PRIV = 3,
    OVR_INST_DATA = 2,
    OVR_INST_INSTR = 3,
};

/*
 * What one translation did, counted as it goes next to the stats
 * counters of the same name: its cost, and its StreamID's counters
 */
typedef struct Work {
    uint32_t tlb_hits, tlb_misses, utlb_misses;
    uint32_t cfg_lookups, walkcache_lookups, walk_accesses, walks;
    uint64_t cfg_accesses;      /* the stats counter before, then the count */
} Work;

typedef struct Txn {
    SmmuPmCore *c;
    const SmmuPmTxn *in;
    SmmuPmTxnResult *res;
    bool priv;                  /* post-override attributes */
    bool instr;
    SmmuPmEvent ev;             /* prefilled with the transaction */
    /* stage-2 fault details from a nested table access */
    bool s2_fault_recordable;
    /*
     * What stage 2 allowed for the last IPA it translated (the output of
     * stage 1, once s1_walk has run): the combined TLB entry keeps it
     */
    uint8_t s2_perm;
    bool s2_dirty_pending;
    /*
     * The micro-TLB's part: the configuration cache's generation when the
     * translation began, the CD used, and the TLB entry that answered the
     * transaction's own lookup (NULL after a miss)
     */
    uint64_t cfg_gen;
    const void *ste_entry;      /* in the configuration cache, on a hit */
    const void *cd_entry;
    const SmmuPmTlbEntry *tbu_src;
    bool utlb;                  /* there is one: fill it */
    Work w;
    /*
     * Filled by their lookups and read only once these succeeded: not
     * initialised before (txn_init), which every transaction would pay
     */
    SmmuPmSte ste;
    SmmuPmCd cd;
} Txn;

/* ---- Small helpers ------------------------------------------------------ */

/* The transaction's privilege and instruction attributes after the STE's */
static void overrides(const SmmuPmTxn *in, uint8_t privcfg, uint8_t instcfg,
                      bool *priv, bool *instr)
{
    *priv = in->priv;
    *instr = in->instr && !in->write;
    if (privcfg == OVR_PRIV_UNPRIV) {
        *priv = false;
    } else if (privcfg == OVR_PRIV_PRIV) {
        *priv = true;
    }
    if (in->write) {
        *instr = false;         /* writes are data (InD == 0 if RnW == 0) */
    } else if (instcfg == OVR_INST_DATA) {
        *instr = false;
    } else if (instcfg == OVR_INST_INSTR) {
        *instr = true;
    }
}

static void apply_overrides(Txn *t)
{
    overrides(t->in, t->ste.privcfg, t->ste.instcfg, &t->priv, &t->instr);
    t->ev.pnu = t->priv;
    t->ev.ind = t->instr;
}

static void set_abort(Txn *t)
{
    t->res->status = SMMU_PM_TXN_ABORT;
    t->c->stats.aborted++;
}

static void set_bypass(Txn *t, uint64_t addr)
{
    t->res->status = SMMU_PM_TXN_OK;
    t->res->bypass = true;
    t->res->addr = addr;
    t->res->addr_mask = 0xfff;
    t->res->readable = t->res->writable = true;
    t->c->stats.bypassed++;
}

/*
 * What the requester may do through the mapping, from permissions @perm.
 * QEMU checks an instruction fetch as a read, so for a fetch "readable"
 * is execute permission: what EL0 may execute it need not read (stage 1
 * AP 0b00 with UXN 0), and stage 2 may map a page execute-only (S2AP 0b00)
 */
static void set_access(Txn *t, uint8_t perm, bool instr)
{
    t->res->readable = perm & (instr ? SMMU_PM_PERM_X : SMMU_PM_PERM_R);
    t->res->writable = perm & SMMU_PM_PERM_W;
}

/* Record @ev (when @record) and terminate; RAZ/WI instead when !@abort */
static void fault(Txn *t, bool record, bool abort)
{
    if (record && !t->in->continuation) {
        smmu_pm_event_record(t->c, &t->ev);
    }
    if (abort) {
        set_abort(t);
    } else {
        t->res->status = SMMU_PM_TXN_RAZWI;
        t->c->stats.aborted++;
    }
}

/*
 * A translation-related fault under the Stall model.  The transaction is
 * held when its requester can wait and a slot is free; otherwise it is
 * terminated with an abort and reported with Stall == 0, as 3.12 allows
 * for requesters that cannot be stalled safely.
 */
static void stall(Txn *t)
{
    int stag = -1;

    if (t->in->continuation) {
        /* The rest of an access already held: not a new transaction */
        set_abort(t);
        return;
    }
    if (t->in->can_stall) {
        stag = smmu_pm_stall_hold(t->c, t->in->sid, t->in->ssv, t->in->ssid,
                                  t->in->addr, t->in->write);
    }
    if (stag < 0) {
        smmu_pm_event_record(t->c, &t->ev);
        set_abort(t);
        return;
    }
    t->ev.stall = true;
    t->ev.stag = stag;
    smmu_pm_stall_set_recorded(t->c, stag,
                               smmu_pm_event_record(t->c, &t->ev));
    t->res->status = SMMU_PM_TXN_STALLED;
    t->res->stag = stag;
}

static void config_fault(Txn *t, SmmuPmEventType type)
{
    t->ev.type = type;
    fault(t, true, true);
}

static SmmuPmEventType walk_event(SmmuPmWalkFault f)
{
    switch (f) {
    case SMMU_PM_WALK_TRANSLATION:
        return SMMU_EVT_F_TRANSLATION;
    case SMMU_PM_WALK_ADDR_SIZE:
        return SMMU_EVT_F_ADDR_SIZE;
    case SMMU_PM_WALK_ACCESS:
        return SMMU_EVT_F_ACCESS;
    case SMMU_PM_WALK_PERMISSION:
        return SMMU_EVT_F_PERMISSION;
    case SMMU_PM_WALK_EABT:
        return SMMU_EVT_F_WALK_EABT;
    default:
        return SMMU_EVT_NONE;
    }
}

/* ---- Walk memory and walk caches --------------------------------------- */

typedef struct WalkCtx {
    Txn *t;
    SmmuPmWalkTag tag;
    /* nested stage-1 walks: descriptor IPAs go through stage 2 */
    bool nested;
    SmmuPmEventClass s2_class;
} WalkCtx;

static bool s2_translate_ipa(Txn *t, uint64_t ipa, bool write,
                             SmmuPmEventClass class_, bool tbu,
                             uint64_t *pa);

static SmmuPmWalkFault walk_read(void *opaque, uint64_t addr, uint64_t *desc)
{
    WalkCtx *w = opaque;
    SmmuPmCore *c = w->t->c;
    uint64_t pa = addr;

    if (w->nested && !s2_translate_ipa(w->t, addr, false, w->s2_class,
                                       false, &pa)) {
        return SMMU_PM_WALK_STAGE2;
    }
    c->stats.walk_accesses++;
    w->t->w.walk_accesses++;
    return smmu_pm_mem_read64s(c, pa, desc, 1) ? SMMU_PM_WALK_OK
                                               : SMMU_PM_WALK_EABT;
}

/*
 * HTTU update.  QEMU's guest RAM is not shared with another agent in
 * between, but the host interface offers no atomic compare-and-swap, so
 * re-read and compare under the core lock (which every SMMU access to
 * memory holds).  A CPU racing with this is the case the retry covers.
 */
static SmmuPmWalkFault walk_update(void *opaque, uint64_t addr, uint64_t *old,
                                   uint64_t new)
{
    WalkCtx *w = opaque;
    SmmuPmCore *c = w->t->c;
    uint64_t pa = addr, cur;

    if (w->nested && !s2_translate_ipa(w->t, addr, true, w->s2_class, false,
                                       &pa)) {
        return SMMU_PM_WALK_STAGE2;
    }
    /* A compare-and-swap: one access of the memory system */
    c->stats.walk_accesses++;
    w->t->w.walk_accesses++;
    if (!smmu_pm_mem_read64s(c, pa, &cur, 1)) {
        return SMMU_PM_WALK_EABT;
    }
    if (cur != *old) {
        *old = cur;
        return SMMU_PM_WALK_OK;
    }
    return smmu_pm_mem_write64s(c, pa, &new, 1) ? SMMU_PM_WALK_OK
                                                : SMMU_PM_WALK_EABT;
}

static int wc_lookup(void *opaque, uint64_t ia, uint64_t *table,
                     uint8_t *attrs)
{
    WalkCtx *w = opaque;
    SmmuPmCore *c = w->t->c;
    int level = smmu_pm_walkcache_lookup(c->tlb, &w->tag, ia, table, attrs);

    if (level >= 0) {
        c->stats.walkcache_hits++;
    } else {
        c->stats.walkcache_misses++;
    }
    w->t->w.walkcache_lookups++;
    return level;
}

static void wc_insert(void *opaque, unsigned level, uint64_t ia,
                      uint64_t table, uint8_t attrs)
{
    WalkCtx *w = opaque;

    smmu_pm_walkcache_insert(w->t->c->tlb, &w->tag, level, ia, table, attrs);
}

static void run_walk(Txn *t, const SmmuPmWalkCfg *cfg, WalkCtx *w,
                     uint64_t ia, const SmmuPmWalkAccess *acc,
                     SmmuPmWalkResult *r)
{
    SmmuPmWalkMem mem = { walk_read, walk_update, w };
    SmmuPmWalkCacheOps wc = { wc_lookup, wc_insert, w };

    t->c->stats.walks++;
    t->w.walks++;
    smmu_pm_walk(cfg, &mem, &wc, ia, acc, r);
}

/* ---- The micro-TLB ------------------------------------------------------- */

/*
 * The TBU's micro-TLB answers a transaction by its stream and address,
 * before the configuration is looked up (as a TBU does, whose entries
 * are tagged by stream), with a TLB entry a translation of that stream
 * and address used before, and what it needs of the configuration: the
 * attribute overrides of the STE and, for stage 1, CD.PAN.  It stands for
 * the whole configuration lookup and TLB lookup of the slow path, and
 * must answer exactly as they would:
 *  - an entry goes in only after a successful translation answered by a
 *    TLB hit, whose STE (and CD) lookups hit the configuration cache,
 *    which did not change during it;
 *  - the configuration cache's generation is the micro-TLB's context:
 *    any change of it (a miss that fills it, CFGI, power-up garbage)
 *    empties the micro-TLB, so that the STE and CD it answers for are the
 *    ones the slow path would find (tlb.c keeps the TLB side coherent);
 *  - an answer the slow path would not give from that TLB entry (a write
 *    to a writable-clean entry, an access the permissions refuse) is
 *    dropped before anything is counted: the slow path then runs;
 *  - a used answer counts what the slow path counts (configuration and
 *    TLB hits, their LRU state), plus the micro-TLB hit.
 */
enum {
    UTLB_S1 = 1 << 0,           /* stage 1 (or nested), else stage 2 only */
    UTLB_PAN = 1 << 1,          /* CD.PAN */
    UTLB_PRIVCFG_SHIFT = 2,     /* STE.PRIVCFG, 2 bits */
    UTLB_INSTCFG_SHIFT = 4,     /* STE.INSTCFG, 2 bits */
};

/* Widest SubstreamID a micro-TLB tag holds (IDR1.SSIDSIZE is at most 20) */
#define UTLB_SSID_BITS  20

/*
 * StreamID, SubstreamID (0 without SSV, as the slow path ignores it then)
 * and SSV, and a bit no free slot has; false for a SubstreamID too wide
 * for the tag, which the slow path handles (a wider one never translates)
 */
static inline bool stream_tag(const SmmuPmTxn *in, uint64_t *tag)
{
    uint32_t ssid = in->ssv ? in->ssid : 0;

    *tag = in->sid | (uint64_t)ssid << 32 | (uint64_t)in->ssv << 52 |
           1ull << 63;
    return !(ssid >> UTLB_SSID_BITS);
}

/*
 * After a successful translation: its TLB entry into the micro-TLB, for
 * (stream, address), with @ia its input address as the TLB has it
 */
static void utlb_fill(Txn *t, uint64_t ia, bool s1)
{
    SmmuPmCore *c = t->c;
    uint64_t tag;
    SmmuPmUtlbEntry u = {
        .src = t->tbu_src,
        .aux = { t->ste_entry, s1 ? t->cd_entry : NULL },
        .data = t->ste.privcfg << UTLB_PRIVCFG_SHIFT |
                t->ste.instcfg << UTLB_INSTCFG_SHIFT,
    };

    /* Only what the configuration cache gave, unchanged since */
    if (!t->utlb || !u.src || !u.aux[0] || (s1 && !u.aux[1]) ||
        smmu_pm_cache_generation(c->cfgcache) != t->cfg_gen ||
        !stream_tag(t->in, &tag)) {
        return;
    }
    if (s1) {
        u.data |= UTLB_S1 | (t->cd.pan ? UTLB_PAN : 0);
    }
    smmu_pm_tlb_utlb_fill(c->tlb, tag, t->in->addr, ia, t->cfg_gen, &u);
}

/*
 * The micro-TLB @utlb's answer for @in, complete in @res, or false
 * (nothing counted: the slow path runs).  With the SMMU on and enabled.
 */
static bool utlb_answer(SmmuPmCore *c, SmmuPmUtlb *utlb,
                        const SmmuPmTxn *in, SmmuPmTxnResult *res)
{
    const SmmuPmUtlbEntry *u;
    const SmmuPmTlbEntry *e;
    bool priv, instr, ok;
    uint64_t tag;
    uint8_t perm;

    if (!stream_tag(in, &tag)) {
        return false;
    }
    u = smmu_pm_utlb_lookup(utlb, tag, in->addr,
                            smmu_pm_cache_generation(c->cfgcache));
    if (!u) {
        return false;
    }
    e = u->src;
    overrides(in, (u->data >> UTLB_PRIVCFG_SHIFT) & 3,
              (u->data >> UTLB_INSTCFG_SHIFT) & 3, &priv, &instr);
    if (in->write && e->dirty_pending) {
        return false;
    }
    if (u->data & UTLB_S1) {
        ok = smmu_pm_walk_check_perm(e->perm_priv, e->perm_user,
                                     e->user_accessible,
                                     u->data & UTLB_PAN, in->write, instr,
                                     priv);
        perm = priv ? e->perm_priv : e->perm_user;
    } else {
        /* Stage 2 has no privilege distinction */
        ok = smmu_pm_walk_check_perm(e->perm_priv, e->perm_user, false,
                                     false, in->write, instr, true);
        perm = e->perm_priv;
    }
    if (!ok) {
        return false;
    }
    /* What the slow path counts: STE (and CD) and TLB hits */
    smmu_pm_cache_touch(c->cfgcache, u->aux[0]);
    c->stats.cfg_hits++;
    if (u->aux[1]) {
        smmu_pm_cache_touch(c->cfgcache, u->aux[1]);
        c->stats.cfg_hits++;
    }
    smmu_pm_tlb_hit(c->tlb, e);
    c->stats.tlb_hits++;
    c->stats.utlb_hits++;
    res->status = SMMU_PM_TXN_OK;
    res->addr_mask = (1ULL << e->size_shift) - 1;
    res->addr = e->oa | (in->addr & res->addr_mask);
    res->readable = perm & (instr ? SMMU_PM_PERM_X : SMMU_PM_PERM_R);
    res->writable = perm & SMMU_PM_PERM_W;
    return true;
}

/* ---- Stage 2 ------------------------------------------------------------ */

static SmmuPmTlbKey s2_key(const Txn *t, uint64_t ipa)
{
    return (SmmuPmTlbKey) {
        .world = t->ste.world,
        .stages = SMMU_PM_STAGES_S2,
        .vmid = t->ste.vmid,
        .ia = ipa,
    };
}

static void s2_insert(Txn *t, uint64_t ipa, const SmmuPmWalkResult *r)
{
    uint64_t mask = (1ULL << r->size_shift) - 1;
    SmmuPmTlbEntry e = {
        .ia = ipa & ~mask,
        .oa = r->oa & ~mask,
        .world = t->ste.world,
        .stages = SMMU_PM_STAGES_S2,
        .vmid = t->ste.vmid,
        .size_shift = r->size_shift,
        .granule_shift = t->ste.s2cfg.granule_shift,
        .level = r->level,
        .perm_priv = r->perm_priv,
        .perm_user = r->perm_user,
        .dirty_pending = r->dirty_pending,
        .attr = r->attr,
        .sh = r->sh,
    };

    smmu_pm_tlb_insert(t->c->tlb, &e);
}

/* Fill the event for a stage-2 fault on @ipa, of class @class_ */
static void s2_fault_event(Txn *t, const SmmuPmWalkResult *r, uint64_t ipa,
                           SmmuPmEventClass class_, bool write)
{
    t->ev.type = walk_event(r->fault);
    t->ev.s2 = true;
    t->ev.class_ = class_;
    t->ev.ipa = ipa;
    t->ev.fetch_addr = r->fetch_addr;
    t->ev.ttrnw = class_ == SMMU_EVT_CLASS_IN ? false : !write;
    t->s2_fault_recordable = r->fault == SMMU_PM_WALK_EABT || t->ste.s2r;
}

/*
 * The TLB lookup of @key, which the TBU makes (@tbu) for the transaction
 * itself and the TCU for a walk; true when it found an entry that
 * @usable says serves, counted as a hit then
 */
static bool tlb_lookup(Txn *t, const SmmuPmTlbKey *key, bool tbu,
                       bool (*usable)(const Txn *t, const SmmuPmTlbEntry *e,
                                      bool write),
                       bool write, SmmuPmTlbEntry *e)
{
    const SmmuPmTlbEntry *src = smmu_pm_tlb_find(t->c->tlb, key);
    bool hit = src && usable(t, src, write);

    if (hit) {
        *e = *src;
        t->c->stats.tlb_hits++;
        t->w.tlb_hits++;
    } else {
        t->c->stats.tlb_misses++;
        t->w.tlb_misses++;
    }
    if (tbu) {
        t->tbu_src = hit ? src : NULL;
    }
    return hit;
}

/*
 * A writable-clean entry (HD) cannot serve a write: the walk must make the
 * descriptor dirty first
 */
static bool usable_for(const Txn *t, const SmmuPmTlbEntry *e, bool write)
{
    return !write || !e->dirty_pending;
}

/*
 * Translate @ipa through stage 2 for an access of the SMMU itself (a CD or
 * stage-1 descriptor: @class_ CD or TT) or for the transaction (IN; @tbu
 * when the transaction's own lookup is this one, for a stage-2-only
 * stream).  Returns false with the event filled on a fault.
 */
static bool s2_translate_ipa(Txn *t, uint64_t ipa, bool write,
                             SmmuPmEventClass class_, bool tbu,
                             uint64_t *pa)
{
    SmmuPmTlbKey key = s2_key(t, ipa);
    SmmuPmTlbEntry e;
    SmmuPmWalkResult r;
    WalkCtx w = {
        .t = t,
        .tag = { t->ste.world, 2, t->ste.vmid, 0,
                 t->ste.s2cfg.granule_shift },
    };
    bool need_w = class_ == SMMU_EVT_CLASS_IN ? t->in->write : write;
    bool need_x = class_ == SMMU_EVT_CLASS_IN && t->instr;
    /* Stage 2 has no privilege distinction: only the write matters */
    SmmuPmWalkAccess acc = { .write = need_w };

    if (tlb_lookup(t, &key, tbu, usable_for, need_w, &e)) {
        r = (SmmuPmWalkResult) {
            .size_shift = e.size_shift, .level = e.level,
            .oa = e.oa | (ipa & ((1ULL << e.size_shift) - 1)),
            .perm_priv = e.perm_priv, .perm_user = e.perm_user,
            .dirty_pending = e.dirty_pending,
        };
    } else {
        run_walk(t, &t->ste.s2cfg, &w, ipa, &acc, &r);
        if (r.fault != SMMU_PM_WALK_OK) {
            s2_fault_event(t, &r, ipa, class_, write);
            return false;
        }
        s2_insert(t, ipa, &r);
    }
    /* Stage 2 has no privilege distinction: perm_priv == perm_user */
    if (!smmu_pm_walk_check_perm(r.perm_priv, r.perm_user, false, false,
                                 need_w, need_x, true)) {
        r.fault = SMMU_PM_WALK_PERMISSION;
        s2_fault_event(t, &r, ipa, class_, write);
        return false;
    }
    *pa = r.oa;
    t->res->addr_mask = (1ULL << r.size_shift) - 1;
    set_access(t, r.perm_priv, need_x);
    t->s2_perm = r.perm_priv;
    t->s2_dirty_pending = r.dirty_pending;
    return true;
}

static bool cd_s2_translate(void *opaque, uint64_t ipa, uint64_t *pa,
                            SmmuPmEvent *ev)
{
    Txn *t = opaque;

    return s2_translate_ipa(t, ipa, false, SMMU_EVT_CLASS_CD, false, pa);
}

/* ---- Stage 1 ------------------------------------------------------------ */

/* Sign-extend from bit 55 when the top byte is ignored */
static uint64_t tlb_va(uint64_t va, bool tbi)
{
    return tbi ? (uint64_t)((int64_t)(va << 8) >> 8) : va;
}

static SmmuPmTlbKey s1_key(const Txn *t, uint64_t va)
{
    return (SmmuPmTlbKey) {
        .world = t->ste.world,
        .stages = SMMU_PM_STAGES_S1 | (t->ste.s2 ? SMMU_PM_STAGES_S2 : 0),
        .vmid = t->ste.vmid,
        .asid = t->cd.asid,
        .ia = va,
    };
}

static void s1_fault(Txn *t, SmmuPmWalkFault f)
{
    t->ev.type = walk_event(f);
    t->ev.s2 = false;
    t->ev.class_ = f == SMMU_PM_WALK_EABT ? SMMU_EVT_CLASS_TT
                                          : SMMU_EVT_CLASS_IN;
    if (f == SMMU_PM_WALK_EABT) {
        fault(t, true, true);
    } else if (t->cd.stall) {
        stall(t);
    } else {
        fault(t, t->cd.record, t->cd.abort);
    }
}

static bool translation_related(SmmuPmEventType type)
{
    return type == SMMU_EVT_F_TRANSLATION || type == SMMU_EVT_F_ADDR_SIZE ||
           type == SMMU_EVT_F_ACCESS || type == SMMU_EVT_F_PERMISSION;
}

static void s2_fault(Txn *t)
{
    if (t->ste.s2s && translation_related(t->ev.type)) {
        stall(t);
    } else {
        fault(t, t->s2_fault_recordable, true);
    }
}

/* Stage-1 permissions (or combined ones) allow the transaction */
static bool perms_allow(const Txn *t, uint8_t perm_priv, uint8_t perm_user,
                        bool user_accessible)
{
    return smmu_pm_walk_check_perm(perm_priv, perm_user, user_accessible,
                                   t->cd.pan, t->in->write, t->instr,
                                   t->priv);
}

/* A full walk of stage 1 (and stage 2 under it); inserts the TLB entry */
static bool s1_walk(Txn *t, unsigned ttb, uint64_t va, SmmuPmTlbEntry *out)
{
    const SmmuPmWalkCfg *cfg = &t->cd.tt[ttb];
    WalkCtx w = {
        .t = t,
        .tag = { t->ste.world, 1, t->ste.vmid, t->cd.asid,
                 cfg->granule_shift },
        .nested = t->ste.s2,
        .s2_class = SMMU_EVT_CLASS_TT,
    };
    /*
     * The walk makes a writable-clean leaf dirty only for a write that
     * perms_allow() will then accept: the same privilege and PAN
     */
    SmmuPmWalkAccess acc = {
        .write = t->in->write, .priv = t->priv, .pan = t->cd.pan,
    };
    SmmuPmWalkResult r;
    uint64_t pa, mask;
    unsigned size_shift;

    run_walk(t, cfg, &w, t->in->addr, &acc, &r);
    if (r.fault == SMMU_PM_WALK_STAGE2) {
        s2_fault(t);
        return false;
    }
    if (r.fault != SMMU_PM_WALK_OK) {
        t->ev.fetch_addr = r.fetch_addr;
        s1_fault(t, r.fault);
        return false;
    }
    size_shift = r.size_shift;
    pa = r.oa;
    if (t->ste.s2 && !perms_allow(t, r.perm_priv, r.perm_user,
                                  r.user_accessible)) {
        /*
         * Stage 1's permission fault comes before anything stage 2 finds
         * for the output IPA (IHI 0070, 7.3.22): an access stage 1 refuses
         * never reaches stage 2, which must neither report it nor make its
         * descriptor dirty
         */
        s1_fault(t, SMMU_PM_WALK_PERMISSION);
        return false;
    }
    if (t->ste.s2) {
        if (!s2_translate_ipa(t, r.oa, t->in->write, SMMU_EVT_CLASS_IN,
                              false, &pa)) {
            s2_fault(t);
            return false;
        }
        size_shift = MIN(size_shift, (unsigned)__builtin_ctzll(
                             ~t->res->addr_mask));
    }
    mask = (1ULL << size_shift) - 1;
    *out = (SmmuPmTlbEntry) {
        .ia = tlb_va(va, cfg->tbi) & ~mask,
        .oa = pa & ~mask,
        .world = t->ste.world,
        .stages = s1_key(t, 0).stages,
        .vmid = t->ste.vmid,
        .asid = t->cd.asid,
        .global = r.global,
        .size_shift = size_shift,
        .granule_shift = cfg->granule_shift,
        .level = r.level,
        .perm_priv = r.perm_priv,
        .perm_user = r.perm_user,
        .user_accessible = r.user_accessible,
        .dirty_pending = r.dirty_pending,
        .attr = r.attr,
        .sh = r.sh,
    };
    if (t->ste.s2) {
        /*
         * Combined entry: stage 2 narrows every permission, execute
         * included (its XN), and a stage-2 descriptor still to be made
         * dirty makes the entry's writes walk again, as stage 1's does
         */
        out->perm_priv &= t->s2_perm;
        out->perm_user &= t->s2_perm;
        out->dirty_pending |= t->s2_dirty_pending;
    }
    smmu_pm_tlb_insert(t->c->tlb, out);
    return true;
}

/* @e's permissions allow the transaction (stage 1's, or both stages') */
static bool s1_allows(const Txn *t, const SmmuPmTlbEntry *e)
{
    return perms_allow(t, e->perm_priv, e->perm_user, e->user_accessible);
}

static void s1_translate(Txn *t)
{
    uint64_t va = t->in->addr;
    unsigned ttb = (va >> 55) & 1;
    bool tbi;
    SmmuPmTlbKey key;
    SmmuPmTlbEntry e;
    bool hit, allowed;

    /* EL2 without E2H has only the lower range */
    if (t->ste.world == SMMU_PM_WORLD_EL2) {
        ttb = 0;
    }
    if (t->cd.epd[ttb]) {
        s1_fault(t, SMMU_PM_WALK_TRANSLATION);
        return;
    }
    tbi = t->cd.tt[ttb].tbi;
    key = s1_key(t, tlb_va(va, tbi));
    hit = tlb_lookup(t, &key, true, usable_for, t->in->write, &e);
    if (!hit) {
        if (!s1_walk(t, ttb, va, &e)) {
            return;
        }
    }
    allowed = s1_allows(t, &e);
    if (!allowed && hit && t->ste.s2) {
        /*
         * A combined stage 1+2 entry cannot say which stage refused, nor
         * whose fault record and stall configuration apply: walk again,
         * as a cold TLB would (a TLB may always be refilled), so that a
         * stage-2 refusal is reported as one, with its IPA
         */
        t->tbu_src = NULL;
        if (!s1_walk(t, ttb, va, &e)) {
            return;
        }
        allowed = s1_allows(t, &e);
    }
    if (!allowed) {
        s1_fault(t, SMMU_PM_WALK_PERMISSION);
        return;
    }
    t->res->status = SMMU_PM_TXN_OK;
    t->res->addr = e.oa | (key.ia & ((1ULL << e.size_shift) - 1));
    t->res->addr_mask = (1ULL << e.size_shift) - 1;
    set_access(t, t->priv ? e.perm_priv : e.perm_user, t->instr);
    utlb_fill(t, key.ia, true);
}

static void s2_only_translate(Txn *t)
{
    uint64_t pa;

    if (!s2_translate_ipa(t, t->in->addr, t->in->write, SMMU_EVT_CLASS_IN,
                          true, &pa)) {
        s2_fault(t);
        return;
    }
    t->res->status = SMMU_PM_TXN_OK;
    t->res->addr = pa;
    utlb_fill(t, t->in->addr, false);
}

/* ---- SubstreamID selection ---------------------------------------------- */

/*
 * Which CD a transaction uses, or false after handling it (fault, or
 * stage-1 bypass by S1DSS, in which case *@s1_bypass is set).
 */
static bool select_cd(Txn *t, uint32_t *index, bool *s1_bypass)
{
    const SmmuPmSte *ste = &t->ste;

    *s1_bypass = false;
    if (ste->s1cdmax == 0) {
        if (t->in->ssv) {
            config_fault(t, SMMU_EVT_C_BAD_SUBSTREAMID);
            return false;
        }
        *index = 0;
        return true;
    }
    if (!t->in->ssv) {
        switch (ste->s1dss) {
        case SMMU_S1DSS_TERMINATE:
            config_fault(t, SMMU_EVT_F_STREAM_DISABLED);
            return false;
        case SMMU_S1DSS_BYPASS:
            *s1_bypass = true;
            return false;
        default:
            *index = 0;
            return true;
        }
    }
    if (t->in->ssid >> ste->s1cdmax) {
        config_fault(t, SMMU_EVT_C_BAD_SUBSTREAMID);
        return false;
    }
    if (t->in->ssid == 0 && ste->s1dss == SMMU_S1DSS_SSID0) {
        config_fault(t, SMMU_EVT_F_STREAM_DISABLED);
        return false;
    }
    *index = t->in->ssid;
    return true;
}

/* ---- The pipeline ------------------------------------------------------- */

static void translate_enabled(Txn *t)
{
    SmmuPmLookup l;
    uint32_t index;
    bool s1_bypass;

    if (t->utlb) {
        t->cfg_gen = smmu_pm_cache_generation(t->c->cfgcache);
    }

    l = smmu_pm_ste_lookup(t->c, t->in->sid, &t->ste, &t->ev,
                           &t->ste_entry);
    t->w.cfg_lookups++;
    if (l != SMMU_PM_LOOKUP_OK) {
        fault(t, l == SMMU_PM_LOOKUP_EVENT, true);
        return;
    }
    apply_overrides(t);
    if (t->ste.config == SMMU_STE_CFG_ABORT) {
        set_abort(t);           /* no event (IHI 0070, 5.2) */
        return;
    }
    if (t->in->ssv && (!t->ste.s1 || !t->c->cfg.ssidsize)) {
        config_fault(t, SMMU_EVT_C_BAD_SUBSTREAMID);
        return;
    }
    if (t->ste.config == SMMU_STE_CFG_BYPASS) {
        set_bypass(t, t->in->addr);
        return;
    }
    if (!t->ste.s1) {
        s2_only_translate(t);
        return;
    }
    if (!select_cd(t, &index, &s1_bypass)) {
        if (s1_bypass) {
            if (t->ste.s2) {
                s2_only_translate(t);
            } else {
                set_bypass(t, t->in->addr);
            }
        }
        return;
    }
    l = smmu_pm_cd_lookup(t->c, t->in->sid, &t->ste, index, cd_s2_translate,
                          t, &t->cd, &t->ev, &t->cd_entry);
    t->w.cfg_lookups++;
    if (l != SMMU_PM_LOOKUP_OK) {
        if (t->ev.s2) {
            s2_fault(t);
        } else {
            fault(t, l == SMMU_PM_LOOKUP_EVENT, true);
        }
        return;
    }
    s1_translate(t);
}

static void translate_disabled(Txn *t)
{
    bool abort = FIELD_EX32(t->c->regs.gbpa, GBPA, ABORT);

    if (!t->in->continuation) {
        smmu_pm_check_dma_disabled(t->c, t->in->sid, t->in->addr, !abort);
    }
    if (abort) {
        set_abort(t);
        return;
    }
    set_bypass(t, t->in->addr);
}

/* ---- Cost and per-stream counts ----------------------------------------- */

/*
 * Modelled cycles of the work @w of a translation the micro-TLB did not
 * answer (see the top of this file)
 */
static uint64_t work_cycles(const SmmuPmTimingConfig *tc, const Work *w)
{
    uint64_t tlb_lookups = w->tlb_hits + w->tlb_misses;
    uint64_t cycles = w->utlb_misses * tc->utlb_cycles +
                      tlb_lookups * tc->tlb_cycles;
    bool tcu = w->tlb_misses || w->walks ||
               (!tlb_lookups && w->cfg_lookups);

    if (tcu) {
        cycles += 2 * (uint64_t)tc->link_cycles +
                  w->cfg_lookups * tc->cfg_cycles +
                  (w->cfg_accesses + w->walk_accesses) * tc->mem_cycles +
                  w->walkcache_lookups * tc->walkcache_cycles;
    }
    return cycles;
}

/* The slot of @sid, a new one, or "other" once all are taken */
static G_GNUC_NO_INLINE SmmuPmSidStats *sid_slot(SmmuPmStatsBySid *b,
                                                 uint32_t sid)
{
    unsigned used = MIN(b->used, SMMU_PM_STATS_SIDS);

    for (unsigned i = 0; i < used; i++) {
        if (b->sid[i] == sid) {
            b->hint[sid & 0xff] = i + 1;
            return &b->slot[i];
        }
    }
    if (used == SMMU_PM_STATS_SIDS) {
        return &b->other;
    }
    b->sid[b->used] = sid;
    b->hint[sid & 0xff] = ++b->used;
    return &b->slot[b->used - 1];
}

/* The counters of @sid: its hint first, which a migration may have left */
static inline SmmuPmSidStats *sid_stats(SmmuPmStatsBySid *b, uint32_t sid)
{
    unsigned hint = b->hint[sid & 0xff];

    if (hint && hint <= b->used && b->sid[hint - 1] == sid) {
        return &b->slot[hint - 1];
    }
    return sid_slot(b, sid);
}

/* Charge the translation @t for its work */
static void account(Txn *t)
{
    SmmuPmCore *c = t->c;
    SmmuPmSidStats *s = sid_stats(&c->stats.by_sid, t->in->sid);
    Work *w = &t->w;

    if (c->timing.cfg.enabled) {
        w->cfg_accesses = c->stats.cfg_accesses - w->cfg_accesses;
        t->res->cycles = work_cycles(&c->timing.cfg, w);
        c->stats.cycles += t->res->cycles;
    }
    s->translations++;
    s->tlb_hits += w->tlb_hits;
    s->tlb_misses += w->tlb_misses;
    s->utlb_misses += w->utlb_misses;
    s->walk_accesses += w->walk_accesses;
    s->cycles += t->res->cycles;
}

/* ---- Entry point -------------------------------------------------------- */

static void translate(Txn *t)
{
    SmmuPmCore *c = t->c;
    const SmmuPmTxn *txn = t->in;

    if (!smmu_pm_powered(c)) {
        /* Nothing answers: a bus error, and nothing can be recorded */
        if (!txn->continuation) {
            smmu_pm_check_dma_while_off(c, txn->sid, txn->addr,
                                        txn->write);
        }
        set_abort(t);
        return;
    }
    if (!smmu_pm_enabled(c)) {
        translate_disabled(t);
        return;
    }
    translate_enabled(t);
}

/* Everything of @t but the STE and CD (see Txn) */
static void txn_init(Txn *t, SmmuPmCore *c, const SmmuPmTxn *txn,
                     SmmuPmTxnResult *res)
{
    t->c = c;
    t->in = txn;
    t->res = res;
    t->priv = txn->priv;
    t->instr = txn->instr && !txn->write;
    t->ev = (SmmuPmEvent) {
        .sid = txn->sid,
        .ssv = txn->ssv,
        .ssid = txn->ssid,
        .rnw = !txn->write,
        .pnu = txn->priv,
        .ind = txn->instr && !txn->write,
        .input_addr = txn->addr,
    };
    t->s2_fault_recordable = false;
    t->s2_perm = 0;
    t->s2_dirty_pending = false;
    t->ste_entry = NULL;
    t->cd_entry = NULL;
    t->tbu_src = NULL;
    t->utlb = false;
    t->cfg_gen = 0;
    t->w = (Work) { .cfg_accesses = c->stats.cfg_accesses };
}

/* The micro-TLB answered: its counts and cost, without a Work snapshot */
static void account_utlb_hit(SmmuPmCore *c, const SmmuPmTxn *txn,
                             SmmuPmTxnResult *res)
{
    SmmuPmSidStats *s = sid_stats(&c->stats.by_sid, txn->sid);

    if (c->timing.cfg.enabled) {
        res->cycles = c->timing.cfg.utlb_cycles;
        c->stats.cycles += res->cycles;
    }
    s->translations++;
    s->tlb_hits++;
    s->utlb_hits++;
    s->cycles += res->cycles;
}

/*
 * Everything but a micro-TLB hit (@utlb: the micro-TLB was looked up):
 * out of line, so that the fast path does not pay for its frame
 */
static G_GNUC_NO_INLINE void translate_slow(SmmuPmCore *c,
                                            const SmmuPmTxn *txn,
                                            SmmuPmTxnResult *res, bool utlb)
{
    Txn t;

    txn_init(&t, c, txn, res);
    t.utlb = utlb;
    if (utlb) {
        c->stats.utlb_misses++;
        t.w.utlb_misses = 1;
    }
    translate(&t);
    account(&t);
}

void smmu_pm_translate(SmmuPmCore *c, const SmmuPmTxn *txn,
                       SmmuPmTxnResult *res)
{
    /* Every transaction of an enabled SMMU looks up the micro-TLB first */
    SmmuPmUtlb *utlb = smmu_pm_powered(c) && smmu_pm_enabled(c) ?
                       smmu_pm_tlb_utlb(c->tlb) : NULL;

    memset(res, 0, sizeof(*res));
    res->addr_mask = 0xfff;
    c->stats.translations++;
    if (utlb && utlb_answer(c, utlb, txn, res)) {
        account_utlb_hit(c, txn, res);
        return;
    }
    translate_slow(c, txn, res, utlb != NULL);
}
