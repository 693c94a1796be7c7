/*
 * arm-smmuv3-pm unit tests: event records and the event queue
 * (queues/event.c)
 *
 * The exact 32-byte record of every event type (IHI 0070, 7.3): an event
 * with every field set is encoded, and each record must hold exactly the
 * fields its type defines, at the spec's bit positions (tests/unit/
 * spec.h), and zeroes elsewhere.  Then the queue: records in order, the
 * event interrupt, EVENTQEN 0 drops, overflow and its PROD.OVFLG toggle
 * (once per overflow condition, acknowledged through CONS.OVACKFLG), a
 * write abort raising GERROR.EVENTQ_ABT_ERR.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "spec.h"

/* Every field set, with values that do not fit by accident */
static SmmuPmEvent full_event(SmmuPmEventType type, SmmuPmEventClass cl)
{
    return (SmmuPmEvent) {
        .type = type, .sid = 0xfedc1234, .ssv = true, .ssid = 0xabcde,
        .stag = 0x5a5a, .stall = true, .pnu = true, .ind = true,
        .rnw = true, .s2 = true, .class_ = cl, .ttrnw = true,
        .input_addr = 0xffff123456789abcULL,
        .ipa = 0x00f0123456789000ULL | 0xabc,
        .fetch_addr = 0x00e0123456789ab8ULL | 0x7,
    };
}

typedef struct EvCase {
    const char *name;
    SmmuPmEventType type;
    SmmuPmEventClass cl;
    /*
     * which field groups the spec defines for the type: @stall is STAG
     * and Stall, @stage S2 and CLASS
     */
    bool ssv, ssid_always, access, rnw_only, stall, stage, input, ipa, fetch,
         ttrnw;
} EvCase;

static const EvCase ev_cases[] = {
    /* 7.3.2 F_UUT */
    { .name = "F_UUT", .type = SMMU_EVT_F_UUT,
      .cl = 0, .ssv = 1, .access = 1, .input = 1 },
    /* 7.3.3 C_BAD_STREAMID */
    { .name = "C_BAD_STREAMID", .type = SMMU_EVT_C_BAD_STREAMID,
      .cl = 0, .ssv = 1 },
    /* 7.3.4 F_STE_FETCH */
    { .name = "F_STE_FETCH", .type = SMMU_EVT_F_STE_FETCH,
      .cl = 0, .ssv = 1, .fetch = 1 },
    /* 7.3.5 C_BAD_STE */
    { .name = "C_BAD_STE", .type = SMMU_EVT_C_BAD_STE, .cl = 0, .ssv = 1 },
    /* 7.3.7 F_STREAM_DISABLED: StreamID only */
    { .name = "F_STREAM_DISABLED", .type = SMMU_EVT_F_STREAM_DISABLED },
    /* 7.3.8 F_TRANSL_FORBIDDEN: RnW, InputAddr */
    { .name = "F_TRANSL_FORBIDDEN", .type = SMMU_EVT_F_TRANSL_FORBIDDEN,
      .cl = 0, .rnw_only = 1,
      .input = 1 },
    /* 7.3.9 C_BAD_SUBSTREAMID: SubstreamID without SSV */
    { .name = "C_BAD_SUBSTREAMID", .type = SMMU_EVT_C_BAD_SUBSTREAMID,
      .cl = 0, .ssid_always = 1 },
    /* 7.3.10 F_CD_FETCH */
    { .name = "F_CD_FETCH", .type = SMMU_EVT_F_CD_FETCH,
      .cl = 0, .ssv = 1, .fetch = 1 },
    /* 7.3.11 C_BAD_CD */
    { .name = "C_BAD_CD", .type = SMMU_EVT_C_BAD_CD, .cl = 0, .ssv = 1 },
    /* 7.3.12 F_WALK_EABT */
    { .name = "F_WALK_EABT", .type = SMMU_EVT_F_WALK_EABT,
      .cl = SMMU_EVT_CLASS_TT, .ssv = 1,
      .access = 1, .stage = 1, .input = 1, .fetch = 1 },
    /* 7.3.13-16 translation faults; IPA only when S2 */
    { .name = "F_TRANSLATION", .type = SMMU_EVT_F_TRANSLATION,
      .cl = SMMU_EVT_CLASS_IN, .ssv = 1,
      .access = 1, .stall = 1, .stage = 1, .input = 1, .ipa = 1 },
    { .name = "F_ADDR_SIZE", .type = SMMU_EVT_F_ADDR_SIZE,
      .cl = SMMU_EVT_CLASS_CD, .ssv = 1,
      .access = 1, .stall = 1, .stage = 1, .input = 1, .ipa = 1 },
    { .name = "F_ACCESS", .type = SMMU_EVT_F_ACCESS,
      .cl = SMMU_EVT_CLASS_IN, .ssv = 1,
      .access = 1, .stall = 1, .stage = 1, .input = 1, .ipa = 1 },
    /* TTRnW is defined for CLASS TT */
    { .name = "F_PERMISSION-tt", .type = SMMU_EVT_F_PERMISSION,
      .cl = SMMU_EVT_CLASS_TT, .ssv = 1,
      .access = 1, .stall = 1, .stage = 1, .input = 1, .ipa = 1,
      .ttrnw = 1 },
    { .name = "F_PERMISSION-in", .type = SMMU_EVT_F_PERMISSION,
      .cl = SMMU_EVT_CLASS_IN, .ssv = 1,
      .access = 1, .stall = 1, .stage = 1, .input = 1, .ipa = 1 },
};

static void test_record(const void *p)
{
    const EvCase *k = p;
    SmmuPmEvent ev = full_event(k->type, k->cl);
    uint64_t rec[4], want[4] = { 0 };

    want[0] = (uint64_t)k->type | (uint64_t)ev.sid << 32;
    if (k->ssv) {
        want[0] |= 1ULL << 11 | (uint64_t)ev.ssid << 12;
    }
    if (k->ssid_always) {
        want[0] |= (uint64_t)ev.ssid << 12;
    }
    if (k->access || k->rnw_only) {
        want[1] |= 1ULL << (99 - 64);                   /* RnW */
    }
    if (k->access) {
        want[1] |= 1ULL << (97 - 64) | 1ULL << (98 - 64); /* PnU, InD */
    }
    if (k->stall) {
        want[1] |= ev.stag | (uint64_t)ev.stall << (95 - 64); /* STAG, Stall */
    }
    if (k->stage) {
        want[1] |= 1ULL << (103 - 64) |                 /* S2 */
                   (uint64_t)k->cl << (104 - 64);       /* CLASS */
    }
    if (k->ttrnw) {
        want[1] |= 1ULL << (108 - 64);
    }
    if (k->input) {
        want[2] = ev.input_addr;
    }
    if (k->ipa) {
        want[3] = ev.ipa & 0x00fffffffffff000ULL;       /* [247:204] */
    }
    if (k->fetch) {
        want[3] = ev.fetch_addr & 0x00fffffffffffff8ULL; /* [247:195] */
    }
    smmu_pm_event_encode(&ev, rec);
    for (int i = 0; i < 4; i++) {
        if (rec[i] != want[i]) {
            g_error("%s: doubleword %d is 0x%016" G_GINT64_MODIFIER
                    "x, want 0x%016" G_GINT64_MODIFIER "x", k->name, i,
                    rec[i], want[i]);
        }
    }
    /* a stage-1 fault carries no IPA */
    if (k->ipa) {
        ev.s2 = false;
        smmu_pm_event_encode(&ev, rec);
        g_assert_cmphex(rec[3], ==, 0);
        g_assert_cmpuint(EVR_S2(rec), ==, 0);
    }
    g_assert_cmpstr(smmu_pm_event_name(k->type), ==, k->name[0] == 'F' &&
                    strchr(k->name, '-') ? "F_PERMISSION" : k->name);
}

/*
 * A held transaction's STAG and Stall belong to the four faults that can
 * stall (7.3.13-16).  F_WALK_EABT (7.3.12) has an IMPLEMENTATION DEFINED
 * Reason in [79:64] and GPCF in [80] instead, and no Stall bit: an event
 * given a STAG must not leak it there, should an external abort ever be
 * held (today none is).
 */
static void test_stall_fields(void)
{
    static const SmmuPmEventType stalling[] = {
        SMMU_EVT_F_TRANSLATION, SMMU_EVT_F_ADDR_SIZE, SMMU_EVT_F_ACCESS,
        SMMU_EVT_F_PERMISSION,
    };
    SmmuPmEvent ev = full_event(SMMU_EVT_F_WALK_EABT, SMMU_EVT_CLASS_IN);
    uint64_t rec[4];

    ev.stag = 0xffff;
    smmu_pm_event_encode(&ev, rec);
    g_assert_cmphex(EVR_REASON(rec), ==, 0);
    g_assert_cmphex(EVR_GPCF(rec), ==, 0);
    g_assert_cmphex(spec_bits(rec, 95, 81), ==, 0);     /* Stall: RES0 */
    /* the rest of the record is still there */
    g_assert_cmpuint(EVR_S2(rec), ==, 1);
    g_assert_cmpuint(EVR_CLASS(rec), ==, SPEC_CLASS_IN);
    g_assert_cmphex(EVR_FETCH(rec), ==, ev.fetch_addr & ~7ULL);

    for (unsigned i = 0; i < G_N_ELEMENTS(stalling); i++) {
        ev.type = stalling[i];
        smmu_pm_event_encode(&ev, rec);
        g_assert_cmphex(EVR_STAG(rec), ==, 0xffff);
        g_assert_cmpuint(EVR_STALL(rec), ==, 1);
    }
}

static void test_names(void)
{
    g_assert_cmpstr(smmu_pm_event_name(SMMU_EVT_E_PAGE_REQUEST), ==,
                    "E_PAGE_REQUEST");
    g_assert_cmpstr(smmu_pm_event_name(0x3f), ==, "unknown");
    g_assert_cmpstr(smmu_pm_event_name(0x1000), ==, "unknown");
}

/* ---- The queue ---------------------------------------------------------- */

static SmmuPmEvent ev_n(unsigned n)
{
    return (SmmuPmEvent) { .type = SMMU_EVT_C_BAD_STE, .sid = 0x100 + n };
}

/* A core with a 4-entry event queue (LOG2SIZE 2) and EVENTQEN */
static uint64_t small_queue(Env *e)
{
    uint64_t q;

    env_init(e, NULL);
    q = sb_queue_alloc(&e->sb, 2, 32);
    env_wr(e, A_EVENTQ_BASE, sb_queue_base_reg(q, 2, false), 8);
    env_wr(e, A_CR0, SPEC_CR0_EVENTQEN, 4);
    g_assert_cmphex(env_rd(e, A_CR0ACK), ==, SPEC_CR0_EVENTQEN);
    return q;
}

static void test_queue_order_irq(void)
{
    uint64_t q, rec[4];
    uint32_t cons = 0;
    Env e;

    q = small_queue(&e);
    env_wr(&e, A_IRQ_CTRL, SPEC_IRQ_CTRL_EVENTQ_IRQEN, 4);
    for (unsigned n = 0; n < 3; n++) {
        SmmuPmEvent ev = ev_n(n);

        g_assert_true(smmu_pm_eventq_writable(&e.core));
        g_assert_true(smmu_pm_event_record(&e.core, &ev));
    }
    g_assert_cmphex(env_rd(&e, A_EVENTQ_PROD), ==, 3);
    g_assert_cmpuint(e.host.irq_pulses[SMMU_PM_IRQ_EVENTQ], ==, 3);
    for (unsigned n = 0; n < 3; n++) {
        sb_evtq_pop(&e.sb, q, 2, &cons, rec);
        g_assert_cmphex(EVR_TYPE(rec), ==, SPEC_EVT_C_BAD_STE);
        g_assert_cmphex(EVR_SID(rec), ==, 0x100 + n);
    }
    /* IRQEN 0: recorded, not signalled */
    env_wr(&e, A_IRQ_CTRL, 0, 4);
    {
        SmmuPmEvent ev = ev_n(3);

        g_assert_true(smmu_pm_event_record(&e.core, &ev));
    }
    g_assert_cmpuint(e.host.irq_pulses[SMMU_PM_IRQ_EVENTQ], ==, 3);
    /* wrapped: index 0, wrap bit [2] */
    g_assert_cmphex(env_rd(&e, A_EVENTQ_PROD), ==, 1u << 2);
    env_free(&e);
}

/* EVENTQEN 0: records are dropped, PROD does not move, no OVFLG */
static void test_disabled_drop(void)
{
    SmmuPmEvent ev = ev_n(0);
    Env e;

    small_queue(&e);
    env_wr(&e, A_CR0, 0, 4);
    g_assert_false(smmu_pm_eventq_writable(&e.core));
    g_assert_false(smmu_pm_event_record(&e.core, &ev));
    g_assert_cmphex(env_rd(&e, A_EVENTQ_PROD), ==, 0);
    g_assert_cmpuint(e.core.stats.events_dropped_disabled, ==, 1);
    env_free(&e);
}

/*
 * A full queue (PROD and CONS differ only in the wrap bit): the record is
 * lost and PROD.OVFLG toggles, once for the whole overflow condition.
 * Software acknowledges by making CONS.OVACKFLG equal; the next overflow
 * toggles OVFLG again (7.4).
 */
static void test_overflow(void)
{
    SmmuPmEvent ev;
    uint32_t prod;
    Env e;

    small_queue(&e);
    for (unsigned n = 0; n < 4; n++) {
        ev = ev_n(n);
        g_assert_true(smmu_pm_event_record(&e.core, &ev));
    }
    g_assert_cmphex(env_rd(&e, A_EVENTQ_PROD), ==, 1u << 2);
    g_assert_false(smmu_pm_eventq_writable(&e.core));
    ev = ev_n(4);
    g_assert_false(smmu_pm_event_record(&e.core, &ev));
    g_assert_cmphex(env_rd(&e, A_EVENTQ_PROD), ==, SPEC_Q_OVFLG | 1u << 2);
    ev = ev_n(5);
    g_assert_false(smmu_pm_event_record(&e.core, &ev));
    g_assert_cmphex(env_rd(&e, A_EVENTQ_PROD), ==, SPEC_Q_OVFLG | 1u << 2);
    g_assert_cmpuint(e.core.stats.events_dropped_overflow, ==, 2);
    /* consume two, acknowledge the overflow */
    env_wr(&e, A_EVENTQ_CONS, SPEC_Q_OVFLG | 2, 4);
    ev = ev_n(6);
    g_assert_true(smmu_pm_event_record(&e.core, &ev));
    ev = ev_n(7);
    g_assert_true(smmu_pm_event_record(&e.core, &ev));
    prod = env_rd(&e, A_EVENTQ_PROD);
    g_assert_cmphex(prod, ==, SPEC_Q_OVFLG | 1u << 2 | 2);
    /* full again: OVFLG goes back to 0, != OVACKFLG (1) */
    ev = ev_n(8);
    g_assert_false(smmu_pm_event_record(&e.core, &ev));
    g_assert_cmphex(env_rd(&e, A_EVENTQ_PROD), ==, 1u << 2 | 2);
    env_free(&e);
}

/* An aborted record write: lost, PROD unmoved, GERROR.EVENTQ_ABT_ERR */
static void test_write_abort(void)
{
    SmmuPmEvent ev = ev_n(0);
    Env e;

    env_init(&e, NULL);
    env_wr(&e, A_EVENTQ_BASE, 0x10000000ULL | 2, 8);    /* no memory */
    env_wr(&e, A_CR0, SPEC_CR0_EVENTQEN, 4);
    env_wr(&e, A_IRQ_CTRL, SPEC_IRQ_CTRL_EVENTQ_IRQEN |
           SPEC_IRQ_CTRL_GERROR_IRQEN, 4);
    g_assert_false(smmu_pm_event_record(&e.core, &ev));
    g_assert_cmphex(env_rd(&e, A_EVENTQ_PROD), ==, 0);
    g_assert_cmphex(env_rd(&e, A_GERROR) ^ env_rd(&e, A_GERRORN), ==,
                    SPEC_GERROR_EVENTQ_ABT_ERR);
    g_assert_cmpuint(e.host.irq_pulses[SMMU_PM_IRQ_GERROR], ==, 1);
    g_assert_cmpuint(e.host.irq_pulses[SMMU_PM_IRQ_EVENTQ], ==, 0);
    /* while the error is active the queue is not writable (7.2.1) */
    g_assert_false(smmu_pm_eventq_writable(&e.core));
    env_free(&e);
}

/* A stall event to an unwritable queue is deferred: no loss, no OVFLG */
static void test_stall_deferred(void)
{
    SmmuPmEvent ev = ev_n(0);
    Env e;

    small_queue(&e);
    for (unsigned n = 0; n < 4; n++) {
        g_assert_true(smmu_pm_event_record(&e.core, &ev));
    }
    ev.type = SMMU_EVT_F_TRANSLATION;
    ev.stall = true;
    g_assert_false(smmu_pm_event_record(&e.core, &ev));
    g_assert_cmphex(env_rd(&e, A_EVENTQ_PROD), ==, 1u << 2);
    g_assert_cmpuint(e.core.stats.events_deferred, ==, 1);
    env_free(&e);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    for (unsigned i = 0; i < G_N_ELEMENTS(ev_cases); i++) {
        char *path = g_strdup_printf("/smmuv3-pm/event/record/%s",
                                     ev_cases[i].name);

        g_test_add_data_func(path, &ev_cases[i], test_record);
        g_free(path);
    }
    g_test_add_func("/smmuv3-pm/event/stall-fields", test_stall_fields);
    g_test_add_func("/smmuv3-pm/event/names", test_names);
    g_test_add_func("/smmuv3-pm/event/queue-order-irq", test_queue_order_irq);
    g_test_add_func("/smmuv3-pm/event/disabled-drop", test_disabled_drop);
    g_test_add_func("/smmuv3-pm/event/overflow", test_overflow);
    g_test_add_func("/smmuv3-pm/event/write-abort", test_write_abort);
    g_test_add_func("/smmuv3-pm/event/stall-deferred", test_stall_deferred);
    return g_test_run();
}
