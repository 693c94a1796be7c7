/*
 * arm-smmuv3-pm core: command opcodes and their names
 *
 * Below the command queue because the PM checker names the commands a
 * power-off loses, and the QEMU binding names them in its statistics.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_BASE_COMMANDS_H
#define SMMUV3_PM_CORE_BASE_COMMANDS_H

/* Command opcodes (Arm IHI 0070, 4.1) */
enum {
    SMMU_CMD_PREFETCH_CONFIG = 0x01,
    SMMU_CMD_PREFETCH_ADDR = 0x02,
    SMMU_CMD_CFGI_STE = 0x03,
    SMMU_CMD_CFGI_STE_RANGE = 0x04,     /* CFGI_ALL: Range 31 */
    SMMU_CMD_CFGI_CD = 0x05,
    SMMU_CMD_CFGI_CD_ALL = 0x06,
    SMMU_CMD_TLBI_NH_ALL = 0x10,
    SMMU_CMD_TLBI_NH_ASID = 0x11,
    SMMU_CMD_TLBI_NH_VA = 0x12,
    SMMU_CMD_TLBI_NH_VAA = 0x13,
    SMMU_CMD_TLBI_EL3_ALL = 0x18,
    SMMU_CMD_TLBI_EL3_VA = 0x1a,
    SMMU_CMD_TLBI_EL2_ALL = 0x20,
    SMMU_CMD_TLBI_EL2_ASID = 0x21,
    SMMU_CMD_TLBI_EL2_VA = 0x22,
    SMMU_CMD_TLBI_EL2_VAA = 0x23,
    SMMU_CMD_TLBI_S12_VMALL = 0x28,
    SMMU_CMD_TLBI_S2_IPA = 0x2a,
    SMMU_CMD_TLBI_NSNH_ALL = 0x30,
    SMMU_CMD_ATC_INV = 0x40,
    SMMU_CMD_PRI_RESP = 0x41,
    SMMU_CMD_RESUME = 0x44,
    SMMU_CMD_STALL_TERM = 0x45,
    SMMU_CMD_SYNC = 0x46,
};

/* "CFGI_STE", "CMD_SYNC", ...; "unknown" for an opcode not listed above */
const char *smmu_pm_cmd_name(unsigned opcode);

#endif /* SMMUV3_PM_CORE_BASE_COMMANDS_H */
