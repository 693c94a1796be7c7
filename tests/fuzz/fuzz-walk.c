/*
 * arm-smmuv3-pm fuzzing: the page-table walker alone (xlate/walk.h)
 *
 * Input: walk parameters (the first WALK_PARAM_BYTES bytes: stage,
 * granule, TxSZ/SL0 within the ranges the STE/CD decoding accepts, OAS,
 * TTB, HA/HD/AFFD/TBI/TTB1/HAD/WXN/ENDI, nested or not, the input
 * address, read or write, unprivileged or not, PAN), then descriptors:
 * (u16 word index, u64 value) pairs written into a zeroed image of
 * MAX_WORDS words.  Every descriptor
 * read hits the image: the address, in 8-byte words, modulo its size, so
 * that walks go deep whatever the fuzzed table pointers are; addresses at
 * or above 2^EABT_BIT abort (SMMU_PM_WALK_EABT).  Nested: the stage-1
 * walk's reads run a stage-2 walk over the same image (as translate.c
 * does through SmmuPmWalkMem) and report its faults as
 * SMMU_PM_WALK_STAGE2.
 *
 * Invariants (FUZZ_CHECK aborts):
 *  - a result is a fault of a defined kind (STAGE2 only when nested),
 *    at a level in -1..3, or success with an output address below 2^OAS,
 *    a page/block size that the granule has at that level (times the
 *    contiguous run), the input's offset within it, permissions within
 *    RWX
 *  - a hardware update (HTTU) only sets AF (with HA) and clears the
 *    read-only bit of a DBM descriptor (with HD); the walker never asks
 *    for an update without HA/HD
 *  - a leaf is made dirty only by a write that the walk's result then
 *    permits at the access's privilege and under its PAN
 *  - a walk reads a bounded number of descriptors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <glib.h>

#include "hw/arm/smmuv3-pm/core/xlate/walk.h"
#include "fuzz-common.h"

#define WALK_PARAM_BYTES    24
#define EABT_BIT            44
#define MAX_WORDS           4096        /* a 32 KiB image at most */
#define MAX_READS           64

typedef struct WalkMem {
    uint64_t *w;
    size_t n;
    const SmmuPmWalkCfg *cfg;
    unsigned reads;
    unsigned updates;
    bool dirtied;               /* an update changed the dirty bit */
    /* nested: the stage-2 walk that stage-1 reads go through */
    const SmmuPmWalkCfg *s2;
    const SmmuPmWalkMem *s2mem;
} WalkMem;

static void check_result(const SmmuPmWalkCfg *cfg, uint64_t ia,
                         const SmmuPmWalkResult *r, bool nested);

static uint64_t *word(WalkMem *m, uint64_t addr)
{
    return &m->w[(addr >> 3) % m->n];
}

static SmmuPmWalkFault translate_desc_addr(WalkMem *m, uint64_t *addr)
{
    SmmuPmWalkAccess read = { .write = false };
    SmmuPmWalkResult r;

    if (!m->s2) {
        return SMMU_PM_WALK_OK;
    }
    smmu_pm_walk(m->s2, m->s2mem, NULL, *addr, &read, &r);
    check_result(m->s2, *addr, &r, false);
    if (r.fault != SMMU_PM_WALK_OK) {
        return SMMU_PM_WALK_STAGE2;
    }
    *addr = r.oa;
    return SMMU_PM_WALK_OK;
}

static SmmuPmWalkFault m_read(void *o, uint64_t addr, uint64_t *desc)
{
    WalkMem *m = o;
    SmmuPmWalkFault f;

    FUZZ_CHECK(++m->reads <= MAX_READS, "more than %d descriptor reads",
               MAX_READS);
    FUZZ_CHECK((addr & 7) == 0, "descriptor read at 0x%" PRIx64, addr);
    f = translate_desc_addr(m, &addr);
    if (f != SMMU_PM_WALK_OK) {
        return f;
    }
    if (addr >> EABT_BIT) {
        return SMMU_PM_WALK_EABT;
    }
    *desc = m->cfg->endi ? GUINT64_FROM_BE(*word(m, addr)) : *word(m, addr);
    return SMMU_PM_WALK_OK;
}

static SmmuPmWalkFault m_update(void *o, uint64_t addr, uint64_t *old,
                                uint64_t new)
{
    WalkMem *m = o;
    uint64_t *w, cur, changed;
    SmmuPmWalkFault f;

    FUZZ_CHECK(++m->updates <= MAX_READS, "more than %d updates",
               MAX_READS);
    FUZZ_CHECK(m->cfg->ha || m->cfg->hd, "update without HA/HD");
    changed = *old ^ new;
    FUZZ_CHECK((changed & ~((1ULL << 10) | (1ULL << 7))) == 0,
               "update 0x%" PRIx64 " -> 0x%" PRIx64 " changes more than "
               "AF and the dirty bit", *old, new);
    FUZZ_CHECK(!(changed & (1ULL << 10)) || (m->cfg->ha && (new >> 10) & 1),
               "AF changed to %d without HA", (int)((new >> 10) & 1));
    if (changed & (1ULL << 7)) {
        /* stage 1: AP[2] 1 -> 0; stage 2: S2AP[1] 0 -> 1; DBM set */
        FUZZ_CHECK(m->cfg->hd && (new >> 51) & 1,
                   "dirty bit changed without HD or DBM");
        FUZZ_CHECK(m->cfg->stage == 1 ? !((new >> 7) & 1) : (new >> 7) & 1,
                   "dirty bit moved the wrong way: 0x%" PRIx64, new);
    }
    f = translate_desc_addr(m, &addr);
    if (f != SMMU_PM_WALK_OK) {
        return f;
    }
    if (addr >> EABT_BIT) {
        return SMMU_PM_WALK_EABT;
    }
    w = word(m, addr);
    cur = m->cfg->endi ? GUINT64_FROM_BE(*w) : *w;
    if (cur != *old) {
        *old = cur;
        return SMMU_PM_WALK_OK;
    }
    *w = m->cfg->endi ? GUINT64_TO_BE(new) : new;
    m->dirtied |= (changed >> 7) & 1;
    return SMMU_PM_WALK_OK;
}

static unsigned level_shift(unsigned g, int level)
{
    return g + (3 - level) * (g - 3);
}

static void check_result(const SmmuPmWalkCfg *cfg, uint64_t ia,
                         const SmmuPmWalkResult *r, bool nested)
{
    unsigned g = cfg->granule_shift, ls, contig;

    FUZZ_CHECK(r->level >= -1 && r->level <= 3, "level %d", r->level);
    if (r->fault != SMMU_PM_WALK_OK) {
        FUZZ_CHECK(r->fault >= SMMU_PM_WALK_TRANSLATION &&
                   r->fault <= SMMU_PM_WALK_STAGE2, "fault %d", r->fault);
        FUZZ_CHECK(r->fault != SMMU_PM_WALK_STAGE2 || nested,
                   "STAGE2 fault from a walk that is not nested");
        return;
    }
    FUZZ_CHECK(r->level >= 0 || g == 12, "leaf at level %d, granule %u",
               r->level, g);
    ls = level_shift(g, r->level);
    contig = g == 12 ? 4 : (g == 14 ? (r->level == 2 ? 5 : 7) : 5);
    FUZZ_CHECK(r->size_shift == ls || r->size_shift == ls + contig,
               "stage %u granule %u level %d: size 2^%u", cfg->stage, g,
               r->level, r->size_shift);
    FUZZ_CHECK(cfg->oas_bits >= 64 || r->oa >> cfg->oas_bits == 0,
               "ia 0x%" PRIx64 " -> oa 0x%" PRIx64 " beyond the %u-bit OAS",
               ia, r->oa, cfg->oas_bits);
    FUZZ_CHECK(r->size_shift >= 64 ||
               ((r->oa ^ ia) & ((1ULL << r->size_shift) - 1)) == 0,
               "oa 0x%" PRIx64 " not at ia 0x%" PRIx64 "'s offset in a "
               "2^%u page", r->oa, ia, r->size_shift);
    FUZZ_CHECK((r->perm_priv & ~SMMU_PM_PERM_RWX) == 0 &&
               (r->perm_user & ~SMMU_PM_PERM_RWX) == 0, "permissions");
    FUZZ_CHECK(cfg->stage == 1 || !r->dirty_pending || cfg->hd,
               "dirty pending without HD");
}

/*
 * Hardware sets the dirty state only for a write that its permissions
 * allow once the leaf is dirty (Arm ARM, "Hardware management of the
 * dirty state"): the walk's result is the dirty leaf's
 */
static void check_dirtied(const WalkMem *m, const SmmuPmWalkAccess *acc,
                          const SmmuPmWalkResult *r)
{
    if (!m->dirtied) {
        return;
    }
    FUZZ_CHECK(acc->write, "a read made the leaf dirty");
    FUZZ_CHECK(r->fault == SMMU_PM_WALK_OK &&
               smmu_pm_walk_check_perm(r->perm_priv, r->perm_user,
                                       r->user_accessible, acc->pan, true,
                                       false, acc->priv),
               "the leaf was made dirty by a write it refuses (%s%s; "
               "fault %d, priv 0x%x, user 0x%x)",
               acc->priv ? "privileged" : "unprivileged",
               acc->pan ? ", PAN" : "", r->fault, r->perm_priv,
               r->perm_user);
}

static const unsigned grans[3] = { 12, 14, 16 };
static const unsigned oas[7] = { 32, 36, 40, 42, 44, 48, 52 };

/* A configuration as the STE/CD decoding would accept; false: none */
static bool decode_cfg(FuzzIn *in, SmmuPmWalkCfg *c, int stage)
{
    uint8_t a = fuzz_u8(in), b = fuzz_u8(in), t = fuzz_u8(in);
    unsigned min, max, level, concat;

    memset(c, 0, sizeof(*c));
    c->stage = stage;
    c->granule_shift = grans[(a & 3) % 3];
    c->oas_bits = oas[((a >> 2) & 7) % 7];
    if (c->oas_bits == 52 && c->granule_shift != 16) {
        c->oas_bits = 48;
    }
    smmu_pm_tsz_range(c->granule_shift, c->oas_bits == 52, &min, &max);
    c->tsz = min + t % (max - min + 1);
    c->ha = (b >> 0) & 1;
    c->hd = c->ha && ((b >> 1) & 1);
    c->affd = (b >> 2) & 1;
    c->endi = (b >> 3) & 1;
    if (stage == 1) {
        c->ttb1 = (b >> 4) & 1;
        c->tbi = (b >> 5) & 1;
        c->had = (b >> 6) & 1;
        c->wxn = (b >> 7) & 1;
        c->el2 = (a >> 5) & 1;
    } else {
        if (!smmu_pm_s2_start_level(c->granule_shift, (a >> 5) & 3, c->tsz,
                                    &level, &concat)) {
            return false;
        }
        c->start_level = level;
    }
    c->ttb = (fuzz_u32(in) & ~0xfffULL) & ((1ULL << c->oas_bits) - 1);
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzIn in = { data, size < WALK_PARAM_BYTES ? size : WALK_PARAM_BYTES, 0 };
    SmmuPmWalkCfg c1, c2;
    SmmuPmWalkMem mem1, mem2;
    WalkMem m1 = { 0 }, m2 = { 0 };
    SmmuPmWalkResult r;
    uint8_t f = fuzz_u8(&in);
    bool nested = (f & 3) == 3, stage2 = (f & 3) == 2;
    /* bit 3 set: unprivileged (the seeds' 0 stays privileged, no PAN) */
    SmmuPmWalkAccess acc = { .write = (f >> 2) & 1, .priv = !((f >> 3) & 1),
                             .pan = (f >> 4) & 1 };
    uint64_t ia;
    size_t img = MAX_WORDS;
    uint64_t *words;
    FuzzIn d = { data, size, WALK_PARAM_BYTES };

    if (!decode_cfg(&in, &c1, stage2 ? 2 : 1) ||
        (nested && !decode_cfg(&in, &c2, 2))) {
        return 0;
    }
    ia = fuzz_u64(&in);
    /* exactly the image: ASan sees any access beyond it */
    words = g_new0(uint64_t, img);
    while (fuzz_more(&d)) {
        uint16_t i = fuzz_u16(&d);

        words[i % img] = fuzz_u64(&d);
    }

    m2 = (WalkMem){ .w = words, .n = img, .cfg = &c2 };
    mem2 = (SmmuPmWalkMem){ m_read, m_update, &m2 };
    m1 = (WalkMem){ .w = words, .n = img, .cfg = &c1,
                    .s2 = nested ? &c2 : NULL, .s2mem = &mem2 };
    mem1 = (SmmuPmWalkMem){ m_read, m_update, &m1 };

    memset(&r, 0x5a, sizeof(r));
    smmu_pm_walk(&c1, &mem1, NULL, ia, &acc, &r);
    check_result(&c1, ia, &r, nested);
    check_dirtied(&m1, &acc, &r);
    if (r.fault == SMMU_PM_WALK_OK) {
        /* the permission check answers for every kind of access */
        for (unsigned k = 0; k < 16; k++) {
            smmu_pm_walk_check_perm(r.perm_priv, r.perm_user,
                                    r.user_accessible, k & 1, (k >> 1) & 1,
                                    !((k >> 1) & 1) && ((k >> 2) & 1),
                                    (k >> 3) & 1);
        }
    }
    g_free(words);
    return 0;
}
