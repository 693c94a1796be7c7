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

static void s1_install(Env *e, S1 *s)
{
    sb_cd_write(&e->sb, &s->cdtab, 0, &s->cd);
    sb_ste_write(&e->sb, &e->st, SID, &s->ste);
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
    return g_test_run();
}
