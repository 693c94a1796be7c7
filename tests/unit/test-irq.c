/*
 * arm-smmuv3-pm unit tests: interrupts and global errors (base/irq.c)
 *
 * Each source (event queue, PRI queue, CMD_SYNC, GERROR) as a wired
 * pulse or an MSI of its own *_IRQ_CFG0/1/2 (6.3.18, 6.3.21-22, 6.3.33-
 * 34...), IRQ_CTRL gating (6.3.17: CMD_SYNC has no enable), an MSI the
 * bus aborts setting GERROR.MSI_*_ABT_ERR (and the GERROR MSI's own abort
 * not signalling again), and smmu_pm_raise_gerror()'s toggle semantics
 * (an error is active while GERROR[n] != GERRORN[n]).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "spec.h"

#define MSI_EVQ     0x40100000ULL
#define MSI_PRIQ    0x40100040ULL
#define MSI_GERR    0x40100080ULL

static uint32_t active(Env *e)
{
    return env_rd(e, A_GERROR) ^ env_rd(e, A_GERRORN);
}

/* PRI (and so ATS) advertised, so that the PRI queue's interrupt exists */
static void irq_env(Env *e, int msi)
{
    SmmuPmUserConfig user;
    SmmuPmConfig cfg;
    char *err = NULL;

    smmu_pm_user_config_init(&user);
    user.stage = "nested";
    user.msi = msi;
    user.ats = 1;
    user.pri = 1;
    g_assert_true(smmu_pm_config_resolve(&user, &cfg, &err));
    env_init(e, &cfg);
}

static void env_irq_ctrl(Env *e, uint32_t v)
{
    env_wr(e, A_IRQ_CTRL, v, 4);
    g_assert_cmphex(env_rd(e, A_IRQ_CTRLACK), ==, v);
}

/* Every source wired: a pulse per signal, only when enabled */
static void test_wired(void)
{
    Env e;

    irq_env(&e, 1);
    for (int s = 0; s < SMMU_PM_IRQ__MAX; s++) {
        smmu_pm_irq_signal(&e.core, s);
    }
    for (int s = 0; s < SMMU_PM_IRQ__MAX; s++) {
        g_assert_cmpuint(e.host.irq_pulses[s], ==, 0);
    }
    env_irq_ctrl(&e, SPEC_IRQ_CTRL_EVENTQ_IRQEN);
    smmu_pm_irq_signal(&e.core, SMMU_PM_IRQ_EVENTQ);
    smmu_pm_irq_signal(&e.core, SMMU_PM_IRQ_PRIQ);
    smmu_pm_irq_signal(&e.core, SMMU_PM_IRQ_GERROR);
    g_assert_cmpuint(e.host.irq_pulses[SMMU_PM_IRQ_EVENTQ], ==, 1);
    g_assert_cmpuint(e.host.irq_pulses[SMMU_PM_IRQ_PRIQ], ==, 0);
    g_assert_cmpuint(e.host.irq_pulses[SMMU_PM_IRQ_GERROR], ==, 0);
    env_irq_ctrl(&e, SPEC_IRQ_CTRL_PRIQ_IRQEN | SPEC_IRQ_CTRL_GERROR_IRQEN);
    smmu_pm_irq_signal(&e.core, SMMU_PM_IRQ_EVENTQ);
    smmu_pm_irq_signal(&e.core, SMMU_PM_IRQ_PRIQ);
    smmu_pm_irq_signal(&e.core, SMMU_PM_IRQ_GERROR);
    g_assert_cmpuint(e.host.irq_pulses[SMMU_PM_IRQ_EVENTQ], ==, 1);
    g_assert_cmpuint(e.host.irq_pulses[SMMU_PM_IRQ_PRIQ], ==, 1);
    g_assert_cmpuint(e.host.irq_pulses[SMMU_PM_IRQ_GERROR], ==, 1);
    /* CMD_SYNC: no enable bit, no MSI address -> the wired line */
    env_irq_ctrl(&e, 0);
    smmu_pm_irq_cmd_sync(&e.core, 0, 0, 0);
    g_assert_cmpuint(e.host.irq_pulses[SMMU_PM_IRQ_CMD_SYNC], ==, 1);
    g_assert_cmpuint(e.host.msis->len, ==, 0);
    g_assert_cmpstr(smmu_pm_irq_name(SMMU_PM_IRQ_GERROR), ==, "gerror");
    g_assert_cmpstr(smmu_pm_irq_name(SMMU_PM_IRQ__MAX), ==, "unknown");
    env_free(&e);
}

/* MSIs: address, data and attributes from each source's registers */
static void test_msi(void)
{
    Env e;

    irq_env(&e, 1);
    env_wr(&e, A_EVENTQ_IRQ_CFG0, MSI_EVQ | 0x3, 8);    /* [1:0] RES0 */
    env_wr(&e, A_EVENTQ_IRQ_CFG1, 0xe1, 4);
    env_wr(&e, A_EVENTQ_IRQ_CFG2, 0x1f, 4);             /* SH 01, MemAttr f */
    env_wr(&e, A_PRIQ_IRQ_CFG0, MSI_PRIQ, 8);
    env_wr(&e, A_PRIQ_IRQ_CFG1, 0xe2, 4);
    env_wr(&e, A_PRIQ_IRQ_CFG2, 0x21, 4);
    env_wr(&e, A_GERROR_IRQ_CFG0, MSI_GERR, 8);
    env_wr(&e, A_GERROR_IRQ_CFG1, 0xe3, 4);
    env_wr(&e, A_GERROR_IRQ_CFG2, 0x3e, 4);
    env_irq_ctrl(&e, SPEC_IRQ_CTRL_EVENTQ_IRQEN | SPEC_IRQ_CTRL_PRIQ_IRQEN |
                     SPEC_IRQ_CTRL_GERROR_IRQEN);
    smmu_pm_irq_signal(&e.core, SMMU_PM_IRQ_EVENTQ);
    smmu_pm_irq_signal(&e.core, SMMU_PM_IRQ_PRIQ);
    smmu_pm_irq_signal(&e.core, SMMU_PM_IRQ_GERROR);
    g_assert_cmpuint(e.host.msis->len, ==, 3);
    g_assert_cmphex(fake_host_msi_at(&e.host, 0)->addr, ==, MSI_EVQ);
    g_assert_cmphex(fake_host_msi_at(&e.host, 0)->data, ==, 0xe1);
    g_assert_cmphex(fake_host_msi_at(&e.host, 0)->attr, ==, 0x1f);
    g_assert_cmphex(fake_host_msi_at(&e.host, 1)->addr, ==, MSI_PRIQ);
    g_assert_cmphex(fake_host_msi_at(&e.host, 1)->data, ==, 0xe2);
    g_assert_cmphex(fake_host_msi_at(&e.host, 1)->attr, ==, 0x21);
    g_assert_cmphex(fake_host_msi_at(&e.host, 2)->addr, ==, MSI_GERR);
    g_assert_cmphex(fake_host_msi_at(&e.host, 2)->data, ==, 0xe3);
    g_assert_cmphex(fake_host_msi_at(&e.host, 2)->attr, ==, 0x3e);
    for (int s = 0; s < SMMU_PM_IRQ__MAX; s++) {
        g_assert_cmpuint(e.host.irq_pulses[s], ==, 0);
    }
    /* a zero MSI address (written with the source disabled): wired */
    env_irq_ctrl(&e, SPEC_IRQ_CTRL_EVENTQ_IRQEN | SPEC_IRQ_CTRL_GERROR_IRQEN);
    env_wr(&e, A_PRIQ_IRQ_CFG0, 0, 8);
    env_irq_ctrl(&e, SPEC_IRQ_CTRL_EVENTQ_IRQEN | SPEC_IRQ_CTRL_PRIQ_IRQEN |
                     SPEC_IRQ_CTRL_GERROR_IRQEN);
    smmu_pm_irq_signal(&e.core, SMMU_PM_IRQ_PRIQ);
    g_assert_cmpuint(e.host.msis->len, ==, 3);
    g_assert_cmpuint(e.host.irq_pulses[SMMU_PM_IRQ_PRIQ], ==, 1);
    /* CMD_SYNC's MSI comes from the command */
    smmu_pm_irq_cmd_sync(&e.core, MSI_EVQ + 0x100, 0x99, 0x13);
    g_assert_cmpuint(e.host.msis->len, ==, 4);
    g_assert_cmphex(fake_host_msi_at(&e.host, 3)->addr, ==, MSI_EVQ + 0x100);
    g_assert_cmphex(fake_host_msi_at(&e.host, 3)->data, ==, 0x99);
    g_assert_cmphex(fake_host_msi_at(&e.host, 3)->attr, ==, 0x13);
    env_free(&e);
}

/* SMMU_IDR0.MSI 0: every source is wired, whatever CFG0 holds */
static void test_no_msi(void)
{
    Env e;

    irq_env(&e, 0);
    env_wr(&e, A_EVENTQ_IRQ_CFG0, MSI_EVQ, 8);
    env_irq_ctrl(&e, SPEC_IRQ_CTRL_EVENTQ_IRQEN);
    smmu_pm_irq_signal(&e.core, SMMU_PM_IRQ_EVENTQ);
    smmu_pm_irq_cmd_sync(&e.core, MSI_EVQ, 1, 0);
    g_assert_cmpuint(e.host.msis->len, ==, 0);
    g_assert_cmpuint(e.host.irq_pulses[SMMU_PM_IRQ_EVENTQ], ==, 1);
    g_assert_cmpuint(e.host.irq_pulses[SMMU_PM_IRQ_CMD_SYNC], ==, 1);
    env_free(&e);
}

/*
 * Aborted MSIs: each source's GERROR.MSI_*_ABT_ERR becomes active; the
 * GERROR interrupt then signals (by MSI, which aborts too, so
 * MSI_GERROR_ABT_ERR is active and nothing signals again).
 */
static void test_msi_abort(void)
{
    static const struct {
        SmmuPmIrq src;
        uint32_t bit;
    } srcs[] = {
        { SMMU_PM_IRQ_EVENTQ, SPEC_GERROR_MSI_EVENTQ_ABT_ERR },
        { SMMU_PM_IRQ_PRIQ, SPEC_GERROR_MSI_PRIQ_ABT_ERR },
        { SMMU_PM_IRQ_CMD_SYNC, SPEC_GERROR_MSI_CMDQ_ABT_ERR },
    };

    for (unsigned i = 0; i < G_N_ELEMENTS(srcs); i++) {
        Env e;

        irq_env(&e, 1);
        env_wr(&e, A_EVENTQ_IRQ_CFG0, MSI_EVQ, 8);
        env_wr(&e, A_PRIQ_IRQ_CFG0, MSI_PRIQ, 8);
        env_irq_ctrl(&e, SPEC_IRQ_CTRL_EVENTQ_IRQEN |
                         SPEC_IRQ_CTRL_PRIQ_IRQEN);
        e.host.msi_ok = false;
        if (srcs[i].src == SMMU_PM_IRQ_CMD_SYNC) {
            smmu_pm_irq_cmd_sync(&e.core, MSI_EVQ, 1, 0);
        } else {
            smmu_pm_irq_signal(&e.core, srcs[i].src);
        }
        g_assert_cmphex(active(&e), ==, srcs[i].bit);
        /* GERROR_IRQEN 0: no GERROR interrupt */
        g_assert_cmpuint(e.host.msis->len, ==, 1);
        g_assert_cmpuint(e.host.irq_pulses[SMMU_PM_IRQ_GERROR], ==, 0);
        g_assert_cmpuint(e.core.stats.msi_aborts, ==, 1);
        env_free(&e);
    }
}

static void test_msi_abort_gerror(void)
{
    Env e;

    irq_env(&e, 1);
    env_wr(&e, A_EVENTQ_IRQ_CFG0, MSI_EVQ, 8);
    env_wr(&e, A_GERROR_IRQ_CFG0, MSI_GERR, 8);
    env_irq_ctrl(&e, SPEC_IRQ_CTRL_EVENTQ_IRQEN | SPEC_IRQ_CTRL_GERROR_IRQEN);
    e.host.msi_ok = false;
    smmu_pm_irq_signal(&e.core, SMMU_PM_IRQ_EVENTQ);
    /* the event MSI, then the GERROR MSI, both aborted; no third */
    g_assert_cmpuint(e.host.msis->len, ==, 2);
    g_assert_cmphex(fake_host_msi_at(&e.host, 1)->addr, ==, MSI_GERR);
    g_assert_cmphex(active(&e), ==, SPEC_GERROR_MSI_EVENTQ_ABT_ERR |
                                    SPEC_GERROR_MSI_GERROR_ABT_ERR);
    /* the GERROR MSI aborting again while active changes nothing */
    smmu_pm_irq_signal(&e.core, SMMU_PM_IRQ_GERROR);
    g_assert_cmphex(active(&e), ==, SPEC_GERROR_MSI_EVENTQ_ABT_ERR |
                                    SPEC_GERROR_MSI_GERROR_ABT_ERR);
    /* wired GERROR once its MSI address is 0 */
    e.host.msi_ok = true;
    env_irq_ctrl(&e, SPEC_IRQ_CTRL_EVENTQ_IRQEN);
    env_wr(&e, A_GERROR_IRQ_CFG0, 0, 8);
    env_irq_ctrl(&e, SPEC_IRQ_CTRL_EVENTQ_IRQEN | SPEC_IRQ_CTRL_GERROR_IRQEN);
    env_wr(&e, A_GERRORN, env_rd(&e, A_GERROR), 4);
    g_assert_cmphex(active(&e), ==, 0);
    g_assert_cmphex(smmu_pm_raise_gerror(&e.core, SPEC_GERROR_CMDQ_ERR), ==,
                    SPEC_GERROR_CMDQ_ERR);
    g_assert_cmpuint(e.host.irq_pulses[SMMU_PM_IRQ_GERROR], ==, 1);
    env_free(&e);
}

/* GERROR[n] toggles when error n becomes active, not while it is */
static void test_raise_gerror(void)
{
    uint32_t g0;
    Env e;

    irq_env(&e, 1);
    env_irq_ctrl(&e, SPEC_IRQ_CTRL_GERROR_IRQEN);
    g_assert_cmphex(env_rd(&e, A_GERROR), ==, 0);
    g_assert_cmphex(smmu_pm_raise_gerror(&e.core, SPEC_GERROR_CMDQ_ERR |
                                         SPEC_GERROR_EVENTQ_ABT_ERR), ==,
                    SPEC_GERROR_CMDQ_ERR | SPEC_GERROR_EVENTQ_ABT_ERR);
    g_assert_cmphex(env_rd(&e, A_GERROR), ==,
                    SPEC_GERROR_CMDQ_ERR | SPEC_GERROR_EVENTQ_ABT_ERR);
    g_assert_cmpuint(e.host.irq_pulses[SMMU_PM_IRQ_GERROR], ==, 1);
    /* already active: no toggle, no interrupt; a new one toggles alone */
    g_assert_cmphex(smmu_pm_raise_gerror(&e.core, SPEC_GERROR_CMDQ_ERR), ==,
                    0);
    g_assert_cmpuint(e.host.irq_pulses[SMMU_PM_IRQ_GERROR], ==, 1);
    g_assert_cmphex(smmu_pm_raise_gerror(&e.core, SPEC_GERROR_CMDQ_ERR |
                                         SPEC_GERROR_PRIQ_ABT_ERR), ==,
                    SPEC_GERROR_PRIQ_ABT_ERR);
    g_assert_cmpuint(e.host.irq_pulses[SMMU_PM_IRQ_GERROR], ==, 2);
    /* acknowledge CMDQ_ERR only: raising it again toggles GERROR[0] to 0 */
    g0 = env_rd(&e, A_GERROR);
    env_wr(&e, A_GERRORN, SPEC_GERROR_CMDQ_ERR, 4);
    g_assert_cmphex(active(&e), ==, SPEC_GERROR_EVENTQ_ABT_ERR |
                                    SPEC_GERROR_PRIQ_ABT_ERR);
    g_assert_cmphex(smmu_pm_raise_gerror(&e.core, SPEC_GERROR_CMDQ_ERR), ==,
                    SPEC_GERROR_CMDQ_ERR);
    g_assert_cmphex(env_rd(&e, A_GERROR), ==, g0 ^ SPEC_GERROR_CMDQ_ERR);
    g_assert_cmphex(env_rd(&e, A_GERROR) & SPEC_GERROR_CMDQ_ERR, ==, 0);
    g_assert_cmphex(active(&e), ==, SPEC_GERROR_CMDQ_ERR |
                                    SPEC_GERROR_EVENTQ_ABT_ERR |
                                    SPEC_GERROR_PRIQ_ABT_ERR);
    /* bits GERROR does not define are not raised */
    g_assert_cmphex(smmu_pm_raise_gerror(&e.core, 1u << 1 | 1u << 20), ==, 0);
    g_assert_cmpuint(e.core.stats.gerrors, ==, 4);
    env_free(&e);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/smmuv3-pm/irq/wired", test_wired);
    g_test_add_func("/smmuv3-pm/irq/msi", test_msi);
    g_test_add_func("/smmuv3-pm/irq/no-msi", test_no_msi);
    g_test_add_func("/smmuv3-pm/irq/msi-abort", test_msi_abort);
    g_test_add_func("/smmuv3-pm/irq/msi-abort-gerror", test_msi_abort_gerror);
    g_test_add_func("/smmuv3-pm/irq/raise-gerror", test_raise_gerror);
    return g_test_run();
}
