/*
 * arm-smmuv3-pm: the SMMU's power input
 *
 * The named GPIO input "power" (1 = powered) is what a power controller
 * drives: a power-domain provider's domain output (power-controller:
 * arm-scmi-power, arm-pck600-ppu), or a qtest that gates the SMMU
 * directly.  The core decides what power-off and
 * power-up do; this file gives it the input, a virtual-time clock for
 * the transition latencies, the properties that configure it, and
 * migration of the power state.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/irq.h"
#include "migration/vmstate.h"
#include "smmuv3-pm-internal.h"
#include "trace.h"

/*
 * power-retention, power-up-caches and power-off-access were checked when
 * they were set (props.c): their values are the core's enums.
 */
bool smmuv3_pm_power_resolve(ArmSmmuV3PmState *s, SmmuPmPowerConfig *cfg,
                             Error **errp)
{
    bool domain_on;

    smmu_pm_power_config_default(cfg);
    cfg->retention = s->power_retention;
    cfg->up_caches = s->power_up_caches;
    cfg->off_access = s->power_off_access;
    cfg->on_latency_ns = s->power_on_latency_ns;
    cfg->off_latency_ns = s->power_off_latency_ns;

    if (smmuv3_pm_power_domain_on_at_reset(s, &domain_on)) {
        if (s->power_on_at_reset != ON_OFF_AUTO_AUTO) {
            error_setg(errp, "%s: property 'power-on-at-reset' cannot be "
                       "used with 'power-controller': the controller's "
                       "domain-states say whether the domain is on at "
                       "reset", TYPE_ARM_SMMUV3_PM);
            return false;
        }
        cfg->on_at_reset = domain_on;
    } else {
        cfg->on_at_reset = s->power_on_at_reset != ON_OFF_AUTO_OFF;
    }
    return true;
}

/* "power" input: the controller asks for ON (level 1) or OFF (0) */
static void smmuv3_pm_power_in(void *opaque, int n, int level)
{
    ArmSmmuV3PmState *s = opaque;

    trace_smmuv3_pm_power_input(level);
    qemu_mutex_lock(&s->lock);
    smmu_pm_power_request(&s->core, level);
    /* Power-up restarts the command queue of a retained state */
    smmuv3_pm_run_pending(s);
    qemu_mutex_unlock(&s->lock);
}

/* The transition latency runs on the core's timer (timing.c) */
void smmuv3_pm_power_init(ArmSmmuV3PmState *s)
{
    qdev_init_gpio_in_named(DEVICE(s), smmuv3_pm_power_in, "power", 1);
}

/*
 * The power state is part of the machine's state: a VM migrated while
 * the SMMU is off (or on its way) must arrive off (or on its way).
 */
const VMStateDescription vmstate_smmuv3_pm_power = {
    .name = "arm-smmuv3-pm/power",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_BOOL(core.power.on, ArmSmmuV3PmState),
        VMSTATE_BOOL(core.power.want_on, ArmSmmuV3PmState),
        VMSTATE_BOOL(core.power.transition_pending, ArmSmmuV3PmState),
        VMSTATE_UINT64(core.power.transition_at_ns, ArmSmmuV3PmState),
        VMSTATE_TIMER_PTR(timer, ArmSmmuV3PmState),
        VMSTATE_END_OF_LIST()
    }
};
