/*
 * arm-smmuv3-pm core: the names of the commands (opcodes: arch.h)
 *
 * Below the command queue because the PM checker names the commands a
 * power-off loses, and the QEMU binding names them in its statistics.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_BASE_COMMANDS_H
#define SMMUV3_PM_CORE_BASE_COMMANDS_H

#include "hw/arm/smmuv3-pm/core/base/arch.h"

/* "CFGI_STE", "CMD_SYNC", ...; "unknown" for an opcode arch.h does not list */
const char *smmu_pm_cmd_name(unsigned opcode);

#endif /* SMMUV3_PM_CORE_BASE_COMMANDS_H */
