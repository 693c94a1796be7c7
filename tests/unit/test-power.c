/*
 * arm-smmuv3-pm unit tests: the power domain and the PM checker
 *
 * The Linux driver's model (tests/common/smmu-driver.h, shared with the
 * qtests) probes the core and plays the seed series' suspend and resume
 * around power-off; each checker rule is triggered by a minimal broken
 * sequence and must be counted exactly once with the details of its
 * first occurrence, and the correct suspend/resume sequence must trigger
 * none.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <inttypes.h>

#include "engine-env.h"
#include "fake-clock.h"
#include "hw/arm/smmuv3-pm/core/cmdq/cmdq.h"
#include "smmu-driver.h"

#define SID         0x18
#define MSI_ADDR    0x08090040ULL
#define ILLEGAL_OP  0x7f        /* no such command */

static const SbPte pte_rw = { .af = true, .ap = 1, .sh = 3 };

/* The core, and the driver that owns its queues */
typedef struct PmEnv {
    Env e;
    SmmuDrv drv;
    SbPgtable *pt;              /* SID's stage-1 tables */
    uint64_t pa;                /* where its IOVA 0x5000 maps */
} PmEnv;

/* ---- The driver model over the core's register file --------------------- */

static uint32_t drv_read32(void *opaque, uint32_t off)
{
    return env_rd(opaque, off);
}

static void drv_write32(void *opaque, uint32_t off, uint32_t val)
{
    env_wr(opaque, off, val, 4);
}

static void drv_write64(void *opaque, uint32_t off, uint64_t val)
{
    env_wr(opaque, off, val, 8);
}

static const SmmuDrvOps drv_ops = {
    .read32 = drv_read32, .write32 = drv_write32, .write64 = drv_write64,
    .mem_write = env_mem_write,
};

/* A stage-1 stream SID: IOVA 0x5000 -> a page of RAM; returns the page */
static uint64_t map_stream(Env *e, SbPgtable **pt)
{
    SbCd cd = { .v = true, .aa64 = true, .r = true, .a = true, .ips = 5,
                .epd1 = true, .asid = 1, .t0sz = 16 };
    SbCdtab cdtab = sb_cdtab_linear(&e->sb, 0);
    SbSte ste = { .v = true, .config = SB_STE_CFG_S1 };
    uint64_t pa = sb_alloc(&e->sb, 0x1000, 0x1000);

    *pt = sb_pgt_new(&e->sb, 1, 12, 16, -1, 1, false);
    sb_pgt_fill_cd(*pt, &cd);
    g_assert_true(sb_pgt_map(*pt, 0x5000, pa, 0x1000, &pte_rw));
    sb_ste_set_cdtab(&ste, &cdtab);
    sb_cd_write(&e->sb, &cdtab, 0, &cd);
    sb_ste_write(&e->sb, &e->st, SID, &ste);
    return pa;
}

static void push(PmEnv *p, void (*build)(uint64_t out[2]))
{
    uint64_t c[2];

    build(c);
    smmu_drv_cmd_push(&p->drv, c);
}

static void cmd_sync(uint64_t out[2])
{
    sb_cmd_sync(out, 0, 0, 0, 0, 0);
}

static void power(Env *e, bool on)
{
    smmu_pm_power_request(&e->core, on);
    g_assert_cmpint(smmu_pm_powered(&e->core), ==, on);
}

/*
 * A driver that sets the queue and stream table base registers again
 * after power-up, and restarts its command queue at 0, but no more
 */
static void restore_tables(PmEnv *p)
{
    Env *e = &p->e;

    env_wr(e, A_CMDQ_BASE, sb_queue_base_reg(e->cmdq, ENV_CMDQ_LOG2, false),
           8);
    env_wr(e, A_EVENTQ_BASE,
           sb_queue_base_reg(e->evtq, ENV_EVTQ_LOG2, false), 8);
    p->drv.cmdq_prod = 0;
    env_wr(e, A_STRTAB_BASE, sb_strtab_base_reg(&e->st, false), 8);
    env_wr(e, A_STRTAB_BASE_CFG, sb_strtab_base_cfg_reg(&e->st), 4);
}

static uint64_t total_violations(Env *e)
{
    uint64_t n = 0;

    for (int i = 0; i < SMMU_PM_RULE__MAX; i++) {
        n += e->core.checker.v[i].count;
    }
    return n;
}

/* Exactly one violation in all, of @rule, whose detail contains @text */
static void assert_only(Env *e, SmmuPmRule rule, const char *text)
{
    const SmmuPmViolation *v = &e->core.checker.v[rule];

    g_assert_cmpuint(v->count, ==, 1);
    g_assert_cmpuint(total_violations(e), ==, 1);
    if (!strstr(v->first_detail, text)) {
        g_error("rule %s: detail '%s' lacks '%s'", smmu_pm_rules[rule].id,
                v->first_detail, text);
    }
}

/* The core, with the driver's queues and stream table, not probed yet */
static void env_start(PmEnv *p)
{
    Env *e = &p->e;

    env_init(e, NULL);
    e->st = sb_strtab_linear(&e->sb, 8);
    e->cmdq = sb_queue_alloc(&e->sb, ENV_CMDQ_LOG2, 16);
    e->evtq = sb_queue_alloc(&e->sb, ENV_EVTQ_LOG2, 32);
    p->drv = (SmmuDrv) {
        .ops = &drv_ops, .opaque = e,
        .cmdq = e->cmdq, .cmdq_log2 = ENV_CMDQ_LOG2,
        .evtq = e->evtq, .evtq_log2 = ENV_EVTQ_LOG2,
        .strtab_base = sb_strtab_base_reg(&e->st, false),
        .strtab_base_cfg = sb_strtab_base_cfg_reg(&e->st),
        .cr2 = R_CR2_RECINVSID_MASK,
    };
}

/* The core, probed by the driver, and a stage-1 stream mapped */
static void env_setup(PmEnv *p)
{
    env_start(p);
    smmu_drv_probe(&p->drv);
    p->pa = map_stream(&p->e, &p->pt);
}

static void env_done(PmEnv *p)
{
    sb_pgt_free(p->pt);
    env_free(&p->e);
}

/*
 * The seed series' sequence, twice: no violation, DMA right after.  The
 * event queue and global errors signal by MSI, which the resume restores.
 */
static void test_correct_cycle(void)
{
    PmEnv p;
    Env *e = &p.e;

    env_start(&p);
    p.drv.msi[SMMU_DRV_MSI_EVENTQ] = (SmmuDrvMsi) { MSI_ADDR, 1, 1 };
    p.drv.msi[SMMU_DRV_MSI_GERROR] = (SmmuDrvMsi) { MSI_ADDR, 2, 1 };
    p.drv.irq_ctrl = SMMU_DRV_IRQ_EVENTQ | SMMU_DRV_IRQ_GERROR;
    smmu_drv_probe(&p.drv);
    p.pa = map_stream(e, &p.pt);
    g_assert_cmphex(env_rd(e, A_IRQ_CTRLACK), ==,
                    R_IRQ_CTRL_EVENTQ_IRQEN_MASK |
                    R_IRQ_CTRL_GERROR_IRQEN_MASK);
    for (int i = 0; i < 2; i++) {
        smmu_drv_suspend(&p.drv);
        power(e, false);
        power(e, true);
        smmu_drv_resume(&p.drv);
        g_assert_cmphex(env_translate(e, SID, 0, false, 0x5008, true).addr,
                        ==, p.pa + 8);
    }
    g_assert_cmpuint(total_violations(e), ==, 0);
    g_assert_cmpuint(e->core.power.stats.power_ups, ==, 2);
    env_done(&p);
}

/* OFF: reads as zero, writes dropped, counted; registers lost */
static void test_registers_off(void)
{
    PmEnv p;
    Env *e = &p.e;

    env_setup(&p);
    smmu_drv_suspend(&p.drv);
    power(e, false);
    g_assert_cmphex(env_rd(e, A_IDR0), ==, 0);
    env_wr(e, A_CMDQ_PROD, 1, 4);
    g_assert_cmphex(env_rd(e, A_CMDQ_PROD), ==, 0);
    g_assert_cmpuint(e->core.power.stats.reads_while_off, ==, 2);
    g_assert_cmpuint(e->core.power.stats.writes_while_off, ==, 1);
    g_assert_cmpuint(e->core.checker.v[SMMU_PM_RULE_ACCESS_WHILE_OFF].count,
                     ==, 3);
    g_assert_nonnull(strstr(e->core.checker.v[
        SMMU_PM_RULE_ACCESS_WHILE_OFF].first_detail, "read IDR0"));
    g_assert_false(e->core.checker.v[
        SMMU_PM_RULE_ACCESS_WHILE_OFF].first_powered);
    power(e, true);
    /* nothing retained: reset values, GBPA.ABORT back to its reset value */
    g_assert_cmphex(env_rd(e, A_CR0), ==, 0);
    g_assert_cmphex(env_rd(e, A_STRTAB_BASE), ==, 0);
    g_assert_cmphex(env_rd(e, A_GBPA) & R_GBPA_ABORT_MASK, ==,
                    e->core.cfg.gbpa_reset ? R_GBPA_ABORT_MASK : 0);
    g_assert_cmphex(env_rd(e, A_IDR0), !=, 0);
    env_done(&p);
}

/* retention=registers: the register file survives OFF */
static void test_retention(void)
{
    PmEnv p;
    Env *e = &p.e;

    env_setup(&p);
    e->core.power.cfg.retention = SMMU_PM_RETAIN_REGISTERS;
    smmu_drv_suspend(&p.drv);
    power(e, false);
    power(e, true);
    g_assert_cmphex(env_rd(e, A_STRTAB_BASE), ==,
                    (uint32_t)sb_strtab_base_reg(&e->st, false));
    g_assert_cmphex(env_rd(e, A_GBPA) & R_GBPA_ABORT_MASK, ==,
                    R_GBPA_ABORT_MASK);
    env_done(&p);
}

static void test_dma_while_off(void)
{
    PmEnv p;
    Env *e = &p.e;

    env_setup(&p);
    smmu_drv_suspend(&p.drv);
    power(e, false);
    g_assert_cmpint(env_translate(e, SID, 0, false, 0x5000, false).status,
                    ==, SMMU_PM_TXN_ABORT);
    g_assert_cmpuint(e->core.power.stats.dma_while_off, ==, 1);
    assert_only(e, SMMU_PM_RULE_DMA_WHILE_OFF, "StreamID 0x18 read 0x5000");
    env_done(&p);
}

/* Resume without the CMD_SYNC after the invalidations */
static void test_enable_without_invalidation(void)
{
    PmEnv p;
    Env *e = &p.e;

    env_setup(&p);
    smmu_drv_suspend(&p.drv);
    power(e, false);
    power(e, true);
    restore_tables(&p);
    env_wr(e, A_CR0, R_CR0_CMDQEN_MASK, 4);
    push(&p, sb_cmd_cfgi_all);
    push(&p, sb_cmd_tlbi_nsnh_all);
    env_wr(e, A_CR0, R_CR0_CMDQEN_MASK | R_CR0_SMMUEN_MASK, 4);
    assert_only(e, SMMU_PM_RULE_ENABLE_WITHOUT_INVALIDATION,
                "CFGI_ALL yes, TLBI_NSNH_ALL yes, CMD_SYNC after both no");
    env_done(&p);
}

/* Power-off with the command queue stopped on an error, a SYNC behind */
static void test_off_with_commands(void)
{
    uint64_t bad[2] = { ILLEGAL_OP, 0 };
    uint64_t c[2];
    PmEnv p;
    Env *e = &p.e;

    env_setup(&p);
    smmu_drv_cmd_push(&p.drv, bad);
    sb_cmd_atc_inv(c, SID, false, 0, 0, 0, true);
    smmu_drv_cmd_push(&p.drv, c);
    push(&p, cmd_sync);
    power(e, false);
    g_assert_cmpuint(e->core.checker.v[SMMU_PM_RULE_OFF_WITH_COMMANDS].count,
                     ==, 1);
    g_assert_cmpstr(e->core.checker.v[SMMU_PM_RULE_OFF_WITH_COMMANDS]
                    .first_detail, ==, "3 command(s) between CONS and PROD, "
                    "1 ATC_INV, 1 CMD_SYNC (the queue is stopped on a "
                    "command error)");
    /* the command error is an unacknowledged GERROR too */
    g_assert_cmpuint(e->core.checker.v[SMMU_PM_RULE_OFF_WITH_GERROR].count,
                     ==, 1);
    g_assert_cmpuint(total_violations(e), ==, 2);
    env_done(&p);
}

/* A fault's event still in the queue at power-off */
static void test_off_with_events(void)
{
    PmEnv p;
    Env *e = &p.e;

    env_setup(&p);
    env_translate(e, SID, 0, false, 0x9000, false);  /* unmapped */
    g_assert_cmpuint(env_events(e), ==, 1);
    power(e, false);
    assert_only(e, SMMU_PM_RULE_OFF_WITH_EVENTS, "1 unread");
    env_done(&p);
}

/* SMMUEN=0 with GBPA bypass after translation was set up */
static void test_bypass_window(void)
{
    PmEnv p;
    Env *e = &p.e;

    env_setup(&p);
    env_wr(e, A_GBPA, R_GBPA_UPDATE_MASK, 4);      /* ABORT=0: bypass */
    env_wr(e, A_CR0, R_CR0_CMDQEN_MASK, 4);
    g_assert_true(env_translate(e, SID, 0, false, 0x5000, true).bypass);
    assert_only(e, SMMU_PM_RULE_BYPASS_WINDOW, "StreamID 0x18 at 0x5000");
    env_done(&p);
}

/* A device resumed before the SMMU: aborted by GBPA after power-up */
static void test_dma_before_enable(void)
{
    PmEnv p;
    Env *e = &p.e;

    env_setup(&p);
    e->core.cfg.gbpa_reset = true;
    smmu_drv_suspend(&p.drv);
    power(e, false);
    power(e, true);
    g_assert_cmpint(env_translate(e, SID, 0, false, 0x5000, false).status,
                    ==, SMMU_PM_TXN_ABORT);
    assert_only(e, SMMU_PM_RULE_DMA_BEFORE_ENABLE, "aborted by GBPA");
    smmu_drv_resume(&p.drv);
    g_assert_cmpuint(total_violations(e), ==, 1);
    env_done(&p);
}

/* EVENTQ's MSI address lost at power-off and not written again */
static void test_msi_not_restored(void)
{
    for (int restore = 0; restore < 2; restore++) {
        PmEnv p;
        Env *e = &p.e;

        env_setup(&p);
        env_wr(e, A_EVENTQ_IRQ_CFG0, MSI_ADDR, 8);
        env_wr(e, A_IRQ_CTRL, R_IRQ_CTRL_EVENTQ_IRQEN_MASK, 4);
        smmu_drv_suspend(&p.drv);
        env_wr(e, A_IRQ_CTRL, 0, 4);
        power(e, false);
        power(e, true);
        if (restore) {
            env_wr(e, A_EVENTQ_IRQ_CFG0, MSI_ADDR, 8);
        }
        env_wr(e, A_IRQ_CTRL, R_IRQ_CTRL_EVENTQ_IRQEN_MASK, 4);
        smmu_drv_resume(&p.drv);
        if (restore) {
            g_assert_cmpuint(total_violations(e), ==, 0);
        } else {
            assert_only(e, SMMU_PM_RULE_MSI_NOT_RESTORED,
                        "EVENTQ_IRQ_CFG0 was 0x8090040 before power-off "
                        "and is 0x0 now");
        }
        env_done(&p);
    }
}

/*
 * A driver without PM callbacks goes on issuing commands after the
 * power-off reset its command queue: each CMDQ_PROD write is counted
 * until the queue is set up again.  With the registers retained the
 * queue is still running and nothing is wrong.
 */
static void test_cmdq_not_restored(void)
{
    for (int retain = 0; retain < 2; retain++) {
        const SmmuPmViolation *v;
        PmEnv p;
        Env *e = &p.e;

        env_setup(&p);
        e->core.power.cfg.retention = retain ? SMMU_PM_RETAIN_REGISTERS :
                                     SMMU_PM_RETAIN_NONE;
        power(e, false);
        power(e, true);
        push(&p, sb_cmd_tlbi_nsnh_all);
        push(&p, cmd_sync);
        if (retain) {
            g_assert_cmpuint(total_violations(e), ==, 0);
            g_assert_cmphex(env_rd(e, A_CMDQ_CONS), ==, p.drv.cmdq_prod);
            env_done(&p);
            continue;
        }
        v = &e->core.checker.v[SMMU_PM_RULE_CMDQ_NOT_RESTORED];
        g_assert_cmpuint(v->count, ==, 2);
        g_assert_cmpuint(total_violations(e), ==, 2);
        /* the probe issued CFGI_ALL, CMD_SYNC, TLBI_NSNH_ALL, CMD_SYNC */
        g_assert_cmpstr(v->first_detail, ==, "CMDQ_PROD 0x5 written with "
                        "CMDQEN=0 and CMDQ_BASE 0x0: the power-off reset "
                        "the queue, and its commands are never consumed");
        g_assert_true(v->first_powered);
        /* nothing consumed them */
        g_assert_cmphex(env_rd(e, A_CMDQ_CONS), ==, 0);
        /* the seed series' resume sets the queue up again first */
        smmu_drv_resume(&p.drv);
        g_assert_cmpuint(v->count, ==, 2);
        g_assert_cmpuint(total_violations(e), ==, 2);
        env_done(&p);
    }
}

/* Each power-up cache policy, seen through a stale translation */
static void test_power_up_caches(void)
{
    static const SmmuPmPowerUpCaches policies[] = {
        SMMU_PM_CACHES_CLEAN, SMMU_PM_CACHES_STALE, SMMU_PM_CACHES_GARBAGE,
    };

    for (unsigned i = 0; i < G_N_ELEMENTS(policies); i++) {
        uint64_t pa2, got;
        PmEnv p;
        Env *e = &p.e;

        env_setup(&p);
        e->core.power.cfg.up_caches = policies[i];
        g_assert_cmphex(env_translate(e, SID, 0, false, 0x5000, false).addr,
                        ==, p.pa);                /* now in the TLB */
        /* the driver remaps the page while the SMMU is off */
        pa2 = sb_alloc(&e->sb, 0x1000, 0x1000);
        sb_pgt_unmap(p.pt, 0x5000, 0x1000);
        g_assert_true(sb_pgt_map(p.pt, 0x5000, pa2, 0x1000, &pte_rw));
        smmu_drv_suspend(&p.drv);
        power(e, false);
        power(e, true);
        /* resume that forgets to invalidate */
        smmu_drv_device_reset(&p.drv, false);
        got = env_translate(e, SID, 0, false, 0x5000, false).addr;
        switch (policies[i]) {
        case SMMU_PM_CACHES_CLEAN:
            g_assert_cmphex(got, ==, pa2);      /* walked afresh */
            break;
        case SMMU_PM_CACHES_STALE:
            g_assert_cmphex(got, ==, p.pa);       /* the old translation */
            break;
        case SMMU_PM_CACHES_GARBAGE:
            g_assert_cmphex(got, !=, p.pa);
            g_assert_cmphex(got, !=, pa2);
            g_assert_cmphex(got & 0xfff, ==, 0);
            g_assert_cmphex(got ^ p.pa, ==,
                            smmu_pm_garbage_pattern(1) & ~0xfffULL);
            break;
        }
        assert_only(e, SMMU_PM_RULE_ENABLE_WITHOUT_INVALIDATION,
                    "CFGI_ALL no");
        env_done(&p);
    }
}

/* ---- Transition latency ------------------------------------------------ */

static void test_latency(void)
{
    PmEnv p;
    Env *e = &p.e;

    env_setup(&p);
    fake_clock_attach(&e->ops, 0);
    e->core.power.cfg.off_latency_ns = 1000;
    e->core.power.cfg.on_latency_ns = 5000;
    fake_clock.now = 100;
    smmu_drv_suspend(&p.drv);
    smmu_pm_power_request(&e->core, false);
    g_assert_true(smmu_pm_powered(&e->core));        /* not yet */
    g_assert_cmpuint(fake_clock.deadline, ==, 1100);
    fake_clock.now = 1099;
    smmu_pm_power_timer(&e->core);
    g_assert_true(smmu_pm_powered(&e->core));
    fake_clock.now = 1100;
    smmu_pm_power_timer(&e->core);
    g_assert_false(smmu_pm_powered(&e->core));
    /* an access now is reported with its virtual time */
    env_rd(e, A_CR0);
    g_assert_cmpuint(e->core.checker.v[SMMU_PM_RULE_ACCESS_WHILE_OFF]
                     .first_ns, ==, 1100);
    smmu_pm_power_request(&e->core, true);
    g_assert_cmpuint(fake_clock.deadline, ==, 6100);
    /* undone before it takes effect: stays off */
    smmu_pm_power_request(&e->core, false);
    fake_clock.now = 7000;
    smmu_pm_power_timer(&e->core);
    g_assert_false(smmu_pm_powered(&e->core));
    env_done(&p);
}

/* What the host's pm_violation hook was told, in order */
static GString *violations_seen;

static void record_violation(void *opaque, unsigned rule, uint64_t count,
                             const char *detail)
{
    g_string_append_printf(violations_seen, "%s #%" PRIu64 ": %s\n",
                           smmu_pm_rules[rule].id, count, detail);
}

/* The host hears of every violation, the first and the repeats */
static void test_violation_hook(void)
{
    PmEnv p;
    Env *e = &p.e;

    violations_seen = g_string_new("");
    env_setup(&p);
    e->ops.pm_violation = record_violation;
    smmu_drv_suspend(&p.drv);
    power(e, false);
    env_rd(e, A_IDR0);
    env_wr(e, A_CR0, 1, 4);
    g_assert_cmpstr(violations_seen->str, ==,
                    "access-while-off #1: read IDR0 (0x00000)\n"
                    "access-while-off #2: write CR0 (0x00020)\n");
    g_assert_cmpuint(e->core.checker.v[SMMU_PM_RULE_ACCESS_WHILE_OFF].count,
                     ==, 2);
    g_string_free(violations_seen, true);
    env_done(&p);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/smmuv3-pm/power/correct-cycle", test_correct_cycle);
    g_test_add_func("/smmuv3-pm/power/registers-off", test_registers_off);
    g_test_add_func("/smmuv3-pm/power/retention", test_retention);
    g_test_add_func("/smmuv3-pm/power/caches", test_power_up_caches);
    g_test_add_func("/smmuv3-pm/power/latency", test_latency);
    g_test_add_func("/smmuv3-pm/checker/dma-while-off", test_dma_while_off);
    g_test_add_func("/smmuv3-pm/checker/enable-without-invalidation",
                    test_enable_without_invalidation);
    g_test_add_func("/smmuv3-pm/checker/off-with-commands",
                    test_off_with_commands);
    g_test_add_func("/smmuv3-pm/checker/off-with-events",
                    test_off_with_events);
    g_test_add_func("/smmuv3-pm/checker/bypass-window", test_bypass_window);
    g_test_add_func("/smmuv3-pm/checker/dma-before-enable",
                    test_dma_before_enable);
    g_test_add_func("/smmuv3-pm/checker/msi-not-restored",
                    test_msi_not_restored);
    g_test_add_func("/smmuv3-pm/checker/cmdq-not-restored",
                    test_cmdq_not_restored);
    g_test_add_func("/smmuv3-pm/checker/violation-hook",
                    test_violation_hook);
    return g_test_run();
}
