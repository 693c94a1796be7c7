/*
 * arm-smmuv3-pm qtests: QMP helpers every test shares
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qobject/qlist.h"
#include "qtest-util.h"

/* Polls of query-migrate on the source, 10 ms apart */
#define MIGRATION_POLLS     3000

QObject *qom_get(QTestState *qts, const char *path, const char *prop)
{
    QDict *rsp = qtest_qmp(qts, "{ 'execute': 'qom-get', 'arguments': "
                           "{ 'path': %s, 'property': %s } }", path, prop);
    QObject *ret;

    g_assert(rsp);
    if (!qdict_haskey(rsp, "return")) {
        g_error("qom-get %s %s: %s", path, prop,
                qdict_get_try_str(qdict_get_qdict(rsp, "error"), "desc"));
    }
    ret = qobject_ref(qdict_get(rsp, "return"));
    qobject_unref(rsp);
    return ret;
}

QDict *qom_get_dict(QTestState *qts, const char *path, const char *prop)
{
    QObject *obj = qom_get(qts, path, prop);
    QDict *d = qobject_to(QDict, obj);

    g_assert_nonnull(d);
    return d;
}

/* ---- pm-report ----------------------------------------------------------- */

QDict *pm_report_get(QTestState *qts, const char *path)
{
    return qom_get_dict(qts, path, "pm-report");
}

QDict *pm_report_rule(QDict *report, const char *id)
{
    QList *rules = qdict_get_qlist(report, "rules");
    QListEntry *entry;

    g_assert(rules);
    QLIST_FOREACH_ENTRY(rules, entry) {
        QDict *rule = qobject_to(QDict, qlist_entry_obj(entry));

        if (!strcmp(qdict_get_str(rule, "id"), id)) {
            return rule;
        }
    }
    g_error("pm-report has no rule '%s'", id);
}

uint64_t pm_report_power(QDict *report, const char *key)
{
    return qdict_get_int(qdict_get_qdict(report, "power"), key);
}

uint64_t pm_report_total(QDict *report)
{
    QListEntry *entry;
    uint64_t n = 0;

    QLIST_FOREACH_ENTRY(qdict_get_qlist(report, "rules"), entry) {
        n += qdict_get_int(qobject_to(QDict, qlist_entry_obj(entry)),
                           "count");
    }
    return n;
}

/* ---- Migration ----------------------------------------------------------- */

/* The migration completed on @qts (either end); a failure fails the test */
static void wait_migration_completed(QTestState *qts)
{
    for (int i = 0; i < MIGRATION_POLLS; i++) {
        QDict *rsp = qtest_qmp_assert_success_ref(
            qts, "{'execute': 'query-migrate'}");
        const char *status = qdict_get_try_str(rsp, "status");
        bool done = status && !strcmp(status, "completed");

        g_assert_cmpstr(status ? status : "", !=, "failed");
        qobject_unref(rsp);
        if (done) {
            return;
        }
        g_usleep(10 * 1000);
    }
    g_error("migration did not complete");
}

static bool vm_running(QTestState *qts)
{
    QDict *rsp = qtest_qmp_assert_success_ref(qts,
                                              "{'execute': 'query-status'}");
    bool running = qdict_get_bool(rsp, "running");

    qobject_unref(rsp);
    return running;
}

QTestState *migrate_to_new(QTestState *src, const char *dst_args)
{
    static unsigned count;
    g_autofree char *sock = g_strdup_printf("%s/smmuv3-pm-mig-%d-%u.sock",
                                            g_get_tmp_dir(), getpid(),
                                            count++);
    g_autofree char *uri = g_strdup_printf("unix:%s", sock);
    bool running = vm_running(src);
    QTestState *dst = qtest_initf("%s -incoming defer", dst_args);

    qtest_qmp_assert_success(dst, "{'execute': 'migrate-incoming',"
                             " 'arguments': {'uri': %s}}", uri);
    qtest_qmp_assert_success(src, "{'execute': 'migrate',"
                             " 'arguments': {'uri': %s}}", uri);
    wait_migration_completed(src);
    if (running) {
        /* the destination loaded everything and runs the VM again */
        qtest_qmp_eventwait(dst, "RESUME");
    } else {
        /* it stays paused as the source was: loaded is all there is */
        wait_migration_completed(dst);
    }
    unlink(sock);
    return dst;
}
