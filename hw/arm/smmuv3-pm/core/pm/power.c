/*
 * arm-smmuv3-pm core: the SMMU's power domain
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <glib.h>
#include <inttypes.h>
#include <string.h>

#include "hw/arm/smmuv3-pm/core/base/state.h"
#include "hw/arm/smmuv3-pm/core/pm/power.h"
#include "hw/arm/smmuv3-pm/core/base/arch.h"
#include "hw/arm/smmuv3-pm/core/xlate/strtab.h"
#include "hw/arm/smmuv3-pm/core/base/log.h"
#include "hw/arm/smmuv3-pm/core/checker/checker.h"
#include "hw/arm/smmuv3-pm/core/xlate/stall.h"
#include "hw/arm/smmuv3-pm/core/base/timing.h"

static const char *const retention_names[SMMU_PM_RETAIN__MAX] = {
    [SMMU_PM_RETAIN_NONE] = "none",
    [SMMU_PM_RETAIN_REGISTERS] = "registers",
};

static const char *const up_caches_names[SMMU_PM_CACHES__MAX] = {
    [SMMU_PM_CACHES_CLEAN] = "clean",
    [SMMU_PM_CACHES_STALE] = "stale",
    [SMMU_PM_CACHES_GARBAGE] = "garbage",
};

static const char *const off_access_names[SMMU_PM_OFF__MAX] = {
    [SMMU_PM_OFF_RAZ_WI] = "raz",
    [SMMU_PM_OFF_BUS_ERROR] = "bus-error",
};

static int parse(const char *const *names, int n, const char *name)
{
    for (int i = 0; i < n; i++) {
        if (!strcmp(names[i], name)) {
            return i;
        }
    }
    return -1;
}

int smmu_pm_retention_parse(const char *name)
{
    return parse(retention_names, G_N_ELEMENTS(retention_names), name);
}

int smmu_pm_power_up_caches_parse(const char *name)
{
    return parse(up_caches_names, G_N_ELEMENTS(up_caches_names), name);
}

int smmu_pm_off_access_parse(const char *name)
{
    return parse(off_access_names, G_N_ELEMENTS(off_access_names), name);
}

const char *smmu_pm_retention_name(SmmuPmRetention v)
{
    return (unsigned)v < SMMU_PM_RETAIN__MAX ? retention_names[v] : NULL;
}

const char *smmu_pm_power_up_caches_name(SmmuPmPowerUpCaches v)
{
    return (unsigned)v < SMMU_PM_CACHES__MAX ? up_caches_names[v] : NULL;
}

const char *smmu_pm_off_access_name(SmmuPmOffAccess v)
{
    return (unsigned)v < SMMU_PM_OFF__MAX ? off_access_names[v] : NULL;
}

void smmu_pm_power_config_default(SmmuPmPowerConfig *cfg)
{
    *cfg = (SmmuPmPowerConfig) {
        .retention = SMMU_PM_RETAIN_NONE,
        .up_caches = SMMU_PM_CACHES_CLEAN,
        .off_access = SMMU_PM_OFF_RAZ_WI,
        .on_at_reset = true,
    };
}

void smmu_pm_power_reset(SmmuPmCore *c)
{
    SmmuPmPower *p = &c->power;

    p->on = p->want_on = p->cfg.on_at_reset;
    p->transition_pending = false;
    c->timing.stats.since_ns = smmu_pm_now_ns(c);
}

static void power_down(SmmuPmCore *c)
{
    smmu_pm_check_power_off(c);
    /*
     * Held transactions do not survive: their masters see an abort, as
     * from an interconnect that times them out.
     */
    smmu_pm_stall_terminate_all(c);
    c->power.on = false;
    c->power.stats.power_downs++;
    smmu_pm_timing_power_changed(c, false, smmu_pm_now_ns(c));
    /* The command processor stops; with the registers go their updates */
    c->timing.cmd_scheduled = false;
    if (c->power.cfg.retention == SMMU_PM_RETAIN_NONE) {
        smmu_pm_timing_forget(c);
        /* The caches keep their contents: power-up decides what remains */
        smmu_pm_regs_reset(c);
    }
    smmu_pm_log(c, SMMU_PM_LOG_INFO, "power OFF (retention %s)",
                smmu_pm_retention_name(c->power.cfg.retention));
    smmu_pm_notify_translation_changed(c);
}

static void power_up(SmmuPmCore *c)
{
    c->power.on = true;
    c->power.stats.power_ups++;
    smmu_pm_timing_power_changed(c, true, smmu_pm_now_ns(c));
    switch (c->power.cfg.up_caches) {
    case SMMU_PM_CACHES_CLEAN:
        smmu_pm_tlb_invalidate_all(c->tlb);
        smmu_pm_cfgcache_inv_all(c);
        break;
    case SMMU_PM_CACHES_STALE:
        break;
    case SMMU_PM_CACHES_GARBAGE:
        smmu_pm_tlb_scramble(c->tlb, c->power.stats.power_ups,
                             c->cfg.oas_bits);
        smmu_pm_cfgcache_scramble(c, c->power.stats.power_ups);
        break;
    }
    smmu_pm_check_power_up(c);
    smmu_pm_log(c, SMMU_PM_LOG_INFO, "power ON (caches %s)",
                smmu_pm_power_up_caches_name(c->power.cfg.up_caches));
    smmu_pm_notify_translation_changed(c);
    /* Retained updates and commands go on from where they stopped */
    smmu_pm_timing_rearm(c);
    smmu_pm_kick(c);
}

static void complete_transition(SmmuPmCore *c)
{
    c->power.transition_pending = false;
    if (c->power.want_on && !c->power.on) {
        power_up(c);
    } else if (!c->power.want_on && c->power.on) {
        power_down(c);
    }
}

void smmu_pm_power_request(SmmuPmCore *c, bool on)
{
    SmmuPmPower *p = &c->power;
    uint64_t latency = on ? p->cfg.on_latency_ns : p->cfg.off_latency_ns;

    if (on == p->want_on) {
        return;
    }
    p->want_on = on;
    if (on == p->on) {
        /* A request undone before it took effect */
        p->transition_pending = false;
        return;
    }
    if (!latency || !c->host->set_timer) {
        complete_transition(c);
        return;
    }
    p->transition_pending = true;
    p->transition_at_ns = smmu_pm_now_ns(c) + latency;
    smmu_pm_timing_rearm(c);
}

void smmu_pm_power_timer(SmmuPmCore *c)
{
    SmmuPmPower *p = &c->power;

    if (p->transition_pending && smmu_pm_now_ns(c) >= p->transition_at_ns) {
        complete_transition(c);
    }
}
