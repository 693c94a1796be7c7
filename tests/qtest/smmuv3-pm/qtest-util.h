/*
 * arm-smmuv3-pm qtests: QMP helpers every test shares
 *
 * qom-get of a device's property (the counters in "stats", the PM
 * checker's "pm-report", ...), the rules of a pm-report, and a migration
 * from one QEMU to a new one.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_QTEST_UTIL_H
#define SMMUV3_PM_QTEST_UTIL_H

#include "tests/qtest/libqtest.h"
#include "qobject/qdict.h"

/*
 * The value of property @prop of the object at QOM @path; the qom-get
 * must succeed.  Free with qobject_unref().
 */
QObject *qom_get(QTestState *qts, const char *path, const char *prop);
/* The same for a property whose value is an object ("stats", ...) */
QDict *qom_get_dict(QTestState *qts, const char *path, const char *prop);

/* ---- The PM checker's report (docs/pm-checker.md) ----------------------- */

/* "pm-report" of the SMMU at QOM @path; free with qobject_unref() */
QDict *pm_report_get(QTestState *qts, const char *path);
/* The entry of rule @id in @report (every rule is listed) */
QDict *pm_report_rule(QDict *report, const char *id);
/* A counter of the report's "power" object */
uint64_t pm_report_power(QDict *report, const char *key);
/* Total of every rule's count */
uint64_t pm_report_total(QDict *report);

/*
 * Migrate @src to a new QEMU started with @dst_args and -incoming, over a
 * UNIX socket; returns the destination once the source has completed and
 * the destination runs (its RESUME event), or, when @src was paused
 * ("stop"), once it has loaded the state and is paused in turn.  @src is
 * left to the caller.
 */
QTestState *migrate_to_new(QTestState *src, const char *dst_args);

#endif
