/*
 * arm-smmuv3-pm core: messages and notices to the host
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_BASE_LOG_H
#define SMMUV3_PM_CORE_BASE_LOG_H

#include "hw/arm/smmuv3-pm/core/base/state.h"

/* Log a formatted message through the host */
void smmu_pm_log(SmmuPmCore *core, SmmuPmLogKind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Something that decides the fate of incoming transactions changed: tell
 * the host (SmmuPmHostOps.translation_changed)
 */
void smmu_pm_notify_translation_changed(SmmuPmCore *core);

/*
 * The core has work to do (commands to consume): ask the host to call
 * smmu_pm_core_run() when it sees fit (SmmuPmHostOps.kick)
 */
void smmu_pm_kick(SmmuPmCore *core);

#endif /* SMMUV3_PM_CORE_BASE_LOG_H */
