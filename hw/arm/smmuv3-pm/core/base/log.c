/*
 * arm-smmuv3-pm core: messages and notices to the host
 *
 * The services every layer of the core uses to reach the host: a log
 * line (guest errors are also counted), the notice that cached
 * translations held outside the core must go, and the request to run
 * the core again.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <stdarg.h>
#include <glib.h>

#include "hw/arm/smmuv3-pm/core/base/state.h"
#include "hw/arm/smmuv3-pm/core/base/log.h"

void smmu_pm_log(SmmuPmCore *core, SmmuPmLogKind kind, const char *fmt, ...)
{
    g_autofree char *msg = NULL;
    va_list ap;

    if (kind == SMMU_PM_LOG_GUEST_ERROR) {
        core->stats.guest_errors++;
    }
    if (!core->host || !core->host->log) {
        return;
    }
    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    core->host->log(core->host_opaque, kind, msg);
}

void smmu_pm_notify_translation_changed(SmmuPmCore *c)
{
    if (c->host && c->host->translation_changed) {
        c->host->translation_changed(c->host_opaque);
    }
}

void smmu_pm_kick(SmmuPmCore *c)
{
    if (c->host->kick) {
        c->host->kick(c->host_opaque);
    }
}
