/*
 * arm-smmuv3-pm qtest: the "stats" QOM property
 *
 * Reads the model's counters with QMP qom-get, as the demo and a user do,
 * and checks that each moves by exactly what the test made the device do:
 * register accesses, commands by opcode, CMD_SYNCs and their interrupts,
 * command errors, global errors, translations through the TLB and the
 * configuration cache, bypass, aborts and events by type.  The expected
 * deltas follow from the architecture (one command consumed per queue
 * entry, one translation per DMA transaction within a page, a stage-1
 * translation needs one STE and one CD), not from the model's code.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qobject/qdict.h"
#include "smmu-env.h"
#include "qtest-util.h"
#include "hw/arm/smmuv3-pm/core/base/stats.h"

#define GERROR_MSI_EVTQ_ABT (1u << 5)

/* The whole "stats" object; free with qobject_unref() */
static QDict *stats_get(Env *e)
{
    return qom_get_dict(e->qts, SMMU_QOM_PATH, "stats");
}

/* A top-level counter: it must be present, as every field always is */
static uint64_t counter(QDict *st, const char *key)
{
    g_assert_true(qdict_haskey(st, key));
    return qdict_get_int(st, key);
}

/* A count of a nested object; absent means 0 (only non-zero are listed) */
static uint64_t count_of(QDict *st, const char *obj, const char *key)
{
    QDict *d = qdict_get_qdict(st, obj);

    g_assert(d);
    if (!qdict_haskey(d, key)) {
        return 0;
    }
    g_assert_cmpint(qdict_get_int(d, key), >, 0);
    return qdict_get_int(d, key);
}

/* A counter of StreamID @sid in "by_sid" (keyed "0x..."): it must be there */
static uint64_t sid_count(QDict *st, uint32_t sid, const char *key)
{
    g_autofree char *hex = g_strdup_printf("0x%x", sid);
    QDict *by_sid = qdict_get_qdict(st, "by_sid");
    QDict *d;

    g_assert(by_sid);
    d = qdict_get_qdict(by_sid, hex);
    g_assert(d);
    g_assert_true(qdict_haskey(d, key));
    return qdict_get_int(d, key);
}

static size_t kinds_of(QDict *st, const char *obj)
{
    QDict *d = qdict_get_qdict(st, obj);

    g_assert(d);
    return qdict_size(d);
}

/* @key moved by exactly @delta between snapshots @a and @b */
#define assert_delta(a, b, key, delta) \
    g_assert_cmpuint(counter(b, key) - counter(a, key), ==, (delta))
#define assert_delta_of(a, b, obj, key, delta) \
    g_assert_cmpuint(count_of(b, obj, key) - count_of(a, obj, key), ==, \
                     (delta))

/* ---- Commands ---------------------------------------------------------- */

static void test_stats_commands(void)
{
    uint64_t c[2], bad[2] = { 0x3f, 0 };
    SbTlbiAddr va = { .addr = 0x10000, .leaf = true };
    QDict *s0, *s1, *s2, *s3;
    Env e;

    env_start(&e, "msi=off");
    s0 = stats_get(&e);
    /* nothing counted before the first access; no kind listed */
    g_assert_cmpuint(counter(s0, "reads"), ==, 0);
    g_assert_cmpuint(counter(s0, "writes"), ==, 0);
    g_assert_cmpuint(counter(s0, "commands"), ==, 0);
    g_assert_cmpuint(kinds_of(s0, "commands_by_op"), ==, 0);
    g_assert_cmpuint(kinds_of(s0, "events_by_type"), ==, 0);
    g_assert_cmpuint(kinds_of(s0, "irq_pulses"), ==, 0);
    qobject_unref(s0);

    /* env_enable: CFGI_ALL, CMD_SYNC, TLBI_NSNH_ALL, CMD_SYNC */
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    s1 = stats_get(&e);
    g_assert_cmpuint(counter(s1, "commands"), ==, 4);
    g_assert_cmpuint(counter(s1, "syncs"), ==, 2);
    /* CFGI_ALL is CFGI_STE_RANGE with Range 31 (opcode 0x04) */
    g_assert_cmpuint(count_of(s1, "commands_by_op", "CFGI_STE_RANGE"), ==, 1);
    g_assert_cmpuint(count_of(s1, "commands_by_op", "TLBI_NSNH_ALL"), ==, 1);
    g_assert_cmpuint(count_of(s1, "commands_by_op", "CMD_SYNC"), ==, 2);
    g_assert_cmpuint(kinds_of(s1, "commands_by_op"), ==, 3);
    g_assert_cmpuint(counter(s1, "cmd_errors"), ==, 0);

    /*
     * 3 TLBI_NH_VA and 2 CFGI_STE, then one CMD_SYNC whose completion is
     * signalled (CS=SIG_IRQ, no MSIs: the wired CMD_SYNC line): 6 PROD
     * writes and one CONS read
     */
    for (int i = 0; i < 3; i++) {
        sb_cmd_tlbi_nh_va(c, 0, 1, &va);
        env_cmd_push(&e, c);
    }
    for (int i = 0; i < 2; i++) {
        sb_cmd_cfgi_ste(c, SID, true);
        env_cmd_push(&e, c);
    }
    sb_cmd_sync(c, SB_SYNC_CS_IRQ, 0, 0, 0, 0);
    env_cmd_push(&e, c);
    g_assert_cmphex(env_rd(&e, R_CMDQ_CONS), ==, e.drv.cmdq_prod);
    s2 = stats_get(&e);
    assert_delta(s1, s2, "commands", 6);
    assert_delta(s1, s2, "syncs", 1);
    assert_delta_of(s1, s2, "commands_by_op", "TLBI_NH_VA", 3);
    assert_delta_of(s1, s2, "commands_by_op", "CFGI_STE", 2);
    assert_delta_of(s1, s2, "commands_by_op", "CMD_SYNC", 1);
    g_assert_cmpuint(kinds_of(s2, "commands_by_op"), ==, 5);
    assert_delta(s1, s2, "writes", 6);
    assert_delta(s1, s2, "reads", 1);
    assert_delta_of(s1, s2, "irq_pulses", "cmd-sync", 1);
    g_assert_cmpuint(kinds_of(s2, "irq_pulses"), ==, 1);
    assert_delta(s1, s2, "msis", 0);
    assert_delta(s1, s2, "cmd_errors", 0);
    assert_delta(s1, s2, "gerrors", 0);

    /* An illegal command: counted as an error, not as a command */
    env_cmd_push(&e, bad);
    g_assert_cmphex(env_gerror_active(&e), ==, GERROR_CMDQ_ERR);
    s3 = stats_get(&e);
    assert_delta(s2, s3, "cmd_errors", 1);
    assert_delta(s2, s3, "gerrors", 1);
    assert_delta(s2, s3, "commands", 0);
    g_assert_cmpuint(kinds_of(s3, "commands_by_op"), ==, 5);

    qobject_unref(s1);
    qobject_unref(s2);
    qobject_unref(s3);
    env_stop(&e);
}

/* CMD_SYNC with an MSI: counted in msis, not as a wired pulse */
static void test_stats_sync_msi(void)
{
    uint64_t c[2], msi;
    QDict *s0, *s1;
    Env e;

    env_start(&e, "msi=on");
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    msi = sb_alloc(&e.sb, 8, 8);
    s0 = stats_get(&e);
    sb_cmd_sync(c, SB_SYNC_CS_IRQ, 3, 0xf, 0xcafe0001, msi);
    env_cmd_push(&e, c);
    g_assert_cmphex(qtest_readl(e.qts, msi), ==, 0xcafe0001);
    s1 = stats_get(&e);
    assert_delta(s0, s1, "msis", 1);
    assert_delta(s0, s1, "msi_aborts", 0);
    assert_delta(s0, s1, "syncs", 1);
    g_assert_cmpuint(kinds_of(s1, "irq_pulses"), ==, 0);
    qobject_unref(s0);
    qobject_unref(s1);
    env_stop(&e);
}

/* ---- Translations ----------------------------------------------------- */

static void test_stats_translation(void)
{
    uint64_t iova = 0x40000000ULL;
    QDict *s0, *s1, *s2, *s3, *s4, *s5;
    SbSte bypass = { .v = true, .config = SB_STE_CFG_BYPASS };
    EnvS1 s;
    Env e;

    env_start(&e, "stage=s1");
    env_s1_setup(&e, &s, 12, 0, 0);
    g_assert_true(sb_pgt_map(s.pt, iova, e.data, 0x1000, &env_pte_rw));
    sb_cd_write(&e.sb, &s.cdtab, 0, &s.cd);
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    sb_ste_write(&e.sb, &e.st, SID, &s.ste);
    sb_ste_write(&e.sb, &e.st, SID2, &bypass);

    /* First access to the page: STE, CD and TLB miss, one table walk */
    s0 = stats_get(&e);
    env_expect_read(&e, iova + 0x40, DMAM_NO_PASID, e.data + 0x40, 1);
    s1 = stats_get(&e);
    assert_delta(s0, s1, "translations", 1);
    assert_delta(s0, s1, "tlb_misses", 1);
    assert_delta(s0, s1, "tlb_hits", 0);
    assert_delta(s0, s1, "walks", 1);
    assert_delta(s0, s1, "cfg_misses", 2);
    assert_delta(s0, s1, "cfg_hits", 0);
    assert_delta(s0, s1, "bypassed", 0);
    assert_delta(s0, s1, "aborted", 0);
    /* the STE and CD read from memory, a walk that starts at the top */
    assert_delta(s0, s1, "cfg_accesses", 2);
    assert_delta(s0, s1, "walkcache_misses", 1);
    assert_delta(s0, s1, "walkcache_hits", 0);
    assert_delta(s0, s1, "utlb_misses", 1);
    assert_delta(s0, s1, "utlb_hits", 0);
    g_assert_cmpuint(counter(s1, "walk_accesses"), >, 0);
    assert_delta(s0, s1, "cycles", 0);          /* generic: timing off */

    /* Same page again, now a write: everything from the caches */
    env_expect_write(&e, iova + 0x80, DMAM_NO_PASID, e.data + 0x80);
    s2 = stats_get(&e);
    assert_delta(s1, s2, "translations", 1);
    assert_delta(s1, s2, "tlb_misses", 0);
    assert_delta(s1, s2, "tlb_hits", 1);
    assert_delta(s1, s2, "walks", 0);
    assert_delta(s1, s2, "cfg_misses", 0);
    assert_delta(s1, s2, "cfg_hits", 2);
    assert_delta(s1, s2, "events", 0);
    /* from the TLB, which gives the entry to the micro-TLB */
    assert_delta(s1, s2, "utlb_misses", 1);
    assert_delta(s1, s2, "utlb_hits", 0);
    assert_delta(s1, s2, "walk_accesses", 0);
    assert_delta(s1, s2, "cfg_accesses", 0);

    /* and a third time: from the micro-TLB */
    env_expect_read(&e, iova + 0xc0, DMAM_NO_PASID, e.data + 0xc0, 1);
    s5 = stats_get(&e);
    assert_delta(s2, s5, "utlb_hits", 1);
    assert_delta(s2, s5, "utlb_misses", 0);
    assert_delta(s2, s5, "tlb_hits", 1);
    g_assert_cmpuint(sid_count(s5, SID, "translations"), ==, 3);
    g_assert_cmpuint(sid_count(s5, SID, "utlb_hits"), ==, 1);
    g_assert_cmpuint(sid_count(s5, SID, "tlb_misses"), ==, 1);
    g_assert_cmpuint(sid_count(s5, SID, "walk_accesses"), ==,
                     counter(s5, "walk_accesses"));
    qobject_unref(s2);
    s2 = s5;

    /* The next page is not mapped: a walk, an abort, one F_TRANSLATION */
    env_expect_fault(&e, iova + 0x1000, DMAM_NO_PASID, false, 0);
    env_expect_event(&e, &(SbEvent) {
        .type = SB_EVT_F_TRANSLATION, .sid = SID, .rnw = true,
        .class_ = SB_EVT_CLASS_IN, .input_addr = iova + 0x1000,
    });
    s3 = stats_get(&e);
    assert_delta(s2, s3, "translations", 1);
    assert_delta(s2, s3, "tlb_misses", 1);
    assert_delta(s2, s3, "walks", 1);
    assert_delta(s2, s3, "aborted", 1);
    assert_delta(s2, s3, "events", 1);
    g_assert_cmpuint(count_of(s3, "events_by_type", "F_TRANSLATION"), ==, 1);
    g_assert_cmpuint(kinds_of(s3, "events_by_type"), ==, 1);
    assert_delta(s2, s3, "events_dropped_disabled", 0);
    assert_delta(s2, s3, "events_dropped_overflow", 0);
    assert_delta(s2, s3, "events_dropped_abort", 0);

    /* The other master's STE says bypass: no TLB, no walk */
    env_use_master(&e, 1);
    env_expect_read(&e, e.data + 0x100, DMAM_NO_PASID, e.data + 0x100, 2);
    s4 = stats_get(&e);
    assert_delta(s3, s4, "translations", 1);
    assert_delta(s3, s4, "bypassed", 1);
    assert_delta(s3, s4, "tlb_hits", 0);
    assert_delta(s3, s4, "tlb_misses", 0);
    assert_delta(s3, s4, "walks", 0);
    assert_delta(s3, s4, "aborted", 0);
    g_assert_cmpuint(sid_count(s4, SID2, "translations"), ==, 1);
    g_assert_cmpuint(sid_count(s4, SID, "translations"), ==, 4);

    qobject_unref(s0);
    qobject_unref(s1);
    qobject_unref(s2);
    qobject_unref(s3);
    qobject_unref(s4);
    env_stop(&e);
}

/* Bypass with SMMUEN=0 (GBPA.ABORT=0 after reset) counts as bypassed */
static void test_stats_disabled_bypass(void)
{
    QDict *s0, *s1;
    Env e;

    env_start(&e, "gbpa-reset=bypass");
    s0 = stats_get(&e);
    env_expect_read(&e, e.data, DMAM_NO_PASID, e.data, 3);
    s1 = stats_get(&e);
    assert_delta(s0, s1, "translations", 1);
    assert_delta(s0, s1, "bypassed", 1);
    assert_delta(s0, s1, "cfg_misses", 0);
    assert_delta(s0, s1, "cfg_hits", 0);
    qobject_unref(s0);
    qobject_unref(s1);
    env_stop(&e);
}

/* ---- Global errors, reset, access --------------------------------------- */

static void test_stats_gerror_reset(void)
{
    QDict *rsp, *s0, *s1, *s2;
    Env e;

    env_start(&e, "");
    env_enable(&e, sb_strtab_linear(&e.sb, 8), EVTQ_LOG2);
    s0 = stats_get(&e);
    /* inject-gerror: one error becomes active; again while active: none */
    for (int i = 0; i < 2; i++) {
        rsp = qtest_qmp(e.qts, "{ 'execute': 'qom-set', 'arguments': "
                        "{ 'path': %s, 'property': 'inject-gerror', "
                        "'value': %u } }", SMMU_QOM_PATH,
                        GERROR_MSI_EVTQ_ABT);
        g_assert_true(qdict_haskey(rsp, "return"));
        qobject_unref(rsp);
    }
    s1 = stats_get(&e);
    assert_delta(s0, s1, "gerrors", 1);
    assert_delta(s0, s1, "reads", 0);
    assert_delta(s0, s1, "writes", 0);

    /* A system reset leaves the counters alone: they are the run's */
    qtest_system_reset(e.qts);
    g_assert_cmphex(env_rd(&e, R_CR0), ==, 0);
    s2 = stats_get(&e);
    assert_delta(s1, s2, "commands", 0);
    assert_delta(s1, s2, "gerrors", 0);
    assert_delta(s1, s2, "reads", 1);
    g_assert_cmpuint(counter(s2, "commands"), ==, 4);

    /* Read-only */
    rsp = qtest_qmp(e.qts, "{ 'execute': 'qom-set', 'arguments': "
                    "{ 'path': %s, 'property': 'stats', 'value': {} } }",
                    SMMU_QOM_PATH);
    g_assert_true(qdict_haskey(rsp, "error"));
    qobject_unref(rsp);

    qobject_unref(s0);
    qobject_unref(s1);
    qobject_unref(s2);
    env_stop(&e);
}

/*
 * Every counter of the core's one list (core/base/stats.h) is in the
 * property, the by-key ones as objects, and nothing else is but the
 * "by_sid" and "timing" objects: a counter the core keeps but QMP drops
 * fails here
 */
static void test_stats_every_counter(void)
{
    static const char *const counters[] = {
#define NAME_OF(field, ...) #field,
        SMMU_PM_STATS_COUNTERS(NAME_OF)
    };
    static const char *const by_key[] = {
        SMMU_PM_STATS_BY_KEY(NAME_OF)
#undef NAME_OF
    };
    QDict *st;
    Env e;

    env_start(&e, "");
    st = stats_get(&e);
    for (size_t i = 0; i < ARRAY_SIZE(counters); i++) {
        g_test_message("counter %s", counters[i]);
        g_assert_nonnull(qdict_get(st, counters[i]));
        g_assert_cmpint(qobject_type(qdict_get(st, counters[i])), ==,
                        QTYPE_QNUM);
    }
    for (size_t i = 0; i < ARRAY_SIZE(by_key); i++) {
        g_test_message("counts by key %s", by_key[i]);
        g_assert_nonnull(qdict_get_qdict(st, by_key[i]));
    }
    /* ... the counters per StreamID and the timing model's figures */
    g_assert_nonnull(qdict_get_qdict(st, "by_sid"));
    g_assert_nonnull(qdict_get_qdict(st, "timing"));
    g_assert_cmpuint(qdict_size(st), ==,
                     ARRAY_SIZE(counters) + ARRAY_SIZE(by_key) + 2);
    /* The eight counters the property used to drop are among them */
    g_assert_cmpuint(counter(st, "events_deferred"), ==, 0);
    g_assert_cmpuint(counter(st, "stalls_terminated"), ==, 0);
    g_assert_cmpuint(counter(st, "pri_auto_responses"), ==, 0);
    qobject_unref(st);
    env_stop(&e);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/smmuv3-pm/stats/commands", test_stats_commands);
    qtest_add_func("/smmuv3-pm/stats/sync-msi", test_stats_sync_msi);
    qtest_add_func("/smmuv3-pm/stats/translation", test_stats_translation);
    qtest_add_func("/smmuv3-pm/stats/disabled-bypass",
                   test_stats_disabled_bypass);
    qtest_add_func("/smmuv3-pm/stats/gerror-reset", test_stats_gerror_reset);
    qtest_add_func("/smmuv3-pm/stats/every-counter", test_stats_every_counter);
    return g_test_run();
}
