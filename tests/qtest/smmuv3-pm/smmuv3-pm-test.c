/*
 * arm-smmuv3-pm qtest: register file
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "libqtest.h"
#include "smmuv3-pm-dt.h"

static void test_fixed_idr0(void)
{
    QTestState *qts = qtest_init("-machine virt,gic-version=3,iommu=smmuv3-pm "
                                 "-cpu max -net none");
    uint32_t idr0 = qtest_readl(qts, smmu_base(qts) + 0x0);

    g_assert_cmpuint(idr0, !=, 0);
    qtest_quit(qts);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/smmuv3-pm/fixed/idr0", test_fixed_idr0);
    smmuv3_pm_dt_register_tests();
    return g_test_run();
}
