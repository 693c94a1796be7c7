/*
 * arm-smmuv3-pm: the PM checker's verdict, as the user reads it
 *
 * The core's checker counts violations (core/checker.c).  Here they
 * become: a trace event per violation, the read-only QOM property
 * "pm-report" (structured, for QMP's qom-get), a summary on stderr when
 * the machine shuts down, and with pm-strict=on an exit status of
 * ARM_SMMUV3_PM_STRICT_EXIT_STATUS if an error-severity rule fired, so a
 * kernel CI can fail on it.  The first violation of each rule is also a
 * -d guest_errors line, logged by the core.  The verdict and the
 * checker's protocol state migrate with the VM.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/visitor.h"
#include "qobject/qdict.h"
#include "qobject/qlist.h"
#include "qemu/error-report.h"
#include "migration/vmstate.h"
#include "system/runstate.h"
#include "smmuv3-pm-internal.h"
#include "trace.h"

void smmuv3_pm_host_pm_violation(void *opaque, unsigned rule, uint64_t count,
                                 const char *detail)
{
    const SmmuPmRuleInfo *info = &smmu_pm_rules[rule];

    trace_smmuv3_pm_pm_violation(info->id,
                                 smmu_pm_severity_name(info->severity),
                                 count, detail);
}

/* A consistent copy of what the report needs, taken under the lock */
typedef struct PmSnapshot {
    SmmuPmPower power;
    SmmuPmChecker checker;
} PmSnapshot;

static void pm_snapshot(ArmSmmuV3PmState *s, PmSnapshot *snap)
{
    memset(snap, 0, sizeof(*snap));
    if (!DEVICE(s)->realized) {
        return;
    }
    qemu_mutex_lock(&s->lock);
    snap->power = s->core.power;
    snap->checker = s->core.checker;
    qemu_mutex_unlock(&s->lock);
}

static const char *on_off(bool on)
{
    return on ? "on" : "off";
}

static QDict *pm_power_dict(const SmmuPmPower *p)
{
    QDict *d = qdict_new();

    qdict_put_str(d, "state", on_off(p->on));
    qdict_put_str(d, "requested", on_off(p->want_on));
    qdict_put_str(d, "retention", smmu_pm_retention_name(p->cfg.retention));
    qdict_put_str(d, "up-caches",
                  smmu_pm_power_up_caches_name(p->cfg.up_caches));
    qdict_put_str(d, "off-access",
                  smmu_pm_off_access_name(p->cfg.off_access));
    qdict_put_int(d, "power-ups", p->stats.power_ups);
    qdict_put_int(d, "power-downs", p->stats.power_downs);
    qdict_put_int(d, "reads-while-off", p->stats.reads_while_off);
    qdict_put_int(d, "writes-while-off", p->stats.writes_while_off);
    qdict_put_int(d, "dma-while-off", p->stats.dma_while_off);
    return d;
}

static QDict *pm_rule_dict(SmmuPmRule rule, const SmmuPmViolation *v)
{
    const SmmuPmRuleInfo *info = &smmu_pm_rules[rule];
    QDict *d = qdict_new();

    qdict_put_str(d, "id", info->id);
    qdict_put_str(d, "summary", info->summary);
    qdict_put_str(d, "severity", smmu_pm_severity_name(info->severity));
    qdict_put_int(d, "count", v->count);
    if (v->count) {
        QDict *first = qdict_new();

        qdict_put_int(first, "time-ns", v->first_ns);
        qdict_put_str(first, "power", on_off(v->first_powered));
        qdict_put_str(first, "detail", v->first_detail);
        qdict_put(d, "first", first);
    }
    return d;
}

/*
 * "pm-report": {"strict", "errors", "warnings", "power": {...},
 * "rules": [{"id", "summary", "severity", "count", "first": {"time-ns",
 * "power", "detail"}}, ...]}, every rule listed, "first" only for those
 * that fired.  Counts cover the whole run: a guest reboot keeps them.
 */
void smmuv3_pm_get_pm_report(Object *obj, Visitor *v, const char *name,
                             void *opaque, Error **errp)
{
    ArmSmmuV3PmState *s = ARM_SMMUV3_PM(obj);
    g_autofree PmSnapshot *snap = g_new(PmSnapshot, 1);
    QDict *report = qdict_new();
    QList *rules = qlist_new();
    QObject *obj_report;

    pm_snapshot(s, snap);
    qdict_put_bool(report, "strict", s->pm_strict);
    qdict_put_int(report, "errors",
                  smmu_pm_checker_count(&snap->checker,
                                        SMMU_PM_SEVERITY_ERROR));
    qdict_put_int(report, "warnings",
                  smmu_pm_checker_count(&snap->checker,
                                        SMMU_PM_SEVERITY_WARNING));
    qdict_put(report, "power", pm_power_dict(&snap->power));
    for (int i = 0; i < SMMU_PM_RULE__MAX; i++) {
        qlist_append(rules, pm_rule_dict(i, &snap->checker.v[i]));
    }
    qdict_put(report, "rules", rules);
    qdict_put(report, "timing", smmuv3_pm_timing_stats_dict(s));

    obj_report = QOBJECT(report);
    visit_type_any(v, name, &obj_report, errp);
    qobject_unref(obj_report);
}

static void pm_print_summary(ArmSmmuV3PmState *s, const PmSnapshot *snap)
{
    g_autofree char *name = qdev_get_human_name(DEVICE(s));
    uint64_t errors = smmu_pm_checker_count(&snap->checker,
                                            SMMU_PM_SEVERITY_ERROR);
    uint64_t warnings = smmu_pm_checker_count(&snap->checker,
                                              SMMU_PM_SEVERITY_WARNING);

    error_printf("%s %s: pm-checker: %" PRIu64 " error(s), %" PRIu64
                 " warning(s); %" PRIu64 " power-down(s), %" PRIu64
                 " power-up(s), power %s at exit\n", TYPE_ARM_SMMUV3_PM,
                 name, errors, warnings, snap->power.stats.power_downs,
                 snap->power.stats.power_ups, on_off(snap->power.on));
    for (int i = 0; i < SMMU_PM_RULE__MAX; i++) {
        const SmmuPmViolation *v = &snap->checker.v[i];

        if (!v->count) {
            continue;
        }
        error_printf("  %-28s %-7s x%-6" PRIu64 " first at %" PRIu64
                     ".%09" PRIu64 " s (power %s): %s\n", smmu_pm_rules[i].id,
                     smmu_pm_severity_name(smmu_pm_rules[i].severity),
                     v->count, v->first_ns / (uint64_t)NANOSECONDS_PER_SECOND,
                     v->first_ns % (uint64_t)NANOSECONDS_PER_SECOND,
                     on_off(v->first_powered), v->first_detail);
    }
}

/*
 * Machine shutdown (guest power-off, QMP quit, a signal): print the
 * verdict, and in strict mode turn errors into the exit status.  The
 * shutdown is already under way; asking again only sets the status (and
 * is done once: with -no-shutdown the request would come back here).
 */
static void pm_shutdown_notify(Notifier *notifier, void *data)
{
    ArmSmmuV3PmState *s = container_of(notifier, ArmSmmuV3PmState, shutdown);
    g_autofree PmSnapshot *snap = g_new(PmSnapshot, 1);

    pm_snapshot(s, snap);
    pm_print_summary(s, snap);
    if (s->pm_strict &&
        smmu_pm_checker_count(&snap->checker, SMMU_PM_SEVERITY_ERROR) &&
        !s->strict_exit_requested) {
        s->strict_exit_requested = true;
        error_printf("%s: pm-strict=on: exit status %d\n", TYPE_ARM_SMMUV3_PM,
                     ARM_SMMUV3_PM_STRICT_EXIT_STATUS);
        qemu_system_shutdown_request_with_code(
            SHUTDOWN_CAUSE_HOST_ERROR, ARM_SMMUV3_PM_STRICT_EXIT_STATUS);
    }
}

void smmuv3_pm_report_init(ArmSmmuV3PmState *s)
{
    s->pm_rules = SMMU_PM_RULE__MAX;
    s->shutdown.notify = pm_shutdown_notify;
    qemu_register_shutdown_notifier(&s->shutdown);
}

/* ---- Migration ----------------------------------------------------------- */

static const VMStateDescription vmstate_smmuv3_pm_violation = {
    .name = TYPE_ARM_SMMUV3_PM "/violation",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT64(count, SmmuPmViolation),
        VMSTATE_UINT64(first_ns, SmmuPmViolation),
        VMSTATE_BOOL(first_powered, SmmuPmViolation),
        /* a char array, which VMSTATE_BUFFER's type check refuses */
        VMSTATE_BUFFER_UNSAFE(first_detail, SmmuPmViolation, 0,
                              SMMU_PM_VIOLATION_DETAIL_LEN),
        VMSTATE_END_OF_LIST()
    },
};

static const VMStateDescription vmstate_smmuv3_pm_owed_prg = {
    .name = TYPE_ARM_SMMUV3_PM "/owed-prg",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_BOOL(owed, SmmuPmOwedPrg),
        VMSTATE_BOOL(in_queue, SmmuPmOwedPrg),
        VMSTATE_UINT32(sid, SmmuPmOwedPrg),
        VMSTATE_UINT16(prgi, SmmuPmOwedPrg),
        VMSTATE_UINT32(index, SmmuPmOwedPrg),
        VMSTATE_END_OF_LIST()
    },
};

/*
 * The verdict belongs to the run, not to one QEMU process: a migrated
 * VM keeps its violations and power counters, and the protocol state
 * (the power-up window, the MSI addresses before power-off, a command
 * queue the power-off reset, the page request groups owed an answer),
 * so a driver half-way through resume when it migrates is judged on the
 * destination as it would have been on the source.  The rule table is
 * part of the format: a destination with a different set of rules
 * refuses the stream.
 */
const VMStateDescription vmstate_smmuv3_pm_checker = {
    .name = TYPE_ARM_SMMUV3_PM "/pm-checker",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32_EQUAL(pm_rules, ArmSmmuV3PmState, NULL),
        VMSTATE_STRUCT_ARRAY(core.checker.v, ArmSmmuV3PmState,
                             SMMU_PM_RULE__MAX, 1,
                             vmstate_smmuv3_pm_violation, SmmuPmViolation),
        VMSTATE_BOOL(core.checker.in_window, ArmSmmuV3PmState),
        VMSTATE_BOOL(core.checker.cfgi_all_seen, ArmSmmuV3PmState),
        VMSTATE_BOOL(core.checker.tlbi_all_seen, ArmSmmuV3PmState),
        VMSTATE_BOOL(core.checker.inval_synced, ArmSmmuV3PmState),
        VMSTATE_BOOL(core.checker.translation_set_up, ArmSmmuV3PmState),
        VMSTATE_UINT64_ARRAY(core.checker.msi_before_off, ArmSmmuV3PmState,
                             SMMU_PM_MSI__MAX),
        VMSTATE_BOOL_ARRAY(core.checker.msi_restored, ArmSmmuV3PmState,
                           SMMU_PM_MSI__MAX),
        VMSTATE_BOOL(core.checker.cmdq_lost, ArmSmmuV3PmState),
        VMSTATE_STRUCT_ARRAY(core.checker.owed, ArmSmmuV3PmState,
                             SMMU_PM_OWED_PRGS, 1,
                             vmstate_smmuv3_pm_owed_prg, SmmuPmOwedPrg),
        VMSTATE_UINT32(core.checker.owed_untracked, ArmSmmuV3PmState),
        VMSTATE_UINT64(core.power.stats.power_ups, ArmSmmuV3PmState),
        VMSTATE_UINT64(core.power.stats.power_downs, ArmSmmuV3PmState),
        VMSTATE_UINT64(core.power.stats.reads_while_off, ArmSmmuV3PmState),
        VMSTATE_UINT64(core.power.stats.writes_while_off, ArmSmmuV3PmState),
        VMSTATE_UINT64(core.power.stats.dma_while_off, ArmSmmuV3PmState),
        VMSTATE_END_OF_LIST()
    },
};
