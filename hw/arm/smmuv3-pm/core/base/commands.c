/*
 * arm-smmuv3-pm core: command names
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <glib.h>

#include "hw/arm/smmuv3-pm/core/base/commands.h"

static const char *const cmd_names[0x47] = {
    [SMMU_CMD_PREFETCH_CONFIG] = "PREFETCH_CONFIG",
    [SMMU_CMD_PREFETCH_ADDR] = "PREFETCH_ADDR",
    [SMMU_CMD_CFGI_STE] = "CFGI_STE",
    [SMMU_CMD_CFGI_STE_RANGE] = "CFGI_STE_RANGE",
    [SMMU_CMD_CFGI_CD] = "CFGI_CD",
    [SMMU_CMD_CFGI_CD_ALL] = "CFGI_CD_ALL",
    [SMMU_CMD_TLBI_NH_ALL] = "TLBI_NH_ALL",
    [SMMU_CMD_TLBI_NH_ASID] = "TLBI_NH_ASID",
    [SMMU_CMD_TLBI_NH_VA] = "TLBI_NH_VA",
    [SMMU_CMD_TLBI_NH_VAA] = "TLBI_NH_VAA",
    [SMMU_CMD_TLBI_EL3_ALL] = "TLBI_EL3_ALL",
    [SMMU_CMD_TLBI_EL3_VA] = "TLBI_EL3_VA",
    [SMMU_CMD_TLBI_EL2_ALL] = "TLBI_EL2_ALL",
    [SMMU_CMD_TLBI_EL2_ASID] = "TLBI_EL2_ASID",
    [SMMU_CMD_TLBI_EL2_VA] = "TLBI_EL2_VA",
    [SMMU_CMD_TLBI_EL2_VAA] = "TLBI_EL2_VAA",
    [SMMU_CMD_TLBI_S12_VMALL] = "TLBI_S12_VMALL",
    [SMMU_CMD_TLBI_S2_IPA] = "TLBI_S2_IPA",
    [SMMU_CMD_TLBI_NSNH_ALL] = "TLBI_NSNH_ALL",
    [SMMU_CMD_ATC_INV] = "ATC_INV",
    [SMMU_CMD_PRI_RESP] = "PRI_RESP",
    [SMMU_CMD_RESUME] = "RESUME",
    [SMMU_CMD_STALL_TERM] = "STALL_TERM",
    [SMMU_CMD_SYNC] = "CMD_SYNC",
};

const char *smmu_pm_cmd_name(unsigned op)
{
    if (op < G_N_ELEMENTS(cmd_names) && cmd_names[op]) {
        return cmd_names[op];
    }
    return "unknown";
}
