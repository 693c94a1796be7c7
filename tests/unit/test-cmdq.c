/*
 * arm-smmuv3-pm unit tests: the command queue (cmdq/cmdq.c)
 *
 * Every command's validation (CERROR_ILL for what the SMMU's ID registers
 * exclude or the spec reserves, CERROR_ABT for a fetch abort,
 * CERROR_ATC_INV_SYNC), CONS.ERR and GERROR.CMDQ_ERR, the restart after
 * GERRORN, the effect of each invalidation (a stale translation survives
 * until the right command, and only that one, removes it), CMD_SYNC
 * completion (SIG_NONE, SIG_IRQ as MSI or wired, SIG_SEV), the budget of
 * smmu_pm_cmdq_process() and the wrap of the queue.  Commands come from
 * the builder (tests/common), reserved encodings are set by their spec
 * bit positions (IHI 0070, 4.x).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "spec.h"

static const SbPte pte_rw = { .af = true, .ap = 1, .sh = 3 };
static const SbPte pte_ng = { .af = true, .ap = 1, .sh = 3, .ng = true };
static const SbPte s2pte_rw = { .af = true, .s2ap = 3, .sh = 3,
                                .memattr = 0xf };

static void cfg_with(SmmuPmConfig *cfg, const char *stage, int ats, int pri,
                     const char *stall, const char *granules)
{
    SmmuPmUserConfig user;
    char *err = NULL;

    smmu_pm_user_config_init(&user);
    user.stage = stage;
    user.ats = ats;
    user.pri = pri;
    user.stall_model = stall;
    user.granules = granules;
    if (!smmu_pm_config_resolve(&user, cfg, &err)) {
        g_error("config: %s", err);
    }
}

static uint32_t cons(Env *e)
{
    return env_rd(e, A_CMDQ_CONS);
}

static uint32_t gerror_active(Env *e)
{
    return env_rd(e, A_GERROR) ^ env_rd(e, A_GERRORN);
}

/* ---- Validation ---------------------------------------------------------- */

typedef struct IllCase {
    const char *name;
    const char *stage;          /* NULL: nested */
    int ats, pri;
    const char *stall;
    const char *granules;
    void (*make)(uint64_t c[2]);
    unsigned err;               /* expected CONS.ERR */
} IllCase;

static void mk_ssec(uint64_t c[2])
{
    sb_cmd_tlbi_nsnh_all(c);
    c[0] |= 1ULL << 10;                         /* SSec */
}

static void mk_unknown(uint64_t c[2])
{
    c[0] = 0x7f;
    c[1] = 0;
}

static void mk_el3_all(uint64_t c[2])
{
    c[0] = 0x18;                                /* CMD_TLBI_EL3_ALL */
    c[1] = 0;
}

static void mk_el3_va(uint64_t c[2])
{
    c[0] = 0x1a;                                /* CMD_TLBI_EL3_VA */
    c[1] = 0x1000;
}

static void mk_sync_cs3(uint64_t c[2])
{
    sb_cmd_sync(c, 0, 0, 0, 0, 0);
    c[0] |= 3ULL << 12;                         /* CS 0b11 */
}

static void mk_pri_resp3(uint64_t c[2])
{
    sb_cmd_pri_resp(c, 1, false, 0, 5, 0);
    c[1] |= 3ULL << 12;                         /* Resp [77:76] = 0b11 */
}

static void mk_pri_resp(uint64_t c[2])
{
    sb_cmd_pri_resp(c, 1, false, 0, 5, 2);
}

static void mk_cfgi_cd(uint64_t c[2])
{
    sb_cmd_cfgi_cd(c, 1, 0, true);
}

static void mk_cfgi_cd_all(uint64_t c[2])
{
    sb_cmd_cfgi_cd_all(c, 1);
}

static void mk_nh_all(uint64_t c[2])
{
    sb_cmd_tlbi_nh_all(c, 0);
}

static void mk_nh_va(uint64_t c[2])
{
    SbTlbiAddr a = { .addr = 0x1000 };

    sb_cmd_tlbi_nh_va(c, 0, 1, &a);
}

static void mk_el2_all(uint64_t c[2])
{
    sb_cmd_tlbi_el2_all(c);
}

static void mk_el2_asid(uint64_t c[2])
{
    sb_cmd_tlbi_el2_asid(c, 1);
}

static void mk_s2_ipa(uint64_t c[2])
{
    SbTlbiAddr a = { .addr = 0x1000 };

    sb_cmd_tlbi_s2_ipa(c, 1, &a);
}

static void mk_s12_vmall(uint64_t c[2])
{
    sb_cmd_tlbi_s12_vmall(c, 1);
}

static void mk_atc_inv(uint64_t c[2])
{
    sb_cmd_atc_inv(c, 1, false, 0, 0x1000, 0, false);
}

static void mk_resume(uint64_t c[2])
{
    sb_cmd_resume(c, 1, 7, true, false);
}

static void mk_stall_term(uint64_t c[2])
{
    sb_cmd_stall_term(c, 1);
}

/* TG 0b10 (16KB) on an SMMU with the 4KB granule only */
static void mk_tg16k(uint64_t c[2])
{
    SbTlbiAddr a = { .addr = 0x4000, .tg = 2, .num = 1 };

    sb_cmd_tlbi_nh_va(c, 0, 1, &a);
}

/* TTL 0b01 (level 1) is reserved with the 16KB and 64KB granules */
static void mk_ttl1_16k(uint64_t c[2])
{
    SbTlbiAddr a = { .addr = 0x4000, .tg = 2, .ttl = 1, .num = 1 };

    sb_cmd_tlbi_nh_vaa(c, 0, &a);
}

static void mk_ttl1_4k(uint64_t c[2])
{
    SbTlbiAddr a = { .addr = 0x40000000, .tg = 1, .ttl = 1 };

    sb_cmd_tlbi_el2_va(c, 3, &a);
}

static void mk_prefetch(uint64_t c[2])
{
    sb_cmd_prefetch_addr(c, 1, true, 4, 0x10000, 2, 0);
}

static const IllCase ill_cases[] = {
    { "ssec", NULL, 0, 0, NULL, NULL, mk_ssec, SPEC_CERROR_ILL },
    { "unknown-opcode", NULL, 0, 0, NULL, NULL, mk_unknown,
      SPEC_CERROR_ILL },
    { "el3-all", NULL, 0, 0, NULL, NULL, mk_el3_all, SPEC_CERROR_ILL },
    { "el3-va", NULL, 0, 0, NULL, NULL, mk_el3_va, SPEC_CERROR_ILL },
    { "sync-cs-reserved", NULL, 0, 0, NULL, NULL, mk_sync_cs3,
      SPEC_CERROR_ILL },
    { "pri-resp-no-pri", NULL, 0, 0, NULL, NULL, mk_pri_resp,
      SPEC_CERROR_ILL },
    { "pri-resp-reserved", NULL, 1, 1, NULL, NULL, mk_pri_resp3,
      SPEC_CERROR_ILL },
    { "pri-resp", NULL, 1, 1, NULL, NULL, mk_pri_resp, SPEC_CERROR_NONE },
    { "cfgi-cd-s2-only", "s2", 0, 0, NULL, NULL, mk_cfgi_cd,
      SPEC_CERROR_ILL },
    { "cfgi-cd-all-s2-only", "s2", 0, 0, NULL, NULL, mk_cfgi_cd_all,
      SPEC_CERROR_ILL },
    { "tlbi-nh-all-s2-only", "s2", 0, 0, NULL, NULL, mk_nh_all,
      SPEC_CERROR_ILL },
    { "tlbi-nh-va-s2-only", "s2", 0, 0, NULL, NULL, mk_nh_va,
      SPEC_CERROR_ILL },
    { "tlbi-el2-all-no-hyp", "s2", 0, 0, NULL, NULL, mk_el2_all,
      SPEC_CERROR_ILL },
    { "tlbi-el2-asid-no-hyp", "s2", 0, 0, NULL, NULL, mk_el2_asid,
      SPEC_CERROR_ILL },
    { "tlbi-s2-ipa-s1-only", "s1", 0, 0, NULL, NULL, mk_s2_ipa,
      SPEC_CERROR_ILL },
    { "tlbi-s12-vmall-s1-only", "s1", 0, 0, NULL, NULL, mk_s12_vmall,
      SPEC_CERROR_ILL },
    { "atc-inv-no-ats", NULL, 0, 0, NULL, NULL, mk_atc_inv,
      SPEC_CERROR_ILL },
    { "resume-no-stall", NULL, 0, 0, "none", NULL, mk_resume,
      SPEC_CERROR_ILL },
    { "stall-term-no-stall", NULL, 0, 0, "none", NULL, mk_stall_term,
      SPEC_CERROR_ILL },
    { "resume-no-such-stag", NULL, 0, 0, "stall", NULL, mk_resume,
      SPEC_CERROR_NONE },
    { "stall-term", NULL, 0, 0, "stall", NULL, mk_stall_term,
      SPEC_CERROR_NONE },
    { "tg-unsupported", NULL, 0, 0, NULL, "4k", mk_tg16k, SPEC_CERROR_ILL },
    { "ttl1-16k", NULL, 0, 0, NULL, NULL, mk_ttl1_16k, SPEC_CERROR_ILL },
    { "ttl1-4k", NULL, 0, 0, NULL, NULL, mk_ttl1_4k, SPEC_CERROR_NONE },
    { "prefetch", NULL, 0, 0, NULL, NULL, mk_prefetch, SPEC_CERROR_NONE },
    { "cfgi-cd", NULL, 0, 0, NULL, NULL, mk_cfgi_cd, SPEC_CERROR_NONE },
    { "tlbi-el2-all", NULL, 0, 0, NULL, NULL, mk_el2_all,
      SPEC_CERROR_NONE },
};

/*
 * One command after the two of env_enable (CONS 2): an error leaves CONS
 * on it with CONS.ERR set and GERROR.CMDQ_ERR active; a legal one moves
 * CONS to 3 with ERR 0.
 */
static void test_validation(const void *p)
{
    const IllCase *k = p;
    SmmuPmConfig cfg;
    uint64_t c[2];
    Env e;

    cfg_with(&cfg, k->stage ? k->stage : "nested", k->ats, k->pri, k->stall,
             k->granules);
    env_init(&e, &cfg);
    env_enable(&e, sb_strtab_linear(&e.sb, 8));
    g_assert_cmphex(cons(&e), ==, 2);
    k->make(c);
    env_cmd_push(&e, c);
    g_assert_cmpuint(SPEC_CONS_ERR(cons(&e)), ==, k->err);
    if (k->err) {
        g_assert_cmphex(cons(&e) & 0xfffff, ==, 2);
        g_assert_cmphex(gerror_active(&e), ==, SPEC_GERROR_CMDQ_ERR);
        g_assert_cmpuint(e.core.stats.cmd_errors, ==, 1);
        g_assert_cmpuint(fake_host_count_logs(&e.host,
                                              SMMU_PM_LOG_GUEST_ERROR), ==, 1);
    } else {
        g_assert_cmphex(cons(&e), ==, 3);
        g_assert_cmphex(gerror_active(&e), ==, 0);
    }
    env_free(&e);
}

/*
 * CONS.ERR stops the queue: later commands wait.  GERRORN acknowledges;
 * the queue restarts at the command CONS points to (replaced by software
 * with a legal one), ERR stays as a record until then (4.8).
 */
static void test_error_restart(void)
{
    uint64_t bad[2], c[2];
    Env e;

    env_init(&e, NULL);
    env_enable(&e, sb_strtab_linear(&e.sb, 8));
    mk_unknown(bad);
    env_cmd_push(&e, bad);
    sb_cmd_sync(c, SB_SYNC_CS_IRQ, 0, 0, 0, 0);
    env_cmd_push(&e, c);
    env_cmd_push(&e, c);
    /* stopped at the bad command: the syncs were not run */
    g_assert_cmphex(cons(&e), ==, 2 | SPEC_CERROR_ILL << 24);
    g_assert_cmpuint(e.host.irq_pulses[SMMU_PM_IRQ_CMD_SYNC], ==, 0);
    /* CMDQ_PROD writes while stopped do nothing either */
    env_wr(&e, A_CMDQ_PROD, e.cmdq_prod, 4);
    g_assert_cmphex(cons(&e) & 0xfffff, ==, 2);
    /* fix it and acknowledge: three commands consumed */
    sb_cmd_tlbi_nsnh_all(c);
    sb_write_words(&e.sb, e.cmdq + 2 * 16, c, 2);
    env_wr(&e, A_GERRORN, env_rd(&e, A_GERROR), 4);
    g_assert_cmphex(gerror_active(&e), ==, 0);
    g_assert_cmphex(cons(&e) & 0xfffff, ==, 5);
    g_assert_cmpuint(e.host.irq_pulses[SMMU_PM_IRQ_CMD_SYNC], ==, 2);
    env_free(&e);
}

/* A command fetch that aborts: CERROR_ABT */
static void test_fetch_abort(void)
{
    Env e;

    env_init(&e, NULL);
    env_wr(&e, A_CMDQ_BASE, 0x10000000ULL | 4, 8);      /* no memory */
    env_wr(&e, A_CR0, SPEC_CR0_CMDQEN, 4);
    env_wr(&e, A_CMDQ_PROD, 3, 4);
    g_assert_cmphex(env_rd(&e, A_CMDQ_CONS), ==,
                    (uint32_t)SPEC_CERROR_ABT << 24);
    g_assert_cmphex(gerror_active(&e), ==, SPEC_GERROR_CMDQ_ERR);
    env_free(&e);
}

/* ---- ATS ----------------------------------------------------------------- */

typedef struct AtcRec {
    unsigned calls;
    bool answer;
    uint32_t sid, ssid;
    bool ssv;
    uint64_t addr;
    unsigned size;
} AtcRec;

static AtcRec atc;

static bool atc_inv(void *o, uint32_t sid, bool ssv, uint32_t ssid,
                    uint64_t addr, unsigned size)
{
    atc.calls++;
    atc.sid = sid;
    atc.ssv = ssv;
    atc.ssid = ssid;
    atc.addr = addr;
    atc.size = size;
    return atc.answer;
}

static void test_atc_inv_sync(void)
{
    SmmuPmConfig cfg;
    uint64_t c[2];
    Env e;

    cfg_with(&cfg, "nested", 1, 0, NULL, NULL);
    env_init(&e, &cfg);
    e.ops.atc_invalidate = atc_inv;
    env_enable(&e, sb_strtab_linear(&e.sb, 8));
    memset(&atc, 0, sizeof(atc));
    atc.answer = true;
    sb_cmd_atc_inv(c, 0x33, true, 0x456, 0xabcd000, 4, false);
    env_cmd_push(&e, c);
    g_assert_cmpuint(atc.calls, ==, 1);
    g_assert_cmphex(atc.sid, ==, 0x33);
    g_assert_true(atc.ssv);
    g_assert_cmphex(atc.ssid, ==, 0x456);
    g_assert_cmphex(atc.addr, ==, 0xabcd000);
    g_assert_cmpuint(atc.size, ==, 4);
    sb_cmd_sync(c, SB_SYNC_CS_NONE, 0, 0, 0, 0);
    env_cmd_push(&e, c);
    g_assert_cmphex(cons(&e), ==, 4);

    /* no endpoint answers: the next CMD_SYNC fails, not the ATC_INV */
    atc.answer = false;
    sb_cmd_atc_inv(c, 0x33, false, 0, 0x1000, 0, false);
    env_cmd_push(&e, c);
    g_assert_cmphex(cons(&e), ==, 5);
    sb_cmd_sync(c, SB_SYNC_CS_IRQ, 0, 0, 0, 0);
    env_cmd_push(&e, c);
    g_assert_cmphex(cons(&e), ==, 5 | SPEC_CERROR_ATC_INV_SYNC << 24);
    g_assert_cmphex(gerror_active(&e), ==, SPEC_GERROR_CMDQ_ERR);
    g_assert_cmpuint(e.host.irq_pulses[SMMU_PM_IRQ_CMD_SYNC], ==, 0);
    /* software repeats the CMD_SYNC: it completes */
    env_wr(&e, A_GERRORN, env_rd(&e, A_GERROR), 4);
    g_assert_cmphex(cons(&e) & 0xfffff, ==, 6);
    g_assert_cmpuint(e.host.irq_pulses[SMMU_PM_IRQ_CMD_SYNC], ==, 1);
    env_free(&e);
}

/* ---- CMD_SYNC ------------------------------------------------------------ */

static void test_sync_completion(void)
{
    SmmuPmConfig cfg;
    uint64_t c[2];
    Env e;

    env_init(&e, NULL);
    env_enable(&e, sb_strtab_linear(&e.sb, 8));
    /* SIG_NONE: no interrupt of any kind */
    sb_cmd_sync(c, SB_SYNC_CS_NONE, 3, 0xf, 0x1234, 0x40002000);
    env_cmd_push(&e, c);
    g_assert_cmpuint(e.host.msis->len, ==, 0);
    g_assert_cmpuint(e.host.irq_pulses[SMMU_PM_IRQ_CMD_SYNC], ==, 0);
    /* SIG_IRQ with an MSI address: one write of MSIData */
    sb_cmd_sync(c, SB_SYNC_CS_IRQ, 2, 0x5, 0xdeadbeef, 0x40002004);
    env_cmd_push(&e, c);
    g_assert_cmpuint(e.host.msis->len, ==, 1);
    g_assert_cmphex(fake_host_msi_at(&e.host, 0)->addr, ==, 0x40002004);
    g_assert_cmphex(fake_host_msi_at(&e.host, 0)->data, ==, 0xdeadbeef);
    /* as SMMU_*_IRQ_CFG2: MemAttr [3:0], SH [5:4] */
    g_assert_cmphex(fake_host_msi_at(&e.host, 0)->attr, ==, 0x5 | 2 << 4);
    g_assert_cmpuint(e.host.irq_pulses[SMMU_PM_IRQ_CMD_SYNC], ==, 0);
    /* SIG_SEV: no interrupt, no MSI */
    sb_cmd_sync(c, SB_SYNC_CS_SEV, 0, 0, 1, 0x40002008);
    env_cmd_push(&e, c);
    g_assert_cmpuint(e.host.msis->len, ==, 1);
    g_assert_cmpuint(e.host.irq_pulses[SMMU_PM_IRQ_CMD_SYNC], ==, 0);
    g_assert_cmpuint(e.core.stats.syncs, ==, 3);
    env_free(&e);

    /* without MSIs (IDR0.MSI 0) MSIAddress is ignored: the wired line */
    cfg_with(&cfg, "nested", 0, 0, NULL, NULL);
    cfg.msi = false;
    env_init(&e, &cfg);
    env_enable(&e, sb_strtab_linear(&e.sb, 8));
    sb_cmd_sync(c, SB_SYNC_CS_IRQ, 0, 0, 0x77, 0x40002000);
    env_cmd_push(&e, c);
    g_assert_cmpuint(e.host.msis->len, ==, 0);
    g_assert_cmpuint(e.host.irq_pulses[SMMU_PM_IRQ_CMD_SYNC], ==, 1);
    env_free(&e);
}

/* ---- Budget, enable, wrap ------------------------------------------------ */

static void test_budget(void)
{
    uint64_t c[2];
    Env e;

    env_init(&e, NULL);
    env_enable(&e, sb_strtab_linear(&e.sb, 8));
    sb_cmd_sync(c, SB_SYNC_CS_IRQ, 0, 0, 0, 0);
    for (int i = 0; i < 5; i++) {
        sb_queue_push(&e.sb, e.cmdq, ENV_CMDQ_LOG2, &e.cmdq_prod, c);
    }
    /* the PROD write alone consumes nothing: the host runs the queue */
    smmu_pm_mmio_write(&e.core, A_CMDQ_PROD, e.cmdq_prod, 4);
    g_assert_cmphex(cons(&e), ==, 2);
    g_assert_true(smmu_pm_cmdq_process(&e.core, 2));
    g_assert_cmphex(cons(&e), ==, 4);
    g_assert_cmpuint(e.host.irq_pulses[SMMU_PM_IRQ_CMD_SYNC], ==, 2);
    g_assert_true(smmu_pm_cmdq_process(&e.core, 2));
    g_assert_cmphex(cons(&e), ==, 6);
    /* the last one: nothing remains */
    g_assert_false(smmu_pm_cmdq_process(&e.core, 2));
    g_assert_cmphex(cons(&e), ==, 7);
    g_assert_false(smmu_pm_cmdq_process(&e.core, 0));
    g_assert_cmpuint(e.host.irq_pulses[SMMU_PM_IRQ_CMD_SYNC], ==, 5);

    /* CMDQEN 0: nothing is consumed */
    env_wr(&e, A_CR0, SPEC_CR0_SMMUEN | SPEC_CR0_EVENTQEN, 4);
    sb_queue_push(&e.sb, e.cmdq, ENV_CMDQ_LOG2, &e.cmdq_prod, c);
    env_wr(&e, A_CMDQ_PROD, e.cmdq_prod, 4);
    g_assert_false(smmu_pm_cmdq_process(&e.core, 0));
    g_assert_cmphex(cons(&e), ==, 7);
    /* enabling it consumes what is there */
    env_wr(&e, A_CR0, SPEC_CR0_SMMUEN | SPEC_CR0_EVENTQEN | SPEC_CR0_CMDQEN,
           4);
    g_assert_cmphex(cons(&e), ==, 8);
    env_free(&e);
}

/*
 * smmu_pm_core_run() is bounded: a PROD jump over 3 budgets and 5 more
 * commands takes four runs, each asking the host for the next (kick),
 * the last one not (issue 15: no unbounded work per register write)
 */
static void test_run_bounded(void)
{
    const unsigned log2 = 12, total = 3 * SMMU_PM_RUN_BUDGET + 5;
    uint64_t c[2], q;
    uint32_t prod = 0;
    unsigned kicks;
    Env e;

    env_init(&e, NULL);
    env_enable(&e, sb_strtab_linear(&e.sb, 8));
    g_assert_cmpuint(total, <, 1u << log2);
    /* a bigger queue in place of env's: CMDQEN off while it moves */
    env_wr(&e, A_CR0, SPEC_CR0_SMMUEN | SPEC_CR0_EVENTQEN, 4);
    q = sb_queue_alloc(&e.sb, log2, 16);
    env_wr(&e, A_CMDQ_BASE, sb_queue_base_reg(q, log2, false), 8);
    env_wr(&e, A_CMDQ_PROD, 0, 4);
    env_wr(&e, A_CMDQ_CONS, 0, 4);
    env_wr(&e, A_CR0, SPEC_CR0_SMMUEN | SPEC_CR0_EVENTQEN | SPEC_CR0_CMDQEN,
           4);
    sb_cmd_sync(c, SB_SYNC_CS_NONE, 0, 0, 0, 0);
    for (unsigned i = 0; i < total; i++) {
        sb_queue_push(&e.sb, q, log2, &prod, c);
    }
    smmu_pm_mmio_write(&e.core, A_CMDQ_PROD, prod, 4);
    kicks = e.host.kicks;
    g_assert_cmpuint(kicks, >, 0);
    for (unsigned run = 1; run <= 3; run++) {
        smmu_pm_core_run(&e.core);
        g_assert_cmphex(cons(&e), ==, run * SMMU_PM_RUN_BUDGET);
        g_assert_cmpuint(e.host.kicks, ==, kicks + run);
    }
    smmu_pm_core_run(&e.core);
    g_assert_cmphex(cons(&e), ==, total);
    g_assert_cmpuint(e.host.kicks, ==, kicks + 3);
    g_assert_cmpuint(e.core.stats.syncs, >=, total);
    env_free(&e);
}

/* Past the end of a 16-entry queue: CONS wraps, its wrap bit [4] flips */
static void test_wrap(void)
{
    uint64_t c[2];
    uint32_t prod = 0;
    uint64_t q;
    Env e;

    env_init(&e, NULL);
    q = sb_queue_alloc(&e.sb, 4, 16);
    env_wr(&e, A_CMDQ_BASE, sb_queue_base_reg(q, 4, false), 8);
    env_wr(&e, A_CR0, SPEC_CR0_CMDQEN, 4);
    sb_cmd_sync(c, SB_SYNC_CS_IRQ, 0, 0, 0, 0);
    for (int i = 0; i < 40; i++) {
        sb_queue_push(&e.sb, q, 4, &prod, c);
        if (i % 3 == 2 || i == 39) {
            env_wr(&e, A_CMDQ_PROD, prod, 4);
            g_assert_cmphex(env_rd(&e, A_CMDQ_CONS), ==, prod);
        }
    }
    /* 40 = 2 * 16 + 8: index 8, wrap 0 */
    g_assert_cmphex(env_rd(&e, A_CMDQ_CONS), ==, 8);
    g_assert_cmpuint(e.host.irq_pulses[SMMU_PM_IRQ_CMD_SYNC], ==, 40);
    /* 12 more in one go, crossing the end: index 4, wrap 1 */
    for (int i = 0; i < 12; i++) {
        sb_queue_push(&e.sb, q, 4, &prod, c);
    }
    env_wr(&e, A_CMDQ_PROD, prod, 4);
    g_assert_cmphex(env_rd(&e, A_CMDQ_CONS), ==, 4 | 1u << 4);
    env_free(&e);
}

/* ---- Invalidation effects ------------------------------------------------ */

/*
 * Two stage-1 streams whose mappings the test changes in memory: the TLB
 * keeps the old output until an invalidation that covers it.  Stream 1
 * (ASID 0x11) maps 4 pages at VA_A non-global (nG 1), stream 2 (ASID
 * 0x22) 4 pages at VA_B global: a TLBI by VA matches global entries
 * whatever its ASID, a TLBI by ASID spares them (4.4.2, 4.4.3).
 */
typedef struct Fix {
    Env e;
    SbPgtable *pt[2];
    SbCdtab cdtab[2];
    SbCd cd[2];
    unsigned mapped[2];         /* pages of VA_A.. already mapped */
} Fix;

#define VA_A    0x100000ULL
#define VA_B    (VA_A + 0x10000)       /* stream 2's pages */
#define PA_OLD  0x10000000ULL
#define PA_NEW  0x20000000ULL

static void fix_stream(Fix *f, unsigned i, uint32_t sid, uint16_t asid,
                       unsigned strw)
{
    SbSte ste = { .v = true, .config = SB_STE_CFG_S1, .strw = strw };

    f->pt[i] = sb_pgt_new(&f->e.sb, 1, 12, 16, -1, 1, false);
    f->cd[i] = (SbCd) { .v = true, .aa64 = true, .r = true, .a = true,
                        .ips = 5, .epd1 = true, .asid = asid };
    sb_pgt_fill_cd(f->pt[i], &f->cd[i]);
    f->cdtab[i] = sb_cdtab_linear(&f->e.sb, 0);
    sb_cd_write(&f->e.sb, &f->cdtab[i], 0, &f->cd[i]);
    sb_ste_set_cdtab(&ste, &f->cdtab[i]);
    sb_ste_write(&f->e.sb, &f->e.st, sid, &ste);
}

static void fix_map(Fix *f, unsigned i, uint64_t va, uint64_t pa)
{
    if (f->mapped[i] & (1u << ((va - VA_A) >> 12))) {
        sb_pgt_unmap(f->pt[i], va, 0x1000);
    }
    f->mapped[i] |= 1u << ((va - VA_A) >> 12);
    g_assert_true(sb_pgt_map(f->pt[i], va, pa, 0x1000,
                             i == 0 ? &pte_ng : &pte_rw));
}

static uint64_t out(Fix *f, uint32_t sid, uint64_t va)
{
    SmmuPmTxnResult r = env_translate(&f->e, sid, 0, false, va, false);

    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_OK);
    return r.addr;
}

static void cmd(Fix *f, void (*make)(uint64_t *, const void *),
                const void *arg)
{
    uint64_t c[2];

    make(c, arg);
    env_cmd_push(&f->e, c);
    g_assert_cmpuint(SPEC_CONS_ERR(cons(&f->e)), ==, 0);
}

static void fix_init(Fix *f)
{
    memset(f, 0, sizeof(*f));
    env_init(&f->e, NULL);
    env_enable(&f->e, sb_strtab_linear(&f->e.sb, 8));
    fix_stream(f, 0, 1, 0x11, 0);
    fix_stream(f, 1, 2, 0x22, 0);
    for (unsigned i = 0; i < 2; i++) {
        for (unsigned p = 0; p < 4; p++) {
            fix_map(f, i, VA_A + i * 0x10000 + p * 0x1000,
                    PA_OLD + p * 0x1000);
        }
    }
    /* fill the TLB, then change every mapping in memory */
    for (unsigned i = 0; i < 2; i++) {
        for (unsigned p = 0; p < 4; p++) {
            uint64_t va = VA_A + i * 0x10000 + p * 0x1000;

            g_assert_cmphex(out(f, 1 + i, va), ==, PA_OLD + p * 0x1000);
            fix_map(f, i, va, PA_NEW + p * 0x1000);
        }
    }
}

static void fix_free(Fix *f)
{
    sb_pgt_free(f->pt[0]);
    sb_pgt_free(f->pt[1]);
    env_free(&f->e);
}

/* Which of the 2 x 4 pages now translate to the new PA: a bit mask */
static unsigned fresh(Fix *f)
{
    unsigned m = 0;

    for (unsigned i = 0; i < 2; i++) {
        for (unsigned p = 0; p < 4; p++) {
            uint64_t o = out(f, 1 + i, VA_A + i * 0x10000 + p * 0x1000);

            g_assert_true(o == PA_OLD + p * 0x1000 ||
                          o == PA_NEW + p * 0x1000);
            m |= (o >= PA_NEW) << (i * 4 + p);
        }
    }
    return m;
}

typedef struct TlbiCase {
    const char *name;
    uint8_t op;
    uint16_t vmid, asid;
    SbTlbiAddr a;
    unsigned expect;            /* bit 4 * stream + page */
} TlbiCase;

static void make_tlbi(uint64_t *c, const void *arg)
{
    const TlbiCase *k = arg;

    switch (k->op) {
    case SB_CMD_TLBI_NH_ALL:
        sb_cmd_tlbi_nh_all(c, k->vmid);
        break;
    case SB_CMD_TLBI_NH_ASID:
        sb_cmd_tlbi_nh_asid(c, k->vmid, k->asid);
        break;
    case SB_CMD_TLBI_NH_VA:
        sb_cmd_tlbi_nh_va(c, k->vmid, k->asid, &k->a);
        break;
    case SB_CMD_TLBI_NH_VAA:
        sb_cmd_tlbi_nh_vaa(c, k->vmid, &k->a);
        break;
    case SB_CMD_TLBI_NSNH_ALL:
        sb_cmd_tlbi_nsnh_all(c);
        break;
    case SB_CMD_TLBI_EL2_ALL:
        sb_cmd_tlbi_el2_all(c);
        break;
    case SB_CMD_TLBI_S12_VMALL:
        sb_cmd_tlbi_s12_vmall(c, k->vmid);
        break;
    default:
        g_assert_not_reached();
    }
}

static const TlbiCase tlbi_cases[] = {
    { "nh-va", SB_CMD_TLBI_NH_VA, 0, 0x11, { .addr = VA_A + 0x1000 },
      1u << 1 },
    { "nh-va-global", SB_CMD_TLBI_NH_VA, 0, 0x33, { .addr = VA_B + 0x1000 },
      1u << 5 },
    { "nh-va-other-asid", SB_CMD_TLBI_NH_VA, 0, 0x33,
      { .addr = VA_A + 0x1000 }, 0 },
    { "nh-va-other-vmid", SB_CMD_TLBI_NH_VA, 4, 0x11,
      { .addr = VA_A + 0x1000 }, 0 },
    /* range: (NUM + 1) << SCALE = 2 pages of 4KB from VA_B + 4K */
    { "nh-va-range", SB_CMD_TLBI_NH_VA, 0, 0x22,
      { .addr = VA_B + 0x1000, .tg = 1, .num = 1, .ttl = 3 }, 3u << 5 },
    { "nh-va-range-scale", SB_CMD_TLBI_NH_VA, 0, 0x11,
      { .addr = VA_A, .tg = 1, .num = 0, .scale = 2 }, 0xf },
    { "nh-vaa", SB_CMD_TLBI_NH_VAA, 0, 0, { .addr = VA_A + 0x3000 },
      1u << 3 },
    { "nh-asid", SB_CMD_TLBI_NH_ASID, 0, 0x11, { 0 }, 0x0f },
    { "nh-asid-spares-global", SB_CMD_TLBI_NH_ASID, 0, 0x22, { 0 }, 0 },
    { "nh-all", SB_CMD_TLBI_NH_ALL, 0, 0, { 0 }, 0xff },
    { "nh-all-other-vmid", SB_CMD_TLBI_NH_ALL, 9, 0, { 0 }, 0 },
    { "nsnh-all", SB_CMD_TLBI_NSNH_ALL, 0, 0, { 0 }, 0xff },
    { "el2-all", SB_CMD_TLBI_EL2_ALL, 0, 0, { 0 }, 0 },
    { "s12-vmall", SB_CMD_TLBI_S12_VMALL, 0, 0, { 0 }, 0xff },
    { "s12-vmall-other-vmid", SB_CMD_TLBI_S12_VMALL, 3, 0, { 0 }, 0 },
};

static void test_tlbi(const void *p)
{
    const TlbiCase *k = p;
    Fix f;

    fix_init(&f);
    g_assert_cmphex(fresh(&f), ==, 0);
    cmd(&f, make_tlbi, k);
    g_assert_cmphex(fresh(&f), ==, k->expect);
    fix_free(&f);
}

/* EL2 streams (STRW 0b10, no E2H): only TLBI_EL2_* reach their entries */
static void test_tlbi_el2(void)
{
    SbTlbiAddr a = { .addr = VA_A };
    uint64_t c[2];
    Fix f;

    memset(&f, 0, sizeof(f));
    env_init(&f.e, NULL);
    env_enable(&f.e, sb_strtab_linear(&f.e.sb, 8));
    fix_stream(&f, 0, 1, 0, 2);
    fix_map(&f, 0, VA_A, PA_OLD);
    fix_map(&f, 0, VA_A + 0x1000, PA_OLD + 0x1000);
    g_assert_cmphex(out(&f, 1, VA_A), ==, PA_OLD);
    g_assert_cmphex(out(&f, 1, VA_A + 0x1000), ==, PA_OLD + 0x1000);
    fix_map(&f, 0, VA_A, PA_NEW);
    fix_map(&f, 0, VA_A + 0x1000, PA_NEW + 0x1000);
    sb_cmd_tlbi_nsnh_all(c);
    env_cmd_push(&f.e, c);
    sb_cmd_tlbi_el2_asid(c, 0);             /* EL2 has no ASIDs: no effect */
    env_cmd_push(&f.e, c);
    g_assert_cmphex(out(&f, 1, VA_A), ==, PA_OLD);
    sb_cmd_tlbi_el2_va(c, 0x55, &a);        /* ASID ignored for EL2 */
    env_cmd_push(&f.e, c);
    g_assert_cmphex(out(&f, 1, VA_A), ==, PA_NEW);
    g_assert_cmphex(out(&f, 1, VA_A + 0x1000), ==, PA_OLD + 0x1000);
    a.addr = VA_A + 0x1000;
    sb_cmd_tlbi_el2_vaa(c, &a);
    env_cmd_push(&f.e, c);
    g_assert_cmphex(out(&f, 1, VA_A + 0x1000), ==, PA_NEW + 0x1000);
    fix_map(&f, 0, VA_A, PA_OLD);
    sb_cmd_tlbi_el2_all(c);
    env_cmd_push(&f.e, c);
    g_assert_cmphex(out(&f, 1, VA_A), ==, PA_OLD);
    g_assert_cmpuint(SPEC_CONS_ERR(cons(&f.e)), ==, 0);
    sb_pgt_free(f.pt[0]);
    env_free(&f.e);
}

/* Stage-2-only streams: TLBI_S2_IPA by VMID and IPA, TLBI_S12_VMALL */
static void test_tlbi_s2(void)
{
    SbSte ste = { .v = true, .config = SB_STE_CFG_S2, .s2vmid = 5,
                  .s2ps = 5, .s2r = true };
    SbTlbiAddr a = { .addr = VA_A };
    SbPgtable *pt;
    uint64_t c[2];
    Fix f;

    env_init(&f.e, NULL);
    env_enable(&f.e, sb_strtab_linear(&f.e.sb, 8));
    pt = sb_pgt_new(&f.e.sb, 2, 12, 32, -1, 1, false);
    sb_pgt_fill_ste(pt, &ste);
    sb_ste_write(&f.e.sb, &f.e.st, 3, &ste);
    g_assert_true(sb_pgt_map(pt, VA_A, PA_OLD, 0x1000, &s2pte_rw));
    g_assert_true(sb_pgt_map(pt, VA_A + 0x1000, PA_OLD + 0x1000, 0x1000,
                             &s2pte_rw));
    g_assert_cmphex(out(&f, 3, VA_A), ==, PA_OLD);
    g_assert_cmphex(out(&f, 3, VA_A + 0x1000), ==, PA_OLD + 0x1000);
    sb_pgt_unmap(pt, VA_A, 0x1000);
    sb_pgt_unmap(pt, VA_A + 0x1000, 0x1000);
    g_assert_true(sb_pgt_map(pt, VA_A, PA_NEW, 0x1000, &s2pte_rw));
    g_assert_true(sb_pgt_map(pt, VA_A + 0x1000, PA_NEW + 0x1000, 0x1000,
                             &s2pte_rw));
    sb_cmd_tlbi_s2_ipa(c, 6, &a);           /* another VMID */
    env_cmd_push(&f.e, c);
    sb_cmd_tlbi_nh_all(c, 5);               /* stage 1 only */
    env_cmd_push(&f.e, c);
    g_assert_cmphex(out(&f, 3, VA_A), ==, PA_OLD);
    sb_cmd_tlbi_s2_ipa(c, 5, &a);
    env_cmd_push(&f.e, c);
    g_assert_cmphex(out(&f, 3, VA_A), ==, PA_NEW);
    g_assert_cmphex(out(&f, 3, VA_A + 0x1000), ==, PA_OLD + 0x1000);
    sb_cmd_tlbi_s12_vmall(c, 5);
    env_cmd_push(&f.e, c);
    g_assert_cmphex(out(&f, 3, VA_A + 0x1000), ==, PA_NEW + 0x1000);
    g_assert_cmpuint(SPEC_CONS_ERR(cons(&f.e)), ==, 0);
    sb_pgt_free(pt);
    env_free(&f.e);
}

/*
 * CFGI_*: an STE or CD changed in memory is used only after the command
 * that covers it.  STEs of streams 4..11 are bypass, then made abort.
 */
static void test_cfgi(void)
{
    SbSte byp = { .v = true, .config = SB_STE_CFG_BYPASS };
    SbSte abt = { .v = true, .config = SB_STE_CFG_ABORT };
    uint64_t c[2];
    unsigned mask;
    Env e;

#define STATUS(sid) (env_translate(&e, (sid), 0, false, 0x1000, \
                                   false).status)
#define ABORTED()                                                   \
    ({ unsigned m_ = 0;                                             \
       for (unsigned s_ = 4; s_ < 12; s_++) {                       \
           m_ |= (STATUS(s_) == SMMU_PM_TXN_ABORT) << (s_ - 4);     \
       }                                                            \
       m_; })

    env_init(&e, NULL);
    env_enable(&e, sb_strtab_linear(&e.sb, 8));
    for (unsigned s = 4; s < 12; s++) {
        sb_ste_write(&e.sb, &e.st, s, &byp);
    }
    g_assert_cmphex(ABORTED(), ==, 0);
    for (unsigned s = 4; s < 12; s++) {
        sb_ste_write(&e.sb, &e.st, s, &abt);
    }
    g_assert_cmphex(ABORTED(), ==, 0);          /* cached */
    sb_cmd_cfgi_ste(c, 5, true);
    env_cmd_push(&e, c);
    g_assert_cmphex(ABORTED(), ==, 1u << 1);
    /* Range 1: StreamIDs 8..11 (2^(Range+1) aligned) */
    sb_cmd_cfgi_ste_range(c, 9, 1);
    env_cmd_push(&e, c);
    g_assert_cmphex(ABORTED(), ==, 1u << 1 | 0xf0);
    /* CFGI_ALL (Range 31) */
    sb_cmd_cfgi_all(c);
    env_cmd_push(&e, c);
    mask = ABORTED();
    g_assert_cmphex(mask, ==, 0xff);
    g_assert_cmpuint(SPEC_CONS_ERR(cons(&e)), ==, 0);
    env_free(&e);
#undef STATUS
#undef ABORTED
}

/* CFGI_CD by SubstreamID, CFGI_CD_ALL, and CFGI_STE covering the CDs */
static void test_cfgi_cd(void)
{
    SbSte ste = { .v = true, .config = SB_STE_CFG_S1, .s1dss = 2 };
    SbPgtable *pt;
    SbCdtab t;
    SbCd cd = { .v = true, .aa64 = true, .r = true, .a = true, .ips = 5,
                .epd1 = true, .asid = 1 };
    uint64_t c[2];
    Env e;

#define ST(ssid) (env_translate(&e, 6, (ssid), true, VA_A, false).status)

    env_init(&e, NULL);
    env_enable(&e, sb_strtab_linear(&e.sb, 8));
    pt = sb_pgt_new(&e.sb, 1, 12, 16, -1, 1, false);
    g_assert_true(sb_pgt_map(pt, VA_A, PA_OLD, 0x1000, &pte_rw));
    sb_pgt_fill_cd(pt, &cd);
    t = sb_cdtab_linear(&e.sb, 2);
    for (unsigned i = 1; i < 4; i++) {
        cd.asid = i;
        sb_cd_write(&e.sb, &t, i, &cd);
    }
    sb_ste_set_cdtab(&ste, &t);
    sb_ste_write(&e.sb, &e.st, 6, &ste);
    for (unsigned i = 1; i < 4; i++) {
        g_assert_cmpint(ST(i), ==, SMMU_PM_TXN_OK);
    }
    /* CD.EPD0 = 1: a translation fault, once the CD is re-read */
    cd.epd0 = true;
    for (unsigned i = 1; i < 4; i++) {
        sb_cd_write(&e.sb, &t, i, &cd);
    }
    sb_cmd_cfgi_cd(c, 6, 2, true);
    env_cmd_push(&e, c);
    g_assert_cmpint(ST(1), ==, SMMU_PM_TXN_OK);
    g_assert_cmpint(ST(2), ==, SMMU_PM_TXN_ABORT);
    g_assert_cmpint(ST(3), ==, SMMU_PM_TXN_OK);
    sb_cmd_cfgi_cd(c, 7, 3, true);          /* another stream */
    env_cmd_push(&e, c);
    g_assert_cmpint(ST(3), ==, SMMU_PM_TXN_OK);
    sb_cmd_cfgi_cd_all(c, 6);
    env_cmd_push(&e, c);
    g_assert_cmpint(ST(1), ==, SMMU_PM_TXN_ABORT);
    g_assert_cmpint(ST(3), ==, SMMU_PM_TXN_ABORT);
    /* CFGI_STE drops the CDs found through the STE too */
    cd.epd0 = false;
    sb_cd_write(&e.sb, &t, 1, &cd);
    sb_cmd_cfgi_ste(c, 6, true);
    env_cmd_push(&e, c);
    g_assert_cmpint(ST(1), ==, SMMU_PM_TXN_OK);
    g_assert_cmpuint(SPEC_CONS_ERR(cons(&e)), ==, 0);
    sb_pgt_free(pt);
    env_free(&e);
#undef ST
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    for (unsigned i = 0; i < G_N_ELEMENTS(ill_cases); i++) {
        char *path = g_strdup_printf("/smmuv3-pm/cmdq/validate/%s",
                                     ill_cases[i].name);

        g_test_add_data_func(path, &ill_cases[i], test_validation);
        g_free(path);
    }
    for (unsigned i = 0; i < G_N_ELEMENTS(tlbi_cases); i++) {
        char *path = g_strdup_printf("/smmuv3-pm/cmdq/tlbi/%s",
                                     tlbi_cases[i].name);

        g_test_add_data_func(path, &tlbi_cases[i], test_tlbi);
        g_free(path);
    }
    g_test_add_func("/smmuv3-pm/cmdq/error-restart", test_error_restart);
    g_test_add_func("/smmuv3-pm/cmdq/fetch-abort", test_fetch_abort);
    g_test_add_func("/smmuv3-pm/cmdq/atc-inv-sync", test_atc_inv_sync);
    g_test_add_func("/smmuv3-pm/cmdq/sync-completion", test_sync_completion);
    g_test_add_func("/smmuv3-pm/cmdq/budget", test_budget);
    g_test_add_func("/smmuv3-pm/cmdq/run-bounded", test_run_bounded);
    g_test_add_func("/smmuv3-pm/cmdq/wrap", test_wrap);
    g_test_add_func("/smmuv3-pm/cmdq/tlbi-el2", test_tlbi_el2);
    g_test_add_func("/smmuv3-pm/cmdq/tlbi-s2", test_tlbi_s2);
    g_test_add_func("/smmuv3-pm/cmdq/cfgi", test_cfgi);
    g_test_add_func("/smmuv3-pm/cmdq/cfgi-cd", test_cfgi_cd);
    return g_test_run();
}
