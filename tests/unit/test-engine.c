/*
 * arm-smmuv3-pm unit tests: the engine (decode, translation, commands,
 * events) over a fake memory
 *
 * The qtests check the same behaviour end to end through QEMU; these run
 * in milliseconds and also feed the engine garbage (random STEs, CDs,
 * descriptors and commands) to show that malformed structures give
 * events and errors, never a crash, an assert or a loop.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <inttypes.h>

#include "engine-env.h"
#include "hw/arm/smmuv3-pm/core/cmdq/cmdq.h"
#include "hw/arm/smmuv3-pm/core/queues/event.h"

#define SID 0x18

static const SbPte pte_rw = { .af = true, .ap = 1, .sh = 3 };

typedef struct S1 {
    SbPgtable *pt;
    SbCd cd;
    SbCdtab cdtab;
    SbSte ste;
} S1;

static void s1_setup(Env *e, S1 *s, unsigned granule)
{
    s->pt = sb_pgt_new(&e->sb, 1, granule, 16, -1, 1, false);
    s->cd = (SbCd) { .v = true, .aa64 = true, .r = true, .a = true,
                     .ips = 5, .epd1 = true, .asid = 1, .t0sz = 16 };
    sb_pgt_fill_cd(s->pt, &s->cd);
    s->cdtab = sb_cdtab_linear(&e->sb, 0);
    s->ste = (SbSte) { .v = true, .config = SB_STE_CFG_S1 };
    sb_ste_set_cdtab(&s->ste, &s->cdtab);
}

static void s1_install_sid(Env *e, S1 *s, uint32_t sid)
{
    sb_cd_write(&e->sb, &s->cdtab, 0, &s->cd);
    sb_ste_write(&e->sb, &e->st, sid, &s->ste);
}

static void s1_install(Env *e, S1 *s)
{
    s1_install_sid(e, s, SID);
}

/* Stage 1, all granules: translation, TLB hit, and the miss after TLBI */
static void test_s1_tlb(void)
{
    static const unsigned granules[] = { 12, 14, 16 };

    for (unsigned i = 0; i < G_N_ELEMENTS(granules); i++) {
        uint64_t page = 1ULL << granules[i];
        uint64_t pa;
        SmmuPmTxnResult r;
        Env e;
        S1 s;

        env_init(&e, NULL);
        env_enable(&e, sb_strtab_linear(&e.sb, 8));
        s1_setup(&e, &s, granules[i]);
        pa = sb_alloc(&e.sb, page, page);
        g_assert_true(sb_pgt_map(s.pt, 7 * page, pa, page, &pte_rw));
        s1_install(&e, &s);

        r = env_translate(&e, SID, 0, false, 7 * page + 0x18, false);
        g_assert_cmpint(r.status, ==, SMMU_PM_TXN_OK);
        g_assert_cmphex(r.addr, ==, pa + 0x18);
        g_assert_cmphex(r.addr_mask, ==, page - 1);
        g_assert_true(r.readable && r.writable);
        g_assert_cmpuint(e.core.stats.tlb_hits, ==, 0);
        e.dma_reads = 0;
        r = env_translate(&e, SID, 0, false, 7 * page + 0x20, true);
        g_assert_cmphex(r.addr, ==, pa + 0x20);
        g_assert_cmpuint(e.core.stats.tlb_hits, ==, 1);
        g_assert_cmpuint(e.dma_reads, ==, 0);     /* no walk, no fetch */
        g_assert_cmpuint(env_events(&e), ==, 0);
        sb_pgt_free(s.pt);
        env_free(&e);
    }
}

/* Exact fault records produced by the core itself */
static void test_fault_records(void)
{
    SmmuPmTxnResult r;
    SbEvent ev;
    Env e;
    S1 s;

    env_init(&e, NULL);
    env_enable(&e, sb_strtab_linear(&e.sb, 8));
    s1_setup(&e, &s, 12);
    s1_install(&e, &s);
    r = env_translate(&e, SID, 0, false, 0x123456, true);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_ABORT);
    env_event_pop(&e, &ev);
    g_assert_cmpuint(ev.type, ==, SB_EVT_F_TRANSLATION);
    g_assert_cmphex(ev.sid, ==, SID);
    g_assert_false(ev.rnw);
    g_assert_false(ev.s2);
    g_assert_cmpuint(ev.class_, ==, SB_EVT_CLASS_IN);
    g_assert_cmphex(ev.input_addr, ==, 0x123456);

    /* StreamID beyond the table: C_BAD_STREAMID */
    r = env_translate(&e, 0x1000, 0, false, 0, false);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_ABORT);
    env_event_pop(&e, &ev);
    g_assert_cmpuint(ev.type, ==, SB_EVT_C_BAD_STREAMID);
    g_assert_cmphex(ev.sid, ==, 0x1000);

    /* CD.A == 0 (TERM_MODEL 0): terminated as RAZ/WI, still recorded */
    s.cd.a = false;
    s1_install(&e, &s);
    {
        uint64_t c[2];

        sb_cmd_cfgi_all(c);
        env_cmd_push(&e, c);
    }
    r = env_translate(&e, SID, 0, false, 0x5000, false);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_RAZWI);
    env_event_pop(&e, &ev);
    g_assert_cmpuint(ev.type, ==, SB_EVT_F_TRANSLATION);
    g_assert_cmpuint(env_events(&e), ==, 0);
    sb_pgt_free(s.pt);
    env_free(&e);
}

/* SMMUEN == 0: nothing is looked up, nothing is cached */
static void test_disabled_no_access(void)
{
    SmmuPmTxnResult r;
    Env e;

    env_init(&e, NULL);
    e.dma_reads = 0;
    r = env_translate(&e, SID, 0, false, 0x1234, false);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_OK);
    g_assert_true(r.bypass);
    g_assert_cmphex(r.addr, ==, 0x1234);
    g_assert_cmpuint(e.dma_reads, ==, 0);
    g_assert_cmpuint(smmu_pm_cache_occupancy(e.core.cfgcache), ==, 0);
    env_wr(&e, A_GBPA, R_GBPA_UPDATE_MASK | R_GBPA_ABORT_MASK, 4);
    r = env_translate(&e, SID, 0, false, 0x1234, false);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_ABORT);
    g_assert_cmpuint(e.dma_reads, ==, 0);
    env_free(&e);
}

/* The command queue: an illegal command, restart after GERRORN */
static void test_cmdq_illegal(void)
{
    uint64_t bad[2] = { SMMU_CMD_TLBI_EL3_ALL, 0 }, c[2];
    Env e;

    env_init(&e, NULL);
    env_enable(&e, sb_strtab_linear(&e.sb, 8));
    g_assert_cmpuint(env_rd(&e, A_CMDQ_CONS), ==, 2);
    env_cmd_push(&e, bad);
    g_assert_cmphex(env_rd(&e, A_CMDQ_CONS), ==, 2 | (1u << 24));
    g_assert_cmphex(env_rd(&e, A_GERROR) ^ env_rd(&e, A_GERRORN), ==,
                    R_GERROR_CMDQ_ERR_MASK);
    g_assert_true(fake_host_logged(&e.host, SMMU_PM_LOG_GUEST_ERROR,
                                   "CERROR_ILL"));
    sb_cmd_sync(c, SB_SYNC_CS_NONE, 0, 0, 0, 0);
    sb_write_words(&e.sb, e.cmdq + 2 * 16, c, 2);
    env_wr(&e, A_GERRORN, env_rd(&e, A_GERROR), 4);
    g_assert_cmphex(env_rd(&e, A_CMDQ_CONS) & 0xfffff, ==, 3);
    /* a command fetch from unbacked memory: CERROR_ABT */
    env_wr(&e, A_CR0, R_CR0_EVENTQEN_MASK | R_CR0_SMMUEN_MASK, 4);
    env_wr(&e, A_CMDQ_BASE, 0x10000000ULL | ENV_CMDQ_LOG2, 8);
    env_wr(&e, A_CMDQ_CONS, 0, 4);
    env_wr(&e, A_CMDQ_PROD, 0, 4);
    env_wr(&e, A_CR0, R_CR0_EVENTQEN_MASK | R_CR0_SMMUEN_MASK |
           R_CR0_CMDQEN_MASK, 4);
    env_wr(&e, A_CMDQ_PROD, 1, 4);
    g_assert_cmphex(env_rd(&e, A_CMDQ_CONS), ==, 2u << 24);
    env_free(&e);
}

/* CMD_SYNC: completion MSI with its data; wired line without address */
static void test_cmd_sync_irq(void)
{
    uint64_t c[2];
    Env e;

    env_init(&e, NULL);
    env_enable(&e, sb_strtab_linear(&e.sb, 8));
    sb_cmd_sync(c, SB_SYNC_CS_IRQ, 3, 1, 0x5a5a, 0x40001000);
    env_cmd_push(&e, c);
    g_assert_cmpuint(e.host.msis->len, ==, 1);
    g_assert_cmphex(fake_host_msi_at(&e.host, 0)->addr, ==, 0x40001000);
    g_assert_cmphex(fake_host_msi_at(&e.host, 0)->data, ==, 0x5a5a);
    sb_cmd_sync(c, SB_SYNC_CS_IRQ, 0, 0, 0, 0);
    env_cmd_push(&e, c);
    g_assert_cmpuint(e.host.irq_pulses[SMMU_PM_IRQ_CMD_SYNC], ==, 1);
    env_free(&e);
}

/*
 * Garbage everywhere: random STEs, CDs, table descriptors and commands.
 * Every transaction ends OK, ABORT or RAZ/WI; every event has a known
 * type; the command queue stops on errors and never loops.
 */
static void test_fuzz(void)
{
    GRand *rnd = g_rand_new_with_seed(0x5eed);
    static const uint8_t known[] = {
        SB_EVT_C_BAD_STREAMID, SB_EVT_F_STE_FETCH, SB_EVT_C_BAD_STE,
        SB_EVT_F_STREAM_DISABLED, SB_EVT_C_BAD_SUBSTREAMID,
        SB_EVT_F_CD_FETCH, SB_EVT_C_BAD_CD, SB_EVT_F_WALK_EABT,
        SB_EVT_F_TRANSLATION, SB_EVT_F_ADDR_SIZE, SB_EVT_F_ACCESS,
        SB_EVT_F_PERMISSION,
    };
    Env e;

    env_init(&e, NULL);
    env_enable(&e, sb_strtab_linear(&e.sb, 4));
    for (int round = 0; round < 3000; round++) {
        uint64_t w[8], table;
        SbEvent ev;

        /* a random STE pointing at random CDs and tables in RAM */
        table = ENV_RAM_BASE + (g_rand_int(rnd) % (ENV_RAM_SIZE >> 12)
                                << 12);
        for (int i = 0; i < 8; i++) {
            w[i] = ((uint64_t)g_rand_int(rnd) << 32) | g_rand_int(rnd);
        }
        if (round & 1) {
            /* keep it plausible often enough to reach the walks */
            w[0] = (w[0] & ~0xfff00000000000ffULL & ~(0xfULL << 59)) |
                   (table & ((1ULL << 52) - 64)) | 1 | (5 << 1);
        }
        sb_ste_write_raw(&e.sb, &e.st, round % 16, w);
        for (int i = 0; i < 8; i++) {
            sb_write64(&e.sb, table + 8 * i,
                       ((uint64_t)g_rand_int(rnd) << 32) | g_rand_int(rnd));
        }
        {
            uint64_t c[2];

            sb_cmd_cfgi_all(c);
            env_cmd_push(&e, c);
        }
        for (int t = 0; t < 4; t++) {
            SmmuPmTxnResult r = env_translate(
                &e, g_rand_int(rnd) % 20, g_rand_int(rnd) & 0xfffff,
                g_rand_boolean(rnd),
                ((uint64_t)g_rand_int(rnd) << 32) | g_rand_int(rnd),
                g_rand_boolean(rnd));

            g_assert_cmpint(r.status, <=, SMMU_PM_TXN_RAZWI);
        }
        while (env_events(&e)) {
            bool ok = false;

            env_event_pop(&e, &ev);
            for (unsigned k = 0; k < G_N_ELEMENTS(known); k++) {
                ok |= ev.type == known[k];
            }
            g_assert_true(ok);
        }
        /* a random command; an error stops the queue until acked */
        {
            uint64_t c[2] = {
                ((uint64_t)g_rand_int(rnd) << 32) | g_rand_int(rnd),
                ((uint64_t)g_rand_int(rnd) << 32) | g_rand_int(rnd),
            };

            env_cmd_push(&e, c);
            if (env_rd(&e, A_GERROR) ^ env_rd(&e, A_GERRORN)) {
                uint64_t sync[2];

                sb_cmd_sync(sync, SB_SYNC_CS_NONE, 0, 0, 0, 0);
                sb_write_words(&e.sb, e.cmdq + 16 * ((e.cmdq_prod - 1) &
                               ((1u << ENV_CMDQ_LOG2) - 1)), sync, 2);
                env_wr(&e, A_GERRORN, env_rd(&e, A_GERROR), 4);
            }
            g_assert_cmphex(env_rd(&e, A_CMDQ_CONS) & 0x1ff, ==,
                            e.cmdq_prod);
        }
    }
    g_assert_cmpuint(e.core.stats.translations, ==, 3000 * 4);
    g_assert_cmpuint(e.core.stats.events, >, 1000);
    g_rand_free(rnd);
    env_free(&e);
}

/*
 * The DMA API's pattern, as Linux's arm-smmu-v3 and io-pgtable-arm drive
 * it: streams with their own ASID map buffers of a few pages (or a 2 MiB
 * block) at IOVAs that are reused as soon as they are freed, the device
 * reads and writes them, and each unmap zeroes the leaves and sends the
 * range TLBIs (RIL, leaf, TTL 3) and a CMD_SYNC before the IOVA goes back
 * to the allocator; a lazy domain's unmaps are only flushed by a
 * TLBI_NH_ASID before reuse.  Every translation must give the page the
 * tables give at that moment, and a freed IOVA must fault: a stale TLB or
 * micro-TLB entry is memory corruption in a guest.
 */
#define CHURN_STREAMS   4
#define CHURN_SLOTS     48          /* IOVA slots per stream */
#define CHURN_SLOT      (4ULL << 20)
#define CHURN_BLOCK_SLOTS 6          /* the last ones: 2 MiB blocks */
#define CHURN_IOVA      0xfffff0000000ULL

/* As io-pgtable-arm writes a stage-1 leaf: not global, AF set */
static const SbPte pte_dma = { .af = true, .ng = true, .ap = 1, .sh = 3 };

typedef struct ChurnMap {
    bool mapped;
    bool dirty;                     /* lazy: unmapped, not yet flushed */
    bool block;
    unsigned pages;
    uint64_t pa[4];
} ChurnMap;

typedef struct Churn {
    Env e;
    GRand *rnd;
    S1 s[CHURN_STREAMS];
    ChurnMap map[CHURN_STREAMS][CHURN_SLOTS];
    uint64_t pages;                 /* pool of data pages */
    uint64_t block;                 /* a 2 MiB-aligned one */
    unsigned tlbis;
} Churn;

static uint64_t churn_iova(unsigned slot)
{
    return CHURN_IOVA + slot * CHURN_SLOT;
}

static void churn_cmd(Churn *ch, const uint64_t c[2])
{
    env_cmd_push(&ch->e, c);
}

static void churn_sync(Churn *ch)
{
    uint64_t c[2];

    sb_cmd_sync(c, SB_SYNC_CS_NONE, 0, 0, 0, 0);
    churn_cmd(ch, c);
}

static void churn_map(Churn *ch, unsigned st, unsigned slot)
{
    ChurnMap *m = &ch->map[st][slot];
    uint64_t iova = churn_iova(slot);

    m->block = slot >= CHURN_SLOTS - CHURN_BLOCK_SLOTS;
    if (m->block) {
        m->pages = 1;
        m->pa[0] = ch->block;
        g_assert_true(sb_pgt_map(ch->s[st].pt, iova, m->pa[0], 2 << 20,
                                 &pte_dma));
    } else {
        m->pages = g_rand_int_range(ch->rnd, 1, 5);
        for (unsigned i = 0; i < m->pages; i++) {
            m->pa[i] = ch->pages + 4096 * g_rand_int_range(ch->rnd, 0, 1024);
            g_assert_true(sb_pgt_map(ch->s[st].pt, iova + 4096 * i,
                                     m->pa[i], 4096, &pte_dma));
        }
    }
    m->mapped = true;
}

/* What Linux's __arm_smmu_tlb_inv_range sends for a leaf range */
static void churn_unmap(Churn *ch, unsigned st, unsigned slot, bool lazy)
{
    ChurnMap *m = &ch->map[st][slot];
    uint64_t iova = churn_iova(slot);
    uint64_t size = m->block ? 2 << 20 : 4096ULL * m->pages;
    SbTlbiAddr a[8];
    unsigned n;

    if (m->block) {
        sb_pgt_unmap(ch->s[st].pt, iova, size);
    } else {
        for (unsigned i = 0; i < m->pages; i++) {
            sb_pgt_unmap(ch->s[st].pt, iova + 4096 * i, 4096);
        }
    }
    m->mapped = false;
    if (lazy) {
        m->dirty = true;
        return;
    }
    n = sb_tlbi_range_split(iova, size, 12, true, m->block ? 2 : 3, a,
                            G_N_ELEMENTS(a));
    for (unsigned i = 0; i < n; i++) {
        uint64_t c[2];

        sb_cmd_tlbi_nh_va(c, 0, ch->s[st].cd.asid, &a[i]);
        churn_cmd(ch, c);
        ch->tlbis++;
    }
    churn_sync(ch);
}

/* A lazy domain's flush queue: one TLBI_NH_ASID for all its unmaps */
static void churn_flush(Churn *ch, unsigned st)
{
    uint64_t c[2];

    sb_cmd_tlbi_nh_asid(c, 0, ch->s[st].cd.asid);
    churn_cmd(ch, c);
    churn_sync(ch);
    for (unsigned slot = 0; slot < CHURN_SLOTS; slot++) {
        ch->map[st][slot].dirty = false;
    }
}

static void churn_access(Churn *ch, unsigned st, unsigned slot)
{
    ChurnMap *m = &ch->map[st][slot];
    uint64_t off = g_rand_int_range(ch->rnd, 0, 4096) & ~7u;
    unsigned page = g_rand_int_range(ch->rnd, 0, m->mapped && m->block ?
                                                 512 : 4);
    uint64_t iova = churn_iova(slot) + 4096ULL * page + off;
    bool write = g_rand_boolean(ch->rnd);
    SmmuPmTxnResult r = env_translate(&ch->e, SID + st, 0, false, iova,
                                      write);

    if (m->mapped && (m->block || page < m->pages)) {
        uint64_t pa = m->block ? m->pa[0] + 4096ULL * page : m->pa[page];

        if (r.status != SMMU_PM_TXN_OK || r.addr != pa + off) {
            g_error("stream %u IOVA 0x%" PRIx64 " (%s, slot %u page %u of "
                    "%u%s): status %d addr 0x%" PRIx64 ", tables say 0x%"
                    PRIx64 " after %u TLBIs", st, iova,
                    write ? "write" : "read", slot, page, m->pages,
                    m->block ? ", block" : "", r.status, r.addr, pa + off,
                    ch->tlbis);
        }
    } else if (!m->dirty) {
        /* unmapped and invalidated: a translation fault, recorded */
        if (r.status == SMMU_PM_TXN_OK) {
            g_error("stream %u IOVA 0x%" PRIx64 " (slot %u, unmapped, "
                    "leaf 0x%" PRIx64 ") translated to 0x%" PRIx64
                    " after %u TLBIs", st, iova, slot,
                    sb_pgt_read_raw(ch->s[st].pt, iova, 3), r.addr,
                    ch->tlbis);
        }
    }
    while (env_events(&ch->e)) {
        SbEvent ev;

        env_event_pop(&ch->e, &ev);
        g_assert_cmpuint(ev.type, ==, SB_EVT_F_TRANSLATION);
    }
}

static void test_dma_api_churn(const void *opaque)
{
    unsigned utlb_entries = GPOINTER_TO_UINT(opaque);
    Churn *ch = g_new0(Churn, 1);
    bool lazy[CHURN_STREAMS] = { false, false, false, true };

    env_init(&ch->e, NULL);
    g_assert_true(ch->e.core.cfg.ril);
    smmu_pm_tlb_set_utlb_entries(ch->e.core.tlb, utlb_entries);
    env_enable(&ch->e, sb_strtab_linear(&ch->e.sb, 8));
    ch->rnd = g_rand_new_with_seed(0xd3a + utlb_entries);
    ch->pages = sb_alloc(&ch->e.sb, 1024 * 4096, 4096);
    ch->block = sb_alloc(&ch->e.sb, 2 << 20, 2 << 20);
    for (unsigned st = 0; st < CHURN_STREAMS; st++) {
        S1 *s = &ch->s[st];

        s1_setup(&ch->e, s, 12);
        s->cd.asid = 1 + st;
        s->cd.r = false;
        s1_install_sid(&ch->e, s, SID + st);
    }
    for (unsigned round = 0; round < 40000; round++) {
        unsigned st = g_rand_int_range(ch->rnd, 0, CHURN_STREAMS);
        unsigned slot = g_rand_int_range(ch->rnd, 0, CHURN_SLOTS);
        ChurnMap *m = &ch->map[st][slot];

        switch (g_rand_int_range(ch->rnd, 0, 3)) {
        case 0:
            if (m->mapped) {
                churn_unmap(ch, st, slot, lazy[st]);
            } else if (!m->dirty) {
                churn_map(ch, st, slot);
            } else {
                churn_flush(ch, st);
            }
            break;
        default:
            /* a device's burst on one buffer */
            for (int n = g_rand_int_range(ch->rnd, 1, 9); n; n--) {
                churn_access(ch, st, slot);
            }
            break;
        }
    }
    g_test_message("%u TLBIs, %" PRIu64 " TLB hits, %" PRIu64 " micro-TLB "
                   "hits", ch->tlbis, ch->e.core.stats.tlb_hits,
                   ch->e.core.stats.utlb_hits);
    g_assert_cmpuint(ch->tlbis, >, 3000);
    g_assert_cmpuint(ch->e.core.stats.tlb_hits, >, 2000);
    if (utlb_entries) {
        g_assert_cmpuint(ch->e.core.stats.utlb_hits, >, 500);
    }
    g_rand_free(ch->rnd);
    for (unsigned st = 0; st < CHURN_STREAMS; st++) {
        sb_pgt_free(ch->s[st].pt);
    }
    env_free(&ch->e);
    g_free(ch);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/smmuv3-pm/engine/s1-tlb", test_s1_tlb);
    g_test_add_func("/smmuv3-pm/engine/fault-records", test_fault_records);
    g_test_add_func("/smmuv3-pm/engine/disabled-no-access",
                    test_disabled_no_access);
    g_test_add_func("/smmuv3-pm/engine/cmdq-illegal", test_cmdq_illegal);
    g_test_add_func("/smmuv3-pm/engine/cmd-sync-irq", test_cmd_sync_irq);
    g_test_add_func("/smmuv3-pm/engine/fuzz", test_fuzz);
    g_test_add_data_func("/smmuv3-pm/engine/dma-api-churn/utlb",
                         GUINT_TO_POINTER(32), test_dma_api_churn);
    g_test_add_data_func("/smmuv3-pm/engine/dma-api-churn/no-utlb",
                         GUINT_TO_POINTER(0), test_dma_api_churn);
    return g_test_run();
}
