/*
 * arm-smmuv3-pm unit tests: Page Requests (PRI) and the PRI queue
 *
 * Queued requests (the exact 16-byte entry), CMD_PRI_RESP and its codes,
 * and the automatic responses of IHI 0070 8.1/8.2: queue off or broken
 * (Response Failure, no PASID), overflow (Success, PASID kept with
 * IDR3.PPS), Stop Markers never answered; power-off with unread
 * requests (the PM checker's off-with-pri).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "engine-env.h"
#include "hw/arm/smmuv3-pm/core/cmdq/cmdq.h"
#include "hw/arm/smmuv3-pm/core/queues/pri.h"

#define SID 0x18
#define PRIQ_LOG2 2                 /* 4 entries: easy to fill */

typedef struct Resp {
    uint32_t sid;
    bool pasid;
    uint32_t ssid;
    uint16_t prgi;
    SmmuPmPriCode code;
} Resp;

typedef struct PriEnv {
    Env e;                      /* first: the host opaque is both */
    GArray *resps;              /* of Resp */
    uint64_t priq;
    uint32_t priq_cons;
} PriEnv;

static void pri_response(void *opaque, uint32_t sid, bool pasid,
                         uint32_t ssid, uint16_t prgi, SmmuPmPriCode code)
{
    PriEnv *p = opaque;
    Resp r = { sid, pasid, ssid, prgi, code };

    g_array_append_val(p->resps, r);
}

/* ATS + PRI, SMMUEN=1, a 4-entry PRI queue enabled */
static void penv_init(PriEnv *p)
{
    SmmuPmUserConfig user;
    SmmuPmConfig cfg;
    char *err = NULL;

    smmu_pm_user_config_init(&user);
    user.ats = 1;
    user.pri = 1;
    g_assert_true(smmu_pm_config_resolve(&user, &cfg, &err));
    env_init(&p->e, &cfg);
    p->e.ops.pri_response = pri_response;
    p->resps = g_array_new(FALSE, TRUE, sizeof(Resp));
    env_enable(&p->e, sb_strtab_linear(&p->e.sb, 8));
    p->priq = sb_queue_alloc(&p->e.sb, PRIQ_LOG2, 16);
    p->priq_cons = 0;
    env_wr(&p->e, A_PRIQ_BASE, sb_queue_base_reg(p->priq, PRIQ_LOG2, false),
           8);
    env_wr(&p->e, A_CR0, R_CR0_CMDQEN_MASK | R_CR0_EVENTQEN_MASK |
           R_CR0_PRIQEN_MASK | R_CR0_SMMUEN_MASK, 4);
}

static void penv_free(PriEnv *p)
{
    g_array_unref(p->resps);
    env_free(&p->e);
}

static bool request(PriEnv *p, uint16_t prgi, bool last, bool ssv)
{
    SmmuPmPageRequest req = {
        .sid = SID, .ssv = ssv, .ssid = ssv ? 0x42 : 0,
        .addr = 0x123000 + prgi * 0x1000ULL, .prgi = prgi, .last = last,
        .read = true, .write = !last, .priv = ssv,
    };

    return smmu_pm_pri_request(&p->e.core, &req);
}

static const Resp *resp_at(PriEnv *p, unsigned i)
{
    g_assert_cmpuint(i, <, p->resps->len);
    return &g_array_index(p->resps, Resp, i);
}

/* The next PRI queue entry, and CONS moved past it */
static void priq_pop(PriEnv *p, uint64_t dw[2])
{
    uint32_t mask = (2u << PRIQ_LOG2) - 1;

    g_assert_cmpuint((env_rd(&p->e, A_PRIQ_PROD) - p->priq_cons) & mask, >,
                     0);
    sb_read_words(&p->e.sb, p->priq +
                  (p->priq_cons & ((1u << PRIQ_LOG2) - 1)) * 16, dw, 2);
    p->priq_cons = (p->priq_cons + 1) & mask;
    env_wr(&p->e, A_PRIQ_CONS, p->priq_cons |
           (env_rd(&p->e, A_PRIQ_PROD) & R_Q_IDX_OVFLG_MASK), 4);
}

/* A queued request: every field where 8 puts it */
static void test_pri_queued(void)
{
    PriEnv p;
    uint64_t dw[2];

    penv_init(&p);
    g_assert_cmpuint(FIELD_EX32(env_rd(&p.e, A_IDR3), IDR3, PPS), ==, 1);
    g_assert_true(request(&p, 0x1a5, true, true));
    priq_pop(&p, dw);
    g_assert_cmphex(dw[0], ==, 0x18ULL | 0x42ULL << 32 | 1ULL << 58 |
                    1ULL << 60 | 1ULL << 62 | 1ULL << 63);
    g_assert_cmphex(dw[1], ==, 0x1a5ULL | (0x123000ULL + 0x1a5000ULL));
    /* No PASID: no SubstreamID, no X/Priv */
    g_assert_true(request(&p, 3, false, false));
    priq_pop(&p, dw);
    g_assert_cmphex(dw[0], ==, 0x18ULL | 1ULL << 60 | 1ULL << 61);
    g_assert_cmpuint(p.resps->len, ==, 0);
    g_assert_cmpuint(p.e.core.stats.pri_requests, ==, 2);
    penv_free(&p);
}

/* CMD_PRI_RESP: Deny, Fail, Success; PASID iff SSV; 0b11 is illegal */
static void test_pri_resp(void)
{
    static const SmmuPmPriCode want[] = {
        SMMU_PM_PRI_INVALID, SMMU_PM_PRI_FAILURE, SMMU_PM_PRI_SUCCESS,
    };
    PriEnv p;
    uint64_t c[2];

    penv_init(&p);
    for (unsigned resp = 0; resp < 3; resp++) {
        sb_cmd_pri_resp(c, SID, resp == 2, 0x42, 0x100 + resp, resp);
        env_cmd_push(&p.e, c);
        g_assert_cmpuint(p.resps->len, ==, resp + 1);
        g_assert_cmphex(resp_at(&p, resp)->sid, ==, SID);
        g_assert_cmpuint(resp_at(&p, resp)->prgi, ==, 0x100 + resp);
        g_assert_cmpint(resp_at(&p, resp)->code, ==, want[resp]);
        g_assert_cmpint(resp_at(&p, resp)->pasid, ==, resp == 2);
    }
    sb_cmd_pri_resp(c, SID, false, 0, 1, 3);
    env_cmd_push(&p.e, c);
    g_assert_cmpuint(p.resps->len, ==, 3);
    g_assert_cmphex(FIELD_EX32(env_rd(&p.e, A_CMDQ_CONS), CMDQ_CONS, ERR),
                    ==, SMMU_CERROR_ILL);
    penv_free(&p);
}

/* Queue off: discarded; Last == 1 answered Response Failure, no PASID */
static void test_pri_queue_off(void)
{
    PriEnv p;

    penv_init(&p);
    env_wr(&p.e, A_CR0, R_CR0_CMDQEN_MASK | R_CR0_SMMUEN_MASK, 4);
    g_assert_false(request(&p, 5, false, true));
    g_assert_cmpuint(p.resps->len, ==, 0);
    g_assert_false(request(&p, 5, true, true));
    g_assert_cmpuint(p.resps->len, ==, 1);
    g_assert_cmpint(resp_at(&p, 0)->code, ==, SMMU_PM_PRI_FAILURE);
    g_assert_false(resp_at(&p, 0)->pasid);
    g_assert_cmpuint(resp_at(&p, 0)->prgi, ==, 5);
    /* SMMUEN == 0 implies PRIQEN == 0 */
    env_wr(&p.e, A_CR0, R_CR0_CMDQEN_MASK | R_CR0_PRIQEN_MASK, 4);
    g_assert_false(request(&p, 6, true, false));
    g_assert_cmpint(resp_at(&p, 1)->code, ==, SMMU_PM_PRI_FAILURE);
    penv_free(&p);
}

/*
 * Overflow: OVFLG toggles once; Last == 1 answered Success (PASID kept),
 * Last == 0 and Stop Markers silently dropped; nothing is written until
 * software acknowledges
 */
static void test_pri_overflow(void)
{
    SmmuPmPageRequest stop = { .sid = SID, .ssv = true, .ssid = 0x42,
                               .prgi = 9, .last = true };
    PriEnv p;
    uint64_t dw[2];

    penv_init(&p);
    for (unsigned i = 0; i < 1u << PRIQ_LOG2; i++) {
        g_assert_true(request(&p, i, false, false));
    }
    g_assert_false(request(&p, 7, false, true));
    g_assert_true(env_rd(&p.e, A_PRIQ_PROD) & R_Q_IDX_OVFLG_MASK);
    g_assert_cmpuint(p.resps->len, ==, 0);
    g_assert_false(request(&p, 8, true, true));
    g_assert_cmpuint(p.resps->len, ==, 1);
    g_assert_cmpint(resp_at(&p, 0)->code, ==, SMMU_PM_PRI_SUCCESS);
    g_assert_true(resp_at(&p, 0)->pasid);
    g_assert_cmphex(resp_at(&p, 0)->ssid, ==, 0x42);
    g_assert_false(smmu_pm_pri_request(&p.e.core, &stop));
    g_assert_cmpuint(p.resps->len, ==, 1);
    /* Still one toggle */
    g_assert_true(env_rd(&p.e, A_PRIQ_PROD) & R_Q_IDX_OVFLG_MASK);

    /* Room, but the overflow is not acknowledged: still discarded */
    priq_pop(&p, dw);
    env_wr(&p.e, A_PRIQ_CONS, p.priq_cons, 4);  /* OVACKFLG != OVFLG */
    g_assert_false(request(&p, 10, false, false));
    /* Acknowledged: queued again */
    env_wr(&p.e, A_PRIQ_CONS, p.priq_cons | R_Q_IDX_OVFLG_MASK, 4);
    g_assert_true(request(&p, 11, false, false));
    priq_pop(&p, dw);
    g_assert_true(smmu_pm_pri_request(&p.e.core, &stop));  /* queued */
    g_assert_cmpuint(p.resps->len, ==, 1);
    penv_free(&p);
}

/* Power-off with requests the driver never read: off-with-pri */
static void test_pri_power_off(void)
{
    const SmmuPmViolation *v;
    PriEnv p;

    penv_init(&p);
    g_assert_true(request(&p, 1, false, true));
    g_assert_true(request(&p, 1, true, true));
    smmu_pm_power_request(&p.e.core, false);
    v = &p.e.core.checker.v[SMMU_PM_RULE_OFF_WITH_PRI];
    g_assert_cmpuint(v->count, ==, 1);
    g_assert_nonnull(strstr(v->first_detail, "PRIQ PROD 0x2 CONS 0x0: "
                                             "2 unread"));
    /* While off nothing answers, and the request is DMA while off */
    g_assert_false(request(&p, 2, true, false));
    g_assert_cmpuint(p.resps->len, ==, 0);
    g_assert_cmpuint(p.e.core.checker.v[SMMU_PM_RULE_DMA_WHILE_OFF].count,
                     ==, 1);
    penv_free(&p);
}

/*
 * Groups read and not answered at power-off: the endpoint waits on them
 * (off-with-prg-unanswered); answered ones are not owed, unread ones are
 * off-with-pri's; what power-off lost is still owed at the next one
 */
static void test_pri_unanswered(void)
{
    const SmmuPmViolation *v;
    uint64_t dw[2], c[2];
    PriEnv p;

    penv_init(&p);
    g_assert_true(request(&p, 1, true, true));
    priq_pop(&p, dw);
    g_assert_true(request(&p, 2, true, false));
    priq_pop(&p, dw);
    sb_cmd_pri_resp(c, SID, false, 0, 2, 2);
    env_cmd_push(&p.e, c);
    g_assert_true(request(&p, 4, true, true));
    priq_pop(&p, dw);
    sb_cmd_pri_resp(c, SID, true, 0x42, 4, 0);
    env_cmd_push(&p.e, c);
    g_assert_true(request(&p, 3, true, false));     /* left unread */

    smmu_pm_power_request(&p.e.core, false);
    v = &p.e.core.checker.v[SMMU_PM_RULE_OFF_WITH_PRG_UNANSWERED];
    g_assert_cmpuint(v->count, ==, 1);
    g_assert_cmpstr(v->first_detail, ==, "1 group(s) read and not answered, "
                    "first StreamID 0x18 PRGI 0x1");
    g_assert_cmpuint(p.e.core.checker.v[SMMU_PM_RULE_OFF_WITH_PRI].count,
                     ==, 1);

    /* a driver that never noticed: PRGI 1 and the lost PRGI 3 still owed */
    smmu_pm_power_request(&p.e.core, true);
    smmu_pm_power_request(&p.e.core, false);
    g_assert_cmpuint(v->count, ==, 2);
    g_assert_cmpuint(p.e.core.checker.v[SMMU_PM_RULE_OFF_WITH_PRI].count,
                     ==, 1);
    penv_free(&p);
}

/* No PRI: the message is refused (Response Failure) and logged */
static void test_pri_unsupported(void)
{
    SmmuPmPageRequest req = { .sid = SID, .prgi = 1, .last = true,
                              .read = true };
    Resp *r;
    PriEnv p = { 0 };

    env_init(&p.e, NULL);
    p.e.ops.pri_response = pri_response;
    p.resps = g_array_new(FALSE, TRUE, sizeof(Resp));
    env_enable(&p.e, sb_strtab_linear(&p.e.sb, 8));
    g_assert_false(smmu_pm_pri_request(&p.e.core, &req));
    r = &g_array_index(p.resps, Resp, 0);
    g_assert_cmpuint(p.resps->len, ==, 1);
    g_assert_cmpint(r->code, ==, SMMU_PM_PRI_FAILURE);
    g_assert_true(fake_host_logged(&p.e.host, SMMU_PM_LOG_GUEST_ERROR,
                                   "SMMU_IDR0.PRI is 0"));
    penv_free(&p);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/pri/queued", test_pri_queued);
    g_test_add_func("/pri/resp", test_pri_resp);
    g_test_add_func("/pri/queue-off", test_pri_queue_off);
    g_test_add_func("/pri/overflow", test_pri_overflow);
    g_test_add_func("/pri/power-off", test_pri_power_off);
    g_test_add_func("/pri/unanswered", test_pri_unanswered);
    g_test_add_func("/pri/unsupported", test_pri_unsupported);
    return g_test_run();
}
