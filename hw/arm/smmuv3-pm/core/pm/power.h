/*
 * arm-smmuv3-pm core: the SMMU's power domain
 *
 * The SMMU sits in a power domain that a power controller (SCMI, a PPU,
 * or a test) switches ON and OFF.  Power is a state of its own, not a
 * reset: while OFF the register file answers nothing (reads as zero or a
 * bus error, writes dropped) and incoming DMA is aborted; what survives
 * OFF, and what the caches hold at power-up, are properties, because real
 * parts differ and both can hurt a driver.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_POWER_H
#define SMMUV3_PM_CORE_POWER_H

#include <stdbool.h>
#include <stdint.h>

#include "hw/arm/smmuv3-pm/core/base/state.h"

/* Parse property values; -1 if unknown */
int smmu_pm_retention_parse(const char *name);
int smmu_pm_power_up_caches_parse(const char *name);
int smmu_pm_off_access_parse(const char *name);
/* Names of the values (NULL beyond the last) */
const char *smmu_pm_retention_name(SmmuPmRetention v);
const char *smmu_pm_power_up_caches_name(SmmuPmPowerUpCaches v);
const char *smmu_pm_off_access_name(SmmuPmOffAccess v);

/* Defaults: nothing retained, clean caches, RAZ/WI, on at reset, instant */
void smmu_pm_power_config_default(SmmuPmPowerConfig *cfg);

/* Machine reset: the domain goes to its reset state, without checks */
void smmu_pm_power_reset(SmmuPmCore *core);

/*
 * The power controller asks for ON (@on) or OFF.  The SMMU gets there
 * after the configured latency: at once if it is 0, else when the host
 * calls smmu_pm_power_timer() at or after the deadline it was given.
 */
void smmu_pm_power_request(SmmuPmCore *core, bool on);
void smmu_pm_power_timer(SmmuPmCore *core);

#endif /* SMMUV3_PM_CORE_POWER_H */
