/*
 * arm-smmuv3-pm core: the state of stalled transactions (xlate/stall.c works on it)
 *
 * Part of SmmuPmCore (base/state.h), so it is defined below every layer
 * that holds or answers a stall.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_BASE_STALL_STATE_H
#define SMMUV3_PM_CORE_BASE_STALL_STATE_H

#include <stdbool.h>
#include <stdint.h>

/* Outstanding stalls the model holds (SMMU_IDR5.STALL_MAX) */
#define SMMU_PM_STALL_SLOTS 256

typedef struct SmmuPmStall {
    bool held;                  /* waiting in the SMMU */
    bool recorded;              /* its event is in the event queue */
    /*
     * Answered (outcome) but not yet taken by the host: the slot, and so
     * the STAG, stays in use until smmu_pm_stall_take_done()
     */
    bool done;
    uint8_t outcome;
    uint32_t sid;
    bool ssv;
    uint32_t ssid;
    uint64_t addr;
    bool write;
} SmmuPmStall;

typedef struct SmmuPmStalls {
    SmmuPmStall slot[SMMU_PM_STALL_SLOTS];
    uint32_t held;              /* slots with .held */
} SmmuPmStalls;

#endif /* SMMUV3_PM_CORE_BASE_STALL_STATE_H */
