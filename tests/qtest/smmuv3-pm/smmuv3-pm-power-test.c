/*
 * arm-smmuv3-pm qtest: power gating and the PM checker, register level
 *
 * The test drives the SMMU's "power" input directly, as a power
 * controller would, and plays the driver: the seed series' suspend
 * (drain, SMMUEN=0, GBPA abort) and resume (tables back, CFGI_ALL,
 * TLBI_NSNH_ALL, CMD_SYNC, SMMUEN=1) must leave the checker silent; each
 * rule is then triggered by the smallest broken sequence, and must be
 * counted exactly once (with the first occurrence's details) in the
 * "pm-report" a user reads over QMP.  The power properties
 * (gbpa-reset, power-up-caches, power-retention, latencies, pm-strict,
 * power-controller) must each change the outcome as documented.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qobject/qdict.h"
#include "hw/pci/pci_regs.h"
#include "smmu-env.h"
#include "qtest-util.h"

#define R_GBPA              0x44
#define R_EVENTQ_IRQ_CFG0   0xb0
#define GBPA_UPDATE         (1u << 31)
#define GBPA_ABORT          (1u << 20)
#define IRQ_CTRL_EVENTQ     (1u << 2)
#define GERROR_MSI_EVTQ_ABT (1u << 5)
#define MSI_ADDR            0x08090040ULL
#define IOVA                0x300000ULL
#define STRICT_EXIT_STATUS  3

/* ---- The driver's part ---------------------------------------------------- */

typedef struct PmEnv {
    Env e;
    EnvS1 s;
    uint64_t pa;                /* where IOVA maps */
} PmEnv;

/* QEMU with @props, a stage-1 stream for the master, SMMUEN=1 */
static void pm_start(PmEnv *p, const char *props)
{
    Env *e = &p->e;

    env_start(e, props);
    env_s1_setup(e, &p->s, 12, 0, 0);
    p->pa = e->data;
    g_assert_true(sb_pgt_map(p->s.pt, IOVA, p->pa, 0x1000, &env_pte_rw));
    sb_cd_write(&e->sb, &p->s.cdtab, 0, &p->s.cd);
    env_enable(e, sb_strtab_linear(&e->sb, 8), EVTQ_LOG2);
    sb_ste_write(&e->sb, &e->st, SID, &p->s.ste);
    env_fill(e, p->pa, 1);
    env_expect_read(e, IOVA, DMAM_NO_PASID, p->pa, 1);
}

static void power(PmEnv *p, bool on)
{
    qtest_set_irq_in(p->e.qts, SMMU_QOM_PATH, "power", 0, on);
}

/*
 * Resume as the seed series does: MSIs back, arm_smmu_device_reset();
 * without @invalidate, a broken one that trusts the caches
 */
static void driver_resume(PmEnv *p, bool invalidate)
{
    if (invalidate) {
        smmu_drv_resume(&p->e.drv);
    } else {
        smmu_drv_device_reset(&p->e.drv, false);
    }
}

static void pm_stop(PmEnv *p)
{
    env_stop(&p->e);
}

/* ---- The report ----------------------------------------------------------- */

static QDict *report_get(QTestState *qts)
{
    return pm_report_get(qts, SMMU_QOM_PATH);
}

/*
 * Rule @id fired @count times, first with power @power and a detail
 * containing @text
 */
static void assert_rule(QDict *report, const char *id, uint64_t count,
                        const char *power, const char *text)
{
    QDict *rule = pm_report_rule(report, id);
    QDict *first = qdict_get_qdict(rule, "first");
    const char *detail;

    g_assert_cmpuint(qdict_get_int(rule, "count"), ==, count);
    g_assert(first);
    detail = qdict_get_str(first, "detail");
    g_assert_cmpstr(qdict_get_str(first, "power"), ==, power);
    if (!strstr(detail, text)) {
        g_error("rule %s: detail '%s' lacks '%s'", id, detail, text);
    }
}

/* Only rule @id fired, once */
static void assert_only(PmEnv *p, const char *id, const char *power,
                        const char *text)
{
    QDict *report = report_get(p->e.qts);

    assert_rule(report, id, 1, power, text);
    g_assert_cmpuint(pm_report_total(report), ==, 1);
    qobject_unref(report);
}

static void assert_no_violation(QTestState *qts)
{
    QDict *report = report_get(qts);

    g_assert_cmpuint(pm_report_total(report), ==, 0);
    g_assert_cmpuint(qdict_get_int(report, "errors"), ==, 0);
    g_assert_cmpuint(qdict_get_int(report, "warnings"), ==, 0);
    g_assert_null(qdict_get(pm_report_rule(report, "bypass-window"), "first"));
    qobject_unref(report);
}

/* ---- The correct sequence --------------------------------------------------- */

/* The seed series' suspend/resume, twice: silent, and DMA works after */
static void test_correct_cycle(void)
{
    PmEnv p;
    QDict *report;

    pm_start(&p, "");
    for (int cycle = 0; cycle < 2; cycle++) {
        smmu_drv_suspend(&p.e.drv);
        power(&p, false);
        power(&p, true);
        /* nothing retained: the driver finds the reset values */
        g_assert_cmphex(env_rd(&p.e, R_CR0), ==, 0);
        g_assert_cmphex(env_rd(&p.e, R_STRTAB_BASE), ==, 0);
        driver_resume(&p, true);
        env_fill(&p.e, p.pa, 2 + cycle);
        env_expect_read(&p.e, IOVA, DMAM_NO_PASID, p.pa, 2 + cycle);
    }
    assert_no_violation(p.e.qts);
    report = report_get(p.e.qts);
    g_assert_cmpuint(pm_report_power(report, "power-downs"), ==, 2);
    g_assert_cmpuint(pm_report_power(report, "power-ups"), ==, 2);
    g_assert_cmpstr(qdict_get_str(qdict_get_qdict(report, "power"), "state"),
                    ==, "on");
    qobject_unref(report);
    pm_stop(&p);
}

/* ---- One broken sequence per rule ----------------------------------------- */

/* The driver touches the SMMU while it is off: RAZ/WI, reported */
static void test_access_while_off(void)
{
    PmEnv p;
    QDict *report;

    pm_start(&p, "");
    smmu_drv_suspend(&p.e.drv);
    power(&p, false);
    g_assert_cmphex(env_rd(&p.e, R_IDR0), ==, 0);
    env_wr(&p.e, R_CR0, CR0_CMDQEN);
    power(&p, true);
    g_assert_cmphex(env_rd(&p.e, R_CR0), ==, 0);   /* the write was lost */
    g_assert_cmphex(env_rd(&p.e, R_IDR0), !=, 0);

    report = report_get(p.e.qts);
    assert_rule(report, "access-while-off", 2, "off", "read IDR0 (0x00000)");
    g_assert_cmpuint(pm_report_power(report, "reads-while-off"), ==, 1);
    g_assert_cmpuint(pm_report_power(report, "writes-while-off"), ==, 1);
    g_assert_cmpuint(pm_report_total(report), ==, 2);
    g_assert_cmpuint(qdict_get_int(report, "errors"), ==, 2);
    qobject_unref(report);
    pm_stop(&p);
}

/* A master's DMA while the SMMU is off: a bus error, reported */
static void test_dma_while_off(void)
{
    PmEnv p;

    pm_start(&p, "");
    smmu_drv_suspend(&p.e.drv);
    power(&p, false);
    env_expect_fault(&p.e, IOVA, DMAM_NO_PASID, false, 0);
    assert_only(&p, "dma-while-off", "off", "StreamID 0x18 read 0x300000");
    pm_stop(&p);
}

/* SMMUEN=1 after power-up with nothing invalidated */
static void test_enable_without_invalidation(void)
{
    PmEnv p;

    pm_start(&p, "");
    smmu_drv_suspend(&p.e.drv);
    power(&p, false);
    power(&p, true);
    driver_resume(&p, false);
    assert_only(&p, "enable-without-invalidation", "on",
                "CFGI_ALL no, TLBI_NSNH_ALL no, CMD_SYNC after both no");
    pm_stop(&p);
}

/* Power-off with a stopped queue: an ATC_INV and a CMD_SYNC are lost */
static void test_off_with_commands(void)
{
    uint64_t bad[2] = { 0x7f, 0 };      /* no such command */
    uint64_t c[2];
    PmEnv p;
    QDict *report;

    pm_start(&p, "");
    env_cmd_push(&p.e, bad);
    sb_cmd_atc_inv(c, SID, false, 0, 0, 0, true);
    env_cmd_push(&p.e, c);
    sb_cmd_sync(c, SB_SYNC_CS_NONE, 0, 0, 0, 0);
    env_cmd_push(&p.e, c);
    power(&p, false);

    report = report_get(p.e.qts);
    assert_rule(report, "off-with-commands", 1, "on",
                "3 command(s) between CONS and PROD, 1 ATC_INV, 1 CMD_SYNC "
                "(the queue is stopped on a command error)");
    /* the command error itself was never acknowledged */
    assert_rule(report, "off-with-gerror", 1, "on", "active 0x1");
    g_assert_cmpuint(pm_report_total(report), ==, 2);
    qobject_unref(report);
    pm_stop(&p);
}

/* A fault's event never read before power-off */
static void test_off_with_events(void)
{
    PmEnv p;
    QDict *report;

    pm_start(&p, "");
    env_expect_fault(&p.e, 0x900000, DMAM_NO_PASID, false, 0);
    g_assert_true(env_event_pending(&p.e));
    power(&p, false);
    assert_only(&p, "off-with-events", "on", "1 unread");
    report = report_get(p.e.qts);
    g_assert_cmpstr(qdict_get_str(pm_report_rule(report, "off-with-events"),
                                  "severity"), ==, "warning");
    g_assert_cmpuint(qdict_get_int(report, "warnings"), ==, 1);
    g_assert_cmpuint(qdict_get_int(report, "errors"), ==, 0);
    qobject_unref(report);
    pm_stop(&p);
}

/*
 * A transaction of a master that can stall is held when power goes: the
 * rule names it, and the master is not left waiting forever (an abort)
 */
static void test_off_with_stalls(void)
{
    PmEnv p;
    uint8_t buf[8] = { 0 };
    uint64_t c[2];

    env_start_masters(&p.e, "stall-model=stall", "dma-can-stall=on");
    env_s1_setup(&p.e, &p.s, 12, 0, 0);
    p.s.cd.s = true;
    sb_cd_write(&p.e.sb, &p.s.cdtab, 0, &p.s.cd);
    env_enable(&p.e, sb_strtab_linear(&p.e.sb, 8), EVTQ_LOG2);
    sb_ste_write(&p.e.sb, &p.e.st, SID, &p.s.ste);
    g_assert_cmpint(dmam_write(p.e.dm, 0x900000, buf, 8, DMAM_NO_PASID, 0),
                    ==, DMAM_STATUS_STALLED);
    /* The driver reads the event but never resumes the transaction */
    {
        uint64_t rec[4];

        env_event_pop(&p.e, rec);
    }
    sb_cmd_sync(c, SB_SYNC_CS_NONE, 0, 0, 0, 0);
    env_cmd_push(&p.e, c);
    power(&p, false);
    assert_only(&p, "off-with-stalls", "on",
                "1 stalled transaction(s), first StreamID 0x18 STAG 0x0 "
                "write 0x900000");
    g_assert_cmpint(dmam_wait(p.e.dm), ==, DMAM_STATUS_FAULTED);
    pm_stop(&p);
}

/*
 * Page Requests the driver never read when power goes (off-with-pri);
 * and the responses it queued but the SMMU never sent: off-with-commands
 * names PRI_RESP and RESUME
 */
static void test_off_with_pri(void)
{
    uint64_t bad[2] = { 0x7f, 0 };      /* no such command */
    uint64_t c[2];
    QDict *report;
    PmEnv p;

    pm_start(&p, "ats=on,pri=on,stall-model=stall");
    env_wrq(&p.e, 0xc0, sb_queue_base_reg(sb_queue_alloc(&p.e.sb, 3, 16), 3,
                                          false));
    env_set_cr0(&p.e, CR0_CMDQEN | CR0_EVENTQEN | (1u << 1) | CR0_SMMUEN);
    qtest_writeq(p.e.qts, p.e.dm->bar + DMAM_IOVA, 0x5000);
    dmam_writel(p.e.dm, DMAM_PRI_REQ, 4 | 1u << 16);
    dmam_writel(p.e.dm, DMAM_PRI_REQ, 4 | 1u << 16 | 1u << 31);
    env_cmd_push(&p.e, bad);
    sb_cmd_pri_resp(c, SID, false, 0, 4, 2);
    env_cmd_push(&p.e, c);
    sb_cmd_resume(c, SID, 0, true, false);
    env_cmd_push(&p.e, c);
    power(&p, false);

    report = report_get(p.e.qts);
    assert_rule(report, "off-with-pri", 1, "on",
                "PRIQ PROD 0x2 CONS 0x0: 2 unread");
    assert_rule(report, "off-with-commands", 1, "on",
                "3 command(s) between CONS and PROD, 1 RESUME, 1 PRI_RESP "
                "(the queue is stopped on a command error)");
    assert_rule(report, "off-with-gerror", 1, "on", "active 0x1");
    g_assert_cmpuint(pm_report_total(report), ==, 3);
    qobject_unref(report);
    /* The endpoint never got an answer */
    g_assert_cmpuint(dmam_readl(p.e.dm, DMAM_PRI_RESP), ==, 0);
    pm_stop(&p);
}

/*
 * An IOPF handler still working at power-off: the driver read the page
 * request (PRIQ_CONS moved past it) but has not answered it, so the
 * endpoint waits on; answered, nothing is owed
 */
static void test_off_with_prg_unanswered(void)
{
    for (int answer = 0; answer < 2; answer++) {
        uint64_t c[2];
        PmEnv p;

        pm_start(&p, "ats=on,pri=on");
        env_wrq(&p.e, 0xc0, sb_queue_base_reg(sb_queue_alloc(&p.e.sb, 3, 16),
                                              3, false));
        env_set_cr0(&p.e, CR0_CMDQEN | CR0_EVENTQEN | (1u << 1) |
                    CR0_SMMUEN);
        qtest_writeq(p.e.qts, p.e.dm->bar + DMAM_IOVA, 0x5000);
        dmam_writel(p.e.dm, DMAM_PRI_REQ, 4 | 1u << 16 | 1u << 31);
        g_assert_cmphex(env_rd(&p.e, 0x100c8), ==, 1);  /* PRIQ_PROD */
        env_wr(&p.e, 0x100cc, 1);                       /* PRIQ_CONS */
        if (answer) {
            sb_cmd_pri_resp(c, SID, false, 0, 4, 2);
            env_cmd(&p.e, c);
            g_assert_cmphex(dmam_readl(p.e.dm, DMAM_PRI_RESP), ==,
                            1u << 31 | 4 << 16);    /* Success */
        }
        power(&p, false);
        if (answer) {
            assert_no_violation(p.e.qts);
        } else {
            assert_only(&p, "off-with-prg-unanswered", "on",
                        "1 group(s) read and not answered, first StreamID "
                        "0x18 PRGI 0x4");
            g_assert_cmpuint(dmam_readl(p.e.dm, DMAM_PRI_RESP), ==, 0);
        }
        pm_stop(&p);
    }
}

/* A global error raised and never acknowledged in GERRORN */
static void test_off_with_gerror(void)
{
    PmEnv p;

    pm_start(&p, "");
    qobject_unref(qtest_qmp_assert_success_ref(p.e.qts,
        "{ 'execute': 'qom-set', 'arguments': { 'path': %s, "
        "'property': 'inject-gerror', 'value': %u } }", SMMU_QOM_PATH,
        GERROR_MSI_EVTQ_ABT));
    smmu_drv_suspend(&p.e.drv);
    power(&p, false);
    assert_only(&p, "off-with-gerror", "on",
                "GERROR 0x20 GERRORN 0x0: active 0x20");
    pm_stop(&p);
}

/* SMMUEN=0 with GBPA bypass after the driver had set translation up */
static void test_bypass_window(void)
{
    PmEnv p;

    pm_start(&p, "");
    env_wr(&p.e, R_GBPA, GBPA_UPDATE);          /* ABORT=0: bypass */
    env_set_cr0(&p.e, CR0_CMDQEN | CR0_EVENTQEN);
    env_expect_read(&p.e, p.pa, DMAM_NO_PASID, p.pa, 1);   /* untranslated */
    assert_only(&p, "bypass-window", "on",
                "StreamID 0x18 at 0x" /* the PA */);
    pm_stop(&p);
}

/* A device resumed before the SMMU: its DMA meets GBPA (abort at reset) */
static void test_dma_before_enable(void)
{
    PmEnv p;

    pm_start(&p, "gbpa-reset=abort");
    smmu_drv_suspend(&p.e.drv);
    power(&p, false);
    power(&p, true);
    env_expect_fault(&p.e, IOVA, DMAM_NO_PASID, false, 0);
    assert_only(&p, "dma-before-enable", "on",
                "StreamID 0x18 at 0x300000: aborted by GBPA");
    driver_resume(&p, true);
    env_expect_read(&p.e, IOVA, DMAM_NO_PASID, p.pa, 1);
    assert_only(&p, "dma-before-enable", "on", "aborted by GBPA");
    pm_stop(&p);
}

/*
 * GBPA.ABORT's reset value decides what that early DMA does: with
 * gbpa-reset=bypass it reaches memory at its IOVA, which is the
 * security window as well
 */
static void test_gbpa_reset_bypass(void)
{
    PmEnv p;
    QDict *report;

    pm_start(&p, "gbpa-reset=bypass");
    smmu_drv_suspend(&p.e.drv);
    power(&p, false);
    power(&p, true);
    g_assert_cmphex(env_rd(&p.e, R_GBPA) & GBPA_ABORT, ==, 0);
    env_expect_read(&p.e, p.pa, DMAM_NO_PASID, p.pa, 1);
    report = report_get(p.e.qts);
    assert_rule(report, "dma-before-enable", 1, "on", "bypassed by GBPA");
    assert_rule(report, "bypass-window", 1, "on", "reached memory "
                "untranslated");
    g_assert_cmpuint(pm_report_total(report), ==, 2);
    g_assert_cmpuint(qdict_get_int(report, "errors"), ==, 1);
    qobject_unref(report);
    pm_stop(&p);
}

/* EVENTQ_IRQEN set again after power-up, its MSI address never restored */
static void test_msi_not_restored(void)
{
    for (int restore = 0; restore < 2; restore++) {
        PmEnv p;

        pm_start(&p, "");
        env_wrq(&p.e, R_EVENTQ_IRQ_CFG0, MSI_ADDR);
        env_wr(&p.e, R_IRQ_CTRL, IRQ_CTRL_EVENTQ);
        smmu_drv_suspend(&p.e.drv);
        env_wr(&p.e, R_IRQ_CTRL, 0);
        power(&p, false);
        power(&p, true);
        if (restore) {
            env_wrq(&p.e, R_EVENTQ_IRQ_CFG0, MSI_ADDR);
        }
        env_wr(&p.e, R_IRQ_CTRL, IRQ_CTRL_EVENTQ);
        driver_resume(&p, true);
        if (restore) {
            assert_no_violation(p.e.qts);
        } else {
            assert_only(&p, "msi-not-restored", "on",
                        "EVENTQ_IRQ_CFG0 was 0x8090040 before power-off and "
                        "is 0x0 now");
        }
        pm_stop(&p);
    }
}

/*
 * A driver without PM callbacks (Linux's arm-smmu-v3) invalidates after
 * power-up as if the queue were still running: the power-off reset it,
 * so nothing consumes those commands and the CMD_SYNC never completes
 */
static void test_cmdq_not_restored(void)
{
    g_autofree char *detail = NULL;
    uint64_t tlbi[2], sync[2];
    QDict *report;
    PmEnv p;

    pm_start(&p, "");
    power(&p, false);
    power(&p, true);
    sb_cmd_tlbi_nsnh_all(tlbi);
    sb_cmd_sync(sync, SB_SYNC_CS_NONE, 0, 0, 0, 0);
    env_cmd_push(&p.e, tlbi);
    detail = g_strdup_printf("CMDQ_PROD 0x%x written with CMDQEN=0 and "
                             "CMDQ_BASE 0x0: the power-off reset the queue",
                             p.e.drv.cmdq_prod);
    env_cmd_push(&p.e, sync);
    g_assert_cmphex(env_rd(&p.e, R_CMDQ_CONS), ==, 0);

    report = report_get(p.e.qts);
    assert_rule(report, "cmdq-not-restored", 2, "on", detail);
    g_assert_cmpuint(pm_report_total(report), ==, 2);
    qobject_unref(report);

    /* set up again, the queue runs and nothing more is reported */
    driver_resume(&p, true);
    env_expect_read(&p.e, IOVA, DMAM_NO_PASID, p.pa, 1);
    report = report_get(p.e.qts);
    g_assert_cmpuint(pm_report_total(report), ==, 2);
    qobject_unref(report);
    pm_stop(&p);
}

/* ---- Power properties --------------------------------------------------- */

/*
 * IOVA moves to a new page while the SMMU is off, and the driver enables
 * without invalidating: what the DMA reads shows what the caches held at
 * power-up
 */
static void caches_case(const char *policy)
{
    g_autofree char *props = g_strdup_printf("power-up-caches=%s", policy);
    uint8_t got[64], old_data[64], new_data[64];
    uint64_t new_pa;
    int status;
    PmEnv p;

    pm_start(&p, props);
    new_pa = p.pa + 0x1000;
    env_fill(&p.e, new_pa, 9);
    smmu_drv_suspend(&p.e.drv);
    power(&p, false);
    sb_pgt_unmap(p.s.pt, IOVA, 0x1000);
    g_assert_true(sb_pgt_map(p.s.pt, IOVA, new_pa, 0x1000, &env_pte_rw));
    power(&p, true);
    driver_resume(&p, false);
    assert_only(&p, "enable-without-invalidation", "on", "CFGI_ALL no");

    if (!strcmp(policy, "clean")) {
        env_expect_read(&p.e, IOVA, DMAM_NO_PASID, new_pa, 9);
    } else if (!strcmp(policy, "stale")) {
        env_expect_read(&p.e, IOVA, DMAM_NO_PASID, p.pa, 1);
    } else {
        /* garbage: valid-looking entries that lead somewhere else */
        qtest_memread(p.e.qts, p.pa, old_data, sizeof(old_data));
        qtest_memread(p.e.qts, new_pa, new_data, sizeof(new_data));
        memset(got, 0, sizeof(got));
        status = dmam_read(p.e.dm, IOVA, got, sizeof(got), DMAM_NO_PASID, 0);
        g_assert(status == DMAM_STATUS_DONE ||
                 status == DMAM_STATUS_FAULTED);
        g_assert_true(memcmp(got, old_data, sizeof(got)));
        g_assert_true(memcmp(got, new_data, sizeof(got)));
    }
    pm_stop(&p);
}

static void test_caches_clean(void)
{
    caches_case("clean");
}

static void test_caches_stale(void)
{
    caches_case("stale");
}

static void test_caches_garbage(void)
{
    caches_case("garbage");
}

/* A retention state: the SMMU comes back translating, nothing to redo */
static void test_retention_registers(void)
{
    PmEnv p;

    pm_start(&p, "power-retention=registers");
    power(&p, false);
    power(&p, true);
    g_assert_cmphex(env_rd(&p.e, R_CR0) & CR0_SMMUEN, ==, CR0_SMMUEN);
    env_expect_read(&p.e, IOVA, DMAM_NO_PASID, p.pa, 1);
    assert_no_violation(p.e.qts);
    pm_stop(&p);
}

/* Transitions take the configured virtual time; requests can be undone */
static void test_latency(void)
{
    PmEnv p;
    QDict *report;

    pm_start(&p, "power-off-latency-ns=1000000,power-on-latency-ns=2000000");
    smmu_drv_suspend(&p.e.drv);
    power(&p, false);
    g_assert_cmphex(env_rd(&p.e, R_IDR0), !=, 0);  /* still on */
    qtest_clock_step(p.e.qts, 999999);
    g_assert_cmphex(env_rd(&p.e, R_IDR0), !=, 0);
    qtest_clock_step(p.e.qts, 1);
    power(&p, true);
    qtest_clock_step(p.e.qts, 1000000);
    power(&p, false);                   /* undone before it took effect */
    qtest_clock_step(p.e.qts, 2000000);
    power(&p, true);
    qtest_clock_step(p.e.qts, 2000000);
    g_assert_cmphex(env_rd(&p.e, R_IDR0), !=, 0);

    report = report_get(p.e.qts);
    g_assert_cmpuint(pm_report_power(report, "power-downs"), ==, 1);
    g_assert_cmpuint(pm_report_power(report, "power-ups"), ==, 1);
    g_assert_cmpuint(pm_report_total(report), ==, 0);
    qobject_unref(report);
    pm_stop(&p);
}

/* pm-strict=on: exit status 3 after an error, 0 after warnings only */
static void test_strict(void)
{
    PmEnv p;

    pm_start(&p, "pm-strict=on");
    env_expect_fault(&p.e, 0x900000, DMAM_NO_PASID, false, 0);
    power(&p, false);                   /* off-with-events: a warning */
    pm_stop(&p);

    pm_start(&p, "pm-strict=on");
    smmu_drv_suspend(&p.e.drv);
    power(&p, false);
    env_rd(&p.e, R_IDR0);               /* access-while-off: an error */
    qtest_set_expected_status(p.e.qts, STRICT_EXIT_STATUS);
    pm_stop(&p);

    /* without pm-strict the same run exits normally */
    pm_start(&p, "");
    smmu_drv_suspend(&p.e.drv);
    power(&p, false);
    env_rd(&p.e, R_IDR0);
    pm_stop(&p);
}

/*
 * In an SCMI domain that is off at reset, the SMMU starts off: no
 * register answers, and no power transition is reported for it
 */
static void test_controller_reset_state(void)
{
    for (int on = 0; on < 2; on++) {
        QTestState *qts = qtest_initf(
            "-machine virt,gic-version=3 -cpu max -net none "
            "-device arm-scmi-power,id=pd0,num-domains=2,"
            "domain-states=%s,,on -device arm-smmuv3-pm,id=smmu0,"
            "primary-bus=pcie.0,power-controller=pd0,power-domain=0",
            on ? "on" : "off");
        SmmuDtInfo dt;
        QDict *report;

        smmu_dt_info(qts, &dt);
        report = report_get(qts);
        g_assert_cmpstr(qdict_get_str(qdict_get_qdict(report, "power"),
                                      "state"), ==, on ? "on" : "off");
        g_assert_cmpuint(pm_report_power(report, "power-downs"), ==, 0);
        qobject_unref(report);
        if (on) {
            g_assert_cmphex(qtest_readl(qts, dt.base + R_IDR0), !=, 0);
            assert_no_violation(qts);
        } else {
            g_assert_cmphex(qtest_readl(qts, dt.base + R_IDR0), ==, 0);
            report = report_get(qts);
            assert_rule(report, "access-while-off", 1, "off", "read IDR0");
            qobject_unref(report);
        }
        qtest_quit(qts);
    }
}

/*
 * What an off register access does on the bus, seen by a bus master: a
 * qtest access cannot see a MemTxResult, but a DMA master's transfer
 * ends with one.  The master sits behind a root port of a pxb-pcie
 * expander that bypasses the IOMMU (so the SMMU does not abort its DMA
 * for being off) and reads the SMMU's IDR0, as a peer would: on, the
 * value; off with raz, zeros and success; off with bus-error, the
 * transfer fails with MEMTX_ERROR.  Either way the access is counted
 * and reported.
 */

#define PXB_BUS     8           /* the expander's root bus */
#define PXB_RP_BUS  9           /* below its root port */

/* The root port at PXB_BUS 00.0: PXB_RP_BUS behind it, a memory window */
static void pxb_root_port_setup(QTestState *qts, const SmmuDtInfo *dt)
{
    uint64_t rp = dt->ecam_base + ((uint64_t)PXB_BUS << 20);
    uint16_t win = (dt->pci_mmio32_pci >> 16) & 0xfff0;

    qtest_writeb(qts, rp + PCI_PRIMARY_BUS, PXB_BUS);
    qtest_writeb(qts, rp + PCI_SECONDARY_BUS, PXB_RP_BUS);
    qtest_writeb(qts, rp + PCI_SUBORDINATE_BUS, PXB_RP_BUS);
    qtest_writew(qts, rp + PCI_MEMORY_BASE, win);
    qtest_writew(qts, rp + PCI_MEMORY_LIMIT, win);
    qtest_writew(qts, rp + PCI_COMMAND,
                 PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
}

static void test_off_access_on_the_bus(void)
{
    static const char *const modes[] = { "raz", "bus-error" };

    for (int i = 0; i < G_N_ELEMENTS(modes); i++) {
        bool bus_error = !strcmp(modes[i], "bus-error");
        QTestState *qts;
        uint32_t idr0;
        DmaMaster dm;
        SmmuDtInfo dt;
        QDict *report;

        qts = qtest_initf("-machine virt,gic-version=3 -cpu max -net none "
                          "-m 512M -device arm-smmuv3-pm,id=smmu0,"
                          "primary-bus=pcie.0,power-off-access=%s "
                          "-device pxb-pcie,id=pxb,bus_nr=%d,bypass_iommu=on "
                          "-device pcie-root-port,id=rp,bus=pxb,chassis=9,"
                          "addr=0x0 -device smmu-dma-master,bus=rp",
                          modes[i], PXB_BUS);
        smmu_dt_info(qts, &dt);
        pxb_root_port_setup(qts, &dt);
        dmam_init_bus(&dm, qts, dt.ecam_base, PXB_RP_BUS, 0,
                      dt.pci_mmio32_pci, dt.pci_mmio32_base);

        g_assert_cmpint(dmam_read(&dm, dt.base + R_IDR0, &idr0, 4,
                                  DMAM_NO_PASID, 0), ==, DMAM_STATUS_DONE);
        g_assert_cmphex(idr0, ==, qtest_readl(qts, dt.base + R_IDR0));
        g_assert_cmphex(idr0, !=, 0);

        qtest_set_irq_in(qts, SMMU_QOM_PATH, "power", 0, 0);
        idr0 = 0xdeadbeef;
        if (bus_error) {
            g_assert_cmpint(dmam_read(&dm, dt.base + R_IDR0, &idr0, 4,
                                      DMAM_NO_PASID, 0), ==,
                            DMAM_STATUS_FAULTED);
            g_assert_cmphex(dmam_result(&dm), ==, 1 /* MEMTX_ERROR */);
            g_assert_cmphex(idr0, ==, 0xdeadbeef);  /* no data */
        } else {
            g_assert_cmpint(dmam_read(&dm, dt.base + R_IDR0, &idr0, 4,
                                      DMAM_NO_PASID, 0), ==,
                            DMAM_STATUS_DONE);
            g_assert_cmphex(dmam_result(&dm), ==, 0);
            g_assert_cmphex(idr0, ==, 0);
        }
        report = report_get(qts);
        assert_rule(report, "access-while-off", 1, "off", "read IDR0");
        g_assert_cmpuint(pm_report_power(report, "reads-while-off"), ==, 1);
        g_assert_cmpuint(pm_report_total(report), ==, 1);
        qobject_unref(report);
        qtest_quit(qts);
    }
}

/*
 * A VM migrated half-way through a broken resume: the violations and
 * power counters of the source arrive, and so does the protocol state,
 * so what the driver then does wrong on the destination is still seen
 * (each of the three rules below needs state from before the migration)
 */
static void test_migration(void)
{
    static const char args[] = "-machine virt,gic-version=3 -cpu max "
                               "-net none -m 512M -device arm-smmuv3-pm,"
                               "id=smmu0,primary-bus=pcie.0";
    QTestState *src, *dst;
    SmmuDtInfo dt;
    QDict *report;

    src = qtest_init(args);
    smmu_dt_info(src, &dt);
    /* probe: an MSI for the event queue, the command queue on */
    qtest_writeq(src, dt.base + R_EVENTQ_IRQ_CFG0, MSI_ADDR);
    qtest_writeq(src, dt.base + R_CMDQ_BASE, dt.ram_base | 4);
    qtest_writel(src, dt.base + R_CR0, CR0_CMDQEN);
    g_assert_cmphex(qtest_readl(src, dt.base + R_CR0ACK), ==, CR0_CMDQEN);
    /* suspend without PM callbacks, a read while off, power back */
    qtest_set_irq_in(src, SMMU_QOM_PATH, "power", 0, 0);
    qtest_readl(src, dt.base + R_IDR0);
    qtest_set_irq_in(src, SMMU_QOM_PATH, "power", 0, 1);

    dst = migrate_to_new(src, args);
    qtest_quit(src);

    report = report_get(dst);
    assert_rule(report, "access-while-off", 1, "off", "read IDR0");
    g_assert_cmpuint(pm_report_power(report, "power-ups"), ==, 1);
    g_assert_cmpuint(pm_report_power(report, "power-downs"), ==, 1);
    g_assert_cmpuint(pm_report_power(report, "reads-while-off"), ==, 1);
    g_assert_cmpuint(pm_report_total(report), ==, 1);
    qobject_unref(report);

    /* the driver goes on as if nothing had happened */
    qtest_writel(dst, dt.base + R_IRQ_CTRL, IRQ_CTRL_EVENTQ);
    qtest_writel(dst, dt.base + R_CMDQ_PROD, 1);
    qtest_writel(dst, dt.base + R_CR0, CR0_SMMUEN);
    report = report_get(dst);
    assert_rule(report, "msi-not-restored", 1, "on",
                "EVENTQ_IRQ_CFG0 was 0x8090040 before power-off");
    assert_rule(report, "cmdq-not-restored", 1, "on", "CMDQ_PROD 0x1");
    assert_rule(report, "enable-without-invalidation", 1, "on",
                "CFGI_ALL no");
    g_assert_cmpuint(pm_report_total(report), ==, 4);
    qobject_unref(report);
    qtest_quit(dst);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/smmuv3-pm/power/correct-cycle", test_correct_cycle);
    qtest_add_func("/smmuv3-pm/power/rule/access-while-off",
                   test_access_while_off);
    qtest_add_func("/smmuv3-pm/power/rule/dma-while-off", test_dma_while_off);
    qtest_add_func("/smmuv3-pm/power/rule/enable-without-invalidation",
                   test_enable_without_invalidation);
    qtest_add_func("/smmuv3-pm/power/rule/off-with-commands",
                   test_off_with_commands);
    qtest_add_func("/smmuv3-pm/power/rule/off-with-stalls",
                   test_off_with_stalls);
    qtest_add_func("/smmuv3-pm/power/rule/off-with-pri", test_off_with_pri);
    qtest_add_func("/smmuv3-pm/power/rule/off-with-prg-unanswered",
                   test_off_with_prg_unanswered);
    qtest_add_func("/smmuv3-pm/power/rule/off-with-events",
                   test_off_with_events);
    qtest_add_func("/smmuv3-pm/power/rule/off-with-gerror",
                   test_off_with_gerror);
    qtest_add_func("/smmuv3-pm/power/rule/bypass-window", test_bypass_window);
    qtest_add_func("/smmuv3-pm/power/rule/dma-before-enable",
                   test_dma_before_enable);
    qtest_add_func("/smmuv3-pm/power/rule/msi-not-restored",
                   test_msi_not_restored);
    qtest_add_func("/smmuv3-pm/power/rule/cmdq-not-restored",
                   test_cmdq_not_restored);
    qtest_add_func("/smmuv3-pm/power/gbpa-reset-bypass",
                   test_gbpa_reset_bypass);
    qtest_add_func("/smmuv3-pm/power/caches/clean", test_caches_clean);
    qtest_add_func("/smmuv3-pm/power/caches/stale", test_caches_stale);
    qtest_add_func("/smmuv3-pm/power/caches/garbage", test_caches_garbage);
    qtest_add_func("/smmuv3-pm/power/retention-registers",
                   test_retention_registers);
    qtest_add_func("/smmuv3-pm/power/latency", test_latency);
    qtest_add_func("/smmuv3-pm/power/off-access-on-the-bus",
                   test_off_access_on_the_bus);
    qtest_add_func("/smmuv3-pm/power/migration", test_migration);
    qtest_add_func("/smmuv3-pm/power/strict", test_strict);
    qtest_add_func("/smmuv3-pm/power/controller-reset-state",
                   test_controller_reset_state);
    return g_test_run();
}
