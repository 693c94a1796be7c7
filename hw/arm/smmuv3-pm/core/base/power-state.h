/*
 * arm-smmuv3-pm core: the state and configuration of the power domain (pm/power.c
 * works on it)
 *
 * Part of SmmuPmCore (base/state.h), so it is defined below every layer
 * that asks whether the SMMU has power.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_BASE_POWER_STATE_H
#define SMMUV3_PM_CORE_BASE_POWER_STATE_H

#include <stdbool.h>
#include <stdint.h>

/* What survives OFF */
typedef enum SmmuPmRetention {
    SMMU_PM_RETAIN_NONE,        /* every register back to its reset value */
    SMMU_PM_RETAIN_REGISTERS,   /* a retention state: registers kept */
} SmmuPmRetention;
#define SMMU_PM_RETAIN__MAX (SMMU_PM_RETAIN_REGISTERS + 1)

/* What the TLB, walk and configuration caches hold at power-up */
typedef enum SmmuPmPowerUpCaches {
    SMMU_PM_CACHES_CLEAN,       /* empty */
    SMMU_PM_CACHES_STALE,       /* the entries from before power-off */
    /*
     * Those entries, still valid-looking, with their output addresses and
     * table pointers scrambled: used, they translate wrongly
     */
    SMMU_PM_CACHES_GARBAGE,
} SmmuPmPowerUpCaches;
/* Number of values (not one itself: switches stay exhaustive) */
#define SMMU_PM_CACHES__MAX (SMMU_PM_CACHES_GARBAGE + 1)

/* What a register access does while OFF */
typedef enum SmmuPmOffAccess {
    SMMU_PM_OFF_RAZ_WI,         /* reads as zero, writes dropped */
    SMMU_PM_OFF_BUS_ERROR,      /* both end in a bus error */
} SmmuPmOffAccess;
#define SMMU_PM_OFF__MAX (SMMU_PM_OFF_BUS_ERROR + 1)

typedef struct SmmuPmPowerConfig {
    SmmuPmRetention retention;
    SmmuPmPowerUpCaches up_caches;
    SmmuPmOffAccess off_access;
    bool on_at_reset;           /* the domain's state after machine reset */
    uint64_t on_latency_ns;     /* request to ON, and to OFF */
    uint64_t off_latency_ns;
} SmmuPmPowerConfig;

typedef struct SmmuPmPowerStats {
    uint64_t power_ups;         /* OFF -> ON */
    uint64_t power_downs;
    uint64_t reads_while_off;
    uint64_t writes_while_off;
    uint64_t dma_while_off;
} SmmuPmPowerStats;

typedef struct SmmuPmPower {
    SmmuPmPowerConfig cfg;
    bool on;                    /* the SMMU's power state now */
    bool want_on;               /* the controller's last request */
    bool transition_pending;    /* want_on != on, due at transition_at */
    uint64_t transition_at_ns;
    SmmuPmPowerStats stats;
} SmmuPmPower;

#endif /* SMMUV3_PM_CORE_BASE_POWER_STATE_H */
