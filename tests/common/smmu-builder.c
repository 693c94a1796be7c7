/*
 * SMMUv3 structure builder for tests
 *
 * See smmu-builder.h.  Field positions are written as the bit ranges the
 * spec (Arm IHI 0070) gives for each structure, counted from bit 0 of the
 * structure, so they can be checked line by line against the spec.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "smmu-builder.h"

#include <inttypes.h>
#include <string.h>

#define SB_MASK(hi, lo) \
    ((~UINT64_C(0) >> (63 - (hi))) & (~UINT64_C(0) << (lo)))

/* ---- Memory and allocator ------------------------------------------------ */

void sb_init(SmmuBuilder *sb, const SmmuBuilderMem *mem,
             uint64_t base, uint64_t size)
{
    g_assert(mem->write && mem->read);
    sb->mem = *mem;
    sb->base = base;
    sb->size = size;
    sb->next = base;
}

/*
 * Zero-filled in 64 KiB writes: through qtest every write is a round trip
 * to QEMU, and an engine test's environment allocates megabytes
 */
uint64_t sb_alloc(SmmuBuilder *sb, uint64_t size, uint64_t align)
{
    static const uint8_t zeroes[64 * 1024];
    uint64_t addr, off;

    if (align <= 1) {
        align = 1;
    }
    g_assert((align & (align - 1)) == 0);
    addr = (sb->next + align - 1) & ~(align - 1);
    g_assert(addr >= sb->next);
    if (size > sb->base + sb->size - addr || addr > sb->base + sb->size) {
        g_error("smmu-builder: out of memory (0x%" PRIx64 " bytes at 0x%"
                PRIx64 ", region [0x%" PRIx64 ", 0x%" PRIx64 "))",
                size, addr, sb->base, sb->base + sb->size);
    }
    for (off = 0; off < size; off += sizeof(zeroes)) {
        uint64_t n = MIN(size - off, sizeof(zeroes));

        sb->mem.write(sb->mem.opaque, addr + off, zeroes, n);
    }
    sb->next = addr + size;
    return addr;
}

void sb_write64(SmmuBuilder *sb, uint64_t addr, uint64_t val)
{
    uint64_t le = GUINT64_TO_LE(val);

    sb->mem.write(sb->mem.opaque, addr, &le, sizeof(le));
}

uint64_t sb_read64(SmmuBuilder *sb, uint64_t addr)
{
    uint64_t le;

    sb->mem.read(sb->mem.opaque, addr, &le, sizeof(le));
    return GUINT64_FROM_LE(le);
}

void sb_write_words(SmmuBuilder *sb, uint64_t addr, const uint64_t *w,
                    unsigned n)
{
    uint64_t le[8];
    unsigned i, done = 0;

    while (done < n) {
        unsigned chunk = MIN(n - done, G_N_ELEMENTS(le));

        for (i = 0; i < chunk; i++) {
            le[i] = GUINT64_TO_LE(w[done + i]);
        }
        sb->mem.write(sb->mem.opaque, addr + done * 8, le, chunk * 8);
        done += chunk;
    }
}

void sb_read_words(SmmuBuilder *sb, uint64_t addr, uint64_t *w, unsigned n)
{
    unsigned i;

    sb->mem.read(sb->mem.opaque, addr, w, n * 8);
    for (i = 0; i < n; i++) {
        w[i] = GUINT64_FROM_LE(w[i]);
    }
}

/* ---- Field helpers ------------------------------------------------------- */

void sb_field_set(uint64_t *w, unsigned hi, unsigned lo, uint64_t val)
{
    unsigned word = lo / 64;
    unsigned l = lo % 64, h = hi - 64 * word;

    g_assert(hi >= lo && h < 64);
    g_assert((val & ~(SB_MASK(h, l) >> l)) == 0);
    w[word] = (w[word] & ~SB_MASK(h, l)) | (val << l);
}

uint64_t sb_field_get(const uint64_t *w, unsigned hi, unsigned lo)
{
    unsigned word = lo / 64;
    unsigned l = lo % 64, h = hi - 64 * word;

    g_assert(hi >= lo && h < 64);
    return (w[word] & SB_MASK(h, l)) >> l;
}

/*
 * An address field holds address bits [hi:lo] in the same bit positions
 * of doubleword @word of the structure; the other address bits must be 0.
 */
static void sb_addr_set(uint64_t *w, unsigned word, unsigned hi, unsigned lo,
                        uint64_t addr)
{
    g_assert((addr & ~SB_MASK(hi, lo)) == 0);
    w[word] = (w[word] & ~SB_MASK(hi, lo)) | addr;
}

static uint64_t sb_addr_get(const uint64_t *w, unsigned word, unsigned hi,
                            unsigned lo)
{
    return w[word] & SB_MASK(hi, lo);
}

/* ---- STE (spec 5.2) ------------------------------------------------------ */

void sb_ste_encode(const SbSte *s, uint64_t out[8])
{
    memset(out, 0, 8 * sizeof(out[0]));

    sb_field_set(out, 0, 0, s->v);
    sb_field_set(out, 3, 1, s->config);
    sb_field_set(out, 5, 4, s->s1fmt);
    sb_addr_set(out, 0, 55, 6, s->s1_context_ptr);
    sb_field_set(out, 63, 59, s->s1cdmax);

    sb_field_set(out, 65, 64, s->s1dss);
    sb_field_set(out, 67, 66, s->s1cir);
    sb_field_set(out, 69, 68, s->s1cor);
    sb_field_set(out, 71, 70, s->s1csh);
    sb_field_set(out, 75, 72, s->s2hwu);
    sb_field_set(out, 76, 76, s->dre);
    sb_field_set(out, 80, 77, s->cont);
    sb_field_set(out, 81, 81, s->dcp);
    sb_field_set(out, 82, 82, s->ppar);
    sb_field_set(out, 83, 83, s->mev);
    sb_field_set(out, 87, 84, s->sw_reserved);
    sb_field_set(out, 88, 88, s->s1pie);
    sb_field_set(out, 89, 89, s->s2fwb);
    sb_field_set(out, 90, 90, s->s1mpam);
    sb_field_set(out, 91, 91, s->s1stalld);
    sb_field_set(out, 93, 92, s->eats);
    sb_field_set(out, 95, 94, s->strw);
    sb_field_set(out, 99, 96, s->memattr);
    sb_field_set(out, 100, 100, s->mtcfg);
    sb_field_set(out, 104, 101, s->alloccfg);
    sb_field_set(out, 109, 108, s->shcfg);
    sb_field_set(out, 111, 110, s->nscfg);
    sb_field_set(out, 113, 112, s->privcfg);
    sb_field_set(out, 115, 114, s->instcfg);
    sb_field_set(out, 127, 116, s->impdef1);

    sb_field_set(out, 143, 128, s->s2vmid);
    sb_field_set(out, 159, 144, s->impdef2);
    sb_field_set(out, 165, 160, s->s2t0sz);
    sb_field_set(out, 167, 166, s->s2sl0);
    sb_field_set(out, 169, 168, s->s2ir0);
    sb_field_set(out, 171, 170, s->s2or0);
    sb_field_set(out, 173, 172, s->s2sh0);
    sb_field_set(out, 175, 174, s->s2tg);
    sb_field_set(out, 178, 176, s->s2ps);
    sb_field_set(out, 179, 179, s->s2aa64);
    sb_field_set(out, 180, 180, s->s2endi);
    sb_field_set(out, 181, 181, s->s2affd);
    sb_field_set(out, 182, 182, s->s2ptw);
    sb_field_set(out, 183, 183, s->s2hd);
    sb_field_set(out, 184, 184, s->s2ha);
    sb_field_set(out, 185, 185, s->s2s);
    sb_field_set(out, 186, 186, s->s2r);
    sb_field_set(out, 187, 187, s->s2haft);
    sb_field_set(out, 188, 188, s->s2pie);
    sb_field_set(out, 189, 189, s->s2poe);
    sb_field_set(out, 191, 190, s->dpt_vmatch);

    /* [192] S2NSW and [193] S2NSA are Secure-only */
    sb_field_set(out, 194, 194, s->s2sl0_2);
    sb_field_set(out, 195, 195, s->s2ds);
    /*
     * S2TTB [247:196]: address [55:4] for VMSAv9-128, [51:4] (bits
     * [247:244] RES0) otherwise -- the same encoding below 2^52.
     */
    sb_addr_set(out, 3, 55, 4, s->s2ttb);
    sb_field_set(out, 254, 253, s->s2skl);

    sb_field_set(out, 271, 256, s->impdef3);
    sb_field_set(out, 287, 272, s->partid);
    /* [303:288] S_S2T0SZ/S_S2SL0/S_S2TG, [319:304] MECID: not Non-secure */
    sb_field_set(out, 327, 320, s->pmg);
    /* [328] MPAM_NS is Secure/Realm-only */
    sb_field_set(out, 329, 329, s->assured_only);
    sb_field_set(out, 330, 330, s->tl0);
    sb_field_set(out, 331, 331, s->tl1);
    sb_addr_set(out, 5, 55, 12, s->vmsptr);        /* [375:332] */
    /* [447:384] S2SW, S2SA, S_S2SL0_2, S_S2TTB, S_S2SKL: Secure-only */
    sb_field_set(out, 511, 448, s->s2poi);
}

/* ---- Stream table (spec 3.3.2, 5.1) -------------------------------------- */

SbStrtab sb_strtab_linear(SmmuBuilder *sb, unsigned log2size)
{
    SbStrtab st = { .log2size = log2size };
    uint64_t size;

    g_assert(log2size <= 32);
    size = UINT64_C(64) << log2size;
    st.base = sb_alloc(sb, size, size);
    return st;
}

SbStrtab sb_strtab_2lvl(SmmuBuilder *sb, unsigned log2size, unsigned split)
{
    SbStrtab st = { .log2size = log2size, .split = split, .two_level = true };
    uint64_t size;

    g_assert(log2size <= 32 && split <= log2size && split <= 31);
    size = UINT64_C(8) << (log2size - split);
    st.base = sb_alloc(sb, size, MAX(size, 64));
    return st;
}

uint64_t sb_l1std_encode(unsigned span, uint64_t l2ptr)
{
    uint64_t w = 0;

    sb_field_set(&w, 4, 0, span);
    sb_addr_set(&w, 0, 55, 6, l2ptr);
    return w;
}

uint64_t sb_l1std_addr(const SbStrtab *st, uint32_t sid)
{
    g_assert(st->two_level);
    return st->base + (uint64_t)(sid >> st->split) * 8;
}

uint64_t sb_ste_addr(SmmuBuilder *sb, const SbStrtab *st, uint32_t sid)
{
    uint64_t l1a, l1, l2;

    g_assert(st->log2size >= 32 || sid < (UINT64_C(1) << st->log2size));
    if (!st->two_level) {
        return st->base + (uint64_t)sid * 64;
    }
    l1a = sb_l1std_addr(st, sid);
    l1 = sb_read64(sb, l1a);
    if ((l1 & 0x1f) == 0) {
        uint64_t size = UINT64_C(64) << st->split;

        l2 = sb_alloc(sb, size, size);
        sb_write64(sb, l1a, sb_l1std_encode(st->split + 1, l2));
    } else {
        l2 = l1 & SB_MASK(55, 6);
    }
    return l2 + (uint64_t)(sid & ((UINT64_C(1) << st->split) - 1)) * 64;
}

void sb_ste_write_raw(SmmuBuilder *sb, const SbStrtab *st, uint32_t sid,
                      const uint64_t w[8])
{
    sb_write_words(sb, sb_ste_addr(sb, st, sid), w, 8);
}

void sb_ste_write(SmmuBuilder *sb, const SbStrtab *st, uint32_t sid,
                  const SbSte *ste)
{
    uint64_t w[8];

    sb_ste_encode(ste, w);
    sb_ste_write_raw(sb, st, sid, w);
}

uint64_t sb_strtab_base_reg(const SbStrtab *st, bool ra)
{
    uint64_t r = 0;

    sb_field_set(&r, 62, 62, ra);
    sb_addr_set(&r, 0, 55, 6, st->base);
    return r;
}

uint32_t sb_strtab_base_cfg_reg(const SbStrtab *st)
{
    uint64_t r = 0;

    sb_field_set(&r, 5, 0, st->log2size);
    sb_field_set(&r, 10, 6, st->split);
    sb_field_set(&r, 17, 16, st->two_level ? 1 : 0);
    return (uint32_t)r;
}

/* ---- CD (spec 5.4) ------------------------------------------------------- */

void sb_cd_encode(const SbCd *c, uint64_t out[8])
{
    memset(out, 0, 8 * sizeof(out[0]));

    sb_field_set(out, 5, 0, c->t0sz);
    sb_field_set(out, 7, 6, c->tg0);
    sb_field_set(out, 9, 8, c->ir0);
    sb_field_set(out, 11, 10, c->or0);
    sb_field_set(out, 13, 12, c->sh0);
    sb_field_set(out, 14, 14, c->epd0);
    sb_field_set(out, 15, 15, c->endi);
    sb_field_set(out, 21, 16, c->t1sz);
    sb_field_set(out, 23, 22, c->tg1);
    sb_field_set(out, 25, 24, c->ir1);
    sb_field_set(out, 27, 26, c->or1);
    sb_field_set(out, 29, 28, c->sh1);
    sb_field_set(out, 30, 30, c->epd1);
    sb_field_set(out, 31, 31, c->v);
    sb_field_set(out, 34, 32, c->ips);
    sb_field_set(out, 35, 35, c->affd);
    sb_field_set(out, 36, 36, c->wxn);
    sb_field_set(out, 37, 37, c->uwxn);
    sb_field_set(out, 39, 38, c->tbi);             /* TBI0 [38], TBI1 [39] */
    sb_field_set(out, 40, 40, c->pan);
    sb_field_set(out, 41, 41, c->aa64);
    sb_field_set(out, 42, 42, c->hd);
    sb_field_set(out, 43, 43, c->ha);
    sb_field_set(out, 44, 44, c->s);
    sb_field_set(out, 45, 45, c->r);
    sb_field_set(out, 46, 46, c->a);
    sb_field_set(out, 47, 47, c->aset);
    sb_field_set(out, 63, 48, c->asid);

    /* [64] NSCFG0 is used only from a Secure STE */
    sb_field_set(out, 65, 65, c->had0);
    sb_field_set(out, 66, 66, c->e0pd0);
    sb_field_set(out, 67, 67, c->haft);
    sb_addr_set(out, 1, 55, 4, c->ttb0);           /* [119:68] */
    sb_field_set(out, 122, 122, c->pnch);
    sb_field_set(out, 123, 123, c->epan);
    sb_field_set(out, 127, 124, c->hwu0);

    /* [128] NSCFG1 is used only from a Secure STE */
    sb_field_set(out, 129, 129, c->had1);
    sb_field_set(out, 130, 130, c->e0pd1);
    sb_field_set(out, 131, 131, c->aie);
    sb_addr_set(out, 2, 55, 4, c->ttb1);           /* [183:132] */
    sb_field_set(out, 186, 186, c->ds);
    sb_field_set(out, 187, 187, c->pie);
    sb_field_set(out, 191, 188, c->hwu1);

    sb_field_set(out, 223, 192, c->mair0);
    sb_field_set(out, 255, 224, c->mair1);
    sb_field_set(out, 287, 256, c->amair0);
    sb_field_set(out, 319, 288, c->amair1);
    sb_field_set(out, 351, 320, c->impdef);
    sb_field_set(out, 367, 352, c->partid);
    sb_field_set(out, 375, 368, c->pmg);
    sb_field_set(out, 431, 384, c->piiu);
    sb_field_set(out, 495, 448, c->piip);
}

/* ---- CD tables (spec 5.3, STE.S1Fmt) ------------------------------------- */

static unsigned sb_cdtab_leaf_bits(const SbCdtab *t)
{
    return t->s1fmt == SB_S1FMT_2LVL_4K ? 6 : 10;
}

SbCdtab sb_cdtab_linear(SmmuBuilder *sb, unsigned s1cdmax)
{
    SbCdtab t = { .s1cdmax = s1cdmax, .s1fmt = SB_S1FMT_LINEAR };
    uint64_t size;

    g_assert(s1cdmax <= 20);
    size = UINT64_C(64) << s1cdmax;
    t.base = sb_alloc(sb, size, size);
    return t;
}

SbCdtab sb_cdtab_2lvl(SmmuBuilder *sb, unsigned s1cdmax, unsigned s1fmt)
{
    SbCdtab t = { .s1cdmax = s1cdmax, .s1fmt = s1fmt };
    unsigned leaf_bits;
    uint64_t size;

    g_assert(s1fmt == SB_S1FMT_2LVL_4K || s1fmt == SB_S1FMT_2LVL_64K);
    g_assert(s1cdmax <= 20);
    leaf_bits = sb_cdtab_leaf_bits(&t);
    size = UINT64_C(8) << (s1cdmax > leaf_bits ? s1cdmax - leaf_bits : 0);
    t.base = sb_alloc(sb, size, MAX(size, 64));
    return t;
}

uint64_t sb_l1cd_encode(bool v, uint64_t l2ptr)
{
    uint64_t w = 0;

    sb_field_set(&w, 0, 0, v);
    sb_addr_set(&w, 0, 55, 12, l2ptr);
    return w;
}

uint64_t sb_l1cd_addr(const SbCdtab *t, uint32_t ssid)
{
    g_assert(t->s1fmt != SB_S1FMT_LINEAR);
    return t->base + (uint64_t)(ssid >> sb_cdtab_leaf_bits(t)) * 8;
}

uint64_t sb_cd_addr(SmmuBuilder *sb, const SbCdtab *t, uint32_t ssid)
{
    unsigned leaf_bits;
    uint64_t l1a, l1, l2;

    g_assert(ssid < (UINT64_C(1) << t->s1cdmax));
    if (t->s1fmt == SB_S1FMT_LINEAR) {
        return t->base + (uint64_t)ssid * 64;
    }
    leaf_bits = sb_cdtab_leaf_bits(t);
    l1a = sb_l1cd_addr(t, ssid);
    l1 = sb_read64(sb, l1a);
    if (!(l1 & 1)) {
        uint64_t size = UINT64_C(64) << leaf_bits;

        l2 = sb_alloc(sb, size, size);
        sb_write64(sb, l1a, sb_l1cd_encode(true, l2));
    } else {
        l2 = l1 & SB_MASK(55, 12);
    }
    return l2 + (uint64_t)(ssid & ((1u << leaf_bits) - 1)) * 64;
}

void sb_cd_write_raw(SmmuBuilder *sb, const SbCdtab *t, uint32_t ssid,
                     const uint64_t w[8])
{
    sb_write_words(sb, sb_cd_addr(sb, t, ssid), w, 8);
}

void sb_cd_write(SmmuBuilder *sb, const SbCdtab *t, uint32_t ssid,
                 const SbCd *cd)
{
    uint64_t w[8];

    sb_cd_encode(cd, w);
    sb_cd_write_raw(sb, t, ssid, w);
}

void sb_ste_set_cdtab(SbSte *ste, const SbCdtab *t)
{
    ste->s1_context_ptr = t->base;
    ste->s1fmt = t->s1fmt;
    ste->s1cdmax = t->s1cdmax;
}

/* ---- Translation tables (Arm ARM D8, VMSAv8-64) -------------------------- */

struct SbPgtable {
    SmmuBuilder *sb;
    int stage;
    unsigned granule_shift;     /* 12, 14, 16 */
    unsigned stride;            /* granule_shift - 3 */
    unsigned tsz;
    unsigned ias;               /* 64 - tsz */
    int start_level;
    unsigned start_bits;        /* IA bits resolved by the start level */
    unsigned concat;
    bool big_endian;
    uint64_t root;
};

/* Table/page/block descriptor bits (Arm ARM D8.3) */
#define PTE_VALID               (UINT64_C(1) << 0)
#define PTE_TABLE               (UINT64_C(1) << 1)  /* also "page" at L3 */
#define PTE_PXNTABLE            59
#define PTE_UXNTABLE            60
#define PTE_APTABLE_HI          62
#define PTE_APTABLE_LO          61

unsigned sb_pgt_level_shift(const SbPgtable *pt, int level)
{
    g_assert(level >= 0 && level <= 3);
    return pt->granule_shift + (3 - level) * pt->stride;
}

static unsigned sb_pgt_level_bits(const SbPgtable *pt, int level)
{
    return level == pt->start_level ? pt->start_bits : pt->stride;
}

static uint64_t sb_pgt_index(const SbPgtable *pt, uint64_t ia, int level)
{
    unsigned bits = sb_pgt_level_bits(pt, level);

    return (ia >> sb_pgt_level_shift(pt, level)) & ((UINT64_C(1) << bits) - 1);
}

/*
 * Output address <-> descriptor address field.  With the 64KB granule
 * OA[51:48] live in descriptor bits [15:12] (FEAT_LPA); otherwise OA is
 * limited to 48 bits (no FEAT_LPA2 support here).
 */
static uint64_t sb_pgt_oa_to_desc(const SbPgtable *pt, uint64_t oa,
                                  unsigned align_shift)
{
    g_assert((oa & ((UINT64_C(1) << align_shift) - 1)) == 0);
    if (pt->granule_shift == 16) {
        g_assert(oa < (UINT64_C(1) << 52));
        return (oa & SB_MASK(47, 16)) | (((oa >> 48) & 0xf) << 12);
    }
    g_assert(oa < (UINT64_C(1) << 48));
    return oa & SB_MASK(47, pt->granule_shift);
}

static uint64_t sb_pgt_desc_to_oa(const SbPgtable *pt, uint64_t desc)
{
    if (pt->granule_shift == 16) {
        return (desc & SB_MASK(47, 16)) | (((desc >> 12) & 0xf) << 48);
    }
    return desc & SB_MASK(47, pt->granule_shift);
}

static void sb_pgt_wr(SbPgtable *pt, uint64_t addr, uint64_t desc)
{
    uint64_t v = pt->big_endian ? GUINT64_TO_BE(desc) : GUINT64_TO_LE(desc);

    pt->sb->mem.write(pt->sb->mem.opaque, addr, &v, sizeof(v));
}

static uint64_t sb_pgt_rd(SbPgtable *pt, uint64_t addr)
{
    uint64_t v;

    pt->sb->mem.read(pt->sb->mem.opaque, addr, &v, sizeof(v));
    return pt->big_endian ? GUINT64_FROM_BE(v) : GUINT64_FROM_LE(v);
}

SbPgtable *sb_pgt_new(SmmuBuilder *sb, int stage, unsigned granule_shift,
                      unsigned tsz, int start_level, unsigned concat,
                      bool big_endian)
{
    SbPgtable *pt = g_new0(SbPgtable, 1);
    unsigned max_concat_log2 = 0, clog2 = 0, bits;
    uint64_t size;
    int l;

    g_assert(stage == 1 || stage == 2);
    g_assert(granule_shift == 12 || granule_shift == 14 ||
             granule_shift == 16);
    g_assert(tsz >= 12 && tsz < 64 - granule_shift);
    if (concat == 0) {
        concat = 1;
    }
    g_assert(concat <= 16 && (concat & (concat - 1)) == 0);
    g_assert(stage == 2 || concat == 1);
    while ((1u << clog2) < concat) {
        clog2++;
    }
    if (stage == 2) {
        /* Up to 16 concatenated start-level tables (Arm ARM D8.2.6) */
        max_concat_log2 = 4;
    }

    pt->sb = sb;
    pt->stage = stage;
    pt->granule_shift = granule_shift;
    pt->stride = granule_shift - 3;
    pt->tsz = tsz;
    pt->ias = 64 - tsz;
    pt->big_endian = big_endian;

    if (start_level < 0) {
        /* The deepest start level that resolves the rest of the IA */
        start_level = -1;
        for (l = 3; l >= 0; l--) {
            unsigned shift = granule_shift + (3 - l) * pt->stride;

            if (pt->ias <= shift) {
                break;
            }
            bits = pt->ias - shift;
            if (bits == pt->stride + clog2 ||
                (clog2 == 0 && bits <= pt->stride)) {
                start_level = l;
                break;
            }
        }
        if (start_level < 0) {
            g_error("smmu-builder: no start level for TxSZ %u, granule %u, "
                    "%u concatenated tables", tsz, 1u << granule_shift,
                    concat);
        }
    }
    g_assert(start_level >= 0 && start_level <= 3);
    pt->start_level = start_level;
    g_assert(pt->ias > sb_pgt_level_shift(pt, start_level));
    pt->start_bits = pt->ias - sb_pgt_level_shift(pt, start_level);
    if (pt->start_bits > pt->stride + max_concat_log2) {
        g_error("smmu-builder: start level %d cannot resolve %u IA bits",
                start_level, pt->start_bits);
    }
    pt->concat = pt->start_bits > pt->stride ?
                 1u << (pt->start_bits - pt->stride) : 1;
    if (pt->concat != concat && concat != 1) {
        g_error("smmu-builder: start level %d needs %u concatenated tables, "
                "not %u", start_level, pt->concat, concat);
    }

    /* Start table aligned to its size, and at least 64 bytes (52-bit OA) */
    size = UINT64_C(8) << pt->start_bits;
    pt->root = sb_alloc(sb, MAX(size, 64), MAX(size, 64));
    return pt;
}

void sb_pgt_free(SbPgtable *pt)
{
    g_free(pt);
}

uint64_t sb_pgt_root(const SbPgtable *pt)
{
    return pt->root;
}

int sb_pgt_start_level(const SbPgtable *pt)
{
    return pt->start_level;
}

unsigned sb_pgt_concat(const SbPgtable *pt)
{
    return pt->concat;
}

unsigned sb_pgt_s2sl0(const SbPgtable *pt)
{
    /* VTCR_EL2.SL0 encoding (Arm ARM D24.2, VTCR_EL2) */
    if (pt->granule_shift == 12) {
        static const unsigned sl0_4k[4] = { 2, 1, 0, 3 };

        return sl0_4k[pt->start_level];
    }
    g_assert(pt->granule_shift == 16 ? pt->start_level >= 1 : true);
    return 3 - pt->start_level;
}

unsigned sb_pgt_tg0(const SbPgtable *pt)
{
    switch (pt->granule_shift) {
    case 12:
        return 0;
    case 16:
        return 1;
    default:
        return 2;
    }
}

void sb_pgt_fill_cd(const SbPgtable *pt, SbCd *cd)
{
    g_assert(pt->stage == 1);
    cd->ttb0 = pt->root;
    cd->t0sz = pt->tsz;
    cd->tg0 = sb_pgt_tg0(pt);
    cd->endi = pt->big_endian;
    cd->aa64 = true;
}

void sb_pgt_fill_ste(const SbPgtable *pt, SbSte *ste)
{
    g_assert(pt->stage == 2);
    ste->s2ttb = pt->root;
    ste->s2t0sz = pt->tsz;
    ste->s2sl0 = sb_pgt_s2sl0(pt);
    ste->s2tg = sb_pgt_tg0(pt);
    ste->s2endi = pt->big_endian;
    ste->s2aa64 = true;
}

/*
 * Address of the descriptor for @ia at @level.  Invalid entries above
 * @level get a new table when @alloc; returns 0 when an entry above is
 * invalid (and !@alloc) or is a block.
 */
static uint64_t sb_pgt_walk(SbPgtable *pt, uint64_t ia, int level, bool alloc)
{
    uint64_t table = pt->root;
    int l;

    g_assert(level >= pt->start_level && level <= 3);
    for (l = pt->start_level; l < level; l++) {
        uint64_t da = table + sb_pgt_index(pt, ia, l) * 8;
        uint64_t d = sb_pgt_rd(pt, da);

        if ((d & (PTE_VALID | PTE_TABLE)) == (PTE_VALID | PTE_TABLE)) {
            table = sb_pgt_desc_to_oa(pt, d);
        } else if (d & PTE_VALID) {
            return 0;                               /* block */
        } else if (!alloc) {
            return 0;
        } else {
            uint64_t size = UINT64_C(1) << pt->granule_shift;
            uint64_t next = sb_alloc(pt->sb, size, size);

            sb_pgt_wr(pt, da, sb_pgt_oa_to_desc(pt, next, pt->granule_shift) |
                              PTE_VALID | PTE_TABLE);
            table = next;
        }
    }
    return table + sb_pgt_index(pt, ia, level) * 8;
}

static bool sb_pgt_leaf_level_ok(const SbPgtable *pt, int level)
{
    if (level < pt->start_level) {
        return false;
    }
    switch (pt->granule_shift) {
    case 12:
        return level >= 1;      /* 1GB, 2MB blocks, 4KB pages */
    case 14:
        return level >= 2;      /* 32MB blocks, 16KB pages */
    default:
        return level >= 1;      /* 4TB (52-bit OA), 512MB blocks, 64KB */
    }
}

/* Entries in a contiguous run at @level (Arm ARM D8.6.1) */
static unsigned sb_pgt_contig_entries(const SbPgtable *pt, int level)
{
    switch (pt->granule_shift) {
    case 12:
        return 16;
    case 14:
        return level == 3 ? 128 : 32;
    default:
        return 32;
    }
}

/*
 * Find the leaf level and number of descriptors for a mapping of @size;
 * returns false if @size is not a valid page/block (or contiguous run).
 */
static bool sb_pgt_leaf_for_size(const SbPgtable *pt, uint64_t size,
                                 bool contiguous, int *level, unsigned *n)
{
    int l;

    for (l = 3; l >= 0; l--) {
        unsigned shift = sb_pgt_level_shift(pt, l);
        unsigned count = contiguous ? sb_pgt_contig_entries(pt, l) : 1;

        if (shift >= 64 || !sb_pgt_leaf_level_ok(pt, l)) {
            continue;
        }
        if (size == ((uint64_t)count << shift)) {
            *level = l;
            *n = count;
            return true;
        }
    }
    return false;
}

static uint64_t sb_pgt_leaf_desc(const SbPgtable *pt, uint64_t oa, int level,
                                 const SbPte *a)
{
    unsigned shift = sb_pgt_level_shift(pt, level);
    uint64_t d = sb_pgt_oa_to_desc(pt, oa, shift) | PTE_VALID;

    if (level == 3) {
        d |= PTE_TABLE;                             /* page descriptor */
    }
    if (pt->stage == 1) {
        sb_field_set(&d, 4, 2, a->attrindx);
        sb_field_set(&d, 5, 5, a->ns);
        sb_field_set(&d, 7, 6, a->ap);
        sb_field_set(&d, 11, 11, a->ng);
        sb_field_set(&d, 53, 53, a->pxn);
        sb_field_set(&d, 54, 54, a->uxn);
    } else {
        sb_field_set(&d, 5, 2, a->memattr);
        sb_field_set(&d, 7, 6, a->s2ap);
        sb_field_set(&d, 54, 53, a->xn);
    }
    sb_field_set(&d, 9, 8, a->sh);
    sb_field_set(&d, 10, 10, a->af);
    sb_field_set(&d, 51, 51, a->dbm);
    sb_field_set(&d, 52, 52, a->contiguous);
    return d | a->extra;
}

bool sb_pgt_map(SbPgtable *pt, uint64_t ia, uint64_t oa, uint64_t size,
                const SbPte *attrs)
{
    unsigned n, i;
    uint64_t da, step;
    int level;

    if (!sb_pgt_leaf_for_size(pt, size, attrs->contiguous, &level, &n)) {
        g_error("smmu-builder: 0x%" PRIx64 " is not a %s size for the %uKB "
                "granule", size,
                attrs->contiguous ? "contiguous" : "page/block",
                (1u << pt->granule_shift) / 1024);
    }
    g_assert((ia & (size - 1)) == 0 && (oa & (size - 1)) == 0);

    da = sb_pgt_walk(pt, ia, level, true);
    if (!da) {
        return false;
    }
    step = UINT64_C(1) << sb_pgt_level_shift(pt, level);
    for (i = 0; i < n; i++) {
        sb_pgt_wr(pt, da + i * 8,
                  sb_pgt_leaf_desc(pt, oa + i * step, level, attrs));
    }
    return true;
}

void sb_pgt_unmap(SbPgtable *pt, uint64_t ia, uint64_t size)
{
    unsigned n, i;
    uint64_t da;
    int level;

    if (!sb_pgt_leaf_for_size(pt, size, false, &level, &n) &&
        !sb_pgt_leaf_for_size(pt, size, true, &level, &n)) {
        g_error("smmu-builder: cannot unmap size 0x%" PRIx64, size);
    }
    da = sb_pgt_walk(pt, ia, level, false);
    g_assert(da);
    for (i = 0; i < n; i++) {
        sb_pgt_wr(pt, da + i * 8, 0);
    }
}

void sb_pgt_set_table_attrs(SbPgtable *pt, uint64_t ia, int level,
                            unsigned aptable, bool uxntable, bool pxntable)
{
    uint64_t da, d;

    g_assert(level < 3);
    da = sb_pgt_walk(pt, ia, level, false);
    g_assert(da);
    d = sb_pgt_rd(pt, da);
    g_assert((d & (PTE_VALID | PTE_TABLE)) == (PTE_VALID | PTE_TABLE));
    sb_field_set(&d, PTE_APTABLE_HI, PTE_APTABLE_LO, aptable);
    sb_field_set(&d, PTE_UXNTABLE, PTE_UXNTABLE, uxntable);
    sb_field_set(&d, PTE_PXNTABLE, PTE_PXNTABLE, pxntable);
    sb_pgt_wr(pt, da, d);
}

uint64_t sb_pgt_desc_addr(SbPgtable *pt, uint64_t ia, int level)
{
    uint64_t da = sb_pgt_walk(pt, ia, level, true);

    if (!da) {
        g_error("smmu-builder: a block covers 0x%" PRIx64 " above level %d",
                ia, level);
    }
    return da;
}

void sb_pgt_write_raw(SbPgtable *pt, uint64_t ia, int level, uint64_t desc)
{
    sb_pgt_wr(pt, sb_pgt_desc_addr(pt, ia, level), desc);
}

uint64_t sb_pgt_read_raw(SbPgtable *pt, uint64_t ia, int level)
{
    return sb_pgt_rd(pt, sb_pgt_desc_addr(pt, ia, level));
}

/* ---- Commands (spec 4) --------------------------------------------------- */

/* Common header (4.1.6): Opcode [7:0], SSV [11], SubstreamID [31:12],
 * StreamID [63:32] */
static void sb_cmd_init(uint64_t out[2], unsigned op)
{
    out[0] = 0;
    out[1] = 0;
    sb_field_set(out, 7, 0, op);
}

static void sb_cmd_stream(uint64_t out[2], uint32_t sid, bool ssv,
                          uint32_t ssid)
{
    sb_field_set(out, 11, 11, ssv);
    sb_field_set(out, 31, 12, ssid);
    sb_field_set(out, 63, 32, sid);
}

void sb_cmd_prefetch_config(uint64_t out[2], uint32_t sid, bool ssv,
                            uint32_t ssid)
{
    /* 4.2.1 */
    sb_cmd_init(out, SB_CMD_PREFETCH_CONFIG);
    sb_cmd_stream(out, sid, ssv, ssid);
}

void sb_cmd_prefetch_addr(uint64_t out[2], uint32_t sid, bool ssv,
                          uint32_t ssid, uint64_t addr, unsigned size,
                          unsigned stride)
{
    /*
     * 4.2.2; NS is RES0 on the Non-secure Command queue.  The figure is
     * not in the text available: Size [68:64] and Addr [127:76] agree with
     * the Linux driver; Stride is taken as the next field, [73:69].
     */
    sb_cmd_init(out, SB_CMD_PREFETCH_ADDR);
    sb_cmd_stream(out, sid, ssv, ssid);
    sb_field_set(out, 68, 64, size);
    sb_field_set(out, 73, 69, stride);
    sb_addr_set(out, 1, 63, 12, addr);             /* Addr [127:76] */
}

void sb_cmd_cfgi_ste(uint64_t out[2], uint32_t sid, bool leaf)
{
    /* 4.3.1 */
    sb_cmd_init(out, SB_CMD_CFGI_STE);
    sb_field_set(out, 63, 32, sid);
    sb_field_set(out, 64, 64, leaf);
}

void sb_cmd_cfgi_ste_range(uint64_t out[2], uint32_t sid, unsigned range)
{
    /* 4.3.2: invalidates 2^(Range + 1) STEs */
    sb_cmd_init(out, SB_CMD_CFGI_STE_RANGE);
    sb_field_set(out, 63, 32, sid);
    sb_field_set(out, 68, 64, range);
}

void sb_cmd_cfgi_cd(uint64_t out[2], uint32_t sid, uint32_t ssid, bool leaf)
{
    /* 4.3.3 */
    sb_cmd_init(out, SB_CMD_CFGI_CD);
    sb_field_set(out, 31, 12, ssid);
    sb_field_set(out, 63, 32, sid);
    sb_field_set(out, 64, 64, leaf);
}

void sb_cmd_cfgi_cd_all(uint64_t out[2], uint32_t sid)
{
    /* 4.3.4 */
    sb_cmd_init(out, SB_CMD_CFGI_CD_ALL);
    sb_field_set(out, 63, 32, sid);
}

void sb_cmd_cfgi_all(uint64_t out[2])
{
    /* 4.3.6: CMD_CFGI_STE_RANGE with Range == 31 */
    sb_cmd_cfgi_ste_range(out, 0, 31);
}

/* 4.4.1: NUM [16:12], SCALE [25:20]; Leaf [64], TTL [73:72], TG [75:74] */
static void sb_cmd_tlbi_addr(uint64_t out[2], const SbTlbiAddr *a,
                             unsigned addr_hi)
{
    g_assert(a->tg != 0 || (a->num == 0 && a->scale == 0 && a->ttl == 0));
    sb_field_set(out, 16, 12, a->num);
    sb_field_set(out, 25, 20, a->scale);
    sb_field_set(out, 64, 64, a->leaf);
    sb_field_set(out, 73, 72, a->ttl);
    sb_field_set(out, 75, 74, a->tg);
    sb_addr_set(out, 1, addr_hi, 12, a->addr & ~SB_MASK(11, 0));
}

void sb_cmd_tlbi_nh_all(uint64_t out[2], uint16_t vmid)
{
    /* 4.4.2.1 */
    sb_cmd_init(out, SB_CMD_TLBI_NH_ALL);
    sb_field_set(out, 47, 32, vmid);
}

void sb_cmd_tlbi_nh_asid(uint64_t out[2], uint16_t vmid, uint16_t asid)
{
    /* 4.4.2.2: VMID [47:32], ASID [63:48] */
    sb_cmd_init(out, SB_CMD_TLBI_NH_ASID);
    sb_field_set(out, 47, 32, vmid);
    sb_field_set(out, 63, 48, asid);
}

void sb_cmd_tlbi_nh_va(uint64_t out[2], uint16_t vmid, uint16_t asid,
                       const SbTlbiAddr *a)
{
    /* 4.4.2.4: Address [127:76] = VA[63:12] */
    sb_cmd_init(out, SB_CMD_TLBI_NH_VA);
    sb_field_set(out, 47, 32, vmid);
    sb_field_set(out, 63, 48, asid);
    sb_cmd_tlbi_addr(out, a, 63);
}

void sb_cmd_tlbi_nh_vaa(uint64_t out[2], uint16_t vmid, const SbTlbiAddr *a)
{
    /* 4.4.2.3 */
    sb_cmd_init(out, SB_CMD_TLBI_NH_VAA);
    sb_field_set(out, 47, 32, vmid);
    sb_cmd_tlbi_addr(out, a, 63);
}

void sb_cmd_tlbi_el2_all(uint64_t out[2])
{
    /* 4.4.2.7 */
    sb_cmd_init(out, SB_CMD_TLBI_EL2_ALL);
}

void sb_cmd_tlbi_el2_asid(uint64_t out[2], uint16_t asid)
{
    /* 4.4.2.10 */
    sb_cmd_init(out, SB_CMD_TLBI_EL2_ASID);
    sb_field_set(out, 63, 48, asid);
}

void sb_cmd_tlbi_el2_va(uint64_t out[2], uint16_t asid, const SbTlbiAddr *a)
{
    /* 4.4.2.8 */
    sb_cmd_init(out, SB_CMD_TLBI_EL2_VA);
    sb_field_set(out, 63, 48, asid);
    sb_cmd_tlbi_addr(out, a, 63);
}

void sb_cmd_tlbi_el2_vaa(uint64_t out[2], const SbTlbiAddr *a)
{
    /* 4.4.2.9 */
    sb_cmd_init(out, SB_CMD_TLBI_EL2_VAA);
    sb_cmd_tlbi_addr(out, a, 63);
}

void sb_cmd_tlbi_s12_vmall(uint64_t out[2], uint16_t vmid)
{
    /* 4.4.3.2 */
    sb_cmd_init(out, SB_CMD_TLBI_S12_VMALL);
    sb_field_set(out, 47, 32, vmid);
}

void sb_cmd_tlbi_s2_ipa(uint64_t out[2], uint16_t vmid, const SbTlbiAddr *a)
{
    /*
     * 4.4.3.1: Address is an IPA; bits above the IPA range are RES0.  The
     * field is taken as IPA[55:12] ([119:76]); for IPAs below 2^52 this
     * is identical to the SMMUv3.1-3.3 IPA[51:12].
     */
    sb_cmd_init(out, SB_CMD_TLBI_S2_IPA);
    sb_field_set(out, 47, 32, vmid);
    sb_cmd_tlbi_addr(out, a, 55);
}

void sb_cmd_tlbi_nsnh_all(uint64_t out[2])
{
    /* 4.4.4.1 */
    sb_cmd_init(out, SB_CMD_TLBI_NSNH_ALL);
}

void sb_cmd_atc_inv(uint64_t out[2], uint32_t sid, bool ssv, uint32_t ssid,
                    uint64_t addr, unsigned size, bool global)
{
    /* 4.5.1 */
    sb_cmd_init(out, SB_CMD_ATC_INV);
    sb_cmd_stream(out, sid, ssv, ssid);
    sb_field_set(out, 9, 9, global);
    sb_field_set(out, 69, 64, size);
    sb_addr_set(out, 1, 63, 12, addr);
}

void sb_cmd_pri_resp(uint64_t out[2], uint32_t sid, bool ssv, uint32_t ssid,
                     uint16_t prgi, unsigned resp)
{
    /* 4.6.1 */
    sb_cmd_init(out, SB_CMD_PRI_RESP);
    sb_cmd_stream(out, sid, ssv, ssid);
    sb_field_set(out, 72, 64, prgi);
    sb_field_set(out, 77, 76, resp);
}

void sb_cmd_resume(uint64_t out[2], uint32_t sid, uint16_t stag, bool retry,
                   bool abort)
{
    /* 4.7.1 */
    sb_cmd_init(out, SB_CMD_RESUME);
    sb_field_set(out, 12, 12, retry);
    sb_field_set(out, 13, 13, abort);
    sb_field_set(out, 63, 32, sid);
    sb_field_set(out, 79, 64, stag);
}

void sb_cmd_stall_term(uint64_t out[2], uint32_t sid)
{
    /* 4.7.2 */
    sb_cmd_init(out, SB_CMD_STALL_TERM);
    sb_field_set(out, 63, 32, sid);
}

void sb_cmd_sync(uint64_t out[2], unsigned cs, unsigned msh,
                 unsigned msiattr, uint32_t msidata, uint64_t msiaddr)
{
    /* 4.7.3 */
    sb_cmd_init(out, SB_CMD_SYNC);
    sb_field_set(out, 13, 12, cs);
    sb_field_set(out, 23, 22, msh);
    sb_field_set(out, 27, 24, msiattr);
    sb_field_set(out, 63, 32, msidata);
    sb_addr_set(out, 1, 55, 2, msiaddr);           /* [119:66] */
}

unsigned sb_tlbi_range_split(uint64_t addr, uint64_t size,
                             unsigned granule_shift, bool leaf,
                             unsigned ttl_level, SbTlbiAddr *out,
                             unsigned max)
{
    uint64_t pages;
    unsigned n = 0, tg;

    g_assert(granule_shift == 12 || granule_shift == 14 ||
             granule_shift == 16);
    g_assert(ttl_level <= 3);
    g_assert(size && !((addr | size) & ((UINT64_C(1) << granule_shift) - 1)));
    tg = (granule_shift - 10) / 2;                  /* 1: 4K 2: 16K 3: 64K */
    pages = size >> granule_shift;

    while (pages) {
        unsigned scale = __builtin_ctzll(pages);
        uint64_t num = (pages >> scale) & 0x1f;     /* NUM + 1 */
        SbTlbiAddr *a;

        g_assert(n < max);
        a = &out[n++];
        memset(a, 0, sizeof(*a));
        a->addr = addr;
        a->leaf = leaf;
        if (num == 1 && scale == 0 && ttl_level == 0) {
            /* NUM = SCALE = TTL = 0 with TG != 0 is Reserved (4.4.1.1) */
        } else {
            a->tg = tg;
            a->ttl = ttl_level;
            a->num = num - 1;
            a->scale = scale;
        }
        addr += (num << scale) << granule_shift;
        pages -= num << scale;
    }
    return n;
}

/* ---- Queues (spec 3.5) --------------------------------------------------- */

uint64_t sb_queue_alloc(SmmuBuilder *sb, unsigned log2size,
                        unsigned entry_size)
{
    uint64_t size = (uint64_t)entry_size << log2size;

    /* Aligned to the queue size, and at least 32 bytes (6.3.26) */
    return sb_alloc(sb, size, MAX(size, 32));
}

uint64_t sb_queue_base_reg(uint64_t base, unsigned log2size, bool alloc_hint)
{
    uint64_t r = 0;

    sb_field_set(&r, 62, 62, alloc_hint);
    sb_addr_set(&r, 0, 55, 5, base);
    sb_field_set(&r, 4, 0, log2size);
    return r;
}

uint32_t sb_queue_inc(uint32_t ptr, unsigned log2size)
{
    uint32_t mask = (uint32_t)((UINT64_C(2) << log2size) - 1);

    return (ptr & ~mask) | ((ptr + 1) & mask);
}

bool sb_queue_empty(uint32_t prod, uint32_t cons, unsigned log2size)
{
    uint32_t mask = (uint32_t)((UINT64_C(2) << log2size) - 1);

    return (prod & mask) == (cons & mask);
}

bool sb_queue_full(uint32_t prod, uint32_t cons, unsigned log2size)
{
    uint32_t idx = (uint32_t)((UINT64_C(1) << log2size) - 1);
    uint32_t wrap = (uint32_t)(UINT64_C(1) << log2size);

    return (prod & idx) == (cons & idx) && (prod & wrap) != (cons & wrap);
}

void sb_queue_push(SmmuBuilder *sb, uint64_t queue_base, unsigned log2size,
                   uint32_t *prod, const uint64_t cmd[2])
{
    uint32_t idx = *prod & (uint32_t)((UINT64_C(1) << log2size) - 1);

    sb_write_words(sb, queue_base + (uint64_t)idx * 16, cmd, 2);
    *prod = sb_queue_inc(*prod, log2size);
}

void sb_evtq_pop(SmmuBuilder *sb, uint64_t queue_base, unsigned log2size,
                 uint32_t *cons, uint64_t rec[4])
{
    uint32_t idx = *cons & (uint32_t)((UINT64_C(1) << log2size) - 1);

    sb_read_words(sb, queue_base + (uint64_t)idx * 32, rec, 4);
    *cons = sb_queue_inc(*cons, log2size);
}

/* ---- Event records (spec 7.3) -------------------------------------------- */

/*
 * Fields of each record type, from the record layouts in 7.3.2-7.3.19.
 * Common: Type [7:0], StreamID [63:32].
 *
 * Points where the layout figures could not be read in full, and what is
 * assumed here (check against the spec figures if a test disagrees):
 *  - Reason is [79:64] in F_UUT, F_STE_FETCH, F_CD_FETCH, F_WALK_EABT
 *    and F_TLB_CONFLICT (as shown for F_UUT and F_VMS_FETCH, with GPCF
 *    at [80] in the fetch-abort records), and [95:64] in F_CFG_CONFLICT.
 *  - F_STREAM_DISABLED and F_TRANSL_FORBIDDEN carry no SSV/SubstreamID
 *    (their figures show only StreamID and the type).
 *  - F_BAD_ATS_TREQ: the figure is missing from the text available; the
 *    layout is taken to mirror E_PAGE_REQUEST: Priv [96], X [97], W [98],
 *    R [99], Span [115:108], InputAddr[63:12] at [191:140].
 *  - E_PAGE_REQUEST: bit [100] is taken as RES0 between pX [101] and
 *    uR [99].
 *  - F_TLB_CONFLICT has S2 but no CLASS.
 */
uint32_t sb_event_fields(uint8_t type)
{
    const uint32_t stall_fault = SB_EVF_SSV_SSID | SB_EVF_STAG_STALL |
                                 SB_EVF_ATTRS | SB_EVF_S2 | SB_EVF_CLASS |
                                 SB_EVF_INPUT_ADDR | SB_EVF_IPA;

    switch (type) {
    case SB_EVT_F_UUT:                              /* 7.3.2 */
        return SB_EVF_SSV_SSID | SB_EVF_REASON16 | SB_EVF_ATTRS |
               SB_EVF_INPUT_ADDR;
    case SB_EVT_C_BAD_STREAMID:                     /* 7.3.3 */
    case SB_EVT_C_BAD_STE:                          /* 7.3.5 */
    case SB_EVT_C_BAD_CD:                           /* 7.3.11 */
        return SB_EVF_SSV_SSID;
    case SB_EVT_F_STE_FETCH:                        /* 7.3.4 */
    case SB_EVT_F_CD_FETCH:                         /* 7.3.10 */
        return SB_EVF_SSV_SSID | SB_EVF_REASON16 | SB_EVF_GPCF |
               SB_EVF_FETCH_ADDR;
    case SB_EVT_F_BAD_ATS_TREQ:                     /* 7.3.6 */
        return SB_EVF_SSV_SSID | SB_EVF_ATS_PERMS | SB_EVF_SPAN |
               SB_EVF_INPUT_PAGE;
    case SB_EVT_F_STREAM_DISABLED:                  /* 7.3.7 */
        return 0;
    case SB_EVT_F_TRANSL_FORBIDDEN:                 /* 7.3.8 */
        return SB_EVF_RNW | SB_EVF_INPUT_ADDR;
    case SB_EVT_C_BAD_SUBSTREAMID:                  /* 7.3.9 */
        return SB_EVF_SSID;
    case SB_EVT_F_WALK_EABT:                        /* 7.3.12 */
        return SB_EVF_SSV_SSID | SB_EVF_REASON16 | SB_EVF_GPCF |
               SB_EVF_ATTRS | SB_EVF_S2 | SB_EVF_CLASS |
               SB_EVF_INPUT_ADDR | SB_EVF_FETCH_ADDR;
    case SB_EVT_F_TRANSLATION:                      /* 7.3.13 */
    case SB_EVT_F_ADDR_SIZE:                        /* 7.3.14 */
    case SB_EVT_F_ACCESS:                           /* 7.3.15 */
        return stall_fault;
    case SB_EVT_F_PERMISSION:                       /* 7.3.16 */
        return stall_fault | SB_EVF_TTRNW;
    case SB_EVT_F_TLB_CONFLICT:                     /* 7.3.17 */
        return SB_EVF_SSV_SSID | SB_EVF_REASON16 | SB_EVF_ATTRS |
               SB_EVF_S2 | SB_EVF_INPUT_ADDR | SB_EVF_IPA;
    case SB_EVT_F_CFG_CONFLICT:                     /* 7.3.18 */
        return SB_EVF_SSV_SSID | SB_EVF_REASON32;
    case SB_EVT_E_PAGE_REQUEST:                     /* 7.3.19 */
        return SB_EVF_SSV_SSID | SB_EVF_PRI_PERMS | SB_EVF_SPAN |
               SB_EVF_INPUT_PAGE;
    default:
        return 0;
    }
}

const char *sb_event_name(uint8_t type)
{
    switch (type) {
    case SB_EVT_F_UUT:
        return "F_UUT";
    case SB_EVT_C_BAD_STREAMID:
        return "C_BAD_STREAMID";
    case SB_EVT_F_STE_FETCH:
        return "F_STE_FETCH";
    case SB_EVT_C_BAD_STE:
        return "C_BAD_STE";
    case SB_EVT_F_BAD_ATS_TREQ:
        return "F_BAD_ATS_TREQ";
    case SB_EVT_F_STREAM_DISABLED:
        return "F_STREAM_DISABLED";
    case SB_EVT_F_TRANSL_FORBIDDEN:
        return "F_TRANSL_FORBIDDEN";
    case SB_EVT_C_BAD_SUBSTREAMID:
        return "C_BAD_SUBSTREAMID";
    case SB_EVT_F_CD_FETCH:
        return "F_CD_FETCH";
    case SB_EVT_C_BAD_CD:
        return "C_BAD_CD";
    case SB_EVT_F_WALK_EABT:
        return "F_WALK_EABT";
    case SB_EVT_F_TRANSLATION:
        return "F_TRANSLATION";
    case SB_EVT_F_ADDR_SIZE:
        return "F_ADDR_SIZE";
    case SB_EVT_F_ACCESS:
        return "F_ACCESS";
    case SB_EVT_F_PERMISSION:
        return "F_PERMISSION";
    case SB_EVT_F_TLB_CONFLICT:
        return "F_TLB_CONFLICT";
    case SB_EVT_F_CFG_CONFLICT:
        return "F_CFG_CONFLICT";
    case SB_EVT_E_PAGE_REQUEST:
        return "E_PAGE_REQUEST";
    default:
        return "UNKNOWN";
    }
}

/*
 * One description of each record layout serves both directions: a field
 * is copied from the record into the SbEvent (decode) or the other way.
 */
typedef struct SbEvXfer {
    uint64_t *rec;
    bool encode;
} SbEvXfer;

static uint64_t sb_ev_field(SbEvXfer *x, unsigned hi, unsigned lo,
                            uint64_t val)
{
    if (x->encode) {
        sb_field_set(x->rec, hi, lo, val);
        return val;
    }
    return sb_field_get(x->rec, hi, lo);
}

static uint64_t sb_ev_addr(SbEvXfer *x, unsigned word, unsigned hi,
                           unsigned lo, uint64_t addr)
{
    if (x->encode) {
        sb_addr_set(x->rec, word, hi, lo, addr);
        return addr;
    }
    return sb_addr_get(x->rec, word, hi, lo);
}

#define EV_BOOL(x, ev, f, bit) \
    ((ev)->f = sb_ev_field((x), (bit), (bit), (ev)->f) != 0)
#define EV_INT(x, ev, f, hi, lo) \
    ((ev)->f = sb_ev_field((x), (hi), (lo), (ev)->f))

static void sb_event_xfer(SbEvXfer *x, SbEvent *ev)
{
    uint32_t f;

    EV_INT(x, ev, type, 7, 0);
    EV_INT(x, ev, sid, 63, 32);
    f = sb_event_fields(ev->type);

    if (f & SB_EVF_SSV_SSID) {
        EV_BOOL(x, ev, ssv, 11);
    }
    if (f & (SB_EVF_SSV_SSID | SB_EVF_SSID)) {
        EV_INT(x, ev, ssid, 31, 12);
    }
    if (f & SB_EVF_STAG_STALL) {
        EV_INT(x, ev, stag, 79, 64);
        EV_BOOL(x, ev, stall, 95);
    }
    if (f & SB_EVF_REASON16) {
        EV_INT(x, ev, reason, 79, 64);
    }
    if (f & SB_EVF_REASON32) {
        EV_INT(x, ev, reason, 95, 64);
    }
    if (f & SB_EVF_GPCF) {
        EV_BOOL(x, ev, gpcf, 80);
    }
    if (f & SB_EVF_ATTRS) {
        EV_BOOL(x, ev, pnu, 97);
        EV_BOOL(x, ev, ind, 98);
    }
    if (f & (SB_EVF_ATTRS | SB_EVF_RNW)) {
        EV_BOOL(x, ev, rnw, 99);
    }
    if (f & SB_EVF_S2) {
        EV_BOOL(x, ev, s2, 103);
    }
    if (f & SB_EVF_CLASS) {
        EV_INT(x, ev, class_, 105, 104);
    }
    if (f & SB_EVF_TTRNW) {
        EV_BOOL(x, ev, ttrnw, 108);
    }
    if (f & SB_EVF_ATS_PERMS) {
        EV_BOOL(x, ev, priv, 96);
        EV_BOOL(x, ev, exec, 97);
        EV_BOOL(x, ev, write, 98);
        EV_BOOL(x, ev, read, 99);
    }
    if (f & SB_EVF_PRI_PERMS) {
        EV_BOOL(x, ev, ux, 97);
        EV_BOOL(x, ev, uw, 98);
        EV_BOOL(x, ev, ur, 99);
        EV_BOOL(x, ev, px, 101);
        EV_BOOL(x, ev, pw, 102);
        EV_BOOL(x, ev, pr, 103);
    }
    if (f & SB_EVF_SPAN) {
        EV_INT(x, ev, span, 115, 108);
    }
    if (f & SB_EVF_INPUT_ADDR) {
        EV_INT(x, ev, input_addr, 191, 128);
    }
    if (f & SB_EVF_INPUT_PAGE) {
        ev->input_addr = sb_ev_addr(x, 2, 63, 12, ev->input_addr);
    }
    if (f & SB_EVF_IPA) {
        /* IPA [247:204] = IPA[55:12] ([51:12] before SMMUv3.4) */
        ev->ipa = sb_ev_addr(x, 3, 55, 12, ev->ipa);
    }
    if (f & SB_EVF_FETCH_ADDR) {
        /* FetchAddr [247:195] = PA[55:3] ([51:3] before SMMUv3.4) */
        ev->fetch_addr = sb_ev_addr(x, 3, 55, 3, ev->fetch_addr);
    }
}

void sb_event_decode(const uint64_t rec[4], SbEvent *ev)
{
    uint64_t copy[4];
    SbEvXfer x = { .rec = copy, .encode = false };

    memcpy(copy, rec, sizeof(copy));
    memset(ev, 0, sizeof(*ev));
    sb_event_xfer(&x, ev);
}

void sb_event_encode(const SbEvent *ev, uint64_t rec[4])
{
    SbEvent copy = *ev;
    SbEvXfer x = { .rec = rec, .encode = true };

    memset(rec, 0, 4 * sizeof(rec[0]));
    sb_event_xfer(&x, &copy);
}
