/*
 * arm-smmuv3-pm qtest: device tree helpers
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_DT_H
#define SMMUV3_PM_DT_H

#include "libqtest.h"

/* Absolute MMIO base of the (first) arm,smmu-v3 node in the machine's DT. */
uint64_t smmu_base(QTestState *qts);

/* Register the DT tests. */
void smmuv3_pm_dt_register_tests(void);

#endif
