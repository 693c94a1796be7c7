/*
 * arm-smmuv3-pm fuzzing: the whole SMMU core driven as a hostile guest
 *
 * The input is decoded into a configuration (first bytes) and then a
 * sequence of operations (see the OP_* list): MMIO reads and writes of
 * both register pages at any offset and size, writes of arbitrary bytes
 * into a bounded guest memory (GUEST_SIZE bytes at GUEST_BASE) that holds
 * the stream table, CDs, page tables and queues, plausible structures
 * placed there with tests/common/smmu-builder (a driver's bring-up, an
 * STE with its CD and page tables), commands, translations with any
 * StreamID/SSID/address/attributes, stall answers, page requests, power
 * off/on and command-queue runs.
 *
 * Invariants, checked by the host callbacks as the core calls them and
 * after every operation (FUZZ_CHECK aborts with a message):
 *  - the core's memory accesses: dma_read/dma_write outside guest memory
 *    are refused (false), never performed; every access is 1..4096 bytes
 *  - an MMIO read of @size bytes returns no bits above @size
 *  - the PROD/CONS the SMMU owns (CMDQ_CONS, EVENTQ_PROD, PRIQ_PROD) stay
 *    inside twice their queue's effective size; CMDQ_CONS.ERR is one of
 *    the architectural codes (IHI 0070 4.7); GERROR has only defined bits
 *  - every 32-byte record written into the event queue has an
 *    architectural event type (7.3; the builder's names, from the spec)
 *  - a translation that succeeds (not bypass) gives an output address
 *    below 2^OAS, inside its own mapping (addr_mask + 1 a power of two)
 *    and permissions that allow the access; a bypass leaves the address
 *  - host callbacks get defined arguments (IRQ line, stall outcome, PRI
 *    response code)
 *
 * Addresses and register offsets are written out from the spec here, not
 * taken from the core's base/arch.h, so that a wrong definition is caught.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <glib.h>

#include "hw/arm/smmuv3-pm/core/smmuv3-pm-core.h"
#include "smmu-builder.h"
#include "fuzz-common.h"

/* ---- Register offsets and fields (IHI 0070 ch. 6) --------------------- */
#define R_IDR1          0x04
#define R_IDR5          0x14
#define R_CR0           0x20
#define R_CR1           0x28
#define R_CR2           0x2c
#define R_GBPA          0x44
#define R_IRQ_CTRL      0x50
#define R_GERROR        0x60
#define R_GERRORN       0x64
#define R_STRTAB_BASE   0x80
#define R_STRTAB_CFG    0x88
#define R_CMDQ_BASE     0x90
#define R_CMDQ_PROD     0x98
#define R_CMDQ_CONS     0x9c
#define R_EVENTQ_BASE   0xa0
#define R_EVENTQ_PROD   0x100a8         /* page 1 */
#define R_EVENTQ_CONS   0x100ac
#define R_PRIQ_BASE     0xc0
#define R_PRIQ_PROD     0x100c8
#define R_PRIQ_CONS     0x100cc
#define MMIO_SPAN       0x20000         /* two 64 KiB pages */

#define CR0_SMMUEN      (1u << 0)
#define CR0_PRIQEN      (1u << 1)
#define CR0_EVENTQEN    (1u << 2)
#define CR0_CMDQEN      (1u << 3)
#define GERROR_DEFINED  0x3fdu          /* bits 0, 2-9 */

/* ---- The harness's guest ---------------------------------------------- */
#define GUEST_BASE      0x40000000ULL
#define GUEST_SIZE      (4ULL << 20)
#define GUEST_PAGES     (GUEST_SIZE >> 12)
/* Builder arenas: queues and stream tables, then each placed STE's tables */
#define SETUP_OFF       (1ULL << 20)
#define SETUP_SIZE      (1ULL << 20)
#define PLACE_OFF       (2ULL << 20)
#define PLACE_SIZE      (2ULL << 20)
#define MAX_OPS         256
#define MAX_MAPPED      16
#define MAX_STALLED     64

typedef struct Harness {
    SmmuPmCore core;
    SmmuPmHostOps ops;
    uint8_t *mem;                       /* GUEST_SIZE bytes */
    uint8_t dirty[GUEST_PAGES / 8];     /* pages to zero before the next run */
    bool setup_done;
    SmmuBuilder setup_sb;
    SbStrtab st;
    unsigned strtab_sids;               /* STEs the stream table holds */
    uint64_t now_ns;
    uint64_t deadline_ns;
    bool timer_armed;
    bool msi_ok;
    bool atc_ok;
    unsigned oas_bits;
    /* Input addresses placed STEs map, to aim translations at */
    uint64_t mapped[MAX_MAPPED];
    uint32_t mapped_sid[MAX_MAPPED];
    unsigned nmapped;
    /* Stalled transactions, by STAG, to retry */
    SmmuPmTxn stalled[MAX_STALLED];
    bool stalled_valid[MAX_STALLED];
    unsigned stall_dones;
    unsigned kicks;
} Harness;

static Harness h;

static void mark_dirty(uint64_t off, uint64_t len)
{
    for (uint64_t pg = off >> 12; pg <= (off + len - 1) >> 12; pg++) {
        h.dirty[pg / 8] |= 1u << (pg % 8);
    }
}

static bool in_guest(uint64_t addr, uint64_t len)
{
    return addr >= GUEST_BASE && len <= GUEST_SIZE &&
           addr - GUEST_BASE <= GUEST_SIZE - len;
}

/* ---- Host callbacks ---------------------------------------------------- */

static void event_queue_check(uint64_t addr, const void *buf, unsigned len);

static bool h_dma_read(void *o, uint64_t addr, void *buf, unsigned len)
{
    FUZZ_CHECK(len > 0 && len <= 4096, "dma_read of %u bytes", len);
    if (!in_guest(addr, len)) {
        memset(buf, 0xa5, len);     /* exactly @len: ASan checks buf */
        return false;
    }
    memcpy(buf, h.mem + (addr - GUEST_BASE), len);
    return true;
}

static bool h_dma_write(void *o, uint64_t addr, const void *buf,
                        unsigned len)
{
    FUZZ_CHECK(len > 0 && len <= 4096, "dma_write of %u bytes", len);
    if (!in_guest(addr, len)) {
        return false;
    }
    event_queue_check(addr, buf, len);
    memcpy(h.mem + (addr - GUEST_BASE), buf, len);
    mark_dirty(addr - GUEST_BASE, len);
    return true;
}

static void h_log(void *o, SmmuPmLogKind k, const char *m)
{
    FUZZ_CHECK(k == SMMU_PM_LOG_GUEST_ERROR || k == SMMU_PM_LOG_UNIMP ||
               k == SMMU_PM_LOG_INFO, "log kind %d", k);
    if (fuzz_verbose()) {
        fprintf(stderr, "log(%d): %s\n", k, m);
    }
}

static void h_pulse(void *o, SmmuPmIrq line)
{
    FUZZ_CHECK(line >= 0 && line < SMMU_PM_IRQ__MAX, "irq line %d", line);
}

static bool h_msi(void *o, uint64_t a, uint32_t d, uint32_t attr)
{
    return h.msi_ok;
}

static void h_changed(void *o)
{
}

static void h_kick(void *o)
{
    h.kicks++;
}

static bool h_atc_inv(void *o, uint32_t sid, bool ssv, uint32_t ssid,
                      uint64_t addr, unsigned size_log2)
{
    FUZZ_CHECK(size_log2 <= 64, "ATC invalidation of 2^%u bytes", size_log2);
    return h.atc_ok;
}

static uint64_t h_now(void *o)
{
    return h.now_ns;
}

static void h_set_timer(void *o, uint64_t deadline)
{
    h.deadline_ns = deadline;
    h.timer_armed = true;
}

static void h_stall_done(void *o, uint32_t sid, unsigned stag,
                         SmmuPmStallOutcome outcome)
{
    FUZZ_CHECK(outcome == SMMU_PM_STALL_RETRY ||
               outcome == SMMU_PM_STALL_ABORT ||
               outcome == SMMU_PM_STALL_RAZWI, "stall outcome %d", outcome);
    FUZZ_CHECK(stag <= 0xffff, "STAG 0x%x", stag);
    h.stall_dones++;
}

static void h_pri_response(void *o, uint32_t sid, bool pasid, uint32_t ssid,
                           uint16_t prgi, SmmuPmPriCode code)
{
    FUZZ_CHECK(code == SMMU_PM_PRI_SUCCESS || code == SMMU_PM_PRI_INVALID ||
               code == SMMU_PM_PRI_FAILURE, "PRG response code %d", code);
    FUZZ_CHECK(prgi < 512, "PRGI %u", prgi);
}

static void h_violation(void *o, unsigned rule, uint64_t count,
                        const char *detail)
{
    FUZZ_CHECK(count > 0, "PM violation %u counted 0", rule);
}

/* ---- Builder memory (the harness's own writes) -------------------------- */

static void sb_mem_write(void *o, uint64_t addr, const void *buf, size_t len)
{
    /* the builder's allocations are inside its arena: a failure is ours */
    g_assert_true(in_guest(addr, len));
    memcpy(h.mem + (addr - GUEST_BASE), buf, len);
    mark_dirty(addr - GUEST_BASE, len);
}

static void sb_mem_read(void *o, uint64_t addr, void *buf, size_t len)
{
    g_assert_true(in_guest(addr, len));
    memcpy(buf, h.mem + (addr - GUEST_BASE), len);
}

static const SmmuBuilderMem sb_mem = { sb_mem_write, sb_mem_read, NULL };

/* ---- Invariants ------------------------------------------------------- */

static uint32_t rd32(uint64_t off)
{
    return smmu_pm_mmio_read(&h.core, off, 4);
}

static void wr(uint64_t off, uint64_t v, unsigned size)
{
    smmu_pm_mmio_write(&h.core, off, v, size);
}

/* Effective LOG2SIZE: the base register's, capped by IDR1's maximum */
static unsigned queue_log2(uint64_t base_reg, unsigned idr1_shift)
{
    unsigned max = (rd32(R_IDR1) >> idr1_shift) & 0x1f;
    unsigned l = smmu_pm_mmio_read(&h.core, base_reg, 8) & 0x1f;

    return l < max ? l : max;
}

static uint64_t queue_addr(uint64_t base_reg)
{
    return smmu_pm_mmio_read(&h.core, base_reg, 8) & 0x00ffffffffffffe0ULL;
}

/*
 * Event records as the core writes them: a 32-byte write into the
 * programmed event queue's slots carries an architectural type
 */
static void event_queue_check(uint64_t addr, const void *buf, unsigned len)
{
    uint64_t q, size;
    uint8_t type;

    if (len != 32 || !smmu_pm_powered(&h.core)) {
        return;
    }
    q = queue_addr(R_EVENTQ_BASE);
    size = 32ULL << queue_log2(R_EVENTQ_BASE, 16);
    if (addr < q || addr - q >= size || (addr - q) % 32) {
        return;
    }
    type = ((const uint8_t *)buf)[0];
    FUZZ_CHECK(strcmp(sb_event_name(type), "UNKNOWN") != 0,
               "event record of type 0x%02x at 0x%" PRIx64, type, addr);
}

typedef struct Owned {
    uint32_t cmdq_cons, eventq_prod, priq_prod;
} Owned;

static Owned owned_now(void)
{
    Owned o = { 0 };

    if (smmu_pm_powered(&h.core)) {
        o.cmdq_cons = rd32(R_CMDQ_CONS);
        o.eventq_prod = rd32(R_EVENTQ_PROD);
        o.priq_prod = rd32(R_PRIQ_PROD);
    }
    return o;
}

/* @wrote_off: the register offset an MMIO write just wrote, or ~0 */
static void check_invariants(const Owned *before, uint64_t wrote_off,
                             unsigned wrote_size)
{
    Owned now;
    uint32_t gerror;

#define WROTE(reg) (wrote_off != ~0ULL && wrote_off < (reg) + 4 && \
                    wrote_off + wrote_size > (reg))
    if (!smmu_pm_powered(&h.core)) {
        return;
    }
    now = owned_now();
    if (now.cmdq_cons != before->cmdq_cons && !WROTE(R_CMDQ_CONS)) {
        unsigned l = queue_log2(R_CMDQ_BASE, 21);
        unsigned err = (now.cmdq_cons >> 24) & 0x7f;

        FUZZ_CHECK((now.cmdq_cons & 0xfffff) < (2u << l),
                   "CMDQ_CONS 0x%x outside a queue of 2^%u", now.cmdq_cons, l);
        FUZZ_CHECK(err <= 3, "CMDQ_CONS.ERR %u is no CERROR_* code", err);
    }
    if (now.eventq_prod != before->eventq_prod && !WROTE(R_EVENTQ_PROD)) {
        unsigned l = queue_log2(R_EVENTQ_BASE, 16);

        FUZZ_CHECK((now.eventq_prod & 0xfffff) < (2u << l),
                   "EVENTQ_PROD 0x%x outside a queue of 2^%u",
                   now.eventq_prod, l);
        FUZZ_CHECK((now.eventq_prod & 0x7ff00000u) == 0,
                   "EVENTQ_PROD 0x%x: RES0 bits set", now.eventq_prod);
    }
    if (now.priq_prod != before->priq_prod && !WROTE(R_PRIQ_PROD)) {
        unsigned l = queue_log2(R_PRIQ_BASE, 11);

        FUZZ_CHECK((now.priq_prod & 0xfffff) < (2u << l),
                   "PRIQ_PROD 0x%x outside a queue of 2^%u",
                   now.priq_prod, l);
        FUZZ_CHECK((now.priq_prod & 0x7ff00000u) == 0,
                   "PRIQ_PROD 0x%x: RES0 bits set", now.priq_prod);
    }
    gerror = rd32(R_GERROR);
    FUZZ_CHECK((gerror & ~GERROR_DEFINED) == 0, "GERROR 0x%x", gerror);
#undef WROTE
}

static void check_txn(const SmmuPmTxn *t, const SmmuPmTxnResult *r)
{
    FUZZ_CHECK(r->status == SMMU_PM_TXN_OK || r->status == SMMU_PM_TXN_ABORT ||
               r->status == SMMU_PM_TXN_RAZWI ||
               r->status == SMMU_PM_TXN_STALLED, "status %d", r->status);
    if (r->status == SMMU_PM_TXN_STALLED) {
        FUZZ_CHECK(t->can_stall, "a transaction that cannot stall stalled");
        return;
    }
    if (r->status != SMMU_PM_TXN_OK) {
        return;
    }
    FUZZ_CHECK((r->addr_mask & (r->addr_mask + 1)) == 0,
               "addr_mask 0x%" PRIx64 " is not 2^n - 1", r->addr_mask);
    FUZZ_CHECK(t->write ? r->writable : (r->readable || t->instr),
               "%s%s%s of 0x%" PRIx64 " allowed by a mapping that is %s%s",
               t->priv ? "privileged " : "", t->write ? "write" : "read",
               t->instr ? " (instruction)" : "", t->addr,
               r->readable ? "r" : "-", r->writable ? "w" : "-");
    if (r->bypass) {
        return;
    }
    FUZZ_CHECK(h.oas_bits >= 64 || r->addr >> h.oas_bits == 0,
               "sid 0x%x ssid 0x%x ia 0x%" PRIx64 " -> oa 0x%" PRIx64
               " beyond the %u-bit OAS", t->sid, t->ssid, t->addr, r->addr,
               h.oas_bits);
    FUZZ_CHECK((r->addr & r->addr_mask) == (t->addr & r->addr_mask),
               "oa 0x%" PRIx64 " not at ia 0x%" PRIx64 "'s offset in its "
               "mapping (mask 0x%" PRIx64 ")", r->addr, t->addr, r->addr_mask);
    FUZZ_CHECK(h.oas_bits >= 64 ||
               (r->addr | r->addr_mask) >> h.oas_bits == 0,
               "mapping of oa 0x%" PRIx64 " mask 0x%" PRIx64 " beyond OAS",
               r->addr, r->addr_mask);
}

/* ---- Operations ------------------------------------------------------- */

enum {
    OP_MMIO_READ,
    OP_MMIO_WRITE,
    OP_MEM_BYTES,
    OP_MEM_WORD,
    OP_SETUP,
    OP_PLACE_STE,
    OP_CMD,
    OP_TRANSLATE,
    OP_STALL_TAKE,
    OP_PRI,
    OP_POWER,
    OP_TIMER,
    OP_RUN,
    OP_CONSUME,
    OP_FLAGS,
    OP_RESET,
    OP__COUNT,
};

static const unsigned sizes[4] = { 1, 2, 4, 8 };

static const uint8_t opcodes[] = {
    SB_CMD_PREFETCH_CONFIG, SB_CMD_PREFETCH_ADDR, SB_CMD_CFGI_STE,
    SB_CMD_CFGI_STE_RANGE, SB_CMD_CFGI_CD, SB_CMD_CFGI_CD_ALL,
    SB_CMD_TLBI_NH_ALL, SB_CMD_TLBI_NH_ASID, SB_CMD_TLBI_NH_VA,
    SB_CMD_TLBI_NH_VAA, SB_CMD_TLBI_EL2_ALL, SB_CMD_TLBI_EL2_ASID,
    SB_CMD_TLBI_EL2_VA, SB_CMD_TLBI_EL2_VAA, SB_CMD_TLBI_S12_VMALL,
    SB_CMD_TLBI_S2_IPA, SB_CMD_TLBI_NSNH_ALL, SB_CMD_ATC_INV,
    SB_CMD_PRI_RESP, SB_CMD_RESUME, SB_CMD_STALL_TERM, SB_CMD_SYNC,
};

/*
 * Fire the host timer at each deadline up to @until, as QEMU's virtual
 * clock does (bounded: the core must not ask for endless deadlines)
 */
static void run_timers(uint64_t until)
{
    for (int i = 0; i < 4096 && h.timer_armed && h.deadline_ns <= until;
         i++) {
        h.timer_armed = false;
        h.now_ns = MAX(h.now_ns, h.deadline_ns);
        smmu_pm_core_timer(&h.core);
        smmu_pm_core_run(&h.core);
    }
    h.now_ns = MAX(h.now_ns, until);
}

/* A driver that waits for whatever the SMMU is doing (timing on) */
static void settle(void)
{
    run_timers(UINT64_MAX / 2);
}

/* Write one command at CMDQ_PROD of whatever queue is programmed */
static void push_cmd(const uint64_t cmd[2], bool run)
{
    unsigned l = queue_log2(R_CMDQ_BASE, 21);
    uint64_t q = queue_addr(R_CMDQ_BASE);
    uint32_t prod = rd32(R_CMDQ_PROD) & ((2u << l) - 1);
    uint64_t slot = q + (uint64_t)(prod & ((1u << l) - 1)) * 16;

    if (in_guest(slot, 16)) {
        uint64_t le[2] = { GUINT64_TO_LE(cmd[0]), GUINT64_TO_LE(cmd[1]) };

        memcpy(h.mem + (slot - GUEST_BASE), le, 16);
        mark_dirty(slot - GUEST_BASE, 16);
    }
    wr(R_CMDQ_PROD, (prod + 1) & ((2u << l) - 1), 4);
    if (run) {
        smmu_pm_core_run(&h.core);
    }
}

/*
 * A driver's bring-up: command, event and PRI queues and a stream table
 * (linear or 2-level) in the setup arena, CFGI_ALL + TLBI_NSNH_ALL +
 * CMD_SYNC, then SMMUEN
 */
static void op_setup(FuzzIn *in)
{
    uint8_t a = fuzz_u8(in), b = fuzz_u8(in);
    unsigned cmdq_l2 = 2 + (a & 7), evtq_l2 = 2 + ((a >> 3) & 7);
    unsigned priq_l2 = 2 + (b & 3);
    bool two_level = (b >> 2) & 1;
    uint64_t c[2], cmdq, evtq, priq;
    uint32_t cr0 = CR0_CMDQEN | CR0_EVENTQEN | CR0_PRIQEN;

    sb_init(&h.setup_sb, &sb_mem, GUEST_BASE + SETUP_OFF, SETUP_SIZE);
    cmdq = sb_queue_alloc(&h.setup_sb, cmdq_l2, 16);
    evtq = sb_queue_alloc(&h.setup_sb, evtq_l2, 32);
    priq = sb_queue_alloc(&h.setup_sb, priq_l2, 16);
    if (two_level) {
        unsigned split = 6 + ((b >> 3) & 1) * 2;     /* 6 or 8 */

        h.st = sb_strtab_2lvl(&h.setup_sb, 12 + ((b >> 4) & 3), split);
    } else {
        h.st = sb_strtab_linear(&h.setup_sb, 4 + ((b >> 4) & 3));
    }
    h.strtab_sids = 1u << h.st.log2size;
    wr(R_CR0, 0, 4);
    settle();
    wr(R_CMDQ_BASE, sb_queue_base_reg(cmdq, cmdq_l2, false), 8);
    wr(R_CMDQ_PROD, 0, 4);
    wr(R_CMDQ_CONS, 0, 4);
    wr(R_EVENTQ_BASE, sb_queue_base_reg(evtq, evtq_l2, false), 8);
    wr(R_EVENTQ_PROD, 0, 4);
    wr(R_EVENTQ_CONS, 0, 4);
    wr(R_PRIQ_BASE, sb_queue_base_reg(priq, priq_l2, false), 8);
    wr(R_PRIQ_PROD, 0, 4);
    wr(R_PRIQ_CONS, 0, 4);
    wr(R_STRTAB_BASE, sb_strtab_base_reg(&h.st, false), 8);
    wr(R_STRTAB_CFG, sb_strtab_base_cfg_reg(&h.st), 4);
    wr(R_CR1, 0, 4);
    wr(R_CR2, (b >> 6) & 1 ? 0x2 : 0x0, 4);    /* RECINVSID */
    wr(R_IRQ_CTRL, 0x7, 4);
    wr(R_CR0, cr0, 4);
    settle();
    sb_cmd_cfgi_all(c);
    push_cmd(c, false);
    sb_cmd_tlbi_nsnh_all(c);
    push_cmd(c, false);
    sb_cmd_sync(c, SB_SYNC_CS_NONE, 0, 0, 0, 0);
    push_cmd(c, true);
    settle();
    if (!((b >> 7) & 1)) {
        wr(R_CR0, cr0 | CR0_SMMUEN, 4);
        settle();
    }
    h.setup_done = true;
}

static const SbPte *pte_attrs(SbPte *p, uint8_t f, int stage)
{
    memset(p, 0, sizeof(*p));
    p->af = !(f & 1);
    p->dbm = (f >> 1) & 1;
    if (stage == 1) {
        p->ap = (f >> 2) & 3;
        p->uxn = (f >> 4) & 1;
        p->pxn = (f >> 5) & 1;
        p->sh = 3;
    } else {
        p->s2ap = 3 ^ ((f >> 2) & 3);
        p->xn = (f >> 4) & 1 ? 2 : 0;
        p->memattr = 0xf;
        p->sh = 3;
    }
    return p;
}

/*
 * An STE (abort, bypass, stage 1, stage 2 or nested) for a StreamID the
 * stream table holds, its CD table and page tables with a few pages
 * mapped, in a fresh place arena; then CFGI_STE and TLBI + SYNC.
 * Stage 2 maps guest memory at IPA == PA, so that nested stage-1 tables
 * and CDs are reachable; the mapped output addresses are fuzzed.
 */
static void op_place_ste(FuzzIn *in)
{
    static const unsigned gran[3] = { 12, 14, 16 };
    static const uint8_t configs[5] = {
        SB_STE_CFG_ABORT, SB_STE_CFG_BYPASS, SB_STE_CFG_S1, SB_STE_CFG_S2,
        SB_STE_CFG_NESTED,
    };
    uint8_t a = fuzz_u8(in), b = fuzz_u8(in), c8 = fuzz_u8(in);
    uint16_t sid16 = fuzz_u16(in);
    unsigned g = gran[(a & 3) % 3];
    uint8_t config = configs[((a >> 2) & 7) % 5];
    bool s1 = config == SB_STE_CFG_S1 || config == SB_STE_CFG_NESTED;
    bool s2 = config == SB_STE_CFG_S2 || config == SB_STE_CFG_NESTED;
    unsigned cdmax = (a >> 5) & 3;
    SmmuBuilder sb;
    SbSte ste = { 0 };
    SbCd cd = { 0 };
    SbPgtable *pt1 = NULL, *pt2 = NULL;
    uint32_t sid;
    uint64_t cmd[2];
    unsigned npages = 1 + (c8 & 3);

    if (!h.setup_done || h.setup_sb.next + (64 << 10) >
                         h.setup_sb.base + h.setup_sb.size) {
        return;
    }
    sid = sid16 % h.strtab_sids;
    sb_init(&sb, &sb_mem, GUEST_BASE + PLACE_OFF, PLACE_SIZE);
    ste.v = true;
    ste.config = config;
    ste.s1dss = 0;
    ste.s1stalld = (b >> 0) & 1;
    ste.strw = 0;
    ste.eats = 0;
    if (s2) {
        SbPte p;

        pt2 = sb_pgt_new(&sb, 2, g, 24, -1, 0, false);
        sb_pgt_fill_ste(pt2, &ste);
        ste.s2ps = 5;                               /* 48 bits */
        ste.s2vmid = c8 >> 4;
        ste.s2r = (b >> 1) & 1;
        ste.s2s = (b >> 2) & 1;
        ste.s2ha = (b >> 3) & 1;
        ste.s2hd = (b >> 3) & (b >> 4) & 1;
        ste.s2affd = 0;
        /* guest memory at IPA == PA (blocks of the granule's level 2) */
        memset(&p, 0, sizeof(p));
        p.af = true;
        p.s2ap = 3;
        p.memattr = 0xf;
        p.sh = 3;
        {
            uint64_t blk = 1ULL << sb_pgt_level_shift(pt2, 2);
            uint64_t start = GUEST_BASE & ~(blk - 1);

            for (uint64_t ia = start; ia < GUEST_BASE + GUEST_SIZE;
                 ia += blk) {
                sb_pgt_map(pt2, ia, ia, blk, &p);
            }
        }
    }
    if (s1) {
        SbCdtab t = sb_cdtab_linear(&sb, cdmax);

        pt1 = sb_pgt_new(&sb, 1, g, 25, -1, 0, false);
        sb_pgt_fill_cd(pt1, &cd);
        cd.v = true;
        cd.aa64 = true;
        cd.epd1 = true;
        cd.ips = 5;
        cd.a = true;
        cd.r = (b >> 5) & 1;
        cd.s = (b >> 6) & 1;
        cd.ha = (b >> 3) & 1;
        cd.hd = (b >> 3) & (b >> 4) & 1;
        cd.asid = c8 >> 2;
        cd.mair0 = 0xff;
        for (uint32_t ssid = 0; ssid < (1u << cdmax); ssid++) {
            sb_cd_write(&sb, &t, ssid, &cd);
        }
        sb_ste_set_cdtab(&ste, &t);
    }
    for (unsigned i = 0; i < npages && (pt1 || pt2); i++) {
        SbPte p;
        uint8_t f = fuzz_u8(in);
        uint64_t pg = 1ULL << g;
        uint64_t ia = (fuzz_u32(in) * pg) & ((1ULL << 39) - 1) & ~(pg - 1);
        /* OAs mostly in guest memory, sometimes anywhere below 2^48 */
        uint64_t oa = (f & 0x80) ? (fuzz_u64(in) & ((1ULL << 48) - 1))
                                 : GUEST_BASE + fuzz_u32(in) % GUEST_SIZE;

        oa &= ~(pg - 1);
        if (pt1) {
            /* nested: stage-1 outputs are IPAs, stage 2 maps guest RAM */
            if (pt2 && !(f & 0x80)) {
                oa = GUEST_BASE + (oa - GUEST_BASE) % GUEST_SIZE;
            }
            sb_pgt_map(pt1, ia, oa, pg, pte_attrs(&p, f, 1));
        } else if (ia < GUEST_BASE || ia >= GUEST_BASE + GUEST_SIZE) {
            sb_pgt_map(pt2, ia, oa, pg, pte_attrs(&p, f, 2));
        }
        if (h.nmapped < MAX_MAPPED) {
            h.mapped[h.nmapped] = ia;
            h.mapped_sid[h.nmapped++] = sid;
        }
    }
    if (h.st.two_level) {
        /*
         * The guest may have rewritten the L1STD: the builder follows a
         * valid one, so one whose level-2 array is not in guest memory
         * is cleared first (the builder then allocates a fresh array)
         */
        uint64_t l1 = sb_l1std_addr(&h.st, sid);
        uint64_t d = sb_read64(&h.setup_sb, l1);
        uint64_t l2 = d & 0x00ffffffffffffc0ULL;

        if ((d & 0x1f) && !in_guest(l2, 64ULL << h.st.split)) {
            sb_write64(&h.setup_sb, l1, 0);
        }
    }
    sb_ste_write(&h.setup_sb, &h.st, sid, &ste);
    if (pt1) {
        sb_pgt_free(pt1);
    }
    if (pt2) {
        sb_pgt_free(pt2);
    }
    sb_cmd_cfgi_ste(cmd, sid, true);
    push_cmd(cmd, false);
    sb_cmd_tlbi_nsnh_all(cmd);
    push_cmd(cmd, false);
    sb_cmd_sync(cmd, SB_SYNC_CS_NONE, 0, 0, 0, 0);
    push_cmd(cmd, true);
}

static void op_translate(FuzzIn *in)
{
    uint8_t f = fuzz_u8(in), g = fuzz_u8(in);
    SmmuPmTxn t = { 0 };
    SmmuPmTxnResult r;

    if ((f & 1) && h.nmapped) {
        unsigned i = g % h.nmapped;

        t.sid = h.mapped_sid[i];
        t.addr = h.mapped[i] + (fuzz_u16(in) & 0xfff);
    } else {
        t.sid = (f & 2) ? fuzz_u8(in) : fuzz_u32(in);
        t.addr = fuzz_u64(in);
    }
    t.ssv = (f >> 2) & 1;
    t.ssid = t.ssv ? ((g & 0x80) ? fuzz_u32(in) & 0xfffff : g & 3) : 0;
    t.write = (f >> 3) & 1;
    t.instr = !t.write && ((f >> 4) & 1);
    t.priv = (f >> 5) & 1;
    t.can_stall = (f >> 6) & 1;
    t.continuation = (f >> 7) & (g >> 6) & 1;
    memset(&r, 0x5a, sizeof(r));
    smmu_pm_translate(&h.core, &t, &r);
    check_txn(&t, &r);
    if (r.status == SMMU_PM_TXN_STALLED) {
        h.stalled[r.stag % MAX_STALLED] = t;
        h.stalled_valid[r.stag % MAX_STALLED] = true;
    }
}

/* The requester side of stalls: take each answer, retry what says so */
static void op_stall_take(void)
{
    uint32_t sid;
    unsigned stag;
    SmmuPmStallOutcome outcome;
    unsigned n = 0;

    while (n++ < 1024 && smmu_pm_stall_take_done(&h.core, &sid, &stag,
                                                  &outcome)) {
        FUZZ_CHECK(outcome == SMMU_PM_STALL_RETRY ||
                   outcome == SMMU_PM_STALL_ABORT ||
                   outcome == SMMU_PM_STALL_RAZWI, "outcome %d", outcome);
        if (outcome == SMMU_PM_STALL_RETRY &&
            h.stalled_valid[stag % MAX_STALLED]) {
            SmmuPmTxn t = h.stalled[stag % MAX_STALLED];
            SmmuPmTxnResult r;

            h.stalled_valid[stag % MAX_STALLED] = false;
            smmu_pm_translate(&h.core, &t, &r);
            check_txn(&t, &r);
            if (r.status == SMMU_PM_TXN_STALLED) {
                h.stalled[r.stag % MAX_STALLED] = t;
                h.stalled_valid[r.stag % MAX_STALLED] = true;
            }
        }
    }
    FUZZ_CHECK(n <= 1024, "more than 1023 stall answers at once");
}

static void op_pri(FuzzIn *in)
{
    uint8_t f = fuzz_u8(in);
    SmmuPmPageRequest req = { 0 };

    req.sid = (f & 1) ? fuzz_u8(in) : fuzz_u32(in);
    req.ssv = (f >> 1) & 1;
    req.ssid = req.ssv ? fuzz_u32(in) & 0xfffff : 0;
    req.addr = fuzz_u64(in) & ~0xfffULL;
    req.prgi = fuzz_u16(in) & 0x1ff;
    req.last = (f >> 2) & 1;
    req.read = (f >> 3) & 1;
    req.write = (f >> 4) & 1;
    req.exec = (f >> 5) & 1;
    req.priv = (f >> 6) & 1;
    smmu_pm_pri_request(&h.core, &req);
}

/* The driver consumes its event and PRI queues */
static void op_consume(FuzzIn *in)
{
    uint8_t f = fuzz_u8(in);

    if (f & 1) {
        wr(R_EVENTQ_CONS, rd32(R_EVENTQ_PROD), 4);
    }
    if (f & 2) {
        wr(R_PRIQ_CONS, rd32(R_PRIQ_PROD), 4);
    }
    if (f & 4) {
        wr(R_GERRORN, rd32(R_GERROR), 4);
    }
}

static void op_cmd(FuzzIn *in)
{
    uint8_t f = fuzz_u8(in);
    uint64_t c[2];

    c[0] = fuzz_u64(in);
    c[1] = fuzz_u64(in);
    if (!(f & 0x80)) {
        c[0] = (c[0] & ~0xffULL) | opcodes[f % sizeof(opcodes)];
        if (opcodes[f % sizeof(opcodes)] == SB_CMD_SYNC && (f & 0x40)) {
            c[0] &= ~(3ULL << 12);              /* CS = none: no MSI */
        }
    }
    push_cmd(c, (f >> 6) & 1);
}

static void run_op(FuzzIn *in)
{
    uint8_t op = fuzz_u8(in) % OP__COUNT;
    uint64_t wrote_off = ~0ULL;
    unsigned wrote_size = 0;
    Owned before = owned_now();

    if (fuzz_verbose()) {
        fprintf(stderr, "op %u at input byte %zu\n", op, in->pos - 1);
    }
    switch (op) {
    case OP_MMIO_READ: {
        uint32_t off = fuzz_u32(in) % MMIO_SPAN;
        unsigned size = sizes[fuzz_u8(in) & 3];
        uint64_t v = smmu_pm_mmio_read(&h.core, off, size);

        FUZZ_CHECK(size == 8 || v >> (8 * size) == 0,
                   "read of %u bytes at 0x%x returned 0x%" PRIx64, size, off,
                   v);
        break;
    }
    case OP_MMIO_WRITE: {
        uint8_t f = fuzz_u8(in);
        /* mostly the registers that matter, any offset otherwise */
        uint32_t off = (f & 0x80) ? fuzz_u32(in) % MMIO_SPAN
                                  : ((f & 0x40) ? 0x10000 : 0) +
                                    (fuzz_u8(in) & 0xfc);
        unsigned size = sizes[f & 3];
        uint64_t v = fuzz_u64(in);

        if (fuzz_verbose()) {
            fprintf(stderr, "op: write 0x%x size %u value 0x%" PRIx64 "\n",
                    off, size, v);
        }
        smmu_pm_mmio_write(&h.core, off, v, size);
        wrote_off = off;
        wrote_size = size;
        if (f & 4) {
            smmu_pm_core_run(&h.core);
        }
        break;
    }
    case OP_MEM_BYTES: {
        uint64_t off = fuzz_u32(in) % GUEST_SIZE;
        unsigned len = 1 + fuzz_u8(in) % 64;

        if (off + len > GUEST_SIZE) {
            len = GUEST_SIZE - off;
        }
        for (unsigned i = 0; i < len; i++) {
            h.mem[off + i] = fuzz_u8(in);
        }
        mark_dirty(off, len);
        break;
    }
    case OP_MEM_WORD: {
        uint64_t off = (fuzz_u32(in) % GUEST_SIZE) & ~7ULL;
        uint64_t v = GUINT64_TO_LE(fuzz_u64(in));

        memcpy(h.mem + off, &v, 8);
        mark_dirty(off, 8);
        break;
    }
    case OP_SETUP:
        op_setup(in);
        break;
    case OP_PLACE_STE:
        op_place_ste(in);
        break;
    case OP_CMD:
        op_cmd(in);
        break;
    case OP_TRANSLATE:
        op_translate(in);
        break;
    case OP_STALL_TAKE:
        op_stall_take();
        break;
    case OP_PRI:
        op_pri(in);
        break;
    case OP_POWER:
        smmu_pm_power_request(&h.core, fuzz_u8(in) & 1);
        break;
    case OP_TIMER:
        run_timers(h.now_ns + fuzz_u16(in));
        break;
    case OP_RUN:
        smmu_pm_core_run(&h.core);
        break;
    case OP_CONSUME:
        op_consume(in);
        break;
    case OP_FLAGS: {
        uint8_t f = fuzz_u8(in);

        h.msi_ok = f & 1;
        h.atc_ok = (f >> 1) & 1;
        break;
    }
    case OP_RESET:
        if (fuzz_u8(in) == 0xa5) {
            smmu_pm_core_reset(&h.core);
            h.setup_done = false;
            h.nmapped = 0;
            /* a reset the guest cannot undo: only checked below */
            before = owned_now();
        }
        break;
    }
    check_invariants(&before, wrote_off, wrote_size);
}

/* ---- Configuration from the first two bytes ----------------------------- */

static void configure_core(FuzzIn *in)
{
    static const char *const models[] = { "generic", "mmu600", "mmu700" };
    static const char *const stalls[] = { "stall", "none", "force", "stall" };
    static const char *const httu[] = { "none", "a", "ad", "ad" };
    static const int oas[] = { 32, 36, 40, 42, 44, 48, 52, 48 };
    uint8_t a = fuzz_u8(in), b = fuzz_u8(in);
    SmmuPmUserConfig user;
    SmmuPmConfig cfg;
    SmmuPmCacheConfig caches;
    char *err = NULL;

    smmu_pm_user_config_init(&user);
    user.model = models[(a & 3) % 3];
    user.stage = "nested";
    user.stall_model = stalls[(a >> 2) & 3];
    user.httu = httu[(a >> 4) & 3];
    user.oas = oas[b & 7];
    user.msi = (a >> 6) & 1;
    user.pri = 1;
    user.ats = (a >> 7) & 1;
    if (!smmu_pm_config_resolve(&user, &cfg, &err)) {
        /* a combination the properties refuse: the default then */
        g_free(err);
        smmu_pm_user_config_init(&user);
        user.stage = "nested";
        g_assert_true(smmu_pm_config_resolve(&user, &cfg, &err));
    }
    h.oas_bits = cfg.oas_bits;
    smmu_pm_cache_config_default(&caches);
    smmu_pm_core_init(&h.core, &cfg, &caches, &h.ops, &h);
    h.core.power.cfg.retention = (b >> 3) & 1 ? SMMU_PM_RETAIN_REGISTERS
                                              : SMMU_PM_RETAIN_NONE;
    h.core.power.cfg.up_caches = ((b >> 4) & 3) % 3;
    h.core.power.cfg.on_latency_ns = (b >> 6) & 1 ? 1000 : 0;
    h.core.power.cfg.off_latency_ns = (b >> 7) & 1 ? 500 : 0;
    smmu_pm_core_reset(&h.core);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzIn in = { data, size, 0 };
    unsigned n = 0;

    if (!h.mem) {
        h.mem = g_malloc0(GUEST_SIZE);
    }
    for (unsigned pg = 0; pg < GUEST_PAGES; pg++) {
        if (h.dirty[pg / 8] & (1u << (pg % 8))) {
            memset(h.mem + ((uint64_t)pg << 12), 0, 4096);
        }
    }
    memset(h.dirty, 0, sizeof(h.dirty));
    {
        uint8_t *mem = h.mem;

        memset(&h, 0, offsetof(Harness, mem));
        memset((uint8_t *)&h + offsetof(Harness, setup_done), 0,
               sizeof(h) - offsetof(Harness, setup_done));
        h.mem = mem;
    }
    h.msi_ok = true;
    h.atc_ok = true;
    h.ops = (SmmuPmHostOps) {
        .log = h_log, .pulse_irq = h_pulse, .send_msi = h_msi,
        .translation_changed = h_changed, .dma_read = h_dma_read,
        .dma_write = h_dma_write, .kick = h_kick,
        .atc_invalidate = h_atc_inv, .now_ns = h_now,
        .set_timer = h_set_timer, .stall_done = h_stall_done,
        .pri_response = h_pri_response, .pm_violation = h_violation,
    };
    configure_core(&in);
    while (fuzz_more(&in) && n++ < MAX_OPS) {
        run_op(&in);
    }
    smmu_pm_core_finalize(&h.core);
    return 0;
}
