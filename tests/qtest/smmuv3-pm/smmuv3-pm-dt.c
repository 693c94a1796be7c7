/*
 * arm-smmuv3-pm qtest: device tree checks
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "libqtest.h"
#include "smmuv3-pm-dt.h"

uint64_t smmu_base(QTestState *qts)
{
    return 0x09050000;
}

void smmuv3_pm_dt_register_tests(void)
{
}
