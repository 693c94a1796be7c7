/*
 * arm-smmuv3-pm core: the command queue
 *
 * Commands are consumed by smmu_pm_cmdq_process(), which the host runs
 * when the core kicks it (after a CMDQ_PROD write, CMDQEN being set, or a
 * CMDQ_ERR being acknowledged).  Each command is one step: fetch,
 * validate, execute, advance CONS.  Nothing here assumes it runs inside
 * the PROD write, so a timing model can spread the steps over time.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_CMDQ_H
#define SMMUV3_PM_CORE_CMDQ_H

#include <stdbool.h>
#include <stdint.h>

typedef struct SmmuPmCore SmmuPmCore;

/* CMDQ_CONS.ERR codes */
typedef enum SmmuPmCmdError {
    SMMU_CERROR_NONE = 0,
    SMMU_CERROR_ILL = 1,
    SMMU_CERROR_ABT = 2,
    SMMU_CERROR_ATC_INV_SYNC = 3,
} SmmuPmCmdError;

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

const char *smmu_pm_cmd_name(unsigned opcode);

/*
 * Consume commands until the queue is empty, disabled or stopped by an
 * error.  @budget bounds the number of commands (0: no bound); returns
 * true if commands remain to be consumed.
 */
bool smmu_pm_cmdq_process(SmmuPmCore *core, unsigned budget);

#endif /* SMMUV3_PM_CORE_CMDQ_H */
