/*
 * arm-smmuv3-pm core: stalled transactions
 *
 * Under the Stall model (Arm IHI 0070, 3.12.2) a transaction with a
 * translation-related fault is held, its event record carries Stall == 1
 * and a Stall Tag (STAG), and it stays held until software answers with
 * CMD_RESUME (retry, or terminate with an abort or RAZ/WI), CMD_STALL_TERM
 * for its StreamID, or clears SMMUEN.  Only a requester that can wait
 * (SmmuPmTxn.can_stall) is held; for any other one the model uses the
 * architecture's allowance to treat a stalling configuration as a
 * terminating one (3.12: Stall == 0, terminated with an abort).
 *
 * The STAG is the index of the slot holding the transaction, so a STAG
 * is never reused before its transaction is answered and the answer
 * taken by the host.
 *
 * A stall whose event cannot be written (the event queue is disabled,
 * full, or has an unacknowledged abort) is not lost: it stays held
 * without a record and is retried once the queue is writable again
 * (7.2.1), which records a new event if it faults again.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_STALL_H
#define SMMUV3_PM_CORE_STALL_H

#include <stdbool.h>
#include <stdint.h>

#include "hw/arm/smmuv3-pm/core/base/state.h"

const char *smmu_pm_stall_outcome_name(SmmuPmStallOutcome outcome);

/*
 * Hold a transaction: returns its STAG, or -1 when every slot is taken
 * (the caller then terminates it instead).
 */
int smmu_pm_stall_hold(SmmuPmCore *core, uint32_t sid, bool ssv,
                       uint32_t ssid, uint64_t addr, bool write);

/* The event of the stall @stag was written (or not) */
void smmu_pm_stall_set_recorded(SmmuPmCore *core, unsigned stag,
                                bool recorded);

/* CMD_RESUME: false if no recorded stall of @sid has @stag (a no-op) */
bool smmu_pm_stall_resume(SmmuPmCore *core, uint32_t sid, unsigned stag,
                          SmmuPmStallOutcome outcome);

/* CMD_STALL_TERM: terminate every stall of @sid; returns how many */
unsigned smmu_pm_stall_term(SmmuPmCore *core, uint32_t sid);

/*
 * Terminate every held transaction with an abort (SMMUEN cleared, power
 * lost); returns how many.
 */
unsigned smmu_pm_stall_terminate_all(SmmuPmCore *core);

/*
 * The event queue may have become writable: retry the stalls whose
 * event could not be written.
 */
void smmu_pm_stall_eventq_writable(SmmuPmCore *core);

/*
 * The next answered stall, in STAG order: false when there is none.  The
 * host calls this after SmmuPmHostOps.stall_done to tell the masters;
 * it frees the slot.
 */
bool smmu_pm_stall_take_done(SmmuPmCore *core, uint32_t *sid,
                             unsigned *stag, SmmuPmStallOutcome *outcome);

/* Forget every stall without answering it (reset: the masters reset too) */
void smmu_pm_stall_reset(SmmuPmCore *core);

/* Number of held transactions */
static inline unsigned smmu_pm_stalls_held(const SmmuPmStalls *stalls)
{
    return stalls->held;
}

#endif /* SMMUV3_PM_CORE_STALL_H */
