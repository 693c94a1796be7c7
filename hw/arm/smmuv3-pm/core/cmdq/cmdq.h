/*
 * arm-smmuv3-pm core: the command queue
 *
 * Commands are consumed by smmu_pm_cmdq_process(), which the host runs
 * when the core kicks it (after a CMDQ_PROD write, CMDQEN being set, or a
 * CMDQ_ERR being acknowledged).  Each command is one step: fetch,
 * validate, execute, advance CONS.  With timing off the host runs them
 * right after the register access; with timing on each completes at the
 * virtual time the command processor would finish it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_CMDQ_H
#define SMMUV3_PM_CORE_CMDQ_H

#include <stdbool.h>
#include <stdint.h>

#include "hw/arm/smmuv3-pm/core/base/commands.h"
#include "hw/arm/smmuv3-pm/core/base/state.h"

/* CMDQ_CONS.ERR codes */
typedef enum SmmuPmCmdError {
    SMMU_CERROR_NONE = 0,
    SMMU_CERROR_ILL = 1,
    SMMU_CERROR_ABT = 2,
    SMMU_CERROR_ATC_INV_SYNC = 3,
} SmmuPmCmdError;

/*
 * Consume commands until the queue is empty, disabled or stopped by an
 * error.  @budget bounds the number of commands (0: no bound); returns
 * true if commands remain to be consumed.
 */
bool smmu_pm_cmdq_process(SmmuPmCore *core, unsigned budget);

/*
 * With timing on: complete the commands due by virtual time @now, one at
 * a time as the command processor would (base/timing.h), at most @budget
 * (0: no bound), and ask the host for a timer at the next completion.
 * Returns true if commands due remain (the budget ran out).
 */
bool smmu_pm_cmdq_timed_run(SmmuPmCore *core, uint64_t now, unsigned budget);

#endif /* SMMUV3_PM_CORE_CMDQ_H */
