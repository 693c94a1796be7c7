/*
 * arm-smmuv3-pm core unit tests: the timing model
 *
 * A core with a fake virtual clock: the test moves time forward and the
 * host timer fires at each deadline the core asked for, in order, as
 * QEMU_CLOCK_VIRTUAL would.  Expected times come from the mmu600 preset
 * (base/timing.c): a command costs its fetch (mem) plus its class cost.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <glib.h>

#include "engine-env.h"
#include "fake-clock.h"
#include "hw/arm/smmuv3-pm/core/base/timing.h"

#define SID 3

/* Move the fake clock to @to, firing the timer at each deadline */
static void run_until(Env *e, uint64_t to)
{
    while (fake_clock.armed && fake_clock.deadline <= to) {
        fake_clock.armed = false;
        fake_clock.now = MAX(fake_clock.now, fake_clock.deadline);
        smmu_pm_core_timer(&e->core);
        smmu_pm_core_run(&e->core);     /* a kick from the timer */
    }
    fake_clock.now = MAX(fake_clock.now, to);
}

static void advance(Env *e, uint64_t ns)
{
    run_until(e, fake_clock.now + ns);
}

/* A core of the generic preset with the mmu600 latencies, timing on */
static void timed_init(Env *e)
{
    env_init(e, NULL);
    fake_clock_attach(&e->ops, 1000);
    smmu_pm_timing_preset(SMMU_PM_MODEL_MMU600, &e->core.timing.cfg);
    g_assert_true(e->core.timing.cfg.enabled);
}

static const SmmuPmTimingConfig *tcfg(Env *e)
{
    return &e->core.timing.cfg;
}

/* Cost of one command of class @cls, fetch included, in ns (1 GHz) */
static uint64_t cmd_ns(Env *e, SmmuPmCmdClass cls)
{
    return tcfg(e)->cmd_fetch_cycles + tcfg(e)->cmd_cycles[cls];
}

/* Write CR0 and wait for CR0ACK, as arm_smmu_write_reg_sync() does */
static void cr0_sync(Env *e, uint32_t v)
{
    env_wr(e, A_CR0, v, 4);
    while (env_rd(e, A_CR0ACK) != v) {
        advance(e, 1);
    }
}

static uint32_t cons(Env *e)
{
    return env_rd(e, A_CMDQ_CONS) & ((2u << ENV_CMDQ_LOG2) - 1);
}

/* The queues and stream table programmed, CMDQEN and EVENTQEN on */
static void timed_enable_queues(Env *e)
{
    env_program(e, sb_strtab_linear(&e->sb, 8));
    cr0_sync(e, R_CR0_CMDQEN_MASK | R_CR0_EVENTQEN_MASK);
}

/* Push without running: several commands made visible by one PROD write */
static void queue_cmd(Env *e, const uint64_t cmd[2])
{
    sb_queue_push(&e->sb, e->cmdq, ENV_CMDQ_LOG2, &e->cmdq_prod, cmd);
}

static void publish(Env *e)
{
    env_wr(e, A_CMDQ_PROD, e->cmdq_prod, 4);
}

static uint64_t violations(Env *e, SmmuPmRule rule)
{
    return e->core.checker.v[rule].count;
}

static uint64_t all_violations(Env *e)
{
    return smmu_pm_checker_count(&e->core.checker, SMMU_PM_SEVERITY_ERROR) +
           smmu_pm_checker_count(&e->core.checker, SMMU_PM_SEVERITY_WARNING);
}

/* ---- Commands ------------------------------------------------------------ */

/*
 * Three commands made visible at once complete one after the other,
 * each at its own cost; CONS moves at each completion and not before,
 * and the CMD_SYNC interrupt comes with the CMD_SYNC
 */
static void test_cons_in_time(void)
{
    uint64_t c[2], t0, t1, t2, t3;
    SbTlbiAddr va = { .addr = 0x10000 };
    Env e;

    timed_init(&e);
    timed_enable_queues(&e);
    sb_cmd_cfgi_ste(c, SID, false);
    queue_cmd(&e, c);
    sb_cmd_tlbi_nh_va(c, 0, 1, &va);
    queue_cmd(&e, c);
    sb_cmd_sync(c, SB_SYNC_CS_IRQ, 0, 0, 0, 0);
    queue_cmd(&e, c);
    t0 = fake_clock.now;
    publish(&e);
    t1 = t0 + cmd_ns(&e, SMMU_PM_CMDC_CFGI);
    t2 = t1 + cmd_ns(&e, SMMU_PM_CMDC_TLBI_VA);
    t3 = t2 + cmd_ns(&e, SMMU_PM_CMDC_SYNC);
    g_assert_cmpuint(cons(&e), ==, 0);          /* nothing instant */
    run_until(&e, t1 - 1);
    g_assert_cmpuint(cons(&e), ==, 0);
    run_until(&e, t1);
    g_assert_cmpuint(cons(&e), ==, 1);
    run_until(&e, t2 - 1);
    g_assert_cmpuint(cons(&e), ==, 1);
    run_until(&e, t2);
    g_assert_cmpuint(cons(&e), ==, 2);
    run_until(&e, t3 - 1);
    g_assert_cmpuint(cons(&e), ==, 2);
    g_assert_cmpuint(e.host.irq_pulses[SMMU_PM_IRQ_CMD_SYNC], ==, 0);
    run_until(&e, t3);
    g_assert_cmpuint(cons(&e), ==, 3);
    g_assert_cmpuint(e.host.irq_pulses[SMMU_PM_IRQ_CMD_SYNC], ==, 1);
    g_assert_cmpuint(e.core.stats.syncs, ==, 1);
    g_assert_false(fake_clock.armed);                /* idle: no more timers */
    /* the latency record: from the PROD write to each completion */
    g_assert_cmpuint(e.core.timing.stats.cmd_latency[SB_CMD_SYNC].count,
                     ==, 1);
    g_assert_cmpuint(e.core.timing.stats.cmd_latency[SB_CMD_SYNC].max_ns,
                     ==, t3 - t0);
    g_assert_cmpuint(e.core.timing.stats.cmd_latency[SB_CMD_CFGI_STE]
                     .min_ns, ==, t1 - t0);
    g_assert_cmpuint(e.core.timing.stats.cmdq_busy_ns, ==, t3 - t0);
    g_assert_cmpuint(e.core.timing.stats.cmdq_depth_max, ==, 3);
    g_assert_cmpuint(all_violations(&e), ==, 0);
    env_free(&e);
}

/*
 * A command arriving while the processor is idle starts then; one
 * arriving while it is busy waits for the one before it (CMD_SYNC after
 * everything before it), and its latency counts the wait
 */
static void test_arrival_and_wait(void)
{
    uint64_t c[2], t0, busy_until;
    Env e;

    timed_init(&e);
    timed_enable_queues(&e);
    advance(&e, 5000);
    sb_cmd_tlbi_nsnh_all(c);
    queue_cmd(&e, c);
    t0 = fake_clock.now;
    publish(&e);
    busy_until = t0 + cmd_ns(&e, SMMU_PM_CMDC_TLBI_ALL);
    advance(&e, 100);
    sb_cmd_sync(c, SB_SYNC_CS_NONE, 0, 0, 0, 0);
    queue_cmd(&e, c);
    publish(&e);                                /* at t0 + 100 */
    run_until(&e, busy_until);
    g_assert_cmpuint(cons(&e), ==, 1);
    run_until(&e, busy_until + cmd_ns(&e, SMMU_PM_CMDC_SYNC) - 1);
    g_assert_cmpuint(cons(&e), ==, 1);
    run_until(&e, busy_until + cmd_ns(&e, SMMU_PM_CMDC_SYNC));
    g_assert_cmpuint(cons(&e), ==, 2);
    g_assert_cmpuint(e.core.timing.stats.cmd_latency[SB_CMD_SYNC].max_ns,
                     ==, busy_until + cmd_ns(&e, SMMU_PM_CMDC_SYNC) -
                         (t0 + 100));
    env_free(&e);
}

/* A range TLBI costs per page, never more than TLBI of everything */
static void test_tlbi_range_cost(void)
{
    SbTlbiAddr four = { .addr = 0x100000, .tg = 1, .num = 3 };
    SbTlbiAddr huge = { .addr = 0x100000, .tg = 1, .num = 31, .scale = 20 };
    uint64_t c[2], t0;
    SmmuPmConfig cfg;
    SmmuPmUserConfig user;
    char *err = NULL;
    Env e;

    smmu_pm_user_config_init(&user);
    user.ril = 1;
    g_assert_true(smmu_pm_config_resolve(&user, &cfg, &err));
    env_init(&e, &cfg);
    fake_clock_attach(&e.ops, 1000);
    smmu_pm_timing_preset(SMMU_PM_MODEL_MMU600, &e.core.timing.cfg);
    timed_enable_queues(&e);

    sb_cmd_tlbi_nh_vaa(c, 0, &four);
    queue_cmd(&e, c);
    t0 = fake_clock.now;
    publish(&e);
    run_until(&e, t0 + tcfg(&e)->cmd_fetch_cycles +
              4 * tcfg(&e)->cmd_cycles[SMMU_PM_CMDC_TLBI_VA] - 1);
    g_assert_cmpuint(cons(&e), ==, 0);
    advance(&e, 1);
    g_assert_cmpuint(cons(&e), ==, 1);

    sb_cmd_tlbi_nh_vaa(c, 0, &huge);
    queue_cmd(&e, c);
    t0 = fake_clock.now;
    publish(&e);
    run_until(&e, t0 + cmd_ns(&e, SMMU_PM_CMDC_TLBI_ALL));
    g_assert_cmpuint(cons(&e), ==, 2);
    env_free(&e);
}

/* ---- Handshakes ---------------------------------------------------------- */

static void test_handshakes(void)
{
    uint32_t gbpa = R_GBPA_ABORT_MASK, gbpa0;
    Env e;

    timed_init(&e);
    gbpa0 = env_rd(&e, A_GBPA);
    env_wr(&e, A_CR0, R_CR0_EVENTQEN_MASK, 4);
    g_assert_cmpuint(env_rd(&e, A_CR0), ==, R_CR0_EVENTQEN_MASK);
    g_assert_cmpuint(env_rd(&e, A_CR0ACK), ==, 0);
    advance(&e, tcfg(&e)->cr0ack_cycles - 1);
    g_assert_cmpuint(env_rd(&e, A_CR0ACK), ==, 0);
    advance(&e, 1);
    g_assert_cmpuint(env_rd(&e, A_CR0ACK), ==, R_CR0_EVENTQEN_MASK);

    /* GBPA: UPDATE reads 1, with the new value, until the update is done */
    env_wr(&e, A_GBPA, gbpa | R_GBPA_UPDATE_MASK, 4);
    g_assert_cmpuint(env_rd(&e, A_GBPA), ==, gbpa | R_GBPA_UPDATE_MASK);
    g_assert_cmpuint(e.core.regs.gbpa, ==, gbpa0);  /* not applied yet */
    advance(&e, tcfg(&e)->gbpa_cycles);
    g_assert_cmpuint(env_rd(&e, A_GBPA), ==, gbpa);

    env_wr(&e, A_IRQ_CTRL, R_IRQ_CTRL_GERROR_IRQEN_MASK, 4);
    g_assert_cmpuint(env_rd(&e, A_IRQ_CTRLACK), ==, 0);
    advance(&e, tcfg(&e)->irq_ctrlack_cycles);
    g_assert_cmpuint(env_rd(&e, A_IRQ_CTRLACK), ==,
                     R_IRQ_CTRL_GERROR_IRQEN_MASK);
    g_assert_cmpuint(all_violations(&e), ==, 0);
    env_free(&e);
}

/* CMDQEN takes effect at CR0ACK: commands wait for it */
static void test_commands_wait_for_cmdqen(void)
{
    uint64_t c[2];
    Env e;

    timed_init(&e);
    e.cmdq = sb_queue_alloc(&e.sb, ENV_CMDQ_LOG2, 16);
    env_wr(&e, A_CMDQ_BASE, sb_queue_base_reg(e.cmdq, ENV_CMDQ_LOG2, false),
           8);
    sb_cmd_sync(c, SB_SYNC_CS_NONE, 0, 0, 0, 0);
    queue_cmd(&e, c);
    publish(&e);
    env_wr(&e, A_CR0, R_CR0_CMDQEN_MASK, 4);
    /* CMDQEN is written but not acknowledged: the command waits */
    advance(&e, tcfg(&e)->cr0ack_cycles - 1);
    g_assert_false(e.core.timing.cmd_scheduled);
    /* from CR0ACK on, it takes its fetch and execution */
    advance(&e, 1 + cmd_ns(&e, SMMU_PM_CMDC_SYNC) - 1);
    g_assert_cmpuint(cons(&e), ==, 0);
    advance(&e, 1);
    g_assert_cmpuint(cons(&e), ==, 1);
    env_free(&e);
}

/* ---- Rules that only time makes visible ---------------------------------- */

/* A driver that writes again before the acknowledgement, and one that waits */
static void test_write_before_ack(void)
{
    Env e;

    timed_init(&e);
    e.cmdq = sb_queue_alloc(&e.sb, ENV_CMDQ_LOG2, 16);
    env_wr(&e, A_CR0, R_CR0_CMDQEN_MASK, 4);
    /* CMDQEN off, and CMDQ_BASE rewritten before CR0ACK says it is off */
    advance(&e, tcfg(&e)->cr0ack_cycles);
    env_wr(&e, A_CR0, 0, 4);
    env_wr(&e, A_CMDQ_BASE, sb_queue_base_reg(e.cmdq, ENV_CMDQ_LOG2, false),
           8);
    g_assert_cmpuint(violations(&e, SMMU_PM_RULE_WRITE_BEFORE_ACK), ==, 1);
    g_assert_cmpstr(e.core.checker.v[SMMU_PM_RULE_WRITE_BEFORE_ACK]
                    .first_detail, ==, "CMDQ_BASE written while the CR0 "
                    "update was not yet acknowledged");
    /* ... which the SMMU ignored: the queue was still enabled */
    g_assert_cmpuint(e.core.regs.cmdq.base, ==, 0);
    advance(&e, tcfg(&e)->cr0ack_cycles);
    env_wr(&e, A_GBPA, R_GBPA_UPDATE_MASK | R_GBPA_ABORT_MASK, 4);
    env_wr(&e, A_GBPA, R_GBPA_UPDATE_MASK, 4);
    g_assert_cmpuint(violations(&e, SMMU_PM_RULE_WRITE_BEFORE_ACK), ==, 2);
    advance(&e, tcfg(&e)->gbpa_cycles);
    env_wr(&e, A_IRQ_CTRL, R_IRQ_CTRL_EVENTQ_IRQEN_MASK, 4);
    env_wr(&e, A_IRQ_CTRL, 0, 4);
    g_assert_cmpuint(violations(&e, SMMU_PM_RULE_WRITE_BEFORE_ACK), ==, 3);
    env_free(&e);

    /* The same steps, each after its acknowledgement: nothing to say */
    timed_init(&e);
    e.cmdq = sb_queue_alloc(&e.sb, ENV_CMDQ_LOG2, 16);
    cr0_sync(&e, R_CR0_CMDQEN_MASK);
    cr0_sync(&e, 0);
    env_wr(&e, A_CMDQ_BASE, sb_queue_base_reg(e.cmdq, ENV_CMDQ_LOG2, false),
           8);
    g_assert_cmpuint(e.core.regs.cmdq.base, !=, 0);
    env_wr(&e, A_GBPA, R_GBPA_UPDATE_MASK | R_GBPA_ABORT_MASK, 4);
    while (env_rd(&e, A_GBPA) & R_GBPA_UPDATE_MASK) {
        advance(&e, 1);
    }
    env_wr(&e, A_GBPA, R_GBPA_UPDATE_MASK, 4);
    g_assert_cmpuint(all_violations(&e), ==, 0);
    env_free(&e);
}

static void test_off_before_ack(void)
{
    uint32_t gbpa0;
    Env e;

    timed_init(&e);
    gbpa0 = env_rd(&e, A_GBPA);
    env_wr(&e, A_GBPA, R_GBPA_UPDATE_MASK | R_GBPA_ABORT_MASK, 4);
    smmu_pm_power_request(&e.core, false);
    g_assert_cmpuint(violations(&e, SMMU_PM_RULE_OFF_BEFORE_ACK), ==, 1);
    g_assert_cmpstr(e.core.checker.v[SMMU_PM_RULE_OFF_BEFORE_ACK]
                    .first_detail, ==, "GBPA 0x100000 not yet applied (GBPA "
                    "was 0x1000)");
    /* Nothing the lost update left behind happens after power-up */
    smmu_pm_power_request(&e.core, true);
    advance(&e, 10000);
    g_assert_cmpuint(env_rd(&e, A_GBPA), ==, gbpa0);
    g_assert_false(fake_clock.armed);
    env_free(&e);

    timed_init(&e);
    env_wr(&e, A_GBPA, R_GBPA_UPDATE_MASK | R_GBPA_ABORT_MASK, 4);
    advance(&e, tcfg(&e)->gbpa_cycles);
    smmu_pm_power_request(&e.core, false);
    g_assert_cmpuint(all_violations(&e), ==, 0);
    env_free(&e);
}

/*
 * Power-off while a CMD_SYNC is still on its way: the driver did not
 * wait for it.  Waiting for it (CONS past it) leaves nothing to say.
 */
static void test_off_before_sync(void)
{
    uint64_t c[2];

    for (int wait = 0; wait < 2; wait++) {
        Env e;

        timed_init(&e);
        timed_enable_queues(&e);
        sb_cmd_tlbi_nsnh_all(c);
        queue_cmd(&e, c);
        sb_cmd_sync(c, SB_SYNC_CS_NONE, 0, 0, 0, 0);
        queue_cmd(&e, c);
        publish(&e);
        if (wait) {
            while (cons(&e) != 2) {
                advance(&e, 10);
            }
        } else {
            advance(&e, cmd_ns(&e, SMMU_PM_CMDC_TLBI_ALL));
            g_assert_cmpuint(cons(&e), ==, 1);
        }
        smmu_pm_power_request(&e.core, false);
        g_assert_cmpuint(violations(&e, SMMU_PM_RULE_OFF_BEFORE_SYNC), ==,
                         !wait);
        g_assert_cmpuint(violations(&e, SMMU_PM_RULE_OFF_WITH_COMMANDS), ==,
                         !wait);
        if (!wait) {
            g_assert_cmpstr(e.core.checker.v[SMMU_PM_RULE_OFF_BEFORE_SYNC]
                            .first_detail, ==, "CMD_SYNC at index 0x1 not "
                            "complete (CONS 0x1, PROD 0x2)");
        }
        /* the command processor stopped with the power */
        g_assert_false(e.core.timing.cmd_scheduled);
        env_free(&e);
    }
}

/* ---- Output queues ------------------------------------------------------- */

/*
 * An event's record is visible, with its interrupt, after the event
 * latency; records written meanwhile come with it
 */
static void test_event_latency(void)
{
    SmmuPmTxnResult r;
    Env e;

    timed_init(&e);
    timed_enable_queues(&e);
    env_wr(&e, A_IRQ_CTRL, R_IRQ_CTRL_EVENTQ_IRQEN_MASK, 4);
    advance(&e, tcfg(&e)->irq_ctrlack_cycles);
    cr0_sync(&e, R_CR0_CMDQEN_MASK | R_CR0_EVENTQEN_MASK |
             R_CR0_SMMUEN_MASK);
    /* StreamID 3's STE is invalid: C_BAD_STE */
    r = env_translate(&e, SID, 0, false, 0x1000, false);
    g_assert_cmpint(r.status, ==, SMMU_PM_TXN_ABORT);
    g_assert_cmpuint(env_events(&e), ==, 0);
    advance(&e, 50);
    r = env_translate(&e, SID, 0, false, 0x2000, false);
    g_assert_cmpuint(env_events(&e), ==, 0);
    g_assert_cmpuint(e.host.irq_pulses[SMMU_PM_IRQ_EVENTQ], ==, 0);
    advance(&e, tcfg(&e)->event_cycles - 50 - 1);
    g_assert_cmpuint(env_events(&e), ==, 0);
    advance(&e, 1);
    g_assert_cmpuint(env_events(&e), ==, 2);
    g_assert_cmpuint(e.host.irq_pulses[SMMU_PM_IRQ_EVENTQ], ==, 1);
    env_free(&e);
}

/* ---- Configuration -------------------------------------------------------- */

static void test_resolve(void)
{
    SmmuPmTimingUser user;
    SmmuPmTimingConfig cfg;
    char *err = NULL;
    unsigned i;

    smmu_pm_timing_user_init(&user);
    g_assert_true(smmu_pm_timing_resolve(SMMU_PM_MODEL_GENERIC, &user, &cfg,
                                         &err));
    g_assert_false(cfg.enabled);
    g_assert_true(smmu_pm_timing_resolve(SMMU_PM_MODEL_MMU700, &user, &cfg,
                                         &err));
    g_assert_true(cfg.enabled);
    user.enabled = 0;
    g_assert_true(smmu_pm_timing_resolve(SMMU_PM_MODEL_MMU600, &user, &cfg,
                                         &err));
    g_assert_false(cfg.enabled);

    for (i = 0; strcmp(smmu_pm_timing_params[i].name, "cmds-per-fetch"); i++) {
    }
    user.value[i] = 0;
    g_assert_false(smmu_pm_timing_resolve(SMMU_PM_MODEL_MMU600, &user, &cfg,
                                          &err));
    g_assert_cmpstr(err, ==, "property 'cmds-per-fetch': 0 is out of range, "
                    "valid values are 1 to 64 (commands read by one fetch)");
    g_free(err);
    user.value[i] = 4;
    g_assert_true(smmu_pm_timing_resolve(SMMU_PM_MODEL_MMU600, &user, &cfg,
                                         &err));
    g_assert_cmpuint(cfg.cmds_per_fetch, ==, 4);
    /* every parameter names a field of its own */
    for (i = 0; i < smmu_pm_timing_n_params; i++) {
        for (unsigned j = 0; j < i; j++) {
            g_assert_cmpuint(smmu_pm_timing_params[i].offset, !=,
                             smmu_pm_timing_params[j].offset);
        }
    }
    g_assert_cmpuint(smmu_pm_cycles_to_ns(&cfg, 3), ==, 3);
    cfg.clock_mhz = 800;
    g_assert_cmpuint(smmu_pm_cycles_to_ns(&cfg, 3), ==, 4);  /* rounded up */
}

/* cmds-per-fetch 4: one fetch for four commands, a new one after a gap */
static void test_fetch_burst(void)
{
    uint64_t c[2], t0, cost;
    Env e;

    timed_init(&e);
    e.core.timing.cfg.cmds_per_fetch = 4;
    timed_enable_queues(&e);
    sb_cmd_cfgi_ste(c, SID, false);
    for (int i = 0; i < 5; i++) {
        queue_cmd(&e, c);
    }
    t0 = fake_clock.now;
    publish(&e);
    cost = tcfg(&e)->cmd_cycles[SMMU_PM_CMDC_CFGI];
    run_until(&e, t0 + tcfg(&e)->cmd_fetch_cycles + 4 * cost);
    g_assert_cmpuint(cons(&e), ==, 4);
    run_until(&e, t0 + 2 * tcfg(&e)->cmd_fetch_cycles + 5 * cost - 1);
    g_assert_cmpuint(cons(&e), ==, 4);
    advance(&e, 1);
    g_assert_cmpuint(cons(&e), ==, 5);
    env_free(&e);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/timing/cmdq/cons-in-time", test_cons_in_time);
    g_test_add_func("/timing/cmdq/arrival-and-wait", test_arrival_and_wait);
    g_test_add_func("/timing/cmdq/tlbi-range-cost", test_tlbi_range_cost);
    g_test_add_func("/timing/cmdq/fetch-burst", test_fetch_burst);
    g_test_add_func("/timing/cmdq/wait-for-cmdqen",
                    test_commands_wait_for_cmdqen);
    g_test_add_func("/timing/handshakes", test_handshakes);
    g_test_add_func("/timing/rules/write-before-ack", test_write_before_ack);
    g_test_add_func("/timing/rules/off-before-ack", test_off_before_ack);
    g_test_add_func("/timing/rules/off-before-sync", test_off_before_sync);
    g_test_add_func("/timing/eventq/latency", test_event_latency);
    g_test_add_func("/timing/config/resolve", test_resolve);
    return g_test_run();
}
