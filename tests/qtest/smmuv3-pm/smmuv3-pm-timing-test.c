/*
 * arm-smmuv3-pm qtest: the timing model through QEMU
 *
 * With model=mmu600 (timing on) commands, acknowledgements and event
 * records take virtual time: the qtest accelerator's clock moves only
 * when the test steps it, so every time below is exact, and two runs of
 * the same sequence must give the same CONS progression, times and
 * statistics.  With timing=off the same SMMU answers within the access.
 * The latencies are the mmu600 preset's (docs/user.md, "Timing"); the
 * test reads them back from the device's properties.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qobject/qdict.h"
#include "qobject/qjson.h"
#include "qobject/qnum.h"
#include "smmu-env.h"
#include "qtest-util.h"

#define STEP_NS     10

static uint64_t prop(Env *e, const char *name)
{
    QObject *o = qom_get(e->qts, SMMU_QOM_PATH, name);
    uint64_t v = qnum_get_uint(qobject_to(QNum, o));

    qobject_unref(o);
    return v;
}

/* Fetch plus execution of one command of kind @cls ("cfgi", "sync") */
static uint64_t cmd_ns(Env *e, const char *cls)
{
    g_autofree char *name = g_strdup_printf("cmd-%s-cycles", cls);

    /* clock-mhz is 1000 in the preset: one cycle is one nanosecond */
    g_assert_cmpuint(prop(e, "clock-mhz"), ==, 1000);
    return prop(e, "cmd-fetch-cycles") + prop(e, name);
}

static uint32_t cons(Env *e)
{
    return env_rd(e, R_CMDQ_CONS) & ((2u << e->drv.cmdq_log2) - 1);
}

static void start(Env *e, const char *props)
{
    env_start(e, props);
    env_enable(e, sb_strtab_linear(&e->sb, 6), EVTQ_LOG2);
}

/*
 * CFGI_STE, TLBI_NH_VA and CMD_SYNC made visible at once; the clock
 * stepped STEP_NS at a time until CONS reaches PROD.  Returns the
 * progression ("time:CONS" at each change) and the timing statistics.
 */
static char *progression(const char *props, uint64_t done_ns[3])
{
    GString *log = g_string_new(NULL);
    SbTlbiAddr va = { .addr = 0x10000 };
    uint32_t first, last = ~0u;
    uint64_t c[2], off = 0;
    QDict *stats;
    GString *json;
    Env e;

    start(&e, props);
    first = cons(&e);
    sb_cmd_cfgi_ste(c, SID, true);
    env_cmd_push(&e, c);
    sb_cmd_tlbi_nh_va(c, 0, 1, &va);
    env_cmd_push(&e, c);
    sb_cmd_sync(c, SB_SYNC_CS_NONE, 0, 0, 0, 0);
    env_cmd_push(&e, c);
    /* @off: virtual time since the PROD write (the qtest clock stood still) */
    for (int i = 0; i < 1000 && last != (e.drv.cmdq_prod &
                                         ((2u << e.drv.cmdq_log2) - 1)); i++) {
        uint32_t c_now = cons(&e);

        if (c_now != last) {
            g_string_append_printf(log, "%" PRIu64 ":%u ", off,
                                   c_now - first);
            if (c_now != first && c_now - first <= 3) {
                done_ns[c_now - first - 1] = off;
            }
            last = c_now;
        }
        qtest_clock_step(e.qts, STEP_NS);
        off += STEP_NS;
    }
    stats = qom_get_dict(e.qts, SMMU_QOM_PATH, "stats");
    json = qobject_to_json(qdict_get(stats, "timing"));
    g_string_append_printf(log, "| timing %s", json->str);
    g_string_free(json, true);
    qobject_unref(stats);
    env_stop(&e);
    return g_string_free(log, false);
}

static void test_cons_in_virtual_time(void)
{
    uint64_t done[3] = { 0 }, cfgi, tlbi, sync;
    g_autofree char *log = NULL;
    Env e;

    env_start(&e, "model=mmu600");
    cfgi = cmd_ns(&e, "cfgi");
    tlbi = cmd_ns(&e, "tlbi-va");
    sync = cmd_ns(&e, "sync");
    env_stop(&e);

    log = progression("model=mmu600", done);
    g_test_message("%s", log);
    /* nothing consumed within the PROD write */
    g_assert_true(g_str_has_prefix(log, "0:0 "));
    /* each command at the first step at or after its completion */
    g_assert_cmpuint(done[0], ==, QEMU_ALIGN_UP(cfgi, STEP_NS));
    g_assert_cmpuint(done[1], ==, QEMU_ALIGN_UP(cfgi + tlbi, STEP_NS));
    g_assert_cmpuint(done[2], ==, QEMU_ALIGN_UP(cfgi + tlbi + sync, STEP_NS));
}

/* The same sequence twice: the same progression and statistics */
static void test_deterministic(void)
{
    uint64_t d1[3], d2[3];
    g_autofree char *a = progression("model=mmu600", d1);
    g_autofree char *b = progression("model=mmu600", d2);

    g_test_message("%s", a);
    g_assert_cmpstr(a, ==, b);
    g_assert_nonnull(strstr(a, "\"CMD_SYNC\""));
}

/* timing=off: the mmu600 preset answers within the access again */
static void test_timing_off_is_instant(void)
{
    uint64_t c[2];
    Env e;

    start(&e, "model=mmu600,timing=off");
    sb_cmd_tlbi_nsnh_all(c);
    env_cmd_push(&e, c);
    g_assert_cmphex(env_rd(&e, R_CMDQ_CONS), ==, e.drv.cmdq_prod);
    env_wr(&e, R_CR0, CR0_CMDQEN | CR0_EVENTQEN);
    g_assert_cmphex(env_rd(&e, R_CR0ACK), ==, CR0_CMDQEN | CR0_EVENTQEN);
    env_stop(&e);
}

/* CR0ACK follows CR0 after cr0ack-cycles, not before */
static void test_cr0ack_latency(void)
{
    uint32_t v = CR0_CMDQEN | CR0_EVENTQEN;
    uint64_t lat;
    Env e;

    start(&e, "model=mmu600");
    lat = prop(&e, "cr0ack-cycles");
    g_assert_cmpuint(lat, >, 1);
    env_wr(&e, R_CR0, v);
    g_assert_cmphex(env_rd(&e, R_CR0ACK), ==, v | CR0_SMMUEN);
    qtest_clock_step(e.qts, lat - 1);
    g_assert_cmphex(env_rd(&e, R_CR0ACK), ==, v | CR0_SMMUEN);
    qtest_clock_step(e.qts, 1);
    g_assert_cmphex(env_rd(&e, R_CR0ACK), ==, v);
    env_stop(&e);
}

/* A fault's record and EVENTQ_PROD appear event-cycles later */
static void test_event_latency(void)
{
    SbSte ste = { .v = false };         /* C_BAD_STE, always recorded */
    uint64_t lat;
    Env e;

    /* translations free: the master is not kept BUSY past the event */
    start(&e, "model=mmu600,utlb-cycles=0,tlb-cycles=0,link-cycles=0,"
          "cfg-cycles=0,walk-cache-cycles=0,mem-cycles=0");
    lat = prop(&e, "event-cycles");
    env_ste_update(&e, SID, &ste);
    env_expect_fault(&e, 0x1000, 0, false, 0);
    g_assert_false(env_event_pending(&e));
    qtest_clock_step(e.qts, lat - 1);
    g_assert_false(env_event_pending(&e));
    qtest_clock_step(e.qts, 1);
    g_assert_true(env_event_pending(&e));
    env_stop(&e);
}

static uint64_t rule_count(Env *e, const char *id)
{
    QDict *report = pm_report_get(e->qts, SMMU_QOM_PATH);
    uint64_t n = qdict_get_int(pm_report_rule(report, id), "count");

    qobject_unref(report);
    return n;
}

/*
 * A driver that powers off while a CMD_SYNC is on its way, and writes
 * CR0 again before CR0ACK: the two rules time makes visible fire; the
 * driver model, which waits for each, fires none
 */
static void test_rules(void)
{
    uint64_t c[2];
    Env e;

    start(&e, "model=mmu600");
    sb_cmd_tlbi_nsnh_all(c);
    env_cmd(&e, c);                 /* waits: fine */
    env_wr(&e, R_CR0, CR0_CMDQEN | CR0_EVENTQEN);
    env_wr(&e, R_CR0, CR0_CMDQEN);  /* before CR0ACK */
    g_assert_cmpuint(rule_count(&e, "write-before-ack"), ==, 1);
    qtest_clock_step(e.qts, 1000);
    sb_cmd_tlbi_nsnh_all(c);
    env_cmd_push(&e, c);
    sb_cmd_sync(c, SB_SYNC_CS_NONE, 0, 0, 0, 0);
    env_cmd_push(&e, c);
    qtest_set_irq_in(e.qts, SMMU_QOM_PATH, "power", 0, 0);
    g_assert_cmpuint(rule_count(&e, "off-before-sync"), ==, 1);
    g_assert_cmpuint(rule_count(&e, "off-before-ack"), ==, 0);
    env_stop(&e);

    /* The same SMMU, a driver that waits: nothing */
    start(&e, "model=mmu600");
    sb_cmd_tlbi_nsnh_all(c);
    env_cmd(&e, c);
    env_set_cr0(&e, CR0_CMDQEN | CR0_EVENTQEN);
    env_set_cr0(&e, CR0_CMDQEN);
    sb_cmd_tlbi_nsnh_all(c);
    env_cmd(&e, c);
    qtest_set_irq_in(e.qts, SMMU_QOM_PATH, "power", 0, 0);
    g_assert_cmpuint(rule_count(&e, "off-before-sync"), ==, 0);
    g_assert_cmpuint(rule_count(&e, "write-before-ack"), ==, 0);
    g_assert_cmpuint(rule_count(&e, "off-before-ack"), ==, 0);
    g_assert_cmpuint(rule_count(&e, "off-with-commands"), ==, 0);
    env_stop(&e);
}

/*
 * Offsets (ns after the PROD write) at which CONS reaches each of @n
 * commands, stepping from @off; with @migrate_at the machine migrates
 * when the clock passes it, in the middle of the first command
 */
static void cons_times(Env *e, uint64_t off, uint64_t migrate_at,
                       uint64_t *done, unsigned n)
{
    uint32_t first = (e->drv.cmdq_prod - n) & ((2u << e->drv.cmdq_log2) - 1);
    uint32_t last = first;

    for (int i = 0; i < 1000; i++) {
        uint32_t c = cons(e);

        if (c != last && c - first <= n) {
            done[c - first - 1] = off;
            last = c;
        }
        if (c - first == n) {
            return;
        }
        if (migrate_at && off >= migrate_at) {
            int64_t now = qtest_clock_step(e->qts, 1) - 1;

            env_migrate(e);
            /* the qtest clock is not migrated: the guest's time goes on */
            qtest_clock_set(e->qts, now);
            migrate_at = 0;
            off += 1;
            continue;
        }
        qtest_clock_step(e->qts, STEP_NS);
        off += STEP_NS;
    }
    g_assert_not_reached();
}

/*
 * A migration while a TLBI_NSNH_ALL executes and a CMD_SYNC waits, and
 * while a CR0 update is not yet acknowledged: the destination completes
 * both at the same virtual times as a machine that stayed
 */
static void test_migrate_in_flight(void)
{
    uint64_t stay[2], moved[2], c[2], ack;
    Env e;

    for (int migrate = 0; migrate < 2; migrate++) {
        start(&e, "model=mmu600");
        sb_cmd_tlbi_nsnh_all(c);
        env_cmd_push(&e, c);
        sb_cmd_sync(c, SB_SYNC_CS_NONE, 0, 0, 0, 0);
        env_cmd_push(&e, c);
        cons_times(&e, 0, migrate ? 300 : 0, migrate ? moved : stay, 2);
        env_stop(&e);
    }
    g_test_message("CONS: stayed %" PRIu64 " %" PRIu64 ", migrated %" PRIu64
                   " %" PRIu64, stay[0], stay[1], moved[0], moved[1]);
    /* the migration took one 1-ns step off the 10-ns grid */
    g_assert_cmpuint(moved[0], ==, stay[0] + 1);
    g_assert_cmpuint(moved[1], ==, stay[1] + 1);

    start(&e, "model=mmu600");
    ack = prop(&e, "cr0ack-cycles");
    env_wr(&e, R_CR0, CR0_CMDQEN);
    qtest_clock_step(e.qts, ack / 2);
    {
        int64_t now = qtest_clock_step(e.qts, 1);

        env_migrate(&e);
        qtest_clock_set(e.qts, now);
    }
    g_assert_cmphex(env_rd(&e, R_CR0ACK), ==,
                    CR0_CMDQEN | CR0_EVENTQEN | CR0_SMMUEN);
    qtest_clock_step(e.qts, ack - ack / 2 - 1);
    g_assert_cmphex(env_rd(&e, R_CR0ACK), ==, CR0_CMDQEN);
    env_stop(&e);
}

static uint64_t stat_cycles(Env *e)
{
    QDict *st = qom_get_dict(e->qts, SMMU_QOM_PATH, "stats");
    uint64_t n = qdict_get_int(st, "cycles");

    qobject_unref(st);
    return n;
}

/*
 * smmu-dma-master waits for its DMA: its STATUS reads BUSY for as long as
 * the SMMU's modelled translation took (the cycles the stats count, at
 * 1 GHz), then DONE; with timing off it is DONE within the doorbell
 */
static void test_master_waits(void)
{
    uint64_t iova = 0x40000000ULL, c0, lat, t;
    int status = DMAM_STATUS_BUSY;
    EnvS1 s;
    Env e;

    for (int timing = 0; timing < 2; timing++) {
        env_start(&e, timing ? "model=mmu600" : "model=mmu600,timing=off");
        env_s1_setup(&e, &s, 12, 0, 0);
        g_assert_true(sb_pgt_map(s.pt, iova, e.data, 0x1000, &env_pte_rw));
        sb_cd_write(&e.sb, &s.cdtab, 0, &s.cd);
        env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
        sb_ste_write(&e.sb, &e.st, SID, &s.ste);
        c0 = stat_cycles(&e);
        qtest_writeq(e.qts, e.dm->bar + DMAM_IOVA, iova);
        dmam_writel(e.dm, DMAM_LEN, 64);
        dmam_writel(e.dm, DMAM_DOORBELL, 1);
        lat = stat_cycles(&e) - c0;
        if (!timing) {
            g_assert_cmpuint(lat, ==, 0);
            g_assert_cmpint(dmam_readl(e.dm, DMAM_STATUS), ==,
                            DMAM_STATUS_DONE);
            env_stop(&e);
            continue;
        }
        /* a cold walk: STE, CD and four table reads at least */
        g_assert_cmpuint(lat, >, 4 * prop(&e, "mem-cycles"));
        for (t = 0; t < lat + 1 && status == DMAM_STATUS_BUSY; t++) {
            status = dmam_readl(e.dm, DMAM_STATUS);
            if (status == DMAM_STATUS_BUSY) {
                qtest_clock_step(e.qts, 1);
            }
        }
        g_test_message("translation %" PRIu64 " cycles, BUSY for %" PRIu64
                       " ns", lat, t - 1);
        g_assert_cmpint(status, ==, DMAM_STATUS_DONE);
        g_assert_cmpuint(t - 1, ==, lat);
        env_stop(&e);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/smmuv3-pm/timing/cons-in-virtual-time",
                   test_cons_in_virtual_time);
    qtest_add_func("/smmuv3-pm/timing/deterministic", test_deterministic);
    qtest_add_func("/smmuv3-pm/timing/off-is-instant",
                   test_timing_off_is_instant);
    qtest_add_func("/smmuv3-pm/timing/cr0ack-latency", test_cr0ack_latency);
    qtest_add_func("/smmuv3-pm/timing/event-latency", test_event_latency);
    qtest_add_func("/smmuv3-pm/timing/rules", test_rules);
    qtest_add_func("/smmuv3-pm/timing/migrate-in-flight",
                   test_migrate_in_flight);
    qtest_add_func("/smmuv3-pm/timing/master-waits", test_master_waits);
    return g_test_run();
}
