/*
 * arm-smmuv3-pm unit tests: the Stall model
 *
 * Stalled transactions (Arm IHI 0070, 3.12.2): held with Stall == 1 and
 * a STAG in the event, released by CMD_RESUME, CMD_STALL_TERM, SMMUEN
 * going to 0 or power-off (with the PM checker's off-with-stalls), and
 * retried when their event could not be written.  The host's stall_done
 * calls are recorded to see exactly what each waiting master is told.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "engine-env.h"
#include "hw/arm/smmuv3-pm/core/cmdq/cmdq.h"
#include "hw/arm/smmuv3-pm/core/queues/event.h"
#include "hw/arm/smmuv3-pm/core/xlate/stall.h"

#define SID 0x18
#define SID_B 0x19

static const SbPte pte_rw = { .af = true, .ap = 1, .sh = 3 };

typedef struct Done {
    uint32_t sid;
    unsigned stag;
    SmmuPmStallOutcome outcome;
} Done;

typedef struct StallEnv {
    Env e;                      /* first: the host opaque is both */
    SbPgtable *pt;
    SbCd cd;
    SbCdtab cdtab;
    GArray *done;               /* of Done, in call order */
} StallEnv;

static void stall_done(void *opaque, uint32_t sid, unsigned stag,
                       SmmuPmStallOutcome outcome)
{
    StallEnv *s = opaque;
    Done d = { sid, stag, outcome };

    g_array_append_val(s->done, d);
}

/*
 * A core that supports stalls (@model "stall" or "force"), SMMUEN=1, and
 * StreamIDs SID and SID_B on one stage-1 CD with CD.S = @cd_s
 */
static void senv_init(StallEnv *s, const char *model, bool cd_s)
{
    SmmuPmUserConfig user;
    SmmuPmConfig cfg;
    char *err = NULL;
    SbSte ste = { .v = true, .config = SB_STE_CFG_S1 };

    smmu_pm_user_config_init(&user);
    user.stall_model = model;
    g_assert_true(smmu_pm_config_resolve(&user, &cfg, &err));
    env_init(&s->e, &cfg);
    /* The core calls through e.ops, with &s->e (== s) as opaque */
    s->e.ops.stall_done = stall_done;
    s->done = g_array_new(FALSE, TRUE, sizeof(Done));
    env_enable(&s->e, sb_strtab_linear(&s->e.sb, 8));
    s->pt = sb_pgt_new(&s->e.sb, 1, 12, 16, -1, 1, false);
    s->cd = (SbCd) { .v = true, .aa64 = true, .r = true, .a = true,
                     .s = cd_s, .ips = 5, .epd1 = true, .asid = 1,
                     .t0sz = 16 };
    sb_pgt_fill_cd(s->pt, &s->cd);
    s->cdtab = sb_cdtab_linear(&s->e.sb, 0);
    sb_cd_write(&s->e.sb, &s->cdtab, 0, &s->cd);
    sb_ste_set_cdtab(&ste, &s->cdtab);
    sb_ste_write(&s->e.sb, &s->e.st, SID, &ste);
    sb_ste_write(&s->e.sb, &s->e.st, SID_B, &ste);
}

static void senv_free(StallEnv *s)
{
    sb_pgt_free(s->pt);
    g_array_unref(s->done);
    env_free(&s->e);
}

static SmmuPmTxnResult txn(StallEnv *s, uint32_t sid, uint64_t addr,
                           bool write, bool can_stall)
{
    SmmuPmTxn t = { .sid = sid, .addr = addr, .write = write,
                    .can_stall = can_stall };
    SmmuPmTxnResult r;

    smmu_pm_translate(&s->e.core, &t, &r);
    return r;
}

static void cmd(StallEnv *s, const uint64_t c[2])
{
    env_cmd_push(&s->e, c);
}

static void resume(StallEnv *s, uint32_t sid, unsigned stag, bool retry,
                   bool abort)
{
    uint64_t c[2];

    sb_cmd_resume(c, sid, stag, retry, abort);
    cmd(s, c);
}

static const Done *done_at(StallEnv *s, unsigned i)
{
    g_assert_cmpuint(i, <, s->done->len);
    return &g_array_index(s->done, Done, i);
}

/* A stall: Stall == 1 and its STAG in the record; CMD_RESUME(retry) */
static void test_stall_resume_retry(void)
{
    StallEnv s;
    SmmuPmTxnResult r;
    SbEvent ev;
    uint64_t pa;

    senv_init(&s, "stall", true);
    r = txn(&s, SID, 0x7010, true, true);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_STALLED);
    g_assert_cmpuint(smmu_pm_stalls_held(&s.e.core.stalls), ==, 1);
    env_event_pop(&s.e, &ev);
    g_assert_cmpuint(ev.type, ==, SB_EVT_F_TRANSLATION);
    g_assert_true(ev.stall);
    g_assert_cmpuint(ev.stag, ==, r.stag);
    g_assert_cmphex(ev.sid, ==, SID);
    g_assert_false(ev.rnw);
    g_assert_cmphex(ev.input_addr, ==, 0x7010);
    g_assert_cmpuint(s.done->len, ==, 0);       /* still waiting */

    /* The driver maps the page, then retries */
    pa = sb_alloc(&s.e.sb, 0x1000, 0x1000);
    g_assert_true(sb_pgt_map(s.pt, 0x7000, pa, 0x1000, &pte_rw));
    resume(&s, SID, r.stag, true, true);        /* Ab is IGNORED on retry */
    g_assert_cmpuint(s.done->len, ==, 1);
    g_assert_cmphex(done_at(&s, 0)->sid, ==, SID);
    g_assert_cmpuint(done_at(&s, 0)->stag, ==, r.stag);
    g_assert_cmpint(done_at(&s, 0)->outcome, ==, SMMU_PM_STALL_RETRY);
    g_assert_cmpuint(smmu_pm_stalls_held(&s.e.core.stalls), ==, 0);
    r = txn(&s, SID, 0x7010, true, true);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_OK);
    g_assert_cmphex(r.addr, ==, pa + 0x10);
    g_assert_cmpuint(env_events(&s.e), ==, 0);
    g_assert_cmpuint(s.e.core.stats.stalls, ==, 1);
    g_assert_cmpuint(s.e.core.stats.stalls_retried, ==, 1);
    senv_free(&s);
}

/* CMD_RESUME(terminate): Ab = 1 aborts, Ab = 0 is RAZ/WI (TERM_MODEL 0) */
static void test_stall_resume_terminate(void)
{
    StallEnv s;
    SmmuPmTxnResult a, b;
    SbEvent ev;

    senv_init(&s, "stall", true);
    a = txn(&s, SID, 0x1000, false, true);
    b = txn(&s, SID, 0x2000, false, true);
    g_assert_cmpint(a.status, ==, SMMU_PM_TXN_STALLED);
    g_assert_cmpint(b.status, ==, SMMU_PM_TXN_STALLED);
    g_assert_cmpuint(a.stag, !=, b.stag);
    env_event_pop(&s.e, &ev);
    env_event_pop(&s.e, &ev);
    resume(&s, SID, a.stag, false, true);
    resume(&s, SID, b.stag, false, false);
    g_assert_cmpuint(s.done->len, ==, 2);
    g_assert_cmpint(done_at(&s, 0)->outcome, ==, SMMU_PM_STALL_ABORT);
    g_assert_cmpint(done_at(&s, 1)->outcome, ==, SMMU_PM_STALL_RAZWI);
    g_assert_cmpuint(s.e.core.stats.stalls_terminated, ==, 2);
    /* Resumed twice: the STAG holds nothing any more, a no-op */
    resume(&s, SID, a.stag, true, false);
    g_assert_cmpuint(s.done->len, ==, 2);
    g_assert_cmphex(FIELD_EX32(env_rd(&s.e, A_CMDQ_CONS), CMDQ_CONS, ERR),
                    ==, 0);
    senv_free(&s);
}

/* A STAG of another StreamID, or out of range, resumes nothing */
static void test_stall_resume_mismatch(void)
{
    StallEnv s;
    SmmuPmTxnResult r;
    SbEvent ev;

    senv_init(&s, "stall", true);
    r = txn(&s, SID, 0x3000, false, true);
    env_event_pop(&s.e, &ev);
    resume(&s, SID_B, r.stag, true, false);
    resume(&s, SID, 0xffff, true, false);
    resume(&s, SID, r.stag + 1, true, false);
    g_assert_cmpuint(s.done->len, ==, 0);
    g_assert_cmpuint(smmu_pm_stalls_held(&s.e.core.stalls), ==, 1);
    g_assert_cmphex(FIELD_EX32(env_rd(&s.e, A_CMDQ_CONS), CMDQ_CONS, ERR),
                    ==, 0);
    g_assert_true(fake_host_logged(&s.e.host, SMMU_PM_LOG_INFO,
                                   "no such stalled transaction"));
    senv_free(&s);
}

/* CMD_STALL_TERM aborts every stall of its StreamID and no other */
static void test_stall_term(void)
{
    StallEnv s;
    SmmuPmTxnResult b;
    uint64_t c[2];

    senv_init(&s, "stall", true);
    txn(&s, SID, 0x1000, false, true);
    b = txn(&s, SID_B, 0x1000, false, true);
    txn(&s, SID, 0x5000, true, true);
    g_assert_cmpuint(smmu_pm_stalls_held(&s.e.core.stalls), ==, 3);
    sb_cmd_stall_term(c, SID);
    cmd(&s, c);
    g_assert_cmpuint(s.done->len, ==, 2);
    for (unsigned i = 0; i < 2; i++) {
        g_assert_cmphex(done_at(&s, i)->sid, ==, SID);
        g_assert_cmpint(done_at(&s, i)->outcome, ==, SMMU_PM_STALL_ABORT);
    }
    g_assert_cmpuint(smmu_pm_stalls_held(&s.e.core.stalls), ==, 1);
    g_assert_true(s.e.core.stalls.slot[b.stag].held);
    senv_free(&s);
}

/* SMMUEN 1 -> 0 terminates every stalled transaction */
static void test_stall_smmuen_off(void)
{
    StallEnv s;

    senv_init(&s, "stall", true);
    txn(&s, SID, 0x1000, false, true);
    txn(&s, SID_B, 0x2000, true, true);
    env_wr(&s.e, A_CR0, R_CR0_CMDQEN_MASK | R_CR0_EVENTQEN_MASK, 4);
    g_assert_cmpuint(s.done->len, ==, 2);
    g_assert_cmpint(done_at(&s, 0)->outcome, ==, SMMU_PM_STALL_ABORT);
    g_assert_cmpint(done_at(&s, 1)->outcome, ==, SMMU_PM_STALL_ABORT);
    g_assert_cmpuint(smmu_pm_stalls_held(&s.e.core.stalls), ==, 0);
    senv_free(&s);
}

/*
 * A requester that cannot wait is terminated with Stall == 0 (3.12's
 * allowance), and so is one that finds every STAG in use
 */
static void test_stall_not_held(void)
{
    StallEnv s;
    SmmuPmTxnResult r;
    SbEvent ev;

    senv_init(&s, "stall", true);
    r = txn(&s, SID, 0x1000, false, false);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_ABORT);
    env_event_pop(&s.e, &ev);
    g_assert_cmpuint(ev.type, ==, SB_EVT_F_TRANSLATION);
    g_assert_false(ev.stall);
    g_assert_cmpuint(smmu_pm_stalls_held(&s.e.core.stalls), ==, 0);

    for (unsigned i = 0; i < SMMU_PM_STALL_SLOTS; i++) {
        r = txn(&s, SID, 0x100000 + i * 0x1000ULL, false, true);
        g_assert_cmpint(r.status, ==, SMMU_PM_TXN_STALLED);
        g_assert_cmpuint(r.stag, ==, i);
        env_event_pop(&s.e, &ev);
    }
    r = txn(&s, SID, 0x900000, false, true);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_ABORT);
    env_event_pop(&s.e, &ev);
    g_assert_false(ev.stall);
    g_assert_cmphex(ev.input_addr, ==, 0x900000);
    senv_free(&s);
}

/* CD.S == 0 under STALL_MODEL "stall": the Terminate model as before */
static void test_stall_cd_s_clear(void)
{
    StallEnv s;
    SmmuPmTxnResult r;
    SbEvent ev;

    senv_init(&s, "stall", false);
    r = txn(&s, SID, 0x1000, false, true);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_ABORT);
    env_event_pop(&s.e, &ev);
    g_assert_false(ev.stall);
    g_assert_cmpuint(s.done->len, ==, 0);
    senv_free(&s);
}

/*
 * The event queue is disabled: the stall is neither recorded nor lost,
 * and is retried once the queue is enabled (7.2.1)
 */
static void test_stall_eventq_disabled(void)
{
    StallEnv s;
    SmmuPmTxnResult r;
    uint32_t prod;

    senv_init(&s, "stall", true);
    env_wr(&s.e, A_CR0, R_CR0_CMDQEN_MASK | R_CR0_SMMUEN_MASK, 4);
    prod = env_rd(&s.e, A_EVENTQ_PROD);
    r = txn(&s, SID, 0x1000, false, true);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_STALLED);
    g_assert_false(s.e.core.stalls.slot[r.stag].recorded);
    g_assert_cmphex(env_rd(&s.e, A_EVENTQ_PROD), ==, prod);
    g_assert_cmpuint(s.e.core.stats.events_deferred, ==, 1);
    g_assert_cmpuint(s.e.core.stats.events_dropped_disabled, ==, 0);
    /* Software never saw this STAG: resuming it does nothing */
    resume(&s, SID, r.stag, false, true);
    g_assert_cmpuint(s.done->len, ==, 0);

    env_wr(&s.e, A_CR0, R_CR0_CMDQEN_MASK | R_CR0_EVENTQEN_MASK |
           R_CR0_SMMUEN_MASK, 4);
    g_assert_cmpuint(s.done->len, ==, 1);
    g_assert_cmpint(done_at(&s, 0)->outcome, ==, SMMU_PM_STALL_RETRY);
    g_assert_cmpuint(smmu_pm_stalls_held(&s.e.core.stalls), ==, 0);
    senv_free(&s);
}

/* A full event queue: no overflow for a stall, retried once there is room */
static void test_stall_eventq_full(void)
{
    StallEnv s;
    SmmuPmTxnResult r;
    SbEvent ev;
    unsigned slots = 1u << ENV_EVTQ_LOG2;

    senv_init(&s, "stall", true);
    for (unsigned i = 0; i < slots; i++) {
        txn(&s, SID, 0x100000 + i * 0x1000ULL, false, false);
    }
    g_assert_cmpuint(env_events(&s.e), ==, slots);
    r = txn(&s, SID, 0x1000, false, true);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_STALLED);
    g_assert_false(s.e.core.stalls.slot[r.stag].recorded);
    g_assert_false(env_rd(&s.e, A_EVENTQ_PROD) & R_Q_IDX_OVFLG_MASK);
    g_assert_cmpuint(s.done->len, ==, 0);
    env_event_pop(&s.e, &ev);                   /* CONS moves: room */
    g_assert_cmpuint(s.done->len, ==, 1);
    g_assert_cmpint(done_at(&s, 0)->outcome, ==, SMMU_PM_STALL_RETRY);
    /* The retry stalls again, and this time the record is written */
    r = txn(&s, SID, 0x1000, false, true);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_STALLED);
    g_assert_true(s.e.core.stalls.slot[r.stag].recorded);
    senv_free(&s);
}

/* Power-off with a stall held: off-with-stalls, and the master is aborted */
static void test_stall_power_off(void)
{
    const SmmuPmViolation *v;
    StallEnv s;
    SmmuPmTxnResult r;

    senv_init(&s, "stall", true);
    txn(&s, SID, 0x1000, false, true);
    r = txn(&s, SID_B, 0x2000, true, true);
    smmu_pm_power_request(&s.e.core, false);
    v = &s.e.core.checker.v[SMMU_PM_RULE_OFF_WITH_STALLS];
    g_assert_cmpuint(v->count, ==, 1);
    g_assert_true(v->first_powered);
    g_assert_nonnull(strstr(v->first_detail, "2 stalled transaction(s)"));
    g_assert_nonnull(strstr(v->first_detail, "first StreamID 0x18 STAG 0x0 "
                                             "read 0x1000"));
    g_assert_cmpuint(s.done->len, ==, 2);
    g_assert_cmpuint(done_at(&s, 1)->stag, ==, r.stag);
    g_assert_cmpint(done_at(&s, 1)->outcome, ==, SMMU_PM_STALL_ABORT);
    g_assert_cmpuint(smmu_pm_stalls_held(&s.e.core.stalls), ==, 0);
    /* Nothing held: a second power cycle is clean */
    smmu_pm_power_request(&s.e.core, true);
    smmu_pm_power_request(&s.e.core, false);
    g_assert_cmpuint(v->count, ==, 1);
    senv_free(&s);
}

/*
 * An answer stays in its slot until the host takes it: its STAG is not
 * given to a new stall before that
 */
static void test_stall_take_done(void)
{
    SmmuPmStallOutcome outcome;
    SmmuPmTxnResult a, b, c;
    unsigned stag;
    uint32_t sid;
    StallEnv s;
    SbEvent ev;

    senv_init(&s, "stall", true);
    a = txn(&s, SID, 0x1000, false, true);
    b = txn(&s, SID_B, 0x2000, false, true);
    env_event_pop(&s.e, &ev);
    env_event_pop(&s.e, &ev);
    resume(&s, SID_B, b.stag, false, true);
    resume(&s, SID, a.stag, true, false);
    c = txn(&s, SID, 0x3000, false, true);
    g_assert_cmpuint(c.stag, !=, a.stag);
    g_assert_cmpuint(c.stag, !=, b.stag);

    g_assert_true(smmu_pm_stall_take_done(&s.e.core, &sid, &stag, &outcome));
    g_assert_cmpuint(stag, ==, a.stag);          /* STAG order */
    g_assert_cmphex(sid, ==, SID);
    g_assert_cmpint(outcome, ==, SMMU_PM_STALL_RETRY);
    g_assert_true(smmu_pm_stall_take_done(&s.e.core, &sid, &stag, &outcome));
    g_assert_cmpuint(stag, ==, b.stag);
    g_assert_cmphex(sid, ==, SID_B);
    g_assert_cmpint(outcome, ==, SMMU_PM_STALL_ABORT);
    g_assert_false(smmu_pm_stall_take_done(&s.e.core, &sid, &stag,
                                           &outcome));
    /* Taken: STAG a.stag (the lowest) is free again */
    c = txn(&s, SID, 0x4000, false, true);
    g_assert_cmpuint(c.stag, ==, a.stag);
    senv_free(&s);
}

/* No Stall model: RESUME and STALL_TERM are CERROR_ILL */
static void test_stall_unsupported(void)
{
    StallEnv s;

    senv_init(&s, "none", false);
    resume(&s, SID, 0, true, false);
    g_assert_cmphex(FIELD_EX32(env_rd(&s.e, A_CMDQ_CONS), CMDQ_CONS, ERR),
                    ==, SMMU_CERROR_ILL);
    senv_free(&s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/stall/resume-retry", test_stall_resume_retry);
    g_test_add_func("/stall/resume-terminate", test_stall_resume_terminate);
    g_test_add_func("/stall/resume-mismatch", test_stall_resume_mismatch);
    g_test_add_func("/stall/stall-term", test_stall_term);
    g_test_add_func("/stall/smmuen-off", test_stall_smmuen_off);
    g_test_add_func("/stall/not-held", test_stall_not_held);
    g_test_add_func("/stall/cd-s-clear", test_stall_cd_s_clear);
    g_test_add_func("/stall/eventq-disabled", test_stall_eventq_disabled);
    g_test_add_func("/stall/eventq-full", test_stall_eventq_full);
    g_test_add_func("/stall/power-off", test_stall_power_off);
    g_test_add_func("/stall/take-done", test_stall_take_done);
    g_test_add_func("/stall/unsupported", test_stall_unsupported);
    return g_test_run();
}
