/*
 * arm-smmuv3-pm core: VMSAv8-64 translation table walks
 *
 * One stage of one translation, as the Arm ARM (DDI 0487, chapter D8)
 * describes it for the AArch64 long-descriptor format and as Arm SMMUv3
 * (IHI 0070) uses it: 4K, 16K and 64K granules, 48-bit output addresses,
 * and 52-bit output addresses with the 64K granule (FEAT_LPA).  Not
 * modelled: FEAT_LPA2 (52-bit addresses with 4K/16K), FEAT_TTST (small
 * translation tables, SMMU_IDR3.STT), FEAT_XNX, FEAT_HAFT, permission
 * indirection and the Contiguous hint (a hint only: ignoring it is
 * architecturally correct).
 *
 * The walk reads one descriptor per level; a hardware Access flag or dirty
 * state update of the leaf is a compare-and-swap, retried a bounded number
 * of times when another agent changed the descriptor meanwhile.  Any
 * descriptor content ends in a fault or a result.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <stddef.h>
#include <string.h>

#include "hw/arm/smmuv3-pm/core/base/arch.h"
#include "hw/arm/smmuv3-pm/core/xlate/walk.h"

/*
 * Descriptor fields: base/arch.h, DESC.  Bits [47:granule] of an output
 * or table address come from the descriptor (DESC.ADDR), OA[51:48] from
 * DESC.OA_HI with the 64K granule and a 52-bit OA.
 */
#define DESC_ADDR_TOP           (R_DESC_ADDR_SHIFT + R_DESC_ADDR_LENGTH)

/*
 * Hardware update attempts per walk before giving up.  A lost race needs
 * no read (the update returns the current value) but re-evaluates the
 * descriptor, which another agent may keep changing.
 */
#define HTTU_ATTEMPTS           8

/* The deepest level: its descriptors are pages */
#define LAST_LEVEL              3

typedef struct WalkGeom {
    unsigned granule_shift;
    unsigned stride;            /* index bits per full table */
    unsigned ia_bits;           /* 64 - tsz */
    int start_level;
    unsigned start_bits;        /* index bits of the (concatenated) start */
} WalkGeom;

/* What a descriptor is, at its level */
typedef enum DescKind {
    DESC_TABLE,
    DESC_LEAF,                  /* a block or a page */
    DESC_FAULT,                 /* res holds the fault */
} DescKind;

/* What the leaf evaluation decided for one descriptor value */
typedef enum LeafStep {
    LEAF_DONE,                  /* res holds a result or a fault */
    LEAF_UPDATE,                /* write *new_desc with a compare-and-swap */
} LeafStep;

static bool granule_valid(unsigned granule_shift)
{
    return granule_shift == 12 || granule_shift == 14 || granule_shift == 16;
}

/* log2 of the region one descriptor at @level maps */
static unsigned level_shift(unsigned granule_shift, int level)
{
    return granule_shift + (LAST_LEVEL - level) * (granule_shift - 3);
}

static bool addr_fits(uint64_t addr, unsigned bits)
{
    return bits >= 64 || (addr >> bits) == 0;
}

/*
 * TxSZ limits without small translation tables (SMMU_IDR3.STT == 0, the
 * Armv8.0 rule): the input range is at most 48 bits, or 52 bits with the
 * 64K granule when 52-bit addresses are supported (FEAT_LVA for VAs,
 * FEAT_LPA for IPAs; SMMU_IDR5.VAX / OAS == 52), and at least 25 bits
 * (TxSZ <= 39) for every granule.  With STT the maximum would be 48 for
 * 4K/16K and 47 for 64K; this model does not advertise it.
 */
void smmu_pm_tsz_range(unsigned granule_shift, bool oas52, unsigned *min,
                       unsigned *max)
{
    *min = (granule_shift == 16 && oas52) ? 12 : 16;
    *max = 39;
}

/*
 * Bits the start level resolves for an input range of @ia_bits, or 0 when
 * that start level cannot translate it: it must resolve at least one bit,
 * and at most a full table plus 4 bits (16 concatenated tables).  This is
 * the Arm ARM's AArch64.S2InconsistentSL() rule; stage 1 never needs more
 * than a full table since its start level follows from TxSZ.
 */
static unsigned start_level_bits(unsigned granule_shift, int level,
                                 unsigned ia_bits)
{
    unsigned below = level_shift(granule_shift, level);
    unsigned stride = granule_shift - 3;

    if (ia_bits <= below || ia_bits - below > stride + 4) {
        return 0;
    }
    return ia_bits - below;
}

/*
 * VTCR_EL2.SL0 / STE.S2SL0 without SL2 (Arm ARM pseudocode
 * AArch64.S2StartLevel() and AArch64.S2InvalidSL()).  4K: 0 -> L2,
 * 1 -> L1, 2 -> L0, 3 reserved (L3 only with TTST).  16K and 64K: 0 -> L3,
 * 1 -> L2, 2 -> L1, 3 reserved (16K L0 only with LPA2).  The Arm ARM
 * also rejects 4K L0 and 64K L1 when the implemented PA size is below 44
 * bits (not only with a 52-bit PA); that bound is the caller's, which
 * limits S2T0SZ by the OAS, and an IPA range that can start at these
 * levels is at least 40 (4K L0) or 43 (64K L1) bits anyway.
 */
static int s2_sl0_level(unsigned granule_shift, unsigned sl0)
{
    if (sl0 > 2) {
        return -1;
    }
    return granule_shift == 12 ? 2 - (int)sl0 : 3 - (int)sl0;
}

bool smmu_pm_s2_start_level(unsigned granule_shift, unsigned sl0,
                            unsigned tsz, unsigned *level, unsigned *concat)
{
    unsigned min_tsz, max_tsz, bits, stride;
    int lvl;

    if (!granule_valid(granule_shift)) {
        return false;
    }
    smmu_pm_tsz_range(granule_shift, true, &min_tsz, &max_tsz);
    if (tsz < min_tsz || tsz > max_tsz) {
        return false;
    }
    lvl = s2_sl0_level(granule_shift, sl0);
    if (lvl < 0) {
        return false;
    }
    bits = start_level_bits(granule_shift, lvl, 64 - tsz);
    if (!bits) {
        return false;
    }
    stride = granule_shift - 3;
    *level = lvl;
    *concat = bits > stride ? 1u << (bits - stride) : 1;
    return true;
}

/*
 * Stage 1 starts at the level whose table resolves the top bits of the
 * input range (Arm ARM AArch64.S1StartLevel): the walk has
 * ceil((ia_bits - granule_shift) / stride) levels.
 */
static int s1_start_level(unsigned granule_shift, unsigned ia_bits)
{
    unsigned stride = granule_shift - 3;

    return LAST_LEVEL - (int)((ia_bits - 1 - granule_shift) / stride);
}

/*
 * The geometry of @cfg, or false if the configuration cannot be walked.
 * A valid STE/CD never gets here with such a configuration: this keeps a
 * bad caller from reaching a nonsensical shift or index.  The TxSZ check
 * uses the widest range the walker can handle; the caller enforces the
 * range its ID registers advertise.
 */
static bool walk_geom(const SmmuPmWalkCfg *cfg, WalkGeom *g)
{
    unsigned min_tsz, max_tsz;

    if (!granule_valid(cfg->granule_shift) ||
        (cfg->stage != 1 && cfg->stage != 2)) {
        return false;
    }
    smmu_pm_tsz_range(cfg->granule_shift, true, &min_tsz, &max_tsz);
    if (cfg->tsz < min_tsz || cfg->tsz > max_tsz) {
        return false;
    }
    g->granule_shift = cfg->granule_shift;
    g->stride = cfg->granule_shift - 3;
    g->ia_bits = 64 - cfg->tsz;
    if (cfg->stage == 1) {
        g->start_level = s1_start_level(g->granule_shift, g->ia_bits);
    } else {
        if (cfg->start_level < 0 || cfg->start_level > LAST_LEVEL) {
            return false;
        }
        g->start_level = cfg->start_level;
    }
    g->start_bits = start_level_bits(g->granule_shift, g->start_level,
                                     g->ia_bits);
    return g->start_bits != 0;
}

/*
 * The input address must lie in the configured range: for stage 1, bits
 * above it equal to the range's sign (all ones for TTB1), except the top
 * byte when TBI applies; for stage 2, all zero.
 */
static bool ia_in_range(const SmmuPmWalkCfg *cfg, unsigned ia_bits,
                        uint64_t ia)
{
    unsigned top = (cfg->stage == 1 && cfg->tbi) ? 56 : 64;
    uint64_t upper;

    if (ia_bits >= top) {
        return true;
    }
    upper = extract64(ia, ia_bits, top - ia_bits);
    if (cfg->stage == 1 && cfg->ttb1) {
        return upper == MAKE_64BIT_MASK(0, top - ia_bits);
    }
    return upper == 0;
}

static bool oa52(const SmmuPmWalkCfg *cfg)
{
    return cfg->granule_shift == 16 && cfg->oas_bits == 52;
}

/*
 * The table or output address in a descriptor: bits [47:granule], plus
 * OA[51:48] from bits [15:12] with the 64K granule and a 52-bit OA.
 * Bits [51:48] of the descriptor are RES0 (or DBM and software bits) in
 * the 48-bit format and are not part of the address.
 */
static uint64_t desc_addr(const SmmuPmWalkCfg *cfg, uint64_t desc)
{
    unsigned g = cfg->granule_shift;
    uint64_t addr = desc & R_DESC_ADDR_MASK & ~MAKE_64BIT_MASK(0, g);

    if (oa52(cfg)) {
        addr |= (uint64_t)FIELD_EX64(desc, DESC, OA_HI) << DESC_ADDR_TOP;
    }
    return addr;
}

/*
 * Blocks exist at level 2 for every granule, at level 1 for 4K, and at
 * level 1 for 64K only with a 52-bit OA (FEAT_LPA).  Level 0 blocks (4K)
 * and 16K level 1 blocks need FEAT_LPA2.
 */
static bool block_allowed(const SmmuPmWalkCfg *cfg, int level)
{
    switch (level) {
    case 2:
        return true;
    case 1:
        return cfg->granule_shift == 12 || oa52(cfg);
    default:
        return false;
    }
}

/*
 * Hierarchical attributes of a stage-1 table descriptor.  In the EL2
 * regime without E2H, APTable[0] and PXNTable are RES0 and the single
 * XNTable sits where UXNTable is.
 */
static uint8_t table_attrs_of(const SmmuPmWalkCfg *cfg, uint64_t desc)
{
    uint8_t attrs = 0;

    if (cfg->stage != 1 || cfg->had) {
        return 0;
    }
    if (FIELD_EX64(desc, DESC, UXNTABLE)) {
        attrs |= SMMU_PM_TABLE_UXN;
    }
    if (FIELD_EX64(desc, DESC, APTABLE_RO)) {
        attrs |= SMMU_PM_TABLE_RO;
    }
    if (!cfg->el2) {
        if (FIELD_EX64(desc, DESC, PXNTABLE)) {
            attrs |= SMMU_PM_TABLE_PXN;
        }
        if (FIELD_EX64(desc, DESC, APTABLE_NO_EL0)) {
            attrs |= SMMU_PM_TABLE_NO_EL0;
        }
    }
    return attrs;
}

/*
 * Writable-clean: DBM set while the descriptor does not grant writes yet
 * (stage 1 AP[2] == 1, stage 2 S2AP[1] == 0), so that hardware dirty
 * state management may grant a write (Arm ARM, "Hardware management of
 * the dirty state").  A table that forbids writes (APTable[1]) overrides
 * DBM.
 */
static bool writable_clean(const SmmuPmWalkCfg *cfg, uint64_t desc,
                           uint8_t attrs)
{
    if (!FIELD_EX64(desc, DESC, DBM)) {
        return false;
    }
    if (cfg->stage == 2) {
        return !FIELD_EX64(desc, DESC, S2AP_W);
    }
    return FIELD_EX64(desc, DESC, AP2) && !(attrs & SMMU_PM_TABLE_RO);
}

/* The descriptor with its write permission granted: the dirty state */
static uint64_t mark_dirty(const SmmuPmWalkCfg *cfg, uint64_t desc)
{
    if (cfg->stage == 2) {
        return FIELD_DP64(desc, DESC, S2AP_W, 1);
    }
    return FIELD_DP64(desc, DESC, AP2, 0);
}

/*
 * Stage-1 permissions of a leaf (Arm ARM, "Memory access control"):
 * AP[2:1] and the XN bits, restricted by the table attributes.
 * @clean_writable counts a writable-clean page as writable, so that WXN
 * and the EL0-writable rule see what the page will become when written.
 * In VMSAv8-64 every EL0-writable region is privileged execute-never
 * (which is why the SMMU's CD.UWXN is IGNORED with AA64 = 1, spec 5.4).
 */
static void s1_perms(const SmmuPmWalkCfg *cfg, uint64_t desc, uint8_t attrs,
                     bool clean_writable, SmmuPmWalkResult *res)
{
    bool ro = FIELD_EX64(desc, DESC, AP2) && !clean_writable;
    bool el0 = FIELD_EX64(desc, DESC, AP1);
    bool px = !FIELD_EX64(desc, DESC, PXN) && !(attrs & SMMU_PM_TABLE_PXN);
    bool ux = !FIELD_EX64(desc, DESC, UXN) && !(attrs & SMMU_PM_TABLE_UXN);
    bool pw, uw;

    ro = ro || (attrs & SMMU_PM_TABLE_RO);
    el0 = el0 && !(attrs & SMMU_PM_TABLE_NO_EL0);

    if (cfg->el2) {
        /*
         * One privilege level: AP[1] is RES1 and UXN is the only XN.
         * Both permission sets are the same so that a caller need not
         * know the regime; PAN does not exist here.
         */
        pw = !ro;
        ux = ux && !(cfg->wxn && pw);
        res->perm_priv = SMMU_PM_PERM_R | (pw ? SMMU_PM_PERM_W : 0) |
                         (ux ? SMMU_PM_PERM_X : 0);
        res->perm_user = res->perm_priv;
        res->user_accessible = false;
        return;
    }

    pw = !ro;
    uw = el0 && !ro;
    if (cfg->wxn) {
        px = px && !pw;
        ux = ux && !uw;
    }
    if (uw) {
        px = false;
    }
    res->perm_priv = SMMU_PM_PERM_R | (pw ? SMMU_PM_PERM_W : 0) |
                     (px ? SMMU_PM_PERM_X : 0);
    /* EL0 execute does not need EL0 read: execute-only memory */
    res->perm_user = (el0 ? SMMU_PM_PERM_R : 0) | (uw ? SMMU_PM_PERM_W : 0) |
                     (ux ? SMMU_PM_PERM_X : 0);
    res->user_accessible = el0;
}

/*
 * Stage-2 permissions: S2AP[0] read, S2AP[1] write, XN (bit 54; without
 * FEAT_XNX bit 53 is ignored).  Stage 2 does not distinguish privilege.
 */
static void s2_perms(uint64_t desc, bool clean_writable,
                     SmmuPmWalkResult *res)
{
    bool w = FIELD_EX64(desc, DESC, S2AP_W) || clean_writable;

    res->perm_priv = (FIELD_EX64(desc, DESC, S2AP_R) ? SMMU_PM_PERM_R : 0) |
                     (w ? SMMU_PM_PERM_W : 0) |
                     (FIELD_EX64(desc, DESC, UXN) ? 0 : SMMU_PM_PERM_X);
    res->perm_user = res->perm_priv;
    res->user_accessible = false;
}

/* The permissions of a leaf at either stage (see s1_perms and s2_perms) */
static void leaf_perms(const SmmuPmWalkCfg *cfg, uint64_t desc, uint8_t attrs,
                       bool clean_writable, SmmuPmWalkResult *res)
{
    if (cfg->stage == 1) {
        s1_perms(cfg, desc, attrs, clean_writable, res);
    } else {
        s2_perms(desc, clean_writable, res);
    }
}

/*
 * Whether the write @acc is permitted by the writable-clean leaf @desc
 * once the leaf is dirty.  Hardware sets the dirty state only for a write
 * that does not generate a Permission fault given the updated descriptor
 * (Arm ARM, "Hardware management of the dirty state"; AArch64.S1Translate
 * checks permissions, with DBM counting as writable, before it updates the
 * descriptor): a write that faults leaves the page clean.  At stage 1 a
 * dirty page is writable at EL1 but, without AP[1] or under APTable[0],
 * not at EL0, and PAN refuses a privileged write to an EL0-accessible
 * page.  Stage 2 has no privilege distinction: a dirty page (S2AP[1] set)
 * permits every write.
 */
static bool write_permitted_once_dirty(const SmmuPmWalkCfg *cfg,
                                       uint64_t desc, uint8_t attrs,
                                       const SmmuPmWalkAccess *acc)
{
    SmmuPmWalkResult dirty = { 0 };

    leaf_perms(cfg, desc, attrs, true, &dirty);
    return smmu_pm_walk_check_perm(dirty.perm_priv, dirty.perm_user,
                                   dirty.user_accessible, acc->pan, true,
                                   false, acc->priv);
}

static void set_fault(SmmuPmWalkResult *res, SmmuPmWalkFault fault,
                      int level)
{
    res->fault = fault;
    res->level = level;
}

/*
 * Fill @res for a good leaf: output address, size, attributes.  @clean:
 * the leaf is writable-clean and a write may still mark it dirty.
 */
static void leaf_result(const SmmuPmWalkCfg *cfg, int level, uint64_t ia,
                        uint64_t desc, uint8_t attrs, bool clean,
                        SmmuPmWalkResult *res)
{
    unsigned shift = level_shift(cfg->granule_shift, level);
    uint64_t offset_mask = MAKE_64BIT_MASK(0, shift);

    res->fault = SMMU_PM_WALK_OK;
    res->level = level;
    res->size_shift = shift;
    res->oa = (desc_addr(cfg, desc) & ~offset_mask) | (ia & offset_mask);
    res->desc = desc;
    res->sh = FIELD_EX64(desc, DESC, SH);
    leaf_perms(cfg, desc, attrs, clean, res);
    if (cfg->stage == 1) {
        res->global = !FIELD_EX64(desc, DESC, NG);
        res->attr = FIELD_EX64(desc, DESC, ATTRINDX);
    } else {
        res->global = false;
        res->attr = FIELD_EX64(desc, DESC, MEMATTR);
    }
    if (clean) {
        /* Not dirty yet: a write must walk again to mark it */
        res->perm_priv &= ~SMMU_PM_PERM_W;
        res->perm_user &= ~SMMU_PM_PERM_W;
        res->dirty_pending = true;
    }
}

/*
 * Evaluate a block or page descriptor: its output address, then the
 * Access flag and dirty state.  A needed hardware update is returned in
 * *@new_desc as LEAF_UPDATE.  Without HA (or without an update callback),
 * AF == 0 faults unless AFFD.  A write of @acc makes a writable-clean
 * page dirty only when the dirty page permits it; otherwise the page
 * stays clean and without W, and the caller's check refuses the write.
 * Once @may_update is false (the attempts ran out), AF == 0 faults as
 * without HA and a writable-clean page stays without W even for a write,
 * which then faults on permission.
 */
static LeafStep eval_leaf(const SmmuPmWalkCfg *cfg, bool has_update,
                          int level, uint64_t ia, uint64_t desc,
                          uint8_t attrs, const SmmuPmWalkAccess *acc,
                          bool may_update, uint64_t *new_desc,
                          SmmuPmWalkResult *res)
{
    unsigned shift = level_shift(cfg->granule_shift, level);
    uint64_t base = desc_addr(cfg, desc) & ~MAKE_64BIT_MASK(0, shift);
    bool ha = cfg->ha && has_update;
    /* The Arm ARM enables dirty state management only together with HA */
    bool clean = ha && cfg->hd && writable_clean(cfg, desc, attrs);
    uint64_t want = desc;

    if (!addr_fits(base, cfg->oas_bits)) {
        set_fault(res, SMMU_PM_WALK_ADDR_SIZE, level);
        return LEAF_DONE;
    }
    if (!FIELD_EX64(desc, DESC, AF)) {
        if (ha && may_update) {
            want = FIELD_DP64(want, DESC, AF, 1);
        } else if (!cfg->affd) {
            set_fault(res, SMMU_PM_WALK_ACCESS, level);
            return LEAF_DONE;
        }
    }
    if (clean && acc->write &&
        write_permitted_once_dirty(cfg, desc, attrs, acc)) {
        if (may_update) {
            want = mark_dirty(cfg, FIELD_DP64(want, DESC, AF, 1));
        } else {
            clean = false;
        }
    }
    if (want != desc) {
        *new_desc = want;
        return LEAF_UPDATE;
    }
    leaf_result(cfg, level, ia, desc, attrs, clean, res);
    return LEAF_DONE;
}

/*
 * Classify the descriptor @desc read at @level: a table (its address in
 * *@next, its attributes added to *@attrs), a block or page, or a fault
 * recorded in @res.
 */
static DescKind eval_desc(const SmmuPmWalkCfg *cfg, int level, uint64_t desc,
                          uint8_t *attrs, uint64_t *next,
                          SmmuPmWalkResult *res)
{
    res->desc = desc;
    if (!FIELD_EX64(desc, DESC, VALID)) {
        set_fault(res, SMMU_PM_WALK_TRANSLATION, level);
        return DESC_FAULT;
    }
    if (FIELD_EX64(desc, DESC, TYPE) && level < LAST_LEVEL) {
        *next = desc_addr(cfg, desc);
        if (!addr_fits(*next, cfg->oas_bits)) {
            set_fault(res, SMMU_PM_WALK_ADDR_SIZE, level);
            return DESC_FAULT;
        }
        *attrs |= table_attrs_of(cfg, desc);
        return DESC_TABLE;
    }
    /* 0b01 at level 3 is reserved, and so is a block where none exists */
    if (level == LAST_LEVEL ? !FIELD_EX64(desc, DESC, TYPE)
                            : !block_allowed(cfg, level)) {
        set_fault(res, SMMU_PM_WALK_TRANSLATION, level);
        return DESC_FAULT;
    }
    return DESC_LEAF;
}

/*
 * Evaluate the descriptor read from @addr at @level until it is a table
 * (returns true, *@next set) or the walk ends (false, @res final).  A
 * leaf's hardware update is a compare-and-swap; when another agent
 * changed the descriptor meanwhile, its new value is evaluated from
 * scratch (it may now be invalid, a table, or already updated), at most
 * HTTU_ATTEMPTS times per walk, after which the walk stops updating.
 */
static bool walk_level(const SmmuPmWalkCfg *cfg, const SmmuPmWalkMem *mem,
                       int level, uint64_t addr, uint64_t desc, uint64_t ia,
                       const SmmuPmWalkAccess *acc, unsigned *attempts,
                       uint8_t *attrs, uint64_t *next,
                       SmmuPmWalkResult *res)
{
    for (;;) {
        uint64_t want, seen;
        SmmuPmWalkFault f;

        switch (eval_desc(cfg, level, desc, attrs, next, res)) {
        case DESC_TABLE:
            return true;
        case DESC_FAULT:
            return false;
        case DESC_LEAF:
            break;
        }
        if (eval_leaf(cfg, mem->update != NULL, level, ia, desc, *attrs,
                      acc, *attempts < HTTU_ATTEMPTS, &want,
                      res) == LEAF_DONE) {
            return false;
        }
        seen = desc;
        f = mem->update(mem->opaque, addr, &seen, want);
        ++*attempts;
        if (f != SMMU_PM_WALK_OK) {
            set_fault(res, f, level);
            res->fetch_addr = addr;
            return false;
        }
        desc = seen == desc ? want : seen;
    }
}

/* Index of @ia's descriptor in a table of 2^@bits entries at @level */
static uint64_t desc_index(const WalkGeom *g, int level, unsigned bits,
                           uint64_t ia)
{
    return extract64(ia, level_shift(g->granule_shift, level), bits);
}

/*
 * The start table's address: aligned to its size, at least 64 bytes;
 * lower TTB bits are RES0 and ignored, as for TTBR_ELx.BADDR.
 */
static uint64_t start_table(const WalkGeom *g, uint64_t ttb)
{
    unsigned align = g->start_bits + 3 > 6 ? g->start_bits + 3 : 6;

    return ttb & ~MAKE_64BIT_MASK(0, align);
}

void smmu_pm_walk(const SmmuPmWalkCfg *cfg, const SmmuPmWalkMem *mem,
                  const SmmuPmWalkCacheOps *wc, uint64_t ia,
                  const SmmuPmWalkAccess *acc, SmmuPmWalkResult *res)
{
    WalkGeom g;
    uint64_t table;
    uint8_t attrs = 0;
    unsigned bits, attempts = 0;
    int level;

    memset(res, 0, sizeof(*res));
    if (!walk_geom(cfg, &g)) {
        set_fault(res, SMMU_PM_WALK_TRANSLATION, 0);
        return;
    }
    if (!ia_in_range(cfg, g.ia_bits, ia)) {
        set_fault(res, SMMU_PM_WALK_TRANSLATION, g.start_level);
        return;
    }
    if (!addr_fits(cfg->ttb, cfg->oas_bits)) {
        set_fault(res, SMMU_PM_WALK_ADDR_SIZE, g.start_level);
        return;
    }

    level = g.start_level;
    bits = g.start_bits;
    table = start_table(&g, cfg->ttb);
    if (wc) {
        uint64_t cached_table;
        uint8_t cached_attrs;
        int cached = wc->lookup(wc->opaque, ia, &cached_table,
                                &cached_attrs);

        if (cached > level && cached <= LAST_LEVEL) {
            level = cached;
            bits = g.stride;
            table = cached_table;
            attrs = cached_attrs;
        }
    }

    for (; level <= LAST_LEVEL; level++) {
        uint64_t addr = table + desc_index(&g, level, bits, ia) * 8;
        uint64_t desc, next;
        SmmuPmWalkFault f = mem->read(mem->opaque, addr, &desc);

        if (f != SMMU_PM_WALK_OK) {
            set_fault(res, f, level);
            res->fetch_addr = addr;
            return;
        }
        if (!walk_level(cfg, mem, level, addr, desc, ia, acc, &attempts,
                        &attrs, &next, res)) {
            return;
        }
        if (wc) {
            wc->insert(wc->opaque, level + 1, ia, next, attrs);
        }
        table = next;
        bits = g.stride;
    }
    /* Not reached: a level-3 descriptor is never a table */
    set_fault(res, SMMU_PM_WALK_TRANSLATION, LAST_LEVEL);
}

/*
 * An instruction fetch needs X only (execute-only memory is executable,
 * as on the PE: Arm ARM AArch64.S1CheckPermissions checks only XN for
 * fetches); a write needs W whatever its instruction/data attribute, since
 * instruction writes are treated as data writes; a read needs R.  PAN
 * denies privileged data accesses to EL0-accessible pages (FEAT_PAN, not
 * EPAN: execute-only EL0 pages are not EL0-accessible here anyway).
 */
bool smmu_pm_walk_check_perm(uint8_t perm_priv, uint8_t perm_user,
                             bool user_accessible, bool pan, bool write,
                             bool instr, bool priv)
{
    uint8_t perm = priv ? perm_priv : perm_user;
    bool data = write || !instr;

    if (priv && data && pan && user_accessible) {
        return false;
    }
    if (write) {
        return perm & SMMU_PM_PERM_W;
    }
    if (instr) {
        return perm & SMMU_PM_PERM_X;
    }
    return perm & SMMU_PM_PERM_R;
}
