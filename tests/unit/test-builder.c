/*
 * Tests of the SMMUv3 structure builder (tests/common/smmu-builder.c)
 *
 * Encodings are compared bit-exactly with constants computed by hand
 * from the field positions in Arm IHI 0070; translation tables are
 * checked with a small walker written here from the Arm ARM VMSAv8-64
 * rules, independent of the builder's own walk.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <glib.h>
#include <string.h>

#include "smmu-builder.h"

/* ---- Fake memory --------------------------------------------------------- */

#define MEM_BASE    UINT64_C(0x40000000)
#define MEM_SIZE    (32u << 20)

typedef struct TestMem {
    uint8_t *buf;
    SmmuBuilder sb;
} TestMem;

static void tmem_write(void *opaque, uint64_t addr, const void *buf,
                       size_t len)
{
    TestMem *m = opaque;

    g_assert_cmpuint(addr, >=, MEM_BASE);
    g_assert_cmpuint(addr + len, <=, MEM_BASE + MEM_SIZE);
    memcpy(m->buf + (addr - MEM_BASE), buf, len);
}

static void tmem_read(void *opaque, uint64_t addr, void *buf, size_t len)
{
    TestMem *m = opaque;

    g_assert_cmpuint(addr, >=, MEM_BASE);
    g_assert_cmpuint(addr + len, <=, MEM_BASE + MEM_SIZE);
    memcpy(buf, m->buf + (addr - MEM_BASE), len);
}

static TestMem *tmem_new(void)
{
    TestMem *m = g_new0(TestMem, 1);
    SmmuBuilderMem mem = {
        .write = tmem_write, .read = tmem_read, .opaque = m,
    };

    m->buf = g_malloc(MEM_SIZE);
    memset(m->buf, 0xa5, MEM_SIZE);     /* sb_alloc must zero-fill */
    sb_init(&m->sb, &mem, MEM_BASE, MEM_SIZE);
    return m;
}

static void tmem_free(TestMem *m)
{
    g_free(m->buf);
    g_free(m);
}

/* Little-endian doubleword straight from the buffer */
static uint64_t tmem_le64(TestMem *m, uint64_t addr)
{
    uint64_t v = 0;
    int i;

    for (i = 7; i >= 0; i--) {
        v = (v << 8) | m->buf[addr - MEM_BASE + i];
    }
    return v;
}

static void assert_words(const uint64_t *got, const uint64_t *exp, unsigned n)
{
    unsigned i;

    for (i = 0; i < n; i++) {
        if (got[i] != exp[i]) {
            g_test_message("word %u: got 0x%016" G_GINT64_MODIFIER "x, "
                           "expected 0x%016" G_GINT64_MODIFIER "x",
                           i, got[i], exp[i]);
        }
        g_assert_cmphex(got[i], ==, exp[i]);
    }
}

/* ---- Allocator ----------------------------------------------------------- */

static void test_alloc(void)
{
    TestMem *m = tmem_new();
    uint64_t a, b, c;
    unsigned i;

    a = sb_alloc(&m->sb, 24, 8);
    g_assert_cmphex(a, ==, MEM_BASE);
    b = sb_alloc(&m->sb, 64, 4096);
    g_assert_cmphex(b, ==, MEM_BASE + 0x1000);
    c = sb_alloc(&m->sb, 1, 0);
    g_assert_cmphex(c, ==, MEM_BASE + 0x1040);
    for (i = 0; i < 24; i++) {
        g_assert_cmpuint(m->buf[i], ==, 0);
    }
    for (i = 0; i < 64; i++) {
        g_assert_cmpuint(m->buf[0x1000 + i], ==, 0);
    }
    /* padding is not touched */
    g_assert_cmpuint(m->buf[24], ==, 0xa5);

    sb_write64(&m->sb, a, UINT64_C(0x0102030405060708));
    g_assert_cmpuint(m->buf[0], ==, 0x08);
    g_assert_cmpuint(m->buf[7], ==, 0x01);
    g_assert_cmphex(sb_read64(&m->sb, a), ==, UINT64_C(0x0102030405060708));
    tmem_free(m);
}

static void test_field_helpers(void)
{
    uint64_t w[4] = { 0 };

    sb_field_set(w, 165, 160, 0x2a);
    g_assert_cmphex(w[2], ==, UINT64_C(0x2a) << 32);
    g_assert_cmphex(sb_field_get(w, 165, 160), ==, 0x2a);
    sb_field_set(w, 255, 192, UINT64_MAX);
    g_assert_cmphex(w[3], ==, UINT64_MAX);
    sb_field_set(w, 165, 160, 0);
    g_assert_cmphex(w[2], ==, 0);
}

/* ---- STE ----------------------------------------------------------------- */

static void test_ste_s2(void)
{
    /* A stage 2-only STE: 40-bit IPA, 4KB granule, start level 1 */
    SbSte s = {
        .v = true,
        .config = SB_STE_CFG_S2,
        .mev = true,
        .shcfg = 1,
        .s2vmid = 0x1234,
        .s2t0sz = 24,
        .s2sl0 = 1,
        .s2ir0 = 1,
        .s2or0 = 1,
        .s2sh0 = 3,
        .s2tg = 0,
        .s2ps = 2,
        .s2aa64 = true,
        .s2ptw = true,
        .s2r = true,
        .s2ttb = UINT64_C(0x812345000),
    };
    const uint64_t exp[8] = {
        UINT64_C(0x000000000000000d),   /* V, Config 0b110 */
        UINT64_C(0x0000100000080000),   /* SHCFG [109:108], MEV [83] */
        UINT64_C(0x044a355800001234),   /* S2R/S2PTW/S2AA64/S2PS/.../VMID */
        UINT64_C(0x0000000812345000),   /* S2TTB */
        0, 0, 0, 0,
    };
    uint64_t w[8];

    sb_ste_encode(&s, w);
    assert_words(w, exp, 8);
}

static void test_ste_s1(void)
{
    SbSte s = {
        .v = true,
        .config = SB_STE_CFG_S1,
        .s1fmt = SB_S1FMT_2LVL_4K,
        .s1_context_ptr = 0x40000000,
        .s1cdmax = 8,
        .s1dss = 2,
        .s1cir = 1,
        .s1cor = 1,
        .s1csh = 3,
        .cont = 3,
        .s1stalld = true,
        .eats = 1,
        .strw = 2,
    };
    const uint64_t exp[8] = {
        UINT64_C(0x400000004000001b),
        UINT64_C(0x00000000980060d6),
        0, 0, 0, 0, 0, 0,
    };
    uint64_t w[8];

    sb_ste_encode(&s, w);
    assert_words(w, exp, 8);
}

/*
 * Every Non-secure field at its maximum value: the union must be exactly
 * the Non-secure bits of the STE, which catches overlapping or misplaced
 * fields.
 */
static void test_ste_all_fields(void)
{
    SbSte s = {
        .v = 1, .config = 7, .s1fmt = 3,
        .s1_context_ptr = UINT64_C(0x00ffffffffffffc0), .s1cdmax = 31,
        .s1dss = 3, .s1cir = 3, .s1cor = 3, .s1csh = 3, .s2hwu = 15,
        .dre = 1, .cont = 15, .dcp = 1, .ppar = 1, .mev = 1,
        .sw_reserved = 15, .s1pie = 1, .s2fwb = 1, .s1mpam = 1,
        .s1stalld = 1, .eats = 3, .strw = 3, .memattr = 15, .mtcfg = 1,
        .alloccfg = 15, .shcfg = 3, .nscfg = 3, .privcfg = 3, .instcfg = 3,
        .impdef1 = 0xfff,
        .s2vmid = 0xffff, .impdef2 = 0xffff, .s2t0sz = 63, .s2sl0 = 3,
        .s2ir0 = 3, .s2or0 = 3, .s2sh0 = 3, .s2tg = 3, .s2ps = 7,
        .s2aa64 = 1, .s2endi = 1, .s2affd = 1, .s2ptw = 1, .s2hd = 1,
        .s2ha = 1, .s2s = 1, .s2r = 1, .s2haft = 1, .s2pie = 1, .s2poe = 1,
        .dpt_vmatch = 3,
        .s2sl0_2 = 1, .s2ds = 1, .s2ttb = UINT64_C(0x00fffffffffffff0),
        .s2skl = 3,
        .impdef3 = 0xffff, .partid = 0xffff, .pmg = 0xff,
        .assured_only = 1, .tl0 = 1, .tl1 = 1,
        .vmsptr = UINT64_C(0x00fffffffffff000), .s2poi = UINT64_MAX,
    };
    const uint64_t exp[8] = {
        UINT64_C(0xf8ffffffffffffff),   /* [58:56] RES0 */
        UINT64_C(0xfffff1ffffffffff),   /* [107:105] RES0 */
        UINT64_C(0xffffffffffffffff),
        UINT64_C(0x60fffffffffffffc),   /* S2NSW/S2NSA, [252:248], [255] */
        UINT64_C(0x00000000ffffffff),   /* [319:288] Secure/Realm */
        UINT64_C(0x00fffffffffffeff),   /* MPAM_NS [328], [383:376] */
        UINT64_C(0x0000000000000000),   /* Secure stage 2 */
        UINT64_C(0xffffffffffffffff),   /* S2POI */
    };
    uint64_t w[8];

    sb_ste_encode(&s, w);
    assert_words(w, exp, 8);
}

/* ---- CD ------------------------------------------------------------------ */

static void test_cd(void)
{
    SbCd c = {
        .t0sz = 16, .tg0 = 0, .ir0 = 1, .or0 = 1, .sh0 = 3, .epd1 = true,
        .v = true, .ips = 5, .aa64 = true, .r = true, .a = true,
        .aset = true, .asid = 0xbeef,
        .ttb0 = UINT64_C(0x123456000),
        .mair0 = 0x0044ff04,
    };
    const uint64_t exp[8] = {
        UINT64_C(0xbeefe205c0003510),
        UINT64_C(0x0000000123456000),
        0,
        UINT64_C(0x000000000044ff04),
        0, 0, 0, 0,
    };
    uint64_t w[8];

    sb_cd_encode(&c, w);
    assert_words(w, exp, 8);
}

static void test_cd_all_fields(void)
{
    SbCd c = {
        .t0sz = 63, .tg0 = 3, .ir0 = 3, .or0 = 3, .sh0 = 3, .epd0 = 1,
        .endi = 1, .t1sz = 63, .tg1 = 3, .ir1 = 3, .or1 = 3, .sh1 = 3,
        .epd1 = 1, .v = 1, .ips = 7, .affd = 1, .wxn = 1, .uwxn = 1,
        .tbi = 3, .pan = 1, .aa64 = 1, .hd = 1, .ha = 1, .s = 1, .r = 1,
        .a = 1, .aset = 1, .asid = 0xffff,
        .had0 = 1, .e0pd0 = 1, .haft = 1,
        .ttb0 = UINT64_C(0x00fffffffffffff0), .pnch = 1, .epan = 1,
        .hwu0 = 15,
        .had1 = 1, .e0pd1 = 1, .aie = 1,
        .ttb1 = UINT64_C(0x00fffffffffffff0), .ds = 1, .pie = 1, .hwu1 = 15,
        .mair0 = UINT32_MAX, .mair1 = UINT32_MAX, .amair0 = UINT32_MAX,
        .amair1 = UINT32_MAX, .impdef = UINT32_MAX, .partid = 0xffff,
        .pmg = 0xff, .piiu = UINT64_C(0xffffffffffff),
        .piip = UINT64_C(0xffffffffffff),
    };
    const uint64_t exp[8] = {
        UINT64_C(0xffffffffffffffff),
        UINT64_C(0xfcfffffffffffffe),   /* NSCFG0 [64], [121:120] */
        UINT64_C(0xfcfffffffffffffe),   /* NSCFG1 [128], [185:184] */
        UINT64_C(0xffffffffffffffff),
        UINT64_C(0xffffffffffffffff),
        UINT64_C(0x00ffffffffffffff),   /* [383:376] RES0 */
        UINT64_C(0x0000ffffffffffff),   /* [447:432] RES0 */
        UINT64_C(0x0000ffffffffffff),   /* [511:496] RES0 */
    };
    uint64_t w[8];

    sb_cd_encode(&c, w);
    assert_words(w, exp, 8);
}

/* ---- Stream tables ------------------------------------------------------- */

static void test_strtab_linear(void)
{
    TestMem *m = tmem_new();
    SbSte s = { .v = true, .config = SB_STE_CFG_BYPASS };
    SbStrtab st;
    uint64_t w[8], got[8];
    unsigned i;

    sb_alloc(&m->sb, 8, 8);                 /* misalign the bump pointer */
    st = sb_strtab_linear(&m->sb, 5);
    g_assert_cmphex(st.base & (32 * 64 - 1), ==, 0);
    g_assert_cmphex(sb_strtab_base_reg(&st, true), ==,
                    st.base | (UINT64_C(1) << 62));
    g_assert_cmphex(sb_strtab_base_cfg_reg(&st), ==, 5);

    sb_ste_write(&m->sb, &st, 7, &s);
    g_assert_cmphex(sb_ste_addr(&m->sb, &st, 7), ==, st.base + 7 * 64);
    sb_ste_encode(&s, w);
    for (i = 0; i < 8; i++) {
        got[i] = tmem_le64(m, st.base + 7 * 64 + i * 8);
    }
    assert_words(got, w, 8);
    g_assert_cmphex(tmem_le64(m, st.base), ==, 0);
    tmem_free(m);
}

static void test_strtab_2lvl(void)
{
    TestMem *m = tmem_new();
    SbSte s = { .v = true, .config = SB_STE_CFG_BYPASS, .s2vmid = 9 };
    SbStrtab st;
    uint64_t l1, l2, l2b, next;

    g_assert_cmphex(sb_l1std_encode(9, UINT64_C(0x40000c000)), ==,
                    UINT64_C(0x40000c009));

    st = sb_strtab_2lvl(&m->sb, 16, 8);
    /* 256 L1STDs: 2KB, aligned to 2KB */
    g_assert_cmphex(st.base & 0x7ff, ==, 0);
    g_assert_cmphex(sb_strtab_base_cfg_reg(&st), ==,
                    16 | (8 << 6) | (1 << 16));
    g_assert_cmphex(sb_strtab_base_reg(&st, false), ==, st.base);

    sb_ste_write(&m->sb, &st, 0x1234, &s);
    l1 = tmem_le64(m, st.base + 0x12 * 8);
    g_assert_cmpuint(l1 & 0x1f, ==, 9);              /* Span = SPLIT + 1 */
    l2 = l1 & ~UINT64_C(0x3f);
    g_assert_cmphex(l2 & (256 * 64 - 1), ==, 0);     /* 16KB aligned */
    g_assert_cmphex(tmem_le64(m, l2 + 0x34 * 64), ==, 0x9);
    g_assert_cmphex(tmem_le64(m, l2 + 0x34 * 64 + 16), ==, 9);

    /* Same L2 array: no new allocation */
    next = m->sb.next;
    g_assert_cmphex(sb_ste_addr(&m->sb, &st, 0x12ff), ==, l2 + 0xff * 64);
    g_assert_cmphex(m->sb.next, ==, next);

    /* Another L1 entry gets its own L2 array */
    l2b = sb_ste_addr(&m->sb, &st, 0x0001) - 64;
    g_assert_cmphex(l2b, !=, l2);
    g_assert_cmphex(tmem_le64(m, st.base), ==, l2b | 9);
    /* Untouched L1 entries stay invalid */
    g_assert_cmphex(tmem_le64(m, st.base + 0x13 * 8), ==, 0);
    tmem_free(m);
}

/* ---- CD tables ----------------------------------------------------------- */

static void test_cdtab(void)
{
    TestMem *m = tmem_new();
    SbCd c = { .v = true, .aa64 = true, .asid = 0x77 };
    SbSte s = { 0 };
    SbCdtab t;
    uint64_t l1, l2;

    g_assert_cmphex(sb_l1cd_encode(true, UINT64_C(0x123456000)), ==,
                    UINT64_C(0x123456001));

    /* Linear, 8 CDs */
    t = sb_cdtab_linear(&m->sb, 3);
    g_assert_cmphex(t.base & 0x1ff, ==, 0);
    sb_cd_write(&m->sb, &t, 5, &c);
    g_assert_cmphex(tmem_le64(m, t.base + 5 * 64), ==,
                    UINT64_C(0x0077020080000000));
    sb_ste_set_cdtab(&s, &t);
    g_assert_cmphex(s.s1_context_ptr, ==, t.base);
    g_assert_cmpuint(s.s1cdmax, ==, 3);
    g_assert_cmpuint(s.s1fmt, ==, 0);

    /* 2-level, 4KB leaves: 1024 CDs, 16 L1CDs */
    t = sb_cdtab_2lvl(&m->sb, 10, SB_S1FMT_2LVL_4K);
    g_assert_cmphex(t.base & 0x7f, ==, 0);
    sb_cd_write(&m->sb, &t, 0x1c5, &c);
    l1 = tmem_le64(m, t.base + 7 * 8);
    g_assert_cmpuint(l1 & 1, ==, 1);
    l2 = l1 & ~UINT64_C(0xfff);
    g_assert_cmphex(l1 & 0xffe, ==, 0);
    g_assert_cmphex(tmem_le64(m, l2 + 5 * 64), ==,
                    UINT64_C(0x0077020080000000));
    g_assert_cmphex(tmem_le64(m, t.base + 6 * 8), ==, 0);
    sb_ste_set_cdtab(&s, &t);
    g_assert_cmpuint(s.s1fmt, ==, 1);
    g_assert_cmpuint(s.s1cdmax, ==, 10);

    /* 2-level, 64KB leaves: 64K CDs, 64 L1CDs */
    t = sb_cdtab_2lvl(&m->sb, 16, SB_S1FMT_2LVL_64K);
    g_assert_cmphex(t.base & 0x1ff, ==, 0);
    sb_cd_write(&m->sb, &t, 0xabcd, &c);
    l1 = tmem_le64(m, t.base + 0x2a * 8);
    l2 = l1 & ~UINT64_C(0xfff);
    g_assert_cmphex(l1, ==, l2 | 1);
    g_assert_cmphex(l2 & 0xffff, ==, 0);
    g_assert_cmphex(tmem_le64(m, l2 + 0x3cd * 64), ==,
                    UINT64_C(0x0077020080000000));

    /* Fewer CDs than one leaf: a single L1CD, 64-byte aligned */
    t = sb_cdtab_2lvl(&m->sb, 8, SB_S1FMT_2LVL_64K);
    g_assert_cmphex(t.base & 0x3f, ==, 0);
    g_assert_cmphex(sb_cd_addr(&m->sb, &t, 0xff) & 0xffff, ==, 0xff * 64);
    tmem_free(m);
}

/* ---- Translation tables -------------------------------------------------- */

/*
 * An independent VMSAv8-64 walk over the fake memory (Arm ARM D8.2-D8.3):
 * returns the output address for @ia, or false on a translation fault.
 */
typedef struct Walk {
    int level;
    uint64_t desc;
    uint64_t desc_addr;
    uint64_t oa;
} Walk;

static uint64_t walk_rd(TestMem *m, uint64_t addr, bool be)
{
    uint64_t v = 0;
    int i;

    for (i = 0; i < 8; i++) {
        unsigned byte = m->buf[addr - MEM_BASE + (be ? i : 7 - i)];

        v = (v << 8) | byte;
    }
    return v;
}

static uint64_t walk_next_addr(uint64_t desc, unsigned g)
{
    uint64_t a = desc & (((UINT64_C(1) << 48) - 1) &
                         ~((UINT64_C(1) << g) - 1));

    if (g == 16) {
        a |= ((desc >> 12) & 0xf) << 48;            /* OA[51:48] */
    }
    return a;
}

static bool walk(TestMem *m, uint64_t root, unsigned g, unsigned tsz,
                 int start, bool be, uint64_t ia, Walk *w)
{
    unsigned ias = 64 - tsz, s = g - 3;
    uint64_t table = root;
    int level;

    for (level = start; level <= 3; level++) {
        unsigned lsb = g + (3 - level) * s;
        unsigned width = level == start ? ias - lsb : s;
        uint64_t idx = (ia >> lsb) & ((UINT64_C(1) << width) - 1);
        uint64_t d;

        w->desc_addr = table + idx * 8;
        d = walk_rd(m, w->desc_addr, be);
        w->desc = d;
        w->level = level;
        if (!(d & 1)) {
            return false;
        }
        if (level == 3 && !(d & 2)) {
            return false;                           /* reserved at L3 */
        }
        if (level < 3 && (d & 2)) {
            table = walk_next_addr(d, g);
            continue;
        }
        w->oa = walk_next_addr(d, g) & ~((UINT64_C(1) << lsb) - 1);
        w->oa |= ia & ((UINT64_C(1) << lsb) - 1);
        return true;
    }
    g_assert_not_reached();
}

/* Start level from TxSZ (stage 1, Arm ARM D8.2.5) */
static int s1_start_level(unsigned g, unsigned tsz)
{
    unsigned s = g - 3;

    return 4 - (int)((64 - tsz - g + s - 1) / s);
}

/* Start level from VTCR_EL2.SL0 (stage 2, Arm ARM D8.2.6) */
static int s2_start_level(unsigned g, unsigned sl0)
{
    if (g == 12) {
        return sl0 == 3 ? 3 : 2 - (int)sl0;
    }
    return 3 - (int)sl0;
}

static void expect_map(TestMem *m, SbPgtable *pt, unsigned g, unsigned tsz,
                       int start, bool be, uint64_t ia, uint64_t oa,
                       int level)
{
    Walk w;

    g_assert_true(walk(m, sb_pgt_root(pt), g, tsz, start, be, ia, &w));
    g_assert_cmpint(w.level, ==, level);
    g_assert_cmphex(w.oa, ==, oa);
    g_assert_cmphex(w.desc_addr, ==, sb_pgt_desc_addr(pt, ia, level));
}

static void expect_fault(TestMem *m, SbPgtable *pt, unsigned g, unsigned tsz,
                         int start, bool be, uint64_t ia)
{
    Walk w;

    g_assert_false(walk(m, sb_pgt_root(pt), g, tsz, start, be, ia, &w));
}

static void test_pgt_s1_4k(void)
{
    TestMem *m = tmem_new();
    SbPte a = {
        .attrindx = 1, .ap = 1, .sh = 3, .af = true, .ng = true,
        .pxn = true, .uxn = false,
    };
    SbPte ac = a;
    SbPgtable *pt = sb_pgt_new(&m->sb, 1, 12, 16, -1, 0, false);
    int start = s1_start_level(12, 16);
    SbCd cd = { 0 };
    Walk w;
    unsigned i;

    g_assert_cmpint(start, ==, 0);
    g_assert_cmpint(sb_pgt_start_level(pt), ==, start);
    g_assert_cmphex(sb_pgt_root(pt) & 0xfff, ==, 0);

    g_assert_true(sb_pgt_map(pt, 0x10000000, 0x80001000, 0x1000, &a));
    g_assert_true(sb_pgt_map(pt, UINT64_C(0x7f0000200000), 0x40200000,
                             0x200000, &a));
    g_assert_true(sb_pgt_map(pt, 0x40000000, UINT64_C(0x100000000),
                             0x40000000, &a));
    ac.contiguous = true;
    g_assert_true(sb_pgt_map(pt, 0x20010000, 0x90010000, 0x10000, &ac));

    expect_map(m, pt, 12, 16, start, false, 0x10000abc, 0x80001abc, 3);
    expect_map(m, pt, 12, 16, start, false, UINT64_C(0x7f00002fffff),
               0x402fffff, 2);
    expect_map(m, pt, 12, 16, start, false, 0x7fffffff,
               UINT64_C(0x13fffffff), 1);
    for (i = 0; i < 16; i++) {
        uint64_t ia = 0x20010000 + i * 0x1000;

        expect_map(m, pt, 12, 16, start, false, ia + 8,
                   0x90010000 + i * 0x1000 + 8, 3);
        g_assert_true(walk(m, sb_pgt_root(pt), 12, 16, start, false, ia,
                           &w));
        g_assert_cmphex(w.desc >> 52 & 1, ==, 1);
    }
    expect_fault(m, pt, 12, 16, start, false, 0x10002000);
    expect_fault(m, pt, 12, 16, start, false, 0x20020000);

    /* The page descriptor, bit by bit (Arm ARM D8.3.2) */
    g_assert_true(walk(m, sb_pgt_root(pt), 12, 16, start, false,
                       0x10000000, &w));
    g_assert_cmphex(w.desc, ==,
                    UINT64_C(0x80001000) | 3 | (1 << 2) | (1 << 6) |
                    (3 << 8) | (1 << 10) | (1 << 11) | (UINT64_C(1) << 53));
    g_assert_cmphex(sb_pgt_read_raw(pt, 0x10000000, 3), ==, w.desc);

    /* A page inside an existing block cannot be mapped */
    g_assert_false(sb_pgt_map(pt, 0x40001000, 0x1000, 0x1000, &a));

    /* Unmap */
    sb_pgt_unmap(pt, 0x10000000, 0x1000);
    expect_fault(m, pt, 12, 16, start, false, 0x10000000);
    sb_pgt_unmap(pt, 0x20010000, 0x10000);
    expect_fault(m, pt, 12, 16, start, false, 0x2001f000);

    sb_pgt_fill_cd(pt, &cd);
    g_assert_cmphex(cd.ttb0, ==, sb_pgt_root(pt));
    g_assert_cmpuint(cd.t0sz, ==, 16);
    g_assert_cmpuint(cd.tg0, ==, 0);
    g_assert_false(cd.endi);
    g_assert_true(cd.aa64);
    sb_pgt_free(pt);
    tmem_free(m);
}

static void test_pgt_s1_16k(void)
{
    TestMem *m = tmem_new();
    SbPte a = { .af = true, .attrindx = 2 };
    SbPgtable *pt = sb_pgt_new(&m->sb, 1, 14, 17, -1, 0, false);
    int start = s1_start_level(14, 17);
    SbCd cd = { 0 };

    g_assert_cmpint(start, ==, 1);
    g_assert_cmpint(sb_pgt_start_level(pt), ==, 1);
    g_assert_true(sb_pgt_map(pt, 0x4000, 0x12344000, 0x4000, &a));
    g_assert_true(sb_pgt_map(pt, 0x6000000, 0x82000000, 0x2000000, &a));
    a.contiguous = true;
    g_assert_true(sb_pgt_map(pt, UINT64_C(0x400000000000),
                             0x40000000, 128 * 0x4000, &a));

    expect_map(m, pt, 14, 17, start, false, 0x7ffc, 0x12347ffc, 3);
    expect_map(m, pt, 14, 17, start, false, 0x7000000, 0x83000000, 2);
    expect_map(m, pt, 14, 17, start, false, UINT64_C(0x4000001fc000),
               0x401fc000, 3);
    expect_fault(m, pt, 14, 17, start, false, 0x8000);
    sb_pgt_fill_cd(pt, &cd);
    g_assert_cmpuint(cd.tg0, ==, 2);
    sb_pgt_free(pt);
    tmem_free(m);
}

static void test_pgt_s1_64k_52bit(void)
{
    TestMem *m = tmem_new();
    SbPte a = { .af = true };
    SbPgtable *pt = sb_pgt_new(&m->sb, 1, 16, 12, -1, 0, false);
    int start = s1_start_level(16, 12);
    uint64_t oa_page = UINT64_C(0xabcde00010000);
    Walk w;

    g_assert_cmpint(start, ==, 1);
    g_assert_cmpint(sb_pgt_start_level(pt), ==, 1);
    /* 10 bits at level 1: an 8KB start table aligned to its size */
    g_assert_cmphex(sb_pgt_root(pt) & 0x1fff, ==, 0);

    g_assert_true(sb_pgt_map(pt, 0x10000, oa_page, 0x10000, &a));
    g_assert_true(sb_pgt_map(pt, 0x20000000, UINT64_C(0x8000020000000),
                             0x20000000, &a));
    g_assert_true(sb_pgt_map(pt, UINT64_C(0x40000000000),
                             UINT64_C(0x8000000000000),
                             UINT64_C(0x40000000000), &a));

    expect_map(m, pt, 16, 12, start, false, 0x10123, oa_page + 0x123, 3);
    expect_map(m, pt, 16, 12, start, false, 0x3fffffff,
               UINT64_C(0x800003fffffff), 2);
    expect_map(m, pt, 16, 12, start, false, UINT64_C(0x7ffffffffff),
               UINT64_C(0x803ffffffffff), 1);

    /* OA[51:48] in descriptor bits [15:12] */
    g_assert_true(walk(m, sb_pgt_root(pt), 16, 12, start, false, 0x10000,
                       &w));
    g_assert_cmphex(w.desc, ==, UINT64_C(0xbcde00010000) | (0xa << 12) |
                                (1 << 10) | 3);
    sb_pgt_free(pt);
    tmem_free(m);
}

static void test_pgt_s1_big_endian(void)
{
    TestMem *m = tmem_new();
    SbPte a = { .af = true };
    SbPgtable *pt = sb_pgt_new(&m->sb, 1, 12, 25, -1, 0, true);
    int start = s1_start_level(12, 25);
    SbCd cd = { 0 };
    uint64_t da;

    g_assert_cmpint(start, ==, 1);
    g_assert_true(sb_pgt_map(pt, 0x5000, 0x76543000, 0x1000, &a));
    expect_map(m, pt, 12, 25, start, true, 0x5010, 0x76543010, 3);
    da = sb_pgt_desc_addr(pt, 0x5000, 3);
    /* Big-endian: most significant byte first */
    g_assert_cmpuint(m->buf[da - MEM_BASE + 7], ==, 0x03);
    g_assert_cmpuint(m->buf[da - MEM_BASE + 6], ==, 0x34);
    g_assert_cmpuint(m->buf[da - MEM_BASE + 5], ==, 0x54);
    g_assert_cmpuint(m->buf[da - MEM_BASE + 4], ==, 0x76);
    g_assert_cmpuint(m->buf[da - MEM_BASE], ==, 0);
    g_assert_cmphex(sb_pgt_read_raw(pt, 0x5000, 3), ==,
                    UINT64_C(0x76543403));
    sb_pgt_fill_cd(pt, &cd);
    g_assert_true(cd.endi);
    sb_pgt_free(pt);
    tmem_free(m);
}

static void test_pgt_s2_4k_concat(void)
{
    TestMem *m = tmem_new();
    SbPte a = {
        .memattr = 0xf, .s2ap = 3, .sh = 3, .af = true, .xn = 2,
    };
    SbPgtable *pt = sb_pgt_new(&m->sb, 2, 12, 24, -1, 2, false);
    SbSte ste = { 0 };
    int start;
    Walk w;

    /* 40-bit IPA: two concatenated level 1 tables, SL0 = 1 */
    g_assert_cmpint(sb_pgt_start_level(pt), ==, 1);
    g_assert_cmpuint(sb_pgt_concat(pt), ==, 2);
    g_assert_cmpuint(sb_pgt_s2sl0(pt), ==, 1);
    start = s2_start_level(12, sb_pgt_s2sl0(pt));
    g_assert_cmphex(sb_pgt_root(pt) & 0x1fff, ==, 0);

    /* Index 0x201 is in the second table */
    g_assert_true(sb_pgt_map(pt, UINT64_C(0x8040000000), 0x40000000,
                             0x40000000, &a));
    g_assert_cmphex(sb_pgt_desc_addr(pt, UINT64_C(0x8040000000), 1), ==,
                    sb_pgt_root(pt) + 0x201 * 8);
    expect_map(m, pt, 12, 24, start, false, UINT64_C(0x8040001234),
               0x40001234, 1);
    g_assert_true(sb_pgt_map(pt, 0x1000, 0x2000, 0x1000, &a));
    expect_map(m, pt, 12, 24, start, false, 0x1fff, 0x2fff, 3);
    g_assert_true(walk(m, sb_pgt_root(pt), 12, 24, start, false, 0x1000,
                       &w));
    /* S2 page: MemAttr [5:2], S2AP [7:6], SH, AF, XN [54:53] */
    g_assert_cmphex(w.desc, ==, 0x2000 | 3 | (0xf << 2) | (3 << 6) |
                                (3 << 8) | (1 << 10) | (UINT64_C(2) << 53));

    sb_pgt_fill_ste(pt, &ste);
    g_assert_cmphex(ste.s2ttb, ==, sb_pgt_root(pt));
    g_assert_cmpuint(ste.s2t0sz, ==, 24);
    g_assert_cmpuint(ste.s2sl0, ==, 1);
    g_assert_cmpuint(ste.s2tg, ==, 0);
    g_assert_true(ste.s2aa64);
    sb_pgt_free(pt);

    /* 43-bit IPA: 16 concatenated level 1 tables (64KB, aligned) */
    pt = sb_pgt_new(&m->sb, 2, 12, 21, -1, 16, false);
    g_assert_cmpint(sb_pgt_start_level(pt), ==, 1);
    g_assert_cmpuint(sb_pgt_concat(pt), ==, 16);
    g_assert_cmphex(sb_pgt_root(pt) & 0xffff, ==, 0);
    g_assert_true(sb_pgt_map(pt, UINT64_C(0x7ffffe00000),
                             0x200000, 0x200000, &a));
    expect_map(m, pt, 12, 21, s2_start_level(12, sb_pgt_s2sl0(pt)), false,
               UINT64_C(0x7ffffe00010), 0x200010, 2);
    sb_pgt_free(pt);

    /* No concatenation: 39-bit IPA starts at level 1, 36-bit at level 2 */
    pt = sb_pgt_new(&m->sb, 2, 12, 25, -1, 0, false);
    g_assert_cmpint(sb_pgt_start_level(pt), ==, 1);
    g_assert_cmpuint(sb_pgt_s2sl0(pt), ==, 1);
    sb_pgt_free(pt);
    /* Explicit start level 2 for a 32-bit IPA: 4 concatenated tables */
    pt = sb_pgt_new(&m->sb, 2, 12, 32, 2, 0, false);
    g_assert_cmpuint(sb_pgt_concat(pt), ==, 4);
    g_assert_cmpuint(sb_pgt_s2sl0(pt), ==, 0);
    sb_pgt_free(pt);
    pt = sb_pgt_new(&m->sb, 2, 12, 16, -1, 0, false);
    g_assert_cmpint(sb_pgt_start_level(pt), ==, 0);
    g_assert_cmpuint(sb_pgt_s2sl0(pt), ==, 2);
    sb_pgt_free(pt);
    tmem_free(m);
}

static void test_pgt_s2_16k_64k(void)
{
    TestMem *m = tmem_new();
    SbPte a = { .memattr = 0x5, .s2ap = 1, .af = true };
    SbPgtable *pt;
    SbSte ste = { 0 };
    int start;

    /* 16KB, 36-bit IPA: start level 2, SL0 = 1 */
    pt = sb_pgt_new(&m->sb, 2, 14, 28, -1, 0, false);
    g_assert_cmpint(sb_pgt_start_level(pt), ==, 2);
    g_assert_cmpuint(sb_pgt_s2sl0(pt), ==, 1);
    start = s2_start_level(14, sb_pgt_s2sl0(pt));
    g_assert_true(sb_pgt_map(pt, 0x2000000, 0x6000000, 0x2000000, &a));
    g_assert_true(sb_pgt_map(pt, 0xc000, 0x4000, 0x4000, &a));
    expect_map(m, pt, 14, 28, start, false, 0x3ffffff, 0x7ffffff, 2);
    expect_map(m, pt, 14, 28, start, false, 0xc004, 0x4004, 3);
    sb_pgt_fill_ste(pt, &ste);
    g_assert_cmpuint(ste.s2tg, ==, 2);
    sb_pgt_free(pt);

    /* 64KB, 42-bit IPA: start level 2, SL0 = 1; 512MB blocks */
    pt = sb_pgt_new(&m->sb, 2, 16, 22, -1, 0, false);
    g_assert_cmpint(sb_pgt_start_level(pt), ==, 2);
    g_assert_cmpuint(sb_pgt_s2sl0(pt), ==, 1);
    start = s2_start_level(16, sb_pgt_s2sl0(pt));
    g_assert_true(sb_pgt_map(pt, UINT64_C(0x3ffe0000000),
                             UINT64_C(0x100000000), 0x20000000, &a));
    g_assert_true(sb_pgt_map(pt, 0x30000, 0x70000, 0x10000, &a));
    a.contiguous = true;
    g_assert_true(sb_pgt_map(pt, 0x200000, 0x400000, 32 * 0x10000, &a));
    expect_map(m, pt, 16, 22, start, false, UINT64_C(0x3ffe0000040),
               UINT64_C(0x100000040), 2);
    expect_map(m, pt, 16, 22, start, false, 0x3ffff, 0x7ffff, 3);
    expect_map(m, pt, 16, 22, start, false, 0x3f0000, 0x5f0000, 3);
    sb_pgt_fill_ste(pt, &ste);
    g_assert_cmpuint(ste.s2tg, ==, 1);
    sb_pgt_free(pt);

    /* 64KB, 43-bit IPA: 2 concatenated level 2 tables (128KB) */
    pt = sb_pgt_new(&m->sb, 2, 16, 21, -1, 2, false);
    g_assert_cmpint(sb_pgt_start_level(pt), ==, 2);
    g_assert_cmpuint(sb_pgt_concat(pt), ==, 2);
    g_assert_cmphex(sb_pgt_root(pt) & 0x1ffff, ==, 0);
    sb_pgt_free(pt);
    tmem_free(m);
}

static void test_pgt_raw(void)
{
    TestMem *m = tmem_new();
    SbPte a = { .af = true };
    SbPgtable *pt = sb_pgt_new(&m->sb, 1, 12, 25, -1, 0, false);
    uint64_t l1d, l2_table, da;
    Walk w;

    /* Table attributes on the level 1 descriptor */
    g_assert_true(sb_pgt_map(pt, 0x201000, 0x3000, 0x1000, &a));
    sb_pgt_set_table_attrs(pt, 0x201000, 1, 2, true, true);
    l1d = sb_pgt_read_raw(pt, 0x201000, 1);
    g_assert_cmphex(l1d >> 59, ==, (2 << 2) | 2 | 1);
    expect_map(m, pt, 12, 25, 1, false, 0x201000, 0x3000, 3);

    /* desc_addr at level 2 is in the table the level 1 entry points to */
    l2_table = l1d & UINT64_C(0xfffffffff000);
    g_assert_cmphex(sb_pgt_desc_addr(pt, 0x201000, 2), ==, l2_table + 1 * 8);

    /* Plant a reserved (0b01 at level 3) descriptor */
    sb_pgt_write_raw(pt, 0x202000, 3, 0x5001);
    g_assert_false(walk(m, sb_pgt_root(pt), 12, 25, 1, false, 0x202000, &w));
    g_assert_cmpint(w.level, ==, 3);
    g_assert_cmphex(w.desc, ==, 0x5001);

    /* desc_addr for an unmapped region allocates the path */
    da = sb_pgt_desc_addr(pt, UINT64_C(0x7f00000000), 3);
    g_assert_cmphex(tmem_le64(m, da), ==, 0);
    g_assert_false(walk(m, sb_pgt_root(pt), 12, 25, 1, false,
                        UINT64_C(0x7f00000000), &w));
    g_assert_cmpint(w.level, ==, 3);
    g_assert_cmphex(w.desc_addr, ==, da);
    sb_pgt_free(pt);
    tmem_free(m);
}

/* ---- Commands ------------------------------------------------------------ */

typedef struct CmdCase {
    const char *name;
    uint64_t got[2];
    uint64_t exp[2];
} CmdCase;

static void test_commands(void)
{
    SbTlbiAddr va = {
        .addr = UINT64_C(0xffff000012345000), .leaf = true,
        .num = 0x1f, .scale = 5, .ttl = 3, .tg = 1,
    };
    SbTlbiAddr vaa = { .addr = 0x8000 };
    SbTlbiAddr el2va = { .addr = 0x40000000, .leaf = true };
    SbTlbiAddr el2vaa = { .addr = 0x1000, .num = 1, .ttl = 2, .tg = 3 };
    SbTlbiAddr ipa = {
        .addr = UINT64_C(0xffffff000), .leaf = true,
        .num = 3, .scale = 33, .ttl = 3, .tg = 2,
    };
    CmdCase c[] = {
        { "PREFETCH_CONFIG", {0}, { UINT64_C(0x0000004200123801), 0 } },
        { "PREFETCH_ADDR", {0}, { UINT64_C(0x0000004200000002),
                                  UINT64_C(0x0000000012345043) } },
        { "CFGI_STE", {0}, { UINT64_C(0x0000123400000003), 1 } },
        { "CFGI_STE_RANGE", {0}, { UINT64_C(0x0000010000000004), 4 } },
        { "CFGI_CD", {0}, { UINT64_C(0x0000000700055005), 0 } },
        { "CFGI_CD_ALL", {0}, { UINT64_C(0x0000000700000006), 0 } },
        { "CFGI_ALL", {0}, { 0x4, 0x1f } },
        { "TLBI_NH_ALL", {0}, { UINT64_C(0x0000000300000010), 0 } },
        { "TLBI_NH_ASID", {0}, { UINT64_C(0x0077000300000011), 0 } },
        { "TLBI_NH_VA", {0}, { UINT64_C(0x007700030051f012),
                               UINT64_C(0xffff000012345701) } },
        { "TLBI_NH_VAA", {0}, { UINT64_C(0x0000000300000013), 0x8000 } },
        { "TLBI_EL2_ALL", {0}, { 0x20, 0 } },
        { "TLBI_EL2_ASID", {0}, { UINT64_C(0x0009000000000021), 0 } },
        { "TLBI_EL2_VA", {0}, { UINT64_C(0x0009000000000022),
                                0x40000001 } },
        { "TLBI_EL2_VAA", {0}, { 0x1023, 0x1e00 } },
        { "TLBI_S12_VMALL", {0}, { UINT64_C(0x0000abcd00000028), 0 } },
        { "TLBI_S2_IPA", {0}, { UINT64_C(0x000000010210302a),
                                UINT64_C(0x0000000ffffffb01) } },
        { "TLBI_NSNH_ALL", {0}, { 0x30, 0 } },
        { "ATC_INV", {0}, { UINT64_C(0x0000001000002a40), 0x70000034 } },
        { "PRI_RESP", {0}, { UINT64_C(0x0000001000005841), 0x21ff } },
        { "RESUME(abort)", {0}, { UINT64_C(0x0000002000002044), 0xabcd } },
        { "RESUME(retry)", {0}, { UINT64_C(0x0000002000001044), 0x1 } },
        { "STALL_TERM", {0}, { UINT64_C(0x0000002000000045), 0 } },
        { "SYNC(IRQ)", {0}, { UINT64_C(0xdeadbeef0fc01046), 0x08000040 } },
        { "SYNC(SEV)", {0}, { 0x2046, 0 } },
        { "SYNC(NONE)", {0}, { 0x0046, 0 } },
    };
    unsigned i = 0;

    sb_cmd_prefetch_config(c[i++].got, 0x42, true, 0x123);
    sb_cmd_prefetch_addr(c[i++].got, 0x42, false, 0, 0x12345000, 3, 2);
    sb_cmd_cfgi_ste(c[i++].got, 0x1234, true);
    sb_cmd_cfgi_ste_range(c[i++].got, 0x100, 4);
    sb_cmd_cfgi_cd(c[i++].got, 7, 0x55, false);
    sb_cmd_cfgi_cd_all(c[i++].got, 7);
    sb_cmd_cfgi_all(c[i++].got);
    sb_cmd_tlbi_nh_all(c[i++].got, 3);
    sb_cmd_tlbi_nh_asid(c[i++].got, 3, 0x77);
    sb_cmd_tlbi_nh_va(c[i++].got, 3, 0x77, &va);
    sb_cmd_tlbi_nh_vaa(c[i++].got, 3, &vaa);
    sb_cmd_tlbi_el2_all(c[i++].got);
    sb_cmd_tlbi_el2_asid(c[i++].got, 9);
    sb_cmd_tlbi_el2_va(c[i++].got, 9, &el2va);
    sb_cmd_tlbi_el2_vaa(c[i++].got, &el2vaa);
    sb_cmd_tlbi_s12_vmall(c[i++].got, 0xabcd);
    sb_cmd_tlbi_s2_ipa(c[i++].got, 1, &ipa);
    sb_cmd_tlbi_nsnh_all(c[i++].got);
    sb_cmd_atc_inv(c[i++].got, 0x10, true, 2, 0x70000000, 52, true);
    sb_cmd_pri_resp(c[i++].got, 0x10, true, 5, 0x1ff, 2);
    sb_cmd_resume(c[i++].got, 0x20, 0xabcd, false, true);
    sb_cmd_resume(c[i++].got, 0x20, 1, true, false);
    sb_cmd_stall_term(c[i++].got, 0x20);
    sb_cmd_sync(c[i++].got, SB_SYNC_CS_IRQ, 3, 0xf, 0xdeadbeef, 0x08000040);
    sb_cmd_sync(c[i++].got, SB_SYNC_CS_SEV, 0, 0, 0, 0);
    sb_cmd_sync(c[i++].got, SB_SYNC_CS_NONE, 0, 0, 0, 0);
    g_assert_cmpuint(i, ==, G_N_ELEMENTS(c));

    for (i = 0; i < G_N_ELEMENTS(c); i++) {
        g_test_message("%s", c[i].name);
        assert_words(c[i].got, c[i].exp, 2);
    }
}

/* Range TLBI split: the ranges tile [addr, addr + size) exactly */
static void check_split(uint64_t addr, uint64_t size, unsigned g,
                        unsigned ttl, const SbTlbiAddr *r, unsigned n)
{
    uint64_t next = addr;
    unsigned i;

    for (i = 0; i < n; i++) {
        uint64_t span;

        g_assert_cmphex(r[i].addr, ==, next);
        if (r[i].tg == 0) {
            g_assert_cmpuint(r[i].num | r[i].scale | r[i].ttl, ==, 0);
            span = UINT64_C(1) << g;
        } else {
            g_assert_cmpuint(r[i].tg, ==, (g - 10) / 2);
            g_assert_cmpuint(r[i].ttl, ==, ttl);
            g_assert_false(r[i].num == 0 && r[i].scale == 0 &&
                           r[i].ttl == 0);
            span = ((uint64_t)r[i].num + 1) << (r[i].scale + g);
        }
        next += span;
    }
    g_assert_cmphex(next, ==, addr + size);
}

static void test_tlbi_range(void)
{
    SbTlbiAddr r[16];
    unsigned n;

    /* 33 x 4KB: one page (non-range, as NUM=SCALE=TTL=0 is Reserved),
     * then 32 pages as NUM=0, SCALE=5 */
    n = sb_tlbi_range_split(0x10000, 33 * 0x1000, 12, false, 0, r, 16);
    g_assert_cmpuint(n, ==, 2);
    g_assert_cmpuint(r[0].tg, ==, 0);
    g_assert_cmphex(r[0].addr, ==, 0x10000);
    g_assert_cmphex(r[1].addr, ==, 0x11000);
    g_assert_cmpuint(r[1].tg, ==, 1);
    g_assert_cmpuint(r[1].num, ==, 0);
    g_assert_cmpuint(r[1].scale, ==, 5);
    check_split(0x10000, 33 * 0x1000, 12, 0, r, n);

    /* With a level hint the single page is a range op with TTL */
    n = sb_tlbi_range_split(0x10000, 33 * 0x1000, 12, true, 3, r, 16);
    g_assert_cmpuint(n, ==, 2);
    g_assert_cmpuint(r[0].tg, ==, 1);
    g_assert_cmpuint(r[0].ttl, ==, 3);
    g_assert_true(r[0].leaf);
    check_split(0x10000, 33 * 0x1000, 12, 3, r, n);

    /* 80 x 64KB in one command: NUM = 4, SCALE = 4 */
    n = sb_tlbi_range_split(0x100000, 80 * 0x10000, 16, false, 0, r, 16);
    g_assert_cmpuint(n, ==, 1);
    g_assert_cmpuint(r[0].tg, ==, 3);
    g_assert_cmpuint(r[0].num, ==, 4);
    g_assert_cmpuint(r[0].scale, ==, 4);

    /* 0x3ffff x 16KB: four chunks of five bits */
    n = sb_tlbi_range_split(0, UINT64_C(0x3ffff) << 14, 14, false, 2, r, 16);
    g_assert_cmpuint(n, ==, 4);
    g_assert_cmpuint(r[3].num, ==, 6);
    g_assert_cmpuint(r[3].scale, ==, 15);
    check_split(0, UINT64_C(0x3ffff) << 14, 14, 2, r, n);
}

/* ---- Queues -------------------------------------------------------------- */

static void test_queue(void)
{
    TestMem *m = tmem_new();
    uint64_t q, cmd[2], rec[4], exp[4];
    uint32_t prod = 0, cons = 0;
    unsigned i;

    q = sb_queue_alloc(&m->sb, 2, 16);
    g_assert_cmphex(q & 0x3f, ==, 0);
    g_assert_cmphex(sb_queue_base_reg(q, 2, true), ==,
                    q | 2 | (UINT64_C(1) << 62));
    g_assert_true(sb_queue_empty(prod, cons, 2));

    for (i = 0; i < 4; i++) {
        sb_cmd_cfgi_ste(cmd, i, false);
        sb_queue_push(&m->sb, q, 2, &prod, cmd);
    }
    g_assert_cmphex(prod, ==, 0x4);                 /* index 0, wrap set */
    g_assert_true(sb_queue_full(prod, cons, 2));
    g_assert_false(sb_queue_empty(prod, cons, 2));
    g_assert_cmphex(tmem_le64(m, q + 3 * 16), ==, UINT64_C(0x300000003));

    cons = 3;
    sb_cmd_tlbi_nsnh_all(cmd);
    sb_queue_push(&m->sb, q, 2, &prod, cmd);
    g_assert_cmphex(prod, ==, 0x5);
    g_assert_cmphex(tmem_le64(m, q), ==, 0x30);
    for (i = 0; i < 3; i++) {
        prod = sb_queue_inc(prod, 2);
    }
    g_assert_cmphex(prod, ==, 0x0);                 /* wrap flips back */

    /* Event queue: pop with wrap */
    q = sb_queue_alloc(&m->sb, 1, 32);
    g_assert_cmphex(q & 0x3f, ==, 0);
    exp[0] = 0x0000005500000004;
    exp[1] = exp[2] = exp[3] = 0;
    sb_write_words(&m->sb, q + 32, exp, 4);
    cons = 1;
    sb_evtq_pop(&m->sb, q, 1, &cons, rec);
    assert_words(rec, exp, 4);
    g_assert_cmphex(cons, ==, 0x2);
    tmem_free(m);
}

/* ---- Events -------------------------------------------------------------- */

static void assert_event_eq(const SbEvent *a, const SbEvent *b)
{
    g_assert_cmphex(a->type, ==, b->type);
    g_assert_cmpint(a->ssv, ==, b->ssv);
    g_assert_cmphex(a->ssid, ==, b->ssid);
    g_assert_cmphex(a->sid, ==, b->sid);
    g_assert_cmphex(a->stag, ==, b->stag);
    g_assert_cmphex(a->reason, ==, b->reason);
    g_assert_cmpint(a->gpcf, ==, b->gpcf);
    g_assert_cmpint(a->stall, ==, b->stall);
    g_assert_cmpint(a->pnu, ==, b->pnu);
    g_assert_cmpint(a->ind, ==, b->ind);
    g_assert_cmpint(a->rnw, ==, b->rnw);
    g_assert_cmpint(a->s2, ==, b->s2);
    g_assert_cmpuint(a->class_, ==, b->class_);
    g_assert_cmpint(a->ttrnw, ==, b->ttrnw);
    g_assert_cmphex(a->span, ==, b->span);
    g_assert_cmpint(a->priv, ==, b->priv);
    g_assert_cmpint(a->exec, ==, b->exec);
    g_assert_cmpint(a->write, ==, b->write);
    g_assert_cmpint(a->read, ==, b->read);
    g_assert_cmpint(a->ux, ==, b->ux);
    g_assert_cmpint(a->uw, ==, b->uw);
    g_assert_cmpint(a->ur, ==, b->ur);
    g_assert_cmpint(a->px, ==, b->px);
    g_assert_cmpint(a->pw, ==, b->pw);
    g_assert_cmpint(a->pr, ==, b->pr);
    g_assert_cmphex(a->input_addr, ==, b->input_addr);
    g_assert_cmphex(a->ipa, ==, b->ipa);
    g_assert_cmphex(a->fetch_addr, ==, b->fetch_addr);
}

static void test_event_translation(void)
{
    const uint64_t rec[4] = {
        UINT64_C(0x0000005501234810),
        UINT64_C(0x0000028a800000ab),
        UINT64_C(0xffff800012345678),
        UINT64_C(0x0000000812345000),
    };
    SbEvent ev, exp = {
        .type = SB_EVT_F_TRANSLATION, .ssv = true, .ssid = 0x1234,
        .sid = 0x55, .stag = 0xab, .stall = true, .pnu = true,
        .rnw = true, .s2 = true, .class_ = SB_EVT_CLASS_IN,
        .input_addr = UINT64_C(0xffff800012345678),
        .ipa = UINT64_C(0x812345000),
    };
    uint64_t out[4];

    sb_event_decode(rec, &ev);
    g_assert_cmpuint(ev.type, ==, 0x10);
    g_assert_true(ev.ssv);
    g_assert_cmphex(ev.ssid, ==, 0x1234);
    g_assert_cmphex(ev.sid, ==, 0x55);
    g_assert_cmphex(ev.stag, ==, 0xab);
    g_assert_true(ev.stall);
    g_assert_true(ev.pnu);
    g_assert_false(ev.ind);
    g_assert_true(ev.rnw);
    g_assert_true(ev.s2);
    g_assert_cmpuint(ev.class_, ==, SB_EVT_CLASS_IN);
    g_assert_false(ev.ttrnw);
    g_assert_cmphex(ev.input_addr, ==, UINT64_C(0xffff800012345678));
    g_assert_cmphex(ev.ipa, ==, UINT64_C(0x812345000));
    assert_event_eq(&ev, &exp);

    sb_event_encode(&exp, out);
    assert_words(out, rec, 4);
    g_assert_cmpstr(sb_event_name(ev.type), ==, "F_TRANSLATION");
}

static void test_event_records(void)
{
    struct {
        SbEvent ev;
        uint64_t rec[4];
    } c[] = {
        {   /* stage 2 Permission fault on a stage 1 walk write */
            { .type = SB_EVT_F_PERMISSION, .sid = 1, .s2 = true,
              .class_ = SB_EVT_CLASS_TT, .ttrnw = false, .rnw = true,
              .input_addr = 0x1000, .ipa = 0x7000 },
            { UINT64_C(0x0000000100000013), UINT64_C(0x0000018800000000),
              0x1000, 0x7000 },
        },
        {   /* TTRnW [108] */
            { .type = SB_EVT_F_PERMISSION, .sid = 1, .ttrnw = true,
              .class_ = SB_EVT_CLASS_TT, .s2 = true, .ind = true },
            { UINT64_C(0x0000000100000013), UINT64_C(0x0000118400000000),
              0, 0 },
        },
        {   /* FetchAddr [247:195] */
            { .type = SB_EVT_F_WALK_EABT, .sid = 2, .ssv = true, .ssid = 3,
              .class_ = SB_EVT_CLASS_TT, .reason = 0x7, .rnw = true,
              .input_addr = UINT64_C(0x8000001000),
              .fetch_addr = UINT64_C(0x80001238) },
            { UINT64_C(0x000000020000380b), UINT64_C(0x0000010800000007),
              UINT64_C(0x8000001000), UINT64_C(0x80001238) },
        },
        {
            { .type = SB_EVT_F_STE_FETCH, .sid = 0x99,
              .fetch_addr = UINT64_C(0xfff000040), .reason = 0xbeef },
            { UINT64_C(0x0000009900000003), 0xbeef, 0,
              UINT64_C(0xfff000040) },
        },
        {
            { .type = SB_EVT_F_CD_FETCH, .sid = 5, .ssv = true,
              .ssid = 0xfffff, .fetch_addr = 0x40001000 },
            { UINT64_C(0x00000005fffff809), 0, 0, 0x40001000 },
        },
        {   /* no SSV: SubstreamID always valid */
            { .type = SB_EVT_C_BAD_SUBSTREAMID, .sid = 5, .ssid = 0x10 },
            { UINT64_C(0x0000000500010008), 0, 0, 0 },
        },
        {
            { .type = SB_EVT_C_BAD_STREAMID, .sid = 0x10000 },
            { UINT64_C(0x0001000000000002), 0, 0, 0 },
        },
        {
            { .type = SB_EVT_C_BAD_STE, .sid = 0x12, .ssv = true,
              .ssid = 1 },
            { UINT64_C(0x0000001200001804), 0, 0, 0 },
        },
        {
            { .type = SB_EVT_C_BAD_CD, .sid = 0x12 },
            { UINT64_C(0x000000120000000a), 0, 0, 0 },
        },
        {
            { .type = SB_EVT_F_STREAM_DISABLED, .sid = 0x12 },
            { UINT64_C(0x0000001200000006), 0, 0, 0 },
        },
        {
            { .type = SB_EVT_F_TRANSL_FORBIDDEN, .sid = 0x12, .rnw = true,
              .input_addr = 0xabc },
            { UINT64_C(0x0000001200000007), UINT64_C(0x800000000),
              0xabc, 0 },
        },
        {
            { .type = SB_EVT_F_UUT, .sid = 3, .reason = 0x55, .ind = true,
              .rnw = true, .input_addr = 0x1234 },
            { UINT64_C(0x0000000300000001), UINT64_C(0xc00000055),
              0x1234, 0 },
        },
        {
            { .type = SB_EVT_F_ADDR_SIZE, .sid = 3, .class_ = 2,
              .input_addr = UINT64_C(0x1000000000000) },
            { UINT64_C(0x0000000300000011), UINT64_C(0x20000000000),
              UINT64_C(0x1000000000000), 0 },
        },
        {
            { .type = SB_EVT_F_ACCESS, .sid = 3, .class_ = 2, .stall = true,
              .stag = 0xffff, .input_addr = 0x2000 },
            { UINT64_C(0x0000000300000012), UINT64_C(0x2008000ffff),
              0x2000, 0 },
        },
        {
            { .type = SB_EVT_F_TLB_CONFLICT, .sid = 3, .s2 = true,
              .reason = 1, .input_addr = 0x2000, .ipa = 0x5000 },
            { UINT64_C(0x0000000300000020), UINT64_C(0x8000000001),
              0x2000, 0x5000 },
        },
        {
            { .type = SB_EVT_F_CFG_CONFLICT, .sid = 3,
              .reason = 0x87654321 },
            { UINT64_C(0x0000000300000021), 0x87654321, 0, 0 },
        },
        {   /* Span [115:108], pR [103], uR [99] */
            { .type = SB_EVT_E_PAGE_REQUEST, .sid = 3, .ssv = true,
              .ssid = 1, .span = 0x10, .pr = true, .ur = true,
              .input_addr = 0x12345000 },
            { UINT64_C(0x0000000300001824), UINT64_C(0x0001008800000000),
              0x12345000, 0 },
        },
        {
            { .type = SB_EVT_F_BAD_ATS_TREQ, .sid = 3, .span = 1,
              .read = true, .write = true, .input_addr = 0x7000 },
            { UINT64_C(0x0000000300000005), UINT64_C(0x0000100c00000000),
              0x7000, 0 },
        },
    };
    unsigned i;

    for (i = 0; i < G_N_ELEMENTS(c); i++) {
        uint64_t out[4];
        SbEvent ev;

        g_test_message("%s", sb_event_name(c[i].ev.type));
        sb_event_encode(&c[i].ev, out);
        assert_words(out, c[i].rec, 4);
        sb_event_decode(c[i].rec, &ev);
        assert_event_eq(&ev, &c[i].ev);
    }
}

/*
 * For every type: set each field of the layout in turn to all ones and
 * check that encode/decode round-trips it and that the fields of one
 * record do not overlap.
 */
static void test_event_layouts(void)
{
    static const uint8_t types[] = {
        0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b,
        0x10, 0x11, 0x12, 0x13, 0x20, 0x21, 0x24,
    };
    unsigned i;

    for (i = 0; i < G_N_ELEMENTS(types); i++) {
        uint32_t f = sb_event_fields(types[i]);
        SbEvent ev = { .type = types[i], .sid = UINT32_MAX };
        SbEvent back;
        uint64_t rec[4];

        g_assert_cmpstr(sb_event_name(types[i]), !=, "UNKNOWN");
        if (f & SB_EVF_SSV_SSID) {
            ev.ssv = true;
        }
        if (f & (SB_EVF_SSV_SSID | SB_EVF_SSID)) {
            ev.ssid = 0xfffff;
        }
        if (f & SB_EVF_STAG_STALL) {
            ev.stag = 0xffff;
            ev.stall = true;
        }
        if (f & SB_EVF_REASON16) {
            ev.reason = 0xffff;
        }
        if (f & SB_EVF_REASON32) {
            ev.reason = UINT32_MAX;
        }
        ev.gpcf = f & SB_EVF_GPCF;
        ev.pnu = ev.ind = f & SB_EVF_ATTRS;
        ev.rnw = f & (SB_EVF_ATTRS | SB_EVF_RNW);
        ev.s2 = f & SB_EVF_S2;
        ev.class_ = f & SB_EVF_CLASS ? 3 : 0;
        ev.ttrnw = f & SB_EVF_TTRNW;
        ev.priv = ev.exec = ev.write = ev.read = f & SB_EVF_ATS_PERMS;
        ev.ux = ev.uw = ev.ur = ev.px = ev.pw = ev.pr =
            f & SB_EVF_PRI_PERMS;
        ev.span = f & SB_EVF_SPAN ? 0xff : 0;
        if (f & SB_EVF_INPUT_ADDR) {
            ev.input_addr = UINT64_MAX;
        }
        if (f & SB_EVF_INPUT_PAGE) {
            ev.input_addr = ~UINT64_C(0xfff);
        }
        if (f & SB_EVF_IPA) {
            ev.ipa = UINT64_C(0x00fffffffffff000);
        }
        if (f & SB_EVF_FETCH_ADDR) {
            ev.fetch_addr = UINT64_C(0x00fffffffffffff8);
        }

        sb_event_encode(&ev, rec);
        sb_event_decode(rec, &back);
        assert_event_eq(&ev, &back);

        /* Popcount of the record == sum of the field widths */
        g_assert_cmpuint(__builtin_popcountll(rec[0]) +
                         __builtin_popcountll(rec[1]) +
                         __builtin_popcountll(rec[2]) +
                         __builtin_popcountll(rec[3]), ==,
                         __builtin_popcount(ev.type) + 32 +
                         (ev.ssv ? 1 : 0) + (ev.ssid ? 20 : 0) +
                         (ev.stag ? 17 : 0) +
                         __builtin_popcount(ev.reason) + ev.gpcf +
                         ev.pnu + ev.ind + ev.rnw + ev.s2 +
                         (ev.class_ ? 2 : 0) + ev.ttrnw +
                         4 * ev.priv + 6 * ev.pr + (ev.span ? 8 : 0) +
                         __builtin_popcountll(ev.input_addr) +
                         __builtin_popcountll(ev.ipa) +
                         __builtin_popcountll(ev.fetch_addr));
    }
    g_assert_cmpstr(sb_event_name(0x22), ==, "UNKNOWN");
    g_assert_cmpuint(sb_event_fields(0x22), ==, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    g_test_add_func("/builder/alloc", test_alloc);
    g_test_add_func("/builder/field-helpers", test_field_helpers);
    g_test_add_func("/builder/ste/s2", test_ste_s2);
    g_test_add_func("/builder/ste/s1", test_ste_s1);
    g_test_add_func("/builder/ste/all-fields", test_ste_all_fields);
    g_test_add_func("/builder/cd/encode", test_cd);
    g_test_add_func("/builder/cd/all-fields", test_cd_all_fields);
    g_test_add_func("/builder/strtab/linear", test_strtab_linear);
    g_test_add_func("/builder/strtab/2lvl", test_strtab_2lvl);
    g_test_add_func("/builder/cdtab", test_cdtab);
    g_test_add_func("/builder/pgt/s1-4k", test_pgt_s1_4k);
    g_test_add_func("/builder/pgt/s1-16k", test_pgt_s1_16k);
    g_test_add_func("/builder/pgt/s1-64k-52bit", test_pgt_s1_64k_52bit);
    g_test_add_func("/builder/pgt/s1-big-endian", test_pgt_s1_big_endian);
    g_test_add_func("/builder/pgt/s2-4k-concat", test_pgt_s2_4k_concat);
    g_test_add_func("/builder/pgt/s2-16k-64k", test_pgt_s2_16k_64k);
    g_test_add_func("/builder/pgt/raw", test_pgt_raw);
    g_test_add_func("/builder/cmd/encode", test_commands);
    g_test_add_func("/builder/cmd/tlbi-range", test_tlbi_range);
    g_test_add_func("/builder/queue", test_queue);
    g_test_add_func("/builder/event/translation", test_event_translation);
    g_test_add_func("/builder/event/records", test_event_records);
    g_test_add_func("/builder/event/layouts", test_event_layouts);

    return g_test_run();
}
