/*
 * arm-smmuv3-pm: the timing model in QEMU
 *
 * The core decides when each delayed effect becomes visible
 * (core/base/timing.h); this file gives it QEMU_CLOCK_VIRTUAL and one
 * timer, the properties that set its latencies (one per entry of the
 * core's table, so each is validated with its range), the "timing" part
 * of the "stats" and "pm-report" properties, traces and migration.
 * Under -icount the virtual clock is a function of the guest's
 * instructions, so the same run gives the same times.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/visitor.h"
#include "qobject/qdict.h"
#include "migration/vmstate.h"
#include "smmuv3-pm-internal.h"
#include "trace.h"

/* ---- Properties ---------------------------------------------------------- */

static unsigned param_index(const SmmuPmTimingParam *p)
{
    return p - smmu_pm_timing_params;
}

/*
 * Before realize: the user's value, or the preset's of the current
 * "model"; after: what the core uses
 */
static void timing_prop_get(Object *obj, Visitor *v, const char *name,
                            void *opaque, Error **errp)
{
    ArmSmmuV3PmState *s = ARM_SMMUV3_PM(obj);
    const SmmuPmTimingParam *p = opaque;
    int64_t user = s->timing_user.value[param_index(p)];
    SmmuPmTimingConfig cfg;
    uint32_t value;

    if (DEVICE(obj)->realized) {
        qemu_mutex_lock(&s->lock);
        cfg = s->core.timing.cfg;
        qemu_mutex_unlock(&s->lock);
        value = *smmu_pm_timing_field(&cfg, p);
    } else if (user != SMMU_PM_UNSET) {
        value = user;
    } else {
        smmu_pm_timing_preset(s->model, &cfg);
        value = *smmu_pm_timing_field(&cfg, p);
    }
    visit_type_uint32(v, name, &value, errp);
}

static void timing_prop_set(Object *obj, Visitor *v, const char *name,
                            void *opaque, Error **errp)
{
    ArmSmmuV3PmState *s = ARM_SMMUV3_PM(obj);
    const SmmuPmTimingParam *p = opaque;
    uint32_t value;

    if (DEVICE(obj)->realized) {
        error_setg(errp, "%s: property '%s' cannot be changed once the "
                   "device is realized", TYPE_ARM_SMMUV3_PM, name);
        return;
    }
    if (!visit_type_uint32(v, name, &value, errp)) {
        return;
    }
    s->timing_user.value[param_index(p)] = value;
}

void smmuv3_pm_timing_class_init(ObjectClass *klass)
{
    for (unsigned i = 0; i < smmu_pm_timing_n_params; i++) {
        const SmmuPmTimingParam *p = &smmu_pm_timing_params[i];
        g_autofree char *desc = g_strdup_printf(
            "%s, in SMMU clock cycles%s (%u-%u; default: the model's)",
            p->doc, strcmp(p->name, "clock-mhz") &&
                    strcmp(p->name, "cmds-per-fetch") ? "" : " (not cycles)",
            p->min, p->max);

        object_class_property_add(klass, p->name, "uint32", timing_prop_get,
                                  timing_prop_set, NULL, (void *)p);
        object_class_property_set_description(klass, p->name, desc);
    }
}

void smmuv3_pm_timing_instance_init(ArmSmmuV3PmState *s)
{
    smmu_pm_timing_user_init(&s->timing_user);
}

bool smmuv3_pm_timing_resolve(ArmSmmuV3PmState *s, SmmuPmModel model,
                              SmmuPmTimingConfig *cfg, Error **errp)
{
    g_autofree char *msg = NULL;

    s->timing_user.enabled = s->timing == ON_OFF_AUTO_AUTO ? SMMU_PM_UNSET :
                             s->timing == ON_OFF_AUTO_ON;
    if (!smmu_pm_timing_resolve(model, &s->timing_user, cfg, &msg)) {
        error_setg(errp, "%s: %s", TYPE_ARM_SMMUV3_PM, msg);
        return false;
    }
    return true;
}

/* ---- The timer ----------------------------------------------------------- */

static void smmuv3_pm_timer_cb(void *opaque)
{
    ArmSmmuV3PmState *s = opaque;

    qemu_mutex_lock(&s->lock);
    smmu_pm_core_timer(&s->core);
    smmuv3_pm_run_pending(s);
    qemu_mutex_unlock(&s->lock);
}

uint64_t smmuv3_pm_host_now_ns(void *opaque)
{
    return qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
}

void smmuv3_pm_host_set_timer(void *opaque, uint64_t deadline_ns)
{
    ArmSmmuV3PmState *s = opaque;

    timer_mod(s->timer, deadline_ns);
}

void smmuv3_pm_host_timed_effect(void *opaque, const char *what,
                                 uint64_t value, uint64_t latency_ns)
{
    trace_smmuv3_pm_timed(what, value, latency_ns);
}

void smmuv3_pm_timing_init(ArmSmmuV3PmState *s)
{
    s->timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, smmuv3_pm_timer_cb, s);
}

/* ---- Statistics ---------------------------------------------------------- */

static QDict *latency_dict(const SmmuPmLatency *l)
{
    QDict *d = qdict_new();

    qdict_put_int(d, "count", l->count);
    qdict_put_int(d, "min", l->min_ns);
    qdict_put_int(d, "mean", l->count ? l->sum_ns / l->count : 0);
    qdict_put_int(d, "max", l->max_ns);
    return d;
}

/*
 * {"enabled", "clock-mhz", "cmd-latency-ns": {"CMD_SYNC": {"count",
 * "min", "mean", "max"}, ...} (opcodes seen only), "cmdq-busy-ns",
 * "cmdq-depth-max", "cmdq-depth-mean", "power-on-ns", "power-off-ns"}
 */
QDict *smmuv3_pm_timing_stats_dict(ArmSmmuV3PmState *s)
{
    g_autofree SmmuPmTiming *t = g_new0(SmmuPmTiming, 1);
    QDict *d = qdict_new(), *lat = qdict_new();
    uint64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    uint64_t on_ns, off_ns, current;
    bool powered = false;

    if (DEVICE(s)->realized) {
        qemu_mutex_lock(&s->lock);
        *t = s->core.timing;
        powered = smmu_pm_powered(&s->core);
        qemu_mutex_unlock(&s->lock);
    }
    current = now > t->stats.since_ns ? now - t->stats.since_ns : 0;
    on_ns = t->stats.on_ns + (powered ? current : 0);
    off_ns = t->stats.off_ns + (powered ? 0 : current);

    qdict_put_bool(d, "enabled", t->cfg.enabled);
    qdict_put_int(d, "clock-mhz", t->cfg.clock_mhz);
    for (unsigned op = 0; op < SMMU_PM_CMD_OPCODES; op++) {
        if (t->stats.cmd_latency[op].count) {
            qdict_put(lat, smmu_pm_cmd_name(op),
                      latency_dict(&t->stats.cmd_latency[op]));
        }
    }
    qdict_put(d, "cmd-latency-ns", lat);
    qdict_put_int(d, "cmdq-busy-ns", t->stats.cmdq_busy_ns);
    qdict_put_int(d, "cmdq-depth-max", t->stats.cmdq_depth_max);
    qdict_put_int(d, "cmdq-depth-mean", t->stats.cmdq_depth_samples ?
                  t->stats.cmdq_depth_sum / t->stats.cmdq_depth_samples : 0);
    qdict_put_int(d, "power-on-ns", on_ns);
    qdict_put_int(d, "power-off-ns", off_ns);
    return d;
}

/* ---- Migration ----------------------------------------------------------- */

static const VMStateDescription vmstate_smmuv3_pm_arrival = {
    .name = TYPE_ARM_SMMUV3_PM "/arrival",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(prod, SmmuPmArrival),
        VMSTATE_UINT64(at_ns, SmmuPmArrival),
        VMSTATE_END_OF_LIST()
    }
};

static const VMStateDescription vmstate_smmuv3_pm_latency = {
    .name = TYPE_ARM_SMMUV3_PM "/latency",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT64(count, SmmuPmLatency),
        VMSTATE_UINT64(min_ns, SmmuPmLatency),
        VMSTATE_UINT64(max_ns, SmmuPmLatency),
        VMSTATE_UINT64(sum_ns, SmmuPmLatency),
        VMSTATE_END_OF_LIST()
    }
};

static int timing_post_load(void *opaque, int version_id)
{
    ArmSmmuV3PmState *s = opaque;

    if (s->core.timing.n_arrivals > SMMU_PM_CMDQ_ARRIVALS) {
        return -EINVAL;
    }
    return 0;
}

#define T(f) core.timing.f
/*
 * What is in flight (acknowledgements, records not yet visible, the
 * command being executed) and the time records: a VM migrated between a
 * CR0 write and its CR0ACK sees the CR0ACK at the same virtual time on
 * the destination (the timer migrates with the power state).  Always
 * sent: its records count from the device's creation, as "stats" does.
 */
const VMStateDescription vmstate_smmuv3_pm_timing = {
    .name = TYPE_ARM_SMMUV3_PM "/timing",
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = timing_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_BOOL_ARRAY(T(hs_pending), ArmSmmuV3PmState, SMMU_PM_HS__MAX),
        VMSTATE_UINT64_ARRAY(T(hs_start_ns), ArmSmmuV3PmState,
                             SMMU_PM_HS__MAX),
        VMSTATE_UINT64_ARRAY(T(hs_due_ns), ArmSmmuV3PmState, SMMU_PM_HS__MAX),
        VMSTATE_UINT32(T(gbpa_new), ArmSmmuV3PmState),
        VMSTATE_BOOL_ARRAY(T(outq_pending), ArmSmmuV3PmState,
                           SMMU_PM_OUTQ__MAX),
        VMSTATE_UINT32_ARRAY(T(outq_visible_prod), ArmSmmuV3PmState,
                             SMMU_PM_OUTQ__MAX),
        VMSTATE_UINT64_ARRAY(T(outq_written_ns), ArmSmmuV3PmState,
                             SMMU_PM_OUTQ__MAX),
        VMSTATE_UINT64_ARRAY(T(outq_publish_ns), ArmSmmuV3PmState,
                             SMMU_PM_OUTQ__MAX),
        VMSTATE_BOOL(T(cmd_scheduled), ArmSmmuV3PmState),
        VMSTATE_UINT64(T(cmd_due_ns), ArmSmmuV3PmState),
        VMSTATE_UINT64(T(cmd_free_ns), ArmSmmuV3PmState),
        VMSTATE_UINT32(T(fetch_credit), ArmSmmuV3PmState),
        VMSTATE_STRUCT_ARRAY(T(arrivals), ArmSmmuV3PmState,
                             SMMU_PM_CMDQ_ARRIVALS, 1,
                             vmstate_smmuv3_pm_arrival, SmmuPmArrival),
        VMSTATE_UINT32(T(n_arrivals), ArmSmmuV3PmState),
        VMSTATE_STRUCT_ARRAY(T(stats.cmd_latency), ArmSmmuV3PmState,
                             SMMU_PM_CMD_OPCODES, 1,
                             vmstate_smmuv3_pm_latency, SmmuPmLatency),
        VMSTATE_UINT64(T(stats.cmdq_busy_ns), ArmSmmuV3PmState),
        VMSTATE_UINT64(T(stats.cmdq_depth_max), ArmSmmuV3PmState),
        VMSTATE_UINT64(T(stats.cmdq_depth_sum), ArmSmmuV3PmState),
        VMSTATE_UINT64(T(stats.cmdq_depth_samples), ArmSmmuV3PmState),
        VMSTATE_UINT64(T(stats.on_ns), ArmSmmuV3PmState),
        VMSTATE_UINT64(T(stats.off_ns), ArmSmmuV3PmState),
        VMSTATE_UINT64(T(stats.since_ns), ArmSmmuV3PmState),
        VMSTATE_END_OF_LIST()
    }
};
#undef T
