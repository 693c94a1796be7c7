/*
 * arm-smmuv3-pm qtest: the command and event queues and their interrupts
 *
 * Consumption, wrap, the three command errors and the restart after
 * GERRORN, CMD_SYNC completion (MSI, wired line, an aborted MSI), event
 * queue overflow, an aborted event write, and the event queue's interrupt
 * wired and as an MSI.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/bswap.h"
#include "smmu-env.h"

#define R_EVENTQ_IRQ_CFG0   0xb0
#define R_EVENTQ_IRQ_CFG1   0xb8
#define IRQ_CTRL_EVENTQ     (1u << 2)
#define GERROR_EVENTQ_ABT   (1u << 2)
#define GERROR_MSI_CMDQ_ABT (1u << 4)
#define CONS_ERR(cons)      (((cons) >> 24) & 0x7f)
#define CERROR_ILL          1
#define CERROR_ABT          2
#define CERROR_ATC_INV_SYNC 3
#define UNBACKED            0x4000000000ULL     /* no RAM or device here */

/* Point the command queue at @base (CMDQEN off meanwhile), empty */
static void move_cmdq(Env *e, uint64_t base)
{
    env_set_cr0(e, CR0_EVENTQEN);
    env_wrq(e, R_CMDQ_BASE, sb_queue_base_reg(base, CMDQ_LOG2, false));
    env_wr(e, R_CMDQ_PROD, 0);
    env_wr(e, R_CMDQ_CONS, 0);
    e->drv.cmdq_prod = 0;
}

static void set_irq_ctrl(Env *e, uint32_t v)
{
    env_wr(e, R_IRQ_CTRL, v);
    g_assert_cmphex(env_rd(e, R_IRQ_CTRLACK), ==, v);
}

/* ---- Command queue ------------------------------------------------------- */

static void test_cmdq_error_restart(void)
{
    uint64_t bad[2] = { 0x3f, 0 }, c[2];
    uint32_t start;
    Env e;

    env_start(&e, "");
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    start = e.drv.cmdq_prod;
    sb_cmd_cfgi_all(c);
    env_cmd_push(&e, c);
    env_cmd_push(&e, bad);
    env_cmd_push(&e, c);
    /* consumption stops at the illegal command, CONS.ERR = CERROR_ILL */
    g_assert_cmphex(env_rd(&e, R_CMDQ_CONS), ==, (1u << 24) | (start + 1));
    g_assert_cmphex(env_gerror_active(&e), ==, GERROR_CMDQ_ERR);
    /* more commands do not move it until the error is acknowledged */
    env_wr(&e, R_CMDQ_PROD, e.drv.cmdq_prod);
    g_assert_cmphex(env_rd(&e, R_CMDQ_CONS) & 0xfffff, ==, start + 1);
    /* replace the bad command by CMD_SYNC, acknowledge: it restarts */
    sb_cmd_sync(c, SB_SYNC_CS_NONE, 0, 0, 0, 0);
    sb_write_words(&e.sb, e.drv.cmdq + 16 * (start + 1), c, 2);
    env_wr(&e, R_GERRORN, env_rd(&e, R_GERROR));
    g_assert_cmphex(env_rd(&e, R_CMDQ_CONS) & 0xfffff, ==, start + 3);
    env_stop(&e);
}

static void test_evtq_overflow(void)
{
    Env e;
    uint64_t rec[4];

    env_start(&e, "stage=s1");
    env_enable(&e, sb_strtab_linear(&e.sb, 8), 1);   /* 2 entries */
    for (int i = 0; i < 4; i++) {
        env_expect_fault(&e, 0x1000 * i, DMAM_NO_PASID, false, 0);
    }
    /* two recorded, the rest lost: OVFLG toggled once */
    g_assert_cmphex(env_rd(&e, R_EVENTQ_PROD), ==, Q_OVFLG | 2);
    env_event_pop(&e, rec);
    g_assert_cmphex(rec[0] & 0xff, ==, SB_EVT_C_BAD_STE);
    /* acknowledging (OVACKFLG = OVFLG) and making room: recorded again */
    env_expect_fault(&e, 0x5000, DMAM_NO_PASID, false, 0);
    g_assert_cmphex(env_rd(&e, R_EVENTQ_PROD), ==, Q_OVFLG | 3);
    env_stop(&e);
}

static void test_sync_msi(void)
{
    uint64_t c[2];
    uint64_t msi;
    Env e;

    env_start(&e, "msi=on");
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    msi = sb_alloc(&e.sb, 8, 8);
    sb_cmd_sync(c, SB_SYNC_CS_IRQ, 3, 0xf, 0xcafe0001, msi);
    env_cmd_push(&e, c);
    g_assert_cmphex(qtest_readl(e.qts, msi), ==, 0xcafe0001);
    env_stop(&e);
}


/* Commands one at a time through several wraps of a 64-entry queue */
static void test_cmdq_wrap(void)
{
    uint64_t c[2];
    uint32_t wrap = 1u << CMDQ_LOG2;
    Env e;

    env_start(&e, "");
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    for (int i = 0; i < 3 * (1 << CMDQ_LOG2) + 5; i++) {
        uint32_t before = e.drv.cmdq_prod;

        sb_cmd_cfgi_ste(c, i & 0xff, true);
        env_cmd_push(&e, c);
        g_assert_cmphex(env_rd(&e, R_CMDQ_CONS), ==, e.drv.cmdq_prod);
        /* the wrap bit flips exactly when the index returns to 0 */
        if ((e.drv.cmdq_prod & (wrap - 1)) == 0) {
            g_assert_cmphex((e.drv.cmdq_prod ^ before) & wrap, ==, wrap);
        }
    }
    g_assert_cmphex(env_gerror_active(&e), ==, 0);
    env_stop(&e);
}

/*
 * One CMDQ_PROD write that makes 2^18 - 1 commands available returns
 * before they are consumed (the core runs a bounded batch per run, the
 * rest from a bottom half), and the queue still drains completely
 */
static void test_cmdq_huge_jump(void)
{
    const unsigned log2 = 18, total = (1u << log2) - 1;
    g_autofree uint8_t *buf = g_malloc(total * 16);
    uint32_t cons = 0;
    uint64_t c[2], q;
    unsigned polls = 0;
    Env e;

    env_start(&e, "");
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    q = sb_queue_alloc(&e.sb, log2, 16);
    sb_cmd_sync(c, SB_SYNC_CS_NONE, 0, 0, 0, 0);
    for (unsigned i = 0; i < total; i++) {
        for (int w = 0; w < 2; w++) {
            uint64_t le = cpu_to_le64(c[w]);

            memcpy(buf + i * 16 + w * 8, &le, 8);
        }
    }
    qtest_memwrite(e.qts, q, buf, total * 16);
    env_set_cr0(&e, CR0_EVENTQEN | CR0_SMMUEN);
    env_wrq(&e, R_CMDQ_BASE, sb_queue_base_reg(q, log2, false));
    env_wr(&e, R_CMDQ_PROD, 0);
    env_wr(&e, R_CMDQ_CONS, 0);
    env_set_cr0(&e, CR0_CMDQEN | CR0_EVENTQEN | CR0_SMMUEN);

    env_wr(&e, R_CMDQ_PROD, total);
    cons = env_rd(&e, R_CMDQ_CONS);
    g_test_message("CMDQ_CONS 0x%x right after the write of PROD 0x%x", cons,
                   total);
    g_assert_cmphex(cons, <, total);
    g_assert_cmphex(cons, >, 0);
    while (cons != total) {
        g_assert_cmpuint(++polls, <, 100000);
        cons = env_rd(&e, R_CMDQ_CONS);
    }
    g_test_message("drained after %u more reads", polls);
    g_assert_cmphex(env_gerror_active(&e), ==, 0);
    env_stop(&e);
}

/* A command fetch that aborts: CERROR_ABT, the queue stops there */
static void test_cmdq_abort(void)
{
    uint64_t c[2];
    Env e;

    env_start(&e, "");
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    /* move the queue (only while CMDQEN=0) to where nothing answers */
    move_cmdq(&e, UNBACKED);
    env_set_cr0(&e, CR0_EVENTQEN | CR0_CMDQEN);
    env_wr(&e, R_CMDQ_PROD, 2);
    g_assert_cmphex(env_rd(&e, R_CMDQ_CONS), ==, CERROR_ABT << 24);
    g_assert_cmphex(env_gerror_active(&e), ==, GERROR_CMDQ_ERR);
    /* back to a real queue, acknowledge: it resumes at the failed entry */
    move_cmdq(&e, e.drv.cmdq);
    env_wr(&e, R_GERRORN, env_rd(&e, R_GERROR));
    env_set_cr0(&e, CR0_EVENTQEN | CR0_CMDQEN);
    sb_cmd_cfgi_all(c);
    env_cmd_push(&e, c);
    /* CONS.ERR is UNKNOWN once the error is acknowledged: the index only */
    g_assert_cmphex(env_rd(&e, R_CMDQ_CONS) & 0xfffff, ==, 1);
    g_assert_cmphex(env_gerror_active(&e), ==, 0);
    env_stop(&e);
}

/*
 * An ATC invalidation that fails (no ATS-capable endpoint answers at the
 * StreamID): the CMD_SYNC after it reports CERROR_ATC_INV_SYNC and CONS
 * stays on that CMD_SYNC.
 */
static void test_cmdq_atc_inv_sync(void)
{
    uint64_t c[2];
    uint32_t start;
    Env e;

    env_start(&e, "ats=on");
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    start = e.drv.cmdq_prod;
    sb_cmd_atc_inv(c, SID, false, 0, 0, 52, true);
    env_cmd_push(&e, c);
    g_assert_cmphex(env_rd(&e, R_CMDQ_CONS), ==, start + 1);
    sb_cmd_sync(c, SB_SYNC_CS_NONE, 0, 0, 0, 0);
    env_cmd_push(&e, c);
    g_assert_cmphex(env_rd(&e, R_CMDQ_CONS), ==,
                    CERROR_ATC_INV_SYNC << 24 | (start + 1));
    g_assert_cmphex(env_gerror_active(&e), ==, GERROR_CMDQ_ERR);
    /* acknowledged, the CMD_SYNC is retried and completes (ERR UNKNOWN) */
    env_wr(&e, R_GERRORN, env_rd(&e, R_GERROR));
    g_assert_cmphex(env_rd(&e, R_CMDQ_CONS) & 0xfffff, ==, start + 2);
    g_assert_cmphex(env_gerror_active(&e), ==, 0);

    /* without ATS, ATC_INV itself is illegal */
    env_stop(&e);
    env_start(&e, "ats=off");
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    start = e.drv.cmdq_prod;
    sb_cmd_atc_inv(c, SID, false, 0, 0, 52, true);
    env_cmd_push(&e, c);
    g_assert_cmphex(env_rd(&e, R_CMDQ_CONS), ==, CERROR_ILL << 24 | start);
    env_stop(&e);
}

/* CMD_SYNC with CS=IRQ and no MSIs: the wired cmdq-sync line */
static void test_sync_wired(void)
{
    uint64_t c[2];
    Env e;

    env_start(&e, "msi=off");
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    env_irq_reset(&e);
    sb_cmd_sync(c, SB_SYNC_CS_NONE, 0, 0, 0, 0);
    env_cmd_push(&e, c);
    g_assert_false(env_irq_pending(&e, SMMU_DT_IRQ_CMDQ_SYNC));
    sb_cmd_sync(c, SB_SYNC_CS_SEV, 0, 0, 0, 0);
    env_cmd_push(&e, c);
    g_assert_false(env_irq_pending(&e, SMMU_DT_IRQ_CMDQ_SYNC));
    sb_cmd_sync(c, SB_SYNC_CS_IRQ, 0, 0, 0, 0);
    env_cmd_push(&e, c);
    g_assert_true(env_irq_pending(&e, SMMU_DT_IRQ_CMDQ_SYNC));
    /* not gated by IRQ_CTRL, and no other line */
    g_assert_cmphex(env_rd(&e, R_IRQ_CTRL), ==, 0);
    g_assert_false(env_irq_pending(&e, SMMU_DT_IRQ_EVENTQ));
    g_assert_false(env_irq_pending(&e, SMMU_DT_IRQ_GERROR));
    env_stop(&e);
}

/* A CMD_SYNC MSI that aborts: the sync completes, MSI_CMDQ_ABT_ERR */
static void test_sync_msi_abort(void)
{
    uint64_t c[2];
    uint32_t start;
    Env e;

    env_start(&e, "msi=on");
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    start = e.drv.cmdq_prod;
    sb_cmd_sync(c, SB_SYNC_CS_IRQ, 3, 0xf, 1, UNBACKED);
    env_cmd_push(&e, c);
    g_assert_cmphex(env_rd(&e, R_CMDQ_CONS), ==, start + 1);
    g_assert_cmphex(env_gerror_active(&e), ==, GERROR_MSI_CMDQ_ABT);
    env_stop(&e);
}

/* ---- Event queue --------------------------------------------------------- */

/* A 2-entry event queue consumed after each event: it wraps cleanly */
static void test_evtq_wrap(void)
{
    uint64_t rec[4];
    Env e;

    env_start(&e, "stage=s1");
    env_enable(&e, sb_strtab_linear(&e.sb, 8), 1);
    for (int i = 0; i < 7; i++) {
        env_expect_fault(&e, 0x1000 * i, DMAM_NO_PASID, false, 0);
        g_assert_cmphex(env_rd(&e, R_EVENTQ_PROD), ==, (i + 1) & 3);
        env_event_pop(&e, rec);
        g_assert_cmphex(rec[0] & 0xff, ==, SB_EVT_C_BAD_STE);
    }
    env_stop(&e);
}

/* The event queue where nothing answers: the event is lost, GERROR says so */
static void test_evtq_abort(void)
{
    Env e;

    env_start(&e, "stage=s1");
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    env_set_cr0(&e, CR0_CMDQEN | CR0_SMMUEN);
    env_wrq(&e, R_EVENTQ_BASE, sb_queue_base_reg(UNBACKED, EVTQ_LOG2, false));
    env_set_cr0(&e, CR0_CMDQEN | CR0_SMMUEN | CR0_EVENTQEN);
    env_expect_fault(&e, 0x1000, DMAM_NO_PASID, false, 0);
    g_assert_cmphex(env_rd(&e, R_EVENTQ_PROD), ==, 0);
    g_assert_cmphex(env_gerror_active(&e), ==, GERROR_EVENTQ_ABT);
    env_stop(&e);
}

/* The event queue interrupt: wired when IRQ_CFG0 is 0, else an MSI */
static void test_evtq_irq(void)
{
    uint64_t msi, rec[4];
    Env e;

    env_start(&e, "stage=s1,msi=on");
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    env_irq_reset(&e);
    /* disabled in IRQ_CTRL: nothing */
    env_expect_fault(&e, 0x1000, DMAM_NO_PASID, false, 0);
    env_event_pop(&e, rec);
    g_assert_false(env_irq_pending(&e, SMMU_DT_IRQ_EVENTQ));
    set_irq_ctrl(&e, IRQ_CTRL_EVENTQ);
    env_expect_fault(&e, 0x2000, DMAM_NO_PASID, false, 0);
    env_event_pop(&e, rec);
    g_assert_true(env_irq_pending(&e, SMMU_DT_IRQ_EVENTQ));
    /* an MSI instead (IRQ_CFGn may change only while disabled) */
    env_irq_reset(&e);
    msi = sb_alloc(&e.sb, 8, 8);
    set_irq_ctrl(&e, 0);
    env_wrq(&e, R_EVENTQ_IRQ_CFG0, msi);
    env_wr(&e, R_EVENTQ_IRQ_CFG1, 0x5e5e0002);
    set_irq_ctrl(&e, IRQ_CTRL_EVENTQ);
    env_expect_fault(&e, 0x3000, DMAM_NO_PASID, false, 0);
    env_event_pop(&e, rec);
    g_assert_cmphex(qtest_readl(e.qts, msi), ==, 0x5e5e0002);
    g_assert_false(env_irq_pending(&e, SMMU_DT_IRQ_EVENTQ));
    env_stop(&e);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    if (!qtest_has_device("smmu-dma-master")) {
        g_test_skip("smmu-dma-master is not compiled in");
        return g_test_run();
    }
    qtest_add_func("/smmuv3-pm/queue/cmdq/wrap", test_cmdq_wrap);
    qtest_add_func("/smmuv3-pm/queue/cmdq/huge-jump", test_cmdq_huge_jump);
    qtest_add_func("/smmuv3-pm/queue/cmdq/error-restart",
                   test_cmdq_error_restart);
    qtest_add_func("/smmuv3-pm/queue/cmdq/abort", test_cmdq_abort);
    qtest_add_func("/smmuv3-pm/queue/cmdq/atc-inv-sync",
                   test_cmdq_atc_inv_sync);
    qtest_add_func("/smmuv3-pm/queue/cmdq/sync-msi", test_sync_msi);
    qtest_add_func("/smmuv3-pm/queue/cmdq/sync-msi-abort",
                   test_sync_msi_abort);
    qtest_add_func("/smmuv3-pm/queue/cmdq/sync-wired", test_sync_wired);
    qtest_add_func("/smmuv3-pm/queue/evtq/wrap", test_evtq_wrap);
    qtest_add_func("/smmuv3-pm/queue/evtq/overflow", test_evtq_overflow);
    qtest_add_func("/smmuv3-pm/queue/evtq/abort", test_evtq_abort);
    qtest_add_func("/smmuv3-pm/queue/evtq/irq", test_evtq_irq);
    return g_test_run();
}
