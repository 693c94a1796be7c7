/*
 * arm-smmuv3-pm core: VMSAv8-64 table walker tests
 *
 * Tables are built in a FakeMem by small helpers that know the descriptor
 * format from the Arm ARM (the D_* bits below are written out here, not
 * taken from walk.c), and the expected start levels, concatenation counts
 * and permissions are spelled out case by case, so that a wrong rule in
 * the walker is caught rather than mirrored.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <glib.h>
#include <string.h>

#include "hw/arm/smmuv3-pm/core/xlate/walk.h"
#include "fake-mem.h"

/* Descriptor bits (Arm ARM, VMSAv8-64 descriptor formats) */
#define D_VALID         (1ull << 0)
#define D_TABLE         3ull                    /* levels 0-2 */
#define D_PAGE          3ull                    /* level 3 */
#define D_BLOCK         1ull                    /* levels 1-2 */
#define D_ATTRINDX(x)   ((uint64_t)(x) << 2)
#define D_MEMATTR(x)    ((uint64_t)(x) << 2)
#define D_AP1           (1ull << 6)             /* EL0 access */
#define D_AP2           (1ull << 7)             /* read-only */
#define D_S2AP_R        (1ull << 6)
#define D_S2AP_W        (1ull << 7)
#define D_SH(x)         ((uint64_t)(x) << 8)
#define D_AF            (1ull << 10)
#define D_NG            (1ull << 11)
#define D_DBM           (1ull << 51)
#define D_PXN           (1ull << 53)
#define D_UXN           (1ull << 54)
#define D_XN            D_UXN
#define D_SW55          (1ull << 55)            /* software use */
#define T_PXN           (1ull << 59)
#define T_UXN           (1ull << 60)
#define T_NO_EL0        (1ull << 61)
#define T_RO            (1ull << 62)

#define R   SMMU_PM_PERM_R
#define W   SMMU_PM_PERM_W
#define X   SMMU_PM_PERM_X

/* Where the tests' tables live: below 2^32, so that oas 40 covers them */
#define TABLES_BASE     0x40000000ull

static unsigned lvl_shift(unsigned g, int level)
{
    return g + (3 - level) * (g - 3);
}

static uint64_t mask_bits(unsigned lo, unsigned hi)    /* [hi-1:lo] */
{
    return (hi >= 64 ? ~0ull : (1ull << hi) - 1) & ~((1ull << lo) - 1);
}

/* A translation regime under construction */
typedef struct Pt {
    FakeMem mem;
    SmmuPmWalkCfg cfg;
    int start;                  /* the start level the test expects */
    unsigned start_bits;        /* index bits of the start table(s) */
    uint64_t next_free;
    uint64_t tbl_bits;          /* extra bits of table descriptors made */
} Pt;

static bool pt_oa52(const Pt *pt)
{
    return pt->cfg.granule_shift == 16 && pt->cfg.oas_bits == 52;
}

/* The address field of a descriptor for @addr (64K/52: OA[51:48] low) */
static uint64_t addr_field(const Pt *pt, uint64_t addr)
{
    if (pt_oa52(pt)) {
        return (addr & mask_bits(16, 48)) | (((addr >> 48) & 0xf) << 12);
    }
    return addr;
}

static uint64_t field_addr(const Pt *pt, uint64_t desc)
{
    unsigned g = pt->cfg.granule_shift;
    uint64_t a = desc & mask_bits(g, 48);

    if (pt_oa52(pt)) {
        a |= ((desc >> 12) & 0xf) << 48;
    }
    return a;
}

static uint64_t pt_alloc(Pt *pt, uint64_t size)
{
    uint64_t align = MAX(size, 1ull << pt->cfg.granule_shift);
    uint64_t a = (pt->next_free + align - 1) & ~(align - 1);

    pt->next_free = a + size;
    return a;
}

static void pt_init(Pt *pt, unsigned stage, unsigned g, unsigned tsz,
                    int start, unsigned oas)
{
    memset(pt, 0, sizeof(*pt));
    fake_mem_init(&pt->mem);
    pt->cfg.stage = stage;
    pt->cfg.granule_shift = g;
    pt->cfg.tsz = tsz;
    /* Stage 1 ignores it: give it a wrong value to prove that */
    pt->cfg.start_level = stage == 2 ? start : 3 - start;
    pt->cfg.oas_bits = oas;
    pt->start = start;
    pt->start_bits = (64 - tsz) - lvl_shift(g, start);
    pt->next_free = TABLES_BASE;
    pt->cfg.ttb = pt_alloc(pt, 8ull << pt->start_bits);
}

static void pt_destroy(Pt *pt)
{
    fake_mem_destroy(&pt->mem);
}

/* Address of @ia's descriptor at @level, making the tables above it */
static uint64_t pt_slot(Pt *pt, uint64_t ia, int level)
{
    unsigned g = pt->cfg.granule_shift;
    uint64_t table = pt->cfg.ttb;
    unsigned bits = pt->start_bits;

    for (int l = pt->start;; l++) {
        uint64_t idx = (ia >> lvl_shift(g, l)) & ((1ull << bits) - 1);
        uint64_t slot = table + idx * 8;
        uint64_t d;

        if (l == level) {
            return slot;
        }
        g_assert_cmpint(l, <, 3);
        d = fake_mem_read64(&pt->mem, slot);
        if (!d) {
            d = addr_field(pt, pt_alloc(pt, 8ull << (g - 3))) | D_TABLE |
                pt->tbl_bits;
            fake_mem_write64(&pt->mem, slot, d);
        }
        table = field_addr(pt, d);
        bits = g - 3;
    }
}

/* A leaf for @oa at @level: page or block, with @bits */
static uint64_t pt_leaf(const Pt *pt, int level, uint64_t oa, uint64_t bits)
{
    return addr_field(pt, oa) | (level == 3 ? D_PAGE : D_BLOCK) | bits;
}

/* The usual valid leaf: AF set, read-write (and executable) */
static uint64_t pt_rw(const Pt *pt, int level, uint64_t oa)
{
    uint64_t bits = D_AF;

    if (pt->cfg.stage == 2) {
        bits |= D_S2AP_R | D_S2AP_W;
    }
    return pt_leaf(pt, level, oa, bits);
}

static uint64_t pt_map(Pt *pt, uint64_t ia, int level, uint64_t desc)
{
    uint64_t slot = pt_slot(pt, ia, level);

    fake_mem_write64(&pt->mem, slot, desc);
    return slot;
}

/* A read: its privilege and PAN change nothing in a walk */
static const SmmuPmWalkAccess read_acc = { .write = false };

static void pt_walk_acc(Pt *pt, uint64_t ia, const SmmuPmWalkAccess *acc,
                        SmmuPmWalkResult *res)
{
    fake_mem_reset_counts(&pt->mem);
    memset(res, 0xa5, sizeof(*res));        /* the walker fills it all */
    smmu_pm_walk(&pt->cfg, fake_mem_ops(&pt->mem), NULL, ia, acc, res);
}

/*
 * A privileged access without PAN: a write it makes to a writable-clean
 * page is one the page permits once dirty, whatever its AP[1]
 */
static void pt_walk(Pt *pt, uint64_t ia, bool write, SmmuPmWalkResult *res)
{
    SmmuPmWalkAccess acc = { .write = write, .priv = true };

    pt_walk_acc(pt, ia, &acc, res);
}

static void assert_fault(const SmmuPmWalkResult *res, SmmuPmWalkFault f,
                         int level)
{
    g_assert_cmpint(res->fault, ==, f);
    g_assert_cmpint(res->level, ==, level);
}

static void assert_ok(const SmmuPmWalkResult *res, int level,
                      unsigned size_shift, uint64_t oa)
{
    g_assert_cmpint(res->fault, ==, SMMU_PM_WALK_OK);
    g_assert_cmpint(res->level, ==, level);
    g_assert_cmpuint(res->size_shift, ==, size_shift);
    g_assert_cmphex(res->oa, ==, oa);
}

/* ---- TxSZ ranges and stage-2 start levels ---- */

static void test_tsz_range(void)
{
    static const struct {
        unsigned g;
        bool oas52;
        unsigned min, max;
    } cases[] = {
        { 12, false, 16, 39 }, { 12, true, 16, 39 },
        { 14, false, 16, 39 }, { 14, true, 16, 39 },
        { 16, false, 16, 39 }, { 16, true, 12, 39 },
    };

    for (unsigned i = 0; i < G_N_ELEMENTS(cases); i++) {
        unsigned min = 0, max = 0;

        smmu_pm_tsz_range(cases[i].g, cases[i].oas52, &min, &max);
        g_assert_cmpuint(min, ==, cases[i].min);
        g_assert_cmpuint(max, ==, cases[i].max);
    }
}

typedef struct S2Case {
    unsigned g, sl0, tsz;
    bool valid;
    unsigned level, concat;
} S2Case;

static const S2Case s2_cases[] = {
    /* 4K: SL0 0 -> L2, 1 -> L1, 2 -> L0 */
    { 12, 0, 34, true, 2, 1 },
    { 12, 0, 39, true, 2, 1 },
    { 12, 0, 30, true, 2, 16 },
    { 12, 1, 25, true, 1, 1 },
    { 12, 1, 24, true, 1, 2 },
    { 12, 1, 21, true, 1, 16 },
    { 12, 2, 16, true, 0, 1 },
    { 12, 2, 24, true, 0, 1 },
    /* 16K: SL0 0 -> L3, 1 -> L2, 2 -> L1 */
    { 14, 0, 39, true, 3, 1 },
    { 14, 1, 28, true, 2, 1 },
    { 14, 1, 24, true, 2, 16 },
    { 14, 2, 17, true, 1, 1 },
    { 14, 2, 16, true, 1, 2 },
    /* 64K: SL0 0 -> L3, 1 -> L2, 2 -> L1 */
    { 16, 0, 35, true, 3, 1 },
    { 16, 0, 31, true, 3, 16 },
    { 16, 1, 22, true, 2, 1 },
    { 16, 1, 18, true, 2, 16 },
    { 16, 2, 16, true, 1, 1 },
    { 16, 2, 12, true, 1, 1 },
    /* invalid */
    { 12, 3, 34, false, 0, 0 },       /* SL0 3: level 3 needs TTST */
    { 14, 3, 16, false, 0, 0 },       /* 16K L0 needs LPA2 */
    { 16, 3, 16, false, 0, 0 },
    { 12, 0, 29, false, 0, 0 },       /* L2 would need 32 tables */
    { 12, 1, 20, false, 0, 0 },
    { 12, 1, 34, false, 0, 0 },       /* L1 resolves nothing: start lower */
    { 12, 2, 25, false, 0, 0 },
    { 12, 0, 16, false, 0, 0 },
    { 14, 0, 37, true, 3, 4 },
    { 14, 2, 28, false, 0, 0 },
    { 16, 1, 17, false, 0, 0 },       /* L2 would need 32 tables */
    { 16, 2, 22, false, 0, 0 },
    { 16, 0, 30, false, 0, 0 },       /* L3 would need 32 tables */
    { 12, 2, 12, false, 0, 0 },       /* TxSZ below the 4K minimum */
    { 16, 2, 11, false, 0, 0 },       /* below every minimum */
    { 16, 0, 40, false, 0, 0 },       /* above the maximum */
    { 13, 0, 30, false, 0, 0 },       /* not a granule */
};

static void test_s2_start_level(void)
{
    for (unsigned i = 0; i < G_N_ELEMENTS(s2_cases); i++) {
        const S2Case *c = &s2_cases[i];
        unsigned level = 99, concat = 99;
        bool ok = smmu_pm_s2_start_level(c->g, c->sl0, c->tsz, &level,
                                         &concat);

        g_test_message("g %u sl0 %u tsz %u", c->g, c->sl0, c->tsz);
        g_assert_cmpint(ok, ==, c->valid);
        if (c->valid) {
            g_assert_cmpuint(level, ==, c->level);
            g_assert_cmpuint(concat, ==, c->concat);
        }
    }
}

/* ---- every granule and start level, both stages ---- */

typedef struct LevelCase {
    unsigned stage, g, tsz;
    int start;
    unsigned oas;
} LevelCase;

static const LevelCase level_cases[] = {
    { 1, 12, 16, 0, 48 }, { 1, 12, 25, 1, 48 }, { 1, 12, 34, 2, 48 },
    { 1, 12, 39, 2, 48 }, { 1, 12, 20, 0, 48 },
    { 1, 14, 16, 0, 48 }, { 1, 14, 17, 1, 48 }, { 1, 14, 28, 2, 48 },
    { 1, 14, 39, 3, 48 },
    { 1, 16, 16, 1, 48 }, { 1, 16, 22, 2, 48 }, { 1, 16, 36, 3, 48 },
    { 1, 16, 12, 1, 52 },
    /* stage 2: the start level is the configured one */
    { 2, 12, 16, 0, 48 }, { 2, 12, 25, 1, 48 }, { 2, 12, 34, 2, 48 },
    { 2, 12, 24, 1, 48 }, { 2, 12, 21, 1, 48 }, { 2, 12, 30, 2, 48 },
    { 2, 14, 17, 1, 48 }, { 2, 14, 16, 1, 48 }, { 2, 14, 28, 2, 48 },
    { 2, 14, 24, 2, 48 }, { 2, 14, 39, 3, 48 },
    { 2, 16, 16, 1, 48 }, { 2, 16, 12, 1, 52 }, { 2, 16, 22, 2, 48 },
    { 2, 16, 18, 2, 48 }, { 2, 16, 35, 3, 48 }, { 2, 16, 31, 3, 48 },
};

/* An input address using every index bit of the range, with pattern */
static uint64_t pattern_ia(unsigned ia_bits, uint64_t pattern)
{
    return pattern & mask_bits(0, ia_bits);
}

static void test_levels(gconstpointer data)
{
    const LevelCase *c = data;
    unsigned g = c->g, ia_bits = 64 - c->tsz;
    uint64_t ia1 = pattern_ia(ia_bits, 0xfedcba9876543ab8ull);
    uint64_t ia2 = pattern_ia(ia_bits, 0x0123456789abc5f0ull);
    uint64_t gmask = (1ull << g) - 1;
    uint64_t oa1 = 0x0000123456780000ull & ~gmask;
    uint64_t oa2 = 0x00000abcdef00000ull & ~gmask;
    SmmuPmWalkResult res;
    Pt pt;

    pt_init(&pt, c->stage, g, c->tsz, c->start, c->oas);
    if (c->oas == 52) {
        oa1 |= 0x000c000000000000ull;
    }
    pt_map(&pt, ia1, 3, pt_rw(&pt, 3, oa1));
    pt_map(&pt, ia2, 3, pt_rw(&pt, 3, oa2));

    pt_walk(&pt, ia1, false, &res);
    assert_ok(&res, 3, g, oa1 | (ia1 & gmask));
    g_assert_cmpuint(pt.mem.reads, ==, 4 - c->start);
    g_assert_cmpuint(pt.mem.updates, ==, 0);

    pt_walk(&pt, ia2, true, &res);
    assert_ok(&res, 3, g, oa2 | (ia2 & gmask));
    g_assert_cmpuint(pt.mem.reads, ==, 4 - c->start);

    /* Nothing mapped one page up: invalid at level 3 */
    pt_walk(&pt, ia2 ^ (1ull << g), false, &res);
    assert_fault(&res, SMMU_PM_WALK_TRANSLATION, 3);
    pt_destroy(&pt);
}

/*
 * The start table's descriptor for the top of the input range, read from
 * the last of the concatenated tables: an abort over the start tables
 * reports exactly the descriptor's address.
 */
static void test_concat_index(void)
{
    static const struct {
        unsigned g, tsz;
        int start;
        unsigned concat;
    } cases[] = {
        { 12, 24, 1, 2 }, { 12, 21, 1, 16 }, { 12, 30, 2, 16 },
        { 14, 16, 1, 2 }, { 14, 24, 2, 16 },
        { 16, 18, 2, 16 }, { 16, 31, 3, 16 },
    };

    for (unsigned i = 0; i < G_N_ELEMENTS(cases); i++) {
        unsigned g = cases[i].g, ia_bits = 64 - cases[i].tsz;
        uint64_t ia = mask_bits(0, ia_bits) & ~0xfffull;
        uint64_t tables = (uint64_t)cases[i].concat << g;
        uint64_t idx = ia >> lvl_shift(g, cases[i].start);
        SmmuPmWalkResult res;
        Pt pt;

        pt_init(&pt, 2, g, cases[i].tsz, cases[i].start, 48);
        g_assert_cmpuint(8ull << pt.start_bits, ==, tables);
        g_assert_cmpuint(idx, ==, cases[i].concat * (1u << (g - 3)) - 1);
        fake_mem_add_abort(&pt.mem, pt.cfg.ttb, tables, SMMU_PM_WALK_EABT);
        pt_walk(&pt, ia, false, &res);
        assert_fault(&res, SMMU_PM_WALK_EABT, cases[i].start);
        g_assert_cmphex(res.fetch_addr, ==, pt.cfg.ttb + tables - 8);
        pt_destroy(&pt);
    }
}

/* An input address beyond a stage-2 range: translation at the start */
static void test_s2_ia_range(void)
{
    SmmuPmWalkResult res;
    Pt pt;

    pt_init(&pt, 2, 12, 24, 1, 48);                 /* 40-bit IPA */
    pt_map(&pt, 0xfffff00000ull, 3, pt_rw(&pt, 3, 0x5000));
    pt_walk(&pt, 0xfffff00000ull, false, &res);
    assert_ok(&res, 3, 12, 0x5000);
    pt_walk(&pt, 0x10000000000ull, false, &res);
    assert_fault(&res, SMMU_PM_WALK_TRANSLATION, 1);
    g_assert_cmpuint(pt.mem.reads, ==, 0);
    pt_walk(&pt, 0x8000000000000000ull, false, &res);
    assert_fault(&res, SMMU_PM_WALK_TRANSLATION, 1);

    /* TTB1 and TBI are stage-1 notions: stage 2 ignores them */
    pt.cfg.ttb1 = true;
    pt.cfg.tbi = true;
    pt_walk(&pt, 0xfffff00000ull, false, &res);
    assert_ok(&res, 3, 12, 0x5000);
    pt_walk(&pt, 0xff000ffffff00000ull, false, &res);
    assert_fault(&res, SMMU_PM_WALK_TRANSLATION, 1);
    pt_destroy(&pt);
}

/*
 * TTB bits below the start table's size (at least 64 bytes) are RES0 and
 * ignored: a 16-entry table may sit at any 128-byte boundary.
 */
static void test_ttb_alignment(void)
{
    SmmuPmWalkResult res;
    Pt pt;

    pt_init(&pt, 1, 12, 39, 2, 48);         /* 25 bits: 16 L2 entries */
    g_assert_cmpuint(pt.start_bits, ==, 4);
    pt.cfg.ttb += 0x180;
    pt_map(&pt, 0x1a03000, 3, pt_rw(&pt, 3, 0x8000));
    pt.cfg.ttb += 0x78;
    pt_walk(&pt, 0x1a03008, false, &res);
    assert_ok(&res, 3, 12, 0x8008);
    pt_destroy(&pt);

    pt_init(&pt, 1, 14, 37, 2, 48);         /* 27 bits: 4 L2 entries */
    g_assert_cmpuint(pt.start_bits, ==, 2);
    pt.cfg.ttb += 0x40;
    pt_map(&pt, 0x5ffc000, 3, pt_rw(&pt, 3, 0x8000));
    pt.cfg.ttb += 0x20;                     /* below the 64-byte minimum */
    pt_walk(&pt, 0x5ffc000, false, &res);
    assert_ok(&res, 3, 14, 0x8000);
    pt_destroy(&pt);
}

/* ---- blocks ---- */

typedef struct BlockCase {
    unsigned stage, g, tsz;
    int start, level;
    unsigned oas;
    bool allowed;
} BlockCase;

static const BlockCase block_cases[] = {
    { 1, 12, 16, 0, 1, 48, true }, { 1, 12, 16, 0, 2, 48, true },
    { 1, 12, 16, 0, 0, 48, false },
    { 1, 12, 16, 0, 0, 52, false },
    { 1, 14, 16, 0, 2, 48, true }, { 1, 14, 16, 0, 1, 48, false },
    { 1, 14, 16, 0, 0, 48, false },
    { 1, 16, 16, 1, 2, 48, true }, { 1, 16, 16, 1, 1, 48, false },
    { 1, 16, 12, 1, 1, 52, true },
    { 2, 12, 16, 0, 1, 48, true }, { 2, 12, 25, 1, 2, 48, true },
    { 2, 12, 16, 0, 0, 48, false },
    { 2, 14, 17, 1, 2, 48, true }, { 2, 14, 17, 1, 1, 48, false },
    { 2, 16, 22, 2, 2, 48, true }, { 2, 16, 16, 1, 1, 48, false },
    { 2, 16, 12, 1, 1, 52, true },
};

static void test_blocks(gconstpointer data)
{
    const BlockCase *c = data;
    unsigned shift = lvl_shift(c->g, c->level);
    unsigned ia_bits = 64 - c->tsz;
    uint64_t ia = pattern_ia(ia_bits, 0x5a5a5a5a5a5a5a5aull);
    uint64_t oa = (c->oas == 52 ? 0x000d000000000000ull : 0) |
                  (0x0000f00000000000ull & mask_bits(shift, 48));
    SmmuPmWalkResult res;
    Pt pt;

    pt_init(&pt, c->stage, c->g, c->tsz, c->start, c->oas);
    pt_map(&pt, ia, c->level, pt_rw(&pt, c->level, oa));
    pt_walk(&pt, ia, false, &res);
    if (c->allowed) {
        assert_ok(&res, c->level, shift, oa | (ia & mask_bits(0, shift)));
    } else {
        assert_fault(&res, SMMU_PM_WALK_TRANSLATION, c->level);
    }
    g_assert_cmpuint(pt.mem.reads, ==, c->level - c->start + 1);
    pt_destroy(&pt);
}

/* bits[1:0] == 0b01 at level 3 is reserved, for every granule */
static void test_l3_block_reserved(void)
{
    for (unsigned g = 12; g <= 16; g += 2) {
        for (unsigned stage = 1; stage <= 2; stage++) {
            SmmuPmWalkResult res;
            Pt pt;

            /* a 34-bit range: 4K starts at L1, 16K and 64K at L2 */
            pt_init(&pt, stage, g, 30, g == 12 ? 1 : 2, 48);
            pt_map(&pt, 0x1000000, 3, pt_rw(&pt, 3, 0x70000) & ~2ull);
            pt_walk(&pt, 0x1000000, false, &res);
            assert_fault(&res, SMMU_PM_WALK_TRANSLATION, 3);
            g_assert_cmphex(res.desc, ==,
                            pt_rw(&pt, 3, 0x70000) & ~2ull);
            pt_destroy(&pt);
        }
    }
}

/* ---- 52-bit output addresses with 64K ---- */

static void test_oa52(void)
{
    uint64_t ia = 0x000f123456789abcull;     /* 52-bit VA */
    uint64_t l2 = 0x000a000012340000ull;     /* table above 48 bits */
    uint64_t oa = 0x000b456789ab0000ull;
    SmmuPmWalkResult res;
    Pt pt;

    pt_init(&pt, 1, 16, 12, 1, 52);
    g_assert_cmpuint(pt.start_bits, ==, 10);
    /* L1 -> L2 table at l2 (OA[51:48] in bits [15:12]), page in it */
    fake_mem_write64(&pt.mem, pt.cfg.ttb + (ia >> 42) * 8,
                     (l2 & mask_bits(16, 48)) | (0xaull << 12) | D_TABLE);
    pt.start = 2;                           /* build from the L2 table */
    pt.start_bits = 13;
    pt.cfg.ttb = l2;
    pt_map(&pt, ia, 3, pt_rw(&pt, 3, oa));
    pt.cfg.ttb = TABLES_BASE;
    pt.start = 1;
    pt.start_bits = 10;

    pt_walk(&pt, ia, false, &res);
    assert_ok(&res, 3, 16, oa | 0x9abc);
    g_assert_cmphex(res.desc, ==,
                    0x0000456789ab0000ull | (0xbull << 12) | D_PAGE | D_AF);

    /*
     * A 48-bit OAS: bits [15:12] are not address bits, in tables or
     * leaves (L1 -> L2 at 0x12340000 -> L3 at 0x12350000 -> page).
     */
    pt.cfg.oas_bits = 48;
    pt.cfg.tsz = 16;
    ia &= mask_bits(0, 48);
    fake_mem_write64(&pt.mem, pt.cfg.ttb + ((ia >> 42) & 0x3f) * 8,
                     0x0000000012340000ull | (0xaull << 12) | D_TABLE);
    fake_mem_write64(&pt.mem,
                     0x0000000012340000ull + ((ia >> 29) & 0x1fff) * 8,
                     0x0000000012350000ull | (0x5ull << 12) | D_TABLE);
    fake_mem_write64(&pt.mem,
                     0x0000000012350000ull + ((ia >> 16) & 0x1fff) * 8,
                     0x0000456789ab0000ull | (0xbull << 12) | D_PAGE | D_AF);
    pt_walk(&pt, ia, false, &res);
    assert_ok(&res, 3, 16, 0x0000456789ab9abcull);
    g_assert_cmpuint(pt.mem.reads, ==, 3);

    /* ... and a 44-bit OAS: that OA is too large */
    pt.cfg.oas_bits = 44;
    pt_walk(&pt, ia, false, &res);
    assert_fault(&res, SMMU_PM_WALK_ADDR_SIZE, 3);
    pt_destroy(&pt);
}

/* ---- stage-1 input ranges: TTB1 and TBI ---- */

static void test_ttb1_tbi(void)
{
    static const struct {
        bool ttb1, tbi;
        uint64_t ia;
        bool ok;
    } cases[] = {
        { false, false, 0x0000765432101234ull, true },
        { false, false, 0x0001765432101234ull, false },
        { false, false, 0x8000765432101234ull, false },
        { false, false, 0xff00765432101234ull, false },
        { false, true, 0xff00765432101234ull, true },
        { false, true, 0x5a00765432101234ull, true },
        { false, true, 0x0080765432101234ull, false },
        { true, false, 0xffff765432101234ull, true },
        { true, false, 0x0000765432101234ull, false },
        { true, false, 0xfffe765432101234ull, false },
        { true, false, 0x7fff765432101234ull, false },
        { true, true, 0x00ff765432101234ull, true },
        { true, true, 0x7fff765432101234ull, true },
        { true, true, 0xfffe765432101234ull, false },
    };

    for (unsigned i = 0; i < G_N_ELEMENTS(cases); i++) {
        SmmuPmWalkResult res;
        Pt pt;

        pt_init(&pt, 1, 12, 16, 0, 48);
        pt.cfg.ttb1 = cases[i].ttb1;
        pt.cfg.tbi = cases[i].tbi;
        pt_map(&pt, 0x765432101234ull, 3, pt_rw(&pt, 3, 0x9000));
        pt_walk(&pt, cases[i].ia, false, &res);
        g_test_message("case %u", i);
        if (cases[i].ok) {
            assert_ok(&res, 3, 12, 0x9234);
            g_assert_cmpuint(pt.mem.reads, ==, 4);
        } else {
            assert_fault(&res, SMMU_PM_WALK_TRANSLATION, 0);
            g_assert_cmpuint(pt.mem.reads, ==, 0);
        }
        pt_destroy(&pt);
    }

    /* A 39-bit TTB1 range starting at level 1 */
    {
        SmmuPmWalkResult res;
        Pt pt;

        pt_init(&pt, 1, 12, 25, 1, 48);
        pt.cfg.ttb1 = true;
        pt_map(&pt, 0xffffffc000201000ull, 3, pt_rw(&pt, 3, 0xa000));
        pt_walk(&pt, 0xffffffc000201008ull, false, &res);
        assert_ok(&res, 3, 12, 0xa008);
        pt_walk(&pt, 0xffffff0000201008ull, false, &res);
        assert_fault(&res, SMMU_PM_WALK_TRANSLATION, 1);
        g_assert_cmpuint(pt.mem.reads, ==, 0);
        pt_destroy(&pt);
    }
}

/* ---- faults ---- */

static void test_invalid_each_level(void)
{
    for (unsigned stage = 1; stage <= 2; stage++) {
        for (int level = 0; level <= 3; level++) {
            uint64_t ia = 0x123456789000ull;
            SmmuPmWalkResult res;
            Pt pt;

            pt_init(&pt, stage, 12, 16, 0, 48);
            /* Valid tables down to @level, invalid (but not 0) there */
            pt_map(&pt, ia, level, 0xfffffffffffffffeull);
            pt_walk(&pt, ia, false, &res);
            assert_fault(&res, SMMU_PM_WALK_TRANSLATION, level);
            g_assert_cmpuint(pt.mem.reads, ==, level + 1);
            g_assert_cmphex(res.desc, ==, 0xfffffffffffffffeull);
            pt_destroy(&pt);
        }
    }
}

static void test_addr_size(void)
{
    uint64_t ia = 0x7f00000ull;
    SmmuPmWalkResult res;
    Pt pt;

    for (unsigned stage = 1; stage <= 2; stage++) {
        pt_init(&pt, stage, 12, 16, 0, 40);

        /* page OA just beyond, and just within, a 40-bit OAS */
        pt_map(&pt, ia, 3, pt_rw(&pt, 3, 1ull << 40));
        pt_walk(&pt, ia, false, &res);
        assert_fault(&res, SMMU_PM_WALK_ADDR_SIZE, 3);
        pt_map(&pt, ia, 3, pt_rw(&pt, 3, (1ull << 40) - 0x1000));
        pt_walk(&pt, ia, false, &res);
        assert_ok(&res, 3, 12, (1ull << 40) - 0x1000);

        /* block OA at level 2 */
        pt_map(&pt, ia, 2, pt_rw(&pt, 2, 0x0000100000000000ull));
        pt_walk(&pt, ia, false, &res);
        assert_fault(&res, SMMU_PM_WALK_ADDR_SIZE, 2);

        /* a table address beyond the OAS, at level 1 */
        pt_map(&pt, ia, 1, (1ull << 41) | D_TABLE);
        pt_walk(&pt, ia, false, &res);
        assert_fault(&res, SMMU_PM_WALK_ADDR_SIZE, 1);
        g_assert_cmpuint(pt.mem.reads, ==, 2);

        /* the TTB itself */
        pt.cfg.ttb = 1ull << 40;
        pt_walk(&pt, ia, false, &res);
        assert_fault(&res, SMMU_PM_WALK_ADDR_SIZE, 0);
        g_assert_cmpuint(pt.mem.reads, ==, 0);
        pt_destroy(&pt);
    }

    /* Start level 1: the TTB fault is reported at the start level */
    pt_init(&pt, 1, 12, 25, 1, 36);
    pt.cfg.ttb = 1ull << 36;
    pt_walk(&pt, 0x1000, false, &res);
    assert_fault(&res, SMMU_PM_WALK_ADDR_SIZE, 1);
    pt_destroy(&pt);
}

static void test_access_flag(void)
{
    uint64_t ia = 0x40201000ull;

    for (unsigned stage = 1; stage <= 2; stage++) {
        for (int level = 2; level <= 3; level++) {
            SmmuPmWalkResult res;
            uint64_t slot, desc;
            Pt pt;

            pt_init(&pt, stage, 12, 25, 1, 48);
            desc = pt_rw(&pt, level, 0x80000000ull) & ~D_AF;
            slot = pt_map(&pt, ia, level, desc);

            pt_walk(&pt, ia, false, &res);
            assert_fault(&res, SMMU_PM_WALK_ACCESS, level);
            g_assert_cmphex(fake_mem_read64(&pt.mem, slot), ==, desc);

            pt.cfg.affd = true;
            pt_walk(&pt, ia, false, &res);
            g_assert_cmpint(res.fault, ==, SMMU_PM_WALK_OK);
            g_assert_cmphex(res.desc, ==, desc);
            g_assert_cmphex(fake_mem_read64(&pt.mem, slot), ==, desc);
            g_assert_cmpuint(pt.mem.updates, ==, 0);

            /* HA updates AF, with or without AFFD */
            for (int affd = 0; affd <= 1; affd++) {
                fake_mem_write64(&pt.mem, slot, desc);
                pt.cfg.affd = affd;
                pt.cfg.ha = true;
                pt_walk(&pt, ia, false, &res);
                assert_ok(&res, level, level == 3 ? 12 : 21,
                          0x80000000ull | (ia & (level == 3 ? 0 : 0x1fffff)));
                g_assert_cmphex(res.desc, ==, desc | D_AF);
                g_assert_cmphex(fake_mem_read64(&pt.mem, slot), ==,
                                desc | D_AF);
                g_assert_cmpuint(pt.mem.updates_done, ==, 1);
            }

            /* HA without an update callback: as if HA were off */
            fake_mem_write64(&pt.mem, slot, desc);
            pt.cfg.affd = false;
            pt.mem.ops.update = NULL;
            pt_walk(&pt, ia, false, &res);
            assert_fault(&res, SMMU_PM_WALK_ACCESS, level);
            pt_destroy(&pt);
        }
    }
}

static void test_eabt(void)
{
    uint64_t ia = 0x123456789000ull;

    for (int level = 0; level <= 3; level++) {
        for (int s2 = 0; s2 <= 1; s2++) {
            SmmuPmWalkFault f = s2 ? SMMU_PM_WALK_STAGE2 : SMMU_PM_WALK_EABT;
            SmmuPmWalkResult res;
            uint64_t slot;
            Pt pt;

            pt_init(&pt, 1, 12, 16, 0, 48);
            pt_map(&pt, ia, 3, pt_rw(&pt, 3, 0x7000));
            slot = pt_slot(&pt, ia, level);
            fake_mem_add_abort(&pt.mem, slot, 8, f);
            pt_walk(&pt, ia, false, &res);
            assert_fault(&res, f, level);
            g_assert_cmphex(res.fetch_addr, ==, slot);
            g_assert_cmpuint(pt.mem.reads, ==, level + 1);
            pt_destroy(&pt);
        }
    }

    /* An aborted hardware update of the leaf */
    for (int s2 = 0; s2 <= 1; s2++) {
        SmmuPmWalkFault f = s2 ? SMMU_PM_WALK_STAGE2 : SMMU_PM_WALK_EABT;
        SmmuPmWalkResult res;
        uint64_t slot;
        Pt pt;

        pt_init(&pt, 2, 16, 22, 2, 48);
        slot = pt_map(&pt, ia & mask_bits(0, 42), 3,
                      pt_rw(&pt, 3, 0x70000) & ~D_AF);
        fake_mem_add_update_abort(&pt.mem, slot, 8, f);
        pt.cfg.ha = true;
        pt_walk(&pt, ia & mask_bits(0, 42), false, &res);
        assert_fault(&res, f, 3);
        g_assert_cmphex(res.fetch_addr, ==, slot);
        g_assert_cmpuint(pt.mem.updates, ==, 1);
        pt_destroy(&pt);
    }
}

/* ---- hardware dirty state ---- */

static void test_dirty_s1(void)
{
    uint64_t ia = 0x3000ull, clean;
    SmmuPmWalkResult res;
    uint64_t slot;
    Pt pt;

    pt_init(&pt, 1, 12, 25, 1, 48);
    clean = pt_leaf(&pt, 3, 0x9000, D_AF | D_AP2 | D_DBM | D_AP1);
    slot = pt_map(&pt, ia, 3, clean);
    pt.cfg.ha = pt.cfg.hd = true;

    /*
     * A read leaves it clean: no W, dirty pending; EL0-writable once
     * written, so never privileged-executable
     */
    pt_walk(&pt, ia, false, &res);
    assert_ok(&res, 3, 12, 0x9000);
    g_assert_cmpuint(res.perm_priv, ==, R);
    g_assert_cmpuint(res.perm_user, ==, R | X);
    g_assert_true(res.dirty_pending);
    g_assert_cmpuint(pt.mem.updates, ==, 0);
    g_assert_cmphex(fake_mem_read64(&pt.mem, slot), ==, clean);

    /* A write marks it dirty: AP[2] cleared in memory */
    pt_walk(&pt, ia, true, &res);
    assert_ok(&res, 3, 12, 0x9000);
    g_assert_cmpuint(res.perm_priv, ==, R | W);
    g_assert_cmpuint(res.perm_user, ==, R | W | X);
    g_assert_false(res.dirty_pending);
    g_assert_cmphex(res.desc, ==, clean & ~D_AP2);
    g_assert_cmphex(fake_mem_read64(&pt.mem, slot), ==, clean & ~D_AP2);
    g_assert_cmpuint(pt.mem.updates_done, ==, 1);

    /* AF and dirty in one update */
    fake_mem_write64(&pt.mem, slot, clean & ~D_AF);
    pt_walk(&pt, ia, true, &res);
    g_assert_cmpint(res.fault, ==, SMMU_PM_WALK_OK);
    g_assert_cmphex(fake_mem_read64(&pt.mem, slot), ==, clean & ~D_AP2);
    g_assert_cmpuint(pt.mem.updates, ==, 1);

    /* AF == 0 on a read with HD: only AF is set */
    fake_mem_write64(&pt.mem, slot, clean & ~D_AF);
    pt_walk(&pt, ia, false, &res);
    g_assert_true(res.dirty_pending);
    g_assert_cmphex(fake_mem_read64(&pt.mem, slot), ==, clean);

    /* HD without HA: dirty state management is off, DBM ignored */
    fake_mem_write64(&pt.mem, slot, clean);
    pt.cfg.ha = false;
    pt_walk(&pt, ia, true, &res);
    g_assert_cmpint(res.fault, ==, SMMU_PM_WALK_OK);
    g_assert_cmpuint(res.perm_priv, ==, R | X);
    g_assert_false(res.dirty_pending);
    g_assert_cmpuint(pt.mem.updates, ==, 0);
    pt.cfg.ha = true;

    /* Without DBM a read-only page stays read-only */
    fake_mem_write64(&pt.mem, slot, clean & ~D_DBM);
    pt_walk(&pt, ia, true, &res);
    g_assert_cmpuint(res.perm_priv, ==, R | X);
    g_assert_false(res.dirty_pending);
    g_assert_cmpuint(pt.mem.updates, ==, 0);

    /* Already dirty (AP[2] == 0): nothing to do */
    fake_mem_write64(&pt.mem, slot, clean & ~D_AP2);
    pt_walk(&pt, ia, true, &res);
    g_assert_cmpuint(res.perm_priv, ==, R | W);  /* EL0-writable: PXN */
    g_assert_cmpuint(pt.mem.updates, ==, 0);

    /* WXN sees a writable-clean page as writable */
    fake_mem_write64(&pt.mem, slot, clean);
    pt.cfg.wxn = true;
    pt_walk(&pt, ia, false, &res);
    g_assert_cmpuint(res.perm_priv, ==, R);
    g_assert_cmpuint(res.perm_user, ==, R);
    g_assert_true(res.dirty_pending);
    pt_destroy(&pt);

    /* APTable read-only overrides DBM: no update, no W */
    pt_init(&pt, 1, 12, 25, 1, 48);
    pt.tbl_bits = T_RO;
    slot = pt_map(&pt, ia, 3, clean);
    pt.cfg.ha = pt.cfg.hd = true;
    pt_walk(&pt, ia, true, &res);
    g_assert_cmpint(res.fault, ==, SMMU_PM_WALK_OK);
    g_assert_cmpuint(res.perm_priv, ==, R | X);
    g_assert_false(res.dirty_pending);
    g_assert_cmpuint(pt.mem.updates, ==, 0);
    pt_destroy(&pt);
}

static void test_dirty_s2(void)
{
    uint64_t ia = 0x5000ull, clean;
    SmmuPmWalkResult res;
    uint64_t slot;
    Pt pt;

    pt_init(&pt, 2, 12, 34, 2, 48);
    clean = pt_leaf(&pt, 3, 0xb000, D_AF | D_S2AP_R | D_DBM);
    slot = pt_map(&pt, ia, 3, clean);
    pt.cfg.ha = pt.cfg.hd = true;

    pt_walk(&pt, ia, false, &res);
    assert_ok(&res, 3, 12, 0xb000);
    g_assert_cmpuint(res.perm_priv, ==, R | X);
    g_assert_cmpuint(res.perm_user, ==, R | X);
    g_assert_true(res.dirty_pending);
    g_assert_cmphex(fake_mem_read64(&pt.mem, slot), ==, clean);

    pt_walk(&pt, ia, true, &res);
    g_assert_cmpuint(res.perm_priv, ==, R | W | X);
    g_assert_false(res.dirty_pending);
    g_assert_cmphex(fake_mem_read64(&pt.mem, slot), ==, clean | D_S2AP_W);
    g_assert_cmpuint(pt.mem.updates_done, ==, 1);

    /* Write-only clean page (S2AP == 00 with DBM) becomes W */
    fake_mem_write64(&pt.mem, slot, clean & ~D_S2AP_R);
    pt_walk(&pt, ia, true, &res);
    g_assert_cmpuint(res.perm_priv, ==, W | X);
    g_assert_cmphex(fake_mem_read64(&pt.mem, slot), ==,
                    (clean & ~D_S2AP_R) | D_S2AP_W);
    pt_destroy(&pt);
}

/*
 * HD and the access: a write makes a writable-clean page dirty only when
 * the dirty page permits it (Arm ARM, "Hardware management of the dirty
 * state": no update for a write that faults given the updated state).
 * Stage 1 by privilege, PAN and APTable; stage 2 and the EL2 regime have
 * a single privilege level.  @leaf and @table add to a clean leaf (AF,
 * DBM, AP[2] or S2AP[0]) and to the table descriptors above it.
 */
typedef struct DirtyCase {
    unsigned stage;
    uint64_t leaf, table;
    bool el2, priv, pan;
    bool dirty;                 /* the write makes it dirty */
} DirtyCase;

static const DirtyCase dirty_cases[] = {
    /* EL1-only (AP[1] 0): EL0 may not write it once dirty */
    { 1, 0, 0, .priv = false, .dirty = false },
    { 1, 0, 0, .priv = true, .dirty = true },
    { 1, 0, 0, .priv = true, .pan = true, .dirty = true },
    /* EL0-accessible: PAN refuses the privileged write */
    { 1, D_AP1, 0, .priv = false, .dirty = true },
    { 1, D_AP1, 0, .priv = false, .pan = true, .dirty = true },
    { 1, D_AP1, 0, .priv = true, .dirty = true },
    { 1, D_AP1, 0, .priv = true, .pan = true, .dirty = false },
    /* APTable[0]: no EL0 access, so not PAN's either */
    { 1, D_AP1, T_NO_EL0, .priv = false, .dirty = false },
    { 1, D_AP1, T_NO_EL0, .priv = true, .pan = true, .dirty = true },
    /* EL2 without E2H: one privilege level, no PAN */
    { 1, 0, 0, .el2 = true, .priv = false, .dirty = true },
    { 1, 0, 0, .el2 = true, .priv = true, .pan = true, .dirty = true },
    /* stage 2: no privilege distinction */
    { 2, D_S2AP_R, 0, .priv = false, .dirty = true },
    { 2, D_S2AP_R, 0, .priv = true, .pan = true, .dirty = true },
    { 2, 0, 0, .priv = false, .dirty = true },          /* write-only */
};

/* Granule, TxSZ and start level of a regime that both stages can walk */
static const unsigned dirty_geom[][3] = {
    { 12, 25, 1 }, { 14, 28, 2 }, { 16, 22, 2 },
};

static void test_dirty_privilege(gconstpointer data)
{
    const unsigned *geom = data;
    unsigned g = geom[0];
    uint64_t ia = (5ull << g) | 0x18;

    for (unsigned i = 0; i < G_N_ELEMENTS(dirty_cases); i++) {
        const DirtyCase *c = &dirty_cases[i];
        SmmuPmWalkAccess acc = { .write = true, .priv = c->priv,
                                 .pan = c->pan };
        uint64_t clean, dirty, slot;
        SmmuPmWalkResult res;
        Pt pt;

        g_test_message("case %u", i);
        pt_init(&pt, c->stage, g, geom[1], geom[2], 48);
        pt.tbl_bits = c->table;
        pt.cfg.el2 = c->el2;
        pt.cfg.ha = pt.cfg.hd = true;
        clean = pt_leaf(&pt, 3, 9ull << g, D_AF | D_DBM | c->leaf |
                        (c->stage == 1 ? D_AP2 : 0));
        dirty = c->stage == 1 ? clean & ~D_AP2 : clean | D_S2AP_W;
        slot = pt_map(&pt, ia, 3, clean);

        pt_walk_acc(&pt, ia, &acc, &res);
        assert_ok(&res, 3, g, (9ull << g) | (ia & 0x18));
        g_assert_cmpint(smmu_pm_walk_check_perm(res.perm_priv,
                                                res.perm_user,
                                                res.user_accessible,
                                                c->pan, true, false,
                                                c->priv), ==, c->dirty);
        g_assert_cmpint(res.dirty_pending, ==, !c->dirty);
        g_assert_cmphex(res.desc, ==, c->dirty ? dirty : clean);
        g_assert_cmphex(fake_mem_read64(&pt.mem, slot), ==,
                        c->dirty ? dirty : clean);
        g_assert_cmpuint(pt.mem.updates, ==, c->dirty);
        pt_destroy(&pt);
    }
}

/* ---- compare-and-swap races ---- */

typedef struct Race {
    unsigned left;              /* races still to play */
    uint64_t value;             /* what the other agent writes */
    bool flip;                  /* toggle a software bit instead */
} Race;

static void race_hook(FakeMem *m, uint64_t addr, void *opaque)
{
    Race *r = opaque;

    if (!r->left) {
        return;
    }
    r->left--;
    if (r->flip) {
        fake_mem_write64(m, addr, fake_mem_read64(m, addr) ^ D_SW55);
    } else {
        fake_mem_write64(m, addr, r->value);
    }
}

static void test_races(void)
{
    uint64_t ia = 0x40201000ull, desc;
    SmmuPmWalkResult res;
    uint64_t slot;
    Race race;
    Pt pt;

    pt_init(&pt, 1, 12, 25, 1, 48);
    pt.cfg.ha = pt.cfg.hd = true;
    pt.mem.before_update = race_hook;
    pt.mem.before_update_opaque = &race;
    desc = pt_leaf(&pt, 3, 0x9000, D_AP2 | D_DBM);

    /* Another agent sets AF (and nG) first: re-evaluated, no retry */
    slot = pt_map(&pt, ia, 3, desc);
    race = (Race) { 1, desc | D_AF | D_NG, false };
    pt_walk(&pt, ia, false, &res);
    assert_ok(&res, 3, 12, 0x9000);
    g_assert_false(res.global);
    g_assert_cmphex(res.desc, ==, desc | D_AF | D_NG);
    g_assert_cmpuint(pt.mem.updates, ==, 1);
    g_assert_cmpuint(pt.mem.updates_done, ==, 0);

    /* ... sets AF while we want dirty too: the retry marks it dirty */
    fake_mem_write64(&pt.mem, slot, desc);
    race = (Race) { 1, desc | D_AF, false };
    pt_walk(&pt, ia, true, &res);
    g_assert_cmpint(res.fault, ==, SMMU_PM_WALK_OK);
    g_assert_cmphex(fake_mem_read64(&pt.mem, slot), ==,
                    (desc | D_AF) & ~D_AP2);
    g_assert_cmpuint(pt.mem.updates, ==, 2);
    g_assert_cmpuint(pt.mem.updates_done, ==, 1);

    /* ... invalidates it: translation fault */
    fake_mem_write64(&pt.mem, slot, desc);
    race = (Race) { 1, 0, false };
    pt_walk(&pt, ia, false, &res);
    assert_fault(&res, SMMU_PM_WALK_TRANSLATION, 3);

    /* ... keeps changing it: the walk gives up after 8 attempts */
    fake_mem_write64(&pt.mem, slot, desc);
    race = (Race) { 1000, 0, true };
    pt_walk(&pt, ia, false, &res);
    assert_fault(&res, SMMU_PM_WALK_ACCESS, 3);
    g_assert_cmpuint(pt.mem.updates, ==, 8);
    g_assert_cmpuint(pt.mem.updates_done, ==, 0);

    /* ... same for a dirty update: the page stays without W */
    fake_mem_write64(&pt.mem, slot, desc | D_AF);
    race = (Race) { 1000, 0, true };
    pt_walk(&pt, ia, true, &res);
    g_assert_cmpint(res.fault, ==, SMMU_PM_WALK_OK);
    g_assert_cmpuint(res.perm_priv, ==, R | X);
    g_assert_false(res.dirty_pending);
    g_assert_cmpuint(pt.mem.updates, ==, 8);

    /* The eighth attempt wins: AF set, the page still writable-clean */
    fake_mem_write64(&pt.mem, slot, desc);
    race = (Race) { 7, 0, true };
    pt_walk(&pt, ia, false, &res);
    g_assert_cmpint(res.fault, ==, SMMU_PM_WALK_OK);
    g_assert_true(res.dirty_pending);
    g_assert_cmpuint(pt.mem.updates, ==, 8);
    g_assert_cmpuint(pt.mem.updates_done, ==, 1);
    g_assert_cmphex(fake_mem_read64(&pt.mem, slot), ==,
                    (desc ^ D_SW55) | D_AF);     /* 7 flips */

    /* A level-2 block replaced by a table: the walk goes on down */
    {
        uint64_t blk_ia = 0x80000000ull | 0x3000, l3 = 0x7700000ull;

        fake_mem_write64(&pt.mem, l3 + 3 * 8,
                         pt_leaf(&pt, 3, 0xcc000, D_AF));
        slot = pt_map(&pt, blk_ia, 2, pt_leaf(&pt, 2, 0x200000, 0));
        race = (Race) { 1, l3 | D_TABLE, false };
        pt_walk(&pt, blk_ia, false, &res);
        assert_ok(&res, 3, 12, 0xcc000);
        g_assert_cmpuint(pt.mem.reads, ==, 3);
        g_assert_cmpuint(pt.mem.updates, ==, 1);
    }
    pt_destroy(&pt);
}

/* ---- permissions ---- */

typedef struct PermCase {
    uint64_t leaf;              /* AP, XN bits */
    uint64_t table;             /* hierarchical attributes */
    bool had, el2, wxn;
    uint8_t priv, user;
    bool user_accessible;
} PermCase;

static const PermCase s1_perm_cases[] = {
    /* AP[2:1] x UXN x PXN, EL1&0; EL0-writable is always PXN */
    { 0, 0, .priv = R | W | X, .user = X },
    { D_AP1, 0, .priv = R | W, .user = R | W | X, .user_accessible = 1 },
    { D_AP2, 0, .priv = R | X, .user = X },
    { D_AP2 | D_AP1, 0, .priv = R | X, .user = R | X, .user_accessible = 1 },
    { D_UXN, 0, .priv = R | W | X, .user = 0 },
    { D_AP1 | D_UXN, 0, .priv = R | W, .user = R | W,
      .user_accessible = 1 },
    { D_AP2 | D_UXN, 0, .priv = R | X, .user = 0 },
    { D_AP2 | D_AP1 | D_UXN, 0, .priv = R | X, .user = R,
      .user_accessible = 1 },
    { D_PXN, 0, .priv = R | W, .user = X },
    { D_AP1 | D_PXN, 0, .priv = R | W, .user = R | W | X,
      .user_accessible = 1 },
    { D_AP2 | D_PXN, 0, .priv = R, .user = X },
    { D_AP2 | D_AP1 | D_PXN, 0, .priv = R, .user = R | X,
      .user_accessible = 1 },
    { D_UXN | D_PXN, 0, .priv = R | W, .user = 0 },
    { D_AP1 | D_UXN | D_PXN, 0, .priv = R | W, .user = R | W,
      .user_accessible = 1 },
    { D_AP2 | D_UXN | D_PXN, 0, .priv = R, .user = 0 },
    { D_AP2 | D_AP1 | D_UXN | D_PXN, 0, .priv = R, .user = R,
      .user_accessible = 1 },
    /* hierarchical attributes */
    { D_AP1, T_RO, .priv = R | X, .user = R | X, .user_accessible = 1 },
    { D_AP1, T_NO_EL0, .priv = R | W | X, .user = X },
    { D_AP1, T_UXN, .priv = R | W, .user = R | W,
      .user_accessible = 1 },
    { D_AP1, T_PXN, .priv = R | W, .user = R | W | X,
      .user_accessible = 1 },
    { D_AP1, T_RO | T_NO_EL0 | T_UXN | T_PXN, .priv = R, .user = 0 },
    /* ... ignored with HAD */
    { D_AP1, T_RO | T_NO_EL0 | T_UXN | T_PXN, .had = 1,
      .priv = R | W, .user = R | W | X, .user_accessible = 1 },
    /* WXN: writable at a level means not executable at that level */
    { D_AP1, 0, .wxn = 1, .priv = R | W, .user = R | W,
      .user_accessible = 1 },
    { 0, 0, .wxn = 1, .priv = R | W, .user = X },
    { D_AP2 | D_AP1, 0, .wxn = 1, .priv = R | X, .user = R | X,
      .user_accessible = 1 },
    { D_AP1, T_RO, .wxn = 1, .priv = R | X, .user = R | X,
      .user_accessible = 1 },
    /* not EL0-writable after the table attributes: PXN not implied */
    { D_AP1, T_NO_EL0, .priv = R | W | X, .user = X },
    /* EL2 without E2H: AP[1] ignored, UXN is XN, PXN ignored */
    { 0, 0, .el2 = 1, .priv = R | W | X, .user = R | W | X },
    { D_AP1, 0, .el2 = 1, .priv = R | W | X, .user = R | W | X },
    { D_AP2, 0, .el2 = 1, .priv = R | X, .user = R | X },
    { D_XN, 0, .el2 = 1, .priv = R | W, .user = R | W },
    { D_PXN, 0, .el2 = 1, .priv = R | W | X, .user = R | W | X },
    { 0, T_PXN | T_NO_EL0, .el2 = 1, .priv = R | W | X, .user = R | W | X },
    { 0, T_UXN, .el2 = 1, .priv = R | W, .user = R | W },
    { 0, T_RO, .el2 = 1, .priv = R | X, .user = R | X },
    { 0, 0, .el2 = 1, .wxn = 1, .priv = R | W, .user = R | W },
    { D_AP2, 0, .el2 = 1, .wxn = 1, .priv = R | X, .user = R | X },
};

static void test_s1_perms(gconstpointer data)
{
    const PermCase *c = data;
    uint64_t ia = 0x12345000ull;
    SmmuPmWalkResult res;
    Pt pt;

    pt_init(&pt, 1, 12, 25, 1, 48);
    pt.tbl_bits = c->table;
    pt.cfg.had = c->had;
    pt.cfg.el2 = c->el2;
    pt.cfg.wxn = c->wxn;
    pt_map(&pt, ia, 3, pt_leaf(&pt, 3, 0x6000, D_AF | c->leaf));
    pt_walk(&pt, ia, false, &res);
    assert_ok(&res, 3, 12, 0x6000);
    g_assert_cmpuint(res.perm_priv, ==, c->priv);
    g_assert_cmpuint(res.perm_user, ==, c->user);
    g_assert_cmpint(res.user_accessible, ==, c->user_accessible);
    g_assert_false(res.dirty_pending);
    pt_destroy(&pt);
}

/* Table attributes accumulate from every level, not just the last */
static void test_s1_perms_hierarchy(void)
{
    uint64_t ia = 0x8040201000ull;
    SmmuPmWalkResult res;
    Pt pt;

    pt_init(&pt, 1, 12, 16, 0, 48);
    pt.tbl_bits = T_UXN;                    /* the L0 descriptor */
    pt_slot(&pt, ia, 1);
    pt.tbl_bits = T_RO;                     /* the L1 descriptor */
    pt_slot(&pt, ia, 2);
    pt.tbl_bits = T_PXN;                    /* the L2 descriptor */
    pt_map(&pt, ia, 3, pt_leaf(&pt, 3, 0x6000, D_AF | D_AP1));
    pt_walk(&pt, ia, false, &res);
    g_assert_cmpint(res.fault, ==, SMMU_PM_WALK_OK);
    g_assert_cmpuint(res.perm_priv, ==, R);
    g_assert_cmpuint(res.perm_user, ==, R);
    pt_destroy(&pt);
}

static void test_s2_perms(void)
{
    static const struct {
        uint64_t leaf;
        uint8_t perm;
    } cases[] = {
        { 0, X },
        { D_S2AP_R, R | X },
        { D_S2AP_W, W | X },
        { D_S2AP_R | D_S2AP_W, R | W | X },
        { D_XN, 0 },
        { D_S2AP_R | D_XN, R },
        { D_S2AP_W | D_XN, W },
        { D_S2AP_R | D_S2AP_W | D_XN, R | W },
        { D_S2AP_R | D_PXN, R | X },        /* bit 53: no FEAT_XNX */
        { D_S2AP_R | T_RO | T_UXN, R | X }, /* table bits in a leaf */
    };

    for (unsigned i = 0; i < G_N_ELEMENTS(cases); i++) {
        uint64_t ia = 0x12345000ull;
        SmmuPmWalkResult res;
        Pt pt;

        pt_init(&pt, 2, 12, 25, 1, 48);
        pt.tbl_bits = T_RO | T_UXN | T_PXN | T_NO_EL0;  /* RES0 at S2 */
        pt_map(&pt, ia, 3, pt_leaf(&pt, 3, 0x6000, D_AF | cases[i].leaf));
        pt_walk(&pt, ia, false, &res);
        assert_ok(&res, 3, 12, 0x6000);
        g_assert_cmpuint(res.perm_priv, ==, cases[i].perm);
        g_assert_cmpuint(res.perm_user, ==, cases[i].perm);
        g_assert_false(res.user_accessible);
        g_assert_false(res.global);
        pt_destroy(&pt);
    }
}

static void test_leaf_attrs(void)
{
    uint64_t ia = 0x12345000ull;
    SmmuPmWalkResult res;
    Pt pt;

    pt_init(&pt, 1, 12, 25, 1, 48);
    pt_map(&pt, ia, 3, pt_leaf(&pt, 3, 0x6000,
                               D_AF | D_ATTRINDX(5) | D_SH(3)));
    pt_walk(&pt, ia, false, &res);
    g_assert_cmpuint(res.attr, ==, 5);
    g_assert_cmpuint(res.sh, ==, 3);
    g_assert_true(res.global);
    pt_map(&pt, ia, 3, pt_leaf(&pt, 3, 0x6000,
                               D_AF | D_NG | D_ATTRINDX(2) | D_SH(2)));
    pt_walk(&pt, ia, false, &res);
    g_assert_cmpuint(res.attr, ==, 2);
    g_assert_cmpuint(res.sh, ==, 2);
    g_assert_false(res.global);
    pt_destroy(&pt);

    pt_init(&pt, 2, 12, 25, 1, 48);
    pt_map(&pt, ia, 3, pt_leaf(&pt, 3, 0x6000,
                               D_AF | D_MEMATTR(0xd) | D_SH(1)));
    pt_walk(&pt, ia, false, &res);
    g_assert_cmpuint(res.attr, ==, 0xd);
    g_assert_cmpuint(res.sh, ==, 1);
    pt_destroy(&pt);
}

static void test_check_perm(void)
{
    /* priv, user, user_accessible, pan, write, instr, priv -> allowed */
    static const struct {
        uint8_t pp, pu;
        bool ua, pan, write, instr, priv, ok;
    } cases[] = {
        { R, 0, 0, 0, 0, 0, 1, 1 },
        { R, 0, 0, 0, 0, 0, 0, 0 },
        { 0, R, 0, 0, 0, 0, 0, 1 },
        { R, R, 0, 0, 1, 0, 1, 0 },
        { R | W, R, 0, 0, 1, 0, 1, 1 },
        { R | W, R, 0, 0, 1, 0, 0, 0 },
        { W, W, 0, 0, 1, 0, 0, 1 },         /* write-only */
        { W, W, 0, 0, 0, 0, 0, 0 },
        /* instruction fetch: X, R not needed */
        { R, R, 0, 0, 0, 1, 1, 0 },
        { X, 0, 0, 0, 0, 1, 1, 1 },
        { X, 0, 0, 0, 0, 1, 0, 0 },
        { 0, X, 0, 0, 0, 1, 0, 1 },
        /* an instruction write is a data write */
        { R | X, R | X, 0, 0, 1, 1, 1, 0 },
        { W, W, 0, 0, 1, 1, 0, 1 },
        /* PAN: privileged data accesses to EL0-accessible pages */
        { R | W, R | W, 1, 1, 0, 0, 1, 0 },
        { R | W, R | W, 1, 1, 1, 0, 1, 0 },
        { R | W, R | W, 1, 1, 0, 0, 0, 1 },  /* unprivileged: fine */
        { R | W, R | W, 1, 0, 0, 0, 1, 1 },  /* PAN off */
        { R | W, R | W, 0, 1, 0, 0, 1, 1 },  /* not EL0-accessible */
        { R | X, R | X, 1, 1, 0, 1, 1, 1 },  /* fetches: not PAN's */
        { R | W, R | W, 1, 1, 1, 1, 1, 0 },  /* instruction write */
    };

    for (unsigned i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_test_message("case %u", i);
        g_assert_cmpint(smmu_pm_walk_check_perm(cases[i].pp, cases[i].pu,
                                                cases[i].ua, cases[i].pan,
                                                cases[i].write,
                                                cases[i].instr,
                                                cases[i].priv),
                        ==, cases[i].ok);
    }
}

/* ---- walk cache ---- */

typedef struct WcInsert {
    unsigned level;
    uint64_t ia, table;
    uint8_t attrs;
} WcInsert;

typedef struct FakeWc {
    GArray *inserts;            /* WcInsert */
    unsigned lookups;
    int hit_level;              /* -1: miss */
    uint64_t hit_table;
    uint8_t hit_attrs;
} FakeWc;

static int fake_wc_lookup(void *opaque, uint64_t ia, uint64_t *table,
                          uint8_t *table_attrs)
{
    FakeWc *wc = opaque;

    wc->lookups++;
    *table = wc->hit_table;
    *table_attrs = wc->hit_attrs;
    return wc->hit_level;
}

static void fake_wc_insert(void *opaque, unsigned level, uint64_t ia,
                           uint64_t table, uint8_t table_attrs)
{
    FakeWc *wc = opaque;
    WcInsert e = { level, ia, table, table_attrs };

    g_array_append_val(wc->inserts, e);
}

static void test_walk_cache(void)
{
    uint64_t ia = 0x8040201abcull, l1, l2, l3;
    FakeWc fwc = { .hit_level = -1 };
    SmmuPmWalkCacheOps wc = { fake_wc_lookup, fake_wc_insert, &fwc };
    SmmuPmWalkResult res;
    WcInsert *e;
    Pt pt;

    fwc.inserts = g_array_new(false, false, sizeof(WcInsert));
    pt_init(&pt, 1, 12, 16, 0, 48);
    pt.tbl_bits = T_UXN;
    pt_slot(&pt, ia, 1);
    pt.tbl_bits = T_PXN;
    pt_map(&pt, ia, 3, pt_leaf(&pt, 3, 0x6000, D_AF | D_AP1));
    l1 = fake_mem_read64(&pt.mem, pt_slot(&pt, ia, 0)) & mask_bits(12, 48);
    l2 = fake_mem_read64(&pt.mem, pt_slot(&pt, ia, 1)) & mask_bits(12, 48);
    l3 = fake_mem_read64(&pt.mem, pt_slot(&pt, ia, 2)) & mask_bits(12, 48);

    /* A miss: a full walk, inserting each table it went through */
    smmu_pm_walk(&pt.cfg, fake_mem_ops(&pt.mem), &wc, ia, &read_acc, &res);
    assert_ok(&res, 3, 12, 0x6abc);
    g_assert_cmpuint(pt.mem.reads, ==, 4);
    g_assert_cmpuint(fwc.lookups, ==, 1);
    g_assert_cmpuint(fwc.inserts->len, ==, 3);
    e = &g_array_index(fwc.inserts, WcInsert, 0);
    g_assert_cmpuint(e->level, ==, 1);
    g_assert_cmphex(e->ia, ==, ia);
    g_assert_cmphex(e->table, ==, l1);
    g_assert_cmpuint(e->attrs, ==, SMMU_PM_TABLE_UXN);
    e = &g_array_index(fwc.inserts, WcInsert, 1);
    g_assert_cmpuint(e->level, ==, 2);
    g_assert_cmphex(e->table, ==, l2);
    g_assert_cmpuint(e->attrs, ==, SMMU_PM_TABLE_UXN | SMMU_PM_TABLE_PXN);
    e = &g_array_index(fwc.inserts, WcInsert, 2);
    g_assert_cmpuint(e->level, ==, 3);
    g_assert_cmphex(e->table, ==, l3);
    g_assert_cmpuint(e->attrs, ==, SMMU_PM_TABLE_UXN | SMMU_PM_TABLE_PXN);
    g_assert_cmpuint(res.perm_user, ==, R | W);

    /* A hit on the level-3 table: one read, the cached attrs apply */
    g_array_set_size(fwc.inserts, 0);
    fake_mem_reset_counts(&pt.mem);
    fwc.hit_level = 3;
    fwc.hit_table = l3;
    fwc.hit_attrs = SMMU_PM_TABLE_RO;
    smmu_pm_walk(&pt.cfg, fake_mem_ops(&pt.mem), &wc, ia, &read_acc, &res);
    assert_ok(&res, 3, 12, 0x6abc);
    g_assert_cmpuint(pt.mem.reads, ==, 1);
    g_assert_cmpuint(fwc.inserts->len, ==, 0);
    g_assert_cmpuint(res.perm_priv, ==, R | X);
    g_assert_cmpuint(res.perm_user, ==, R | X);

    /* A hit on the level-2 table: two reads, one insert */
    fake_mem_reset_counts(&pt.mem);
    fwc.hit_level = 2;
    fwc.hit_table = l2;
    fwc.hit_attrs = 0;
    smmu_pm_walk(&pt.cfg, fake_mem_ops(&pt.mem), &wc, ia, &read_acc, &res);
    assert_ok(&res, 3, 12, 0x6abc);
    g_assert_cmpuint(pt.mem.reads, ==, 2);
    g_assert_cmpuint(fwc.inserts->len, ==, 1);
    e = &g_array_index(fwc.inserts, WcInsert, 0);
    g_assert_cmpuint(e->level, ==, 3);
    g_assert_cmphex(e->table, ==, l3);
    g_assert_cmpuint(e->attrs, ==, SMMU_PM_TABLE_PXN);

    /* A level at or above the start level is no hit */
    g_array_set_size(fwc.inserts, 0);
    fake_mem_reset_counts(&pt.mem);
    fwc.hit_level = 0;
    fwc.hit_table = 0xdead000;
    smmu_pm_walk(&pt.cfg, fake_mem_ops(&pt.mem), &wc, ia, &read_acc, &res);
    assert_ok(&res, 3, 12, 0x6abc);
    g_assert_cmpuint(pt.mem.reads, ==, 4);
    fwc.hit_level = 7;
    fake_mem_reset_counts(&pt.mem);
    smmu_pm_walk(&pt.cfg, fake_mem_ops(&pt.mem), &wc, ia, &read_acc, &res);
    g_assert_cmpuint(pt.mem.reads, ==, 4);

    /* Faulting table descriptors are never cached */
    g_array_set_size(fwc.inserts, 0);
    fwc.hit_level = -1;
    pt.cfg.oas_bits = 40;
    fake_mem_write64(&pt.mem, pt_slot(&pt, ia, 1), (1ull << 44) | D_TABLE);
    smmu_pm_walk(&pt.cfg, fake_mem_ops(&pt.mem), &wc, ia, &read_acc, &res);
    assert_fault(&res, SMMU_PM_WALK_ADDR_SIZE, 1);
    g_assert_cmpuint(fwc.inserts->len, ==, 1);      /* only level 1 */
    fake_mem_write64(&pt.mem, pt_slot(&pt, ia, 0), 0);
    g_array_set_size(fwc.inserts, 0);
    smmu_pm_walk(&pt.cfg, fake_mem_ops(&pt.mem), &wc, ia, &read_acc, &res);
    assert_fault(&res, SMMU_PM_WALK_TRANSLATION, 0);
    g_assert_cmpuint(fwc.inserts->len, ==, 0);

    g_array_free(fwc.inserts, true);
    pt_destroy(&pt);
}

/* ---- robustness: random descriptors ---- */

typedef struct RandMem {
    GRand *rand;
    unsigned reads, updates;
    unsigned max_addr_bits;
} RandMem;

/* Random descriptors, biased towards valid tables and leaves */
static uint64_t rand_desc(RandMem *rm)
{
    uint64_t d = ((uint64_t)g_rand_int(rm->rand) << 32) |
                 g_rand_int(rm->rand);

    switch (g_rand_int_range(rm->rand, 0, 4)) {
    case 0:
        return d;                               /* anything */
    case 1:
        return d & ~mask_bits(rm->max_addr_bits, 48);
    default:
        return (d & ~mask_bits(rm->max_addr_bits, 48)) | 3;
    }
}

static SmmuPmWalkFault rand_read(void *opaque, uint64_t addr, uint64_t *desc)
{
    RandMem *rm = opaque;

    rm->reads++;
    if (g_rand_int_range(rm->rand, 0, 50) == 0) {
        return g_rand_boolean(rm->rand) ? SMMU_PM_WALK_EABT
                                        : SMMU_PM_WALK_STAGE2;
    }
    *desc = rand_desc(rm);
    return SMMU_PM_WALK_OK;
}

static SmmuPmWalkFault rand_update(void *opaque, uint64_t addr,
                                   uint64_t *old, uint64_t new)
{
    RandMem *rm = opaque;

    rm->updates++;
    switch (g_rand_int_range(rm->rand, 0, 8)) {
    case 0:
        return SMMU_PM_WALK_EABT;
    case 1: case 2: case 3:
        *old = rand_desc(rm);                   /* lost a race */
        return SMMU_PM_WALK_OK;
    default:
        return SMMU_PM_WALK_OK;
    }
}

static int rand_wc_lookup(void *opaque, uint64_t ia, uint64_t *table,
                          uint8_t *table_attrs)
{
    GRand *r = opaque;

    *table = ((uint64_t)g_rand_int(r) << 32) | g_rand_int(r);
    *table_attrs = g_rand_int(r);
    return g_rand_int_range(r, -2, 6);
}

static void rand_wc_insert(void *opaque, unsigned level, uint64_t ia,
                           uint64_t table, uint8_t table_attrs)
{
    g_assert_cmpuint(level, >=, 1);
    g_assert_cmpuint(level, <=, 3);
}

static void test_random(void)
{
    static const unsigned oas_choices[] = { 0, 32, 36, 40, 42, 44, 48, 52,
                                            63, 64, 255 };
    GRand *rand = g_rand_new_with_seed(0x5eed1234);
    SmmuPmWalkCacheOps wc = { rand_wc_lookup, rand_wc_insert, rand };
    RandMem rm = { .rand = rand };
    SmmuPmWalkMem mem = { rand_read, rand_update, &rm };
    SmmuPmWalkAccess acc = { .priv = true };   /* no PAN: any write */
    unsigned ok = 0;

    for (unsigned i = 0; i < 50000; i++) {
        SmmuPmWalkCfg cfg = { 0 };
        SmmuPmWalkResult res;
        bool sane = g_rand_int_range(rand, 0, 10) != 0;
        uint64_t ia = ((uint64_t)g_rand_int(rand) << 32) | g_rand_int(rand);

        cfg.stage = sane ? g_rand_int_range(rand, 1, 3)
                         : g_rand_int_range(rand, 0, 4);
        cfg.granule_shift = sane ? 12 + 2 * g_rand_int_range(rand, 0, 3)
                                 : g_rand_int_range(rand, 0, 20);
        cfg.tsz = sane ? g_rand_int_range(rand, 12, 40)
                       : g_rand_int_range(rand, 0, 256);
        cfg.start_level = g_rand_int_range(rand, -2, 5);
        cfg.oas_bits = oas_choices[g_rand_int_range(rand, 0,
                                   G_N_ELEMENTS(oas_choices))];
        cfg.ttb1 = g_rand_boolean(rand);
        cfg.tbi = g_rand_boolean(rand);
        cfg.affd = g_rand_boolean(rand);
        cfg.ha = g_rand_boolean(rand);
        cfg.hd = g_rand_boolean(rand);
        cfg.had = g_rand_boolean(rand);
        cfg.el2 = g_rand_boolean(rand);
        cfg.wxn = g_rand_boolean(rand);
        cfg.ttb = ((uint64_t)g_rand_int(rand) << 32) | g_rand_int(rand);
        if (sane) {
            cfg.ttb &= mask_bits(0, 40);
            /* inputs mostly within the range */
            if (g_rand_boolean(rand)) {
                ia &= mask_bits(0, 64 - cfg.tsz);
            }
        }
        rm.max_addr_bits = g_rand_int_range(rand, 30, 49);
        rm.reads = rm.updates = 0;

        acc.write = g_rand_boolean(rand);
        smmu_pm_walk(&cfg, &mem, g_rand_int_range(rand, 0, 4) ? NULL : &wc,
                     ia, &acc, &res);

        /* at most one read per level, and a bounded number of updates */
        g_assert_cmpuint(rm.reads, <=, 4);
        g_assert_cmpuint(rm.updates, <=, 8);
        g_assert_cmpint(res.fault, >=, SMMU_PM_WALK_OK);
        g_assert_cmpint(res.fault, <=, SMMU_PM_WALK_STAGE2);
        g_assert_cmpint(res.level, >=, 0);
        g_assert_cmpint(res.level, <=, 3);
        if (res.fault == SMMU_PM_WALK_OK) {
            unsigned g = cfg.granule_shift;
            unsigned shift = lvl_shift(g, res.level);

            ok++;
            g_assert_cmpuint(res.size_shift, ==, shift);
            g_assert_cmphex(res.oa & mask_bits(0, shift), ==,
                            ia & mask_bits(0, shift));
            if (cfg.oas_bits < 64) {
                g_assert_cmphex((res.oa & ~mask_bits(0, shift)) >>
                                cfg.oas_bits, ==, 0);
            }
            g_assert_cmpuint(res.perm_priv & ~SMMU_PM_PERM_RWX, ==, 0);
            g_assert_cmpuint(res.perm_user & ~SMMU_PM_PERM_RWX, ==, 0);
            g_assert_cmpint(res.level, >=, 1);   /* no level-0 blocks */
        }
    }
    /* The biased descriptors do reach leaves: the test walks deep */
    g_assert_cmpuint(ok, >, 1000);
    g_test_message("%u of 50000 random walks succeeded", ok);
    g_rand_free(rand);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    g_test_add_func("/walk/tsz-range", test_tsz_range);
    g_test_add_func("/walk/s2-start-level", test_s2_start_level);
    for (unsigned i = 0; i < G_N_ELEMENTS(level_cases); i++) {
        const LevelCase *c = &level_cases[i];
        g_autofree char *name =
            g_strdup_printf("/walk/levels/s%u-%uk-tsz%u-l%d", c->stage,
                            1u << (c->g - 10), c->tsz, c->start);

        g_test_add_data_func(name, c, test_levels);
    }
    g_test_add_func("/walk/s2-concat-index", test_concat_index);
    g_test_add_func("/walk/s2-ia-range", test_s2_ia_range);
    g_test_add_func("/walk/ttb-alignment", test_ttb_alignment);
    for (unsigned i = 0; i < G_N_ELEMENTS(block_cases); i++) {
        const BlockCase *c = &block_cases[i];
        g_autofree char *name =
            g_strdup_printf("/walk/blocks/s%u-%uk-l%d-oa%u-%s", c->stage,
                            1u << (c->g - 10), c->level, c->oas,
                            c->allowed ? "ok" : "reserved");

        g_test_add_data_func(name, c, test_blocks);
    }
    g_test_add_func("/walk/l3-block-reserved", test_l3_block_reserved);
    g_test_add_func("/walk/oa52", test_oa52);
    g_test_add_func("/walk/ttb1-tbi", test_ttb1_tbi);
    g_test_add_func("/walk/fault/invalid-each-level",
                    test_invalid_each_level);
    g_test_add_func("/walk/fault/addr-size", test_addr_size);
    g_test_add_func("/walk/fault/access-flag", test_access_flag);
    g_test_add_func("/walk/fault/eabt", test_eabt);
    g_test_add_func("/walk/httu/dirty-s1", test_dirty_s1);
    g_test_add_func("/walk/httu/dirty-s2", test_dirty_s2);
    for (unsigned i = 0; i < G_N_ELEMENTS(dirty_geom); i++) {
        char *name = g_strdup_printf("/walk/httu/dirty-privilege/%uk",
                                     1u << (dirty_geom[i][0] - 10));

        g_test_add_data_func(name, dirty_geom[i], test_dirty_privilege);
        g_free(name);
    }
    g_test_add_func("/walk/httu/races", test_races);
    for (unsigned i = 0; i < G_N_ELEMENTS(s1_perm_cases); i++) {
        g_autofree char *name = g_strdup_printf("/walk/perm/s1/%u", i);

        g_test_add_data_func(name, &s1_perm_cases[i], test_s1_perms);
    }
    g_test_add_func("/walk/perm/s1-hierarchy", test_s1_perms_hierarchy);
    g_test_add_func("/walk/perm/s2", test_s2_perms);
    g_test_add_func("/walk/leaf-attrs", test_leaf_attrs);
    g_test_add_func("/walk/check-perm", test_check_perm);
    g_test_add_func("/walk/walk-cache", test_walk_cache);
    g_test_add_func("/walk/random", test_random);
    return g_test_run();
}
