/*
 * Seed corpora of the fuzz harnesses, from the structure builder
 *
 *   gen-corpus DIR     writes DIR/<harness>/<seed> (make fuzz-corpus)
 *
 * Each seed is an input in its harness's encoding (see the harness's
 * header comment): a driver's bring-up, a translation, a fault, a stall,
 * a page request, a power cycle for fuzz-core; page tables built by the
 * builder for fuzz-walk; SCMI messages and PPU policies.  Deterministic,
 * a few KiB in all.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "smmu-builder.h"

static const char *outdir;

static void emit(const char *harness, const char *name, GByteArray *b)
{
    g_autofree char *dir = g_build_filename(outdir, harness, NULL);
    g_autofree char *path = g_build_filename(dir, name, NULL);
    GError *err = NULL;

    g_mkdir_with_parents(dir, 0755);
    if (!g_file_set_contents(path, (const char *)b->data, b->len, &err)) {
        g_printerr("gen-corpus: %s\n", err->message);
        exit(1);
    }
    g_print("  %s/%s (%u bytes)\n", harness, name, b->len);
    g_byte_array_unref(b);
}

static void put(GByteArray *b, uint64_t v, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        uint8_t c = v >> (8 * i);

        g_byte_array_append(b, &c, 1);
    }
}

/* ---- fuzz-core (ops as fuzz-core.c decodes them) ------------------------ */
enum {
    OP_MMIO_READ, OP_MMIO_WRITE, OP_MEM_BYTES, OP_MEM_WORD, OP_SETUP,
    OP_PLACE_STE, OP_CMD, OP_TRANSLATE, OP_STALL_TAKE, OP_PRI, OP_POWER,
    OP_TIMER, OP_RUN, OP_CONSUME, OP_FLAGS, OP_RESET,
};

#define GUEST_BASE  0x40000000ULL
#define GUEST_SIZE  (4ULL << 20)

/* config: model a[1:0], stall a[3:2], httu a[5:4], msi a[6], ats a[7];
 * oas b[2:0], retention b[3], up_caches b[5:4], latencies b[7:6] */
static GByteArray *core_new(uint8_t a, uint8_t b)
{
    GByteArray *g = g_byte_array_new();

    put(g, a, 1);
    put(g, b, 1);
    return g;
}

static void core_setup(GByteArray *g, uint8_t a, uint8_t b)
{
    put(g, OP_SETUP, 1);
    put(g, a, 1);
    put(g, b, 1);
}

/* granule 0/1/2, config 0..4 (abort, bypass, s1, s2, nested) */
static void core_place(GByteArray *g, unsigned gran, unsigned config,
                       uint8_t flags, uint16_t sid, uint32_t ia_page,
                       uint32_t oa_off)
{
    put(g, OP_PLACE_STE, 1);
    put(g, gran | config << 2, 1);
    put(g, flags, 1);
    put(g, 0x10, 1);        /* one page, VMID 1, ASID 4 */
    put(g, sid, 2);
    put(g, 0x00, 1);        /* pte flags: AF, RW, in guest memory */
    put(g, ia_page, 4);
    put(g, oa_off, 4);
}

static void core_translate_mapped(GByteArray *g, uint8_t flags, uint16_t off)
{
    put(g, OP_TRANSLATE, 1);
    put(g, flags | 1, 1);
    put(g, 0, 1);
    put(g, off, 2);
}

static void core_translate(GByteArray *g, uint8_t flags, uint32_t sid,
                           uint64_t addr)
{
    put(g, OP_TRANSLATE, 1);
    put(g, flags & ~3u, 1);
    put(g, 0, 1);
    put(g, sid, 4);
    put(g, addr, 8);
}

static void core_cmd(GByteArray *g, const uint64_t c[2], bool run)
{
    put(g, OP_CMD, 1);
    put(g, 0x80 | (run ? 0x40 : 0), 1);      /* raw, as built */
    put(g, c[0], 8);
    put(g, c[1], 8);
}

static void core_mmio_write(GByteArray *g, uint32_t off, uint64_t v,
                            unsigned size_code)
{
    put(g, OP_MMIO_WRITE, 1);
    put(g, 0x80 | 4 | size_code, 1);
    put(g, off, 4);
    put(g, v, 8);
}

static void core_mmio_read(GByteArray *g, uint32_t off, unsigned size_code)
{
    put(g, OP_MMIO_READ, 1);
    put(g, off, 4);
    put(g, size_code, 1);
}

/* A builder whose memory writes become OP_MEM_WORD ops (non-zero words) */
typedef struct Rec {
    GByteArray *g;
    uint8_t *mem;
} Rec;

static void rec_write(void *o, uint64_t addr, const void *buf, size_t len)
{
    Rec *r = o;

    g_assert(addr >= GUEST_BASE && addr + len <= GUEST_BASE + GUEST_SIZE);
    memcpy(r->mem + (addr - GUEST_BASE), buf, len);
    for (uint64_t a = (addr - GUEST_BASE) & ~7ULL;
         a < addr - GUEST_BASE + len; a += 8) {
        uint64_t w;

        memcpy(&w, r->mem + a, 8);
        if (w) {
            put(r->g, OP_MEM_WORD, 1);
            put(r->g, a, 4);
            put(r->g, GUINT64_FROM_LE(w), 8);
        }
    }
}

static void rec_read(void *o, uint64_t addr, void *buf, size_t len)
{
    Rec *r = o;

    memcpy(buf, r->mem + (addr - GUEST_BASE), len);
}

/*
 * A driver's bring-up written out as raw memory words and register
 * writes (no SETUP/PLACE ops): queues, a linear stream table, one
 * stage-1 STE with a CD and a 4K page table mapping one page, then
 * CFGI/TLBI/SYNC, SMMUEN, a translation of the page and one of an
 * unmapped address (F_TRANSLATION), the event consumed
 */
static void seed_raw_bringup(void)
{
    GByteArray *g = core_new(0x00, 0x05);
    Rec r = { g, g_malloc0(GUEST_SIZE) };
    SmmuBuilderMem mem = { rec_write, rec_read, &r };
    SmmuBuilder sb;
    SbStrtab st;
    SbCdtab cdt;
    SbPgtable *pt;
    SbSte ste = { 0 };
    SbCd cd = { 0 };
    SbPte pte = { .af = true, .sh = 3 };
    uint64_t cmdq, evtq, c[2];
    uint32_t prod = 0;

    sb_init(&sb, &mem, GUEST_BASE + (1 << 20), 3 << 20);
    cmdq = sb_queue_alloc(&sb, 6, 16);
    evtq = sb_queue_alloc(&sb, 6, 32);
    st = sb_strtab_linear(&sb, 4);
    cdt = sb_cdtab_linear(&sb, 0);
    pt = sb_pgt_new(&sb, 1, 12, 25, -1, 0, false);
    sb_pgt_map(pt, 0x10000000, GUEST_BASE + 0x3000, 4096, &pte);
    sb_pgt_fill_cd(pt, &cd);
    cd.v = cd.aa64 = cd.a = cd.epd1 = cd.r = true;
    cd.ips = 5;
    cd.asid = 1;
    cd.mair0 = 0xff;
    sb_cd_write(&sb, &cdt, 0, &cd);
    ste.v = true;
    ste.config = SB_STE_CFG_S1;
    sb_ste_set_cdtab(&ste, &cdt);
    sb_ste_write(&sb, &st, 3, &ste);

    core_mmio_write(g, 0x90, sb_queue_base_reg(cmdq, 6, false), 3);
    core_mmio_write(g, 0xa0, sb_queue_base_reg(evtq, 6, false), 3);
    core_mmio_write(g, 0x80, sb_strtab_base_reg(&st, false), 3);
    core_mmio_write(g, 0x88, sb_strtab_base_cfg_reg(&st), 2);
    core_mmio_write(g, 0x2c, 0x2, 2);                 /* CR2.RECINVSID */
    core_mmio_write(g, 0x20, 0xc, 2);                 /* CMDQEN, EVENTQEN */
    sb_cmd_cfgi_all(c);
    sb_queue_push(&sb, cmdq, 6, &prod, c);
    sb_cmd_tlbi_nsnh_all(c);
    sb_queue_push(&sb, cmdq, 6, &prod, c);
    sb_cmd_sync(c, SB_SYNC_CS_NONE, 0, 0, 0, 0);
    sb_queue_push(&sb, cmdq, 6, &prod, c);
    core_mmio_write(g, 0x98, prod, 2);                /* CMDQ_PROD, run */
    core_mmio_read(g, 0x9c, 2);
    core_mmio_write(g, 0x20, 0xd, 2);                 /* + SMMUEN */
    core_translate(g, 0x00, 3, 0x10000123);
    core_translate(g, 0x08, 3, 0x20000000);
    core_mmio_read(g, 0x100a8, 2);                    /* EVENTQ_PROD */
    put(g, OP_CONSUME, 1);
    put(g, 1, 1);
    sb_pgt_free(pt);
    g_free(r.mem);
    emit("fuzz-core", "raw-bringup-s1", g);
}

static void seeds_core(void)
{
    GByteArray *g;
    uint64_t c[2];

    /* bring-up, stage 1 (4K), a translation of the mapped page, a miss */
    g = core_new(0x00, 0x05);
    core_setup(g, 0x1b, 0x00);
    core_place(g, 0, 2, 0x20, 1, 0x1234, 0x5000);
    core_translate_mapped(g, 0x08, 0x10);
    core_translate(g, 0x0a, 1, 0x7fff0000);
    put(g, OP_CONSUME, 1);
    put(g, 7, 1);
    emit("fuzz-core", "s1-translate-and-fault", g);

    /* stage 2 (64K), 2-level stream table, a read and a write */
    g = core_new(0x00, 0x05);
    core_setup(g, 0x24, 0x14);
    core_place(g, 2, 3, 0x06, 0x101, 0x20, 0x20000);
    core_translate_mapped(g, 0x00, 0x8);
    core_translate_mapped(g, 0x08, 0x8);
    emit("fuzz-core", "s2-64k-2lvl", g);

    /* nested (16K) with HTTU on MMU-700, stalls: a stalled write resumed */
    g = core_new(0x21, 0x05);
    core_setup(g, 0x12, 0x00);
    core_place(g, 1, 4, 0x48 | 0x10, 2, 0x40, 0x8000);
    core_translate(g, 0x48, 2, 0x123456000);          /* can_stall */
    sb_cmd_resume(c, 2, 0, true, false);
    core_cmd(g, c, true);
    put(g, OP_STALL_TAKE, 1);
    core_translate_mapped(g, 0x48, 0x0);
    emit("fuzz-core", "nested-16k-stall", g);

    /* page requests on a PRI queue, answered by CMD_PRI_RESP */
    g = core_new(0x01, 0x05);
    core_setup(g, 0x09, 0x01);
    core_place(g, 0, 2, 0x00, 5, 0x1, 0x1000);
    put(g, OP_PRI, 1);
    put(g, 0x0e, 1);                                  /* ssv, last, read */
    put(g, 5, 4);
    put(g, 0, 4);
    put(g, 0x1000, 8);
    put(g, 7, 2);
    sb_cmd_pri_resp(c, 5, true, 0, 7, 2);
    core_cmd(g, c, true);
    put(g, OP_CONSUME, 1);
    put(g, 2, 1);
    emit("fuzz-core", "pri-request", g);

    /* power off and on with latencies, register access around it */
    g = core_new(0x00, 0xc0);
    core_setup(g, 0x00, 0x00);
    put(g, OP_POWER, 1);
    put(g, 0, 1);
    put(g, OP_TIMER, 1);
    put(g, 2000, 2);
    core_mmio_read(g, 0x20, 2);
    put(g, OP_POWER, 1);
    put(g, 1, 1);
    put(g, OP_TIMER, 1);
    put(g, 2000, 2);
    core_mmio_read(g, 0x24, 2);
    core_translate(g, 0x00, 0, 0x1000);
    emit("fuzz-core", "power-cycle", g);

    /* an illegal command: CMDQ_CONS.ERR, GERROR, acknowledged */
    g = core_new(0x00, 0x05);
    core_setup(g, 0x00, 0x00);
    c[0] = 0xff;
    c[1] = 0;
    core_cmd(g, c, true);
    core_mmio_read(g, 0x9c, 2);
    put(g, OP_CONSUME, 1);
    put(g, 4, 1);
    emit("fuzz-core", "illegal-command", g);

    seed_raw_bringup();
}

/* ---- fuzz-walk ---------------------------------------------------------- */
#define WALK_PARAM_BYTES 24
#define WALK_IMG        (32 << 10)

typedef struct Img {
    uint8_t b[WALK_IMG];
} Img;

static void img_write(void *o, uint64_t addr, const void *buf, size_t len)
{
    memcpy(((Img *)o)->b + addr, buf, len);
}

static void img_read(void *o, uint64_t addr, void *buf, size_t len)
{
    memcpy(buf, ((Img *)o)->b + addr, len);
}

/* The access bits of the first parameter byte (f) */
#define WALK_WRITE      0x04
#define WALK_UNPRIV     0x08

/*
 * params: f, a, b, t, ttb(4), [a, b, t, ttb(4)], ia(8); padded to 24.
 * @acc: WALK_* bits of f; @ap: the stage-1 page's AP[2:1]
 */
static void seed_walk(const char *name, int stage, unsigned gran_idx,
                      unsigned tsz, uint8_t b, uint8_t acc, unsigned ap)
{
    static const unsigned gran[3] = { 12, 14, 16 };
    Img *img = g_new0(Img, 1);
    SmmuBuilderMem mem = { img_write, img_read, img };
    SmmuBuilder sb;
    SbPgtable *pt;
    SbPte pte = { .af = !(b & 1), .sh = 3, .s2ap = 3, .memattr = 0xf,
                  .dbm = (b >> 1) & 1, .ap = ap };
    GByteArray *g = g_byte_array_new();
    uint64_t ia = 0x40201000ULL & ((1ULL << (64 - tsz)) - 1);
    unsigned sl0;

    sb_init(&sb, &mem, 0, WALK_IMG);
    pt = sb_pgt_new(&sb, stage, gran[gran_idx], tsz, -1, 0, false);
    ia &= ~((1ULL << gran[gran_idx]) - 1);
    sb_pgt_map(pt, ia, 0x80000000ULL, 1ULL << gran[gran_idx], &pte);
    sl0 = stage == 2 ? sb_pgt_s2sl0(pt) : 0;
    put(g, (stage == 2 ? 2 : 0) | acc, 1);
    put(g, gran_idx | 5 << 2 | sl0 << 5, 1);          /* OAS 48 */
    put(g, b, 1);
    put(g, tsz - 16, 1);
    put(g, sb_pgt_root(pt), 4);
    put(g, ia | 0x123, 8);
    while (g->len < WALK_PARAM_BYTES) {
        put(g, 0, 1);
    }
    for (unsigned i = 0; i < sb.next / 8; i++) {
        uint64_t w;

        memcpy(&w, img->b + 8 * i, 8);
        if (w) {
            put(g, i, 2);
            put(g, GUINT64_FROM_LE(w), 8);
        }
    }
    sb_pgt_free(pt);
    g_free(img);
    emit("fuzz-walk", name, g);
}

static void seeds_walk(void)
{
    seed_walk("s1-4k", 1, 0, 25, 0x00, 0, 0);
    seed_walk("s1-4k-httu-write", 1, 0, 25, 0x03, WALK_WRITE, 0);
    seed_walk("s1-16k", 1, 1, 28, 0x00, 0, 0);
    seed_walk("s2-4k", 2, 0, 24, 0x00, WALK_WRITE, 0);
    seed_walk("s2-16k-httu", 2, 1, 28, 0x03, WALK_WRITE, 0);
    /* EL1-only writable-clean (AP 0b10 + DBM): an EL0 write leaves it clean */
    seed_walk("s1-4k-httu-el0-write-el1-clean", 1, 0, 25, 0x03,
              WALK_WRITE | WALK_UNPRIV, 2);
}

/* ---- fuzz-scmi ---------------------------------------------------------- */

static void scmi_msg(GByteArray *g, unsigned idx, unsigned np,
                     const uint32_t *params)
{
    put(g, 1, 1);                   /* post and ring */
    put(g, idx, 1);                 /* a known message, plausible params */
    put(g, 0, 4);
    put(g, np, 1);
    for (unsigned i = 0; i < np; i++) {
        put(g, params[i], 4);
    }
}

static void seeds_scmi(void)
{
    GByteArray *g = g_byte_array_new();

    /* 4 domains, default names/states, a 128-byte channel */
    put(g, 0, 1);
    put(g, 3, 1);
    put(g, 128 - 92, 1);
    scmi_msg(g, 0, 0, NULL);                          /* BASE version */
    scmi_msg(g, 3, 0, NULL);                          /* vendor */
    scmi_msg(g, 6, 1, (uint32_t[]){ 0 });             /* list protocols */
    scmi_msg(g, 15, 1, (uint32_t[]){ 1 });            /* domain attrs */
    scmi_msg(g, 16, 3, (uint32_t[]){ 0, 1, 1 });      /* off */
    scmi_msg(g, 17, 1, (uint32_t[]){ 1 });            /* state get */
    scmi_msg(g, 16, 3, (uint32_t[]){ 0, 1, 0 });      /* on */
    emit("fuzz-scmi", "base-and-power", g);

    g = g_byte_array_new();
    put(g, 3, 1);                                     /* names + states */
    put(g, 1, 1);
    put(g, 7, 1);
    g_byte_array_append(g, (const uint8_t *)"cpu,gpu", 7);
    put(g, 6, 1);
    g_byte_array_append(g, (const uint8_t *)"on,off", 6);
    put(g, 0, 1);
    put(g, 1, 1);
    put(g, 0x40, 1);                                  /* any length */
    put(g, 0, 4);
    put(g, 0, 1);
    put(g, 0x1000, 4);                                /* too long */
    put(g, 2, 1);                                     /* ring again */
    emit("fuzz-scmi", "names-bad-length", g);
}

/* ---- fuzz-ppu ----------------------------------------------------------- */

static void seeds_ppu(void)
{
    GByteArray *g = g_byte_array_new();

    put(g, 0x04, 1);                                  /* latency */
    put(g, 3, 1);                                     /* 4 domains */
    put(g, 2, 1);                                     /* policy */
    put(g, 1, 1);
    put(g, 0x00, 1);                                  /* OFF */
    put(g, 3, 1);                                     /* done */
    put(g, 1, 1);
    put(g, 0, 1);                                     /* read PWSR */
    put(g, 1, 1);
    put(g, 0x008, 2);
    put(g, 2, 1);
    put(g, 1, 1);
    put(g, 0x08, 1);                                  /* ON */
    put(g, 3, 1);
    put(g, 1, 1);
    put(g, 2, 1);
    put(g, 2, 1);
    put(g, 0x20, 1);                                  /* OFF, locked */
    put(g, 3, 1);
    put(g, 2, 1);
    put(g, 1, 1);                                     /* UNLK */
    put(g, 2, 1);
    put(g, 0x01c, 2);
    put(g, 1, 4);
    put(g, 0, 1);                                     /* IDR0 */
    put(g, 0, 1);
    put(g, 0xfb0, 2);
    emit("fuzz-ppu", "policies", g);

    g = g_byte_array_new();
    put(g, 0x02, 1);                                  /* states list */
    put(g, 1, 1);
    put(g, 0x2, 4);                                   /* on,off */
    put(g, 2, 1);
    put(g, 1, 1);
    put(g, 0x18, 1);                                  /* ON, dynamic */
    put(g, 1, 1);                                     /* IMR */
    put(g, 0, 1);
    put(g, 0x038, 2);
    put(g, 0, 4);
    put(g, 0x80, 1);                                  /* beyond */
    put(g, 0, 1);
    put(g, 0x5000, 4);
    emit("fuzz-ppu", "instant-dynamic", g);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        g_printerr("usage: gen-corpus DIR\n");
        return 2;
    }
    outdir = argv[1];
    seeds_core();
    seeds_walk();
    seeds_scmi();
    seeds_ppu();
    return 0;
}
